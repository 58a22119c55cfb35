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

Beside the read documents, in sub-folders of the same folder and in the same way (atomic writes,
an unreadable entry is a miss, ``off`` turns them off), the later steps of a run are cached, each
entry named by a digest of everything it depends on and of the package's own code and reference
data (``package_digest``, which covers every reader and setting through the parse keys):

* ``parsed/``: a file's ``ParsedDocument`` (``cached_parse``), keyed by the file's content and name,
  the reader's version and every setting (``parsed_key``);
* ``disclosures/``: the ``Disclosure`` merged from a group of parsed documents (``cached_merge``),
  keyed by their parse keys and paths in the order given (``disclosure_key``);
* ``audits/``: a disclosure's ``AuditResult`` without its disclosure (``cached_audit``,
  ``store_audit``), keyed by the disclosure's key, its department's name as unified across the
  batch, kind and scope, and the same of every disclosure of its batch in order
  (``audit_keys``): a check may consult the other disclosures of the batch (the previous year's),
  so a batch with a file added or removed audits again;
* ``dataset/``: a processed folder's dataset rows (``cached_rows``).

An object that came from an entry, or was stored as one, carries its key as the attribute
``cache_key`` (``key_of``; never a dataclass field, so never written to an output): a disclosure
without one (parsed with the cache off, or made by a caller) is merged and audited as usual, and
so is every disclosure of a batch holding one.
"""
from __future__ import annotations

import contextlib
import gc
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


@contextlib.contextmanager
def _collector_paused():
    """Unpickling makes many small objects at once: the cyclic collector, run again and again
    over the growing heap while an entry loads, would take longer than the load itself (no
    object made by ``pickle.load`` is garbage, and nothing else runs meanwhile)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _load(path: Path, kind: type = SourceDocument):
    try:
        with open(path, "rb") as fh, _collector_paused():
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
    key = parsed_key(path, sha256, settings)
    where = entry_path(folder / PARSED, key)
    doc = _load(where, kind)
    if doc is None:
        doc = parse()
        _store(where, doc)
    doc.source.path = Path(path)
    mark(doc, key)
    return doc


# ---------------------------------------------------------------------------
# merged disclosures and their audits: a re-run of the same batch merges and audits nothing
# ---------------------------------------------------------------------------
DISCLOSURES = "disclosures"   # the sub-folder of the cache folder holding merged disclosures
AUDITS = "audits"             # the sub-folder holding audit results
KEY = "cache_key"
"""The attribute naming the entry an object came from or was stored as (a parsed document's
parse key, a disclosure's merge key). Never a dataclass field: it is not written to any output,
and a copy made with ``dataclasses.replace`` (a changed object) has none."""


def mark(obj, key: Optional[str]) -> None:
    """Name ``obj`` by its cache entry ``key`` (``key_of`` reads it back)."""
    setattr(obj, KEY, key)


def key_of(obj) -> Optional[str]:
    """The cache entry ``obj`` is named by, or None (made without the cache, or changed since)."""
    return getattr(obj, "__dict__", {}).get(KEY)


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in (*parts, package_digest()):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def disclosure_key(docs: list) -> Optional[str]:
    """The entry of the disclosure merged from ``docs`` (parsed documents, in the order given):
    their parse keys and paths (a disclosure names its files by path), and the package. None when
    a document has no parse key (parsed without the cache)."""
    keys = [key_of(d) for d in docs]
    if not docs or None in keys:
        return None
    return _digest(DISCLOSURES, *(f"{k}\0{d.source.path}" for k, d in zip(keys, docs)))


def cached_merge(docs: list, merge: Callable[[list], object], kind: type):
    """The disclosure merged from ``docs``: from the cache when an entry holds one (an instance of
    ``kind``) for the same documents (``disclosure_key``), else ``merge(docs)`` — stored for the
    next run. The disclosure is named by its key (``key_of``) for the audit cache."""
    folder = cache_dir()
    key = disclosure_key(docs) if folder is not None else None
    if key is None:
        return merge(docs)
    where = entry_path(folder / DISCLOSURES, key)
    disclosure = _load(where, kind)
    if disclosure is None:
        disclosure = merge(docs)
        _store(where, disclosure)
    mark(disclosure, key)
    return disclosure


def _identity(d) -> str:
    """A disclosure's key and what a batch may have set on it after its merge (the department's
    name unified across the batch, its kind and scope)."""
    return "\0".join((key_of(d) or "", str(d.department), str(d.year), str(d.kind), str(d.scope)))


def audit_keys(disclosures: list) -> list:
    """The audit entry of each of ``disclosures`` (one batch, in order): its own key and a
    fingerprint of the whole batch (the checks may consult any other disclosure of it: the
    previous year's), so that any change of the batch audits again. All None when the cache is
    off or a disclosure of the batch has no key."""
    if cache_dir() is None or any(key_of(d) is None for d in disclosures):
        return [None] * len(disclosures)
    batch = _digest(AUDITS, *map(_identity, disclosures))
    return [_digest(AUDITS, _identity(d), batch) for d in disclosures]


def cached_audit(key: Optional[str], kind: type):
    """The audit result stored under ``key`` (an instance of ``kind``), or None."""
    folder = cache_dir()
    if key is None or folder is None:
        return None
    return _load(entry_path(folder / AUDITS, key), kind)


def store_audit(key: Optional[str], result) -> None:
    """Store an audit result under ``key`` (nothing when ``key`` is None or the cache is off)."""
    folder = cache_dir()
    if key is not None and folder is not None:
        _store(entry_path(folder / AUDITS, key), result)


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
