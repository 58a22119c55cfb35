"""Metrics: what a figure is (收入总计, 基本支出, 公务接待费 …) with its Chinese name and unit, and
the narrative keywords that name it.

Data: ``analysis/reference/metrics.csv`` (metric, Chinese name, unit, whether it is a headline
figure), ``analysis/reference/metric_rules.csv`` (the keywords by which a narrative claim's
subject names its metric, first match wins within a unit) and
``analysis/reference/class_names.csv`` (function and economic class names as narratives print
them). A rule whose pattern is ``@name`` is one of the predicates below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional, Union

from ._data import rows


@lru_cache(maxsize=1)
def _metrics() -> dict:
    return {r["metric"]: r for r in rows("metrics.csv")}


METRICS = tuple(_metrics())
HEADLINE = tuple(sorted((m for m, r in _metrics().items() if r["headline"]), key=lambda m: int(_metrics()[m]["headline"])))


def metric_zh(metric: str) -> str:
    r = _metrics().get(metric)
    return r["name_zh"] if r else metric


def three_public_columns() -> dict:
    """metric -> the column of the “三公”经费 table that prints it (三公 total, items, 会议费, 培训费)."""
    return {m: r["three_public_column"] for m, r in _metrics().items() if r.get("three_public_column")}


# the four 三公 items: column key -> metric
THREE_PUBLIC_ITEMS = {c: m for m, c in three_public_columns().items()
                      if c in ("overseas", "vehicle_purchase", "vehicle_operation", "reception")}


def metric_unit(metric: str) -> str:
    r = _metrics().get(metric)
    return r["unit"] if r else "万元"


# -- classification names --------------------------------------------------------
def _names(classification: str, level: Optional[str] = None) -> tuple:
    return tuple(r["name"] for r in rows("class_names.csv")
                 if r["classification"] == classification and (level is None or r["level"] == level))


FUNCTION_CLASSES = _names("function")
ECONOMIC_CLASSES = _names("economic", "1")
ECONOMIC_ITEMS = _names("economic")

_LEVEL_MARK = re.compile(r"\((?:类|款|项)\)")
_FUNCTION_PLAIN = re.compile(r"(?:%s)(?:\(类\))?支出" % "|".join(map(re.escape, FUNCTION_CLASSES)))
_ECONOMIC_PLAIN = re.compile("|".join(map(re.escape, ECONOMIC_CLASSES)))
# Income or expenditure "in total": 收入 / 支出 preceded by nothing that qualifies it.
_TOTAL_HEAD = r"(?:^|年初|年度?|本年|部门(?:预算)?|单位|[的、:：])"


def marked_name(subject: str) -> str:
    """The name before the first (类)/(款)/(项) marker, e.g. "维修(护)费" of "维修(护)费(款)支出"."""
    m = _LEVEL_MARK.search(subject)
    return subject[:m.start()] if m else ""


def _economic_marked(subject: str, sentence: str) -> bool:
    if not _LEVEL_MARK.search(subject) or "(项)" in subject:
        return False
    name = marked_name(subject)
    return any(name.startswith(e) for e in ECONOMIC_ITEMS)


PREDICATES: dict = {
    "economic_marked": _economic_marked,
    "function_marked": lambda subject, sentence: bool(_LEVEL_MARK.search(subject)),
    "function_plain": lambda subject, sentence: bool(_FUNCTION_PLAIN.search(subject)),
    "economic_plain": lambda subject, sentence: bool(_ECONOMIC_PLAIN.search(subject)),
    "total_income": _TOTAL_HEAD + r"收入",
    "total_expenditure": _TOTAL_HEAD + r"支出",
}

Pattern = Union[str, Callable[[str, str], bool]]


@dataclass(frozen=True)
class Rule:
    metric: str
    pattern: Pattern             # regex searched in the subject, or predicate(subject, sentence)
    needs: Optional[str] = None  # regex that the sentence must contain

    def matches(self, subject: str, sentence: str) -> bool:
        if self.needs and not _regex(self.needs).search(sentence):
            return False
        if callable(self.pattern):
            return self.pattern(subject, sentence)
        return _regex(self.pattern).search(subject) is not None


@lru_cache(maxsize=None)
def _regex(pattern: str) -> re.Pattern:
    """A rule's pattern compiled once (rules are matched against every subject of every claim)."""
    return re.compile(pattern)


@lru_cache(maxsize=None)
def metric_rules(unit: str) -> tuple:
    """The narrative rules of claims in ``unit`` (万元 for money, 辆 名 个 台(套) for counts)."""
    out = []
    for r in rows("metric_rules.csv"):
        if r["unit"] != unit:
            continue
        pattern = r["pattern"]
        if pattern.startswith("@"):
            pattern = PREDICATES[pattern[1:]]
        out.append(Rule(r["metric"], pattern, r["needs"] or None))
    return tuple(out)


def count_units() -> tuple:
    return tuple(dict.fromkeys(r["unit"] for r in rows("metric_rules.csv") if r["unit"] != "万元"))
