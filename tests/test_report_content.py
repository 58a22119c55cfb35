"""What a researcher reads: a summary first, every finding with its file and page linked to a
copy of the source, reading problems apart, weights as the score uses them, per-side appendix
columns, unreadable tables told apart from tables not disclosed, charts without clipped
labels, CSV downloads, files a web server can serve, and an interrupted run that keeps the
previous set."""
from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

from analysis.checks import AuditResult, audit
from analysis.checks.base import Finding
from analysis.cli import report
from analysis.model import CONFIDENCE_THRESHOLD
from analysis.dataset import build_dataset
from analysis.reports import checklist, compare, data, findings, frames, present
from analysis.score import WEIGHTS
from analysis.store import write_disclosure

from .conftest import BROKEN, ROOT, SAMPLE, SLUG, needs_sample

pytestmark = needs_sample


@pytest.fixture(scope="module")
def cli_run(report_set):
    """``budget-audit report`` on the sample (and a corrupt PDF), as a user runs it (default workers)."""
    return report_set.out, report_set.proc


@pytest.fixture(scope="module")
def page(report_set):
    return report_set.department.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def audited(sample):
    return audit([sample])[0]


# ---------------------------------------------------------------------------
# the command
# ---------------------------------------------------------------------------
@pytest.mark.slow
def test_report_prints_the_index_path_and_no_kernel_chatter(cli_run):
    out, proc = cli_run
    assert proc.stdout.strip().splitlines() == [str(out.resolve() / "index.html")]
    assert "IPKernelApp" not in proc.stderr and "Kernel is running" not in proc.stderr
    lines = proc.stderr.strip().splitlines()      # the corrupt PDF, and nothing else
    assert len(lines) == 1 and lines[0].startswith("error: ") and BROKEN in lines[0], proc.stderr
    assert proc.returncode == 1


@pytest.mark.slow
def test_files_0644_and_folders_0755(cli_run):
    out, _ = cli_run
    paths = [out] + list(out.rglob("*"))
    assert len(paths) > 15
    for p in paths:
        mode = p.stat().st_mode & 0o777
        assert mode == (0o755 if p.is_dir() else 0o644), (p, oct(mode))
    assert not [p for p in out.iterdir() if p.name.startswith(".")]   # no staging leftovers


@pytest.mark.slow
def test_interrupted_report_leaves_the_previous_set_intact(cli_run, tmp_path, monkeypatch):
    import analysis.reports.build as B

    out = tmp_path / "reports"
    shutil.copytree(cli_run[0], out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    calls = []

    def interrupted(spec):
        calls.append(spec["title"])
        raise KeyboardInterrupt

    monkeypatch.setattr(B, "render_task", interrupted)
    with pytest.raises(KeyboardInterrupt):
        report([SAMPLE], out, progress=False, workers=1)
    assert calls
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]   # no staging or processed leftovers


def test_a_new_set_replaces_the_old_one_and_keeps_other_files(report_set, tmp_path, monkeypatch):
    import html
    import json

    import analysis.reports.build as B
    from analysis.reports import previous_files, render_reports

    out = tmp_path / "reports"
    shutil.copytree(report_set.out, out)
    (out / ".gitkeep").write_text("")
    (out / "other").mkdir()
    (out / "other" / "index.html").write_text("another set")
    stale = out / "old-dept-2020.html"
    stale.write_text("stale")
    index = (out / "index.html").read_text(encoding="utf-8")
    names = previous_files(out)
    assert "comparison.html" in names and f"{SLUG}.html" in names and SLUG in names
    old = html.escape(json.dumps(names, ensure_ascii=False))
    new = html.escape(json.dumps(names + ["old-dept-2020.html"], ensure_ascii=False))
    assert old in index
    (out / "index.html").write_text(index.replace(old, new), encoding="utf-8")
    # the swap is what is tested here: the pages are stand-ins (the notebooks are tested elsewhere)
    monkeypatch.setattr(B, "render_task", lambda spec: {"html": "<p>new</p>", "ipynb": "{}\n", "error": ""})
    result = render_reports([report_set.processed], out, progress=False, workers=1)
    assert not result.failed and not result.errors
    assert not stale.exists()                                   # listed by the previous set: removed
    assert (out / ".gitkeep").exists() and (out / "other" / "index.html").read_text() == "another set"
    assert (out / f"{SLUG}.html").read_text() == "<p>new</p>"
    assert BROKEN not in (out / "index.html").read_text(encoding="utf-8")   # the old set's errors are gone


# ---------------------------------------------------------------------------
# the department page
# ---------------------------------------------------------------------------
def test_summary_comes_first_in_chinese_grouped_by_check(page):
    summary = page.index("摘要 Summary")
    assert summary < page.index("审计发现 Findings") < page.index("读取问题 Reading problems")
    assert summary < page.index("完整性清单")
    # the summary table names checks in Chinese, errors first
    m = re.search(r'<table id="T_summary">(.*?)</table>', page, flags=re.S)
    assert m, "summary table"
    rows = re.findall(r"<tr>(.*?)</tr>", m.group(1), flags=re.S)[1:]
    first = re.sub(r"<[^>]+>", "|", rows[0])
    assert "科目代码存在且名称与当年《政府收支分类科目》一致" in first and "classification.code_name" in first


def test_summary_frame_counts_by_check_and_severity(audited):
    sm = findings.summary_frame(audited)
    by_id = {r["编号 id"]: r for _, r in sm.iterrows()}
    n = sum(1 for f in audited.findings if f.check == "classification.code_name" and f.severity == "error")
    assert n > 0 and by_id["classification.code_name"]["错误 errors"] == n
    assert list(sm["错误 errors"]) == sorted(sm["错误 errors"], reverse=True)
    assert sm["检查 check"].iloc[0] == "科目代码存在且名称与当年《政府收支分类科目》一致"


def test_every_finding_names_its_file_and_page_and_links_the_copy(page, cli_run):
    out, _ = cli_run
    href = f"{SLUG}/sources/{SAMPLE.name}#page=7"
    assert href.replace(SLUG, "") in page.replace(data.href(SLUG), "")
    assert (out / SLUG / "sources" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()
    rep = data.department(out / SLUG)
    ff = findings.findings_frame(rep.result, sources={SAMPLE.name: "x.pdf"}, html_cells=True)
    assert len(ff) == len(findings.disclosure_findings(rep.result)) > 0
    for cell, f in zip(ff["出处 source"], findings.sorted_findings(findings.disclosure_findings(rep.result))):
        if f.page:
            assert cell == f'<a href="x.pdf#page={f.page}" target="_blank">{SAMPLE.name} 第{f.page}页</a>'


def test_findings_table_is_interactive_offline(page):
    assert 'id="itables_findings"' in page
    assert "_itables_" in page and "injectModule" in page        # the library is embedded in the page
    assert not re.search(r"""(?:src|from)\s*=?\s*["']https?://""", page)


def test_weights_are_shown_as_the_score_uses_them(audited):
    df = findings.score_frame(audited)
    shown = dict(zip(df["项目 part"], df["权重 weight"]))
    for name, w in WEIGHTS.items():
        label = next(k for k in shown if k.endswith(" " + {"completeness": "Completeness",
                                                            "consistency": "Internal consistency",
                                                            "granularity": "Granularity",
                                                            "explanations": "Quality of explanations",
                                                            "performance": "Performance-target quality"}[name]))
        assert shown[label] == f"{Decimal(str(w)) * 100:.0f}%"
    assert shown["总分 total"] == "100%"
    assert findings.weight_text(0.125) == "12.5%" and findings.weight_text(0.35) == "35%"


def test_page_links_the_rubric_and_the_csv_downloads(page, cli_run):
    out, _ = cli_run
    assert 'href="score.html"' in page and (out / "score.html").is_file()
    assert "内部一致性" in (out / "score.html").read_text(encoding="utf-8")
    for name in ("findings.csv", "tables.csv", "rows.csv", "amounts.csv"):
        assert f'href="{data.href(SLUG)}/{name}"' in page
        assert (out / SLUG / name).is_file()


def test_reading_problems_are_their_own_section(sample, audited):
    reading = Finding("reading.low_confidence", "warning", "附件3 列对不齐：置信度 0.40", table="general_budget_basic_expenditure",
                      table_id="t03", file=str(SAMPLE), page=7)
    res = AuditResult(sample, list(audited.findings) + [reading], audited.score)
    ff = findings.findings_frame(res)
    assert len(ff) == len(audited.findings) and not ff["检查 check"].str.contains("reading").any()
    assert findings.counts(res)["reading"] == 1 + len(sample.problems)
    assert sum(findings.counts(res)[k] for k in ("error", "warning", "info")) == len(audited.findings)
    rep = data.Report(sample, res, "x", {SAMPLE.name: "copy.pdf"})
    rf = findings.reading_frame(rep)
    assert len(rf) == 1 + len(sample.problems)
    assert rf["出处 source"].iloc[0] == f'<a href="copy.pdf#page=7" target="_blank">{SAMPLE.name} 第7页</a>'
    assert "置信度 0.40" in rf["说明 detail"].iloc[0]
    assert "reading.low_confidence" not in set(findings.summary_frame(res)["编号 id"])


def test_unreadable_table_is_told_apart_from_a_table_not_disclosed(sample):
    d = copy.deepcopy(sample)
    assert frames.section_status(d, "收入来源") == "ok" and not frames.income_by_source(d).empty
    income = d.table("department_income")
    income.confidence = CONFIDENCE_THRESHOLD - 0.3
    assert not income.readable
    assert frames.income_by_source(d).empty                 # its figures are withheld
    assert frames.section_status(d, "收入来源") == "unreadable"
    assert present.NOT_READ in present.missing(d, "收入来源").data
    d.tables = [t for t in d.tables if t.kind != "department_income"]
    assert frames.section_status(d, "收入来源") == "absent"
    assert present.NOT_PROVIDED in present.missing(d, "收入来源").data
    # the checklist still lists the printed table, saying it could not be read
    d2 = copy.deepcopy(sample)
    d2.table("three_public").confidence = 0.1
    assert frames.three_public(d2).empty
    row = checklist.completeness(audit([d2])[0]).set_index("编号 id").loc["T07"]
    assert row["是否公开 present"] == "✔ 有（本工具未能可靠读取）" and row["位置 where"].startswith("t04 ")


def test_two_sided_appendix_tables_show_each_column_its_own_values(sample):
    t = sample.table("department_summary")
    df = frames.table_frame(t)
    income_cols = [c for c in df.columns if c.startswith("收入")]
    spend_cols = [c for c in df.columns if c.startswith("支出")]
    assert income_cols and spend_cols
    assert not any(c.startswith(("income", "expenditure")) for c in df.columns)
    for (_, row), r in zip(df.iterrows(), t.rows):
        if r.section == "income":
            assert all(row[c] != row[c] for c in spend_cols)       # NaN: not printed on this side
            assert row["部分 section"] == "收入"
        elif r.section == "expenditure":
            assert all(row[c] != row[c] for c in income_cols)
    first = t.rows[0]
    assert df[income_cols[0]].iloc[0] == float(first.amounts["total"])


def test_chart_labels_wrap_instead_of_clipping(page):
    svgs = re.findall(r'<div class="chart">(.*?)</svg>', page, flags=re.S)
    assert len(svgs) >= 5
    texts = [t for s in svgs for t in re.findall(r"<text[^>]*>(.*?)</text>", s, flags=re.S)]
    assert texts and not [t for t in texts if "…" in t]
    assert all("font-family" in s and "Noto Sans CJK SC" in s for s in svgs)
    # the longest project name is printed whole, over several lines
    long = "区政府办电子政务、政务（政府）信息公开专项（常年性项目）"
    lines = present.wrap(long).split("\n")
    assert len(lines) > 1 and all(f">{l}<" in page for l in lines)


def test_chart_wrap_keeps_every_character():
    text = "一二三四五六七八九十" * 4
    assert present.wrap(text).replace("\n", "") == text
    assert max(len(x) for x in present.wrap(text).split("\n")) == present.LABEL_WRAP


def test_processed_paths_are_the_notebook_parameters(cli_run):
    import nbformat

    out, _ = cli_run
    nb = nbformat.read(str(out / f"{SLUG}.ipynb"), as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "processed" in injected.source and "paths" not in injected.source
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.execution_count]
    assert counts == list(range(1, len(counts) + 1))


def test_notebooks_never_parse_or_audit(cli_run):
    """The department notebook's code, run on a processed folder with the reader and the
    checks disabled, still renders: it reads model.json only."""
    import nbformat

    out, _ = cli_run
    nb = nbformat.read(str(ROOT / "notebooks" / "department_audit.ipynb"), as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"
             and not {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))]
    code = "\n".join([
        "def boom(*a, **k):\n    raise AssertionError('a notebook must not parse or audit')",
        "import analysis.inputs, analysis.parse.disclosure, analysis.checks, analysis.checks.base, analysis.pipeline",
        "analysis.inputs.read_source = analysis.parse.disclosure.parse_document = boom",
        "analysis.pipeline.parse_task = analysis.pipeline.audit_task = boom",
        "analysis.checks.audit = analysis.checks.base.run_checks = boom",
        f"processed = {str(out / SLUG)!r}", "rubric = 'score.html'", *cells, "print('RENDERED', len(ff))"])
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    n = int(proc.stdout.split("RENDERED")[1])
    assert n == len(findings.disclosure_findings(data.department(out / SLUG).result)) > 0


def test_a_final_account_is_checked_against_its_own_tables(tmp_path):
    from analysis.model import Disclosure, Row, Table

    def table(kind, page):
        return Table(id=f"t{page}", kind=kind, title=kind, label="", file="x.pdf", pages=[page],
                     columns=[], rows=[Row(0, "合计", page=page)])
    final = Disclosure(department="某局", year=2024, kind="final",
                       tables=[table("final_summary", 3), table("final_three_public", 9)])
    budget = Disclosure(department="某局", year=2025, tables=[table("department_summary", 4)])
    results = audit([budget, final])
    frame = checklist.completeness(results[1])
    ids = list(frame["编号 id"])
    assert ids[:9] == [f"F0{i}" for i in range(1, 10)] and "T01" not in ids
    present = dict(zip(frame["编号 id"], frame["是否公开 present"]))
    assert present["F01"].startswith("✔") and present["F07"].startswith("✔") and present["F02"].startswith("✘")
    processed = tmp_path / "processed"
    for d, res, name in zip([budget, final], results, ["budget", "final"]):
        write_disclosure(d, processed, result=res, name=name)
    build_dataset(processed, tmp_path / "dataset")
    m = compare.presence(compare.connect(tmp_path / "dataset")).set_index(["类型 kind", "编号 item"])
    assert m.loc[("预算", "T01"), "已公开 present"] == 1 and ("决算", "T01") not in m.index
    assert m.loc[("决算", "F01"), "已公开 present"] == 1 and m.loc[("决算", "F02"), "未见 missing"] == 1
    assert ("预算", "F01") not in m.index
