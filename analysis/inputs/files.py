"""Which files a batch reads, and how a file that cannot be used is named.

``discover`` lists the files under the given paths (folders searched recursively, following
links to folders; hidden files and folders and notes — ``.md``, ``.json`` — skipped) and reads
identical files (same SHA-256) once, with a warning. Anything else found that is not read is
one ``BatchError`` saying why: a broken link, a link loop, a named pipe or another special file,
a folder that cannot be listed. A file that cannot be used becomes one ``BatchError``, printed
``FILE: reason`` on one line with control characters escaped (file names and reasons come from
outside); ``json_line`` escapes them the same way in JSON.
"""
from __future__ import annotations

import errno
import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import Iterable

from .base import InputError, sha256_of

SKIP_SUFFIXES = (".md", ".json")


def hostile(ch: str) -> bool:
    """A character a terminal acts on or hides: control and format characters (newlines, escape
    sequences, bidirectional overrides such as U+202E), separators of lines and paragraphs."""
    cat = unicodedata.category(ch)
    return cat[0] == "C" or cat in ("Zl", "Zp")


def shown(text) -> str:
    """``text`` safe to print on one line: control and format characters (newlines, escape
    sequences, bidirectional overrides) are written as ``\\xNN`` / ``\\uNNNN``."""
    out = []
    for ch in str(text):
        if hostile(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_line(obj) -> str:
    """``obj`` as one line of JSON, Chinese text as it is, every ``hostile`` character escaped
    (``json.loads`` gives the same object back)."""
    text = json.dumps(obj, ensure_ascii=False)
    return "".join(_json_escape(ch) if hostile(ch) else ch for ch in text)


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


def failure(e: BaseException, what: str) -> str:
    """The reason given for an unexpected exception: ``what: Type: message`` (300 characters)."""
    text = str(e).strip() or repr(e)
    return f"{what}: {type(e).__name__}: {text[:300]}"


_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _kind(path: Path) -> tuple:
    """("dir" | "file" | "bad", the reason a bad one is not read, its (device, inode))."""
    try:
        st = os.stat(path)
    except OSError as e:
        if os.path.islink(path):
            if e.errno == errno.ELOOP:
                return "bad", "symbolic link loop (it leads back to itself); not read", None
            if e.errno == errno.ENOENT:
                return "bad", f"broken symbolic link (its target {os.readlink(path)} does not exist); not read", None
        return "bad", f"cannot be read ({e.strerror or e})", None
    if stat.S_ISDIR(st.st_mode):
        return "dir", "", (st.st_dev, st.st_ino)
    if stat.S_ISREG(st.st_mode):
        return "file", "", (st.st_dev, st.st_ino)
    what = next((name for test, name in _SPECIAL if test(st.st_mode)), "not a regular file")
    return "bad", f"{what}, not a file; not read", None


def _walk(folder: Path, ancestors: tuple, seen: set, files: list, errors: list) -> None:
    """The files under ``folder`` (whose (device, inode) ends ``ancestors``), depth first."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        errors.append(BatchError(folder, f"folder cannot be read ({e.strerror or e}); not read"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue                       # hidden files and folders: skipped by rule
        path = Path(entry.path)
        kind, why, key = _kind(path)
        if kind == "bad":
            errors.append(BatchError(path, why))
        elif kind == "file" and path.suffix.lower() not in SKIP_SUFFIXES:
            files.append(path)
        elif kind == "dir" and key in ancestors:
            errors.append(BatchError(path, f"symbolic link loop (it leads back to {os.path.realpath(path)}, "
                                           "a folder it is in); not read"))
        elif kind == "dir" and key not in seen:   # a folder reached twice (two links) is read once
            seen.add(key)
            _walk(path, ancestors + (key,), seen, files, errors)


def list_files(paths: Iterable) -> tuple[list, list]:
    """Files under ``paths`` (folders searched recursively, hidden files and notes skipped), and
    one ``BatchError`` for each path given or found that is not read."""
    files, errors = [], []
    for p in paths:
        p = Path(p)
        kind, why, key = _kind(p)
        if kind == "file":
            files.append(p)
        elif kind == "dir":
            found: list = []
            _walk(p, (key,), {key}, found, errors)
            files.extend(sorted(found))
        elif os.path.lexists(p):
            errors.append(BatchError(p, why))
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
