"""Batch running: files -> parsed documents -> disclosures -> audit results.

Data flows one way and each step runs once per input:

1. ``discover``: the files under the given paths; identical files (same SHA-256) are read
   once, with a warning;
2. ``parse_task`` (one task per file): ``parse_document(path) -> ParsedDocument``; a file
   that cannot be read, or that holds several disclosures (two years, two departments),
   becomes one error ``FILE: reason``;
3. ``group``: documents -> disclosures (department-year, kept apart by document kind and
   scope);
4. ``audit_task`` (one task per chunk of disclosures): findings and score; a disclosure whose
   audit fails becomes one error naming its files.

Tasks run on a ``Runner``: in-process, on a local process pool (``--workers N``) or on a
Dask distributed cluster (``--scheduler ADDRESS``). Task functions are plain top-level
functions of picklable arguments, so any of them can run anywhere the package is installed.
A task never raises for bad input; the batch always goes on.
"""
from __future__ import annotations

import os
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .inputs import InputError
from .inputs.base import sha256_of
from .parse.titles import same_department

SKIP_SUFFIXES = (".md", ".json")
# table kinds that open a disclosure's table set: printed once per disclosure
OPENING_KINDS = ("department_summary", "fiscal_summary", "final_summary", "final_fiscal_summary")


# ---------------------------------------------------------------------------
# messages
# ---------------------------------------------------------------------------
def shown(text) -> str:
    """``text`` safe to print on one line: control and format characters (newlines, escape
    sequences, bidirectional overrides) are written as ``\\xNN`` / ``\\uNNNN``."""
    out = []
    for ch in str(text):
        cat = unicodedata.category(ch)
        if cat[0] == "C" or cat in ("Zl", "Zp"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


class BatchError(InputError):
    """One input (a file, or the files of one disclosure) that the batch could not use."""

    def __init__(self, path, reason: str):
        super().__init__(path, " ".join(str(reason).split()))

    def __reduce__(self):   # crosses process boundaries (pool and Dask workers) intact
        return (BatchError, (self.path, self.reason))

    def line(self) -> str:
        """``FILE: reason`` on one line, with the file name escaped."""
        return f"{shown(self.path)}: {shown(self.reason)}"


def as_batch_error(e: InputError) -> BatchError:
    return e if isinstance(e, BatchError) else BatchError(e.path, e.reason)


def _reason(e: BaseException, what: str) -> str:
    text = str(e).strip() or repr(e)
    return f"{what}: {type(e).__name__}: {text[:300]}"


# ---------------------------------------------------------------------------
# 1. files
# ---------------------------------------------------------------------------
def list_files(paths: Iterable) -> tuple[list, list]:
    """Files under ``paths`` (folders searched recursively, hidden files and notes skipped)."""
    files, errors = [], []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)
                                and f.suffix.lower() not in SKIP_SUFFIXES))
        elif p.exists():
            files.append(p)
        else:
            errors.append(BatchError(p, "file not found"))
    return files, errors


def discover(paths: Iterable) -> tuple[list, list, list]:
    """(files to read, errors, warnings). A file whose bytes equal an earlier one's (SHA-256)
    is read once; the copy gets a warning naming both."""
    files, errors = list_files(paths)
    warnings: list = []
    seen: dict = {}
    unique: list = []
    for f in files:
        try:
            size = f.stat().st_size
            sha = sha256_of(f) if size else None
        except OSError as e:
            errors.append(BatchError(f, f"cannot be read: {e.strerror or e}"))
            continue
        if sha is not None and sha in seen:
            first = seen[sha]
            if os.path.realpath(first) == os.path.realpath(f):
                continue   # the same file named twice
            warnings.append(f"{shown(f)}: same content as {shown(first)} (SHA-256 {sha[:12]}…); read once")
            continue
        if sha is not None:
            seen[sha] = f
        unique.append(f)
    return unique, errors, warnings


# ---------------------------------------------------------------------------
# 2. parse (one task per file)
# ---------------------------------------------------------------------------
def parse_task(path: str):
    """Parse one file: a ``ParsedDocument``, or a ``BatchError`` (never raises for bad input)."""
    from .parse.disclosure import parse_document

    try:
        doc = parse_document(path)
        problem = several_disclosures(doc)
    except InputError as e:
        return as_batch_error(e)
    except Exception as e:  # noqa: BLE001 - any failure of one file is that file's error
        return BatchError(path, _reason(e, "could not be read"))
    if problem:
        return BatchError(path, problem)
    return doc


def several_disclosures(doc) -> Optional[str]:
    """Why ``doc`` holds more than one disclosure (two years, two departments), or None.

    A disclosure prints its opening table (收支总表) once. When one is printed several times,
    the tables from each to the next are one part; parts that name different budget years or
    different departments are different disclosures, which must not be merged."""
    from .parse.identity import best_department, department_votes, year_votes

    tables = list(doc.tables)
    kinds = Counter(t.kind for t in tables)
    opening = next((k for k in OPENING_KINDS if kinds.get(k, 0) >= 2), None)
    if opening is None:
        return None
    starts = [i for i, t in enumerate(tables) if t.kind == opening]
    parts = [tables[a:b] for a, b in zip(starts, starts[1:] + [len(tables)])]
    pages = {p.number: p for p in doc.source.pages}
    years, departments = [], []
    for part in parts:
        numbers = sorted({n for t in part for n in t.pages})
        lines = [l.text for n in numbers if n in pages for l in pages[n].lines]
        votes = Counter(t.year for t in part if t.year)
        votes.update(year_votes(lines))
        years.append(votes.most_common(1)[0][0] if votes else None)
        departments.append(best_department(department_votes(lines)))
    distinct_years = sorted({y for y in years if y})
    if len(distinct_years) > 1:
        return (f"holds {len(parts)} disclosures of different years ({', '.join(map(str, distinct_years))}); "
                "not merged: split it into one file per department-year")
    named = [d for d in departments if d]
    for i, a in enumerate(named):
        for b in named[i + 1:]:
            if not same_department(a, b):
                return (f"holds disclosures of different departments ({a}, {b}); "
                        "not merged: split it into one file per department-year")
    return None


# ---------------------------------------------------------------------------
# 3. group
# ---------------------------------------------------------------------------
def kind_of(doc) -> str:
    return getattr(doc, "kind", None) or "budget"


def scope_of(doc) -> str:
    return getattr(doc, "scope", None) or "department"


def group(parsed: Iterable) -> tuple[list, list]:
    """Parsed documents -> (disclosures, errors). One disclosure per department, year,
    document kind (budget / final accounts) and scope (department / unit)."""
    from .parse.disclosure import _merge

    groups: list = []
    for p in parsed:
        for g in groups:
            q = g[0]
            if (q.year == p.year and kind_of(q) == kind_of(p) and scope_of(q) == scope_of(p)
                    and any(same_department(x.department, p.department) for x in g)):
                g.append(p)
                break
        else:
            groups.append([p])
    disclosures, errors = [], []
    for g in groups:
        try:
            d = _merge(g)
        except Exception as e:  # noqa: BLE001
            errors.extend(BatchError(x.source.path, _reason(e, "could not be merged")) for x in g)
            continue
        d.kind, d.scope = kind_of(g[0]), scope_of(g[0])
        disclosures.append(d)
    return unify_department_names(disclosures), errors


def unify_department_names(disclosures: list) -> list:
    """One department, one printed name across a batch: 中国共产党江苏省委员会办公厅 (2017) and
    中共江苏省委办公厅 (2018, 2019) are shown under the spelling most of its disclosures use."""
    from .parse.titles import canonical_department

    by_key: dict = {}
    for d in disclosures:
        by_key.setdefault(canonical_department(d.department), []).append(d)
    for ds in by_key.values():
        votes = Counter(d.department for d in ds)
        name = sorted(votes.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        for d in ds:
            d.department = name
    return disclosures


def sort_key(d) -> tuple:
    return (d.department, d.year or 0, d.kind, d.scope)


# ---------------------------------------------------------------------------
# 4. audit (one task per chunk of disclosures; the checks see the whole batch)
# ---------------------------------------------------------------------------
def audit_task(indices: list, batch: list) -> list:
    """[(index, AuditResult or None, error)] for ``batch[i]`` for i in ``indices``."""
    from .checks import audit_one

    out = []
    for i in indices:
        try:
            result = audit_one(batch[i], batch)
            result.disclosure = None   # the caller has it: only the findings, checklist and score travel back
            out.append((i, result, ""))
        except Exception as e:  # noqa: BLE001 - one disclosure's failure is reported, the others go on
            out.append((i, None, _reason(e, "audit failed")))
    return out


def chunks(n: int, parts: int) -> list:
    parts = max(1, min(parts, n))
    return [list(range(i, n, parts)) for i in range(parts)] if n else []


# ---------------------------------------------------------------------------
# runners
# ---------------------------------------------------------------------------
class TaskFailed(Exception):
    """A task that died outside its own error handling (a worker crash, a pickling error)."""


class Runner:
    """Runs task functions; ``map`` yields (index, result) as tasks complete. A task that
    could not run yields a ``TaskFailed`` as its result."""
    workers = 1
    name = "serial"

    def map(self, fn: Callable, items: list, *shared) -> Iterator:
        for i, item in enumerate(items):
            try:
                yield i, fn(item, *shared)
            except Exception as e:  # noqa: BLE001
                yield i, TaskFailed(_reason(e, "task failed"))

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class PoolRunner(Runner):
    """A local process pool of ``workers`` processes. Workers start from a fork server where the
    platform has one: forking a process that runs threads (a Dask client, a kernel manager) can
    deadlock the child."""
    name = "processes"

    def __init__(self, workers: int, initializer: Optional[Callable] = None):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=initializer)

    def map(self, fn, items, *shared):
        from concurrent.futures import as_completed

        futures = {self.pool.submit(fn, item, *shared): i for i, item in enumerate(items)}
        try:
            for fut in as_completed(futures):
                i = futures[fut]
                try:
                    yield i, fut.result()
                except Exception as e:  # noqa: BLE001
                    yield i, TaskFailed(_reason(e, "task failed"))
        finally:
            for fut in futures:
                fut.cancel()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner(Runner):
    """Tasks on a Dask distributed cluster at ``address`` (``tcp://host:8786``), or on a
    ``distributed.Client`` given directly. Workers must import this package (run them from
    this project's environment) and see the input and output paths (a shared filesystem)."""
    name = "dask"

    def __init__(self, address):
        from distributed import Client

        self.own = not hasattr(address, "submit")
        self.client = Client(address, set_as_default=False) if self.own else address
        info = self.client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def map(self, fn, items, *shared):
        from distributed import as_completed

        shared = [self.client.scatter([s], broadcast=True)[0] for s in shared]   # one copy per worker
        futures = [self.client.submit(fn, item, *shared, pure=False) for item in items]
        index = {f.key: i for i, f in enumerate(futures)}
        try:
            for fut in as_completed(futures, loop=self.client.loop):
                i = index[fut.key]
                try:
                    yield i, fut.result()
                except Exception as e:  # noqa: BLE001
                    yield i, TaskFailed(_reason(e, "task failed"))
        finally:
            for fut in futures:
                fut.release()

    def close(self) -> None:
        if self.own:
            self.client.close()


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def make_runner(workers: Optional[int] = None, scheduler=None, initializer: Optional[Callable] = None) -> Runner:
    """A Dask runner when ``scheduler`` is given, else a local pool of ``workers`` processes
    (default: the number of cores), or in-process work for one worker. ``initializer`` runs
    once in each local worker (in this process for one worker) before its first task."""
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
@dataclass
class Batch:
    disclosures: list = field(default_factory=list)
    results: list = field(default_factory=list)      # AuditResult per disclosure (audited batches)
    errors: list = field(default_factory=list)       # BatchError
    warnings: list = field(default_factory=list)     # str, already escaped

    @property
    def pairs(self) -> list:
        return list(zip(self.disclosures, self.results))


def parse_batch(paths: Iterable, runner: Optional[Runner] = None, progress: Callable = None) -> Batch:
    """Discover and parse ``paths``; group the documents into disclosures (sorted)."""
    runner = runner or Runner()
    files, errors, warnings = discover(paths)
    docs: list = [None] * len(files)
    for i, res in runner.map(parse_task, [str(f) for f in files]):
        if isinstance(res, TaskFailed):
            errors.append(BatchError(files[i], str(res)))
        elif isinstance(res, InputError):
            errors.append(as_batch_error(res))
        else:
            docs[i] = res
        if progress:
            progress(files[i])
    disclosures, merge_errors = group([d for d in docs if d is not None])
    disclosures.sort(key=sort_key)
    order = {str(f): n for n, f in enumerate(files)}
    errors = sorted(errors + merge_errors, key=lambda e: (order.get(e.path, len(order)), e.path))
    return Batch(disclosures, [], errors, warnings)


def audit_batch(batch: Batch, runner: Optional[Runner] = None) -> Batch:
    """Audit every disclosure of ``batch`` (in place); a disclosure whose audit fails is
    dropped from the batch and reported as an error naming its files."""

    runner = runner or Runner()
    ds = batch.disclosures
    results: list = [None] * len(ds)
    failed: dict = {}
    parts = chunks(len(ds), runner.workers)
    for n, res in runner.map(audit_task, parts, ds):
        if isinstance(res, TaskFailed):
            for i in parts[n]:
                failed[i] = str(res)
            continue
        for i, result, error in res:
            if error:
                failed[i] = error
            else:
                result.disclosure = ds[i]
                results[i] = result
    keep = [i for i in range(len(ds)) if i not in failed]
    for i in sorted(failed):
        for f in ds[i].files or [None]:
            batch.errors.append(BatchError(f.path if f else ds[i].department, failed[i]))
    batch.disclosures = [ds[i] for i in keep]
    batch.results = [results[i] for i in keep]
    return batch


def run(paths: Iterable, runner: Optional[Runner] = None, audit: bool = True) -> Batch:
    """Parse (and audit) ``paths`` on ``runner``."""
    batch = parse_batch(paths, runner)
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
