"""Which files a batch reads, and how a file that cannot be used is named.

``discover`` lists the files under the given paths (folders searched recursively; hidden files
and notes skipped) and reads identical files (same SHA-256) once, with a warning. A file that
cannot be used becomes one ``BatchError``, printed ``FILE: reason`` on one line with control
characters escaped (file names and reasons come from outside).
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Iterable

from .base import InputError, sha256_of

SKIP_SUFFIXES = (".md", ".json")


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


def failure(e: BaseException, what: str) -> str:
    """The reason given for an unexpected exception: ``what: Type: message`` (300 characters)."""
    text = str(e).strip() or repr(e)
    return f"{what}: {type(e).__name__}: {text[:300]}"


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
