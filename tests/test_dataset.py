"""The dataset (analysis.dataset): a Fiscal Data Package that frictionless accepts and a DuckDB
database whose views answer the comparison's questions, built from processed disclosures.

The set is built from the bundled sample, audited, and written three times as a department
would publish over the years: its 2025 department budget, the same department's 2024 budget
(figures scaled), and a 2025 unit budget of the same department (which must never be compared
with the department budget)."""
from __future__ import annotations

import copy
import json
import shutil
from decimal import Decimal

import pytest

from analysis import cli
from analysis.checks import audit
from analysis.dataset import DUCKDB_FILE, RESOURCES, build_dataset, write_dataset
from analysis.dataset.regions import region
from analysis.figures import headline_figures, locate
from analysis.reports import compare
from analysis.store import write_disclosure
from analysis.structure import totals


def _scaled(d, year: int, factor: Decimal, scope: str = "department"):
    """A copy of ``d`` for ``year`` with every table amount multiplied by ``factor``."""
    e = copy.deepcopy(d)
    e.year, e.scope = year, scope
    for t in e.tables:
        for r in t.rows:
            r.amounts = {k: (v * factor).quantize(Decimal("0.01")) for k, v in r.amounts.items()}
    e.figures = locate(e)
    return e


@pytest.fixture(scope="module")
def processed(sample, tmp_path_factory):
    folder = tmp_path_factory.mktemp("processed")
    three = [sample, _scaled(sample, 2024, Decimal("0.8")), _scaled(sample, 2025, Decimal(1), "unit")]
    names = ["dept-2025", "dept-2024", "unit-2025"]
    for d, name in zip(three, names):
        write_disclosure(d, folder, result=audit([d])[0], name=name)
    return folder


@pytest.fixture(scope="module")
def dataset(processed, tmp_path_factory):
    out = tmp_path_factory.mktemp("set") / "dataset"
    rows = build_dataset(processed, out)
    assert rows["disclosures"] == 3
    return out


def test_frictionless_accepts_the_package(dataset):
    from frictionless import Package

    report = Package(str(dataset / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    names = [r["name"] for r in json.loads((dataset / "datapackage.json").read_text("utf-8"))["resources"]]
    assert names == list(RESOURCES)


def test_csv_files_open_in_excel_on_chinese_windows(dataset):
    for name in RESOURCES:
        head = (dataset / "data" / f"{name}.csv").read_bytes()[:3]
        assert head == b"\xef\xbb\xbf", name
        assert (dataset / "data" / f"{name}.parquet").is_file()


def test_every_amount_of_every_table_is_a_row(dataset, sample):
    con = compare.connect(dataset)
    n = con.execute("SELECT count(*) FROM amounts WHERE disclosure_id = 'dept-2025'").fetchone()[0]
    expected = sum(len(dict.fromkeys([*r.amounts, *r.placeholders, *r.unreadable])) for t in sample.tables
                   for r in t.rows)
    assert n == expected > 100
    first = next(t for t in sample.tables if totals(t))
    total = totals(first)[0]
    key = next(iter(total.amounts))
    got = con.execute("""SELECT value_wan, total, page FROM amounts WHERE disclosure_id = 'dept-2025'
                         AND table_id = ? AND "row" = ? AND "column" = ?""", [first.id, total.index, key]).fetchone()
    assert got == (float(total.amounts[key]), True, total.page)


def test_figures_and_year_over_year_keep_kind_and_scope_apart(dataset, sample):
    con = compare.connect(dataset)
    figs = headline_figures(sample)
    total = float(figs["total_expenditure"].value)
    rows = con.execute("""SELECT year_before, year_after, before_wan, after_wan, change_wan, scope
                          FROM year_over_year WHERE figure = 'total_expenditure'""").fetchall()
    # the 2024 department budget against the 2025 one; never the unit budget against either
    before = float((figs["total_expenditure"].value * Decimal("0.8")).quantize(Decimal("0.01")))
    assert rows == [(2024, 2025, before, total, pytest.approx(total - before), "department")]
    df = compare.year_over_year(con)
    assert set(df["范围 scope"]) == {"部门"} and len(df) >= 4
    assert set(df["部门 department"]) == {'<a href="dept-2025.html">重庆市潼南区人民政府办公室</a>'}


def test_comparison_queries_label_every_disclosure(dataset):
    con = compare.connect(dataset)
    head = compare.headline(con)
    assert len(head) == 3
    assert sorted(zip(head["年度 year"], head["范围 scope"])) == [(2024, "部门"), (2025, "单位"), (2025, "部门")]
    assert all(cell.startswith('<a href="') for cell in head["部门 department"])
    ranks = compare.rankings(con)
    assert sorted(ranks["名次 rank"]) == ["1/1", "1/2", "2/2"] or sorted(ranks["名次 rank"]) == ["1/1", "1/2", "1/2"]
    by_check = compare.findings_by_check(con)
    assert by_check["发现数 findings"].sum() == con.execute("SELECT count(*) FROM findings").fetchone()[0]
    staff = compare.per_staff(con)
    assert len(staff) == 3 and (staff["编制人数 staff"] > 0).all()


def test_no_missing_value_is_shown_as_nan(dataset):
    con = compare.connect(dataset)
    for frame in (compare.printed_changes(con), compare.rankings(con), compare.presence(con)):
        cells = compare.html_cells(frame, links=("部门 department",))
        assert not any(str(v) in ("nan", "NaN", "<NA>", "None") for v in cells.to_numpy().ravel())


def test_the_command_builds_and_refuses_with_one_line(processed, tmp_path, capsys):
    out = tmp_path / "ds"
    assert cli.main(["dataset", str(processed), "--out", str(out)]) == 0
    assert (out / DUCKDB_FILE).is_file() and (out / "datapackage.json").is_file()
    assert capsys.readouterr().out.startswith("dataset: 3 disclosures, ")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["dataset", str(empty), "--out", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: no processed disclosure in {empty}")
    assert not (tmp_path / "none").exists()


def test_a_rebuild_replaces_the_dataset_whole(processed, tmp_path):
    out = tmp_path / "ds"
    write_dataset(processed, out)
    (out / "stale.csv").write_text("old")
    build_dataset(processed, out)
    assert (out / DUCKDB_FILE).is_file()
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir() if p.name != "ds")


@pytest.mark.parametrize("name, expected", [
    ("上海市普陀区教育局", ("上海市", "上海市", "普陀区", "区县级")),
    ("上海市市场监督管理局", ("上海市", "上海市", "", "省级")),
    ("江苏省财政厅", ("江苏省", "", "", "省级")),
    ("中共江苏省委宣传部", ("江苏省", "", "", "省级")),
    ("江苏省南京市玄武区教育局", ("江苏省", "南京市", "玄武区", "区县级")),
    ("杭州市交通运输局", ("", "杭州市", "", "地市级")),
    ("苏州市吴中区住房和城乡建设局", ("", "苏州市", "吴中区", "区县级")),
    ("上海市浦东新区财政局", ("上海市", "上海市", "浦东新区", "区县级")),
    ("广西壮族自治区南宁市青秀区教育局", ("广西壮族自治区", "南宁市", "青秀区", "区县级")),
    ("上海市城市规划局", ("上海市", "上海市", "", "省级")),
    ("上海交通职业技术学院", ("上海市", "上海市", "", "省级")),
    ("某某单位", ("", "", "", "")),
])
def test_region_from_the_name(name, expected):
    r = region(name)
    assert (r["province"], r["city"], r["district"], r["level"]) == expected


def test_a_rebuild_decodes_only_the_disclosures_that_changed(processed, sample, tmp_path, monkeypatch):
    import analysis.dataset.build as B
    from analysis.inputs import cache

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    loaded = []
    real = B.load_processed
    monkeypatch.setattr(B, "load_processed", lambda p: loaded.append(p.name) or real(p))
    processed = shutil.copytree(processed, tmp_path / "processed")    # the module's set stays as it is
    first = build_dataset(processed, tmp_path / "a")
    assert sorted(loaded) == ["dept-2024", "dept-2025", "unit-2025"]
    write_disclosure(_scaled(sample, 2024, Decimal("0.5")), processed, result=None, name="dept-2024")
    second = build_dataset(processed, tmp_path / "b")
    assert sorted(loaded) == ["dept-2024", "dept-2024", "dept-2025", "unit-2025"]   # the changed one only
    assert (first["disclosures"], first["amounts"]) == (second["disclosures"], second["amounts"])
    assert second["scores"] < first["scores"]                                     # dept-2024 is not audited now
    con = compare.connect(tmp_path / "b")
    assert con.execute("SELECT score FROM disclosures WHERE disclosure_id = 'dept-2024'").fetchone() == (None,)


def test_amounts_are_shown_as_readers_expect_and_unnamed_departments_are_named():
    assert [compare.amount(v) for v in (40869.6, 3863.9856, 0.0, 1234567.5, None, float("nan"))] == \
        ["40,869.60", "3,863.9856", "0.00", "1,234,567.50", "", ""]
    assert compare.link("2026", "") == '<a href="2026.html">（未识别部门 department not read）</a>'
