"""The rows of each resource of the dataset, from one processed disclosure (its model and audit)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Optional

from ..figures import headline_figures
from ..parse.titles import canonical_department
from ..structure import totals
from ..vocab import metric_zh
from .regions import region


def _num(v) -> Optional[float]:
    return None if v is None else float(Decimal(str(v)))


def disclosure_row(did: str, d, result) -> dict:
    counts = result.counts() if result is not None else {}
    reading = sum(1 for f in getattr(result, "findings", []) if f.check.startswith("reading."))
    return {"disclosure_id": did, "department": d.department, "department_key": canonical_department(d.department),
            **region(d.department), "year": d.year, "kind": d.kind, "scope": d.scope, "pages": d.page_count,
            "tables": len(d.tables), "staff": _staff(d), "score": None if result is None or result.score is None else round(result.score.total, 2),
            "errors": counts.get("error", 0), "warnings": counts.get("warning", 0), "reading_problems": reading}


def _staff(d) -> Optional[int]:
    c = next((c for c in d.claims if c.metric == "staff_authorized" and c.value), None)
    return int(c.value) if c is not None else None


def file_rows(did: str, d) -> list:
    return [{"disclosure_id": did, "file": Path(f.path).name, "sha256": f.sha256, "format": f.format,
             "pages": f.pages, "size": f.size} for f in d.files]


def figure_rows(did: str, d) -> list:
    return [{"disclosure_id": did, "figure": name, "figure_zh": metric_zh(name), "value_wan": _num(f.value),
             "source": f.source or "empty", "table_id": f.table, "page": f.page or None}
            for name, f in headline_figures(d).items()]


def _status(r, key: str) -> str:
    if key in r.placeholders:
        return "placeholder"
    if key in r.unreadable:
        return "unreadable"
    return "blank" if key in r.blank else "number"


def amount_rows(did: str, d) -> list:
    out = []
    for t in d.tables:
        labels = {c.key: c.label for c in t.columns}
        sums = {id(r) for r in totals(t)}
        for r in t.rows:
            for key in dict.fromkeys(list(r.amounts) + list(r.placeholders) + list(r.unreadable)):
                out.append({"disclosure_id": did, "table_id": t.id, "kind": t.kind, "row": r.index,
                            "total": id(r) in sums, "code": r.code,
                            "name": r.name, "level": r.level, "section": r.section, "column": key,
                            "column_label": labels.get(key, key), "value_wan": _num(r.amounts.get(key)),
                            "status": _status(r, key), "printed_unit": t.unit, "page": r.page or None,
                            "cell": r.refs.get(key, ""), "row_text": r.raw})
    return out


def claim_rows(did: str, d) -> list:
    return [{"disclosure_id": did, "claim": i, "metric": c.metric, "value": _num(c.value), "unit": c.unit,
             "subject": c.subject, "change": c.change, "change_value": _num(c.change_value),
             "change_pct": _num(c.change_pct), "year": c.year, "page": c.page or None, "sentence": c.sentence}
            for i, c in enumerate(d.claims)]


def indicator_rows(did: str, d) -> list:
    out = []
    for p in d.performance:
        for ind in p.indicators:
            out.append({"disclosure_id": did, "indicator": len(out), "table_id": p.table_id,
                        "project": p.project_name or p.title, "level1": ind.level1, "level2": ind.level2,
                        "name": ind.name, "value_raw": ind.value_raw, "value": _num(ind.value), "unit": ind.unit,
                        "nature": ind.nature, "page": ind.page or None})
    return out


def finding_rows(did: str, result) -> list:
    return [{"disclosure_id": did, "finding": i, "check": f.check, "family": f.check.split(".")[0],
             "severity": f.severity, "table_id": f.table_id, "code": f.code, "item": f.item,
             "expected": _num(f.expected), "actual": _num(f.actual), "difference": _num(f.difference),
             "page": f.page, "place": f.place, "message": f.message, "also": ",".join(getattr(f, "also", []) or [])}
            for i, f in enumerate(getattr(result, "findings", []) or [])]


def checklist_rows(did: str, result) -> list:
    return [{"disclosure_id": did, "item": i.id, "name": i.name, "kind": i.kind, "status": i.status,
             "where": i.where, "detail": i.detail} for i in getattr(result, "checklist", []) or []]


def score_rows(did: str, result) -> list:
    s = getattr(result, "score", None)
    if s is None:
        return []
    rows = [{"disclosure_id": did, "part": "total", "score": round(s.total, 2), "weight": 1.0}]
    rows += [{"disclosure_id": did, "part": p.name, "score": round(p.score, 2), "weight": p.weight} for p in s.parts]
    return rows
