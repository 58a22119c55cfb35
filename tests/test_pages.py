"""Pages in parallel (``analysis.inputs.pages``): a large PDF read in page ranges by several
workers gives the document a whole reading gives, page for page (repeats, lone repeats and
repeated text chosen by the same rule); plans are made only where they pay; progress hears of
every range."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.inputs import pages
from analysis.inputs.pdf import pages_read, read_pdf
from analysis.inputs.pdfium import read_pdfium
from analysis.pipeline import PoolRunner, Progress, Runner, run
from analysis.settings import DEFAULT

from .conftest import SAMPLE, needs_sample


# ---------------------------------------------------------------------------
# ranges: contiguous, covering, of about equal cost
# ---------------------------------------------------------------------------
def _covers(cut: list, n: int) -> bool:
    flat = [k for a, b in cut for k in range(a, b + 1)]
    return flat == list(range(1, n + 1)) and all(a <= b for a, b in cut)


def test_text_pages_are_cut_into_ranges_of_at_least_the_minimum_cost():
    assert pages.ranges([1.0] * 36, 2) == [(1, 12), (13, 24), (25, 36)]
    assert pages.ranges([1.0] * 100, 2) == [(1, 13), (14, 26), (27, 39), (40, 52), (53, 65), (66, 78), (79, 91),
                                            (92, 100)]


def test_a_small_tail_joins_the_range_before_it():
    assert pages.ranges([1.0] * 28, 2) == [(1, 12), (13, 28)]     # 4 pages left: joined
    assert pages.ranges([1.0] * 31, 2) == [(1, 12), (13, 24), (25, 31)]   # 7 left: a range


def test_each_scanned_page_is_a_range_of_its_own():
    ocr = pages.OCR_PAGE_COST
    assert pages.ranges([ocr] * 5, 2) == [(k, k) for k in range(1, 6)]
    mixed = [1.0] * 10 + [ocr] * 3 + [1.0] * 10
    assert pages.ranges(mixed, 2) == [(1, 10), (11, 11), (12, 12), (13, 13), (14, 23)]


@pytest.mark.parametrize("costs", [[1.0], [1.0] * 7, [1.0] * 250, [50.0, 1.0, 1.0, 50.0] * 9, [0.5] * 40])
@pytest.mark.parametrize("workers", [1, 2, 8])
def test_ranges_cover_every_page_once_in_order(costs, workers):
    assert _covers(pages.ranges(costs, workers), len(costs))


# ---------------------------------------------------------------------------
# plans: only where they pay
# ---------------------------------------------------------------------------
def _pdf_of(path: Path, source: Path, numbers: list) -> Path:
    """A PDF of pages ``numbers`` (1-based) of ``source``, in that order (repeats allowed)."""
    import pypdfium2

    src = pypdfium2.PdfDocument(str(source))
    out = pypdfium2.PdfDocument.new()
    for k, n in enumerate(numbers):
        out.import_pages(src, [n - 1], index=k)
    out.save(str(path))
    out.close()
    src.close()
    return path


@needs_sample
def test_a_large_pdf_read_for_the_first_time_on_a_pool_is_planned(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGET_AUDIT_CACHE", str(tmp_path / "cache"))
    plan = pages.plan(SAMPLE, DEFAULT, workers=2)
    assert plan is not None and plan.pages == 36 and _covers(plan.ranges, 36)
    assert abs(sum(plan.shares) - 1.0) < 1e-9
    assert pages.plan(SAMPLE, DEFAULT, workers=1) is None                  # one worker reads it whole
    small = _pdf_of(tmp_path / "small.pdf", SAMPLE, list(range(1, 11)))
    assert pages.plan(small, DEFAULT, workers=2) is None                   # 10 pages: not worth it
    text = tmp_path / "notes.txt"
    text.write_text("2025年部门预算", encoding="utf-8")
    assert pages.plan(text, DEFAULT, workers=2) is None                    # not a PDF
    from analysis.parse.grouping import read_file

    read_file(str(SAMPLE))                                                 # now in the parse cache
    assert pages.plan(SAMPLE, DEFAULT, workers=2) is None


@needs_sample
def test_only_a_file_holding_a_large_share_of_its_batch_is_read_in_ranges(tmp_path, monkeypatch):
    # five files of one size on two workers: each keeps a worker busy a fifth of the batch, less
    # than half a worker's part: cutting one would only send its pages between processes
    import shutil

    monkeypatch.setenv("BUDGET_AUDIT_CACHE", str(tmp_path / "cache"))
    size = SAMPLE.stat().st_size
    copies = [Path(shutil.copy(SAMPLE, tmp_path / f"copy-{k}.pdf")) for k in range(4)]
    least = pages.least_size([SAMPLE, *copies], 2)
    assert least == int(pages.BATCH_SHARE_MIN * 5 * size / 2) > size
    assert pages.plan(SAMPLE, DEFAULT, workers=2, least=least) is None
    half = pages.least_size([SAMPLE, copies[0]], 2)                        # half of the batch: cut
    assert half == int(pages.BATCH_SHARE_MIN * size) and pages.plan(SAMPLE, DEFAULT, workers=2, least=half) is not None
    assert pages.least_size([SAMPLE], 2) == 0                              # a file alone: as large as it gets
    assert pages.least_size([SAMPLE, tmp_path / "gone.pdf"], 2) == 0       # a file that cannot be seen is not counted


# ---------------------------------------------------------------------------
# the same document, page for page
# ---------------------------------------------------------------------------
def _in_ranges(path: Path, cut: list, settings=DEFAULT):
    readings = [r for a, b in cut for r in pages.read_range(path, a, b, settings)]
    return pages_read(path, readings[::-1], settings)    # the order ranges come back in does not matter


def _same(a, b) -> None:
    assert [p.number for p in a.pages] == [p.number for p in b.pages]
    assert a.pages == b.pages                     # lines, grids, cells, digests, how each page was read
    assert (a.repeated, a.repeated_lines, a.sha256) == (b.repeated, b.repeated_lines, b.sha256)


@needs_sample
def test_the_sample_read_in_ranges_is_the_sample_read_whole(tmp_path):
    _same(_in_ranges(SAMPLE, pages.ranges([1.0] * 36, 2)), read_pdfium(SAMPLE))


@needs_sample
@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_repeats_across_range_boundaries_are_chosen_as_a_whole_reading_chooses_them(tmp_path, reader):
    from dataclasses import replace

    # pages 1-12, a run of four repeats (3-6) cut by a range boundary, page 13, page 8 alone again, 14
    numbers = list(range(1, 13)) + [3, 4, 5, 6] + [13] + [8] + [14]
    path = _pdf_of(tmp_path / "repeats.pdf", SAMPLE, numbers)
    settings = replace(DEFAULT, reader=reader)
    whole = read_pdfium(path, settings) if reader == "pdfium" else read_pdf(path, settings)
    assert [n for n, _ in whole.repeated] == [13, 14, 15, 16]    # the run; page 8 again (18) is read
    assert 18 in [p.number for p in whole.pages]
    for cut in ([(1, 14), (15, 19)], [(1, 5), (6, 13), (14, 16), (17, 19)], [(k, k) for k in range(1, 20)]):
        _same(_in_ranges(path, cut, settings), whole)


@needs_sample
def test_readings_that_miss_a_page_are_refused(tmp_path):
    readings = pages.read_range(SAMPLE, 1, 3) + pages.read_range(SAMPLE, 5, 6)
    with pytest.raises(ValueError, match="do not cover"):
        pages_read(SAMPLE, readings)


# ---------------------------------------------------------------------------
# the batch: ranges on a pool, with progress
# ---------------------------------------------------------------------------
class _Heard(Progress):
    def __init__(self):
        self.files, self.shares = 0, []

    def start(self, files: int) -> None:
        self.files = files

    def advance(self, path, share: float) -> None:
        self.shares.append((Path(path).name, share))


@needs_sample
@pytest.mark.slow
def test_a_pool_reads_a_large_file_in_ranges_with_the_findings_of_one_process(tmp_path):
    small = _pdf_of(tmp_path / "first-pages.pdf", SAMPLE, list(range(1, 9)))
    serial = run([SAMPLE, small], Runner())
    heard = _Heard()
    with PoolRunner(2) as pool:
        parallel = run([SAMPLE, small], pool, progress=heard)
    assert [r.to_json() for r in parallel.results] == [r.to_json() for r in serial.results]
    assert [e.line() for e in parallel.errors] == [e.line() for e in serial.errors]
    assert parallel.warnings == serial.warnings and len(serial.warnings) == 1   # the part is read once
    assert heard.files == 2
    of_sample = [s for name, s in heard.shares if name == SAMPLE.name]
    assert len(of_sample) == 3 and abs(sum(of_sample) - 1.0) < 1e-9        # three ranges of 12 pages
    assert [s for name, s in heard.shares if name == small.name] == [1.0]   # read whole
