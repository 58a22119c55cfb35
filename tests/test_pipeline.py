"""Batch robustness: one bad file or disclosure is one line ``error: FILE: reason`` and the
batch goes on; identical files are read once; a file holding two disclosures is reported,
not merged; disclosures of different kind or scope stay apart; the local process pool and a
Dask cluster give the same results as one process."""
from __future__ import annotations

import json
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import pipeline
from analysis.parse.titles import same_department
from analysis.pipeline import BatchError, PoolRunner, Runner, parse_batch, run, shown

from .conftest import SAMPLE, needs_sample

pytestmark = needs_sample


# ---------------------------------------------------------------------------
# inputs built from the sample (no corpus needed)
# ---------------------------------------------------------------------------
def _sample_data(replace: dict | None = None) -> dict:
    from analysis.sample.build import load_data

    text = json.dumps(load_data(), ensure_ascii=False)
    for a, b in (replace or {}).items():
        text = text.replace(a, b)
    return json.loads(text)


PRIOR_YEAR = {"2024": "2023", "2025": "2024"}
OTHER_DEPT = {"重庆市潼南区人民政府办公室": "重庆市潼南区发展和改革委员会", "潼南区人民政府办公室": "潼南区发展和改革委员会",
              "区政府办": "区发展改革委"}


def _ordered(text: str, mapping: dict) -> str:
    # replace in one pass so that 2024 -> 2023 and 2025 -> 2024 do not chain
    import re

    rx = re.compile("|".join(map(re.escape, sorted(mapping, key=len, reverse=True))))
    return rx.sub(lambda m: mapping[m.group(0)], text)


def build_pdf(path: Path, *parts: dict) -> Path:
    """One PDF holding the narrative and tables of each disclosure in ``parts``, in turn."""
    from analysis.sample.build import build

    data = dict(parts[0])
    data["narrative"] = [x for p in parts for x in p["narrative"]]
    data["attachments"] = [x for p in parts for x in p["attachments"]]
    return build(path, data)


def variant(mapping: dict) -> dict:
    from analysis.sample.build import load_data

    return json.loads(_ordered(json.dumps(load_data(), ensure_ascii=False), mapping))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("built")
    base = _sample_data()
    return {
        "two_years": build_pdf(d / "two-years.pdf", base, variant(PRIOR_YEAR)),
        "two_departments": build_pdf(d / "two-departments.pdf", base, variant(OTHER_DEPT)),
        "other_department": build_pdf(d / "fgw-2025.pdf", variant(OTHER_DEPT)),
    }


def _run_cli(capsys, *args) -> subprocess.CompletedProcess:
    """``budget-audit ARGS`` in this process (the command line's own ``main``): exit code and output."""
    from analysis.cli import main

    capsys.readouterr()
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out.out, out.err)


# ---------------------------------------------------------------------------
# identical files
# ---------------------------------------------------------------------------
def test_identical_files_are_read_once_with_a_warning(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    a, b = raw / "a-2025.pdf", raw / "copy of a.pdf"
    shutil.copy(SAMPLE, a)
    shutil.copy(SAMPLE, b)
    single = run([SAMPLE])
    batch = run([raw])
    assert batch.errors == []
    assert len(batch.disclosures) == 1 and len(batch.disclosures[0].files) == 1
    assert len(batch.warnings) == 1
    w = batch.warnings[0]
    assert str(b) in w and str(a) in w and "same content" in w and "read once" in w
    # findings are not doubled
    assert batch.results[0].counts() == single.results[0].counts()
    assert len(batch.results[0].findings) == len(single.results[0].findings)


def test_the_same_file_named_twice_is_silently_read_once():
    batch = parse_batch([SAMPLE, SAMPLE.parent])
    assert len(batch.disclosures) == 1 and batch.warnings == [] and batch.errors == []


# ---------------------------------------------------------------------------
# a file holding two disclosures
# ---------------------------------------------------------------------------
def test_a_file_holding_two_years_is_reported_not_merged(built):
    batch = parse_batch([built["two_years"], SAMPLE])
    assert [d.year for d in batch.disclosures] == [2025] and len(batch.disclosures[0].files) == 1
    assert len(batch.errors) == 1
    line = batch.errors[0].line()
    assert line.startswith(str(built["two_years"]) + ": ")
    assert "different years (2024, 2025)" in line and "not merged" in line


def test_a_file_holding_two_departments_is_reported_not_merged(built):
    batch = parse_batch([built["two_departments"]])
    assert batch.disclosures == []
    assert len(batch.errors) == 1
    line = batch.errors[0].line()
    assert "different departments" in line and "重庆市潼南区发展和改革委员会" in line and "重庆市潼南区人民政府办公室" in line


def test_a_file_of_one_disclosure_is_not_split(sample):
    from analysis.parse import parse_document

    assert pipeline.several_disclosures(parse_document(SAMPLE)) is None


# ---------------------------------------------------------------------------
# grouping by kind and scope
# ---------------------------------------------------------------------------
def test_budget_and_unit_budget_of_one_department_year_stay_apart():
    from analysis.parse import parse_document

    dept, unit = parse_document(SAMPLE), parse_document(SAMPLE)
    unit.scope = "unit"            # ParsedDocument.scope / .kind come with the lead's reader
    final = parse_document(SAMPLE)
    final.kind = "final"
    disclosures, errors = pipeline.group([dept, unit, final])
    assert errors == []
    assert sorted((d.kind, d.scope) for d in disclosures) == [("budget", "department"), ("budget", "unit"),
                                                              ("final", "department")]
    assert len({d.slug for d in disclosures}) == 3


def test_a_district_office_and_a_street_office_are_different_departments():
    assert not same_department("上海市普陀区人民政府办公室", "上海市普陀区人民政府万里街道办事处")
    assert same_department("省委办公厅", "中共江苏省委办公厅")
    assert same_department("中国共产党江苏省委员会办公厅", "中共江苏省委办公厅")


# ---------------------------------------------------------------------------
# one bad file, one bad disclosure
# ---------------------------------------------------------------------------
def test_any_failure_of_one_file_is_its_error_and_the_batch_goes_on(tmp_path, monkeypatch, built):
    import analysis.parse.grouping as grouping

    real = grouping.parse_document

    def flaky(path, *settings):
        if Path(path).name == "fgw-2025.pdf":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, *settings)

    monkeypatch.setattr(grouping, "parse_document", flaky)
    batch = parse_batch([SAMPLE, built["other_department"]])
    assert [d.department for d in batch.disclosures] == ["重庆市潼南区人民政府办公室"]
    assert [e.line() for e in batch.errors] == [
        f"{built['other_department']}: could not be read: RecursionError: maximum recursion depth exceeded"]


def test_a_disclosure_whose_audit_fails_is_its_error_and_the_others_are_audited(built):
    from analysis.checks.base import REGISTRY, check

    @check("data_quality.test_explodes", "error", "测试", "test", "test only")
    def explodes(ctx):
        if "发展和改革" in ctx.d.department:
            raise ArithmeticError("boom")
        return []

    try:
        batch = run([SAMPLE, built["other_department"]])
    finally:
        del REGISTRY["data_quality.test_explodes"]
    assert [d.department for d in batch.disclosures] == ["重庆市潼南区人民政府办公室"]
    assert len(batch.results) == 1 and batch.results[0].findings
    assert [e.line() for e in batch.errors] == [
        f"{built['other_department']}: audit failed: ArithmeticError: boom"]


@pytest.mark.slow
def test_a_huge_amount_is_unreadable_not_a_crash(tmp_path, capsys):
    """An amount of 27+ digits (in a table and in the narrative) used to crash audit and
    report for the whole batch; it is now an unreadable cell, and the others go on."""
    huge = "1234567890123456789012345678.20"
    text = json.dumps(variant(OTHER_DEPT), ensure_ascii=False)
    text = text.replace('"（一）一般公共服务支出", "1955.20", "1955.20"', f'"（一）一般公共服务支出", "{huge}", "1955.20"', 1)
    text = text.replace("一般公共服务支出安排1955.20万元", f"一般公共服务支出安排{huge}万元", 1)
    assert huge in text
    raw = tmp_path / "raw"
    raw.mkdir()
    build_pdf(raw / "huge-2025.pdf", json.loads(text))
    shutil.copy(SAMPLE, raw / SAMPLE.name)
    batch = run([raw])
    assert batch.errors == []
    assert len(batch.disclosures) == 2
    d = next(d for d in batch.disclosures if "发展和改革" in d.department)
    assert any(huge in n.text for n in d.narrative)          # read, and kept as text
    assert all(c.value is None or abs(c.value) < 10 ** 20 for c in d.claims)
    assert all(abs(v) < 10 ** 20 for t in d.tables for r in t.rows for v in r.amounts.values())
    proc = _run_cli(capsys, "audit", raw, "--workers", "1")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_file_names_in_messages_are_escaped(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    evil = raw / "bad\x1b[31mred\nline\u202e.pdf"
    evil.write_bytes(b"%PDF-1.4\n not a pdf \n%%EOF")
    shutil.copy(SAMPLE, raw / SAMPLE.name)
    proc = _run_cli(capsys, "parse", raw, "--workers", "1")
    assert proc.returncode == 1
    errors = [l for l in proc.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 1, proc.stderr
    assert "\x1b" not in proc.stderr and "\u202e" not in proc.stderr
    assert "bad\\x1b[31mred\\x0aline\\u202e.pdf: " in errors[0]
    assert "重庆市潼南区人民政府办公室 2025" in proc.stdout
    assert shown("a\nb\tc\x00") == "a\\x0ab\\x09c\\x00"


# ---------------------------------------------------------------------------
# --out checked before any work
# ---------------------------------------------------------------------------
def _unwritable(tmp_path) -> Path:
    import os

    if os.geteuid() == 0:
        # root writes through permission bits: use a folder of a read-only kernel filesystem
        for p in (Path("/sys/kernel"), Path("/sys")):
            if p.is_dir():
                return p
        pytest.skip("no read-only folder available for root")
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o555)
    return d


@pytest.mark.parametrize("command", ["parse", "audit", "report"])
def test_an_invalid_out_fails_before_any_work_with_one_line(tmp_path, command, capsys, monkeypatch):
    from analysis import cli

    def no_work(*a, **k):
        raise AssertionError("work started before --out was checked")

    monkeypatch.setattr(cli, "parse_batch", no_work)
    monkeypatch.setattr(cli, "run", no_work)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for out, reason in ((a_file, "exists and is not a folder"), (a_file / "sub", "cannot create the folder"),
                        (_unwritable(tmp_path), "not writable")):
        code = cli.main([command, str(SAMPLE), "--out", str(out), "--workers", "1"])
        captured = capsys.readouterr()
        assert code == 2, (out, captured.err)
        lines = captured.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: --out {out}: {reason}"), captured.err
        assert captured.out == ""


@pytest.mark.slow
def test_report_checks_processed_before_any_work(tmp_path, capsys, monkeypatch):
    from analysis import cli

    monkeypatch.setattr(cli, "run", lambda *a, **k: pytest.fail("work started before --processed was checked"))
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    code = cli.main(["report", str(SAMPLE), "--out", str(tmp_path / "out"), "--processed", str(a_file),
                     "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2 and err.splitlines() == [f"error: --processed {a_file}: exists and is not a folder"]


# ---------------------------------------------------------------------------
# runners: local processes and Dask
# ---------------------------------------------------------------------------
def _summary(batch) -> list:
    return [(d.department, d.year, r.counts(), round(r.score.total, 2), [f.message for f in r.findings])
            for d, r in zip(batch.disclosures, batch.results)]


def test_task_functions_and_their_data_pickle():
    doc = pipeline.parse_task(str(SAMPLE))
    back = pickle.loads(pickle.dumps(doc))
    assert back.department == doc.department and len(back.tables) == len(doc.tables)
    err = pickle.loads(pickle.dumps(BatchError("/x/a.pdf", "corrupt")))
    assert (err.path, err.reason, err.line()) == ("/x/a.pdf", "corrupt", "/x/a.pdf: corrupt")
    for fn in (pipeline.parse_task, pipeline.audit_task):
        assert pickle.loads(pickle.dumps(fn)) is fn
    from analysis.reports import render_task

    assert pickle.loads(pickle.dumps(render_task)) is render_task


@pytest.mark.slow
def test_local_process_pool_gives_the_same_results_as_one_process(built):
    paths = [SAMPLE, built["other_department"], built["two_years"]]
    serial = run(paths, Runner())
    with PoolRunner(2) as pool:
        parallel = run(paths, pool)
    assert len(serial.disclosures) == 2
    assert _summary(parallel) == _summary(serial)
    assert [e.line() for e in parallel.errors] == [e.line() for e in serial.errors] and len(serial.errors) == 1


def test_pool_workers_read_the_cache_named_when_the_pool_is_made(monkeypatch, tmp_path):
    # workers come from a fork server started once per process: a program that points the cache
    # elsewhere between two pools must reach the second pool's workers too
    import os

    from analysis.inputs import cache

    seen = []
    for k, value in enumerate([str(tmp_path / "first"), str(tmp_path / "second"), None]):
        if value is None:
            monkeypatch.delenv(cache.ENV, raising=False)
        else:
            monkeypatch.setenv(cache.ENV, value)
        with PoolRunner(1) as pool:
            seen.append([res for _, res in pool.map(os.getenv, [cache.ENV])])
    assert seen == [[str(tmp_path / "first")], [str(tmp_path / "second")], [None]]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as c:
        yield c


@pytest.mark.slow
def test_dask_cluster_gives_the_same_results_as_one_process(built, cluster):
    paths = [SAMPLE, built["other_department"]]
    serial = run(paths, Runner())
    with pipeline.DaskRunner(cluster.scheduler_address) as runner:
        assert runner.workers == 2
        on_dask = run(paths, runner)
    assert _summary(on_dask) == _summary(serial)


@pytest.mark.slow
def test_reports_render_on_a_dask_cluster(cluster, tmp_path):
    from analysis.cli import report

    out = tmp_path / "out"
    assert report([SAMPLE], out, progress=False, scheduler=cluster.scheduler_address) == 0
    names = sorted(p.name for p in out.glob("*.html"))
    assert names == ["comparison.html", "index.html", "score.html", "重庆市潼南区人民政府办公室-2025.html"]
    assert "审计发现 Findings" in (out / "重庆市潼南区人民政府办公室-2025.html").read_text(encoding="utf-8")


def test_errors_of_a_batch_are_batch_errors():
    batch = parse_batch([SAMPLE.parent / "does-not-exist.pdf"])
    assert len(batch.errors) == 1 and isinstance(batch.errors[0], BatchError)
    assert batch.errors[0].line().endswith("does-not-exist.pdf: file not found")
