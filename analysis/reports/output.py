"""The report set on disk: a staging folder inside ``--out``, atomic writes, and the swap that
puts a complete set in place of the previous one, ``index.html`` last.

An interrupted or failed run leaves the previous set, and its index, intact. Folders are 0755
and files 0644 (``analysis.store.publish_permissions``).
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..store import TEMP_PREFIX, OutputError, writable_folder

STAGING_PREFIX = TEMP_PREFIX
FILES_META = "budget-audit-files"   # <meta> of index.html listing the files of its set
INDEX = "index.html"


def prepare_out(out) -> tuple:
    """Check ``out`` and open a staging folder in it: (resolved out, staging folder). Raises
    ``OutputError`` with one clear line."""
    p = writable_folder(out, "--out")
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=p))
    except OSError as e:
        raise OutputError(f"--out {p}: not writable ({e.strerror or e})") from None
    return p.resolve(), staging


def safe_child(out: Path, name: str) -> Path:
    """``out / name`` for a slugged ``name``, refusing anything that would leave ``out``."""
    p = (out / name).resolve()
    if p.parent != out.resolve():
        raise ValueError(f"output name leaves the output folder: {name!r}")
    return p


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def previous_files(out: Path) -> list:
    """The names the previous set in ``out`` wrote (listed in its index.html)."""
    index = out / INDEX
    if not index.is_file():
        return []
    m = re.search(rf'<meta name="{FILES_META}" content="([^"]*)"', index.read_text(encoding="utf-8", errors="replace"))
    if not m:
        return []
    try:
        names = json.loads(html.unescape(m.group(1)))
    except ValueError:
        return []
    return [n for n in names if isinstance(n, str) and n and "/" not in n and not n.startswith(".")]


def swap_in(staging: Path, out: Path) -> None:
    """Move the new set from ``staging`` into ``out``: every entry replaces its namesake, the
    previous set's other entries are removed, and ``index.html`` goes last, so the old index
    stays until the new set is complete. Entries of ``out`` not written by a report run are
    left alone."""
    new = sorted(p.name for p in staging.iterdir() if p.name != INDEX)
    old = set(previous_files(out))
    trash = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX + "old-", dir=out))
    try:
        for name in new:
            target = out / name
            if target.exists() or target.is_symlink():
                os.replace(target, trash / name)
            os.replace(staging / name, target)
        for name in sorted(old - set(new) - {INDEX}):
            target = out / name
            if target.exists() or target.is_symlink():
                os.replace(target, trash / name)
        os.replace(staging / INDEX, out / INDEX)
    finally:
        shutil.rmtree(trash, ignore_errors=True)
