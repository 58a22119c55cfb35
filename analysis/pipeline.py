"""Batch running: files -> parsed documents -> disclosures -> audit results.

This module schedules; the work is done elsewhere. Data flows one way and each step runs once
per input:

1. ``discover`` (``analysis.inputs.files``): the files under the given paths; identical files
   (same SHA-256) are read once, with a warning; a path found or given that is not read is one
   error saying why;
2. ``parse_task`` (one task per file; ``analysis.parse.grouping.read_file``): a ``ParsedDocument``;
   a file that cannot be read, or that holds several disclosures (two years, two departments),
   becomes one error ``FILE: reason``. Repeated content is read once: a page whose text an
   earlier page of its file printed is left out when the file is read (``analysis.inputs``), and
   a file whose pages are all printed in another file is dropped here (``repeated_content``),
   each with one warning;
3. ``assemble`` (``analysis.parse.grouping``): documents -> disclosures (department-year, kept
   apart by document kind and scope), sorted, with the errors in file order;
4. ``audit_task`` (one task per chunk of disclosures): findings, checklist and score; a disclosure whose
   audit fails becomes one error naming its files. A re-run of the same batch takes each result
   from the cache instead (``inputs.cache``: merged disclosures and audits are cached, keyed by the
   parsed files and by the whole batch).

Tasks run on a ``Runner``: in-process, on a local process pool (``--workers N``) or on a
Dask distributed cluster (``--scheduler ADDRESS``). Task functions are plain top-level
functions of picklable arguments, so any of them can run anywhere the package is installed.
A task never raises for bad input; the batch always goes on.
"""
from __future__ import annotations

import os
import signal
import socket
import sys
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, Optional

from . import stopping
from .checks import AuditResult, audit_one
from .inputs.cache import audit_keys, cached_audit, store_audit
from .inputs.files import BatchError, as_batch_error, discover, failure, json_line, list_files, shown  # noqa: F401 (re-exported)
from .parse.document import parse_document
from .parse.grouping import assemble, group, read_file, several_disclosures, sort_key, unify_department_names  # noqa: F401
from .inputs import pages
from .settings import DEFAULT, ReaderSettings


def parse_task(path: str, settings: ReaderSettings = DEFAULT, workers: int = 1, least: int = 0):
    """One file -> ``ParsedDocument`` or ``BatchError`` (``read_file``); or, on a pool of
    ``workers`` >= 2, a ``ReadPlan`` for a large PDF not read before, of at least ``least`` bytes
    (``pages.least_size``): its pages are then read in
    ranges by several tasks (``range_task``) and parsed by ``parse_read_task``. A file that repeats
    pages is read without them. When the repeats are scattered rather than the file's tail (its
    content printed again), two disclosures of one file (two years, two departments) may share
    pages: that they are one disclosure is then decided on all its pages."""
    if workers > 1:
        try:
            plan = pages.plan(path, settings, workers, least)
        except Exception:  # noqa: BLE001 - a plan is an optimisation: the file is read whole
            plan = None
        if plan is not None:
            return plan
    return _parsed(path, read_file(path, settings), settings)


def range_task(item: tuple, settings: ReaderSettings = DEFAULT):
    """(path, first, last) -> the ``PageReading`` of each of those pages, or None when one cannot
    be read (the file is then read whole, and fails there with its own reason)."""
    path, first, last = item
    try:
        return pages.read_range(path, first, last, settings)
    except Exception:  # noqa: BLE001 - the whole reading says what is wrong
        return None


def parse_read_task(item: tuple, settings: ReaderSettings = DEFAULT):
    """(path, its document read in ranges or None) -> what ``parse_task`` gives for the file."""
    path, source = item
    return _parsed(path, read_file(path, settings, source), settings)


def _parsed(path: str, res, settings: ReaderSettings):
    """``res`` (a parse of ``path``), or the error of a file whose scattered repeats hide two disclosures."""
    source = getattr(res, "source", None)
    if getattr(source, "repeated", None) and not _repeats_at_the_end(source):
        try:
            problem = several_disclosures(parse_document(path, replace(settings, read_repeated_pages=True)))
        except Exception:  # noqa: BLE001 - read once already; the check is not worth a failure
            problem = None
        if problem:
            return BatchError(path, problem)
    return res


# ---------------------------------------------------------------------------
# 4. audit (one task per chunk of disclosures; the checks see the whole batch)
# ---------------------------------------------------------------------------
def audit_task(indices: list, batch: list) -> list:
    """[(index, AuditResult or None, error)] for ``batch[i]`` for i in ``indices``."""
    out = []
    for i in indices:
        try:
            result = audit_one(batch[i], batch)
            result.disclosure = None   # the caller has it: only the findings, checklist and score travel back
            out.append((i, result, ""))
        except Exception as e:  # noqa: BLE001 - one disclosure's failure is reported, the others go on
            out.append((i, None, failure(e, "audit failed")))
    return out


def _repeats_at_the_end(source) -> bool:
    """Whether the pages a file repeats are its last ones (after its last distinct page)."""
    again = sorted(n for n, _ in source.repeated)
    total = len(source.pages) + len(again)
    return again == list(range(total - len(again) + 1, total + 1))


def chunks(n: int, parts: int) -> list:
    parts = max(1, min(parts, n))
    return [list(range(i, n, parts)) for i in range(parts)] if n else []


# ---------------------------------------------------------------------------
# runners
# ---------------------------------------------------------------------------
class TaskFailed(Exception):
    """A task that died outside its own error handling (a worker crash, a pickling error)."""


class SchedulerError(Exception):
    """A ``--scheduler`` that cannot be used; ``str()`` is one line naming it."""


class Runner:
    """Runs task functions; ``map`` yields (index, result) as tasks complete. A task that
    could not run yields a ``TaskFailed`` as its result. After each result the run stops if a
    signal asked it to (``analysis.stopping``); leaving the ``with`` block on an exception other
    than ``Exception`` (an interrupt) aborts the workers instead of waiting for them."""
    workers = 1
    name = "serial"

    def map(self, fn: Callable, items: list, *shared) -> Iterator:
        for i, item in enumerate(items):
            try:
                res = fn(item, *shared)
            except Exception as e:  # noqa: BLE001
                res = TaskFailed(failure(e, "task failed"))
            stopping.check()
            yield i, res

    def close(self) -> None:
        pass

    def abort(self) -> None:
        """Stop at once (an interrupt): running tasks are abandoned, their results never used."""
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if kind is not None and not issubclass(kind, Exception):
            self.abort()
        else:
            self.close()


WORKER_ENVIRONMENT = ("BUDGET_AUDIT_CACHE", "XDG_CACHE_HOME")
"""Environment variables a task reads (where the caches are): a pool's workers take them from the
process that makes the pool, at that moment."""


def _environment() -> dict:
    """The values of ``WORKER_ENVIRONMENT`` in this process (None: not set)."""
    return {name: os.environ.get(name) for name in WORKER_ENVIRONMENT}


def _start_worker(initializer: Optional[Callable], environment: dict) -> None:
    """A pool worker's start. Ctrl-C is for the command, which stops the workers itself. A worker
    comes from a fork server that keeps the environment it was started with: the variables tasks
    read are set to the pool's maker's (a program may point the cache elsewhere between two pools)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name, value in environment.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if initializer:
        initializer()


class PoolRunner(Runner):
    """A local process pool of ``workers`` processes. Workers start from a fork server where the
    platform has one: forking a process that runs threads (a Dask client, a kernel manager) can
    deadlock the child. Workers ignore SIGINT from their start (the fork server is started with
    it ignored, and each worker's initializer ignores it again): a Ctrl-C stops the command, which
    terminates them. Workers read the caches named by this process's environment when the pool
    is made (``WORKER_ENVIRONMENT``), not the fork server's."""
    name = "processes"

    def __init__(self, workers: int, initializer: Optional[Callable] = None):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
        if ctx.get_start_method() == "forkserver":
            from multiprocessing import forkserver

            with stopping.sigint_ignored():
                forkserver.ensure_running()
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_start_worker,
                                        initargs=(initializer, _environment()))

    def map(self, fn, items, *shared):
        from concurrent.futures import as_completed

        with stopping.deferred():   # a worker interrupted while it is being started fails noisily
            futures = {self.pool.submit(fn, item, *shared): i for i, item in enumerate(items)}
        try:
            for fut in as_completed(futures):
                i = futures[fut]
                try:
                    res = fut.result()
                except Exception as e:  # noqa: BLE001
                    res = TaskFailed(failure(e, "task failed"))
                stopping.check()
                yield i, res
        finally:
            for fut in futures:
                fut.cancel()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def abort(self) -> None:
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(timeout=5)


class DaskRunner(Runner):
    """Tasks on a Dask distributed cluster at ``address`` (``tcp://host:8786``), or on a
    ``distributed.Client`` given directly. Workers must import this package (run them from
    this project's environment) and see the input and output paths (a shared filesystem).
    An address that cannot be reached is a ``SchedulerError`` within ``CONNECT_TIMEOUT``
    seconds; on an interrupt the batch's tasks are cancelled."""
    name = "dask"
    CONNECT_TIMEOUT = 10

    def __init__(self, address):
        from distributed import Client

        self.own = not hasattr(address, "submit")
        self.futures: list = []
        if self.own:
            reachable(address, self.CONNECT_TIMEOUT)
            try:
                self.client = Client(address, set_as_default=False, timeout=self.CONNECT_TIMEOUT)
            except (OSError, ValueError, TypeError) as e:
                raise SchedulerError(f"--scheduler {shown(address)}: cannot connect ({shown(e)})") from None
        else:
            self.client = address
        info = self.client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def map(self, fn, items, *shared):
        from distributed import as_completed

        # one copy per worker, under a key of its own: scattering data again under the key a
        # previous map released (its hash) can wait forever for the release to finish
        shared = [self.client.scatter([s], broadcast=True, hash=False)[0] for s in shared]
        futures = [self.client.submit(fn, item, *shared, pure=False) for item in items]
        self.futures = futures
        index = {f.key: i for i, f in enumerate(futures)}
        try:
            for fut in as_completed(futures, loop=self.client.loop):
                i = index[fut.key]
                try:
                    res = fut.result()
                except Exception as e:  # noqa: BLE001
                    res = TaskFailed(failure(e, "task failed"))
                stopping.check()
                yield i, res
        finally:
            for fut in futures:
                fut.release()

    def close(self) -> None:
        if self.own:
            self.client.close()

    def abort(self) -> None:
        try:
            if self.futures:
                self.client.cancel(self.futures, force=True)
        except Exception:  # noqa: BLE001 - stopping: the cluster may be gone already
            pass
        self.close()


def reachable(address: str, timeout: float) -> None:
    """Raise ``SchedulerError`` unless a TCP ``address`` accepts a connection within ``timeout``
    seconds (other transports are left to the Dask client)."""
    from distributed.comm.addressing import get_address_host_port, parse_address

    try:
        scheme, _ = parse_address(str(address))
        if scheme not in ("tcp", "tls"):
            return
        host, port = get_address_host_port(str(address))
        socket.create_connection((host, port), timeout=timeout).close()
    except (OSError, ValueError, TypeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e) or type(e).__name__
        raise SchedulerError(f"--scheduler {shown(address)}: cannot connect ({shown(reason)})") from None


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def make_runner(workers: Optional[int] = None, scheduler=None, initializer: Optional[Callable] = None) -> Runner:
    """A Dask runner when ``scheduler`` is given, else a local pool of ``workers`` processes
    (default: the number of cores), or in-process work for one worker. ``initializer`` runs
    once in each local worker (in this process for one worker) before its first task. Raises
    ``SchedulerError`` (one line) for a scheduler that cannot be reached."""
    if scheduler:
        return DaskRunner(scheduler)
    workers = default_workers() if workers is None else workers
    if workers > 1:
        return PoolRunner(workers, initializer)
    if initializer:
        initializer()
    return Runner()


# ---------------------------------------------------------------------------
# the batch
# ---------------------------------------------------------------------------
class Progress:
    """What ``parse_batch`` says of its work as it goes (a progress bar listens): ``start`` with
    the number of files, then ``advance`` by 1.0 for a file read whole, or by a range's share of
    its file's estimated cost for each page range of a file read in ranges (``inputs.pages``)."""

    def start(self, files: int) -> None:
        pass

    def advance(self, path, share: float) -> None:
        pass


@dataclass
class Batch:
    disclosures: list = field(default_factory=list)
    results: list = field(default_factory=list)      # AuditResult per disclosure (audited batches)
    errors: list = field(default_factory=list)       # BatchError
    warnings: list = field(default_factory=list)     # str, already escaped

    @property
    def pairs(self) -> list:
        return list(zip(self.disclosures, self.results))


def parse_batch(paths: Iterable, runner: Optional[Runner] = None, progress: Optional["Progress"] = None,
                settings: ReaderSettings = DEFAULT) -> Batch:
    """Discover and parse ``paths`` (one ``parse_task`` per file on ``runner``, reading with
    ``settings``; a large PDF read for the first time on a pool is read in page ranges, see
    ``analysis.inputs.pages``); group the documents into disclosures (sorted). ``progress``
    (a ``Progress``) hears how many files there are, then of the work done as it completes."""
    runner = runner or Runner()
    files, errors, warnings = discover(paths)
    if progress:
        progress.start(len(files))
    results: list = [None] * len(files)
    plans: dict = {}    # index of a file read in page ranges -> its ReadPlan
    least = pages.least_size(files, runner.workers) if runner.workers > 1 else 0
    for i, res in runner.map(parse_task, [str(f) for f in files], settings, runner.workers, least):
        if isinstance(res, pages.ReadPlan):
            plans[i] = res
            continue
        results[i] = BatchError(files[i], str(res)) if isinstance(res, TaskFailed) else res
        if progress:
            progress.advance(files[i], 1.0)
    if plans:
        for i, res in _read_in_ranges(files, plans, runner, progress, settings):
            results[i] = BatchError(files[i], str(res)) if isinstance(res, TaskFailed) else res
    results, repeats = repeated_content(files, results)
    years = [f"{shown(f)}: {r.year_note}" for f, r in zip(files, results) if getattr(r, "year_note", "")]
    disclosures, errors = assemble(files, results, errors)
    return Batch(disclosures, [], errors, warnings + repeats + years)


def _read_in_ranges(files: list, plans: dict, runner: Runner, progress, settings: ReaderSettings) -> Iterator:
    """(index, parse result) of each planned file: its page ranges read by as many tasks, put
    together in the main process (``pages.assemble``), then parsed by one more task. A file one of
    whose ranges could not be read is read whole instead, and says why there."""
    items = [(i, first, last, share) for i, plan in plans.items() for (first, last), share in zip(plan.ranges, plan.shares)]
    readings: dict = {i: [] for i in plans}
    failed: set = set()
    for k, res in runner.map(range_task, [(str(files[i]), a, b) for i, a, b, _ in items], settings):
        i, share = items[k][0], items[k][3]
        if isinstance(res, list):
            readings[i].extend(res)
        else:
            failed.add(i)
        if progress:
            progress.advance(files[i], share)
    sources: dict = {}
    for i in plans:
        try:
            sources[i] = None if i in failed else pages.assemble(files[i], readings[i], settings)
        except Exception:  # noqa: BLE001 - the whole reading says what is wrong
            sources[i] = None
    readings.clear()
    order = list(plans)
    for k, res in runner.map(parse_read_task, [(str(files[i]), sources[i]) for i in order], settings):
        yield order[k], res


def _ranges(numbers: list) -> str:
    """Page numbers as ranges: [1, 2, 3, 7] -> "1-3, 7"."""
    out, start, prev = [], None, None
    for n in sorted(set(numbers)) + [None]:
        if start is not None and (n is None or n != prev + 1):
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = None
        if start is None:
            start = n
        prev = n
    return ", ".join(out)


def _pages(res) -> set:
    """The digests of the pages a parsed file read (none for a file that failed)."""
    source = getattr(res, "source", None)
    return {p.digest for p in getattr(source, "pages", ()) if p.digest}


def repeated_content(files: list, results: list) -> tuple[list, list]:
    """(results with a file whose pages another file prints left out (None), warning lines).

    A file whose page texts equal an earlier file's, or are all printed in a larger file (a copy
    with bytes appended, a part of a file given with the whole), adds nothing to a disclosure but
    its findings a second time: it is read once, and one warning names both files. Files sharing
    only some pages are both read, with a warning. Pages a file repeats itself were left out when
    it was read (``SourceDocument.repeated``); that is one warning too."""
    results = list(results)
    warnings = [_repeats_within(f, r.source) for f, r in zip(files, results)
                if getattr(getattr(r, "source", None), "repeated", None)]
    kept: dict = {}    # index of a file read -> its page digests
    for i, res in enumerate(results):
        mine = _pages(res)
        if not mine:
            continue
        for j, theirs in list(kept.items()):
            if mine <= theirs:
                warnings.append(f"{shown(files[i])}: {_same(mine, theirs)} {shown(files[j])}; read once")
                results[i] = None
                break
            if theirs < mine:
                warnings.append(f"{shown(files[j])}: {_same(theirs, mine)} {shown(files[i])}; read once")
                results[j] = None
                del kept[j]
            elif mine & theirs:
                warnings.append(f"{shown(files[i])}: {len(mine & theirs)} of its pages print the same text as pages "
                                f"of {shown(files[j])}; both files are read")
        else:
            kept[i] = mine
    return results, warnings


def _same(mine: set, theirs: set) -> str:
    return "same pages as" if mine == theirs else f"each of its {len(mine)} pages is printed in"


def _repeats_within(path, source) -> str:
    again = [n for n, _ in source.repeated]
    first = [m for _, m in source.repeated]
    total = len(source.pages) + len(again)
    lines = f", and {source.repeated_lines} lines of text repeat earlier text" if source.repeated_lines else ""
    return (f"{shown(path)}: {len(again)} of its {total} pages repeat earlier pages of the file (pages "
            f"{_ranges(again)} repeat {_ranges(first)}){lines}; each distinct page read once")


def audit_batch(batch: Batch, runner: Optional[Runner] = None) -> Batch:
    """Audit every disclosure of ``batch`` (in place); a disclosure whose audit fails is
    dropped from the batch and reported as an error naming its files. A disclosure audited before
    in the same batch (the same disclosures, in the same order: ``inputs.cache.audit_keys``) takes
    its findings, checklist and score from the cache; the others are audited on ``runner``."""
    runner = runner or Runner()
    ds = batch.disclosures
    keys = audit_keys(ds)
    results: list = [cached_audit(k, AuditResult) for k in keys]
    todo = [i for i, r in enumerate(results) if r is None]
    failed: dict = {}
    parts = [[todo[j] for j in part] for part in chunks(len(todo), runner.workers)]
    for n, res in (runner.map(audit_task, parts, ds) if parts else ()):
        if isinstance(res, TaskFailed):
            for i in parts[n]:
                failed[i] = str(res)
            continue
        for i, result, error in res:
            if error:
                failed[i] = error
            else:
                store_audit(keys[i], result)
                results[i] = result
    for i, result in enumerate(results):
        if result is not None:
            result.disclosure = ds[i]
    keep = [i for i in range(len(ds)) if i not in failed]
    for i in sorted(failed):
        for f in ds[i].files or [None]:
            batch.errors.append(BatchError(f.path if f else ds[i].department, failed[i]))
    batch.disclosures = [ds[i] for i in keep]
    batch.results = [results[i] for i in keep]
    return batch


def run(paths: Iterable, runner: Optional[Runner] = None, audit: bool = True,
        settings: ReaderSettings = DEFAULT, progress: Optional["Progress"] = None) -> Batch:
    """Parse (and audit) ``paths`` on ``runner``, reading with ``settings`` (``progress``: see
    ``parse_batch``)."""
    batch = parse_batch(paths, runner, progress, settings=settings)
    return audit_batch(batch, runner) if audit else batch


def print_problems(batch: Batch, stream=None) -> None:
    stream = stream or sys.stderr
    for w in batch.warnings:
        print(f"warning: {w}", file=stream)
    for e in batch.errors:
        print(f"error: {as_batch_error(e).line()}", file=stream)


def slugs(disclosures: list, reserved: Iterable = ()) -> list:
    """A distinct file-name slug per disclosure (``Disclosure.slug``, suffixed -2, -3 … on a clash)."""
    used = set(reserved)
    out = []
    for d in disclosures:
        base = d.slug
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out.append(slug)
    return out
