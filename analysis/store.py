"""Write parsed and audited disclosures to data/processed, atomically, and read them back.

Per disclosure, a folder ``<slug>/`` holds:
- ``model.json``: the whole parsed disclosure and its audit (findings, score), lossless
  (``analysis.codec``); ``load_processed`` reads it back, so notebooks never re-parse;
- ``document.json``: source files (SHA-256, pages), tables found, figures, problems;
- ``tables``, ``rows``, ``amounts``, ``claims``, ``indicators`` as Parquet and CSV;
- ``findings.json`` and ``findings.csv`` when the disclosure was audited;
- ``sources/``: copies of the source files, when asked (a report set's copy of the folder
  always has them: ``copy_processed``; the findings link to their pages).
The folder is written under a temporary name and renamed into place, so a reader never
sees a half-written disclosure. Folders are 0755 and files 0644 (a web server can serve them),
whatever the umask.

An output folder (``--out``, ``--processed``) is ``claim``-ed by a run before any work: it is
created if needed, locked (a second run stops with one line naming the holder: pid, host, start
time) and proved writable, and what a killed run left beside it is removed. Beside it — in its
parent, as hidden entries ``.NAME.budget-audit-*``, where a web server serving the folder never
looks, on the same filesystem so that the final renames are atomic — the run keeps its lock file
and its staging folders (mode 0700); when the parent cannot be used (not writable, another
filesystem) they go inside the folder as ``.budget-audit-*``. ``writing`` turns an ``OSError``
met while writing (a full disk, a quota, a permission changed mid-run) into one line.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import __version__, codec
from .checks import AuditResult
from .inputs import SUPPORTED
from .figures import headline_figures
from .model import Disclosure
from .pipeline import shown
from .slug import slugify

MODEL_FILE = "model.json"
# CSV files start with a UTF-8 byte-order mark: Excel on Chinese Windows reads a CSV without one
# as GBK and garbles every Chinese name (pandas and other readers skip the mark: ``utf-8-sig``)
CSV_ENCODING = "utf-8-sig"
SOURCES = "sources"
DIR_MODE, FILE_MODE = 0o755, 0o644
TEMP_PREFIX = ".budget-audit-"   # a run's temporary entries inside an output folder
PRIVATE_MARK = ".budget-audit-"  # ... and beside it: ".NAME" + this + "lock" / "staging-…" / …


class OutputError(Exception):
    """An output folder that cannot be used or written; ``str()`` is one line."""


def make_folder(path: Path) -> None:
    """Create ``path`` and its missing parents, each 0755 whatever the umask."""
    missing = []
    p = Path(path)
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for p in reversed(missing):
        p.mkdir(exist_ok=True)
        os.chmod(p, DIR_MODE)


def writable_folder(path, option: str = "--out") -> Path:
    """Create ``path`` if needed and prove it writable (a temporary folder is made in it and
    removed); raise ``OutputError`` with one line naming ``option`` otherwise. Commands check
    their output folders this way (through ``claim``) before any work."""
    p = _folder(path, option)
    _probe(p, f"{option} {shown(p)}")
    return p


def _folder(path, option: str) -> Path:
    if str(path) == "":
        raise OutputError(f"{option} '': an empty path names no folder")
    p = Path(path)
    label = f"{option} {shown(p)}"
    if p.exists() and not p.is_dir():
        raise OutputError(f"{label}: exists and is not a folder")
    try:
        make_folder(p)
    except OSError as e:
        raise OutputError(f"{label}: cannot create the folder ({e.strerror or e})") from None
    return p


def _probe(p: Path, label: str) -> None:
    try:
        probe = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX + "probe-", dir=p))
        (probe / ".probe").write_bytes(b"")
        shutil.rmtree(probe)
    except OSError as e:
        raise OutputError(f"{label}: not writable ({e.strerror or e})") from None


# ---------------------------------------------------------------------------
# claiming an output folder: lock, private staging beside it, stale leftovers
# ---------------------------------------------------------------------------
@dataclass
class Workspace:
    """An output folder claimed by this run (``claim``)."""
    target: Path        # the output folder, resolved
    label: str          # "--out DIR", for messages
    private: Path       # where the lock file and the staging folders are
    stem: str           # the name prefix of this folder's private entries
    fd: int             # the locked lock file
    claims: int = 1

    @property
    def lock_file(self) -> Path:
        return self.private / f"{self.stem}lock"

    def staging(self, kind: str) -> Path:
        """A new private folder (0700) for this run's ``kind`` of work ("staging", "processed" …),
        on the folder's filesystem; removed by the caller, or as stale by the next run."""
        return Path(tempfile.mkdtemp(prefix=f"{self.stem}{kind}-", dir=self.private))


_claimed: dict = {}   # resolved folder -> its Workspace: claims are re-entrant within a process


def claim(path, option: str = "--out") -> Workspace:
    """Claim the output folder ``path`` for this run: create it (0755), lock it, prove it writable
    and remove what a killed run left (staging folders, temporary copies). Raises ``OutputError``
    with one line: the folder cannot be created or written, or another run holds it (pid, host,
    start time). Claiming a folder this process holds already counts one more claim."""
    p = _folder(path, option)
    key = p.resolve()
    if key in _claimed:
        _claimed[key].claims += 1
        return _claimed[key]
    label = f"{option} {shown(p)}"
    ws = _lock(key, label)
    try:
        _probe(key, label)
        _remove_stale(ws)
    except BaseException:
        _unlock(ws)
        raise
    _claimed[key] = ws
    return ws


def release(ws: Workspace) -> None:
    """Undo one ``claim``; the last one removes the lock file and unlocks."""
    ws.claims -= 1
    if ws.claims <= 0:
        _claimed.pop(ws.target, None)
        _unlock(ws)


@contextlib.contextmanager
def claimed(path, option: str = "--out"):
    ws = claim(path, option)
    try:
        yield ws
    finally:
        release(ws)


def _places(target: Path) -> list:
    """(folder, name prefix) where the run's private entries may go, best first: beside the
    target when its parent is on the same filesystem, else inside it."""
    inside = (target, PRIVATE_MARK)
    parent = target.parent
    try:
        beside = parent != target and os.stat(parent).st_dev == os.stat(target).st_dev
    except OSError:
        beside = False
    return [(parent, f".{target.name}{PRIVATE_MARK}"), inside] if beside else [inside]


def _lock(target: Path, label: str) -> Workspace:
    error = None
    for private, stem in _places(target):
        try:
            fd = _locked(private / f"{stem}lock", label)
        except OSError as e:
            error = e
            continue
        return Workspace(target, label, private, stem, fd)
    raise OutputError(f"{label}: not writable ({error.strerror or error})")


def _locked(path: Path, label: str) -> int:
    """The descriptor of the lock file ``path``, locked (``flock``: the kernel releases it when the
    process dies, even killed), with this run's pid, host and start time written in it."""
    for _ in range(5):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            holder = _holder(fd) if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES) else None
            os.close(fd)
            if holder is None:
                raise
            raise OutputError(f"{label}: in use by another budget-audit run ({holder}); "
                              "run again when it has finished") from None
        try:
            current = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            current = False
        if current:        # not a file that the run finishing just now removed
            _write_holder(fd)
            return fd
        os.close(fd)
    raise OSError(errno.EAGAIN, "the lock file keeps changing", str(path))


def _write_holder(fd: int) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(),
            "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime())}
    os.ftruncate(fd, 0)
    os.pwrite(fd, (json.dumps(info) + "\n").encode("utf-8"), 0)
    os.fchmod(fd, FILE_MODE)


def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return f"pid {int(info['pid'])} on {shown(info['host'])}, started {shown(info['started'])}"
    except (OSError, ValueError, KeyError, TypeError):
        return "its pid, host and start time not written yet"


def _unlock(ws: Workspace) -> None:
    with contextlib.suppress(OSError):
        os.unlink(ws.lock_file)
    with contextlib.suppress(OSError):
        os.close(ws.fd)


def _remove_stale(ws: Workspace) -> None:
    """Remove what runs killed before they could clean up left beside and inside the folder:
    their staging folders (with copies of source files) and temporary copies. The lock is held,
    so no other run is using them."""
    found = [ws.private / n for n in os.listdir(ws.private) if n.startswith(ws.stem)]
    if ws.private != ws.target:
        found += [ws.target / n for n in os.listdir(ws.target) if n.startswith(TEMP_PREFIX)]
    for p in found:
        if p == ws.lock_file:
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                p.unlink()


@contextlib.contextmanager
def writing(label: str):
    """Turn an ``OSError`` met while writing outputs (a full disk, a quota, a permission changed
    mid-run) into an ``OutputError``: one line naming the file (or ``label``) and the reason."""
    try:
        yield
    except OSError as e:
        where = shown(e.filename) if e.filename else label
        reason = e.strerror or str(e)
        raise OutputError(f"{where}: {shown(reason)} (while writing {label}; the previous outputs are "
                          "left as they were)") from None


def summary(d: Disclosure) -> dict:
    """The JSON object printed by ``parse --json`` for one disclosure."""
    figs = headline_figures(d)
    return {
        "department": d.department,
        "year": d.year,
        "unit": d.unit,
        "files": [f.to_dict() for f in d.files],
        "pages": d.page_count,
        "tables": [{"id": t.id, "kind": t.kind, "title": t.title, "label": t.label, "unit": t.unit,
                    "file": Path(t.file).name, "pages": t.pages, "rows": len(t.rows),
                    "empty_reason": t.empty_reason or None} for t in d.tables],
        "figures": {k: None if f.value is None else float(round(f.value, 2)) for k, f in figs.items()},
        "figure_sources": {k: f.to_dict() for k, f in figs.items()},
        "claims": len(d.claims),
        "performance_targets": len(d.performance),
        "problems": [p.to_dict() for p in d.problems],
    }


def frames(d: Disclosure) -> dict:
    """Tidy DataFrames of a disclosure: tables, rows, amounts, claims, indicators."""
    import pandas as pd  # lazy: pandas is loaded when tidy tables are written, never to parse or audit

    tables = pd.DataFrame([{**{k: v for k, v in t.to_dict().items() if k != "columns"},
                            "pages": ",".join(map(str, t.pages)),
                            "columns": ";".join(f"{c.key}={c.label}" for c in t.columns)}
                           for t in d.tables])
    rows, amounts = [], []
    for t in d.tables:
        labels = {c.key: c.label for c in t.columns}
        for r in t.rows:
            rows.append({"table_id": t.id, "kind": t.kind, "row": r.index, "section": r.section,
                         "code": r.code, "name": r.name, "level": r.level, "page": r.page,
                         "file": Path(r.file).name, "flags": ",".join(r.flags),
                         "extra": json.dumps(r.extra, ensure_ascii=False) if r.extra else "",
                         "raw": r.raw})
            for key in list(r.amounts) + list(r.placeholders) + list(r.unreadable):
                status = ("blank" if key in r.blank else "number") if key in r.amounts else \
                    ("placeholder" if key in r.placeholders else "unreadable")
                value = r.amounts.get(key)
                amounts.append({"table_id": t.id, "kind": t.kind, "row": r.index, "code": r.code,
                                "name": r.name, "section": r.section, "column": key,
                                "column_label": labels.get(key, key),
                                "value_wan": None if value is None else str(value),
                                "status": status, "printed_unit": t.unit,
                                "raw": r.placeholders.get(key) or r.unreadable.get(key) or "",
                                "page": r.page})
    claims = pd.DataFrame([c.to_dict() for c in d.claims])
    indicators = pd.DataFrame([{"table_id": p.table_id, "project_code": p.project_code,
                                "project_name": p.project_name, "fund_total": None if p.fund_total is None else str(p.fund_total),
                                **i.to_dict()} for p in d.performance for i in p.indicators])
    return {"tables": tables, "rows": pd.DataFrame(rows), "amounts": pd.DataFrame(amounts),
            "claims": claims, "indicators": indicators}


def document_json(d: Disclosure) -> dict:
    s = summary(d)
    s["tool"] = {"name": "budget-audit", "version": __version__}
    s["tables"] = [t.to_dict() for t in d.tables]
    s["performance"] = [{k: v for k, v in p.to_dict().items() if k != "indicators"}
                        | {"indicators": len(p.indicators)} for p in d.performance]
    s["narrative_pages"] = sorted({(n.file, n.page) for n in d.narrative})
    return s


def model_json(d: Disclosure, result=None) -> str:
    """The lossless JSON text of a disclosure and (optionally) its audit result."""
    payload = {"format": codec.FORMAT, "version": codec.VERSION,
               "tool": {"name": "budget-audit", "version": __version__},
               "disclosure": codec.encode(d),
               "findings": None if result is None else codec.encode(list(result.findings)),
               "score": None if result is None or result.score is None else codec.encode(result.score),
               "checklist": None if result is None else codec.encode(list(result.checklist))}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_disclosure(d: Disclosure, out_dir: str | Path, extra_files: dict | None = None, *,
                     result=None, name: Optional[str] = None, sources: bool = False) -> Path:
    """Write one disclosure's folder ``out_dir/<name or slug>`` atomically; return its path.

    ``result`` (an ``AuditResult``) adds the findings and score; ``sources`` copies the
    source files into ``sources/``."""
    out_dir = Path(out_dir)
    make_folder(out_dir)
    with _new_folder(out_dir, name or d.slug) as tmp:
        for fname, df in frames(d).items():
            df = df.astype("string") if not df.empty else df
            df.to_parquet(tmp / f"{fname}.parquet", index=False)
            df.to_csv(tmp / f"{fname}.csv", index=False, encoding=CSV_ENCODING)
        write_json(tmp / "document.json", document_json(d))
        extra = dict(result.files()) if result is not None else {}
        extra.update(extra_files or {})
        for fname, payload in extra.items():
            if hasattr(payload, "to_csv"):   # a DataFrame (findings.csv)
                payload.to_csv(tmp / fname, index=False, encoding=CSV_ENCODING)
            else:
                write_json(tmp / fname, payload)
        (tmp / MODEL_FILE).write_text(model_json(d, result), encoding="utf-8")
        if sources:
            copy_sources(d, tmp / SOURCES)
    return out_dir / (name or d.slug)


@contextlib.contextmanager
def _new_folder(out_dir: Path, name: str):
    """A private temporary folder beside ``out_dir/name`` to fill; when the block ends it is
    published (0755/0644) and replaces ``out_dir/name`` whole, and when it fails it is removed."""
    tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{name[:60]}.", suffix=".tmp", dir=out_dir))
    try:
        yield tmp
        publish_permissions(tmp)
        replace_dir(tmp, out_dir / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def copy_processed(folder: str | Path, out_dir: str | Path, name: str, disclosure: Disclosure) -> Path:
    """Copy the processed folder ``folder`` of ``disclosure`` to ``out_dir/name`` atomically, with
    ``sources/`` holding copies of its source files (taken from the folder when it has them, else
    from the paths the model names; a source that is gone is left out). Returns the new folder."""
    out_dir = Path(out_dir)
    with _new_folder(out_dir, name) as tmp:
        shutil.copytree(folder, tmp, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
        if not (tmp / SOURCES).is_dir():
            copy_sources(disclosure, tmp / SOURCES)
    return out_dir / name


def source_names(d: Disclosure) -> dict:
    """Source path -> the file name its copy gets in ``sources/`` (distinct within ``d``)."""
    out, used = {}, set()
    for f in d.files:
        p = Path(f.path)
        stem, suffix = slugify(p.stem, max_len=80), p.suffix.lower() if p.suffix.lower() in SUPPORTED else ""
        name, n = f"{stem}{suffix}", 2
        while name in used:
            name, n = f"{stem}-{n}{suffix}", n + 1
        used.add(name)
        out[f.path] = name
    return out


def copy_sources(d: Disclosure, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path, name in source_names(d).items():
        if Path(path).is_file():
            shutil.copyfile(path, folder / name)


def publish_permissions(root: Path) -> None:
    """Folders 0755 and files 0644 under (and including) ``root``, whatever the umask."""
    root = Path(root)
    if root.is_file():
        os.chmod(root, FILE_MODE)
        return
    os.chmod(root, DIR_MODE)
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames:
            os.chmod(os.path.join(dirpath, n), DIR_MODE)
        for n in filenames:
            os.chmod(os.path.join(dirpath, n), FILE_MODE)


@dataclass
class Processed:
    """A disclosure read back from its processed folder, with its audit result."""
    path: Path
    disclosure: Disclosure
    result: object = None    # analysis.checks.AuditResult, or None when not audited

    @property
    def sources(self) -> dict:
        """Source file name -> path of its copy beside the data (only copies that exist)."""
        names = source_names(self.disclosure)
        out = {}
        for f in self.disclosure.files:
            copy = self.path / SOURCES / names[f.path]
            if copy.is_file():
                out[Path(f.path).name] = copy
        return out


class ProcessedError(ValueError):
    pass


def load_processed(path: str | Path) -> Processed:
    """Read one processed folder (or its ``model.json``) written by ``write_disclosure``."""
    p = Path(path)
    file = p / MODEL_FILE if p.is_dir() or not p.suffix else p
    if not file.is_file():
        raise ProcessedError(f"{p}: no {MODEL_FILE} (not a processed disclosure folder; run "
                             f"`budget-audit audit PATH --out {p.parent}`)")
    data = json.loads(file.read_text(encoding="utf-8"))
    if data.get("format") != codec.FORMAT:
        raise ProcessedError(f"{file}: not a budget-audit model file")
    if data.get("version") != codec.VERSION:
        raise ProcessedError(f"{file}: model version {data.get('version')} is not {codec.VERSION}; "
                             "re-run the audit with this version")
    d = codec.decode(data["disclosure"])
    result = None
    if data.get("findings") is not None:
        result = AuditResult(d, codec.decode(data["findings"]), codec.decode(data.get("score")),
                             codec.decode(data.get("checklist") or []))
    return Processed(file.parent, d, result)


def load_many(paths) -> list:
    """Processed disclosures from folders: each path is a disclosure folder or a folder of them;
    sorted by department, year, kind and scope."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out = []
    for p in map(Path, paths):
        if (p / MODEL_FILE).is_file() or p.suffix == ".json":
            out.append(load_processed(p))
        elif p.is_dir():
            subs = sorted(c for c in p.iterdir() if c.is_dir() and not c.name.startswith(".")
                          and (c / MODEL_FILE).is_file())
            out.extend(load_processed(c) for c in subs)
        else:
            raise ProcessedError(f"{p}: not found")
    out.sort(key=lambda x: (x.disclosure.department, x.disclosure.year or 0, x.disclosure.kind,
                            x.disclosure.scope))
    return out


def write_json(path: Path, payload) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=2, default=str)
        fh.write("\n")


def replace_dir(tmp: Path, target: Path, trash: Optional[Path] = None) -> None:
    """Move ``tmp`` to ``target``, replacing an older ``target`` with no moment of absence
    of a complete folder other than the rename itself. The older one goes to ``trash`` (a
    private folder on the same filesystem; by default a temporary one beside ``target``) and
    is removed."""
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}old-", dir=trash or target.parent))
        os.replace(target, old / "x")
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, target)


def publish_folders(staged: Path, ws: Workspace) -> list:
    """Move each folder of ``staged`` into the claimed folder ``ws.target``, replacing its
    namesake (the caller does it in one step that no signal interrupts:
    ``analysis.stopping.committing``); their new paths."""
    out = []
    for child in sorted(staged.iterdir()):
        if child.name.startswith("."):
            continue
        replace_dir(child, ws.target / child.name, trash=staged)
        out.append(ws.target / child.name)
    return out


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
