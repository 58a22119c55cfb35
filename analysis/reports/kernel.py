"""Executing the report notebooks: papermill parameters, an nbclient run, one kernel per worker.

A kernel takes about two seconds to start and import the package; a batch renders one
notebook per disclosure. Each worker process (or thread) therefore keeps one kernel and
runs its notebooks in it one after another, resetting the namespace and the working folder
before each (``%reset -f``), so a notebook sees exactly what a fresh kernel would show it.
A kernel that dies or fails is replaced for the next notebook. The kernel's own log
(e.g. the "running over TCP without encryption" warning) is discarded: it is not the
report's business and would clutter the command's output.

Notebooks execute in one thread of each process (``_notebook_thread``), never in the main
thread: nbclient sets its own SIGINT and SIGTERM handlers where it runs in the main thread (they
kill the kernel, the notebook fails, and the command would go on; once done it leaves the default
handlers behind). In another thread it cannot, so a signal reaches the command's own handler
(``analysis.stopping``) in the main thread, which kills the kernels and stops.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional

from .paths import REPO_ROOT

# jupyter_client, nbclient, nbformat and papermill are imported where they are used: the
# command line imports this module to warm its workers, and only they need the machinery.
KERNEL = "python3"
CELL_TIMEOUT = 1800   # seconds for one cell: a huge disclosure still renders
STARTUP_TIMEOUT = 300  # seconds for a kernel to answer: a loaded machine (CI) can be slow to start one
RESET_TAG = "budget-audit-reset"

_local = threading.local()
_sessions: list = []
_lock = threading.Lock()
_thread: dict = {"pid": None, "executor": None}


def _run_sync(fn):
    from jupyter_core.utils import run_sync

    return run_sync(fn)


class KernelSession:
    """One kernel kept alive for successive notebooks."""

    def __init__(self, env: Optional[dict] = None):
        from jupyter_client.manager import AsyncKernelManager

        self.km = AsyncKernelManager(kernel_name=KERNEL)
        _run_sync(self.km.start_kernel)(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        env={**os.environ, **(env or {})},
                                        extra_arguments=["--HistoryManager.enabled=False"])
        self.used = 0
        self.pid = os.getpid()   # a forked worker inherits this object, not the kernel
        self.thread = threading.get_ident()
        self.warm_client = None

    @property
    def alive(self) -> bool:
        try:
            return bool(_run_sync(self.km.is_alive)())
        except Exception:  # noqa: BLE001
            return False

    def warm(self, code: str) -> None:
        """Send ``code`` to the kernel without waiting: it runs while this process does
        other work, and the first notebook finds the modules imported."""
        if self.warm_client is None:
            kc = self.km.client()
            kc.start_channels()
            kc.execute(code, silent=True, store_history=False)
            self.warm_client = kc

    def drop_warm_client(self) -> None:
        if self.warm_client is not None:
            try:
                self.warm_client.stop_channels()
            except Exception:  # noqa: BLE001
                pass
            self.warm_client = None

    def close(self) -> None:
        if threading.get_ident() != self.thread:
            self.kill()       # its client lives in another thread's event loop: no shutdown request
            return
        self.drop_warm_client()
        try:
            _run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - already gone
            pass

    def kill(self) -> None:
        """Kill the kernel from any thread (it runs in its own session: its process group)."""
        pgid = getattr(getattr(self.km, "provisioner", None), "pgid", None)
        with contextlib.suppress(Exception):
            os.killpg(pgid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.km.cleanup_connection_file()


def kernel_env() -> dict:
    """Make ``analysis`` importable in the kernel even when the package is not installed."""
    root = str(REPO_ROOT)
    pp = os.environ.get("PYTHONPATH", "")
    parts = [root] + [p for p in pp.split(os.pathsep) if p and p != root]
    return {"PYTHONPATH": os.pathsep.join(parts), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def session() -> KernelSession:
    """This thread's kernel, started on first use (and again after a failure)."""
    s = getattr(_local, "session", None)
    if s is not None and s.pid != os.getpid():
        s = None   # inherited through fork: the parent's kernel, not ours
    if s is None or not s.alive:
        if s is not None:
            s.close()
        s = KernelSession(kernel_env())
        _local.session = s
        with _lock:
            _sessions.append(s)
    return s


WARM_CODE = ("import IPython.display, itables, vl_convert\n"
             "import analysis.reports.checklist, analysis.reports.findings as _F, analysis.reports.present as _P\n"
             "_P.register_fonts(); _F.check_titles()\n"
             "del _F, _P")


def _warm() -> None:
    try:
        session().warm(WARM_CODE)
    except Exception:  # noqa: BLE001 - warming is an optimisation; execution starts a kernel anyway
        pass


def warm() -> None:
    """Start this process's kernel now, in its notebook thread, and have it import the report
    modules in the background (a pool worker's initializer): rendering later skips that wait."""
    _notebook_thread().submit(_warm)


def _notebook_thread() -> ThreadPoolExecutor:
    """This process's thread for notebooks (a pool worker gets its own)."""
    if _thread["pid"] != os.getpid():
        _thread.update(pid=os.getpid(), executor=ThreadPoolExecutor(1, thread_name_prefix="budget-audit-notebooks"))
    return _thread["executor"]


def _in_notebook_thread(fn, *args):
    """``fn(*args)`` in the notebook thread; an interrupt while waiting for it kills the kernels
    of this process (the notebook then fails in its thread) and goes on at once."""
    future = _notebook_thread().submit(fn, *args)
    try:
        return future.result()
    except Exception:
        raise
    except BaseException:
        future.cancel()
        kill_all()
        raise


def kill_all() -> None:
    """Kill every kernel this process started (from any thread)."""
    with _lock:
        sessions = [s for s in _sessions if s.pid == os.getpid()]
    for s in sessions:
        s.kill()


def discard_session() -> None:
    s = getattr(_local, "session", None)
    if s is not None and s.pid == os.getpid():
        s.close()
    _local.session = None


def close_all() -> None:
    """Shut down every kernel this process started."""
    with _lock:
        sessions = [s for s in _sessions if s.pid == os.getpid()]
        _sessions.clear()
    for s in sessions:
        s.close()
    _local.session = None


atexit.register(close_all)
try:  # worker processes of a pool leave through multiprocessing, which skips atexit
    from multiprocessing.util import Finalize

    Finalize(None, close_all, exitpriority=10)
except Exception:  # noqa: BLE001 - pragma: no cover
    pass


def _reset_cell(cwd: Path):
    import nbformat

    code = ("get_ipython().run_line_magic('reset', '-f')\n"
            f"import os as _os; _os.chdir({str(cwd)!r}); del _os")
    cell = nbformat.v4.new_code_cell(code)
    cell.metadata["tags"] = [RESET_TAG]
    return cell


def execute_notebook(src: Path, parameters: dict, cwd: Optional[Path] = None, fresh: bool = False):
    """Execute ``src`` with ``parameters`` (injected as papermill does); return the executed
    NotebookNode. ``cwd`` is the kernel's working folder (default: the notebook's). With
    ``fresh`` the notebook gets a kernel of its own, as nbval and JupyterLab give it."""
    import nbformat
    from papermill.parameterize import parameterize_notebook

    cwd = Path(cwd or Path(src).parent).resolve()
    nb = nbformat.read(str(src), as_version=4)
    nb.metadata["papermill"] = {}
    for cell in nb.cells:
        cell.metadata.setdefault("tags", [])
    nb = parameterize_notebook(nb, parameters, report_mode=False, kernel_name=KERNEL)
    nb.metadata.pop("papermill", None)
    nb.cells.insert(0, _reset_cell(cwd))
    return _in_notebook_thread(_execute_once_more, nb, fresh)


def _execute_once_more(nb, fresh: bool):
    try:
        return _execute(nb, fresh)
    except RuntimeError as e:
        if not _is_startup_failure(e):
            raise
    return _execute(nb, fresh)   # a kernel that never answered: once more, with a new kernel


def _is_startup_failure(e: BaseException) -> bool:
    """nbclient's words for a kernel that did not start ("Kernel didn't respond in N seconds",
    "Kernel died before replying to kernel_info"): no cell has run, so a retry is safe."""
    text = str(e)
    return "didn't respond" in text or "before replying to kernel_info" in text


def _execute(nb, fresh: bool):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    s = KernelSession(kernel_env()) if fresh else session()
    client = NotebookClient(nb, km=s.km, kernel_name=KERNEL, timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT,
                            allow_errors=False,
                            record_timing=False, shutdown_kernel="immediate")
    try:
        client.execute()
    except CellExecutionError:
        if not fresh:
            discard_session()   # the next notebook starts from a clean kernel
        raise
    except BaseException:
        if not fresh:
            discard_session()
        raise
    finally:
        # nbclient registers a clean-up at exit and removes it only when the notebook ends
        # normally; the kernel is this module's to shut down (close_all), never nbclient's
        atexit.unregister(client._cleanup_kernel)
        kc = getattr(client, "kc", None)
        if kc is not None:
            try:
                kc.stop_channels()
            except Exception:  # noqa: BLE001
                pass
        if fresh:
            s.close()
    s.used += 1
    s.drop_warm_client()
    nb.cells = [c for c in nb.cells if RESET_TAG not in c.metadata.get("tags", [])]
    return nb
