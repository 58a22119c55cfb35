"""The report set: index, department and comparison reports, failures, escaping and slugs."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from analysis.cli import report
from analysis.reports import ReportEntry, compare, index_html, present, render_reports, safe_child

from .conftest import BROKEN, CHONGQING_TXT, SAMPLE, SLUG, needs_sample

PAGES = ("index.html", "comparison.html", "score.html")


def _html_files(out: Path) -> list:
    return sorted(p.name for p in out.glob("*.html"))


@needs_sample
@pytest.mark.slow
def test_sample_writes_index_department_and_comparison(report_set):
    out, processed = report_set.out, report_set.processed
    names = _html_files(out)
    assert set(PAGES) <= set(names)
    dept = [n for n in names if n not in PAGES]
    assert dept == [f"{SLUG}.html"]
    for n in dept + ["comparison.html"]:
        assert (out / n).with_suffix(".ipynb").exists()        # executed notebook kept beside
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{dept[0]}"' in index and 'href="comparison.html"' in index
    page = (out / dept[0]).read_text(encoding="utf-8")
    assert "审计发现 Findings" in page and "潼南" in page
    assert "<svg" in page
    assert "def " not in page and "import analysis" not in page      # no code cells
    assert not list(out.glob(".*.tmp")) and not list(out.glob(".*"))  # no leftovers
    # parsed tables, findings and the whole model written to processed/ (no source copies there)
    folders = [p for p in processed.iterdir() if p.is_dir()]
    assert [p.name for p in folders] == [SLUG]
    for n in ("findings.json", "findings.csv", "tables.csv", "model.json"):
        assert (folders[0] / n).exists(), n
    assert not (folders[0] / "sources").exists()
    # the report set holds the same data beside the page, with a copy of the source
    data = out / SLUG
    assert (data / "model.json").read_bytes() == (folders[0] / "model.json").read_bytes()
    assert (data / "sources" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()


@needs_sample
@pytest.mark.slow
def test_corrupt_pdf_listed_in_index_others_render(report_set):
    assert report_set.proc.returncode == 1
    index = (report_set.out / "index.html").read_text(encoding="utf-8")
    m = re.search(rf"<li><code>([^<]*{re.escape(BROKEN)}[^<]*)</code></li>", index)
    assert m, index
    assert "\n" not in m.group(1)
    dept = [n for n in _html_files(report_set.out) if n not in PAGES]
    assert len(dept) == 1 and "comparison.html" in _html_files(report_set.out)


@needs_sample
def test_render_reports_reads_processed_folders_only(report_set, tmp_path, monkeypatch):
    """Rendering takes processed folders: the reader and the checks are never called, the source
    copies come from the paths the model names, and a folder that is not a processed disclosure is
    one line in the index, not a crash."""
    import analysis.checks.base
    import analysis.parse.disclosure
    import analysis.reports.build as B

    def boom(*a, **k):
        raise AssertionError("report building must not parse or audit")

    monkeypatch.setattr(analysis.parse.disclosure, "parse_document", boom)
    monkeypatch.setattr(analysis.checks.base, "run_checks", boom)
    seen = []

    def fake(spec):   # the notebooks are tested elsewhere: here, what they are given
        seen.append(spec["parameters"])
        return {"html": f"<p>{spec['title']}</p>", "ipynb": "{}\n", "error": ""}

    monkeypatch.setattr(B, "render_task", fake)
    shutil.copytree(report_set.processed / SLUG, tmp_path / "processed" / "index")   # a reserved name
    (tmp_path / "processed" / "junk").mkdir()
    result = render_reports([tmp_path / "processed" / "index", tmp_path / "processed" / "junk"], tmp_path / "out",
                            progress=False, workers=1)
    assert [e.slug for e in result.entries] == ["index-2", "comparison"] and not result.failed
    assert sorted(map(str, (p.get("processed") or p.get("dataset") for p in seen))) == ["dataset", "index-2"]
    assert len(result.errors) == 1 and "junk" in result.errors[0] and "model.json" in result.errors[0]
    out = tmp_path / "out"
    assert (out / "index-2" / "sources" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()
    con = compare.connect(out / "dataset")   # the comparison's dataset names disclosures by their report
    assert con.execute("SELECT disclosure_id FROM disclosures").fetchall() == [("index-2",)]
    con.close()
    assert "junk" in (out / "index.html").read_text(encoding="utf-8")


def test_index_escapes_names_and_errors(tmp_path):
    evil = "<script>alert(1)</script>../../x"
    entries = [ReportEntry("department", evil, "slug", department=evil, year=2025, html="slug.html",
                           ipynb="slug.ipynb", score=90.0, counts={"error": 1}),
               ReportEntry("department", "b", "b-2025", department="<b>bad</b>", year=2025,
                           error="ValueError: <img src=x onerror=alert(1)>")]

    class Err(Exception):
        pass
    page = index_html(entries, [Err("<script>x.pdf</script>: not a PDF")])
    assert "<script>alert" not in page and "<script>x.pdf" not in page and "<img" not in page and "<b>bad" not in page
    assert page.count("<script") == 1     # the index's own sort-and-filter script, nothing injected
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_safe_child_refuses_escape(tmp_path):
    assert safe_child(tmp_path, "a-b.html").parent == tmp_path.resolve()
    with pytest.raises(ValueError):
        safe_child(tmp_path, "../x.html")
    with pytest.raises(ValueError):
        safe_child(tmp_path, "sub/x.html")


def test_styled_tables_escape_cells():
    import pandas as pd
    html = present.style(pd.DataFrame({"项目 item": ["<script>alert(1)</script>"], "金额": [1.5]}), "t<x>",
                         "<b>cap</b>").data
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>cap" not in html


@pytest.mark.slow
@pytest.mark.skipif(CHONGQING_TXT is None, reason="shared corpus absent: ../shared/corpus/chongqing-tongnan-2025")
def test_hostile_department_name_is_escaped_and_slugged(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    evil = "<script>alert(1)</script>../../办公室"
    (raw / "evil-2025.txt").write_text(CHONGQING_TXT.read_text(encoding="utf-8")
                                       .replace("重庆市潼南区人民政府办公室", evil), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert report([raw], out, progress=False, workers=1) == 0
    # everything written stays inside out/: pages directly, data in the slug folder beside them
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    pages = [w for w in written if w.startswith("out/") and w.count("/") == 1]
    data = [w for w in written if w.startswith("out/") and w.count("/") > 1]
    assert pages and data and all(w.startswith(("out/", "raw/")) for w in written), written
    assert all("<" not in w and ".." not in w for w in written), written
    dept = [p for p in out.glob("*.html") if p.name not in PAGES]
    assert len(dept) == 1 and "<" not in dept[0].name and ".." not in dept[0].name
    for p in out.glob("*.html"):
        text = p.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, p.name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dept[0].read_text(encoding="utf-8")


def test_a_kernel_that_never_answers_is_replaced_once(monkeypatch):
    from analysis.reports import kernel

    src = Path(__file__).resolve().parents[1] / "notebooks" / "department_audit.ipynb"
    calls = []

    def flaky(nb, fresh):
        calls.append(fresh)
        if len(calls) == 1:
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        return nb
    monkeypatch.setattr(kernel, "_execute", flaky)
    nb = kernel.execute_notebook(src, {"processed": "x"})
    assert len(calls) == 2 and nb.cells

    def broken(nb, fresh):
        calls.append(fresh)
        raise RuntimeError("Kernel died")   # while running cells: not retried
    monkeypatch.setattr(kernel, "_execute", broken)
    calls.clear()
    with pytest.raises(RuntimeError):
        kernel.execute_notebook(src, {"processed": "x"})
    assert len(calls) == 1
