"""Write parsed disclosures to data/processed as tidy tables, atomically.

Per disclosure, a folder ``<slug>/`` holds:
- ``document.json``: source files (SHA-256, pages), tables found, figures, problems;
- ``tables``, ``rows``, ``amounts``, ``claims``, ``indicators`` as Parquet and CSV.
The folder is written under a temporary name and renamed into place, so a reader never
sees a half-written disclosure.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from . import __version__
from .figures import compute_figures
from .model import Disclosure


def summary(d: Disclosure) -> dict:
    """The JSON object printed by ``parse --json`` for one disclosure."""
    figs = compute_figures(d)
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


def write_disclosure(d: Disclosure, out_dir: str | Path, extra_files: dict | None = None) -> Path:
    """Write one disclosure's folder atomically; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / d.slug
    tmp = Path(tempfile.mkdtemp(prefix=f".{d.slug}.", suffix=".tmp", dir=out_dir))
    try:
        for name, df in frames(d).items():
            df = df.astype("string") if not df.empty else df
            df.to_parquet(tmp / f"{name}.parquet", index=False)
            df.to_csv(tmp / f"{name}.csv", index=False)
        write_json(tmp / "document.json", document_json(d))
        for name, payload in (extra_files or {}).items():
            if isinstance(payload, pd.DataFrame):
                payload.to_csv(tmp / name, index=False)
            else:
                write_json(tmp / name, payload)
        replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def write_json(path: Path, payload) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=2, default=str)
        fh.write("\n")


def replace_dir(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target``, replacing an older ``target`` with no moment of absence
    of a complete folder other than the rename itself."""
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        if old.exists():
            shutil.rmtree(old)
        os.replace(target, old)
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
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
