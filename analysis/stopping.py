"""Stopping a run: SIGINT (Ctrl-C) and SIGTERM, one path for every runner.

``handled()`` (the command line wraps each command in it) makes both signals raise ``Interrupted``
in the main thread, whatever it is doing: waiting for a pool or a Dask cluster, or executing a
notebook in this process. The exception unwinds through the code that owns each resource — a
runner stops its workers (``analysis.pipeline``), the staging folders are removed and the locks
released (``analysis.store``) — and the command prints one line and exits 130 (SIGINT) or 143
(SIGTERM). Outputs are put in place only inside ``committing()``: a signal that arrives there waits
until the step is done, and ``check()`` at its start (and after every task) stops a run whose
signal some library caught and turned into another error. A second signal while the run is
stopping is ignored: the clean-up is short and must finish.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Optional

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_state: dict = {"signal": None, "deferred": 0}


class Interrupted(BaseException):
    """The run was asked to stop by ``signum`` (a BaseException, like KeyboardInterrupt, so that
    no ``except Exception`` of a task swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def code(self) -> int:
        """The exit code of a process stopped by the signal: 128 + its number (130, 143)."""
        return 128 + self.signum

    def line(self) -> str:
        return f"interrupted ({self.name}): stopped; previous outputs left as they were"


def _handler(signum, frame) -> None:
    if _state["signal"] is not None:
        return                      # already stopping: the clean-up must finish
    _state["signal"] = signum
    if not _state["deferred"]:
        raise Interrupted(signum)


@contextmanager
def handled():
    """SIGINT and SIGTERM raise ``Interrupted`` in the main thread while the block runs (elsewhere
    than in the main thread signals cannot be handled, and the block runs unchanged)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.getsignal(s) for s in SIGNALS}
    _state.update(signal=None, deferred=0)
    for s in SIGNALS:
        signal.signal(s, _handler)
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        _state.update(signal=None, deferred=0)


def requested() -> Optional[int]:
    """The signal that asked the run to stop, or None."""
    return _state["signal"]


def check() -> None:
    """Raise ``Interrupted`` when a signal arrived (and was caught by code that went on)."""
    if _state["signal"] is not None:
        raise Interrupted(_state["signal"])


@contextmanager
def deferred():
    """A short step a signal must not cut in two (handing tasks to worker processes as they
    start): a signal arriving during it stops the run when it is over."""
    _state["deferred"] += 1
    try:
        yield
    finally:
        _state["deferred"] -= 1
    if not _state["deferred"]:
        check()


@contextmanager
def committing():
    """The step that puts outputs in place: it starts only when no signal arrived, and a signal
    arriving during it waits until it is over (the run then finishes: its outputs are complete)."""
    check()
    _state["deferred"] += 1
    try:
        yield
    finally:
        _state["deferred"] -= 1


@contextmanager
def sigint_ignored():
    """SIGINT ignored while the block starts helper processes (a fork server, pool workers): they
    inherit it (an ignored signal stays ignored across ``exec``, and Python then installs no
    KeyboardInterrupt handler) and leave stopping to this process, instead of each dying with a
    traceback on Ctrl-C. Starting them takes milliseconds; a Ctrl-C in that moment is lost."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)
