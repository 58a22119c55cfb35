"""A transparency score for one disclosure: a reading aid, not a verdict.

``score(disclosure, findings)`` returns a ``Score`` with five parts, each 0–100 with a weight,
and their weighted total (0–100). The rubric, its weights and sources are documented in
``docs/score.md``; keep the two in step.

* completeness (完整性, 0.30) – the required tables and explanations of the disclosure's kind
  (the checklist, ``analysis.checklist``, read from ``analysis.vocab.required_items``) are
  there, and empty tables say why;
* internal consistency (内部一致性, 0.25) – arithmetic and cross-table findings, weighted by
  severity, against the number of figures the tables print;
* granularity (细化程度, 0.15) – function classification to 项, economic classification to 款,
  三公 items apart and compared with a base, project spending itemised by project;
* explanations (说明质量, 0.15) – how deep the narrative explains the spending (类/款/项, by
  amount), whether it states changes and their reasons, 三公 changes with reasons;
* performance-target quality (绩效目标质量, 0.15) – targets published, covering the project
  spending, and their indicators quantified and covering 产出/效益/满意度.

Each part is made of items (``Part.items``: id, Chinese label, weight, value 0–1), so that a report
can show what every point comes from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import re
from decimal import Decimal

from .checklist import MISSING, NOT_GIVEN, PRESENT, REASON, Narrative, checklist as make_checklist, cname
from .figures import claim_places, headline
from .model import Disclosure
from .structure import fold

WEIGHTS = {"completeness": 0.30, "consistency": 0.25, "granularity": 0.15, "explanations": 0.15,
           "performance": 0.15}
LABELS = {
    "completeness": ("完整性", "Completeness"),
    "consistency": ("内部一致性", "Internal consistency"),
    "granularity": ("细化程度", "Granularity"),
    "explanations": ("说明质量", "Quality of explanations"),
    "performance": ("绩效目标质量", "Performance-target quality"),
}
# items of the granularity part: id -> (weight, Chinese label)
GRANULARITY_ITEMS = {
    "function_to_item": (0.3, "一般公共预算支出功能分类细化到项"),
    "economic_to_section": (0.3, "基本支出经济分类细化到款"),
    "three_public_split": (0.2, "“三公”经费分项列示并列出比较数（上年数或预算数）"),
    "project_detail": (0.2, "项目支出按项目列示（占项目支出的比例）"),
}
# items of the explanations part
EXPLANATION_ITEMS = {
    "item_explanations": (0.4, "说明对支出功能分类的细化程度（类0.3、款0.6、项1，按金额加权）"),
    "changes_stated": (0.2, "说明的支出数字给出与上年的增减"),
    "reasons_given": (0.2, "增减说明给出原因"),
    "three_public_reasons": (0.2, "“三公”经费增减及其原因"),
}
# explanation depth by the code length of the class it names: 类, 款, 项
DEPTH = {3: 0.3, 5: 0.6, 7: 1.0}
REASON_WINDOW = 80      # characters after a change's sentence where its reason may be given
# points taken off the consistency part: per inconsistent place (error), per place that could
# not be settled (warning: column placement guessed), per placeholder/unreadable cell (capped)
ERROR_POINTS, WARNING_POINTS, CELL_POINTS, CELL_CAP = 8.0, 2.0, 1.0, 10.0
# points taken off the performance part per performance finding, by severity
PENALTY = {"error": 2.0, "warning": 0.6, "info": 0.0}
LEVEL1 = ("产出", "效益", "满意度")
# points of the performance part (they add up to 100), and its items' labels
PERFORMANCE_POINTS = {"overall": 15, "projects": 10, "spending_covered": 15, "quantified_share": 25,
                      "level1_coverage": 25, "goal_share": 10}
PERFORMANCE_LABELS = {"overall": "公开部门整体绩效目标", "projects": "公开项目绩效目标",
                      "spending_covered": "项目绩效目标覆盖的项目支出比例", "quantified_share": "定量指标占比",
                      "level1_coverage": "项目指标覆盖产出、效益、满意度", "goal_share": "列明年度绩效目标"}
# at most this many points when targets are only described in the narrative (no target tables)
NARRATIVE_ONLY = 30.0


@dataclass
class Part:
    name: str
    score: float          # 0-100
    weight: float
    label_zh: str = ""
    label_en: str = ""
    details: dict = field(default_factory=dict)
    items: list = field(default_factory=list)   # [{"id", "label_zh", "weight", "value" (0-1 or None)}]

    def to_dict(self) -> dict:
        return {"name": self.name, "label_zh": self.label_zh, "label_en": self.label_en,
                "score": round(self.score, 1), "weight": self.weight, "details": self.details,
                "items": self.items}


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


def _items(spec: dict, values: dict, missing_is_zero: tuple = ()) -> tuple:
    """(score 0-100, item list) from item values (0-1; None: not applicable, its weight shared by
    the others — but items of ``missing_is_zero`` score 0 when None)."""
    items, got, weight = [], 0.0, 0.0
    for key, (w, label) in spec.items():
        v = values.get(key)
        if v is None and key in missing_is_zero:
            v = 0.0
        items.append({"id": key, "label_zh": label, "weight": w, "value": None if v is None else round(v, 3)})
        if v is not None:
            got += w * v
            weight += w
    return (100 * got / weight if weight else 0.0), items


def _depth_share(d: Disclosure, kind: str, parent_len: int, child_len: int) -> Optional[float]:
    rows = [r for t in d.tables_of(kind) for r in t.rows if r.code and not r.is_total]
    parents = [r for r in rows if len(r.code) == parent_len and any(r.amounts.values())]
    if not parents:
        return None
    ok = sum(1 for p in parents if any(len(c.code) == child_len and c.code.startswith(p.code) for c in rows))
    return ok / len(parents)


def _three_public_split(d: Disclosure) -> Optional[float]:
    """Half for the vehicle costs apart (purchase and operation), half for a base to compare with
    printed beside the items (上年 columns of a budget, 预算数 of a 决算)."""
    tps = d.tables_of("three_public")
    if not tps:
        return None
    keys = set(tps[0].column_keys())
    split = {"vehicle_purchase", "vehicle_operation"} <= keys
    base = any(k.startswith(("prior_", "budget_")) for k in keys)
    return 0.5 * split + 0.5 * base


def _project_detail(d: Disclosure) -> Optional[float]:
    """The share of 项目支出 that the disclosure lists project by project (the funds of its project
    performance targets, or the rows of a project table); None without project spending."""
    total = headline(d, "project_expenditure").value
    if not total:
        return None
    listed = sum((p.fund_total for p in d.performance if p.kind == "project" and p.fund_total), Decimal(0))
    if not listed:
        listed = sum((r.amounts.get("total") or Decimal(0) for t in d.tables_of("project_expenditure") if t.readable
                      for r in t.rows if r.code and not r.is_total), Decimal(0))
    return min(1.0, float(listed / total))


def _granularity(d: Disclosure, findings: list) -> Part:
    fn = _depth_share(d, "general_budget_expenditure", 5, 7)
    fn3 = _depth_share(d, "general_budget_expenditure", 3, 7)
    fn = None if fn is None and fn3 is None else min(x for x in (fn, fn3) if x is not None)
    values = {"function_to_item": fn, "economic_to_section": _depth_share(d, "general_budget_basic_expenditure", 3, 5),
              "three_public_split": _three_public_split(d), "project_detail": _project_detail(d)}
    # a missing table scores 0 for its share; without project spending there is nothing to itemise
    s, items = _items(GRANULARITY_ITEMS, values, ("function_to_item", "economic_to_section", "three_public_split"))
    return Part("granularity", _clamp(s), WEIGHTS["granularity"], *LABELS["granularity"],
                details={k: (None if v is None else round(v, 3)) for k, v in values.items()}, items=items)


def _function_rows(d: Disclosure) -> list:
    for kind in ("general_budget_expenditure", "fiscal_expenditure", "department_expenditure"):
        rows = [r for t in d.tables_of(kind) if t.readable for r in t.rows
                if r.code and len(r.code) in DEPTH and not r.is_total]
        if any(len(r.code) == 3 for r in rows):
            return rows
    return []


def _explained_codes(d: Disclosure, rows: list) -> tuple:
    """(codes the narrative explains, the claims about spending by function of this year)."""
    by_name = {}
    for r in rows:
        by_name.setdefault(fold(r.name), r.code)
    codes, claims = set(), []
    for c in d.claims:
        if c.metric != "expenditure_by_function" or c.value is None or (c.year and d.year and c.year != d.year):
            continue
        claims.append(c)
        places = [p.figure.split(":", 1)[1] for p in claim_places(d, c.metric, c.subject, c) if ":" in p.figure]
        code = places[0] if places else by_name.get(fold(re.sub(r"科目$", "", fold(c.subject))))
        if code:
            codes.add(code)
    return codes, claims


def _item_explanations(d: Disclosure) -> tuple:
    """(depth of the explanation of spending by function, weighted by the 类 amounts; the claims)."""
    rows = _function_rows(d)
    codes, claims = _explained_codes(d, rows)
    classes = [(r.code, float(r.amounts.get("total") or 0)) for r in rows if len(r.code) == 3]
    whole = sum(a for _, a in classes)
    if not whole:
        return None, claims
    got = 0.0
    for code, amount in classes:
        depth = max((DEPTH[len(c)] for c in codes if c.startswith(code) and len(c) in DEPTH), default=0.0)
        got += amount * depth
    return got / whole, claims


def _reason_near(text: str, sentence: str) -> bool:
    """Whether the sentence of a change, or what follows it up to ``REASON_WINDOW`` characters (the
    reason often comes next: "…增加X万元。主要原因是…"), gives a reason."""
    s = cname(sentence)
    at = text.find(s) if s else -1
    window = s if at < 0 else text[at:at + len(s) + REASON_WINDOW]
    return bool(re.search(REASON, window))


def _explanations(d: Disclosure, findings: list, items: list) -> Part:
    """How well the narrative explains: the depth of its explanation of spending by function (by
    amount), changes stated, reasons given, 三公 changes with reasons (E04)."""
    if not d.narrative:
        return Part("explanations", 0.0, WEIGHTS["explanations"], *LABELS["explanations"],
                    details={"note": "no narrative (情况说明) given"},
                    items=_items(EXPLANATION_ITEMS, {k: 0.0 for k in EXPLANATION_ITEMS})[1])
    depth, claims = _item_explanations(d)
    money = claims + [c for c in d.claims if c.metric in ("total_income", "total_expenditure") and c.value is not None]
    changed = [c for c in money if c.change]
    text = Narrative(d.narrative).text
    reasons = [c for c in changed if _reason_near(text, c.sentence)]
    e04 = next((i for i in items if i.id == "E04"), None)
    tp = None
    if e04 is not None and e04.status != NOT_GIVEN:
        tp = 1.0 if e04.status == PRESENT else (0.5 if "原因" in (e04.detail or "") else 0.0)
    values = {"item_explanations": depth, "changes_stated": len(changed) / len(money) if money else 0.0,
              "reasons_given": len(reasons) / len(changed) if changed else 0.0, "three_public_reasons": tp}
    s, parts = _items(EXPLANATION_ITEMS, values, ("item_explanations",))
    return Part("explanations", _clamp(s), WEIGHTS["explanations"], *LABELS["explanations"],
                details={"function_claims": len(claims), "claims_with_change": len(changed),
                         "changes_with_reason": len(reasons)}, items=parts)


def _coverage(d: Disclosure, funds: Optional[Decimal]) -> Optional[float]:
    """``funds`` as a share of 项目支出 (capped at 1); None without project spending."""
    total = headline(d, "project_expenditure").value
    if not total or funds is None:
        return None
    return min(1.0, float(funds / total))


def _narrative_performance(d: Disclosure, details: dict) -> Part:
    """Targets not published as tables: the narrative may still say how much project spending has
    them (at most ``NARRATIVE_ONLY`` points)."""
    stated = [c.value for c in d.claims if c.metric == "performance_funds" and c.value and c.unit == "万元"]
    cov = _coverage(d, max(stated)) if stated else None
    details.update({"note": "no performance-target tables published", "narrative_coverage": cov})
    return Part("performance", NARRATIVE_ONLY * (cov or 0.0), WEIGHTS["performance"], *LABELS["performance"],
                details=details, items=[{"id": "narrative_coverage", "label_zh": "情况说明所述绩效目标覆盖的项目支出比例",
                                         "weight": NARRATIVE_ONLY / 100, "value": cov}])


def _performance_values(d: Disclosure, targets: list) -> dict:
    """The values (0–1) of the performance items of published targets."""
    overall = [p for p in targets if p.kind == "overall"]
    projects = [p for p in targets if p.kind == "project"]
    indicators = [i for p in targets for i in p.indicators]
    q_share = sum(1 for i in indicators if i.value is not None) / len(indicators) if indicators else 0.0
    covered = sum(len({lv for i in p.indicators for lv in LEVEL1 if lv in (i.level1 or "")}) / len(LEVEL1)
                  for p in projects)
    funds = sum((p.fund_total for p in projects if p.fund_total), Decimal(0))
    spend = _coverage(d, funds) if projects else 0.0
    return {"overall": float(bool(overall)), "projects": float(bool(projects)),
            "spending_covered": 1.0 if spend is None else spend, "quantified_share": q_share,
            "level1_coverage": covered / len(projects) if projects else 0.0,
            "goal_share": sum(1 for p in targets if (p.goal or "").strip()) / len(targets)}


def _performance(d: Disclosure, findings: list) -> Part:
    targets = list(d.performance)
    details: dict = {"overall_targets": sum(1 for p in targets if p.kind == "overall"),
                     "project_targets": sum(1 for p in targets if p.kind == "project")}
    if not targets:
        return _narrative_performance(d, details)
    values = _performance_values(d, targets)
    s = sum(PERFORMANCE_POINTS[k] * v for k, v in values.items())
    perf_findings = [f for f in findings if f.check.startswith("performance.")]
    s -= sum(PENALTY.get(f.severity, 0) for f in perf_findings)
    details.update({"indicators": sum(len(p.indicators) for p in targets),
                    **{k: round(values[k], 3) for k in ("quantified_share", "level1_coverage", "goal_share",
                                                         "spending_covered")},
                    "performance_findings": len(perf_findings)})
    items = [{"id": k, "label_zh": PERFORMANCE_LABELS[k], "weight": PERFORMANCE_POINTS[k] / 100, "value": round(v, 3)}
             for k, v in values.items()]
    return Part("performance", _clamp(s), WEIGHTS["performance"], *LABELS["performance"], details=details, items=items)


def score(disclosure: Disclosure, findings: list, checklist: Optional[list] = None) -> Score:
    """The score of ``disclosure`` from its findings and its checklist (built from the disclosure
    when not given)."""
    items = make_checklist(disclosure) if checklist is None else checklist
    parts = [_completeness(disclosure, findings, items), _consistency(disclosure, findings),
             _granularity(disclosure, findings), _explanations(disclosure, findings, items),
             _performance(disclosure, findings)]
    total = sum(p.score * p.weight for p in parts) / sum(p.weight for p in parts)
    return Score(round(_clamp(total), 2), parts)


__all__ = ["Part", "Score", "WEIGHTS", "score"]
