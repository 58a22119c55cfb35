"""Reference data (analysis.reference): the code tables, their API, and the corpus they come from."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import reference as ref
from analysis.reference import _harvest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
REF_DIR = ROOT / "analysis" / "reference"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS} (expected ../shared next to the repository)")


# -- names by year -------------------------------------------------------------------------------

def test_function_names_by_year():
    assert ref.function_name("2013101", 2018) == "行政运行"
    assert ref.function_name("201", 2017) == "一般公共服务支出"
    assert ref.function_name("2080505", 2019) == "机关事业单位基本养老保险缴费支出"
    # 20805 was renamed between the Jiangsu 2017-2019 tables and the Shanghai 2023-2025 / Chongqing 2025 ones
    assert ref.function_name("20805", 2017) == "行政事业单位离退休"
    assert ref.function_name("20805", 2019) == "行政事业单位离退休"
    assert ref.function_name("20805", 2025) == "行政事业单位养老支出"
    assert ref.function_name("20805") == "行政事业单位养老支出"
    assert ref.function_names("20805") == [("行政事业单位离退休", 2017, 2019), ("行政事业单位养老支出", 2023, None)]
    assert ref.function_name("210", 2019) == "卫生健康支出"
    # no source pairs 210 with a name for 2018, so the reference does not guess one
    assert ref.function_name("210", 2018) is None


def test_economic_names_follow_the_2018_reform():
    assert ref.economic_name("30113", 2019) == "住房公积金"
    assert ref.economic_name("30113", 2017) is None
    assert ref.economic_name("30311", 2017) == "住房公积金"
    assert ref.economic_name("30311", 2019) != "住房公积金"
    assert ref.economic_name("30104", 2017) == "其他社会保障缴费"
    assert ref.economic_name("30104", 2018) is None
    assert ref.economic_name("30112", 2018) == "其他社会保障缴费"
    assert ref.economic_name("30307", 2017) == "医疗费"
    assert ref.economic_name("30114", 2019) == "医疗费"
    assert ref.economic_name("30231", 2017) == ref.economic_name("30231", 2019) == "公务用车运行维护费"
    assert ref.economic_name("30239", 2018) == "其他交通费用"
    assert ref.economic_names("30311")[0] == ("住房公积金", 2017, 2017)


def test_verified_and_candidate_economic_codes():
    assert ref.economic_verified("30101")
    assert ref.economic_verified("30311", 2017)
    assert not ref.economic_verified("30311", 2019)      # only an unverified candidate is left
    assert ref.economic_name("30203") == "咨询费"
    assert ref.economic_verified("30203")          # printed in the Shanghai 2024 决算 tables
    assert ref.economic_name("30219") == "装备购置费"
    assert not ref.economic_verified("30219")      # a candidate no corpus table prints
    assert ref.economic_name("30219", verified_only=True) is None
    assert ref.economic_name("30307", 2019, verified_only=True) is None
    assert not ref.economic_verified("39999")
    # a candidate that a Jiangsu table prints becomes verified
    assert ref.economic_verified("30299", 2018)


def test_unknown_codes():
    assert ref.function_name("2999999", 2019) is None
    assert ref.function_names("2999999") == []
    assert ref.economic_name("39999", 2019) is None
    assert ref.lookup("function", "2999999", 2019).status == "unknown"
    assert ref.lookup("economic", "39999", None) == ref.Match("unknown")


def test_lookup():
    m = ref.lookup("economic", "30113", 2019)
    assert (m.status, m.official_name, m.verified) == ("known", "住房公积金", True)
    assert "江苏" in m.source
    # a code the sources show only in other years
    m = ref.lookup("economic", "30114", 2017)
    assert (m.status, m.official_name, m.valid_from) == ("name_for_other_year", "医疗费", 2018)
    # the printed name is the code's name of another year
    m = ref.lookup("function", "20805", 2019, printed="行政事业单位养老支出")
    assert (m.status, m.official_name) == ("name_for_other_year", "行政事业单位离退休")
    assert ref.lookup("function", "20805", 2019, printed="行政事业单位离退休（款）").status == "known"
    # a wrong printed name is not another year's name: the code is known, the caller compares names
    m = ref.lookup("economic", "30211", 2025, printed="邮电费")
    assert (m.status, m.official_name) == ("known", "差旅费")
    with pytest.raises(ValueError):
        ref.lookup("gov", "50101", 2019)


@pytest.mark.parametrize("printed, official", [
    ("维修(护)费", "维修（护）费"),
    (" 行政 运行 ", "行政运行"),
    ("因公出国(境)费用", "因公出国（境）费用"),
    ("一般公共服务", "一般公共服务支出"),
    ("行政事业单位离退休（款）", "行政事业单位离退休"),
    ("未归口管理的行政单位离退休（项）", "未归口管理的行政单位离退休"),
    ("一、一般公共服务支出", "一般公共服务支出"),
    ("（十）卫生健康支出", "卫生健康支出"),
    ("机关事业单位基本养老保险缴费支\n出", "机关事业单位基本养老保险缴费支出"),
])
def test_names_match(printed, official):
    assert ref.names_match(printed, official)


@pytest.mark.parametrize("printed, official", [
    ("邮电费", "差旅费"),
    ("医疗卫生与计划生育支出", "卫生健康支出"),
    ("医疗费", "医疗费补助"),
    ("", "行政运行"),
    ("支出", "其他支出"),
])
def test_names_do_not_match(printed, official):
    assert not ref.names_match(printed, official)


# -- the files themselves ------------------------------------------------------------------------

def _frames():
    return {kind: ref._read(name) for kind, name in ref._FILES.items()}


def test_code_tables_are_consistent():
    for kind, frame in _frames().items():
        expected = ["code", "name", "level", "valid_from", "valid_to", "source"]
        assert list(frame.columns) == expected + (["verified"] if kind == "economic" else [])
        for row in frame.itertuples():
            assert re.fullmatch(r"\d{3}|\d{5}|\d{7}", row.code), row
            assert int(row.level) == {3: 1, 5: 2, 7: 3}[len(row.code)], row
            assert row.code[0] == ("2" if kind == "function" else "3"), row
            assert row.name and row.source, row
            if row.valid_from and row.valid_to:
                assert int(row.valid_from) <= int(row.valid_to), row
        # verified, dated names of one code never claim the same year
        dated = frame[(frame.valid_from != "") & (frame.get("verified", "true") == "true")]
        for code, group in dated.groupby("code"):
            spans = sorted((int(a), int(b) if b else 9999) for a, b in zip(group.valid_from, group.valid_to))
            for (a0, b0), (a1, _) in zip(spans, spans[1:]):
                assert b0 < a1, f"{kind} {code}: overlapping names {group.name.tolist()}"
    econ = _frames()["economic"]
    assert set(econ.verified) == {"true", "false"}
    assert len(econ) >= 80 and (econ.verified == "true").sum() >= 50


def test_sources_md_names_every_cited_document():
    text = (REF_DIR / "SOURCES.md").read_text(encoding="utf-8")
    cited = set()
    for frame in _frames().values():
        for source in frame.source:
            cited.update(m.group(1) for m in re.finditer(r"corpus:(\S+?\.(?:pdf|txt))", source))
            cited.update(re.findall(r"\b[PG]_[A-Z0-9]+\b", source))
    missing = sorted(c for c in cited if c not in text)
    assert not missing, missing
    assert cited


def test_disclosure_rules():
    rules = ref.disclosure_rules()
    assert list(rules.columns) == ["id", "name", "kind", "document", "scope", "detect", "tables", "anchor", "window",
                                   "need", "item", "required_from", "granularity", "source_title", "source_url"]
    assert rules.id.is_unique
    assert set(rules.kind) == {"table", "explanation", "final_table", "rule"}
    assert set(rules.document) == {"budget", "final", "all"} and set(rules.scope) == {"all"}
    assert (rules.kind == "final_table").sum() == 9   # the nine tables of a 部门决算
    for item in ["部门收支总表", "三公经费表：购置与运行分列", "一般公共预算支出表：功能分类到项级",
                 "基本支出表", "机关运行经费", "政府采购（货物/工程/服务）", "国有资产占有使用情况",
                 "绩效目标", "名词解释", "空表须说明原因"]:
        assert rules.item.str.contains(item, regex=False).any(), item
    assert (rules.source_title != "").all() and (rules.source_url != "").all()
    assert rules.loc[rules.item.str.contains("功能分类到项级"), "granularity"].str.contains("项级").all()
    rules.loc[0, "item"] = "changed"
    assert ref.disclosure_rules().loc[0, "item"] != "changed"   # callers get a copy of the cache


# -- the corpus ----------------------------------------------------------------------------------

# Pairs printed in the Jiangsu tables that the reference deliberately does not match:
# (file name, code, printed name) -> why. None so far: every pair printed there is a reference row.
JIANGSU_EXCEPTIONS: dict = {}

# The Chongqing 2025 附件3 (basic expenditure by economic code) prints codes beside the names of
# other codes; these pairs are not reference rows, and the audit must flag them.
# (Its 30112/30113/30114 rows carry the right names with shifted amounts: not a naming error.)
CHONGQING_ANNEX3_ERRORS = {
    "30211": "邮电费", "30213": "差旅费", "30214": "维修（护）费", "30226": "工会经费",
    "30227": "福利费", "30228": "公务用车运行维护费", "30229": "其他交通费用",
    "30231": "其他商品和服务支出", "30239": "对个人和家庭的补助", "30299": "生活补助", "303": "医疗费补助",
}


HARVESTED = ("jiangsu", "chongqing-tongnan-2025")   # the corpora the reference codes were harvested from


@pytest.fixture(scope="module")
def corpus_pairs():
    from analysis.inputs import read_source

    out = {}
    for folder in HARVESTED:
        for path in sorted((CORPUS / folder).rglob("*")):
            if path.suffix.lower() in (".pdf", ".txt"):
                out[path] = _harvest.printed_pairs(read_source(path))
    return out


def _name(kind, code, year):
    if kind == "function":
        return ref.function_name(code, year)
    return ref.economic_name(code, year, verified_only=True)


@needs_corpus
def test_every_jiangsu_pair_is_in_the_reference(corpus_pairs):
    checked, wrong = 0, []
    for path, pairs in corpus_pairs.items():
        if "jiangsu" not in path.parts:
            continue
        year = _harvest.doc_year(path)
        for p in pairs:
            checked += 1
            official = _name(p.kind, p.code, year)
            if official is not None and ref.names_match(p.name, official):
                continue
            if (path.name, p.code, p.name) not in JIANGSU_EXCEPTIONS:
                wrong.append(f"{path.name} p.{p.page}: {p.code} {p.name} (reference {year}: {official})")
    assert not wrong, "\n".join(wrong)
    assert checked >= 880   # 883: the extraction finds the tables (the copy drawn below page 11 of 人大 2017 is not printed)


@needs_corpus
def test_extraction_finds_the_tables(corpus_pairs):
    by_name = {path.name: pairs for path, pairs in corpus_pairs.items()}
    for name, pairs in by_name.items():
        if "表" in name or name in ("江苏省人大办公厅2017年度预算公开.pdf", "省人大办公厅2018预算公开.pdf"):
            assert len(pairs) >= 60, name   # each tables file prints dozens of coded rows
    # a name wrapped over two lines inside its cell comes out whole
    assert ("2080505", "机关事业单位基本养老保险缴费支出") in {
        (p.code, p.name) for p in by_name["省人大办公厅2018预算公开.pdf"]}
    assert ("30311", "住房公积金") in {(p.code, p.name) for p in by_name["江苏省委办公厅2017年预算公开表格.pdf"]}


@needs_corpus
def test_chongqing_function_pairs_match_and_annex3_errors_are_caught(corpus_pairs):
    (path, pairs), = [(p, v) for p, v in corpus_pairs.items() if "chongqing-tongnan-2025" in p.parts]
    functions = [p for p in pairs if p.kind == "function"]
    assert len(functions) >= 40
    for p in functions:
        assert ref.names_match(p.name, ref.function_name(p.code, 2025) or ""), p
    mismatched = {}
    for p in pairs:
        if p.kind == "economic" and not ref.names_match(p.name, ref.economic_name(p.code, 2025) or ""):
            mismatched[p.code] = p.name
    assert mismatched == CHONGQING_ANNEX3_ERRORS
    # none of those wrong pairings became a reference row
    for code, printed in CHONGQING_ANNEX3_ERRORS.items():
        assert all(not ref.names_match(printed, name) for name, _, _ in ref.economic_names(code)), code
