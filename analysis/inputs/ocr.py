"""Scanned pages: a page image recognised into the characters and rulings a text page has.

A page without a text layer (a scan, a photo) or whose text cannot be read even by the second
extractor is rendered with pypdfium2 (``pdfium_text.Pdfium.render``) and recognised by RapidOCR
(PP-OCRv4 models run by ONNX Runtime, shipped inside the ``rapidocr_onnxruntime`` wheel: nothing is
fetched at run time). Each recognised character becomes a pdfplumber-style char dict in pt (its
box from the recogniser's word boxes, a word's box shared out among its characters), with the
recogniser's confidence (``confidence``, 0-1); table rulings are the long straight dark runs of the
image (``image_rulings``). ``pdf.page_layout`` then reads grids and lines from them exactly as from
a text page. Why RapidOCR and not Tesseract: docs/ocr.md (measured on the shared corpus).

A page scanned sideways (a landscape table fed in portrait) or upside down is turned upright before
it is recognised (``upright_turn``): the text lines are detected on a small copy of the image, and
their shape says whether the text runs across the page or down it; the recogniser's angle
classifier says whether a few of the longest lines stand on their heads, and unless the page stands
upright those lines are read each way and the way whose text the recogniser reads best is taken.
Its characters and rulings come out in the frame of the upright page (``Page.turned`` says how far
it was turned). Measured accuracy and cost: docs/ocr.md, "Orientation".

Recognition is slow (seconds per page), so its result is cached by the file's SHA-256, the page and
everything that changes the result (engine version and configuration, the OCR settings, the
orientation check's parameters) in ``cache_dir()``: a second run reads the cache and recognises
nothing. The cache is regenerable; delete it at will, or turn it off with the source cache
(``BUDGET_AUDIT_CACHE=off``).
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import tempfile
import time
import unicodedata
from importlib import metadata
from pathlib import Path

from ..settings import DEFAULT, ReaderSettings
from . import cache
from .rulings import Ruling

log = logging.getLogger(__name__)

ENGINE = "rapidocr_onnxruntime"
CACHE_FORMAT = 4        # what a cached page holds; raised when the reading of a result changes
THREADS = 1            # ONNX Runtime threads per process: the pool already runs one worker per core
MAX_SIDE = 4000        # px: RapidOCR's default (2000) would shrink a page rendered at ocr_scale back
# The text detector works on the image at its own size (up to MAX_SIDE): a page rendered at ocr_scale
# is never resized by it, and the small copy the orientation check detects lines on is not enlarged.
DETECTOR = {"det_limit_side_len": MAX_SIDE, "det_limit_type": "max"}
PROBE_SIDE = 768       # px: the longer side of the copy of a page whose text lines tell its orientation
PROBE_LINES = 6        # the longest text lines read to tell which way up the page is
PROBE_LENGTH = 8       # a sampled line is cut to this many times its height (reading time grows with length)
ELONGATED = 2.0        # a detected box this many times longer one way than the other is a line of text
# a space the recogniser puts inside one amount ("27, 664.22", "12 .50"), not between two amounts
_SPACE_IN_NUMBER = re.compile(r"(?<=\d,)\s+(?=\d{3}(?!\d))|(?<=\d)\s+(?=[.,]\d)|(?<=\d\.)\s+(?=\d)")


def cache_dir() -> Path | None:
    """Where recognised pages are kept: the ``ocr/`` folder of ``$BUDGET_AUDIT_CACHE``, else of
    ``$XDG_CACHE_HOME/budget-audit`` or ``~/.cache/budget-audit``; None when the cache is off
    (``BUDGET_AUDIT_CACHE=off``, as for the source cache: ``cache.cache_dir``)."""
    root = cache.cache_dir()
    if root is None:
        return None
    if os.environ.get(cache.ENV, "").strip():
        return root / "ocr"
    return root.parent / "ocr"     # beside the source cache's default folder (budget-audit/sources)


def _version() -> str:
    try:
        return metadata.version(ENGINE)
    except metadata.PackageNotFoundError:
        return "absent"


def _key(s: ReaderSettings) -> str:
    what = (CACHE_FORMAT, ENGINE, _version(), MAX_SIDE, sorted(DETECTOR.items()), s.ocr_scale, s.ocr_min_score,
            s.ocr_dark, s.ocr_ruling_min, s.ruling_thin, s.ocr_upright, PROBE_SIDE, PROBE_LINES, PROBE_LENGTH, ELONGATED)
    return hashlib.sha256(repr(what).encode()).hexdigest()[:12]


def _cache_file(sha256: str, index: int, s: ReaderSettings) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / sha256[:2] / f"{sha256}-p{index + 1}-{_key(s)}.json"


def cached(sha256: str, index: int, s: ReaderSettings = DEFAULT) -> bool:
    """Whether page ``index`` (0-based) of the file with content ``sha256`` was recognised before."""
    return _cache_file(sha256, index, s).is_file()


@functools.lru_cache(maxsize=1)
def engine():
    """One recogniser per process (loading its models takes a second)."""
    # imported when a scanned page is met: a batch of text PDFs never loads ONNX Runtime
    from rapidocr_onnxruntime import RapidOCR
    return RapidOCR(max_side_len=MAX_SIDE, intra_op_num_threads=THREADS, inter_op_num_threads=THREADS, **DETECTOR)


def available() -> bool:
    """Whether the recogniser is installed (it is, by ``make install``)."""
    return _version() != "absent"


# ---------------------------------------------------------------------------
# characters
# ---------------------------------------------------------------------------
def _weight(ch: str) -> float:
    """A character's share of its word's width: a CJK or full-width character is square, a Latin
    letter, digit or separator about half as wide."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def _box(points) -> tuple:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _word_chars(text: str, box: tuple, score: float, scale: float) -> list:
    """The characters of one recognised word in pt: its box shared out by character widths (a
    space takes its width and leaves a gap); the box's height trimmed to the glyphs (the detector
    pads a line's box by about a quarter)."""
    x0, y0, x1, y1 = box
    total = sum(_weight(ch) for ch in text) or 1.0
    pad = (y1 - y0) * 0.12
    top, bottom = (y0 + pad) / scale, (y1 - pad) / scale
    out, x, spaced = [], x0, False
    for ch in text:
        w = (x1 - x0) * _weight(ch) / total
        if ch.isspace():
            spaced = True
        else:
            out.append({"text": ch, "x0": x / scale, "x1": (x + w) / scale, "top": top, "bottom": bottom,
                        "doctop": top, "upright": True, "size": bottom - top,
                        "confidence": round(float(score), 4), "spaced": spaced})
            spaced = False
        x += w
    return out


def _line_words(line: list) -> list:
    """(text, box, score) of each word of one recognised line: the recogniser's word boxes when it
    gives them for the whole line, else the line as one word."""
    box, text, score = line[0], line[1], float(line[2])
    if len(line) >= 6 and line[3] and len(line[3]) == len(line[4]) == len(line[5]):
        words = [(t, _box(b), float(c)) for b, t, c in zip(line[3], line[4], line[5])]
        if "".join(t for t, _, _ in words).replace(" ", "") == text.replace(" ", ""):
            return [(t, b, min(c, score)) for t, b, c in words]
    return [(text, _box(box), score)]


def recognised_chars(lines: list, scale: float) -> list:
    """RapidOCR's result (with word boxes) as char dicts in pt. Spaces the recogniser puts inside a
    number (``27, 664.22``) are dropped: a printed amount has none."""
    out = []
    for line in lines or []:
        line = list(line)
        line[1] = _SPACE_IN_NUMBER.sub("", unicodedata.normalize("NFC", line[1]))
        chars = [ch for text, box, score in _line_words(line) for ch in _word_chars(text, box, score, scale)]
        out.extend(_closed(chars))
    return out


def _closed(chars: list) -> list:
    """One recognised line's characters with the small gaps between its word boxes closed (the
    recogniser boxes each glyph tightly): a line read as one stays one run of text, while a gap
    where the recogniser read a space, or wider than a character, stays open."""
    chars = sorted(chars, key=lambda c: c["x0"])
    for a, b in zip(chars, chars[1:]):
        if not b["spaced"] and 0 < b["x0"] - a["x1"] < 0.8 * (a["bottom"] - a["top"]):
            a["x1"] = b["x0"]
    for c in chars:
        del c["spaced"]
    return chars


# ---------------------------------------------------------------------------
# rulings
# ---------------------------------------------------------------------------
def image_rulings(image, scale: float, s: ReaderSettings = DEFAULT) -> list:
    """The table rulings of a page image (greyscale, rows x columns) in pt: straight dark runs
    longer than ``ocr_ruling_min`` of the page and at most twice ``ruling_thin`` thick."""
    # lazy: cv2 and numpy come with rapidocr_onnxruntime, loaded only for a scanned page
    import cv2
    import numpy as np

    ink = (np.asarray(image) < s.ocr_dark).astype(np.uint8)
    height, width = ink.shape
    thick = max(2.0, 2 * s.ruling_thin * scale)
    out = []
    for axis, length in (("h", width), ("v", height)):
        k = max(int(length * s.ocr_ruling_min), 8)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1) if axis == "h" else (1, k))
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        n, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for x, y, w, h, _area in stats[1:n]:
            across, along = (h, w) if axis == "h" else (w, h)
            if across > thick or along < k:
                continue
            if axis == "h":
                out.append(Ruling("h", float(y + h / 2) / scale, float(x) / scale, float(x + w) / scale))
            else:
                out.append(Ruling("v", float(x + w / 2) / scale, float(y) / scale, float(y + h) / scale))
    return out


# ---------------------------------------------------------------------------
# orientation
# ---------------------------------------------------------------------------
TURNS = (0, 90, 180, 270)


def turn(image, degrees: int):
    """``image`` (rows x columns) turned ``degrees`` clockwise (0, 90, 180 or 270)."""
    import numpy as np
    return np.ascontiguousarray(np.rot90(image, -(degrees // 90)))


def _bgr(image):
    import cv2
    return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image


def line_boxes(image) -> list:
    """The text lines of a page image (greyscale) as boxes (x0, y0, x1, y1) in its pixels,
    detected on a copy whose longer side is ``PROBE_SIDE``: lines, not their characters, are
    needed, and a small copy is detected in a fraction of the page's time."""
    import cv2

    height, width = image.shape[:2]
    f = min(1.0, PROBE_SIDE / max(height, width))
    small = cv2.resize(image, (max(int(width * f), 1), max(int(height * f), 1)), interpolation=cv2.INTER_AREA)
    boxes, _ = engine().text_det(_bgr(small))
    out = []
    for quad in [] if boxes is None else boxes:
        xs, ys = [p[0] / f for p in quad], [p[1] / f for p in quad]
        out.append((max(min(xs), 0.0), max(min(ys), 0.0), min(max(xs), width), min(max(ys), height)))
    return out


def runs_down(boxes: list) -> bool:
    """Whether the text of a page runs down it (the page lies on its side): the lines much taller
    than wide are longer in all than those much wider than tall. Boxes of a character or two
    (about square) say nothing."""
    across = sum(x1 - x0 for x0, y0, x1, y1 in boxes if x1 - x0 > ELONGATED * (y1 - y0))
    down = sum(y1 - y0 for x0, y0, x1, y1 in boxes if y1 - y0 > ELONGATED * (x1 - x0))
    return down > across


def _samples(image, boxes: list, down: bool) -> list:
    """The ``PROBE_LINES`` longest lines running the page's way, cut from ``image`` to at most
    ``PROBE_LENGTH`` times their breadth."""
    lines = [b for b in boxes if ((b[3] - b[1]) > ELONGATED * (b[2] - b[0])) == down]
    lines.sort(key=lambda b: -max(b[2] - b[0], b[3] - b[1]))
    out = []
    for x0, y0, x1, y1 in lines[:PROBE_LINES]:
        x0, y0, x1, y1 = int(x0), int(y0), int(x1 + 1), int(y1 + 1)
        if down:
            y1 = min(y1, y0 + int(PROBE_LENGTH * (x1 - x0)))
        else:
            x1 = min(x1, x0 + int(PROBE_LENGTH * (y1 - y0)))
        crop = image[y0:y1, x0:x1]
        if crop.size:
            out.append(_bgr(crop))
    return out


def _read_score(crops: list, degrees: int) -> float:
    """The recogniser's mean confidence in the sampled lines turned ``degrees`` clockwise."""
    results, _ = engine().text_rec([turn(c, degrees) for c in crops])
    return sum(float(r[1]) for r in results) / len(results) if results else 0.0


def upright_turn(image, s: ReaderSettings = DEFAULT) -> int:
    """How far (degrees clockwise: 0, 90, 180 or 270) a page image must be turned for its text to
    stand upright. The lines' shape tells across (0 or 180) from down (90 or 270); the angle
    classifier of the recogniser says whether the longest lines, turned the first way, stand on
    their heads. A page whose lines run across and stand upright is read as it lies (the common
    case: a detection on a small copy and one classification). Otherwise the sampled lines are
    read both ways and the way whose text the recogniser reads with more confidence is taken;
    when neither reads as text (``ocr_min_score``) the page is left as it lies."""
    boxes = line_boxes(image)
    if not boxes:
        return 0
    down = runs_down(boxes)
    crops = _samples(image, boxes, down)
    if not crops:
        return 0
    first = 90 if down else 0
    _, votes, _ = engine().text_cls([turn(c, first) for c in crops])
    headstand = sum(float(score) for label, score in votes if label == "180")
    if not down and headstand <= sum(float(score) for label, score in votes if label != "180"):
        return 0
    scores = {d: _read_score(crops, d) for d in (first, first + 180)}
    best = max(scores, key=lambda d: (scores[d], d == first))
    return best if scores[best] >= s.ocr_min_score else 0


# ---------------------------------------------------------------------------
# a page
# ---------------------------------------------------------------------------
def _load(path: Path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        turned = int(data["turned"])
        if turned not in TURNS:
            return None
        return data["chars"], [Ruling(*r) for r in data["rulings"]], turned
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(path: Path, chars: list, rulings: list, turned: int) -> None:
    """Write a page's result atomically; a cache that cannot be written is only a slower next run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"chars": chars, "rulings": [[r.axis, r.pos, r.start, r.end] for r in rulings], "turned": turned}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("OCR cache not written (%s): %s", path, exc)


def recognise_image(image, s: ReaderSettings = DEFAULT) -> tuple:
    """(chars, rulings, turned) of a page image rendered at ``ocr_scale``: turned upright first
    (``turned`` degrees clockwise, when ``ocr_upright``), so that characters and rulings are in pt
    of the upright page (its width and height swapped when turned 90 or 270)."""
    turned = upright_turn(image, s) if s.ocr_upright else 0
    if turned:
        image = turn(image, turned)
    # on a page turned upright no line stands on its head: the recogniser's own classifier of each
    # line (0 or 180) could only turn a line over wrongly (it does, now and then, on a long title
    # squeezed to its 192 px), so it runs only where pages are read as they lie
    lines, _ = engine()(image, return_word_box=True, text_score=s.ocr_min_score, use_cls=not s.ocr_upright)
    return recognised_chars(lines, s.ocr_scale), image_rulings(image, s.ocr_scale, s), turned


def recognise_page(pdfium, index: int, sha256: str, s: ReaderSettings = DEFAULT) -> tuple:
    """(chars, rulings, turned) of page ``index`` (0-based) of the PDF opened as ``pdfium`` (see
    ``recognise_image``), from the cache when this file's page was recognised before with the same
    settings; ``cache_dir()`` None (the cache turned off) recognises it every time."""
    path = _cache_file(sha256, index, s)
    cached = _load(path) if path is not None else None
    if cached is not None:
        return cached
    started = time.perf_counter()
    chars, rulings, turned = recognise_image(pdfium.render(index, s.ocr_scale), s)
    log.info("OCR: page %d of %s recognised in %.1f s (%d characters, %d rulings%s)", index + 1,
             pdfium.path.name, time.perf_counter() - started, len(chars), len(rulings),
             f", turned {turned}° clockwise" if turned else "")
    if path is not None:
        _store(path, chars, rulings, turned)
    return chars, rulings, turned
