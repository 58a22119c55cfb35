"""The report set on disk: a private staging folder beside ``--out``, atomic writes, and the swap
that puts a complete set in place of the previous one, ``index.html`` last.

``--out`` is claimed first (``analysis.store.claim``: locked, what a killed run left removed);
the staging folder is one of its private folders (mode 0700, beside it, on its filesystem), so a
web server serving ``--out`` never shows a half-made set or the copies of the source files. An
interrupted or failed run leaves the previous set, and its index, intact: the swap is the only
step that changes ``--out``, no signal interrupts it (``analysis.stopping.committing``), and a
rename that fails in it is undone. Folders are 0755 and files 0644
(``analysis.store.publish_permissions``).
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..store import OutputError, Workspace, claim

FILES_META = "budget-audit-files"   # <meta> of index.html listing the files of its set
INDEX = "index.html"


def prepare_out(out) -> tuple:
    """Claim ``out`` and open a staging folder for it: (the claim, staging folder). Raises
    ``OutputError`` with one clear line; the caller releases the claim."""
    ws = claim(out, "--out")
    try:
        staging = ws.staging("staging")
    except OSError as e:
        raise OutputError(f"{ws.label}: not writable ({e.strerror or e})") from None
    return ws, staging


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


def swap_in(staging: Path, ws: Workspace) -> None:
    """Move the new set from ``staging`` into the claimed ``--out``: every entry replaces its
    namesake, the previous set's other entries are removed, and ``index.html`` goes last, so the
    old index stays until the new set is complete. Entries of ``--out`` not written by a report
    run are left alone. A rename that fails puts back what was moved and raises."""
    out = ws.target
    new = sorted(p.name for p in staging.iterdir() if p.name != INDEX)
    old = set(previous_files(out))
    trash = ws.staging("old")
    moved: list = []    # (from, to) in order, to undo
    try:
        for name in new:
            _move(out / name, trash / name, moved)
            _move(staging / name, out / name, moved)
        for name in sorted(old - set(new) - {INDEX}):
            _move(out / name, trash / name, moved)
        os.replace(staging / INDEX, out / INDEX)
    except OSError:
        for src, dst in reversed(moved):
            try:
                os.replace(dst, src)
            except OSError:
                pass
        raise
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def _move(src: Path, dst: Path, moved: list) -> None:
    if src.exists() or src.is_symlink():
        os.replace(src, dst)
        moved.append((src, dst))
