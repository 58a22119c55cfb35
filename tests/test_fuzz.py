"""Fuzz tests (hypothesis) on numbers and on the text reader, with a bounded budget.

Whatever the text, reading it gives a value or one clear error, never a crash: numbers
parse exactly or not at all, and a text file becomes a parsed document, or a ``BatchError``
naming it, and its audit runs to the end.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from analysis.numbers import MAX_DIGITS, UNIT_SCALE, fmt, normalize, parse_cell, parse_number, to_wan
from analysis.pipeline import BatchError, audit_task, group, parse_task

# Deadline, randomness and example database come from the profile (conftest.py: no deadline;
# derandomized when CI is set); these set the budget of examples.
BUDGET = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TEXT_BUDGET = settings(max_examples=25,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

amounts = st.decimals(min_value=Decimal("-999999999999999.99"), max_value=Decimal("999999999999999.99"),
                      places=2, allow_nan=False, allow_infinity=False)
digits = st.text("0123456789", min_size=1, max_size=40)
number_like = st.one_of(
    digits,
    st.builds(lambda a, b: f"{a}.{b}", digits, digits),
    st.builds(lambda v: f"{v:,}", amounts),
    st.builds(lambda v: f"({abs(v)})", amounts),
    st.text(alphabet="0123456789,.-+()（）．，　 ０１２３４５６７８９万元%", max_size=30),
    st.text(max_size=30),
)


# ---------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------
@BUDGET
@given(number_like)
def test_parse_number_never_raises_and_formats(text):
    v = parse_number(text)
    assert v is None or isinstance(v, Decimal)
    if v is not None:
        assert v.is_finite()
        assert sum(ch.isdigit() for ch in str(abs(v)).replace("E", "")) <= MAX_DIGITS + 1
        fmt(v)
        for unit in UNIT_SCALE:
            to_wan(v, unit)
        from analysis.checks.common.amounts import fmt as message_fmt

        assert message_fmt(v) and message_fmt(v, 0)


@BUDGET
@given(amounts, st.booleans(), st.booleans())
def test_amounts_parse_exactly(v, thousands, full_width):
    text = f"{v:,}" if thousands else f"{v}"
    if full_width:
        text = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)
    assert parse_number(text) == v
    assert parse_cell(text).value == v and parse_cell(text).kind == "number"
    assert to_wan(v, "元") * 10000 == v          # 元 -> 万元 and back, no rounding


@BUDGET
@given(st.text(max_size=40))
def test_parse_cell_always_classifies(text):
    cell = parse_cell(text)
    assert cell.kind in ("number", "blank", "placeholder", "unreadable")
    assert (cell.value is not None) == (cell.kind in ("number", "blank"))
    assert cell.raw == (text or "")


@BUDGET
@given(st.integers(min_value=MAX_DIGITS + 1, max_value=60))
def test_numbers_longer_than_any_budget_are_unreadable(n):
    text = "9" * n + ".99"
    assert parse_number(text) is None and parse_cell(text).kind == "unreadable"
    assert parse_number("9" * MAX_DIGITS) == Decimal("9" * MAX_DIGITS)


# ---------------------------------------------------------------------------
# the text reader
# ---------------------------------------------------------------------------
TITLES = ["2025年部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表",
          "一般公共预算基本支出表", "一般公共预算“三公”经费支出表", "政府性基金预算支出表", "项目支出表",
          "部门整体绩效目标表", "项目绩效目标表", "附件3", "公开05表", "单位：万元", "单位：元", "部门：测试局",
          "重庆市潼南区测试局2025年部门预算情况说明", "一、部门职责", "三公经费", "基本支出", "项目支出"]
WORDS = ["合计", "总计", "工资福利支出", "商品和服务支出", "一般公共服务支出", "201", "20103", "2010301", "301",
         "30101", "本年收入", "本年支出", "上年结转", ".", ",.", "-", "—", "比上年增加", "万元", "%", "≥", "次",
         "产出指标", "数量指标", "定量", "完成", "项目名称", "资金总额", "立项依据", "\t", "\x0c", "\u202e", "\x1b[31m",
         "（", "）", "ＡＢＣ", "𠀀"]
tokens = st.one_of(st.sampled_from(TITLES + WORDS), number_like.filter(lambda t: "\n" not in t and "\r" not in t),
                   st.builds(lambda n: "1" * n + ".20", st.integers(18, 40)))
lines = st.lists(tokens, min_size=0, max_size=8).map(" ".join)
leading = st.sampled_from(["", "", "", " ", "\x0c"])
documents = st.lists(st.tuples(leading, lines).map("".join), min_size=1, max_size=60).map("\n".join)


# A small disclosure in the text form of the corpus (a line starting with a space starts a
# page): the fuzz mutates it, so that most examples reach the table reader and the checks.
SKELETON = """\
 重庆市潼南区测试局2025年部门预算情况说明
一、部门职责：负责全区测试工作。二、机构设置：内设机构5个。
三、2025年部门预算收支情况：2025年收入预算2218.51万元，其中一般公共预算拨款2218.51万元，比上年增加881.28万元。
2025年支出预算2218.51万元，其中基本支出1013.51万元，项目支出1205.00万元。
四、“三公”经费预算51万元，比上年增加8万元，主要是公务用车运行维护费增加。机关运行经费206.14万元。
五、政府采购预算100万元，其中货物50万元、工程0万元、服务50万元。国有资产：车辆2辆。名词解释：基本支出指保障机构正常运转的支出。
 附件1
重庆市潼南区测试局2025年财政拨款收支总表
单位：万元
收入 支出
项目 预算数 项目 合计 一般公共预算 政府性基金预算
一、本年收入 2218.51 一、本年支出 2218.51 2218.51 .
（一）一般公共预算拨款 2218.51 （一）一般公共服务支出 1955.20 1955.20
（二）政府性基金预算拨款 . （二）社会保障和就业支出 263.31 263.31
收入总计 2218.51 支出总计 2218.51 2218.51
 附件2
重庆市潼南区测试局2025年一般公共预算财政拨款支出预算表
单位：万元
科目编码 科目名称 2024年预算数 2025年预算数 合计 基本支出 项目支出
合计 1337.23 2218.51 1013.51 1205.00
201 一般公共服务支出 1042.00 1955.20 750.20 1205.00
20103 政府办公厅（室）及相关机构事务 1042.00 1955.20 750.20 1205.00
2010301 行政运行 700.00 750.20 750.20
2010350 事业运行 342.00 1205.00 1205.00
208 社会保障和就业支出 295.23 263.31 263.31
 附件3
重庆市潼南区测试局2025年一般公共预算财政拨款基本支出预算表
单位：万元
科目编码 科目名称 合计 人员经费 公用经费
合计 1013.51 807.37 206.14
301 工资福利支出 807.37 807.37
30101 基本工资 400.00 400.00
30102 津贴补贴 407.37 407.37
302 商品和服务支出 206.14 206.14
30201 办公费 206.14 206.14
 附件4
重庆市潼南区测试局2025年一般公共预算“三公”经费支出表
单位：万元
2024年预算数 2025年预算数
合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待费
小计 购置费 运行费 小计 购置费 运行费
43.00 0 28.00 0 28.00 15.00 51.00 0 36.00 0 36.00 15.00
"""
_NUMBER = __import__("re").compile(r"\\d[\\d,]*(?:\\.\\d+)?")


@st.composite
def mutated_disclosures(draw):
    out = []
    for line in SKELETON.splitlines():
        action = draw(st.sampled_from(["keep"] * 5 + ["numbers", "noise", "drop", "twice"]))
        if action == "keep":
            out.append(line)
        elif action == "numbers":
            out.append(_NUMBER.sub(lambda m: draw(tokens).replace("\n", " "), line))
        elif action == "noise":
            words = line.split(" ")
            at = draw(st.integers(0, len(words)))
            out.append(" ".join(words[:at] + [draw(tokens)] + words[at:]))
        elif action == "twice":
            out += [line, line]
    for extra in draw(st.lists(st.tuples(st.integers(0, len(out)), lines), max_size=4)):
        out.insert(extra[0], extra[1])
    return "\n".join(out)


def test_the_skeleton_is_a_disclosure(tmp_path):
    path = tmp_path / "skeleton-2025.txt"
    path.write_text(SKELETON, encoding="utf-8")
    doc = parse_task(str(path))
    assert not isinstance(doc, BatchError), doc
    assert {t.kind for t in doc.tables} >= {"fiscal_summary", "general_budget_expenditure",
                                            "general_budget_basic_expenditure", "three_public"}
    _check_parsed(path, doc)


@TEXT_BUDGET
@given(mutated_disclosures())
def test_text_reader_and_checks_on_mutated_disclosures(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "变异 2025.txt"
    path.write_text(text, encoding="utf-8")
    _check_parsed(path, parse_task(str(path)))


def _check_parsed(path: Path, result) -> None:
    if isinstance(result, BatchError):
        assert result.path == str(path)
        line = result.line()
        assert "\n" not in line and "\r" not in line and "\x1b" not in line
        return
    assert result.source.path == path
    disclosures, errors = group([result])
    assert errors == [] and len(disclosures) == 1
    (i, result, error), = audit_task([0], disclosures)
    assert error == "", error                     # the checks run to the end on any text
    assert 0 <= result.score.total <= 100
    for f in result.findings:
        f.to_dict()


@TEXT_BUDGET
@given(documents)
def test_text_reader_reads_any_text_or_names_the_file(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "测试 2025.txt"
    path.write_text(text, encoding="utf-8")
    _check_parsed(path, parse_task(str(path)))


@TEXT_BUDGET
@given(st.binary(max_size=2000))
def test_text_reader_on_any_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "bytes-2025.txt"
    path.write_bytes(data)
    _check_parsed(path, parse_task(str(path)))


@TEXT_BUDGET
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400))
def test_text_reader_on_any_unicode(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "unicode-2025.txt"
    path.write_text(text, encoding="utf-8")
    _check_parsed(path, parse_task(str(path)))


def test_normalize_is_idempotent_on_the_reader_vocabulary():
    for w in TITLES + WORDS:
        assert normalize(normalize(w)) == normalize(w) == unicodedata.normalize("NFKC", w).strip()


def test_the_profile_has_no_deadline_and_is_derandomized_in_ci():
    """conftest.py's profile is the one in force: a loaded machine cannot fail a test by its
    timing, and a CI run draws the same examples every time."""
    import os

    assert settings.default.deadline is None
    assert settings.default.derandomize is bool(os.environ.get("CI"))
    assert BUDGET.deadline is None and TEXT_BUDGET.derandomize is settings.default.derandomize
