"""Scanned pages read by OCR (issue 13, part 1): recognised characters with boxes and confidence,
table rulings found in the image, the cache by file hash, and a file mixing text pages and scanned
pages that reads like its text original (kinds and headline figures), its scanned tables marked.

The end-to-end cases recognise a few pages (seconds each on two cores): they are marked slow."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from analysis.figures import headline_figures
from analysis.inputs import InputError, ocr, read_source
from analysis.inputs.rulings import merge_rulings
from analysis.parse import parse_paths
from analysis.reports import frames
from analysis.reports.frames import tables_index
from analysis.settings import DEFAULT

from .conftest import JIANGSU, needs_shared


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """Every test recognises into its own cache folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BUDGET_AUDIT_CACHE", str(folder))
    return folder


def test_recognised_lines_become_chars_with_boxes_in_pt_and_the_recognisers_confidence():
    # RapidOCR's result for two lines at scale 2: a label (a word box per character) and an amount
    # read with a space after its separator, given as one word
    label = [[[10, 10], [50, 10], [50, 30], [10, 30]], "合计", 0.99,
             [[[10, 10], [30, 10], [30, 30], [10, 30]], [[30, 10], [50, 10], [50, 30], [30, 30]]], ["合", "计"],
             [0.99, 0.98]]
    amount = [[[200, 10], [290, 10], [290, 30], [200, 30]], "27, 664.22", 0.93]
    chars = ocr.recognised_chars([label, amount], scale=2.0)
    assert "".join(c["text"] for c in chars) == "合计27,664.22"
    he, ji = chars[:2]
    assert (he["x0"], he["x1"], ji["x1"]) == (5.0, 15.0, 25.0) and 5.0 < he["top"] < he["bottom"] < 15.0
    assert ji["confidence"] == 0.98 and {c["confidence"] for c in chars[2:]} == {0.93}
    digits = chars[2:]
    assert digits[0]["x0"] == 100.0 and digits[-1]["x1"] == pytest.approx(145.0)
    assert all(a["x1"] == pytest.approx(b["x0"]) for a, b in zip(digits, digits[1:]))   # one run: one word


def test_two_amounts_on_one_recognised_line_stay_two():
    line = [[[0, 0], [200, 0], [200, 20], [0, 20]], "12.50 30.00", 0.9]
    chars = ocr.recognised_chars([line], 1.0)
    gaps = [b["x0"] - a["x1"] for a, b in zip(chars, chars[1:])]
    assert "".join(c["text"] for c in chars) == "12.5030.00"
    assert gaps[4] > 5 and all(g == pytest.approx(0) for k, g in enumerate(gaps) if k != 4)


def test_table_rulings_are_found_in_the_image_and_text_is_not():
    scale = 2.0
    img = np.full((800, 600), 255, dtype=np.uint8)
    for y in (100, 200, 300, 400):
        img[y:y + 3, 50:550] = 0            # four horizontal rulings, 3 px thick
    for x in (50, 300, 548):
        img[100:403, x:x + 2] = 0           # three verticals
    img[140:160, 80:95] = 0                 # a glyph-sized blob: no ruling
    img[600:640, 100:500] = 0               # a filled band (a black bar): too thick for a ruling
    rulings = merge_rulings(ocr.image_rulings(img, scale), DEFAULT)
    hs = sorted(round(r.pos) for r in rulings if r.axis == "h")
    vs = sorted(r.pos for r in rulings if r.axis == "v")
    assert hs == [51, 101, 151, 201] and vs == pytest.approx([25.5, 150.5, 274.5], abs=0.6)
    assert all(r.start == pytest.approx(25, abs=1) and r.end == pytest.approx(275, abs=1) for r in rulings if r.axis == "h")


class _NoRender:
    path = Path("x.pdf")

    def render(self, index, scale):
        raise AssertionError("a cached page is not rendered again")


def test_a_cached_page_is_not_recognised_again(cache):
    chars = [{"text": "1", "x0": 1.0, "x1": 2.0, "top": 1.0, "bottom": 2.0, "confidence": 0.9}]
    path = ocr._cache_file("ab" * 32, 0, DEFAULT)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"chars": chars, "rulings": [["h", 5.0, 1.0, 9.0]], "turned": 90}), encoding="utf-8")
    got, rulings, turned = ocr.recognise_page(_NoRender(), 0, "ab" * 32, DEFAULT)
    assert got == chars and [(r.axis, r.pos) for r in rulings] == [("h", 5.0)] and turned == 90
    assert path.is_relative_to(cache)
    # whether pages are turned upright changes what is recognised: another entry
    assert ocr._cache_file("ab" * 32, 0, replace(DEFAULT, ocr_upright=False)) != path


class _Counting:
    path = Path("x.pdf")

    def __init__(self):
        self.renders = 0

    def render(self, index, scale):
        self.renders += 1
        return np.full((40, 30), 255, dtype=np.uint8)


def test_the_ocr_cache_is_off_with_the_source_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = ([{"text": "1", "x0": 1.0, "x1": 2.0, "top": 1.0, "bottom": 2.0, "confidence": 0.9}], [], 0)
    monkeypatch.setattr(ocr, "recognise_image", lambda image, s: result)
    for off in ("off", "OFF", "0", "none"):
        monkeypatch.setenv("BUDGET_AUDIT_CACHE", off)
        assert ocr.cache_dir() is None and ocr._cache_file("cd" * 32, 0, DEFAULT) is None
        pdf = _Counting()
        assert ocr.recognise_page(pdf, 0, "cd" * 32, DEFAULT) == result
        assert ocr.recognise_page(pdf, 0, "cd" * 32, DEFAULT) == result
        assert pdf.renders == 2                           # recognised each time, kept nowhere
    assert not any(tmp_path.iterdir())                    # no folder named "off" (or any other)
    monkeypatch.setenv("BUDGET_AUDIT_CACHE", str(tmp_path / "kept"))
    pdf = _Counting()
    ocr.recognise_page(pdf, 0, "cd" * 32, DEFAULT)
    assert ocr.recognise_page(pdf, 0, "cd" * 32, DEFAULT) == result and pdf.renders == 1
    assert ocr.cache_dir() == tmp_path / "kept" / "ocr" and any((tmp_path / "kept" / "ocr").rglob("*.json"))
    monkeypatch.delenv("BUDGET_AUDIT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ocr.cache_dir() == tmp_path / "xdg" / "budget-audit" / "ocr"


def test_a_scan_without_text_is_one_clear_line(tmp_path):
    blank = tmp_path / "blank-scan.pdf"
    Image.new("L", (850, 1100), 255).save(blank, resolution=100)
    with pytest.raises(InputError) as err:
        read_source(blank)
    line = str(err.value)
    assert line.startswith(f"{blank}: image-only PDF") and "OCR recognised no text on its 1 scanned pages" in line


# ---------------------------------------------------------------------------
# end to end: a file mixing text pages and scanned pages
# ---------------------------------------------------------------------------
def _pages(src: Path, dst: Path, scanned: set, count: int, dpi: int = 200) -> Path:
    """The first ``count`` pages of ``src``; those in ``scanned`` replaced by images of themselves."""
    doc = pypdfium2.PdfDocument(str(src))
    reader, out = PdfReader(src), PdfWriter()
    for i in range(count):
        if i in scanned:
            img = dst.parent / f"page{i}.pdf"
            doc[i].render(scale=dpi / 72, grayscale=True).to_pil().save(img, resolution=dpi)
            out.add_page(PdfReader(img).pages[0])
        else:
            out.add_page(reader.pages[i])
    doc.close()
    out.write(dst)
    return dst


def _read(path: Path):
    ds, errors = parse_paths([path])
    assert not errors and len(ds) == 1
    d = ds[0]
    return d, [t.kind for t in d.tables], {k: f.value for k, f in headline_figures(d).items()}


@needs_shared
@pytest.mark.slow
def test_a_file_mixing_text_and_scanned_pages_reads_like_its_text_original(tmp_path, monkeypatch):
    src = JIANGSU / "江苏省政协办公厅" / "江苏省政协办公厅2019年预算公开表.pdf"
    text = _pages(src, tmp_path / "text-2019.pdf", set(), 4)
    mixed = _pages(src, tmp_path / "mixed-2019.pdf", {2, 3}, 4)
    assert [p.read_by for p in read_source(mixed).pages] == ["text", "text", "ocr", "ocr"]
    d_text, kinds, figures = _read(text)
    d, kinds_mixed, figures_mixed = _read(mixed)
    assert kinds_mixed == kinds and figures_mixed == figures
    assert sum(v is not None for v in figures.values()) >= 6
    assert d.department == d_text.department and d.year == d_text.year == 2019
    for t in d.tables:   # the tables of the scanned pages, and only those, are marked, with confidences
        scanned = set(t.pages) <= {3, 4}
        assert ("ocr" in t.reading) == scanned
        scores = [c for r in t.rows for c in r.recognised.values()]
        assert bool(scores) == scanned and all(0 < c <= 1 for c in scores)
    monkeypatch.setattr(ocr, "engine", lambda: pytest.fail("recognised again: the cache was not used"))
    assert _read(mixed)[1:] == (kinds, figures)


# ---------------------------------------------------------------------------
# pages scanned sideways or upside down
# ---------------------------------------------------------------------------
def test_a_page_is_turned_clockwise():
    img = np.arange(6, dtype=np.uint8).reshape(2, 3)      # [[0 1 2] [3 4 5]]
    assert ocr.turn(img, 90).tolist() == [[3, 0], [4, 1], [5, 2]]
    assert ocr.turn(img, 180).tolist() == [[5, 4, 3], [2, 1, 0]]
    assert ocr.turn(img, 270).tolist() == [[2, 5], [1, 4], [0, 3]]
    assert all(np.array_equal(ocr.turn(ocr.turn(img, d), (360 - d) % 360), img) for d in ocr.TURNS)


def test_text_lines_running_down_the_page_say_it_lies_on_its_side():
    across = [(10, 10, 300, 30), (10, 50, 200, 70)]
    down = [(10, 10, 30, 300), (50, 10, 70, 200)]
    squares = [(x, 400, x + 20, 420) for x in range(0, 2000, 25)]    # single characters say nothing
    assert not ocr.runs_down(across + squares) and ocr.runs_down(down + squares)
    assert ocr.runs_down(down + across[:1]) and not ocr.runs_down(across + down[:1])


class _Engine:
    """The recogniser's three models as ``upright_turn`` uses them: detection boxes the runs of ink;
    the angle classifier and the recogniser read a line well when it stands upright (printed dark
    above, light below: ``_lines_image``)."""

    def __init__(self):
        self.calls = []

    @staticmethod
    def _up(crop) -> bool:
        rows = [r.mean() for r in crop[..., 0] if r.mean() < 250]
        return len(rows) > 1 and rows[0] < rows[-1]

    def text_det(self, small):
        import cv2
        self.calls.append("det")
        n, _, stats, _ = cv2.connectedComponentsWithStats((small[..., 0] < 200).astype(np.uint8))
        return np.array([[[x, y], [x + w, y], [x + w, y + h], [x, y + h]] for x, y, w, h, _ in stats[1:n]],
                        dtype=np.float32), 0.0

    def text_cls(self, crops):
        self.calls.append("cls")
        return crops, [["0", 0.99] if self._up(c) else ["180", 0.99] for c in crops], 0.0

    def text_rec(self, crops):
        self.calls.append("rec")
        return [("文字", 0.98) if self._up(c) else ("，一", 0.1) for c in crops], 0.0


def _lines_image(lying: int):
    """A page (768 x 512 px upright) of three text lines, each dark along its top half and grey
    along its bottom half, lying ``lying`` degrees counterclockwise (as a scanner fed it)."""
    img = np.full((768, 512), 255, dtype=np.uint8)
    for y in (100, 200, 300):
        img[y:y + 10, 50:450] = 0
        img[y + 10:y + 20, 50:450] = 128
    return ocr.turn(img, (360 - lying) % 360)


@pytest.mark.parametrize("lying", [0, 90, 180, 270])
def test_a_page_lying_sideways_or_upside_down_is_turned_upright(monkeypatch, lying):
    fake = _Engine()
    monkeypatch.setattr(ocr, "engine", lambda: fake)
    assert ocr.upright_turn(_lines_image(lying)) == lying     # lying d counterclockwise: turned d clockwise
    # an upright page costs a detection on a small copy and one classification, nothing more;
    # a page turned is read both ways before it is turned
    assert fake.calls == (["det", "cls"] if lying == 0 else ["det", "cls", "rec", "rec"])


def test_a_page_without_text_or_lines_read_either_way_is_left_as_it_lies(monkeypatch):
    fake = _Engine()
    monkeypatch.setattr(ocr, "engine", lambda: fake)
    assert ocr.upright_turn(np.full((768, 512), 255, dtype=np.uint8)) == 0 and fake.calls == ["det"]
    monkeypatch.setattr(fake, "text_rec", lambda crops: ([("", 0.1)] * len(crops), 0.0))
    assert ocr.upright_turn(_lines_image(90)) == 0       # nothing reads as text: not turned


# ---------------------------------------------------------------------------
# end to end: one table page scanned four ways
# ---------------------------------------------------------------------------
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"
LANDSCAPE_TABLE = 9     # the sample's 三公 table: a landscape page, two rows of 12 amount columns


@pytest.fixture(scope="module")
def one_page_four_ways(tmp_path_factory):
    """The sample's landscape table page as text, and as image-only scans lying 0, 90, 180 and 270
    degrees counterclockwise (a landscape table fed in portrait lies 90 or 270)."""
    folder = tmp_path_factory.mktemp("turned")
    text = folder / "table-text.pdf"
    out = PdfWriter()
    out.add_page(PdfReader(SAMPLE).pages[LANDSCAPE_TABLE - 1])
    out.write(text)
    doc = pypdfium2.PdfDocument(str(SAMPLE))
    image = doc[LANDSCAPE_TABLE - 1].render(scale=200 / 72, grayscale=True).to_pil()
    doc.close()
    scans = {}
    for lying in (0, 90, 180, 270):
        scans[lying] = folder / f"table-scan-{lying}.pdf"
        image.rotate(lying, expand=True).save(scans[lying], resolution=200)
    return text, scans


def _tables(path: Path) -> tuple:
    ds, errors = parse_paths([path])
    assert not errors and len(ds) == 1
    return ds[0], [(t.kind, [(r.code, r.amounts) for r in t.rows]) for t in ds[0].tables]


@pytest.mark.slow
@pytest.mark.parametrize("lying", [0, 90, 180, 270])
def test_a_table_scanned_sideways_or_upside_down_reads_like_its_text_original(one_page_four_ways, lying):
    text, scans = one_page_four_ways
    page = read_source(scans[lying]).pages[0]
    assert page.read_by == "ocr" and page.turned == lying     # lying d counterclockwise: turned d clockwise
    assert (round(page.width), round(page.height)) == (842, 595)     # the upright landscape page
    _, expected = _tables(text)
    assert [kind for kind, _ in expected] == ["three_public"] and sum(len(r[1]) for r in expected[0][1]) >= 20
    d, got = _tables(scans[lying])
    assert got == expected
    # the report says the table was read from a scan, and that the scan was turned upright first
    (t,) = d.tables
    assert "ocr" in t.reading and ("ocr_turned" in t.reading) == (lying != 0)
    mark = frames.OCR_TURNED_MARK if lying else frames.OCR_MARK
    assert tables_index(d)["标题 title"].tolist() == [t.title + mark]


def test_a_title_whose_入_was_recognised_as_人_names_its_table():
    """A recogniser reads 入 as 人 (seen on a scanned copy of a Chongqing 部门收入总体情况表: 部门收人总体情况表,
    and the whole table was left unknown). A title no rule names is tried with 人 read as 入; a title
    rules name as printed keeps its own reading, and a line that is no title stays none."""
    from analysis.parse.titles import match_title

    confused = match_title("2026年部门收人总体情况表")
    assert (confused.kind, confused.title, confused.year) == ("department_income", "2026年部门收人总体情况表", 2026)
    assert match_title("2026年部门收入总体情况表").kind == "department_income"
    assert match_title("江苏省人大常委会办公厅2019年部门收支总表").kind == "department_summary"
    assert match_title("接收人员名单表") is None
    assert match_title("2026年部门收人总体情况") is None      # no 表: not a title either way
