"""Scanned pages lying sideways or upside down: is the orientation told right, and what does telling
it cost per page?

Each page given is rendered at ``--dpi`` (greyscale, as a scanner gives it), turned 0, 90, 180 and
270 degrees counterclockwise (a landscape table fed in portrait lies 90 or 270), saved as an
image-only PDF and rendered back as the reader renders a scan (``ocr_scale``). For each it prints

* the turn the orientation check chose (``ocr.upright_turn``, degrees clockwise) and whether it is
  the one that stands the page upright;
* the seconds the check took (wall clock, this machine: a text-line detection on a small copy and
  one classification of the longest lines; on a page not upright, their recognition both ways);
* with ``--full``: the seconds of the whole recognition of the upright page without the check
  (``ocr_upright=False``, the page read as it lies) and with it, and for the pages lying otherwise
  the recognition after turning (``--full turned``).

Pages: ``PDF:PAGE`` (1-based) arguments, by default four pages of the bundled sample (a portrait
text page and three landscape table pages). OCR is slow on two shared cores: keep the pages few.

Run: ``.venv/bin/python benchmarks/ocr_upright.py [--full upright|turned] [--dpi 200] [PDF:PAGE ...]``.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.inputs import ocr  # noqa: E402
from analysis.inputs.pdfium_text import Pdfium  # noqa: E402
from analysis.settings import DEFAULT  # noqa: E402

SAMPLE = ROOT / "data" / "raw" / "chongqing-tongnan-govoffice-2025.pdf"
DEFAULT_PAGES = [f"{SAMPLE}:{n}" for n in (2, 6, 9, 14)]


def scans(src: Path, page: int, dpi: int, folder: Path) -> dict:
    """lying (degrees counterclockwise) -> an image-only PDF of page ``page`` of ``src`` lying so."""
    import pypdfium2   # lazy: only when measuring

    doc = pypdfium2.PdfDocument(str(src))
    try:
        image = doc[page - 1].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()
    out = {}
    for lying in ocr.TURNS:
        out[lying] = folder / f"{src.stem}-p{page}-{lying}.pdf"
        image.rotate(lying, expand=True).save(out[lying], resolution=dpi)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="*", default=DEFAULT_PAGES, help="PDF:PAGE (1-based)")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--full", choices=["none", "upright", "turned"], default="upright",
                    help="also time the whole recognition: of the upright page, or of every page")
    args = ap.parse_args()
    s, as_it_lies = DEFAULT, replace(DEFAULT, ocr_upright=False)
    ocr.engine()       # the models are loaded once per process: not part of any page's time
    right = total = 0
    check = {"upright": [], "turned": []}
    full = {"without": [], "with": [], "turned": []}
    with tempfile.TemporaryDirectory() as tmp:
        for spec in args.pages:
            path, _, number = spec.rpartition(":")
            for lying, pdf in scans(Path(path), int(number), args.dpi, Path(tmp)).items():
                reader = Pdfium(pdf)
                image = reader.render(0, s.ocr_scale)
                reader.close()
                t = time.perf_counter()
                turned = ocr.upright_turn(image, s)
                sec = time.perf_counter() - t
                ok = turned == lying
                right += ok
                total += 1
                check["upright" if lying == 0 else "turned"].append(sec)
                line = (f"{Path(path).name} p{number} lying {lying:3d}: turned {turned:3d} "
                        f"{'right' if ok else 'WRONG'}, check {sec:4.2f} s")
                if args.full == "turned" or (args.full == "upright" and lying == 0):
                    if lying == 0:
                        t = time.perf_counter()
                        plain = ocr.recognise_image(image, as_it_lies)
                        full["without"].append(time.perf_counter() - t)
                        line += f"; recognised without the check {full['without'][-1]:5.1f} s ({len(plain[0])} chars)"
                    t = time.perf_counter()
                    chars = ocr.recognise_image(image, s)[0]
                    full["with" if lying == 0 else "turned"].append(time.perf_counter() - t)
                    line += f", with it {time.perf_counter() - t:5.1f} s ({len(chars)} chars)"
                print(line, flush=True)
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")   # noqa: E731
    print(f"\norientation right on {right}/{total} pages; the check took {mean(check['upright']):.2f} s per upright "
          f"page (max {max(check['upright'], default=0):.2f}), {mean(check['turned']):.2f} s per page lying otherwise "
          f"(max {max(check['turned'], default=0):.2f})")
    if full["without"]:
        print(f"whole recognition of the upright pages: {mean(full['without']):.1f} s without the check, "
              f"{mean(full['with']):.1f} s with it (load average {os.getloadavg()[0]:.1f})")
    if full["turned"]:
        print(f"whole recognition of the pages lying otherwise, turned upright: {mean(full['turned']):.1f} s")


if __name__ == "__main__":
    main()
