"""What the reports read: processed folders, with the facts stored in them once:

* headline figures, chosen from the figures located when the disclosure was assembled
  (``analysis.figures.headline_figures``): ``figures``, ``HEADLINE``;
* the checklist of required items the audit built (``AuditResult.checklist``, the one the
  completeness checks and the score read): ``checklist``.

The notebooks read a processed folder (``model.json``, written once by ``audit --out`` or
``report``): nothing here parses a PDF, runs a check or locates a figure.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from .. import vocab
from ..figures import headline_figures
from ..model import Disclosure
from ..store import Processed, load_processed


# ---------------------------------------------------------------------------
# processed folders
# ---------------------------------------------------------------------------
@dataclass
class Report:
    """What a department report shows: a processed disclosure, its audit, and where its
    files are relative to the page (``base``: the processed folder as the notebook names it)."""
    disclosure: Disclosure
    result: object
    base: str
    sources: dict = field(default_factory=dict)   # source file name -> href of its copy

    @property
    def d(self) -> Disclosure:
        return self.disclosure


def href(path) -> str:
    """A relative path as a URL (CJK and spaces quoted, slashes kept)."""
    return quote(Path(path).as_posix(), safe="/.-_~:")


def department(processed) -> Report:
    """The report data of one processed disclosure folder (``processed`` as the notebook
    names it, relative to the page being rendered)."""
    p: Processed = load_processed(processed)
    if p.result is None:
        raise ValueError(f"{processed}: not audited (run `budget-audit audit PATH --out DIR`)")
    return Report(p.disclosure, p.result, str(processed),
                  {name: href(copy) for name, copy in p.sources.items()})


# ---------------------------------------------------------------------------
# names and numbers
# ---------------------------------------------------------------------------
def document_name(d: Disclosure) -> str:
    """部门预算 / 单位预算 / 部门决算 …"""
    return vocab.document_name(d.kind, d.scope)


def label(d: Disclosure) -> str:
    """The disclosure as a column or series name: department and year, and the document when
    it is not a department budget."""
    base = f"{d.department} {d.year or ''}".strip()
    if d.kind != "budget" or d.scope != "department":
        base += f" {document_name(d)}"
    return base


def fnum(v) -> Optional[float]:
    """An amount as a float rounded to 0.01 (None for blanks and non-numbers)."""
    if v is None or v == "":
        return None
    try:
        return float(round(Decimal(str(v)), 2))
    except Exception:  # noqa: BLE001 - anything that is not a number shows as a blank
        return None


# ---------------------------------------------------------------------------
# findings of an audit result
# ---------------------------------------------------------------------------
READING_FAMILY = "reading"   # reading problems of the tool, never errors of the disclosure


def is_reading(f) -> bool:
    return str(getattr(f, "check", "")).split(".")[0] == READING_FAMILY


def disclosure_findings(result) -> list:
    """Findings about the disclosure (reading problems of the tool left out)."""
    return [f for f in getattr(result, "findings", []) if not is_reading(f)]


def reading_findings(result) -> list:
    return [f for f in getattr(result, "findings", []) if is_reading(f)]


def counts(result) -> dict:
    """Findings about the disclosure by severity, and the number of reading problems (reading
    findings and what the parser could not read)."""
    out = {s: 0 for s in vocab.SEVERITIES}
    for f in disclosure_findings(result):
        out[f.severity] = out.get(f.severity, 0) + 1
    problems = getattr(getattr(result, "disclosure", None), "problems", []) or []
    out["reading"] = len(reading_findings(result)) + len(problems)
    return out


# ---------------------------------------------------------------------------
# headline figures
# ---------------------------------------------------------------------------
# the figures the comparison shows, in order (names of analysis.vocab metrics)
HEADLINE = ("total_income", "total_expenditure", "basic_expenditure", "project_expenditure",
            "three_public_total", "operating_costs")


@dataclass(frozen=True)
class Figure:
    value: Optional[float]     # 万元, rounded to 0.01
    where: str = ""            # "t03 第7页", "情况说明 第2页", or "" when nothing gives the figure


def figures(d: Disclosure) -> dict:
    """metric name -> ``Figure`` of every headline figure of ``d``."""
    return {name: Figure(fnum(f.value), _where(f)) for name, f in headline_figures(d).items()}


def _where(f) -> str:
    if not f.source:
        return ""
    if f.source == "narrative":
        return f"情况说明 第{f.page}页"
    return f"{f.table} {f.place}" if getattr(f, "place", "") else f"{f.table} 第{f.page}页"


# ---------------------------------------------------------------------------
# the required-items checklist
# ---------------------------------------------------------------------------
def checklist(result) -> list:
    """The required items of an audited disclosure (``analysis.checklist.ItemStatus``, tables
    first, then explanations and rules), as the audit judged them."""
    items = list(getattr(result, "checklist", None) or [])
    return sorted(items, key=lambda i: (i.kind not in ("table", "final_table"), i.kind == "rule", i.id))
