"""Read a PDF with pypdfium2 (PDFium, the PDF engine of Chromium): the page objects pdfplumber
gives, several times faster.

The layout layer (``pdf.read_page`` and everything under it) reads a page's characters and drawn
paths as pdfplumber gives them: dicts in pdfplumber's coordinates (x from the left, ``top`` from
the top of the page, after the page's rotation). ``PdfiumPage`` gives the same from PDFium, so
nothing above this module knows which library read the file:

* a character: its text; its box as pdfminer builds it — from its origin on the baseline, the
  advance width along the baseline, from the font's descent below the baseline up one font size
  (PDFium's "loose" char box gives the advance and the descent); its font size (the box's height, as pdfminer's); its
  matrix (pdfminer's: text matrix and page rotation, the origin as translation); whether it is
  upright; its fill and stroke colour (RGB, 0-1);
* a drawn path: each subpath (pdfminer splits a path at every move) as a ``line`` (two points),
  a ``rect`` (a closed axis-aligned rectangle) or a ``curve`` (anything else, with its ``m`` /
  ``l`` / ``c`` / ``h`` operations), stroked or filled, with its stroke and fill colour (RGB, 0-1)
  and line width. Paths inside form XObjects are read with the form's matrix.

PDFium leaves printed spaces out of its text and infers its own between words; the spaces printed
are given back (``page_chars``): an object printing only spaces, and a gap inside an object that is
a whole number of the font's spaces. Its other inferred characters (line breaks, gaps left by
positioning) were never printed and are left out, as pdfminer never makes them.
``ReaderSettings.reader`` chooses this
reader ("pdfium"); pdfplumber stays the reference (``tests/test_readers.py`` compares them).
"""
from __future__ import annotations

import ctypes
from pathlib import Path

from ..settings import DEFAULT, ReaderSettings
from .base import InputError, SourceDocument
from .pdf import read_pdf

MAX_FORM_DEPTH = 12   # form XObjects nested deeper are not read (a loop in a malformed file)
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _lib():
    # pypdfium2 is imported when a PDF is read with this reader: other processes never load it
    import pypdfium2
    import pypdfium2.raw

    return pypdfium2, pypdfium2.raw


# ---------------------------------------------------------------------------
# matrices (PDF convention: a point is a row vector, (x, y, 1) · M)
# ---------------------------------------------------------------------------
def _mult(m1: tuple, m2: tuple) -> tuple:
    """m1 then m2."""
    a0, b0, c0, d0, e0, f0 = m1
    a, b, c, d, e, f = m2
    return (a0 * a + b0 * c, a0 * b + b0 * d, c0 * a + d0 * c, c0 * b + d0 * d,
            e0 * a + f0 * c + e, e0 * b + f0 * d + f)


def _apply(m: tuple, x: float, y: float) -> tuple:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _matrix(c, getter, obj) -> tuple:
    m = c.FS_MATRIX()
    if not getter(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


class Space:
    """PDF user space -> pdfplumber's page coordinates: the page's rotation as pdfminer applies it
    (about the media box's corner), then y measured down from the top of the rotated page."""

    def __init__(self, mediabox: tuple, rotation: int):
        x0, y0, x1, y1 = mediabox
        self.rotation = rotation % 360
        w, h = x1 - x0, y1 - y0
        turned = self.rotation in (90, 270)
        self.width, self.height = (h, w) if turned else (w, h)
        self.ctm = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                    270: (0, 1, -1, 0, y1, -x0)}.get(self.rotation, (1, 0, 0, 1, -x0, -y0))
        self.dx = y0 if turned else x0       # pdfplumber shifts x by the (rotated) box's left edge

    def device(self, x: float, y: float) -> tuple:
        """pdfminer's coordinates (y up, rotated, from the media box's corner)."""
        return _apply(self.ctm, x, y)

    def point(self, x: float, y: float) -> tuple:
        """pdfplumber's (x, top)."""
        dx, dy = self.device(x, y)
        return (dx + self.dx, self.height - dy)


# ---------------------------------------------------------------------------
# characters
# ---------------------------------------------------------------------------
def _rgb(getter, *args):
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(*args, *(ctypes.byref(v) for v in (r, g, b, a))):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _text_space(m: tuple, dx: float, dy: float):
    """A user-space offset from a char's origin in its text space (the inverse of the matrix's
    linear part), or None for a degenerate matrix."""
    a, b, c, d = m[:4]
    det = a * d - b * c
    if not det:
        return None
    return ((d * dx - c * dy) / det, (-b * dx + a * dy) / det)


def _glyph_box(m: tuple, origin: tuple, loose) -> tuple:
    """(advance, descent) of a char in text space, from PDFium's loose box (user space)."""
    corners = [(loose.left, loose.bottom), (loose.right, loose.bottom), (loose.left, loose.top),
               (loose.right, loose.top)]
    uv = [_text_space(m, x - origin[0], y - origin[1]) for x, y in corners]
    if any(p is None for p in uv):
        return 0.0, 0.0
    return max(max(u for u, _ in uv), 0.0), min(v for _, v in uv)


def _width(c, font, ch: str, fontsize: float) -> float:
    """The advance of ``ch`` in ``font`` as the PDF declares it (its widths, as pdfminer reads them),
    in text space; 0 unknown. A font the PDF does not embed is drawn by PDFium with a stand-in whose
    glyphs are wider (and lower): their boxes would run over the next character (and hide a printed
    space between them), so the declared widths and descent come first, PDFium's boxes second."""
    width = ctypes.c_float()
    if font and c.FPDFFont_GetGlyphWidth(font, ord(ch), ctypes.c_float(fontsize), ctypes.byref(width)):
        return max(width.value, 0.0)
    return 0.0


def _descent(c, font, fontsize: float, default: float) -> float:
    low = ctypes.c_float()
    if font and c.FPDFFont_GetDescent(font, ctypes.c_float(fontsize), ctypes.byref(low)) and low.value < 0:
        return low.value
    return default


def _box(lin: tuple, adv: float, descent: float, fontsize: float, space: Space) -> tuple:
    """(xs, ys) of the corners of a glyph box in pdfplumber's coordinates."""
    corners = ((0.0, descent), (adv, descent), (0.0, descent + fontsize), (adv, descent + fontsize))
    xy = [space.point(*_apply(lin, u, v)) for u, v in corners]
    return [p[0] for p in xy], [p[1] for p in xy]


def _glyph(text: str, xs: list, ys: list, lin: tuple, space: Space) -> dict:
    dm = _mult(lin, space.ctm)
    upright = 0 < dm[0] * dm[3] and dm[1] * dm[2] <= 0
    return {"object_type": "char", "text": text, "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys),
            "doctop": min(ys), "width": max(xs) - min(xs), "height": max(ys) - min(ys),
            "size": max(ys) - min(ys), "matrix": dm, "upright": upright}


def _object_info(c, text, i: int, obj) -> tuple:
    """What every character of one text object shares: (matrix, font size, font, fill colour,
    stroke colour, the width of a space in text space, the font's declared descent or None)."""
    m = _matrix(c, lambda t, p: c.FPDFText_GetMatrix(t, i, p), text)
    fontsize = c.FPDFText_GetFontSize(text, i) or 1.0
    font = c.FPDFTextObj_GetFont(obj) if obj else None
    return (m, fontsize, font, _rgb(c.FPDFText_GetFillColor, text, i), _rgb(c.FPDFText_GetStrokeColor, text, i),
            _width(c, font, " ", fontsize), _descent(c, font, fontsize, None))


def _char(c, text, i: int, space: Space, ch: str, objects: dict) -> dict:
    """One printed character as pdfplumber gives it (see the module's docstring), with the
    address of its text object (``_obj``) and the width of a space in its font (``_space``).
    ``objects`` keeps what the characters of a text object share, read once per object."""
    ox, oy = ctypes.c_double(), ctypes.c_double()
    c.FPDFText_GetCharOrigin(text, i, ctypes.byref(ox), ctypes.byref(oy))
    obj = c.FPDFText_GetTextObject(text, i)
    key = ctypes.addressof(obj.contents) if obj else None
    info = objects.get(key) if key is not None else None
    if info is None:
        info = _object_info(c, text, i, obj)
        if key is not None:
            objects[key] = info
    m, fontsize, font, fill, stroke, space_width, descent = info
    adv = _width(c, font, ch, fontsize)
    if not adv or descent is None:   # PDFium's loose box where the PDF declares no metrics
        loose = c.FS_RECTF()
        c.FPDFText_GetLooseCharBox(text, i, ctypes.byref(loose))
        loose_adv, loose_descent = _glyph_box(m, (ox.value, oy.value), loose)
        adv, descent = adv or loose_adv, loose_descent if descent is None else descent
    lin = (m[0], m[1], m[2], m[3], ox.value, oy.value)
    out = _glyph(ch, *_box(lin, adv, descent, fontsize, space), lin, space)
    out["non_stroking_color"], out["stroking_color"] = fill, stroke
    out["_obj"] = key
    out["_space"] = space_width * (m[0] ** 2 + m[1] ** 2) ** 0.5
    return out


def _spaces_between(prev: dict, nxt: dict, s: ReaderSettings) -> list:
    """The space characters printed between two characters of one text object on one line, as
    pdfminer gives them: when the gap between them is a whole number of the font's spaces (within
    ``pdfium_space_fit``), that many spaces, each a space wide; else none (a gap left by
    positioning alone is no character)."""
    width = prev["_space"]
    if not (prev["upright"] and nxt["upright"]) or width <= 0 or prev["_obj"] is None or prev["_obj"] != nxt["_obj"]:
        return []
    gap = nxt["x0"] - prev["x1"]
    n = round(gap / width)
    if n < 1 or abs(gap - n * width) > s.pdfium_space_fit * width:
        return []
    return [dict(prev, text=" ", x0=prev["x1"] + k * width, x1=prev["x1"] + (k + 1) * width, width=width,
                 matrix=prev["matrix"][:4] + (prev["x1"] + k * width, prev["matrix"][5])) for k in range(n)]


def _blank_objects(c, page, form, outer: tuple, space: Space, seen: set, out: list, depth: int = 0) -> None:
    """A space for each text object of the page that PDFium's text page holds no character of: an
    object printing only spaces (PDFium leaves such objects out of its text)."""
    count = c.FPDFFormObj_CountObjects(form) if form is not None else c.FPDFPage_CountObjects(page)
    for k in range(count):
        obj = c.FPDFFormObj_GetObject(form, k) if form is not None else c.FPDFPage_GetObject(page, k)
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            inner = _mult(_matrix(c, c.FPDFPageObj_GetMatrix, obj), outer)
            _blank_objects(c, page, obj, inner, space, seen, out, depth + 1)
        elif kind == c.FPDF_PAGEOBJ_TEXT and ctypes.addressof(obj.contents) not in seen:
            size, font = ctypes.c_float(), c.FPDFTextObj_GetFont(obj)
            if not font or not c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)) or size.value <= 0:
                continue
            lin = _mult(_matrix(c, c.FPDFPageObj_GetMatrix, obj), outer)
            width = _width(c, font, " ", size.value)
            if width > 0:
                box = _box(lin, width, _descent(c, font, size.value, -0.2 * size.value), size.value, space)
                out.append(_glyph(" ", *box, lin, space))


def page_chars(c, page, textpage, space: Space, s: ReaderSettings = DEFAULT) -> list:
    """Every printed character of a page, in content order (spaces of blank objects last).

    PDFium leaves printed spaces out of its text page: an object printing only spaces entirely,
    spaces inside an object with a space of its own wherever two characters stand apart, printed
    space or not. Both are given back (``_blank_objects``, ``_spaces_between``); PDFium's other
    inferred characters (line breaks, gaps left by positioning) are left out."""
    out: list = []
    objects: dict = {}
    gap = False     # PDFium inferred a space after the last character
    for i in range(c.FPDFText_CountChars(textpage)):
        code = c.FPDFText_GetUnicode(textpage, i)
        if c.FPDFText_IsGenerated(textpage, i) == 1:
            gap = gap or code == 0x20
            continue
        if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            continue
        ch = _char(c, textpage, i, space, chr(code), objects)
        if gap and out:
            out.extend(_spaces_between(out[-1], ch, s))
        gap = False
        out.append(ch)
    _blank_objects(c, page, None, IDENTITY, space, {ch["_obj"] for ch in out}, out)
    for ch in out:
        ch.pop("_obj", None)
        ch.pop("_space", None)
    return out


# ---------------------------------------------------------------------------
# paths
# ---------------------------------------------------------------------------
def _subpaths(c, obj, to_page) -> list:
    """The path object's subpaths, each a list of pdfplumber-style operations in page coordinates."""
    subpaths: list = []
    ops: list = []
    bezier: list = []
    for k in range(c.FPDFPath_CountSegments(obj)):
        seg = c.FPDFPath_GetPathSegment(obj, k)
        x, y = ctypes.c_float(), ctypes.c_float()
        c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        pt = to_page(x.value, y.value)
        kind = c.FPDFPathSegment_GetType(seg)
        if kind == c.FPDF_SEGMENT_MOVETO:
            if ops:
                subpaths.append(ops)
            ops, bezier = [("m", pt)], []
        elif kind == c.FPDF_SEGMENT_BEZIERTO:
            bezier.append(pt)
            if len(bezier) == 3:
                ops.append(("c", *bezier))
                bezier = []
        else:
            ops.append(("l", pt))
        if c.FPDFPathSegment_GetClose(seg):
            ops.append(("h",))
    if ops:
        subpaths.append(ops)
    return subpaths


def _rectangle(points: list):
    """(x0, top, x1, bottom) when ``points`` (a closed subpath's corners) are an axis-aligned
    rectangle, else None."""
    if len(points) == 5 and points[0] == points[4]:
        points = points[:4]
    if len(points) != 4:
        return None
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (min(xs), min(ys), max(xs), max(ys))
    return None


def _path_object(ops: list, style: dict) -> dict:
    """A subpath as pdfminer classifies it: a line, a rect or a curve (its points and box are the
    ends of its pieces: a Bézier's control points are not drawn)."""
    pts = [op[-1] for op in ops if len(op) > 1]
    shape = "".join(op[0] for op in ops)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    out = dict(style, x0=min(xs), x1=max(xs), top=min(ys), bottom=max(ys), pts=pts, path=ops)
    out["width"], out["height"] = out["x1"] - out["x0"], out["bottom"] - out["top"]
    out["doctop"] = out["top"]
    if shape in ("ml", "mlh"):
        out["object_type"] = "line"
    elif shape in ("mlllh", "mllll", "mllllh") and _rectangle(pts):
        out["object_type"] = "rect"
    else:
        out["object_type"] = "curve"
    return out


def _path_style(c, obj) -> dict:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    width = ctypes.c_float()
    c.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
    return {"stroke": bool(stroke.value), "fill": fill.value != c.FPDF_FILLMODE_NONE,
            "stroking_color": _rgb(c.FPDFPageObj_GetStrokeColor, obj),
            "non_stroking_color": _rgb(c.FPDFPageObj_GetFillColor, obj), "linewidth": width.value}


def _image_object(c, obj, outer: tuple, space: Space) -> dict:
    """An image's box as pdfplumber gives it (``x0``, ``x1``, ``top``, ``bottom``): the reader
    measures how much of a page its images cover to tell a scan from a text page."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    c.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    corners = [space.point(*_apply(outer, x, y)) for x in (left.value, right.value) for y in (bottom.value, top.value)]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return {"object_type": "image", "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)}


def collect_paths(c, page, form, outer: tuple, space: Space, out: list, depth: int = 0) -> None:
    """Append every path of ``page`` (or of the form XObject ``form`` on it) to ``out``."""
    count = c.FPDFFormObj_CountObjects(form) if form is not None else c.FPDFPage_CountObjects(page)
    for k in range(count):
        obj = c.FPDFFormObj_GetObject(form, k) if form is not None else c.FPDFPage_GetObject(page, k)
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            collect_paths(c, page, obj, _mult(_matrix(c, c.FPDFPageObj_GetMatrix, obj), outer), space, out, depth + 1)
        elif kind == c.FPDF_PAGEOBJ_IMAGE:
            out.append(_image_object(c, obj, outer, space))
        elif kind == c.FPDF_PAGEOBJ_PATH:
            m = _mult(_matrix(c, c.FPDFPageObj_GetMatrix, obj), outer)
            style = _path_style(c, obj)
            for ops in _subpaths(c, obj, lambda x, y: space.point(*_apply(m, x, y))):
                if len(ops) > 1:
                    out.append(_path_object(ops, style))


# ---------------------------------------------------------------------------
# pages and documents
# ---------------------------------------------------------------------------
class PdfiumPage:
    """One page as pdfplumber's ``Page`` shows it to the layout layer: ``chars``, ``lines``,
    ``rects``, ``curves``, ``images``, ``width``, ``height``, ``bbox``, ``within_bbox`` and ``flush_cache``."""

    def __init__(self, document, index: int, s: ReaderSettings = DEFAULT):
        self._document, self._index, self._settings = document, index, s
        self._objects = None
        _, c = _lib()
        page = c.FPDF_LoadPage(document.raw, index)
        if not page:
            raise ValueError(f"page {index + 1} cannot be loaded")
        try:
            self.space = Space(_media_box(c, page), c.FPDFPage_GetRotation(page) * 90)
        finally:
            c.FPDF_ClosePage(page)
        self.width, self.height = self.space.width, self.space.height
        self.bbox = (self.space.dx, 0.0, self.space.dx + self.width, self.height)

    def _load(self) -> dict:
        if self._objects is None:
            _, c = _lib()
            page = c.FPDF_LoadPage(self._document.raw, self._index)
            if not page:
                raise ValueError(f"page {self._index + 1} cannot be loaded")
            textpage = c.FPDFText_LoadPage(page)
            try:
                chars = page_chars(c, page, textpage, self.space, self._settings)
                paths: list = []
                collect_paths(c, page, None, IDENTITY, self.space, paths)
            finally:
                c.FPDFText_ClosePage(textpage)
                c.FPDF_ClosePage(page)
            self._objects = {"char": chars, "line": [], "rect": [], "curve": [], "image": []}
            for p in paths:
                self._objects[p["object_type"]].append(p)
        return self._objects

    @property
    def chars(self) -> list:
        return self._load()["char"]

    @property
    def lines(self) -> list:
        return self._load()["line"]

    @property
    def rects(self) -> list:
        return self._load()["rect"]

    @property
    def curves(self) -> list:
        return self._load()["curve"]

    @property
    def images(self) -> list:
        return self._load()["image"]

    def within_bbox(self, bbox: tuple) -> "Cropped":
        """The page's objects lying wholly inside ``bbox`` (as pdfplumber's ``within_bbox``)."""
        return Cropped(self, bbox)

    def flush_cache(self) -> None:
        self._objects = None


class Cropped:
    """A page seen through a box: only the objects wholly inside it."""

    def __init__(self, page: PdfiumPage, bbox: tuple):
        self.page, self.bbox = page, bbox
        self.width, self.height = page.width, page.height

    def _inside(self, objs: list) -> list:
        x0, top, x1, bottom = self.bbox
        return [o for o in objs if o["x0"] >= x0 and o["x1"] <= x1 and o["top"] >= top and o["bottom"] <= bottom]

    @property
    def chars(self) -> list:
        return self._inside(self.page.chars)

    @property
    def lines(self) -> list:
        return self._inside(self.page.lines)

    @property
    def rects(self) -> list:
        return self._inside(self.page.rects)

    @property
    def curves(self) -> list:
        return self._inside(self.page.curves)


def _media_box(c, page) -> tuple:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if c.FPDFPage_GetMediaBox(page, *(ctypes.byref(v) for v in (left, bottom, right, top))):
        x0, x1 = sorted((left.value, right.value))
        y0, y1 = sorted((bottom.value, top.value))
        return (x0, y0, x1, y1)
    return (0.0, 0.0, c.FPDF_GetPageWidthF(page), c.FPDF_GetPageHeightF(page))


class PdfiumDocument:
    """An open PDF with ``pages`` (``PdfiumPage``) and ``close``, as ``pdf.read_pdf`` reads it."""

    def __init__(self, document, s: ReaderSettings = DEFAULT):
        self.document = document
        self.raw = document.raw
        self.pages = [PdfiumPage(self, i, s) for i in range(len(document))]

    def close(self) -> None:
        self.pages = []
        self.document.close()


def open_pdfium(path: Path, s: ReaderSettings = DEFAULT) -> PdfiumDocument:
    """Open ``path`` with PDFium; a file that cannot be opened is one ``InputError``."""
    pdfium, c = _lib()
    try:
        return PdfiumDocument(pdfium.PdfDocument(str(path)), s)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (c.FPDF_ERR_PASSWORD, c.FPDF_ERR_SECURITY):
            raise InputError(path, "encrypted PDF (a password is required to read it)") from None
        if code == c.FPDF_ERR_FORMAT:
            raise InputError(path, "corrupt or truncated PDF (not a readable PDF structure)") from None
        raise InputError(path, f"corrupt or unreadable PDF ({exc})") from None
    except ValueError as exc:
        raise InputError(path, f"corrupt PDF: {exc}") from None


def read_pdfium(path: Path, s: ReaderSettings = DEFAULT) -> SourceDocument:
    """Every page of the PDF at ``path`` read with PDFium; the rest as ``pdf.read_pdf`` does it."""
    return read_pdf(path, s, opener=lambda p: open_pdfium(p, s))
