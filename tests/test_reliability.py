"""Safe batches (issue 12): interrupts, concurrent runs, full disks, repeated content, and nothing
silent. Each case is tried as a careless or hostile user would, and asserts the exit code, the one
line on stderr, and that the previous outputs are byte for byte as they were (nothing half-written
left in the output folders, nothing left beside them).

The command line runs in a subprocess where signals, umasks and file-size limits are involved (a
new session, so that a signal reaches the command and its workers as a terminal's Ctrl-C does),
and in this process otherwise. Inputs are small: the sample's text (``sample_text``, read in well
under a second), a 540-page text file of repeats, PDFs built from the sample.
"""
from __future__ import annotations

import errno
import html
import json
import os
import re
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from analysis import cli, store
from analysis.inputs import InputError, read_source
from analysis.parse import parse_document
from analysis.pipeline import Runner, run
from analysis.reports import build as B
from analysis.reports import output
from analysis.store import OutputError

from .conftest import CORPUS, ROOT, SAMPLE, needs_sample, needs_shared

pytestmark = needs_sample

ONE_LINE_INTERRUPT = {signal.SIGINT: "interrupted (SIGINT): stopped; previous outputs left as they were",
                      signal.SIGTERM: "interrupted (SIGTERM): stopped; previous outputs left as they were"}


# ---------------------------------------------------------------------------
# inputs and helpers
# ---------------------------------------------------------------------------
def _text_pages(pdf: Path) -> list:
    """The sample's pages as the text format reads them (a line starting with a space opens a page)."""
    out = []
    for p in read_source(pdf).pages:
        lines = [l.text for l in p.lines]
        out.append("\n".join(" " + l if i == 0 else l for i, l in enumerate(lines)))
    return out


@pytest.fixture(scope="module")
def sample_pages() -> list:
    return _text_pages(SAMPLE)


@pytest.fixture(scope="module")
def raw(tmp_path_factory, sample_pages) -> Path:
    """A folder holding two small text disclosures: the sample and another department's copy."""
    d = tmp_path_factory.mktemp("raw")
    text = "\n".join(sample_pages) + "\n"
    (d / "tongnan-govoffice-2025.txt").write_text(text, encoding="utf-8")
    other = text.replace("人民政府办公室", "发展和改革委员会").replace("区政府办", "区发展改革委")
    (d / "tongnan-fgw-2025.txt").write_text(other, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def one_text(raw) -> Path:
    return raw / "tongnan-govoffice-2025.txt"


def previous_set(out: Path) -> None:
    """A report set as a previous run left it: an index listing its files, a page, a data folder."""
    out.mkdir(parents=True)
    (out / "old-dept-2024").mkdir()
    (out / "old-dept-2024" / "findings.csv").write_text("check,message\nx,y\n", encoding="utf-8")
    (out / "old-dept-2024.html").write_text("<p>the previous report</p>", encoding="utf-8")
    files = ["index.html", "old-dept-2024", "old-dept-2024.html"]
    meta = html.escape(json.dumps(files))
    (out / "index.html").write_text(f'<meta name="{output.FILES_META}" content="{meta}"><p>index</p>',
                                    encoding="utf-8")
    store.publish_permissions(out)


def previous_processed(folder: Path) -> None:
    """Processed folders as a previous run left them."""
    (folder / "old-dept-2024").mkdir(parents=True)
    (folder / "old-dept-2024" / "model.json").write_text("{}\n", encoding="utf-8")
    store.publish_permissions(folder)


def snapshot(folder: Path) -> dict:
    """Every entry under ``folder`` (itself included): its mode, and its bytes for a file."""
    out = {".": stat.S_IMODE(folder.stat().st_mode)}
    for p in sorted(folder.rglob("*")):
        key = str(p.relative_to(folder))
        out[key] = (stat.S_IMODE(p.lstat().st_mode), p.read_bytes() if p.is_file() else None)
    return out


def leftovers(folder: Path) -> list:
    """Hidden entries a run left inside ``folder`` or beside it (its own, in its parent)."""
    inside = [p.name for p in folder.iterdir() if p.name.startswith(".")] if folder.is_dir() else []
    beside = [n for n in os.listdir(folder.parent) if n.startswith(f".{folder.name}.")]
    return inside + beside


def command(*args) -> list:
    return [sys.executable, "-m", "analysis", *map(str, args)]


def cli_run(*args, preexec=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                          preexec_fn=preexec)


def start(*args) -> subprocess.Popen:
    """The command in a new session (its own process group, as a terminal's foreground job)."""
    return subprocess.Popen(command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            start_new_session=True)


def wait_for(condition, timeout: float = 240.0, what: str = "") -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def rendering(base: Path) -> bool:
    """A report run of ``raw`` (two disclosures) has staged its set and renders: two processed
    folders and their copies in the set (wherever its staging folders are, in ``--out`` or beside)."""
    return len(list(base.rglob("model.json"))) >= 4


def descendants(pid: int) -> list:
    """The processes started (directly or not) by ``pid``."""
    children: dict = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def stopped(proc: subprocess.Popen, signum: int) -> tuple:
    os.killpg(proc.pid, signum)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def lines(text: str) -> list:
    return [l for l in text.splitlines() if l.strip()]


# ---------------------------------------------------------------------------
# interrupts: one path for every runner; the previous outputs stay as they were
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_runs_one_out(tmp_path_factory, raw) -> dict:
    """Run A renders reports (one worker: notebooks in this process) into a folder holding a
    previous set, keeping its processed folders in a folder holding previous ones; meanwhile run B
    reports into the same --out, and run C audits into A's processed folder; then A gets Ctrl-C."""
    base = tmp_path_factory.mktemp("two-runs")
    out, processed = base / "reports", base / "processed"
    previous_set(out)
    previous_processed(processed)
    before, listing = (snapshot(out), snapshot(processed)), sorted(os.listdir(base))
    a = start("report", raw, "--out", out, "--processed", processed, "--workers", "1", "--no-progress")
    wait_for(lambda: rendering(base), what="run A to render")
    b = start("report", raw, "--out", out, "--workers", "1", "--no-progress")
    c = start("audit", raw, "--out", processed, "--workers", "1")
    b_out, b_err = b.communicate(timeout=120)
    c_out, c_err = c.communicate(timeout=120)
    code, a_out, a_err = stopped(a, signal.SIGINT)
    return {"out": out, "processed": processed, "base": base, "before": before, "listing": listing, "a": a,
            "a_code": code, "a_out": a_out, "a_err": a_err,
            "b": subprocess.CompletedProcess(b.args, b.returncode, b_out, b_err),
            "c": subprocess.CompletedProcess(c.args, c.returncode, c_out, c_err)}


def _in_use(option: str, folder: Path, holder: int) -> str:
    return (rf"error: {option} {re.escape(str(folder))}: in use by another budget-audit run \(pid {holder} on "
            rf"{re.escape(socket.gethostname())}, started \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d.*\); run again when it "
            r"has finished")


@pytest.mark.slow
def test_ctrl_c_while_reports_render_in_one_process_keeps_the_previous_set(two_runs_one_out):
    """The kernel used to die of the Ctrl-C, the notebook failed, and the run went on to swap in a
    broken set (index.html showing 失败) in place of the good one."""
    r = two_runs_one_out
    assert r["a_code"] == 130, r["a_err"]
    assert lines(r["a_err"]) == [ONE_LINE_INTERRUPT[signal.SIGINT]]
    assert r["a_out"] == ""
    assert (snapshot(r["out"]), snapshot(r["processed"])) == r["before"]
    assert sorted(os.listdir(r["base"])) == r["listing"]          # no staging, lock or copy left


@pytest.mark.slow
def test_a_second_report_into_the_same_out_stops_naming_the_holder(two_runs_one_out):
    """Two runs into one --out: the last one used to win, and the first printed the path of an
    index that no longer held its report."""
    b = two_runs_one_out["b"]
    assert b.returncode == 2, b.stderr
    (line,) = lines(b.stderr)
    assert re.fullmatch(_in_use("--out", two_runs_one_out["out"], two_runs_one_out["a"].pid), line), line
    assert b.stdout == ""


@pytest.mark.slow
def test_a_run_into_a_processed_folder_in_use_stops_before_any_work(two_runs_one_out):
    c = two_runs_one_out["c"]
    assert c.returncode == 2, c.stderr
    (line,) = lines(c.stderr)
    assert re.fullmatch(_in_use("--out", two_runs_one_out["processed"], two_runs_one_out["a"].pid), line), line
    assert c.stdout == ""


@pytest.mark.slow
def test_sigterm_while_reports_render_on_a_pool_keeps_the_previous_set(tmp_path, raw):
    base = tmp_path
    out = base / "reports"
    previous_set(out)
    before, listing = snapshot(out), sorted(os.listdir(base))
    proc = start("report", raw, "--out", out, "--workers", "2", "--no-progress")
    wait_for(lambda: rendering(base), what="the run to render")
    time.sleep(1.0)
    code, stdout, stderr = stopped(proc, signal.SIGTERM)
    assert code == 143, stderr
    assert lines(stderr) == [ONE_LINE_INTERRUPT[signal.SIGTERM]]
    assert snapshot(out) == before
    assert sorted(os.listdir(base)) == listing


@pytest.mark.slow
def test_ctrl_c_while_pool_workers_start_is_one_line_without_worker_tracebacks(tmp_path, raw):
    out = tmp_path / "reports"
    previous_set(out)
    before = snapshot(out)
    proc = start("report", raw, "--out", out, "--workers", "2", "--no-progress")
    # the fork server's children are the pool's workers: Ctrl-C while they import the package
    wait_for(lambda: any(descendants(c) for c in descendants(proc.pid)), what="pool workers to start")
    time.sleep(0.2)
    code, stdout, stderr = stopped(proc, signal.SIGINT)
    assert code == 130, stderr
    assert lines(stderr) == [ONE_LINE_INTERRUPT[signal.SIGINT]], stderr
    assert snapshot(out) == before and leftovers(out) == []


@pytest.mark.slow
def test_a_killed_run_leaves_nothing_in_out_and_the_next_run_removes_its_staging(tmp_path, raw):
    """SIGKILL cannot be handled: the run's staging folder (with copies of the source files) stays,
    but beside --out, private (0700), never where a web server serving --out would show it; the
    next run into --out removes it (and keeps the previous set: it renders nothing)."""
    out = tmp_path / "reports"
    previous_set(out)
    before = snapshot(out)
    proc = start("report", raw, "--out", out, "--workers", "1", "--no-progress")
    wait_for(lambda: rendering(tmp_path), what="the run to render")
    code, _, _ = stopped(proc, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    stale = [tmp_path / n for n in leftovers(out)]
    assert any("staging" in p.name for p in stale) and all(
        stat.S_IMODE(p.stat().st_mode) == 0o700 for p in stale if p.is_dir())
    empty = tmp_path / "nothing"
    empty.mkdir()
    nxt = cli_run("report", empty, "--out", out, "--workers", "1", "--no-progress")
    assert nxt.returncode == 1, nxt.stderr
    assert lines(nxt.stderr) == ["error: no disclosure found in the given paths",
                                 f"error: --out {out}: no report rendered; its previous reports are left as they were"]
    assert leftovers(out) == []
    assert snapshot(out) == before


_DASK = {"started": threading.Event(), "release": threading.Event()}


def _slow_page(spec: dict) -> dict:
    """A report page that takes until it is released (a module function: Dask ships it by name)."""
    _DASK["started"].set()
    _DASK["release"].wait(120)
    return {"html": "<p>new</p>", "ipynb": "{}\n", "error": ""}


@pytest.mark.slow
def test_ctrl_c_while_reports_render_on_a_dask_cluster_keeps_the_previous_set(tmp_path, raw, monkeypatch, capsys):
    """The same path on Dask: the batch's tasks are cancelled and nothing is put in place."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are handled in the main thread only")
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "reports"
    previous_set(out)
    before = snapshot(out)
    monkeypatch.setattr(B, "render_task", _slow_page)

    def ctrl_c():
        if _DASK["started"].wait(120):
            os.kill(os.getpid(), signal.SIGINT)

    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as c:
        threading.Thread(target=ctrl_c, daemon=True).start()
        try:
            code = cli.main(["report", str(raw), "--out", str(out), "--scheduler", c.scheduler_address, "--no-progress"])
        finally:
            _DASK["release"].set()
    err = capsys.readouterr().err
    assert code == 130, err
    assert lines(err) == [ONE_LINE_INTERRUPT[signal.SIGINT]]
    assert snapshot(out) == before and leftovers(out) == []


# ---------------------------------------------------------------------------
# a full disk, a quota, a permission changed mid-run
# ---------------------------------------------------------------------------
def _small_files(limit: int):
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_every_previous_output_stays(tmp_path, raw):
    out, processed = tmp_path / "reports", tmp_path / "processed"
    previous_set(out)
    previous_processed(processed)
    before = (snapshot(out), snapshot(processed))
    proc = cli_run("report", raw, "--out", out, "--processed", processed, "--workers", "1", "--no-progress",
                   preexec=_small_files(20_000))      # a write past 20 kB fails: EFBIG, as ENOSPC would
    assert proc.returncode == 2, proc.stderr
    (line,) = lines(proc.stderr)
    assert line.startswith("error: ") and "File too large" in line and "previous outputs are left as they were" in line
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert (snapshot(out), snapshot(processed)) == before
    assert leftovers(out) == [] and leftovers(processed) == []


@pytest.fixture(scope="module")
def processed(tmp_path_factory, raw) -> Path:
    """The processed folders of ``raw`` (audited), as ``audit --out`` writes them."""
    folder = tmp_path_factory.mktemp("processed") / "processed"
    assert cli.main(["audit", str(raw), "--out", str(folder), "--workers", "1"]) == 0
    return folder


def _stand_in_pages(monkeypatch):
    # the output is what is tested here: the pages are stand-ins (the notebooks are tested elsewhere)
    monkeypatch.setattr(B, "render_task", lambda spec: {"html": "<p>new</p>", "ipynb": "{}\n", "error": ""})


def test_a_write_that_fails_while_the_set_is_made_leaves_the_previous_set(tmp_path, processed, monkeypatch):
    out = tmp_path / "reports"
    previous_set(out)
    before = snapshot(out)
    _stand_in_pages(monkeypatch)
    real = B.atomic_write_bytes

    def disk_full(path, data):
        if path.name.endswith(".html") and "comparison" not in path.name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(B, "atomic_write_bytes", disk_full)
    with pytest.raises(OutputError) as err:
        B.render_reports([processed], out, progress=False, runner=Runner())
    line = str(err.value)
    assert re.fullmatch(r"\S+\.html: No space left on device \(while writing --out \S+; the previous outputs are "
                        r"left as they were\)", line), line
    assert snapshot(out) == before and leftovers(out) == []


def test_a_rename_refused_midway_through_the_swap_is_undone(tmp_path, processed, monkeypatch):
    """A permission changed mid-run: the swap moved some entries, then one rename fails."""
    out = tmp_path / "reports"
    previous_set(out)
    before = snapshot(out)
    _stand_in_pages(monkeypatch)
    real, calls = os.replace, []

    def refused(src, dst):
        if Path(dst).parent == out.resolve():      # a move of the swap into --out
            calls.append(src)
            if len(calls) == 3:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", refused)
    with pytest.raises(OutputError, match="Permission denied"):
        B.render_reports([processed], out, progress=False, runner=Runner())
    monkeypatch.undo()
    assert len(calls) == 3
    assert snapshot(out) == before and leftovers(out) == []


def test_a_write_error_through_the_command_is_one_line_exit_2(tmp_path, raw, monkeypatch, capsys):
    out = tmp_path / "reports"
    previous_set(out)
    before = snapshot(out)
    _stand_in_pages(monkeypatch)
    monkeypatch.setattr(cli, "warm", lambda: None)

    def quota(*a, **k):
        raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT), "model.json")

    monkeypatch.setattr(store, "model_json", quota)
    code = cli.main(["report", str(raw), "--out", str(out), "--workers", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert lines(err) == [f"error: model.json: Disk quota exceeded (while writing --out {out}; the previous outputs "
                          "are left as they were)"]
    assert snapshot(out) == before and leftovers(out) == []


# ---------------------------------------------------------------------------
# output modes whatever the umask
# ---------------------------------------------------------------------------
@pytest.mark.slow
def test_outputs_are_0755_and_0644_under_umask_077(tmp_path, one_text):
    out = tmp_path / "new" / "processed"
    proc = cli_run("audit", one_text, "--out", out, "--workers", "1", preexec=lambda: os.umask(0o077))
    assert proc.returncode == 0, proc.stderr
    for p in [tmp_path / "new", *sorted(tmp_path.joinpath("new").rglob("*"))]:
        assert stat.S_IMODE(p.stat().st_mode) == (0o755 if p.is_dir() else 0o644), p


def test_a_report_set_is_0755_and_0644_under_umask_077(tmp_path, processed, monkeypatch):
    _stand_in_pages(monkeypatch)
    out = tmp_path / "a" / "reports"
    old = os.umask(0o077)
    try:
        B.render_reports([processed], out, progress=False, runner=Runner())
    finally:
        os.umask(old)
    for p in [tmp_path / "a", out, *out.rglob("*")]:
        assert stat.S_IMODE(p.stat().st_mode) == (0o755 if p.is_dir() else 0o644), p


# ---------------------------------------------------------------------------
# repeated content: read once, said once, never counted twice
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def part(tmp_path_factory) -> tuple:
    """The sample's first ten pages (its narrative and first tables) as a PDF, and its audit."""
    import pypdfium2

    path = tmp_path_factory.mktemp("part") / "tongnan-2025-part.pdf"
    doc = pypdfium2.PdfDocument.new()
    doc.import_pages(pypdfium2.PdfDocument(str(SAMPLE)), list(range(10)))
    doc.save(str(path))
    batch = run([path])
    assert not batch.errors and len(batch.results) == 1 and batch.results[0].findings
    return path, batch.results[0]


def _findings(result) -> Counter:
    return Counter((f.check, f.severity, f.message) for f in result.findings)


def test_a_copy_with_bytes_appended_is_read_once(tmp_path, part):
    pdf, single = part
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(pdf, raw / pdf.name)
    (raw / "z-download (1).pdf").write_bytes(pdf.read_bytes() + b"\n% appended by a download manager\n")
    batch = run([raw])
    assert batch.errors == [] and len(batch.disclosures) == 1 and len(batch.disclosures[0].files) == 1
    assert batch.warnings == [f"{raw / 'z-download (1).pdf'}: same pages as {raw / pdf.name}; read once"]
    assert _findings(batch.results[0]) == _findings(single)
    assert batch.results[0].score.total == single.score.total


def test_a_pdf_holding_the_disclosure_twice_is_read_once(tmp_path, part):
    import pypdfium2

    pdf, single = part
    doc = pypdfium2.PdfDocument.new()
    src = pypdfium2.PdfDocument(str(pdf))
    doc.import_pages(src)
    doc.import_pages(src)
    twice = tmp_path / "twice.pdf"
    doc.save(str(twice))
    n = len(src)
    batch = run([twice])
    assert batch.errors == [] and len(batch.results) == 1
    assert batch.warnings == [f"{twice}: {n} of its {2 * n} pages repeat earlier pages of the file (pages "
                              f"{n + 1}-{2 * n} repeat 1-{n}); each distinct page read once"]
    assert _findings(batch.results[0]) == _findings(single)


def test_a_pdf_printing_its_narrative_and_tables_twice_on_other_page_breaks_is_read_once(tmp_path):
    """Both narratives, then both sets of tables (tests/test_pipeline.build_pdf): the table pages
    repeat with other page numbers, the narrative on other page breaks."""
    from .test_pipeline import _sample_data, build_pdf

    data = _sample_data()
    data["attachments"] = data["attachments"][:4]
    once = run([build_pdf(tmp_path / "once.pdf", data)])
    twice = run([build_pdf(tmp_path / "twice.pdf", data, data)])
    assert twice.errors == [] and len(twice.warnings) == 1
    assert "pages repeat earlier pages" in twice.warnings[0] and "lines of text repeat earlier text" in twice.warnings[0]
    assert len(twice.disclosures[0].claims) == len(once.disclosures[0].claims)
    assert twice.results[0].counts() == once.results[0].counts()


def test_a_500_page_file_of_repeats_gives_the_findings_of_one_copy(tmp_path, sample_pages, capsys):
    one, many = tmp_path / "one.txt", tmp_path / "many.txt"
    one.write_text("\n".join(sample_pages) + "\n", encoding="utf-8")
    many.write_text("\n".join(sample_pages * 15) + "\n", encoding="utf-8")
    n = len(sample_pages)
    assert 15 * n >= 500
    assert cli.main(["audit", str(one), "--json", "--workers", "1"]) == 0
    expected = json.loads(capsys.readouterr().out)
    assert cli.main(["audit", str(many), "--json", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    got = json.loads(captured.out)
    assert lines(captured.err) == [f"warning: {many}: {14 * n} of its {15 * n} pages repeat earlier pages of the "
                                   f"file (pages {n + 1}-{15 * n} repeat 1-{n}); each distinct page read once"]
    assert got["counts"] == expected["counts"] and got["score"] == expected["score"]
    assert len(got["findings"]) == len(expected["findings"])


# ---------------------------------------------------------------------------
# the true reason, from the content
# ---------------------------------------------------------------------------
def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def test_a_web_page_an_office_file_and_an_image_saved_as_pdf_say_what_they_are(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.pdf").write_text("\n<!DOCTYPE html>\n<html lang='zh'><head><title>404</title></head></html>")
    _docx(raw / "word.pdf")
    (raw / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    code = cli.main(["parse", str(raw), "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert lines(err) == [
        f"error: {raw / 'page.pdf'}: an HTML page (a web page: \"404\"), not a PDF (the download saved a web page instead "
        "of the file; download the PDF itself)",
        f"error: {raw / 'scan.pdf'}: a PNG image, not a PDF (scanned pages? run OCR, or get the PDF with text)",
        f"error: {raw / 'word.pdf'}: a Word document (.docx), not a PDF (save or print the disclosure as PDF)"]


@needs_shared
def test_the_web_pages_scraped_as_pdf_in_the_corpus_are_named_web_pages():
    pages = [p for p in sorted((CORPUS / "cities-2026" / "chongqing").glob("*.pdf"))
             if p.read_bytes()[:64].lstrip().lower().startswith(b"<!doctype html")]
    assert len(pages) == 8
    for p in pages:
        with pytest.raises(InputError, match="an HTML page"):
            read_source(p)


def test_utf16_text_is_read_as_text(tmp_path, one_text):
    utf8 = parse_document(one_text)
    for enc, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        f = tmp_path / f"{enc}.txt"
        f.write_bytes(bom + one_text.read_text(encoding="utf-8").encode(enc))
        doc = parse_document(f)
        assert [t.kind for t in doc.tables] == [t.kind for t in utf8.tables] and doc.department == utf8.department


# ---------------------------------------------------------------------------
# nothing silent
# ---------------------------------------------------------------------------
def test_links_loops_and_pipes_in_a_folder_each_get_a_line(tmp_path, one_text, capsys):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    shutil.copy(one_text, raw / one_text.name)
    (raw / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    (raw / "self.pdf").symlink_to(raw / "self.pdf")
    (raw / "sub" / "up").symlink_to(raw)
    os.mkfifo(raw / "pipe.pdf")
    code = cli.main(["parse", str(raw), "--workers", "1"])
    captured = capsys.readouterr()
    assert code == 1
    assert lines(captured.err) == [
        f"error: {raw / 'dangling.pdf'}: broken symbolic link (its target {tmp_path / 'gone.pdf'} does not exist); "
        "not read",
        f"error: {raw / 'pipe.pdf'}: a named pipe (FIFO), not a file; not read",
        f"error: {raw / 'self.pdf'}: symbolic link loop (it leads back to itself); not read",
        f"error: {raw / 'sub' / 'up'}: symbolic link loop (it leads back to {raw}, a folder it is in); not read"]
    assert len(lines(captured.out)) == 1        # the disclosure is read all the same


def test_an_amount_too_long_for_its_cell_is_unreadable_never_truncated(tmp_path):
    """A 29-digit amount printed past its narrow cell's left ruling was read as its last 15 digits."""
    from .test_pipeline import OTHER_DEPT, build_pdf, variant

    huge = "12345678901234567890123456789.20"
    text = json.dumps(variant(OTHER_DEPT), ensure_ascii=False)
    text = text.replace('"（一）一般公共服务支出", "1955.20", "1955.20"', f'"（一）一般公共服务支出", "{huge}", "1955.20"', 1)
    assert huge in text
    pdf = build_pdf(tmp_path / "huge-2025.pdf", json.loads(text))
    batch = run([pdf])
    assert batch.errors == []
    d, result = batch.disclosures[0], batch.results[0]
    (row,) = [r for t in d.tables if t.kind == "fiscal_summary" for r in t.rows if r.unreadable]
    assert row.name == "(一)一般公共服务支出" and row.unreadable == {"total": huge} and "total" not in row.amounts
    digits = huge.replace(".", "")
    for t in d.tables:
        for r in t.rows:
            assert not any(len(str(v).replace(".", "")) >= 10 and digits.endswith(str(v).replace(".", ""))
                           for v in r.amounts.values()), r.raw
    assert [f.check for f in result.findings if huge in f.message] == ["reading.unreadable_cell"]


@pytest.mark.parametrize("command", ["parse", "audit", "report"])
def test_an_empty_out_is_refused_not_ignored(command, one_text, capsys, monkeypatch):
    monkeypatch.setattr(cli, "parse_batch", lambda *a, **k: pytest.fail("work started"))
    monkeypatch.setattr(cli, "run", lambda *a, **k: pytest.fail("work started"))
    code = cli.main([command, str(one_text), "--out", "", "--workers", "1"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert lines(captured.err) == ["error: --out '': an empty path names no folder"]


def test_an_unreachable_scheduler_is_one_line_at_once(one_text, capsys):
    with socket.socket() as s:       # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.monotonic()
    code = cli.main(["parse", str(one_text), "--scheduler", f"tcp://127.0.0.1:{port}"])
    captured = capsys.readouterr()
    assert code == 2 and time.monotonic() - t0 < 15
    assert lines(captured.err) == [f"error: --scheduler tcp://127.0.0.1:{port}: cannot connect (Connection refused)"]


def test_terminal_hostile_characters_are_escaped_on_every_channel(tmp_path, one_text, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    evil = raw / "evil\u202e\x1b[2J.txt"
    shutil.copy(one_text, evil)
    out = tmp_path / "out\x1b[31m"
    assert cli.main(["parse", str(raw), "--json", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "\u202e" not in captured.out and "\x1b" not in captured.out
    (record,) = [json.loads(l) for l in lines(captured.out)]
    assert record["files"][0]["path"] == str(evil) and "\\u202e" in captured.out
    assert cli.main(["parse", str(raw), "--out", str(out), "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\\x1b[31m" in captured.out


def test_a_lone_page_printing_what_another_printed_is_read(tmp_path):
    """Two tables whose continuation pages print the same rows (财政拨款基本支出表 and
    一般公共预算基本支出表 when all money is general budget) are no repeated content: one page
    alone is read; only runs of repeated pages are content printed twice."""
    from tests.layouts.draw import draw_text, new_canvas

    pdf = tmp_path / "two-continuations.pdf"
    c = new_canvas(pdf)
    pages = [["财政拨款基本支出表", "301 工资福利支出 10.00"], ["某局2026年部门预算公开", "30302 退休费 192.85"],
             ["一般公共预算基本支出表", "301 工资福利支出 10.00", "302 商品和服务支出 1.00"],
             ["某局2026年部门预算公开", "30302 退休费 192.85"]]
    for n, texts in enumerate(pages, start=1):
        for i, t in enumerate(texts):
            draw_text(c, 60, 80 + 20 * i, t)
        draw_text(c, 280, 780, f"- {n} -")
        c.showPage()
    c.save()
    doc = read_source(pdf)
    assert [p.number for p in doc.pages] == [1, 2, 3, 4] and doc.repeated == []
    assert [l.text for l in doc.pages[3].lines][:2] == ["某局2026年部门预算公开", "30302 退休费 192.85"]


def _chars(text: str, x1: float, width: float = 6.0, top: float = 12.0) -> list:
    """Characters of ``text`` printed right-aligned to ``x1`` (bold digits: wide, tightly set)."""
    x0 = x1 - width * len(text)
    return [{"text": t, "x0": x0 + i * width, "x1": x0 + (i + 1) * width, "top": top, "bottom": top + 9,
             "size": 9.0, "upright": True} for i, t in enumerate(text)]


def test_amounts_set_tight_against_a_ruling_stay_in_their_cells():
    """Bold amounts right-aligned in narrow cells, the next cell's amount starting just past the
    ruling (a Chongqing 部门收入总表 合计 row): three amounts, never one number moved into one cell.
    A single amount printed across a ruling still goes whole to its cell."""
    from analysis.inputs.base import Grid, GridCell
    from analysis.inputs.cells import fill_cells

    xs = [0.0, 60.0, 120.0, 180.0]
    grid = Grid(id="p1g0", page=1, xs=xs, ys=[10.0, 25.0],
                cells=[GridCell(0, c, "", xs[c], 10.0, xs[c + 1], 25.0) for c in range(3)])
    chars = _chars("174,900.64", 60.5) + _chars("101,833.84", 120.5) + _chars("41,534.73", 180.0)
    fill_cells(grid, chars)
    assert [c.text for c in grid.cells] == ["174,900.64", "101,833.84", "41,534.73"]
    grid = Grid(id="p1g1", page=1, xs=xs, ys=[10.0, 25.0],
                cells=[GridCell(0, c, "", xs[c], 10.0, xs[c + 1], 25.0) for c in range(3)])
    fill_cells(grid, _chars("12345678901234567.20", 120.0))
    assert [c.text for c in grid.cells] == ["", "12345678901234567.20", ""]
