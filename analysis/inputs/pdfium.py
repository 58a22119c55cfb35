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

Speed: a page of Chinese text has nearly as many text objects as characters, so the work per
character and per object is what counts. PDFium's functions are called with plain addresses
(``_addressed``) and out-parameters allocated once per page (``_Out``); what one text object, one
font at one size and one matrix give is read once (``_TextReading``: PDFium's answers depend on
nothing else); boxes and points are computed by the arithmetic of ``_apply`` and ``Space.point``
written out (the same operations in the same order, so the same floats); the page's objects are
walked once (``PageObjects``) and each page is loaded once. ``benchmarks/reader_snapshot.py``
checks that a change leaves what is read byte-identical.
"""
from __future__ import annotations

import ctypes
import functools
from itertools import repeat
from pathlib import Path
from types import SimpleNamespace

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
# PDFium's functions as this reader calls them
# ---------------------------------------------------------------------------
_CALLED = (
    "FPDFText_CountChars", "FPDFText_GetUnicode", "FPDFText_IsGenerated", "FPDFText_GetCharOrigin",
    "FPDFText_GetTextObject", "FPDFText_GetMatrix", "FPDFText_GetFontSize", "FPDFText_GetFillColor",
    "FPDFText_GetStrokeColor", "FPDFText_GetLooseCharBox", "FPDFTextObj_GetFont", "FPDFTextObj_GetFontSize",
    "FPDFFont_GetGlyphWidth", "FPDFFont_GetDescent", "FPDFPage_CountObjects", "FPDFPage_GetObject",
    "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", "FPDFPageObj_GetType", "FPDFPageObj_GetMatrix",
    "FPDFPageObj_GetBounds", "FPDFPageObj_GetStrokeWidth", "FPDFPageObj_GetStrokeColor",
    "FPDFPageObj_GetFillColor", "FPDFPath_CountSegments", "FPDFPath_GetPathSegment", "FPDFPath_GetDrawMode",
    "FPDFPathSegment_GetPoint", "FPDFPathSegment_GetType", "FPDFPathSegment_GetClose",
)


def _plain(t):
    """A ctypes argument or result type, with a pointer of any kind as a plain address."""
    return ctypes.c_void_p if isinstance(t, type) and issubclass(t, ctypes._Pointer) else t


def _addressed(fn):
    """A copy of a pypdfium2 function that takes and gives every handle and out-parameter as a plain
    address (an int, None for NULL): no ctypes object is made per call."""
    out = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    out.argtypes = [_plain(t) for t in fn.argtypes]
    out.restype = _plain(fn.restype)
    return out


@functools.lru_cache(maxsize=1)
def _api() -> SimpleNamespace:
    """The PDFium functions this reader calls (``_addressed``), and the constants it reads."""
    _, c = _lib()
    api = SimpleNamespace(**{name: _addressed(getattr(c, name)) for name in _CALLED})
    for name in ("FPDF_PAGEOBJ_FORM", "FPDF_PAGEOBJ_TEXT", "FPDF_PAGEOBJ_IMAGE", "FPDF_PAGEOBJ_PATH",
                 "FPDF_SEGMENT_MOVETO", "FPDF_SEGMENT_BEZIERTO", "FPDF_FILLMODE_NONE"):
        setattr(api, name, getattr(c, name))
    api.FS_MATRIX, api.FS_RECTF = c.FS_MATRIX, c.FS_RECTF
    return api


def address(handle) -> int | None:
    """The address a pypdfium2 handle points to (None for NULL)."""
    return ctypes.cast(handle, ctypes.c_void_p).value


class _Out:
    """Out-parameters for PDFium's calls, allocated once per page read (a ctypes object costs more
    to make than a call), with their addresses. Each reading checks the call's result: a value
    left by an earlier call is never read."""

    def __init__(self, api: SimpleNamespace):
        self.doubles = (ctypes.c_double * 2)()
        self.floats = (ctypes.c_float * 4)()
        self.uints = (ctypes.c_uint * 4)()
        self.ints = (ctypes.c_int * 2)()
        self.matrix = api.FS_MATRIX()
        self.rect = api.FS_RECTF()
        self.double = [ctypes.addressof(self.doubles) + k * ctypes.sizeof(ctypes.c_double) for k in range(2)]
        self.float = [ctypes.addressof(self.floats) + k * ctypes.sizeof(ctypes.c_float) for k in range(4)]
        self.uint = [ctypes.addressof(self.uints) + k * ctypes.sizeof(ctypes.c_uint) for k in range(4)]
        self.int = [ctypes.addressof(self.ints) + k * ctypes.sizeof(ctypes.c_int) for k in range(2)]
        self.matrix_at, self.rect_at = ctypes.addressof(self.matrix), ctypes.addressof(self.rect)


# ---------------------------------------------------------------------------
# characters
# ---------------------------------------------------------------------------
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


def _box(lin: tuple, adv: float, descent: float, fontsize: float, space: Space) -> tuple:
    """(x0, x1, top, bottom) of a glyph box in pdfplumber's coordinates: its corners in text space,
    (0, descent), (adv, descent), (0, descent + fontsize) and (adv, descent + fontsize), taken
    through ``lin`` (text matrix, origin as translation) by ``_apply``, then by ``Space.point`` —
    the same arithmetic, written out."""
    a, b, c, d, e, f = lin
    ca, cb, cc, cd, ce, cf = space.ctm
    shift, height = space.dx, space.height
    up = descent + fontsize
    au0, au1, bu0, bu1 = a * 0.0, a * adv, b * 0.0, b * adv
    cv0, cv1, dv0, dv1 = c * descent, c * up, d * descent, d * up
    px0, py0 = au0 + cv0 + e, bu0 + dv0 + f      # (0, descent)
    px1, py1 = au1 + cv0 + e, bu1 + dv0 + f      # (adv, descent)
    px2, py2 = au0 + cv1 + e, bu0 + dv1 + f      # (0, descent + fontsize)
    px3, py3 = au1 + cv1 + e, bu1 + dv1 + f      # (adv, descent + fontsize)
    x0, x1 = ca * px0 + cc * py0 + ce + shift, ca * px1 + cc * py1 + ce + shift
    x2, x3 = ca * px2 + cc * py2 + ce + shift, ca * px3 + cc * py3 + ce + shift
    y0, y1 = height - (cb * px0 + cd * py0 + cf), height - (cb * px1 + cd * py1 + cf)
    y2, y3 = height - (cb * px2 + cd * py2 + cf), height - (cb * px3 + cd * py3 + cf)
    return min(x0, x1, x2, x3), max(x0, x1, x2, x3), min(y0, y1, y2, y3), max(y0, y1, y2, y3)


def _glyph(text: str, box: tuple, linear: tuple, upright: bool, origin: tuple, space: Space) -> dict:
    """A char dict from its box (``_box``); ``linear`` is the linear part of its matrix in device
    space (``_mult`` of its text matrix and the page's), ``origin`` its origin in user space."""
    x0, x1, top, bottom = box
    e0, f0 = origin
    ca, cb, cc, cd, ce, cf = space.ctm
    dm = linear + (e0 * ca + f0 * cc + ce, e0 * cb + f0 * cd + cf)
    return {"object_type": "char", "text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "width": x1 - x0, "height": bottom - top, "size": bottom - top,
            "matrix": dm, "upright": upright}


def _linear(m: tuple, space: Space) -> tuple:
    """(the linear part of ``m`` then the page's matrix, whether a char drawn with it is upright)."""
    dm = _mult(m, space.ctm)[:4]
    return dm, 0 < dm[0] * dm[3] and dm[1] * dm[2] <= 0


class _TextReading:
    """What one page's characters are read with: PDFium's functions (``_api``), out-parameters
    (``_Out``), and what is read once and shared — by the characters of one text object (matrix,
    font, size, colours), by one font at one size (its space, its descent, each glyph's width)."""

    def __init__(self, textpage: int, space: Space, s: ReaderSettings):
        self.api, self.text, self.space, self.s = _api(), textpage, space, s
        self.out = _Out(self.api)
        self.objects: dict = {}   # text object's address -> _object_info
        self.fonts: dict = {}     # (font, size) -> (space width, descent or None, {code: width})
        self.shapes: dict = {}    # a text matrix's linear part, as PDFium's bytes -> ``shape``

    def rgb(self, getter, *args):
        """A fill or stroke colour (RGB, 0-1), None when PDFium gives none."""
        u, at = self.out.uints, self.out.uint
        if not getter(*args, *at):
            return None
        return (u[0] / 255, u[1] / 255, u[2] / 255)

    def width(self, font, code: int, fontsize: float) -> float:
        """The advance of the char ``code`` in ``font`` as the PDF declares it (its widths, as
        pdfminer reads them), in text space; 0 unknown. A font the PDF does not embed is drawn by
        PDFium with a stand-in whose glyphs are wider (and lower): their boxes would run over the
        next character (and hide a printed space between them), so the declared widths and descent
        come first, PDFium's boxes second."""
        if font and self.api.FPDFFont_GetGlyphWidth(font, code, fontsize, self.out.float[0]):
            return max(self.out.floats[0], 0.0)
        return 0.0

    def descent(self, font, fontsize: float):
        """The font's declared descent at ``fontsize`` (negative), or None."""
        if font and self.api.FPDFFont_GetDescent(font, fontsize, self.out.float[0]) and self.out.floats[0] < 0:
            return self.out.floats[0]
        return None

    def font(self, font, fontsize: float) -> tuple:
        """(the width of a space, the declared descent or None, the widths read so far by char code)
        of ``font`` at ``fontsize``: one font at one size gives the same answers each time."""
        key = (font, fontsize)
        known = self.fonts.get(key)
        if known is None:
            known = self.fonts[key] = (self.width(font, 0x20, fontsize), self.descent(font, fontsize), {})
        return known

    def object_info(self, i: int, obj) -> tuple:
        """What every character of one text object shares: (its text matrix's linear part, font size, font, fill colour,
        stroke colour, the width of a space in user space, the font's declared descent or None,
        its glyph widths, the linear part of its device matrix, upright). Written out: a page
        has as many text objects as characters, nearly."""
        api, text, out = self.api, self.text, self.out
        u, (r, g, b, a) = out.uints, out.uint
        key = bytes(out.matrix)[:16] if api.FPDFText_GetMatrix(text, i, out.matrix_at) else None
        shape = self.shapes.get(key)
        if shape is None:
            shape = self.shapes[key] = self.shape(key)
        fontsize = api.FPDFText_GetFontSize(text, i) or 1.0
        font = api.FPDFTextObj_GetFont(obj) if obj else None
        space_width, descent, widths = self.fonts.get((font, fontsize)) or self.font(font, fontsize)
        fill = (u[0] / 255, u[1] / 255, u[2] / 255) if api.FPDFText_GetFillColor(text, i, r, g, b, a) else None
        stroke = (u[0] / 255, u[1] / 255, u[2] / 255) if api.FPDFText_GetStrokeColor(text, i, r, g, b, a) else None
        m, linear, upright, scale = shape
        return (m, fontsize, font, fill, stroke, space_width * scale, descent, widths, linear, upright)

    def shape(self, key) -> tuple:
        """(the linear part of a text matrix, the same in device space, upright, its horizontal
        scale) of the matrix just read (its bytes are ``key``), or of the identity (``key`` None)."""
        mat = self.out.matrix
        m = (mat.a, mat.b, mat.c, mat.d) if key is not None else IDENTITY[:4]
        return (m,) + _linear(m + (0.0, 0.0), self.space) + ((m[0] ** 2 + m[1] ** 2) ** 0.5,)

    def loose(self, i: int, m: tuple, origin: tuple) -> tuple:
        """(advance, descent) from PDFium's loose box of char ``i``, where the PDF declares none."""
        r = self.out.rect
        if not self.api.FPDFText_GetLooseCharBox(self.text, i, self.out.rect_at):
            r.left = r.top = r.right = r.bottom = 0.0
        return _glyph_box(m, origin, r)

    def char(self, i: int, code: int, ox: float, oy: float, obj) -> tuple:
        """(char dict, the width of a space in its font): one printed character as pdfplumber gives
        it (see the module's docstring), its origin at (``ox``, ``oy``) in user space."""
        info = self.objects.get(obj) if obj is not None else None
        if info is None:
            info = self.object_info(i, obj)
            if obj is not None:
                self.objects[obj] = info
        m, fontsize, font, fill, stroke, space_width, descent, widths, linear, upright = info
        adv = widths.get(code)
        if adv is None:
            adv = widths[code] = self.width(font, code, fontsize)
        if not adv or descent is None:   # PDFium's loose box where the PDF declares no metrics
            loose_adv, loose_descent = self.loose(i, m, (ox, oy))
            adv, descent = adv or loose_adv, loose_descent if descent is None else descent
        x0, x1, top, bottom = _box(m + (ox, oy), adv, descent, fontsize, self.space)
        ca, cb, cc, cd, ce, cf = self.space.ctm
        return {"object_type": "char", "text": chr(code), "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                "doctop": top, "width": x1 - x0, "height": bottom - top, "size": bottom - top,
                "matrix": linear + (ox * ca + oy * cc + ce, ox * cb + oy * cd + cf), "upright": upright,
                "non_stroking_color": fill, "stroking_color": stroke}, space_width


def _spaces_between(prev: dict, nxt: dict, same_object: bool, width: float, s: ReaderSettings) -> list:
    """The space characters printed between two characters on one line, as pdfminer gives them:
    when both are of one text object (``same_object``) and the gap between them is a whole number
    of the font's spaces (``width``, within ``pdfium_space_fit``), that many spaces, each a space
    wide; else none (a gap left by positioning alone is no character)."""
    if not (prev["upright"] and nxt["upright"]) or width <= 0 or not same_object:
        return []
    gap = nxt["x0"] - prev["x1"]
    n = round(gap / width)
    if n < 1 or abs(gap - n * width) > s.pdfium_space_fit * width:
        return []
    return [dict(prev, text=" ", x0=prev["x1"] + k * width, x1=prev["x1"] + (k + 1) * width, width=width,
                 matrix=prev["matrix"][:4] + (prev["x1"] + k * width, prev["matrix"][5])) for k in range(n)]


_UNPRINTED = frozenset((0, 0xFFFE, 0xFFFF))   # and UTF-16 surrogates, 0xD800-0xDFFF


def page_chars(reading: _TextReading) -> tuple:
    """(every printed character of a page's text page, in content order; the addresses of the text
    objects they belong to). Printed spaces PDFium leaves out inside an object are given back
    (``_spaces_between``); spaces of objects that print nothing else come from ``PageObjects``."""
    api, text, s, char = reading.api, reading.text, reading.s, reading.char
    unicode, generated = api.FPDFText_GetUnicode, api.FPDFText_IsGenerated
    origin_of, text_object = api.FPDFText_GetCharOrigin, api.FPDFText_GetTextObject
    doubles, (ox_at, oy_at) = reading.out.doubles, reading.out.double
    out: list = []
    objects: set = set()
    gap = False     # PDFium inferred a space after the last character
    prev_obj = prev_space = None
    for i in range(api.FPDFText_CountChars(text)):
        code = unicode(text, i)
        if generated(text, i) == 1:
            gap = gap or code == 0x20
            continue
        if code in _UNPRINTED or 0xD800 <= code <= 0xDFFF:
            continue
        if origin_of(text, i, ox_at, oy_at):
            ch, space_width = char(i, code, doubles[0], doubles[1], obj := text_object(text, i))
        else:
            ch, space_width = char(i, code, 0.0, 0.0, obj := text_object(text, i))
        if gap and out:
            out.extend(_spaces_between(out[-1], ch, prev_obj is not None and prev_obj == obj, prev_space, s))
        gap = False
        out.append(ch)
        objects.add(obj)
        prev_obj, prev_space = obj, space_width
    return out, objects


# ---------------------------------------------------------------------------
# page objects: spaces of blank text objects, paths, images
# ---------------------------------------------------------------------------
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


def _placer(m: tuple, space: Space):
    """A function taking a point of user space through ``m`` to pdfplumber's (x, top): ``_apply``
    then ``Space.point``, the same arithmetic written out."""
    a, b, c, d, e, f = m
    ca, cb, cc, cd, ce, cf = space.ctm
    shift, height = space.dx, space.height

    def place(x: float, y: float) -> tuple:
        px, py = a * x + c * y + e, b * x + d * y + f
        return (ca * px + cc * py + ce + shift, height - (cb * px + cd * py + cf))

    return place


class PageObjects:
    """A page's objects besides its text page's characters, read in one walk through its objects
    (form XObjects entered with their matrix, to ``MAX_FORM_DEPTH``): drawn paths, images, and a
    space for each text object that the text page holds no character of (an object printing only
    spaces: PDFium leaves such objects out of its text)."""

    def __init__(self, reading: _TextReading, page: int, chars_of: set):
        self.reading, self.api, self.out = reading, reading.api, reading.out
        self.page, self.space, self.chars_of = page, reading.space, chars_of
        self.blanks: list = []
        self.paths: list = []

    def read(self) -> "PageObjects":
        self._walk(None, IDENTITY, 0)
        return self

    def _matrix(self, obj) -> tuple:
        m = self.out.matrix
        if not self.api.FPDFPageObj_GetMatrix(obj, self.out.matrix_at):
            return IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _walk(self, form, outer: tuple, depth: int) -> None:
        api, chars_of = self.api, self.chars_of
        form_kind, text_kind = api.FPDF_PAGEOBJ_FORM, api.FPDF_PAGEOBJ_TEXT
        if form is None:
            objects = map(api.FPDFPage_GetObject, repeat(self.page), range(api.FPDFPage_CountObjects(self.page)))
        else:
            objects = map(api.FPDFFormObj_GetObject, repeat(form), range(api.FPDFFormObj_CountObjects(form)))
        for obj in objects:
            kind = api.FPDFPageObj_GetType(obj)
            if kind == text_kind:
                if obj not in chars_of:
                    self._blank(obj, outer)
            elif kind == form_kind and depth < MAX_FORM_DEPTH:
                self._walk(obj, _mult(self._matrix(obj), outer), depth + 1)
            elif kind == api.FPDF_PAGEOBJ_IMAGE:
                self.paths.append(self._image(obj, outer))
            elif kind == api.FPDF_PAGEOBJ_PATH:
                self._path(obj, outer)

    def _blank(self, obj, outer: tuple) -> None:
        """A space for a text object of which the text page holds no character."""
        api, floats = self.api, self.out.floats
        font = api.FPDFTextObj_GetFont(obj)
        if not font or not api.FPDFTextObj_GetFontSize(obj, self.out.float[0]) or floats[0] <= 0:
            return
        size = floats[0]
        lin = _mult(self._matrix(obj), outer)
        width, descent, _ = self.reading.font(font, size)
        if width > 0:
            box = _box(lin, width, -0.2 * size if descent is None else descent, size, self.space)
            self.blanks.append(_glyph(" ", box, *_linear(lin, self.space), (lin[4], lin[5]), self.space))

    def _image(self, obj, outer: tuple) -> dict:
        """An image's box as pdfplumber gives it (``x0``, ``x1``, ``top``, ``bottom``): the reader
        measures how much of a page its images cover to tell a scan from a text page."""
        f, at = self.out.floats, self.out.float
        if not self.api.FPDFPageObj_GetBounds(obj, *at):
            f[0] = f[1] = f[2] = f[3] = 0.0
        left, bottom, right, top = f[0], f[1], f[2], f[3]
        place = _placer(outer, self.space)
        corners = [place(x, y) for x in (left, right) for y in (bottom, top)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        return {"object_type": "image", "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)}

    def _style(self, obj) -> dict:
        api, ints, floats = self.api, self.out.ints, self.out.floats
        if not api.FPDFPath_GetDrawMode(obj, *self.out.int):
            ints[0] = ints[1] = 0
        fill, stroke = ints[0], ints[1]
        width = floats[0] if api.FPDFPageObj_GetStrokeWidth(obj, self.out.float[0]) else 0.0
        return {"stroke": bool(stroke), "fill": fill != api.FPDF_FILLMODE_NONE,
                "stroking_color": self.reading.rgb(api.FPDFPageObj_GetStrokeColor, obj),
                "non_stroking_color": self.reading.rgb(api.FPDFPageObj_GetFillColor, obj), "linewidth": width}

    def _path(self, obj, outer: tuple) -> None:
        m = _mult(self._matrix(obj), outer)
        style = self._style(obj)
        for ops in self._subpaths(obj, _placer(m, self.space)):
            if len(ops) > 1:
                self.paths.append(_path_object(ops, style))

    def _subpaths(self, obj, to_page) -> list:
        """The path object's subpaths, each a list of pdfplumber-style operations in page coordinates."""
        api, f, (x_at, y_at) = self.api, self.out.floats, self.out.float[:2]
        moveto, bezierto = api.FPDF_SEGMENT_MOVETO, api.FPDF_SEGMENT_BEZIERTO
        subpaths: list = []
        ops: list = []
        bezier: list = []
        for k in range(api.FPDFPath_CountSegments(obj)):
            seg = api.FPDFPath_GetPathSegment(obj, k)
            pt = to_page(f[0], f[1]) if api.FPDFPathSegment_GetPoint(seg, x_at, y_at) else to_page(0.0, 0.0)
            kind = api.FPDFPathSegment_GetType(seg)
            if kind == moveto:
                if ops:
                    subpaths.append(ops)
                ops, bezier = [("m", pt)], []
            elif kind == bezierto:
                bezier.append(pt)
                if len(bezier) == 3:
                    ops.append(("c", *bezier))
                    bezier = []
            else:
                ops.append(("l", pt))
            if api.FPDFPathSegment_GetClose(seg):
                ops.append(("h",))
        if ops:
            subpaths.append(ops)
        return subpaths


# ---------------------------------------------------------------------------
# pages and documents
# ---------------------------------------------------------------------------
class PdfiumPage:
    """One page as pdfplumber's ``Page`` shows it to the layout layer: ``chars``, ``lines``,
    ``rects``, ``curves``, ``images``, ``width``, ``height``, ``bbox``, ``within_bbox`` and ``flush_cache``.
    A page that cannot be loaded is a ``ValueError`` when the document is opened; the page itself is
    loaded (its content parsed) when its objects or its size are first asked for."""

    def __init__(self, document, index: int, s: ReaderSettings = DEFAULT):
        self._document, self._index, self._settings = document, index, s
        self._objects = None
        self._space = None
        _, c = _lib()
        if not c.FPDF_GetPageSizeByIndexF(document.raw, index, ctypes.byref(c.FS_SIZEF())):
            raise ValueError(f"page {index + 1} cannot be loaded")   # as FPDF_LoadPage: no page dictionary

    def _page(self, c):
        page = c.FPDF_LoadPage(self._document.raw, self._index)
        if not page:
            raise ValueError(f"page {self._index + 1} cannot be loaded")
        if self._space is None:
            self._space = Space(_media_box(c, page), c.FPDFPage_GetRotation(page) * 90)
        return page

    @property
    def space(self) -> Space:
        """The page's coordinates (``Space``): its media box and rotation."""
        if self._space is None:
            _, c = _lib()
            c.FPDF_ClosePage(self._page(c))
        return self._space

    @property
    def width(self) -> float:
        return self.space.width

    @property
    def height(self) -> float:
        return self.space.height

    @property
    def bbox(self) -> tuple:
        return (self.space.dx, 0.0, self.space.dx + self.space.width, self.space.height)

    def _load(self) -> dict:
        if self._objects is None:
            _, c = _lib()
            page = self._page(c)
            textpage = c.FPDFText_LoadPage(page)
            try:
                reading = _TextReading(address(textpage), self._space, self._settings)
                chars, objects = page_chars(reading)
                found = PageObjects(reading, address(page), objects).read()
            finally:
                c.FPDFText_ClosePage(textpage)
                c.FPDF_ClosePage(page)
            chars.extend(found.blanks)
            self._objects = {"char": chars, "line": [], "rect": [], "curve": [], "image": []}
            for p in found.paths:
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
