"""Rebuild ``function_codes.csv`` and ``economic_codes.csv`` from the shared material.

Run by hand when the shared material changes (the CSVs are committed; nothing runs this at
import or test time)::

    python -m analysis.reference._harvest            # ../shared next to the repository
    python -m analysis.reference._harvest --shared /path/to/shared --dry-run

Evidence, and how each kind is used:

* Code–name pairs printed in the corpus tables: a line (ruled-table row or text line) that
  starts with a 3/5/7-digit code, then the name, then only amounts. Codes starting with 2 are
  function codes (类/款/项 = 3/5/7 digits), codes starting with 3 are 部门预算支出经济分类
  codes (类/款 = 3/5 digits). The year comes from the file name (``20xx``).
* Class names (``九、卫生健康支出`` / ``（十）卫生健康支出``) in the two-sided summary tables. They
  carry no code, so they never create a row; they only add years to a 3-digit function code
  whose code–name pairing another line confirms (a 类 name names one class).
* ``shared/reference/economic_codes.csv`` (confirmed pairs) and
  ``economic_codes_unverified_candidates.csv`` (``verified=false`` unless the corpus prints the
  same pairing). A source's year (``SOURCE_YEARS``) counts towards ``valid_from``.
* Documents in ``ERRONEOUS`` are known to print wrong pairings in one classification: their
  pairs of that kind are never evidence; the script lists the ones that disagree with the
  reference (``conflicts``) so the audit can flag them.

Year ranges: ``valid_from`` is the first year a dated source shows the pairing (empty when
no source is dated). ``valid_to`` stays empty unless the sources show the pairing ended: a
later year prints another name for the code, or (economic codes) a later year prints the same
name under another code while the old code is not printed any more.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from analysis.inputs import read_source
from analysis.parse.identity import year_votes
from analysis.parse.segment import segment
from analysis.parse.tables import read_table

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

# Years of the dated sources in shared/reference/SOURCES.md (page or file date, or the
# budget year it describes). Keys not listed here are undated.
SOURCE_YEARS = {
    "P_360DOCS": 2017,   # 2017年有关经费开支情况统计表
    "P_WANGLU": 2018,    # page dated 2018-05-25
    "P_HDU": 2020,       # page dated 2020-07-24
    "P_ISHARE": 2020,    # file dated 2020-04-30
    "P_1SYNEWS": 2023,   # 2023年部门预算支出经济分类科目
    "G_GBC_WP4A": 2025,  # from a 2025 Shanghai 决算
    "G_QUOTA": 2026,     # page copied 2026-06-09
}

# (corpus path prefix, kind): the document prints wrong pairings of that kind.
ERRONEOUS = {
    ("chongqing-tongnan-2025/", "economic"): "附件3 pairs economic codes with the names of other codes",
}

CODE_RE = re.compile(r"\d{3}(?:\d{2}){0,2}")
NAME_RE = re.compile(r"[\u4e00-\u9fff（）()]{2,}")
AMOUNT_RE = re.compile(r"[-\d,.]+|—|－")
CLASS_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)([\u4e00-\u9fff]+支出)$")
NOT_CLASSES = {"本年支出", "基本支出", "项目支出"}  # the 支出用途 column of the same tables


@dataclass(frozen=True)
class PrintedPair:
    kind: str      # "function" | "economic"
    code: str
    name: str
    page: int
    text: str      # the whole line, for diagnostics


def code_kind(code: str) -> str | None:
    if code[0] == "2":
        return "function"
    if code[0] == "3" and len(code) in (3, 5):
        return "economic"
    return None


def pair_from_text(text: str, page: int = 0) -> PrintedPair | None:
    """``"2013101 行政运行 6,106.99"`` -> the pair; None for any other line."""
    tokens = text.split()
    if len(tokens) < 2 or not CODE_RE.fullmatch(tokens[0]):
        return None
    kind = code_kind(tokens[0])
    if kind is None:
        return None
    name_tokens = []
    rest = tokens[1:]
    while rest and not AMOUNT_RE.fullmatch(rest[0]):
        name_tokens.append(rest.pop(0))
    name = "".join(name_tokens)
    if not NAME_RE.fullmatch(name) or not all(AMOUNT_RE.fullmatch(t) for t in rest):
        return None
    return PrintedPair(kind, tokens[0], name, page, text)


def printed_pairs(doc) -> list[PrintedPair]:
    """Every code–name pair printed in a ``SourceDocument`` (see ``analysis.inputs``): lines that
    print a whole code, and, in ruled tables, rows whose code is printed in 类/款/项 columns
    (``310 | 02 | 办公设备购置``), as the table reader assembles them."""
    out = []
    for page in doc.pages:
        for line in page.lines:
            pair = pair_from_text(line.text, page.number)
            if pair is not None:
                out.append(pair)
    seen = {(p.code, norm(p.name), p.page) for p in out}
    for code, name, page, raw in table_pairs(doc):
        kind = code_kind(code)
        if kind and NAME_RE.fullmatch(norm(name)) and (code, norm(name), page) not in seen:
            seen.add((code, norm(name), page))
            out.append(PrintedPair(kind, code, name, page, raw))
    return out


def table_pairs(doc) -> list:
    """(code, name, page, raw) of the coded rows of the document's ruled tables."""

    out = []
    segments, _ = segment(doc)
    for seg in segments:
        if not seg.grids:
            continue
        table, _ = read_table(seg, "harvest", None)
        out.extend((r.code, r.name, r.page, r.raw) for r in table.rows if r.code and r.name)
    return out


def class_names(doc) -> list[tuple[str, int]]:
    """``(name, page)`` for each numbered class name (``七、…支出``) in a summary table."""
    out = []
    for page in doc.pages:
        for line in page.lines:
            for cell in line.cells:
                for token in cell.text.replace("\n", "").split():
                    m = CLASS_RE.match(token)
                    if m and m.group(1) not in NOT_CLASSES:
                        out.append((m.group(1), page.number))
    return out


def source_keys(text: str) -> str:
    """The source keys (``P_HDU``, ``G_QUOTA`` …) named in a shared/reference evidence field."""
    keys = list(dict.fromkeys(re.findall(r"\b[PG]_[A-Z0-9]+\b", text)))
    return ", ".join(keys) or "no source"


def norm(name: str) -> str:
    """Grouping key: width-folded, no whitespace (brackets then compare equal)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def doc_year(path: Path, doc=None) -> int:
    """The budget year of a corpus file: from its name, else (``25年预算``) from its content."""
    m = re.search(r"(20\d\d)", path.name)
    if m:
        return int(m.group(1))
    if doc is not None:

        votes = year_votes([l.text for p in doc.pages for l in p.lines if not l.grid])
        if votes:
            return votes.most_common(1)[0][0]
    raise ValueError(f"no year in file name or content: {path}")


@dataclass
class Evidence:
    """All that supports one (code, name) pairing."""
    kind: str
    code: str
    name: str
    years: set = field(default_factory=set)
    cites: dict = field(default_factory=dict)    # year -> first "corpus:path p.N"
    shared: list = field(default_factory=list)   # "shared/reference/…: keys"
    verified: bool = False

    def add_corpus(self, year: int, cite: str) -> None:
        self.years.add(year)
        self.cites.setdefault(year, cite)
        self.verified = True

    def source(self) -> str:
        parts = [self.cites[y] for y in sorted(self.cites)] + self.shared
        return "; ".join(parts)


def _seen_after(evidence: list, year: int) -> bool:
    return any(e.years and max(e.years) > year for e in evidence)


class Harvest:
    def __init__(self, shared: Path):
        self.shared = shared
        self.corpus = shared / "corpus"
        self.ev: dict[tuple, Evidence] = {}
        self.seen: list[tuple] = []          # (kind, code, name, year, cite) from trusted documents
        self.untrusted: list[tuple] = []     # the same from ERRONEOUS documents
        self.classes: list[tuple] = []       # (name, year, cite)

    def evidence(self, kind: str, code: str, name: str) -> Evidence:
        key = (kind, code, norm(name))
        if key not in self.ev:
            self.ev[key] = Evidence(kind, code, name)
        return self.ev[key]

    # -- reading -----------------------------------------------------------------------------
    def read_corpus(self) -> None:

        files = sorted(p for p in self.corpus.rglob("*") if p.suffix.lower() in (".pdf", ".txt"))
        for path in files:
            rel = path.relative_to(self.corpus).as_posix()
            doc = read_source(path)
            year = doc_year(path, doc)
            for pair in printed_pairs(doc):
                cite = f"corpus:{rel} p.{pair.page}"
                row = (pair.kind, pair.code, pair.name, year, cite)
                if any(rel.startswith(prefix) and pair.kind == kind for prefix, kind in ERRONEOUS):
                    self.untrusted.append(row)
                else:
                    self.seen.append(row)
            for name, page in class_names(doc):
                self.classes.append((name, year, f"corpus:{rel} p.{page}"))

    def read_shared(self) -> None:
        ref = self.shared / "reference"
        with open(ref / "economic_codes.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                ev = self.evidence("economic", row["code"], row["name"])
                ev.verified = True
                ev.shared.append(f"shared/reference/economic_codes.csv [{source_keys(row['source'])}]")
                ev.years.update(self._source_years(row["source"]))
        with open(ref / "economic_codes_unverified_candidates.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                ev = self.evidence("economic", row["code"], row["name"])
                ev.shared.append(f"shared/reference/economic_codes_unverified_candidates.csv "
                                 f"[{row['status']}: {source_keys(row['evidence'])}]")
                ev.years.update(self._source_years(row["evidence"]))

    @staticmethod
    def _source_years(text: str) -> set:
        return {year for key, year in SOURCE_YEARS.items() if re.search(rf"\b{key}\b", text)}

    # -- combining ---------------------------------------------------------------------------
    def combine(self) -> None:
        for kind, code, name, year, cite in self.seen:
            self.evidence(kind, code, name).add_corpus(year, cite)
        # A class name in a summary table adds its year to a confirmed 3-digit function code.
        by_name = {norm(e.name): e for e in self.ev.values() if e.kind == "function" and len(e.code) == 3}
        for name, year, cite in self.classes:
            e = by_name.get(norm(name))
            if e is not None and year not in e.years:
                e.add_corpus(year, cite + " (class name in summary table)")

    def rows(self, kind: str) -> list[dict]:
        evs = [e for e in self.ev.values() if e.kind == kind]
        by_code, by_name = defaultdict(list), defaultdict(list)
        for e in evs:
            by_code[e.code].append(e)
            by_name[norm(e.name)].append(e)
        out = []
        for code in sorted(by_code):
            for e in by_code[code]:
                valid_from = valid_to = None
                if e.years:
                    valid_from, last = min(e.years), max(e.years)
                    renamed = _seen_after([o for o in by_code[code] if o is not e], last)
                    moved = kind == "economic" and _seen_after(
                        [o for o in by_name[norm(e.name)] if o.code != code], last)
                    if renamed or moved:
                        valid_to = last
                row = {
                    "code": code,
                    "name": e.name,
                    "level": {3: 1, 5: 2, 7: 3}[len(code)],
                    "valid_from": valid_from or "",
                    "valid_to": valid_to or "",
                    "source": e.source(),
                }
                if kind == "economic":
                    row["verified"] = "true" if e.verified else "false"
                out.append(row)
        out.sort(key=lambda r: (r["code"], r["valid_from"] == "", r["valid_from"] or 0, r["name"]))
        return out

    # -- reporting ---------------------------------------------------------------------------
    def conflicts(self) -> list[str]:
        """Same code printed with different names in one year, and untrusted pairs the reference contradicts."""
        out = []
        names = defaultdict(lambda: defaultdict(list))
        for kind, code, name, year, cite in self.seen:
            names[(kind, code, year)][norm(name)].append(f"{name} ({cite})")
        for (kind, code, year), by_name in sorted(names.items()):
            if len(by_name) > 1:
                shown = "; ".join(v[0] for v in by_name.values())
                out.append(f"{kind} {code} in {year}: {shown}")
        for kind, code, name, year, cite in self.untrusted:
            if (kind, code, norm(name)) not in self.ev or not self.ev[(kind, code, norm(name))].verified:
                known = sorted({e.name for e in self.ev.values()
                                if e.kind == kind and e.code == code and e.verified})
                out.append(f"{kind} {code} printed as '{name}' ({cite}); reference: {', '.join(known) or 'no verified name'}")
        return out

    def uncoded_class_names(self) -> dict:
        """Summary-table class names that no source pairs with a code: name -> years."""
        coded = {norm(e.name) for e in self.ev.values() if e.kind == "function" and len(e.code) == 3}
        out = defaultdict(set)
        for name, year, _ in self.classes:
            if norm(name) not in coded:
                out[name].add(year)
        return out


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = ap.parse_args(argv)
    if not (args.shared / "corpus").is_dir():
        print(f"no corpus under {args.shared}", file=sys.stderr)
        return 2
    h = Harvest(args.shared)
    h.read_corpus()
    h.read_shared()
    h.combine()
    fn_rows, ec_rows = h.rows("function"), h.rows("economic")
    if not args.dry_run:
        write_csv(HERE / "function_codes.csv", fn_rows,
                  ["code", "name", "level", "valid_from", "valid_to", "source"])
        write_csv(HERE / "economic_codes.csv", ec_rows,
                  ["code", "name", "level", "valid_from", "valid_to", "source", "verified"])
    print(f"function_codes.csv: {len(fn_rows)} rows; economic_codes.csv: {len(ec_rows)} rows "
          f"({sum(r['verified'] == 'true' for r in ec_rows)} verified)")
    print("conflicting pairings:")
    for line in h.conflicts():
        print("  " + line)
    print("class names in summary tables without a confirmed code:")
    for name, years in sorted(h.uncoded_class_names().items()):
        print(f"  {name}: {', '.join(map(str, sorted(years)))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
