"""A snapshot of what the PDF reader reads, page by page, for before/after comparisons of the reader.

Where ``benchmarks/snapshot.py`` records what the tool finds (tables, figures, findings), this
records what the layout layer reads from every page of every PDF: per file its repeated pages and
lines, per page its size, character count, how it was read (``read_by``), its digest, its grids
(source, ``xs``, ``ys``, every cell with its span, box, text, indentation and confidence) and its
lines (top, row span, grid id, every cell's text and box). Floats are rounded to 1e-6. One JSON
object per file, sorted by path, so that two snapshots compare with ``cmp`` or ``diff``: a change
meant to make the reader faster without changing what it reads must leave the file byte-identical.

The PDFs are those of the hand-verified keys (``tests/keys/*.json``) and every PDF under
``../shared/corpus/cities-2026``, or the paths given. Each is read by the reader function itself
(``read_pdfium`` or ``read_pdf``): the source-document cache is never used.

Pages that need OCR are not recognised by default (recognition depends on the rendered image only,
not on the reader, and takes seconds per page): such a page is recorded as read by OCR, without
text. ``--ocr`` recognises them (results come from the OCR cache when it holds them).

    .venv/bin/python benchmarks/reader_snapshot.py --out /tmp/before.jsonl
    ... change the reader ...
    .venv/bin/python benchmarks/reader_snapshot.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

``--reader pdfplumber`` snapshots the reference reader (the layout layer above both readers is
shared); ``--objects`` adds, per page, a digest of the reader's raw page objects (every key of every
char, line, rect, curve and image, floats rounded to 1e-6): a stricter check of the pdfium reader.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CITIES = ROOT.parent / "shared" / "corpus" / "cities-2026"


def rounded(v):
    """``v`` with every float rounded to 1e-6 (tuples as lists), for a canonical JSON."""
    if isinstance(v, float):
        r = round(v, 6)
        return 0.0 if r == 0 else r
    if isinstance(v, (list, tuple)):
        return [rounded(x) for x in v]
    if isinstance(v, dict):
        return {str(k): rounded(x) for k, x in v.items()}
    return v


def grid_record(g) -> dict:
    return {"id": g.id, "source": g.source, "xs": g.xs, "ys": g.ys,
            "cells": [[c.row, c.col, c.rowspan, c.colspan, c.x0, c.top, c.x1, c.bottom, c.text, c.text_x0,
                       c.confidence] for c in g.cells]}


def line_record(l) -> dict:
    return {"top": l.top, "row_span": l.row_span, "grid": l.grid, "grid_id": l.grid_id,
            "cells": [[c.text, c.x0, c.x1, c.top, c.bottom] for c in l.cells]}


def page_record(p) -> dict:
    return {"number": p.number, "width": p.width, "height": p.height, "chars": p.chars, "read_by": p.read_by,
            "turned": p.turned,
            "digest": p.digest, "grids": [grid_record(g) for g in p.grids], "lines": [line_record(l) for l in p.lines]}


def objects_digest(page) -> str:
    """A digest of one reader page's raw objects (chars, lines, rects, curves, images)."""
    h = hashlib.sha256()
    for kind in ("chars", "lines", "rects", "curves", "images"):
        for o in getattr(page, kind):
            h.update(json.dumps(rounded({k: v for k, v in o.items() if k != "stream"}), sort_keys=True,
                                ensure_ascii=False, default=str).encode("utf-8"))
    return h.hexdigest()


def file_objects(path: Path, reader: str) -> list:
    """The digest of every page's raw objects, as the reader opens the file."""
    from analysis.inputs.pdf import _open
    from analysis.inputs.pdfium import open_pdfium

    doc = open_pdfium(path) if reader == "pdfium" else _open(path)
    try:
        out = []
        for page in doc.pages:
            out.append(objects_digest(page))
            page.flush_cache()
        return out
    finally:
        doc.close()


def file_record(path: Path, reader: str, objects: bool) -> dict:
    from analysis.inputs import InputError
    from analysis.inputs.pdf import read_pdf
    from analysis.inputs.pdfium import read_pdfium
    from analysis.settings import DEFAULT

    settings = replace(DEFAULT, reader=reader)
    read = read_pdfium if reader == "pdfium" else read_pdf
    out: dict = {"file": str(path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else str(path)}
    try:
        doc = read(path, settings)
    except InputError as exc:
        out["error"] = exc.reason
        return out
    out.update(repeated=doc.repeated, repeated_lines=doc.repeated_lines,
               pages=[page_record(p) for p in doc.pages])
    if objects:
        out["objects"] = file_objects(path, reader)
    return rounded(out)


def without_ocr() -> None:
    """Pages that need OCR come out as read by OCR, without text (see the module's docstring)."""
    from analysis.inputs import ocr

    ocr.recognise_page = lambda pdfium, index, sha256, s=None: ([], [], 0)   # no chars, no rulings, not turned


def default_files() -> list:
    from read_speed import key_pdfs, pdf_files

    return sorted(set(key_pdfs()) | set(pdf_files([CITIES] if CITIES.is_dir() else [])))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="PDF files or folders (default: the key PDFs and cities-2026)")
    ap.add_argument("--out", required=True, help="the JSON Lines file to write")
    ap.add_argument("--reader", choices=("pdfium", "pdfplumber"), default="pdfium")
    ap.add_argument("--objects", action="store_true", help="add a digest of each page's raw objects")
    ap.add_argument("--ocr", action="store_true", help="recognise the pages that need OCR")
    args = ap.parse_args(argv)
    from read_speed import pdf_files

    files = pdf_files(args.paths) if args.paths else default_files()
    if not files:
        print("no PDF found (is ../shared/corpus present?)", file=sys.stderr)
        return 1
    if not args.ocr:
        without_ocr()
    t = time.perf_counter()
    pages = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for f in files:
            record = file_record(f, args.reader, args.objects)
            pages += len(record.get("pages", []))
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(files)} PDFs, {pages} pages read in {time.perf_counter() - t:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
