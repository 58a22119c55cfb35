"""Checks as small named units; findings as data.

A check is a function registered with ``@check(...)``: it receives a ``Context`` (one
disclosure, plus the other disclosures of the batch) and yields ``Finding`` objects made by
``ctx.finding(message, …)``. Its id is stable (``family.name``) and is the registry's: the
running ``Check`` stamps it on every finding (a finding of another check's id is an error).
Its description is bilingual, its rationale names a rule or source.

Layout: one module per check (or a few tightly related) in a family package,
``analysis/checks/<family>/<name>.py``, its tests in ``tests/checks/test_<family>_<name>.py``.
A check module imports only this module, ``analysis.checks.common`` (shared helpers), the
vocabulary, the model, the reference, ``analysis.numbers`` and the standard library, never
another check module. ``load_checks()`` imports every check module (sorted), which registers
its checks.
"""
from __future__ import annotations

import importlib
import re
import pkgutil
from dataclasses import dataclass, field, replace
from functools import lru_cache
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from ..checklist import checklist as make_checklist
from ..model import Disclosure, Row, Table, role_of
from ..vocab import SEVERITIES

FAMILIES = ("completeness", "arithmetic", "cross_table", "narrative", "classification",
            "performance", "three_public", "data_quality", "across_documents", "reading", "text")

PAGE_WORDS = re.compile(r"第(\d+)页")   # a page cited in a message (a sheet's name in a workbook)

# Rounding tolerance: 0.01 万元 per summed term (each printed figure is rounded to 0.01).
ROUNDING = Decimal("0.01")


def tolerance(terms: int, *tables: Table) -> Decimal:
    """Allowed difference when comparing a printed total with a sum of ``terms`` printed parts.

    Each printed figure is rounded to a cent of its printed unit: 0.01 万元, or 0.01 元 for
    tables printed in 元 (so a total 1 元 off its items is found). With several tables, the
    coarsest unit counts."""
    scale = max((min(Decimal(1), t.scale) for t in tables if t is not None and t.scale), default=Decimal(1))
    return ROUNDING * max(1, terms) * scale


@dataclass
class Finding:
    check: str
    severity: str
    message: str                 # Chinese, verifiable on the page
    table: str = ""              # table kind, or "narrative" / "performance" / ""
    table_id: str = ""
    code: Optional[str] = None
    item: str = ""               # row or project name
    expected: Optional[Decimal] = None
    actual: Optional[Decimal] = None
    difference: Optional[Decimal] = None
    file: str = ""
    page: Optional[int] = None
    related: list = field(default_factory=list)  # other places: [{"table":..., "page":...}]
    also: list = field(default_factory=list)     # other checks that saw the same printed problem
    place: str = ""              # in a workbook: the cell ("Sheet!B12") or the sheet, as the page is in a PDF

    def to_dict(self) -> dict:
        s = lambda v: None if v is None else str(v)  # noqa: E731
        return {"check": self.check, "severity": self.severity, "table": self.table,
                "table_id": self.table_id, "code": self.code, "item": self.item,
                "expected": s(self.expected), "actual": s(self.actual),
                "difference": s(self.difference), "file": Path(self.file).name if self.file else "",
                "page": self.page, "place": self.place, "message": self.message, "related": self.related,
                "also": list(self.also)}


@dataclass(frozen=True)
class Check:
    id: str                      # "family.name", stable
    family: str
    severity: str                # default severity of its findings
    title_zh: str
    title_en: str
    rationale: str               # the rule or source behind it
    func: Callable = field(compare=False, repr=False)

    def run(self, ctx: "Context") -> list:
        out = []
        for f in self.func(ctx) or ():
            if not f.check:
                f.check = self.id
            elif f.check != self.id:
                raise ValueError(f"check {self.id} yielded a finding of {f.check}")
            if not f.severity:
                f.severity = self.severity
            out.append(f)
        return out


REGISTRY: dict = {}


def check(id: str, severity: str, title_zh: str, title_en: str, rationale: str):
    """Register a check function ``func(ctx) -> Iterable[Finding]`` under a stable id."""
    family = id.split(".", 1)[0]
    if family not in FAMILIES:
        raise ValueError(f"unknown check family {family!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def deco(func):
        if id in REGISTRY:
            raise ValueError(f"check {id} registered twice")
        REGISTRY[id] = Check(id, family, severity, title_zh, title_en, rationale, func)
        return func
    return deco


def readable_view(d: Disclosure) -> Disclosure:
    """The disclosure as the checks see it: tables read with too little confidence left out (their
    figures are not the disclosure's, as far as the tool can tell)."""
    if all(t.readable for t in d.tables):
        return d
    return replace(d, tables=[t for t in d.tables if t.readable])


@dataclass
class Context:
    """What a check sees: one disclosure and the batch it came in.

    ``disclosure`` holds only the tables read with confidence; ``source`` is the disclosure as
    parsed, every table included (a check that asks whether a table is printed at all, or that
    reports reading problems, looks there)."""
    disclosure: Disclosure
    batch: list = field(default_factory=list)   # all disclosures of the run (for across_documents)
    source: Optional[Disclosure] = None
    _checklist: Optional[list] = field(default=None, repr=False)

    def __post_init__(self):
        if self.source is None:
            self.source = self.disclosure
            self.disclosure = readable_view(self.disclosure)
            self.batch = [readable_view(b) if b is not self.source else self.disclosure for b in self.batch]

    @property
    def d(self) -> Disclosure:
        return self.disclosure

    @property
    def checklist(self) -> list:
        """The disclosure's required items and whether each is published (``analysis.checklist``),
        built once from the disclosure as parsed."""
        if self._checklist is None:
            self._checklist = make_checklist(self.source)
        return self._checklist

    def tables(self, *kinds: str) -> list:
        """Tables of the given kinds (final-accounts tables count as the kind they play)."""
        return [t for t in self.disclosure.tables if not kinds or t.kind in kinds or role_of(t.kind) in kinds]

    def finding(self, message: str, *, table: Union[Table, str, None] = None,
                row: Optional[Row] = None, severity: str = "", column: Optional[str] = None, **kw) -> Finding:
        """A Finding located at a table row (page and file filled from them). ``table`` is a
        Table, or the name of a place that is not one (``"narrative"``, a performance table's
        kind). In a workbook its place is the cell of ``column`` (a column key) in the row, else
        the row's label cell, else the table's sheet (``place``). The check's id and default
        severity are filled in by the running ``Check``."""
        kw.setdefault("place", cell_of(table if isinstance(table, Table) else None, row, column))
        if isinstance(table, str):
            kw["table"], table = table, None
        f = Finding(check="", severity=severity, message=message, **kw)
        if table is not None:
            f.table = f.table or table.kind
            f.table_id = f.table_id or table.id
            f.file = f.file or table.file
            if f.page is None:
                f.page = row.page if row is not None else (table.pages[0] if table.pages else None)
        if row is not None:
            f.code = f.code if f.code is not None else row.code
            f.item = f.item or row.name
            f.file = f.file or row.file
        sheets = self._sheets(f.file) if f.file else {}
        if sheets:   # a workbook: its pages are sheets, named where a PDF's are numbered
            f.place = f.place or sheets.get(f.page or 0, "")
            f.message = PAGE_WORDS.sub(lambda m: f"工作表“{sheets[int(m.group(1))]}”" if int(m.group(1)) in sheets
                                       else m.group(0), f.message)
        return f

    def _sheets(self, file: str) -> dict:
        """Page number -> sheet name of ``file`` when it is a workbook of the disclosure; else {}."""
        name = Path(file).name
        for sf in self.source.files:
            if sf.sheets and (sf.path == file or Path(sf.path).name == name):
                return sf.sheets
        return {}


def cell_of(table: Optional[Table], row: Optional[Row] = None, column: Optional[str] = None) -> str:
    """Where a workbook prints a row's amount: the cell of ``column`` in ``row`` ("Sheet!B12"),
    else the row's label cell, else the sheet of ``table``; "" for a PDF's or a text's table."""
    refs = row.refs if row is not None else {}
    if refs:
        return refs.get(column or "", "") or refs.get("", "") or next(iter(refs.values()))
    if table is None:
        return ""
    cell = next((r.refs.get("") or next(iter(r.refs.values())) for r in table.rows if r.refs), "")
    return cell.rsplit("!", 1)[0] if cell else ""


@lru_cache(maxsize=1)
def load_checks() -> None:
    """Import every check module, which registers its checks: the family packages of
    ``analysis/checks`` (every subpackage but ``common``) and their modules, in sorted order
    (once per process)."""
    package = importlib.import_module(__package__)
    families = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.ispkg and m.name != "common")
    for family in families:
        fp = importlib.import_module(f"{__package__}.{family}")
        for name in sorted(m.name for m in pkgutil.iter_modules(fp.__path__)):
            importlib.import_module(f"{fp.__name__}.{name}")


def run_checks(ctx: Context, ids: Optional[Iterable[str]] = None) -> list:
    load_checks()
    selected = [REGISTRY[i] for i in ids] if ids else list(REGISTRY.values())
    findings: list = []
    for c in selected:
        findings.extend(c.run(ctx))
    return sort_findings(findings)


def sort_findings(findings: list) -> list:
    """Errors first, then warnings and info; by check, page and item."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (order.get(f.severity, 9), f.check, f.page or 0, f.item))


def iter_checks() -> Iterator[Check]:
    load_checks()
    yield from REGISTRY.values()
