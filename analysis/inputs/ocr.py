"""Scanned pages: a page image recognised into the characters and rulings a text page has.

A page without a text layer (a scan, a photo) or whose text cannot be read even by the second
extractor is rendered with pypdfium2 (``pdfium_text.Pdfium.render``) and recognised by RapidOCR
(PP-OCRv4 models run by ONNX Runtime, shipped inside the ``rapidocr_onnxruntime`` wheel: nothing is
fetched at run time). Each recognised character becomes a pdfplumber-style char dict in pt (its
box from the recogniser's word boxes, a word's box shared out among its characters), with the
recogniser's confidence (``confidence``, 0-1); table rulings are the long straight dark runs of the
image (``image_rulings``). ``pdf.page_layout`` then reads grids and lines from them exactly as from
a text page. Why RapidOCR and not Tesseract: docs/ocr.md (measured on the shared corpus).

Recognition is slow (seconds per page), so its result is cached by the file's SHA-256, the page and
everything that changes the result (engine version and the OCR settings) in ``cache_dir()``: a
second run reads the cache and recognises nothing. The cache is regenerable; delete it at will.
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
from .rulings import Ruling

log = logging.getLogger(__name__)

ENGINE = "rapidocr_onnxruntime"
CACHE_FORMAT = 3        # what a cached page holds; raised when the reading of a result changes
THREADS = 1            # ONNX Runtime threads per process: the pool already runs one worker per core
MAX_SIDE = 4000        # px: RapidOCR's default (2000) would shrink a page rendered at ocr_scale back
# a space the recogniser puts inside one amount ("27, 664.22", "12 .50"), not between two amounts
_SPACE_IN_NUMBER = re.compile(r"(?<=\d,)\s+(?=\d{3}(?!\d))|(?<=\d)\s+(?=[.,]\d)|(?<=\d\.)\s+(?=\d)")


def cache_dir() -> Path:
    """Where recognised pages are kept: ``$BUDGET_AUDIT_CACHE``, else ``$XDG_CACHE_HOME/budget-audit``,
    else ``~/.cache/budget-audit``; pages go in its ``ocr/`` folder."""
    root = os.environ.get("BUDGET_AUDIT_CACHE")
    if not root:
        root = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
                            "budget-audit")
    return Path(root) / "ocr"


def _version() -> str:
    try:
        return metadata.version(ENGINE)
    except metadata.PackageNotFoundError:
        return "absent"


def _key(s: ReaderSettings) -> str:
    what = (CACHE_FORMAT, ENGINE, _version(), MAX_SIDE, s.ocr_scale, s.ocr_min_score, s.ocr_dark, s.ocr_ruling_min, s.ruling_thin)
    return hashlib.sha256(repr(what).encode()).hexdigest()[:12]


def _cache_file(sha256: str, index: int, s: ReaderSettings) -> Path:
    return cache_dir() / sha256[:2] / f"{sha256}-p{index + 1}-{_key(s)}.json"


def cached(sha256: str, index: int, s: ReaderSettings = DEFAULT) -> bool:
    """Whether page ``index`` (0-based) of the file with content ``sha256`` was recognised before."""
    return _cache_file(sha256, index, s).is_file()


@functools.lru_cache(maxsize=1)
def engine():
    """One recogniser per process (loading its models takes a second)."""
    # imported when a scanned page is met: a batch of text PDFs never loads ONNX Runtime
    from rapidocr_onnxruntime import RapidOCR
    return RapidOCR(max_side_len=MAX_SIDE, intra_op_num_threads=THREADS, inter_op_num_threads=THREADS)


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
# a page
# ---------------------------------------------------------------------------
def _load(path: Path):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["chars"], [Ruling(*r) for r in data["rulings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(path: Path, chars: list, rulings: list) -> None:
    """Write a page's result atomically; a cache that cannot be written is only a slower next run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"chars": chars, "rulings": [[r.axis, r.pos, r.start, r.end] for r in rulings]}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("OCR cache not written (%s): %s", path, exc)


def recognise_page(pdfium, index: int, sha256: str, s: ReaderSettings = DEFAULT) -> tuple:
    """(chars, rulings) of page ``index`` (0-based) of the PDF opened as ``pdfium``, from the cache
    when this file's page was recognised before with the same settings."""
    path = _cache_file(sha256, index, s)
    cached = _load(path)
    if cached is not None:
        return cached
    started = time.perf_counter()
    image = pdfium.render(index, s.ocr_scale)
    lines, _ = engine()(image, return_word_box=True, text_score=s.ocr_min_score)
    chars = recognised_chars(lines, s.ocr_scale)
    rulings = image_rulings(image, s.ocr_scale, s)
    log.info("OCR: page %d of %s recognised in %.1f s (%d characters, %d rulings)", index + 1,
             pdfium.path.name, time.perf_counter() - started, len(chars), len(rulings))
    _store(path, chars, rulings)
    return chars, rulings
