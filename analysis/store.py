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
sees a half-written disclosure. Folders are 0755 and files 0644 (a web server can serve them).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pandas as pd

from . import __version__, codec
from .checks import AuditResult
from .figures import headline_figures
from .model import Disclosure
from .pipeline import shown
from .slug import slugify

MODEL_FILE = "model.json"
SOURCES = "sources"
DIR_MODE, FILE_MODE = 0o755, 0o644
TEMP_PREFIX = ".budget-audit-"   # temporary folders of a run inside an output folder


class OutputError(Exception):
    """An output folder that cannot be used; ``str()`` is one line."""


def writable_folder(path, option: str = "--out") -> Path:
    """Create ``path`` if needed and prove it writable (a temporary folder is made in it and
    removed); raise ``OutputError`` with one line naming ``option`` otherwise. Commands check
    their output folders this way before any work."""
    p = Path(path)
    label = f"{option} {shown(p)}"
    if p.exists() and not p.is_dir():
        raise OutputError(f"{label}: exists and is not a folder")
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{label}: cannot create the folder ({e.strerror or e})") from None
    try:
        probe = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=p))
        (probe / ".probe").write_bytes(b"")
        shutil.rmtree(probe)
    except OSError as e:
        raise OutputError(f"{label}: not writable ({e.strerror or e})") from None
    return p


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
    out_dir.mkdir(parents=True, exist_ok=True)
    name = name or d.slug
    target = out_dir / name
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir))
    try:
        for fname, df in frames(d).items():
            df = df.astype("string") if not df.empty else df
            df.to_parquet(tmp / f"{fname}.parquet", index=False)
            df.to_csv(tmp / f"{fname}.csv", index=False)
        write_json(tmp / "document.json", document_json(d))
        extra = dict(result.files()) if result is not None else {}
        extra.update(extra_files or {})
        for fname, payload in extra.items():
            if isinstance(payload, pd.DataFrame):
                payload.to_csv(tmp / fname, index=False)
            else:
                write_json(tmp / fname, payload)
        (tmp / MODEL_FILE).write_text(model_json(d, result), encoding="utf-8")
        if sources:
            copy_sources(d, tmp / SOURCES)
        publish_permissions(tmp)
        replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def copy_processed(folder: str | Path, out_dir: str | Path, name: str, disclosure: Disclosure) -> Path:
    """Copy the processed folder ``folder`` of ``disclosure`` to ``out_dir/name`` atomically, with
    ``sources/`` holding copies of its source files (taken from the folder when it has them, else
    from the paths the model names; a source that is gone is left out). Returns the new folder."""
    out_dir = Path(out_dir)
    target = out_dir / name
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir))
    try:
        shutil.copytree(folder, tmp, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
        if not (tmp / SOURCES).is_dir():
            copy_sources(disclosure, tmp / SOURCES)
        publish_permissions(tmp)
        replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def source_names(d: Disclosure) -> dict:
    """Source path -> the file name its copy gets in ``sources/`` (distinct within ``d``)."""
    out, used = {}, set()
    for f in d.files:
        p = Path(f.path)
        stem, suffix = slugify(p.stem, max_len=80), p.suffix.lower() if p.suffix.lower() in (".pdf", ".txt") else ""
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


def replace_dir(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target``, replacing an older ``target`` with no moment of absence
    of a complete folder other than the rename itself."""
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.replace(target, old / "x")
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, target)


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
