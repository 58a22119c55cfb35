"""OCR engines on rendered pages of the shared corpus: seconds per page, amounts read exactly,
characters right; and the reader end to end on scanned copies.

Part 1, engines (``--engines rapidocr,tesseract``): pages of text PDFs of ``../shared/corpus`` are
rendered to images (pypdfium2, ``--dpi``), as a scanner would give them, and recognised by each
engine. The truth is the page's own text layer. Per engine it prints

* seconds per page (wall clock, this machine, recognition only);
* amounts read exactly: of the amounts the page prints (``1,234.56``, ``27664.22``, ``0.5``), the
  share found, character for character, among the amounts the engine read (counted as multisets);
* characters right: 1 - (edit distance / length) between the page's text and the engine's text,
  both without white space (difflib's matching blocks, as a share of the page's characters).

Tesseract (``tesseract`` with ``chi_sim``) is not a dependency of the project: it is compared only
where it is installed (``apt-get install tesseract-ocr tesseract-ocr-chi-sim``), else said so.

Part 2, end to end (``--documents N``): N table files of the corpus are copied as image-only PDFs
(every page an image, in a temporary folder), read by the project (which recognises them with
RapidOCR), and compared with the text originals: table kinds found, headline figures, and every
amount of every table (same table kind, row and column) read exactly.

Run: ``.venv/bin/python benchmarks/ocr.py [--pages 2] [--files 8] [--documents 3] [--dpi 200] [--workers N]``;
the documents are spread over the corpus's folders, and each scanned copy is read on a pool, page
by page (``analysis.inputs.pages``).
OCR is slow on two shared cores: the defaults take a sample of pages; the numbers printed say how
many pages they come from.
"""
from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.figures import headline_figures  # noqa: E402
from analysis.inputs import ocr  # noqa: E402
from analysis.parse import parse_paths  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{3,}")
# a space an engine puts inside one amount ("27, 664.22", "1 ,234", "12 .50"), never between two
# amounts of adjacent columns ("12.50 30.00" stays two)
SPACE_IN_NUMBER = re.compile(r"(?<=\d,)\s+(?=\d{3}(?!\d))|(?<=\d)\s+(?=[.,]\d)|(?<=\d\.)\s+(?=\d)")


def corpus_pdfs() -> list:
    """Text PDFs of the corpus (a PDF header and a text layer), table files first, sorted."""
    import pdfplumber   # lazy: only to pick pages with text

    out = []
    for f in sorted(CORPUS.rglob("*.pdf")):
        with open(f, "rb") as fh:
            if fh.read(5) != b"%PDF-":
                continue
        with pdfplumber.open(f) as pdf:
            if pdf.pages and pdf.pages[0].chars:
                out.append(f)
    return out


def table_pages(path: Path, n: int) -> list:
    """(index, text) of up to ``n`` pages of ``path`` that print amounts (the most amounts first)."""
    import pdfplumber   # lazy, as above

    with pdfplumber.open(path) as pdf:
        pages = [(i, p.extract_text() or "") for i, p in enumerate(pdf.pages)]
    pages = [(i, t) for i, t in pages if len(AMOUNT.findall(t)) >= 5]
    return sorted(pages, key=lambda p: -len(AMOUNT.findall(p[1])))[:n]


def render(path: Path, index: int, dpi: int):
    import pypdfium2   # lazy, as above

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return doc[index].render(scale=dpi / 72, grayscale=True).to_numpy().copy()
    finally:
        doc.close()


def rapidocr_text(image) -> str:
    lines, _ = ocr.engine()(image)
    return "\n".join(SPACE_IN_NUMBER.sub("", l[1]) for l in lines or [])


def tesseract_text(image) -> str:
    from PIL import Image   # lazy, as above

    with tempfile.TemporaryDirectory() as d:
        png = Path(d) / "page.png"
        Image.fromarray(image).save(png)
        out = subprocess.run(["tesseract", str(png), "-", "-l", "chi_sim"], capture_output=True, text=True,
                             check=True).stdout
    return SPACE_IN_NUMBER.sub("", out)


def chars_right(truth: str, read: str) -> float:
    a, b = re.sub(r"\s", "", truth), re.sub(r"\s", "", read)
    matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / len(a) if a else 1.0


def amounts_exact(truth: str, read: str) -> tuple:
    want, got = Counter(AMOUNT.findall(truth)), Counter(AMOUNT.findall(read))
    return sum((want & got).values()), sum(want.values())


def compare_engines(args) -> None:
    engines = {"rapidocr": rapidocr_text}
    if shutil.which("tesseract"):
        engines["tesseract"] = tesseract_text
    else:
        print("tesseract: not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim); not compared")
    wanted = [e for e in args.engines.split(",") if e in engines]
    totals = {e: [0.0, 0, 0, 0.0, 0] for e in wanted}   # seconds, exact, amounts, chars right, pages
    files = corpus_pdfs()
    step = max(1, len(files) // args.files)
    for f in files[::step][:args.files]:
        for index, truth in table_pages(f, args.pages):
            image = render(f, index, args.dpi)
            row = [f"{f.parent.name}/{f.name[:28]} p{index + 1}"]
            for e in wanted:
                t = time.perf_counter()
                text = engines[e](image)
                sec = time.perf_counter() - t
                ok, n = amounts_exact(truth, text)
                cr = chars_right(truth, text)
                tot = totals[e]
                tot[0] += sec; tot[1] += ok; tot[2] += n; tot[3] += cr; tot[4] += 1
                row.append(f"{e}: {sec:5.1f} s, amounts {ok}/{n}, chars {cr:.3f}")
            print(" | ".join(row), flush=True)
    print(f"\nengines at {args.dpi} dpi:")
    for e, (sec, ok, n, cr, pages) in totals.items():
        if pages:
            print(f"  {e:10s} {pages} pages: {sec / pages:5.1f} s/page, amounts read exactly "
                  f"{ok}/{n} = {ok / max(n, 1):.1%}, characters right {cr / pages:.1%}")


def scan_copy(src: Path, dst: Path, dpi: int) -> None:
    """``src`` as an image-only PDF: each page rendered and saved as an image page."""
    import pypdfium2   # lazy, as above

    doc = pypdfium2.PdfDocument(str(src))
    try:
        images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    finally:
        doc.close()
    images[0].save(dst, save_all=True, append_images=images[1:], resolution=dpi)


def amounts_of(d) -> dict:
    out = {}
    for t in d.tables:
        for r in t.rows:
            for k, v in r.amounts.items():
                out[(t.kind, t.unit_scope, r.code or r.name, r.index, k)] = v
    return out


def spread(files: list, n: int) -> list:
    """``n`` of ``files``, one per folder of the corpus in turn (table files of each folder first), so
    that a few documents cover as many publishers and templates as they can."""
    by_folder: dict = {}
    for f in sorted(files, key=lambda f: (not re.search(r"表|表格", f.name), str(f))):
        by_folder.setdefault(f.parent, []).append(f)
    out, queues = [], list(by_folder.values())
    while len(out) < n and any(queues):
        for q in queues:
            if q and len(out) < n:
                out.append(q.pop(0))
    return out


def end_to_end(args) -> None:
    from analysis.pipeline import make_runner, parse_batch

    files = spread([f for f in corpus_pdfs() if f.stat().st_size < 2_000_000], args.documents)
    exact = total = pages = 0
    seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("BUDGET_AUDIT_CACHE", str(Path(tmp) / "cache"))
        with make_runner(args.workers) as runner:
            for f in files:
                scan = Path(tmp) / f.name
                scan_copy(f, scan, args.dpi)
                text = next(iter(parse_batch([f], runner).disclosures), None)
                t = time.perf_counter()
                scanned = parse_batch([scan], runner).disclosures     # on a pool: page by page
                seconds += time.perf_counter() - t
                if not scanned or text is None:
                    print(f"{f.name}: scanned copy not read as a disclosure")
                    continue
                scanned = scanned[0]
                n = sum(fd.pages for fd in scanned.files)
                pages += n
                want, got = amounts_of(text), amounts_of(scanned)
                same = sum(1 for k, v in want.items() if got.get(k) == v)
                exact += same
                total += len(want)
                figs = [(k, v.value, headline_figures(scanned)[k].value) for k, v in headline_figures(text).items()
                        if v.value is not None]
                wrong = [k for k, a, b in figs if a != b]
                print(f"{f.name}: {n} pages; kinds {sorted(t.kind for t in text.tables) == sorted(t.kind for t in scanned.tables)}; "
                      f"headline {len(figs) - len(wrong)}/{len(figs)} same{' (not: ' + ', '.join(wrong) + ')' if wrong else ''}; "
                      f"amounts {same}/{len(want)} exact", flush=True)
    if pages:
        print(f"\nend to end at {args.dpi} dpi: {pages} pages, {seconds / pages:.1f} s/page (reading included), "
              f"amounts read exactly {exact}/{total} = {exact / max(total, 1):.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=2, help="pages per file for the engine comparison")
    ap.add_argument("--files", type=int, default=8, help="files for the engine comparison")
    ap.add_argument("--documents", type=int, default=2, help="files read end to end as scanned copies (0: none)")
    ap.add_argument("--engines", default="rapidocr,tesseract")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--workers", type=int, default=None, help="end to end: local workers (default: one per core)")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no shared corpus at {CORPUS}: nothing to measure")
        return
    if args.files:
        compare_engines(args)
    if args.documents:
        end_to_end(args)


if __name__ == "__main__":
    main()
