"""The console script ``budget-audit`` (and ``python -m analysis``): the command line, with SIGINT
and SIGTERM handled from the first moment.

Importing the package takes a second or two; a Ctrl-C meanwhile would print a traceback of the
import. Until the command installs its own handlers (``analysis.stopping.handled``), a signal
ends the process at once with the command's one line: nothing has been written yet. Processes the
command starts (a fork server imports the console script again to preload it for pool workers)
see ``LAUNCHED`` in their environment and keep the handlers they were given.
"""
from __future__ import annotations

import os
import signal
import sys

from . import stopping


def _before_start(signum, frame) -> None:
    print(stopping.Interrupted(signum).line(), file=sys.stderr, flush=True)
    os._exit(128 + signum)


LAUNCHED = "BUDGET_AUDIT_COMMAND_PID"
if LAUNCHED not in os.environ:
    os.environ[LAUNCHED] = str(os.getpid())
    for _signal in stopping.SIGNALS:
        signal.signal(_signal, _before_start)

from .cli import main  # noqa: E402 - after the handlers, on purpose

__all__ = ["main"]
