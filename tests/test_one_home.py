"""Each fact has one home, read by parse, checks, score and reports alike.

* the required items of a disclosure (``analysis.vocab.required_items``): the checklist, the
  completeness checks, the score and the report's checklist all follow that one list;
* table kinds, column keys and metrics with their Chinese names: defined in ``analysis.vocab``
  (data in ``analysis/reference``) and nowhere else;
* figures: located once (``analysis.figures.locate``, when a disclosure is assembled), and the
  headline figures the reports, the stored summaries and the score show are chosen from them.
"""
from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest

from analysis import vocab
from analysis.checklist import MISSING, PRESENT
from analysis.checks import audit
from analysis.figures import headline_figures
from analysis.reports import checklist as report_checklist
from analysis.reports import data as report_data
from analysis.store import summary
from analysis.vocab import requirements

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"
VOCABULARY = ("analysis/vocab", "analysis/reference")


def _without(d, kind):
    d = copy.deepcopy(d)
    d.tables = [t for t in d.tables if t.kind != kind]
    return d


# ---------------------------------------------------------------------------
# required items
# ---------------------------------------------------------------------------
def test_checklist_completeness_score_and_report_follow_one_required_item_list(sample):
    result = audit([_without(sample, "three_public")])[0]
    items = vocab.required_items(sample.kind, sample.scope, sample.year)
    assert [i.id for i in result.checklist] == [i.id for i in items]
    status = {i.id: i.status for i in result.checklist}
    assert status["T07"] == MISSING and status["T01"] == PRESENT
    # the completeness check reports what the checklist misses, by the vocabulary's names
    tables = [f for f in result.findings if f.check == "completeness.required_tables"]
    assert [f.item for f in tables] == [vocab.kind_zh("three_public")] and "T07" in tables[0].message
    explained = {f.item for f in result.findings if f.check == "completeness.required_explanations"}
    assert explained == {i.name for i in result.checklist if i.kind == "explanation" and i.status == MISSING}
    # the score counts the same items
    part = result.score.part("completeness").details
    assert part["required_tables"] == sum(i.is_table for i in items)
    assert part["explanations"] == sum(i.kind == "explanation" for i in items)
    assert part["required_tables_missing"] == 1
    # and the report shows them
    frame = report_checklist.completeness(result).set_index("编号 id")
    assert sorted(frame.index) == sorted(i.id for i in items)
    assert frame.loc["T07", "是否公开 present"] == vocab.CHECKLIST_STATUS_ZH[MISSING]


def test_an_item_taken_out_of_the_vocabulary_leaves_checklist_checks_score_and_report(sample, monkeypatch):
    d = _without(sample, "government_fund")
    before = audit([d])[0]
    assert "T08" in {i.id for i in before.checklist if i.status == MISSING}
    fewer = tuple(i for i in requirements.all_items() if i.id != "T08")
    monkeypatch.setattr(requirements, "all_items", lambda: fewer)
    after = audit([d])[0]
    assert "T08" not in {i.id for i in after.checklist}
    assert not [f for f in after.findings if f.check == "completeness.required_tables"]
    assert after.score.part("completeness").details["required_tables"] == \
        before.score.part("completeness").details["required_tables"] - 1
    assert "T08" not in set(report_checklist.completeness(after)["编号 id"])


# ---------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------
def _vocabulary_lists() -> dict:
    """The vocabulary's lists of kinds and keys, by name."""
    return {name: set(getattr(vocab, name)) for name in (
        "TABLE_KINDS", "FINAL_TABLE_KINDS", "FUNCTION_KINDS", "ECONOMIC_KINDS", "CODED_KINDS", "TWO_SIDED",
        "PERFORMANCE_KINDS", "BASIC_KINDS", "SPENDING_KINDS", "FUND_COLUMNS", "THREE_PUBLIC_COLUMNS")}


def _ids() -> set:
    return set(vocab.ALL_TABLE_KINDS) | set(vocab.COLUMN_KEYS) | set(vocab.METRICS) | set(vocab.SEVERITIES)


def _chinese(text) -> bool:
    return isinstance(text, str) and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _second_definitions(node: ast.AST, lists: dict, ids: set) -> list:
    """What a module-level literal defines again: a vocabulary list (the same kinds or keys), or a
    label table (vocabulary ids mapped to Chinese text). Kinds used inside a policy (which table
    is compared with which, in what order) are uses, not definitions."""
    out = []
    for n in (list(ast.walk(node)) if isinstance(node, ast.Dict) else [node]):
        if isinstance(n, (ast.Tuple, ast.List, ast.Set)) and n is node:
            values = {e.value for e in n.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            out += [name for name, words in lists.items() if len(words) > 1 and values == words]
        elif isinstance(n, ast.Dict):
            pairs = [(k.value, v.value) for k, v in zip(n.keys, n.values)
                     if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)]
            labels = [k for k, v in pairs if k in ids and _chinese(v)]
            if len(labels) >= 2:
                out.append(f"labels of {sorted(labels)[:3]}")
    return out


def test_no_module_outside_the_vocabulary_defines_a_kind_list_or_a_label_table():
    """A module-level literal that repeats one of the vocabulary's lists of kinds or keys, or maps
    the vocabulary's ids to Chinese names, is a second definition of a vocabulary fact."""
    lists, ids, found = _vocabulary_lists(), _ids(), []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(VOCABULARY):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                found += [f"{rel}:{node.lineno} {what}" for what in _second_definitions(node.value, lists, ids)]
    assert not found, found


def test_the_vocabulary_test_sees_a_second_definition():
    tree = ast.parse('KINDS = ("fiscal_summary", "department_summary")\nZH = {"total": "合计", "basic": "基本支出"}')
    found = [w for node in tree.body for w in _second_definitions(node.value, _vocabulary_lists(), _ids())]
    assert found == ["TWO_SIDED", "labels of ['basic', 'total']"]


# ---------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------
def test_figures_are_located_in_one_place():
    """``locate`` is called where a disclosure is assembled (and by the figures package itself,
    for a disclosure built by hand), nowhere else."""
    callers = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "locate":
                callers.add(path.relative_to(ROOT).as_posix())
    assert callers == {"analysis/parse/grouping.py", "analysis/figures/headline.py"}


def test_headline_figures_are_one_everywhere(sample):
    heads = headline_figures(sample)
    shown = report_data.figures(sample)
    stored = summary(sample)["figures"]
    for name, f in heads.items():
        value = None if f.value is None else float(round(f.value, 2))
        assert shown[name].value == value == stored[name], name
    # the located figures are stored with the disclosure; the headline is chosen from them
    assert sample.figures and {heads[n].table for n in heads if heads[n].source == "table"} <= \
        {f.table_id for f in sample.figures}


@pytest.mark.parametrize("name", vocab.HEADLINE)
def test_every_headline_figure_has_a_chinese_name(name):
    assert vocab.metric_zh(name) != name


def test_one_number_formatter():
    """Messages print amounts one way (``analysis.numbers.fmt``: thousands separators, two decimals,
    more where the figure has them); the checks import it through ``checks.common``."""
    defined = [path.relative_to(ROOT).as_posix() for path in sorted(PACKAGE.rglob("*.py"))
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.FunctionDef) and node.name in ("fmt", "_fmt", "format_amount")]
    assert defined == ["analysis/numbers.py"]
