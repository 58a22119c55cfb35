"""The source-document cache: a file read once is not read again while nothing it depends on changed.

An entry is one pickled ``SourceDocument``, named by everything its reading depends on:

* the file's content (SHA-256), not its name or time: a copy under another name is a hit;
* the reader (``ReaderSettings.reader``) and its version: the versions of the libraries it reads
  with and a digest of the layout layer's own source (``analysis/inputs``), so that a change of
  either reads again;
* every reader setting (``ReaderSettings``; its repr names each field and value).

The folder is ``$BUDGET_AUDIT_CACHE`` when set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/budget-audit/sources`` or ``~/.cache/budget-audit/sources``. It is regenerable:
deleting it costs one read per file. Entries are written to a private temporary file and renamed
into place (readers never see half an entry; two workers writing one entry write the same bytes).
An entry that cannot be loaded (truncated, corrupt, from an incompatible Python) is ignored and
written again; a cache folder that cannot be written is not an error (the file is read, as without
a cache). Only documents read whole are kept: a file that cannot be read is tried again each run.
Entries are pickles: the folder must be the user's own (as ``~/.cache`` is), never a shared one
others can write.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Optional

from ..settings import ReaderSettings
from .base import SourceDocument

log = logging.getLogger(__name__)

ENV = "BUDGET_AUDIT_CACHE"
OFF = {"off", "0", "no", "false", "none"}
SUFFIX = ".pickle"
FORMAT = 1   # of the entry itself (what is pickled); a change reads everything again

LIBRARIES = {"pdfplumber": ("pdfplumber", "pdfminer.six"), "pdfium": ("pypdfium2",)}
"""The distributions each reader reads with: their versions are part of the reader's version."""


def cache_dir() -> Optional[Path]:
    """The cache folder, or None when the cache is off."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() in OFF:
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
    return Path(base) / "budget-audit" / "sources"


NOT_READ_BY = {"pdfplumber": {"pdfium.py"}}
"""Modules of the layout layer a reader does not run: a change there keeps its entries."""


@lru_cache(maxsize=None)
def _code_digest(reader: str) -> str:
    """A digest of the layout layer's source as ``reader`` runs it: what it reads depends on it."""
    h = hashlib.sha256()
    for f in sorted(Path(__file__).parent.glob("*.py")):
        if f.name not in NOT_READ_BY.get(reader, ()):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


@lru_cache(maxsize=None)
def reader_version(reader: str) -> str:
    """The version of ``reader``: its libraries' versions, the layout code's digest, the entry format."""
    libs = ",".join(f"{d}={_version(d)}" for d in LIBRARIES.get(reader, ()))
    return f"{reader};{libs};code={_code_digest(reader)[:16]};format={FORMAT}"


def entry_key(sha256: str, settings: ReaderSettings) -> str:
    """The name of the entry of a file with content ``sha256`` read with ``settings``."""
    h = hashlib.sha256()
    h.update(reader_version(settings.reader).encode())
    h.update(repr(settings).encode())
    return f"{sha256}-{settings.reader}-{h.hexdigest()[:24]}"


def entry_path(folder: Path, key: str) -> Path:
    return folder / key[:2] / f"{key}{SUFFIX}"


def has_source(sha256: str, settings: ReaderSettings) -> bool:
    """Whether the cache holds the document of a file with content ``sha256`` read with ``settings``."""
    folder = cache_dir()
    return folder is not None and entry_path(folder, entry_key(sha256, settings)).is_file()


def _load(path: Path, kind: type = SourceDocument):
    try:
        with open(path, "rb") as fh:
            doc = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - any unreadable entry is a miss, written again
        log.info("cache: %s unreadable (%s); read again", path, type(exc).__name__)
        return None
    return doc if isinstance(doc, kind) else None


def _store(path: Path, doc) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:   # a full disk, a read-only home: read without a cache
        log.info("source cache: cannot write %s (%s)", path, exc)


def cached(path: Path, sha256: str, settings: ReaderSettings, read: Callable[[], SourceDocument]) -> SourceDocument:
    """The document of the file at ``path`` (content ``sha256``) read with ``settings``: from the
    cache when an entry holds it, else ``read()`` — stored for the next run."""
    folder = cache_dir()
    if folder is None:
        return read()
    where = entry_path(folder, entry_key(sha256, settings))
    doc = _load(where)
    if doc is not None:
        doc.path = Path(path)     # the same content may come under another name
        return doc
    doc = read()
    _store(where, doc)
    return doc


# ---------------------------------------------------------------------------
# parsed documents: a file parsed once is not parsed again while nothing changed
# ---------------------------------------------------------------------------
PARSED = "parsed"    # the sub-folder of the cache folder holding parsed documents


@lru_cache(maxsize=1)
def package_digest() -> str:
    """A digest of the package's own code and reference data: what a parse gives depends on all
    of it (readers, vocabulary, reference CSVs), so any change parses again."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        if f.suffix in (".py", ".csv") and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def parsed_key(path: Path, sha256: str, settings: ReaderSettings) -> str:
    """The entry of a file's parse: its content, its name (the name is evidence of the year and
    is printed in the tables' places), the reader's version, every setting and the package."""
    h = hashlib.sha256()
    for part in (Path(path).name, reader_version(settings.reader), repr(settings), package_digest()):
        h.update(part.encode() + b"\0")
    return f"{sha256}-{h.hexdigest()[:24]}"


def has_parse(path: Path, sha256: str, settings: ReaderSettings) -> bool:
    """Whether the cache holds the parse of the file at ``path`` (content ``sha256``)."""
    folder = cache_dir()
    return folder is not None and entry_path(folder / PARSED, parsed_key(path, sha256, settings)).is_file()


def cached_parse(path: Path, sha256: str, settings: ReaderSettings, parse: Callable[[], object], kind: type):
    """The parse of the file at ``path`` (content ``sha256``): from the cache when an entry holds
    one (an instance of ``kind``) for the same content, name, code and settings, else ``parse()``
    — stored for the next run. A parse that raises is never stored."""
    folder = cache_dir()
    if folder is None:
        return parse()
    where = entry_path(folder / PARSED, parsed_key(path, sha256, settings))
    doc = _load(where, kind)
    if doc is not None:
        doc.source.path = Path(path)
        return doc
    doc = parse()
    _store(where, doc)
    return doc


# ---------------------------------------------------------------------------
# dataset rows of a processed disclosure: rebuilding a dataset decodes only what changed
# ---------------------------------------------------------------------------
ROWS = "dataset"     # the sub-folder of the cache folder holding dataset rows


def cached_rows(key: str, compute: Callable[[], dict]) -> dict:
    """The dataset rows named ``key`` (a processed folder's name and its model file's SHA-256),
    from the cache, else ``compute()`` — stored for the next build (keyed by the package too)."""
    folder = cache_dir()
    if folder is None:
        return compute()
    name = hashlib.sha256(f"{key}\0{package_digest()}".encode()).hexdigest()
    where = entry_path(folder / ROWS, name)
    rows = _load(where, dict)
    if rows is not None:
        return rows
    rows = compute()
    _store(where, rows)
    return rows
