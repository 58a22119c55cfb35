"""The sample's HTML reports render offline in headless Chromium.

Each report is opened from a file:// URL with the network blocked (a dead proxy); the DOM
Chromium dumps must hold every chart's drawn marks, no error text, and the page source may
reference no http(s) script, stylesheet, font or image (plain hyperlinks are allowed).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.reports import data, findings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (make chromium installs the Debian package)"),
    pytest.mark.skipif(not SAMPLE.exists(), reason=f"bundled sample missing: {SAMPLE} (run make sample)"),
]

# references that make a browser fetch something (not <a href>, which is only a link)
EXTERNAL = [
    re.compile(r"<(?:script|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|data)\s*=\s*[\"']?\s*(?:https?:)?//", re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?\s*(?:https?:)?//", re.I),
    re.compile(r"@import\s+(?:url\()?\s*[\"']?\s*(?:https?:)?//", re.I),
    re.compile(r"<(?:image|use)\b[^>]*href\s*=\s*[\"']?\s*(?:https?:)?//", re.I),
]
ERROR_TEXT = ["Traceback (most recent call last)", "PapermillExecutionError", "Exception encountered",
              "Error:", "错误：", 'data-mime-type="application/vnd.jupyter.stderr"',
              'data-mime-type="application/vnd.jupyter.error"']


def _without_css(html: str) -> str:
    return re.sub(r"<style\b.*?</style>", "", html, flags=re.S | re.I)


def chromium(args: list, tmp: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", f"--user-data-dir={tmp / 'chromium-profile'}",
           "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def rendered(report_set, tmp_path_factory):
    """Every page of the session's report set, as Chromium draws it offline."""
    out = report_set.out
    pages = sorted(out.glob("*.html"))
    tmp = tmp_path_factory.mktemp("chromium")
    doms = {}
    for p in pages:
        r = chromium(["--virtual-time-budget=15000", "--dump-dom", p.resolve().as_uri()], tmp)
        assert r.returncode == 0, r.stderr[-2000:]
        doms[p.name] = r.stdout
    return out, doms


def _charts(html: str) -> list:
    return re.findall(r'<div class="chart">(.*?)</svg>', html, flags=re.S)


def test_every_page_rendered(rendered):
    out, doms = rendered
    assert {"index.html", "comparison.html", "score.html"} <= set(doms)
    assert len(doms) == 4
    for name, dom in doms.items():
        assert "</body>" in dom.lower(), name


def test_charts_drew_their_marks(rendered):
    out, doms = rendered
    total = 0
    for name, dom in doms.items():
        source_charts = (out / name).read_text(encoding="utf-8").count('<div class="chart">')
        charts = _charts(dom)
        assert len(charts) == source_charts, name
        for i, ch in enumerate(charts):
            assert "<svg" in ch
            marks = re.findall(r'class="mark-(?:rect|symbol|line|area|arc)[^"]*"[^>]*>\s*<path', ch)
            assert marks, f"{name}: chart {i} has no drawn marks"
            assert re.search(r'<path[^>]*\bd="M', ch), f"{name}: chart {i} has no path geometry"
        total += len(charts)
    dept = [n for n in doms if n not in ("index.html", "comparison.html", "score.html")][0]
    assert len(_charts(doms[dept])) >= 4 and len(_charts(doms["comparison.html"])) >= 1, total


def test_findings_table_is_interactive_offline(rendered):
    """itables, embedded in the page, turned the findings into a sortable, searchable table."""
    out, doms = rendered
    dept = [n for n in doms if n not in ("index.html", "comparison.html", "score.html")][0]
    dom = doms[dept]
    m = re.search(r'<table[^>]*id="itables_findings"[^>]*>', dom)
    assert m and "dataTable" in m.group(0), m and m.group(0)
    assert 'class="dt-container' in dom and 'type="search"' in dom
    n = len(findings.disclosure_findings(data.department(out / dept.removesuffix(".html")).result))
    assert n > 25 and f"of {n} entries" in dom                 # all findings, 25 a page


def test_no_error_text(rendered):
    out, doms = rendered
    for name, dom in doms.items():
        body = _without_css(dom)
        for text in ERROR_TEXT:
            assert text not in body, f"{name}: {text!r} in page"


def test_no_external_resources(rendered):
    out, doms = rendered
    for name, dom in doms.items():
        source = (out / name).read_text(encoding="utf-8")
        for rx in EXTERNAL:
            for text in (source, dom):
                m = rx.search(text)
                assert m is None, f"{name}: external resource {text[m.start():m.start() + 160]!r}"


def test_screenshot_has_content(rendered, tmp_path):
    out, doms = rendered
    shot = tmp_path / "comparison.png"
    r = chromium([f"--screenshot={shot}", "--window-size=1280,2000", (out / "comparison.html").resolve().as_uri()],
                 tmp_path)
    assert r.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000


def test_index_sorts_and_filters_offline(tmp_path):
    """The index's own script: a click on 得分 sorts the reports by score, typing in the filter
    hides the rows that do not hold the text (driven by a script appended to a copy)."""
    from analysis.reports import ReportEntry, index_html

    entries = [ReportEntry("department", "t", f"d{i}", dept, 2025, html=f"d{i}.html", score=score)
               for i, (dept, score) in enumerate([("甲局", 50.0), ("乙局", 90.0), ("丙局", 70.0)])]
    page = index_html(entries + [ReportEntry("comparison", "比较", "comparison", html="comparison.html")])
    drive = """<script>
      var th = document.querySelectorAll("#reports thead th")[3];
      th.click(); th.click();                       // descending
      var f = document.getElementById("filter");
      f.value = "乙"; f.dispatchEvent(new Event("input"));
      document.body.setAttribute("data-order", Array.prototype.map.call(
        document.querySelectorAll("#reports tbody tr"), function (r) {
          return r.cells[0].textContent + (r.style.display === "none" ? "-" : "+"); }).join(","));
    </script></body>"""
    (tmp_path / "index.html").write_text(page.replace("</body>", drive), encoding="utf-8")
    r = chromium(["--virtual-time-budget=5000", "--dump-dom", (tmp_path / "index.html").as_uri()], tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert 'data-order="乙局+,丙局-,甲局-"' in r.stdout
    assert 'href="dataset/datapackage.json"' in page
