"""A transparency score for one disclosure: a reading aid, not a verdict.

``score(disclosure, findings)`` returns a ``Score`` with four parts, each 0–100 with a weight,
and their weighted total (0–100). The rubric, its weights and sources are documented in
``docs/score.md``; keep the two in step.

* completeness (完整性, 0.35) – the required tables and explanations of the disclosure's kind
  (the checklist, ``analysis.checklist``, read from ``analysis.vocab.required_items``) are
  there, and empty tables say why;
* internal consistency (内部一致性, 0.35) – arithmetic and cross-table findings, weighted by
  severity, against the number of figures the tables print;
* granularity (细化程度, 0.15) – function classification to 项, economic classification to 款,
  三公 vehicle purchase and operation apart;
* performance-target quality (绩效目标质量, 0.15) – targets published, and their indicators
  quantified and covering 产出/效益/满意度.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .checklist import MISSING, NOT_GIVEN, checklist as make_checklist
from .model import Disclosure

WEIGHTS = {"completeness": 0.35, "consistency": 0.35, "granularity": 0.15, "performance": 0.15}
LABELS = {
    "completeness": ("完整性", "Completeness"),
    "consistency": ("内部一致性", "Internal consistency"),
    "granularity": ("细化程度", "Granularity"),
    "performance": ("绩效目标质量", "Performance-target quality"),
}
# points taken off the consistency part: per inconsistent place (error), per place that could
# not be settled (warning: column placement guessed), per placeholder/unreadable cell (capped)
ERROR_POINTS, WARNING_POINTS, CELL_POINTS, CELL_CAP = 8.0, 2.0, 1.0, 10.0
# points taken off the performance part per performance finding, by severity
PENALTY = {"error": 2.0, "warning": 0.6, "info": 0.0}
LEVEL1 = ("产出", "效益", "满意度")


@dataclass
class Part:
    name: str
    score: float          # 0-100
    weight: float
    label_zh: str = ""
    label_en: str = ""
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"name": self.name, "label_zh": self.label_zh, "label_en": self.label_en,
                "score": round(self.score, 1), "weight": self.weight, "details": self.details}


@dataclass
class Score:
    total: float
    parts: list

    def part(self, name: str) -> Optional[Part]:
        return next((p for p in self.parts if p.name == name), None)

    def to_dict(self) -> dict:
        return {"total": round(self.total, 1), "parts": [p.to_dict() for p in self.parts],
                "note": "A reading aid: see docs/score.md for the rubric and its sources."}


def _clamp(x: float) -> float:
    return max(0.0, min(100.0, x))


def _count(findings: list, check_id: str, severity: Optional[str] = None) -> int:
    return sum(1 for f in findings if f.check == check_id and (severity is None or f.severity == severity))


def _completeness(d: Disclosure, findings: list, items: list) -> Part:
    """From the checklist: the share of required tables printed (a table that does not print
    基本支出 and 项目支出 apart, T09, counts as one missing), the share of required explanations
    given, and 5 points per empty table that does not say why (E10)."""
    # a part of the disclosure not among the files given (its narrative, or its tables) is not judged
    tables = [i for i in items if i.kind in ("table", "final_table") and i.status != NOT_GIVEN]
    explanations = [i for i in items if i.kind == "explanation" and i.status != NOT_GIVEN]
    missing_tables = sum(1 for i in tables if i.status == MISSING)
    missing_tables += sum(len(i.tables or [None]) for i in items if i.id == "T09" and i.status == MISSING)
    missing_expl = sum(1 for i in explanations if i.status == MISSING)
    empty = sum(len(i.tables or []) for i in items if i.id == "E10" and i.status == MISSING)
    share_tables = max(0, len(tables) - missing_tables) / len(tables) if tables else 1.0
    share_expl = max(0, len(explanations) - missing_expl) / len(explanations) if explanations else 1.0
    s = 100 * (0.6 * share_tables + 0.4 * share_expl) - 5 * empty
    return Part("completeness", _clamp(s), WEIGHTS["completeness"], *LABELS["completeness"],
                details={"required_tables": len(tables), "required_tables_missing": missing_tables,
                         "explanations": len(explanations), "explanations_missing": missing_expl,
                         "empty_tables_without_reason": empty})


def _printed_figures(d: Disclosure) -> int:
    return sum(len(r.amounts) for t in d.tables for r in t.rows)


def _location(f) -> tuple:
    return (f.check, f.table_id or f.table, f.page, f.code or "", f.item or "")


def _consistency(d: Disclosure, findings: list) -> Part:
    checked = [f for f in findings if f.check.split(".")[0] in ("arithmetic", "cross_table")]
    # several columns of one wrong row are one problem: count distinct places
    errors = len({_location(f) for f in checked if f.severity == "error"})
    warnings = len({_location(f) for f in checked if f.severity == "warning"})
    unreadable = sum(1 for f in findings if f.check in ("data_quality.unreadable", "data_quality.placeholder"))
    figures = _printed_figures(d)
    details = {"inconsistent_places": errors, "uncertain_places": warnings,
               "placeholder_or_unreadable_cells": unreadable, "printed_figures": figures}
    if figures == 0:
        details["note"] = "no table figures to check"
        return Part("consistency", 0.0, WEIGHTS["consistency"], *LABELS["consistency"], details=details)
    # larger table sets have more chances to slip: soften by the square root of their size
    scale = max(1.0, (figures / 400) ** 0.5)
    load = ERROR_POINTS * errors + WARNING_POINTS * warnings + min(CELL_CAP, CELL_POINTS * unreadable)
    return Part("consistency", _clamp(100 - load / scale), WEIGHTS["consistency"], *LABELS["consistency"],
                details=details)


def _granularity(d: Disclosure, findings: list) -> Part:
    def ratio(kind: str, parent_len: int, child_len: int) -> Optional[float]:
        rows = [r for t in d.tables_of(kind) for r in t.rows if r.code and not r.is_total]
        parents = [r for r in rows if len(r.code) == parent_len and any(r.amounts.values())]
        if not parents:
            return None
        ok = sum(1 for p in parents if any(len(c.code) == child_len and c.code.startswith(p.code) for c in rows))
        return ok / len(parents)

    fn = ratio("general_budget_expenditure", 5, 7)
    fn3 = ratio("general_budget_expenditure", 3, 7)
    fn = None if fn is None and fn3 is None else min(x for x in (fn, fn3) if x is not None)
    econ = ratio("general_budget_basic_expenditure", 3, 5)
    tp = None
    tps = d.tables_of("three_public")
    if tps:
        keys = set(tps[0].column_keys())
        tp = 1.0 if {"vehicle_purchase", "vehicle_operation"} <= keys else 0.0
    parts = {"function_to_item": fn, "economic_to_section": econ, "three_public_split": tp}
    weights = {"function_to_item": 0.4, "economic_to_section": 0.4, "three_public_split": 0.2}
    # a missing table scores 0 for its share
    s = 100 * sum(weights[k] * (v if v is not None else 0.0) for k, v in parts.items())
    return Part("granularity", _clamp(s), WEIGHTS["granularity"], *LABELS["granularity"],
                details={k: (None if v is None else round(v, 3)) for k, v in parts.items()})


def _performance(d: Disclosure, findings: list) -> Part:
    targets = list(d.performance)
    overall = [p for p in targets if p.kind == "overall"]
    projects = [p for p in targets if p.kind == "project"]
    details: dict = {"overall_targets": len(overall), "project_targets": len(projects)}
    if not targets:
        details["note"] = "no performance-target tables published"
        return Part("performance", 0.0, WEIGHTS["performance"], *LABELS["performance"], details=details)
    indicators = [i for p in targets for i in p.indicators]
    quantified = [i for i in indicators if i.value is not None]
    q_share = len(quantified) / len(indicators) if indicators else 0.0
    covered = 0
    for p in projects:
        levels = {lv for i in p.indicators for lv in LEVEL1 if lv in (i.level1 or "")}
        covered += len(levels) / len(LEVEL1)
    coverage = covered / len(projects) if projects else 0.0
    with_goal = sum(1 for p in targets if (p.goal or "").strip()) / len(targets)
    s = (15 * bool(overall) + 25 * bool(projects) + 25 * q_share + 25 * coverage + 10 * with_goal)
    perf_findings = [f for f in findings if f.check.startswith("performance.")]
    s -= sum(PENALTY.get(f.severity, 0) for f in perf_findings)
    details.update({"indicators": len(indicators), "quantified_share": round(q_share, 3),
                    "level1_coverage": round(coverage, 3), "goal_share": round(with_goal, 3),
                    "performance_findings": len(perf_findings)})
    return Part("performance", _clamp(s), WEIGHTS["performance"], *LABELS["performance"], details=details)


def score(disclosure: Disclosure, findings: list, checklist: Optional[list] = None) -> Score:
    """The score of ``disclosure`` from its findings and its checklist (built from the disclosure
    when not given)."""
    items = make_checklist(disclosure) if checklist is None else checklist
    parts = [_completeness(disclosure, findings, items), _consistency(disclosure, findings),
             _granularity(disclosure, findings), _performance(disclosure, findings)]
    total = sum(p.score * p.weight for p in parts) / sum(p.weight for p in parts)
    return Score(round(_clamp(total), 2), parts)


__all__ = ["Part", "Score", "WEIGHTS", "score"]
