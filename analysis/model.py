"""The data model of a parsed disclosure.

Data flows one way: raw files -> pages of lines (``analysis.inputs``) -> tables,
claims and performance targets (``analysis.parse``) -> checks and findings
(``analysis.checks``) -> reports (``analysis.reports``).

All amounts are ``Decimal`` in 万元. A table remembers the unit its document
printed (``Table.unit``) and the factor applied (``Table.scale``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .slug import slugify
from .vocab import (ALL_TABLE_KINDS, DOCUMENT_KINDS, FINAL_ROLE, FINAL_TABLE_KINDS, SCOPES, TABLE_KINDS,  # noqa: F401
                    THREE_PUBLIC_COLUMNS, role_of)

# Table kinds, document kinds and scopes are the vocabulary's (``analysis.vocab``): 部门预算 tables,
# 部门决算 tables (the national nine-table template) and the budget kind each 决算 kind plays.
# A 部门预算 consolidates a department's units; a 单位预算 is one unit's own budget; both are
# published for the same department-year and are different disclosures.

# A table read with less confidence than this has its figures withheld (None) and the checks
# that depend on it report a reading warning instead of findings about the disclosure.
CONFIDENCE_THRESHOLD = 0.75

# Column keys (total, basic, project, personnel, public, 三公 items …) are the vocabulary's too
# (``analysis.vocab.columns``). Tables keep the printed header label beside each key.


@dataclass
class SourceFile:
    path: str
    sha256: str
    pages: int
    format: str  # "pdf" | "text" | a workbook's: "xlsx" | "xls" | "ods" | "et"
    size: int = 0
    sheets: dict = field(default_factory=dict)   # a workbook's: page number -> its sheet's name

    def to_dict(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "pages": self.pages,
                "format": self.format, "size": self.size}


@dataclass
class Column:
    key: str     # canonical key, e.g. "total", "basic", "prior_total"
    label: str   # header text as printed (levels joined with "/")

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label}


@dataclass
class Row:
    """One row of a table, as printed, with amounts in 万元."""
    index: int
    name: str
    code: Optional[str] = None
    level: Optional[int] = None          # 1 = 类, 2 = 款, 3 = 项 (economic: 1 = 类, 2 = 款)
    amounts: dict = field(default_factory=dict)   # column key -> Decimal (万元)
    blank: list = field(default_factory=list)      # columns printed blank (stored as 0)
    placeholders: dict = field(default_factory=dict)  # column -> raw placeholder text
    unreadable: dict = field(default_factory=dict)    # column -> raw text that is not a number
    section: Optional[str] = None        # "income"/"expenditure" in two-sided tables, or a group
    page: int = 0
    file: str = ""
    raw: str = ""
    flags: list = field(default_factory=list)  # "total", "subtotal", "breakdown", "columns_inferred", ...
    extra: dict = field(default_factory=dict)  # non-amount cells: project code, unit, org, gov_code, ...
    parent: Optional[int] = None         # index of the row this one is a part of (its 类/款, or the
                                         # line it is indented or numbered under); None at the top
    indent: Optional[float] = None       # pt: how far the name is printed right of its column's edge
    refs: dict = field(default_factory=dict)   # a workbook's row: column key -> its cell ("Sheet!B12"),
                                               # "" -> the row's label cell; empty for a PDF's row
    recognised: dict = field(default_factory=dict)  # column -> the OCR recogniser's confidence (0-1)
                                                    # in the amount read (tables read from a scan)

    @property
    def is_total(self) -> bool:
        return "total" in self.flags

    def amount(self, key: str) -> Optional[Decimal]:
        return self.amounts.get(key)

    def to_dict(self) -> dict:
        return {
            "index": self.index, "code": self.code, "name": self.name, "level": self.level,
            "section": self.section,
            "amounts": {k: str(v) for k, v in self.amounts.items()},
            "blank": list(self.blank), "placeholders": dict(self.placeholders),
            "unreadable": dict(self.unreadable), "page": self.page, "file": self.file,
            "raw": self.raw, "flags": list(self.flags), "extra": dict(self.extra), "parent": self.parent,
            **({"recognised": dict(self.recognised)} if self.recognised else {}),
        }


@dataclass
class Table:
    id: str                      # stable within a disclosure: "t01", "t02", ...
    kind: str                    # one of TABLE_KINDS, or "unknown"
    title: str
    label: str = ""              # 附件3 / 公开05表 / 表五 as printed
    unit: str = "万元"            # unit printed by the document
    scale: Decimal = Decimal(1)  # factor from printed unit to 万元
    file: str = ""
    pages: list = field(default_factory=list)
    columns: list = field(default_factory=list)  # list[Column]
    rows: list = field(default_factory=list)     # list[Row]
    note: str = ""               # remark printed under the table (备注/注)
    empty_reason: str = ""       # why an empty table is empty, where the document says
    year: Optional[int] = None   # budget year printed in the title, if any
    confidence: Optional[float] = None  # 0..1: how sure the reader is of columns and rows
    reading: list = field(default_factory=list)  # reading issues behind the confidence (short codes)
    unit_scope: str = ""         # the unit a block of a stacked table covers ("" = the whole department)
    part_of: str = ""            # id of the table this block was cut from (its department total)

    @property
    def role(self) -> str:
        """The budget kind this table plays the part of (a 支出决算表 plays department_expenditure)."""
        return role_of(self.kind)

    @property
    def readable(self) -> bool:
        """True when the table was read with enough confidence for its figures to be used."""
        return self.confidence is None or self.confidence >= CONFIDENCE_THRESHOLD

    def column_keys(self) -> list:
        return [c.key for c in self.columns]

    def label_of(self, key: str) -> str:
        for c in self.columns:
            if c.key == key:
                return c.label
        return key

    def to_dict(self, with_rows: bool = False) -> dict:
        d = {"id": self.id, "kind": self.kind, "title": self.title, "label": self.label,
             "unit": self.unit, "file": self.file, "pages": list(self.pages),
             "columns": [c.to_dict() for c in self.columns], "rows": len(self.rows),
             "note": self.note, "empty_reason": self.empty_reason,
             "confidence": self.confidence, "reading": list(self.reading),
             "unit_scope": self.unit_scope, "part_of": self.part_of}
        if with_rows:
            d["row_data"] = [r.to_dict() for r in self.rows]
        return d


@dataclass
class Claim:
    """A numeric statement of the narrative (情况说明)."""
    metric: str                   # e.g. "total_income", "basic_expenditure", "three_public_total"
    value: Optional[Decimal]      # in the claim's unit (see ``unit``); 万元 for money
    unit: str                     # "万元", "元", "辆", "名", "个", "%"
    sentence: str
    page: int
    file: str = ""
    subject: str = ""             # the phrase the value is attached to, as printed
    change: Optional[str] = None  # "increase" | "decrease" | "flat" | None
    change_value: Optional[Decimal] = None   # absolute change, same unit as value
    change_pct: Optional[Decimal] = None     # percentage change, e.g. Decimal("17.31")
    year: Optional[int] = None
    # the column of a 决算 narrative the value is read from: "initial_budget" (年初预算),
    # "adjusted_budget" (全年预算), "budget" (预算数), "final" (决算数), or None (the
    # document's own figure); for a "completion_pct" claim, the budget it is a rate of
    basis: Optional[str] = None
    # the money the claim covers, from its subject, the total it is a part of, or the heading it sits
    # under: dept (部门, all funds) | fiscal (财政拨款) | gb (一般公共预算) | gf (政府性基金) |
    # sc (国有资本经营); None when nothing says (any of the department's money)
    scope: Optional[str] = None
    # the column of its row the claim is (a class of 项目支出 "…项目支出…其中：一般公共服务支出X"):
    # "basic" | "project"; None for the row's total
    part: Optional[str] = None
    # the tables the paragraph cites ("（详见表5）", "详见表1-3"): their printed numbers
    cites: list = field(default_factory=list)
    # the prior-year amount the narrative itself states ("上年执行数X万元，本年安排Y万元", "（上年预算数为0万元）")
    prior_value: Optional[Decimal] = None
    # what the change is measured against: "executed" (上年执行数/决算数) | "budget" (上年预算数) | None
    change_base: Optional[str] = None
    # the year a change is measured against as printed ("比2025年减少": 2025); None for "上年"
    compared_year: Optional[int] = None

    def to_dict(self) -> dict:
        s = lambda v: None if v is None else str(v)  # noqa: E731
        return {"metric": self.metric, "value": s(self.value), "unit": self.unit,
                "subject": self.subject, "change": self.change,
                "change_value": s(self.change_value), "change_pct": s(self.change_pct),
                "year": self.year, "basis": self.basis, "sentence": self.sentence, "page": self.page,
                "file": self.file, "scope": self.scope, "part": self.part}


@dataclass
class Indicator:
    level1: str            # 一级指标 (产出指标/效益指标/满意度指标/成本指标) or "" for overall tables
    level2: str            # 二级指标
    name: str              # 三级指标 / 指标
    value_raw: str         # as printed
    value: Optional[Decimal] = None
    operator: str = ""     # "≥", "=", "≤", ">" , "<", or ""
    unit: str = ""
    nature: str = ""       # "定量" | "定性"
    weight: Optional[Decimal] = None   # 指标权重 in percent, overall tables
    page: int = 0
    raw: str = ""

    def to_dict(self) -> dict:
        return {"level1": self.level1, "level2": self.level2, "name": self.name,
                "value_raw": self.value_raw,
                "value": None if self.value is None else str(self.value),
                "operator": self.operator, "unit": self.unit, "nature": self.nature,
                "weight": None if self.weight is None else str(self.weight),
                "page": self.page, "raw": self.raw}


@dataclass
class PerformanceTarget:
    kind: str                   # "overall" | "project"
    title: str
    project_code: str = ""
    project_name: str = ""
    fund_total: Optional[Decimal] = None   # 万元
    period_start: str = ""
    period_end: str = ""
    department: str = ""
    goal: str = ""              # 当年绩效目标 text
    overview: str = ""          # 项目概况 text (project tables)
    basis: str = ""             # 立项依据 text (project tables)
    indicators: list = field(default_factory=list)  # list[Indicator]
    pages: list = field(default_factory=list)
    file: str = ""
    table_id: str = ""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "title": self.title, "project_code": self.project_code,
                "project_name": self.project_name,
                "fund_total": None if self.fund_total is None else str(self.fund_total),
                "period_start": self.period_start, "period_end": self.period_end,
                "department": self.department, "goal": self.goal,
                "overview": self.overview, "basis": self.basis,
                "indicators": [i.to_dict() for i in self.indicators],
                "pages": list(self.pages), "file": self.file, "table_id": self.table_id}


@dataclass
class Problem:
    """Something in a source that could not be read. Kept, never dropped."""
    file: str
    page: int
    what: str      # short code: "unreadable_row", "unknown_table", "unmatched_cells", ...
    detail: str
    raw: str = ""

    def to_dict(self) -> dict:
        return {"file": self.file, "page": self.page, "what": self.what,
                "detail": self.detail, "raw": self.raw}


@dataclass
class NarrativePage:
    file: str
    page: int
    text: str


@dataclass
class ContentsEntry:
    """A table the document's table of contents (目录) lists."""
    title: str
    kind: str
    label: str = ""
    page: int = 0
    file: str = ""


@dataclass
class Located:
    """One place where a figure is printed: what the figure is, the money it covers, and where.

    The figure locator (``analysis.figures``) finds every such place once per disclosure; checks,
    score and reports read them (``Disclosure.figures``) and never locate them again.
    """
    figure: str                 # a metric (total_income, basic_expenditure, three_public_reception …),
                                # or a classified row: "function:20101", "economic:30201", "income:201"
    scope: str                  # the money it covers: dept (部门, all funds), fiscal (财政拨款),
                                # gb (一般公共预算), gf (政府性基金), sc (国有资本经营)
    value: Decimal              # 万元
    table_id: str
    kind: str                   # the table's kind
    row: int                    # the row's index in its table (-1: a figure derived from several rows)
    column: str                 # the column key
    page: int = 0
    file: str = ""
    code: Optional[str] = None
    name: str = ""              # the row's name as printed
    period: str = "current"     # current | prior (上年 column) | budget (a 决算's 预算数 column)
    rank: int = 0               # catalogue order: lower is more authoritative
    unreadable: bool = False    # the table was not read with confidence (its figures are withheld from checks)
    path: list = field(default_factory=list)   # names of the printed parents of a coded row (款, 类)
    derived: str = ""           # how a figure summed from rows was made ("301+303"), else ""
    place: str = ""             # in a workbook: the cell it is printed in ("Sheet!B12"), else ""

    def to_dict(self) -> dict:
        return {"figure": self.figure, "scope": self.scope, "value": str(self.value),
                "table_id": self.table_id, "kind": self.kind, "row": self.row, "column": self.column,
                "page": self.page, "file": self.file, "code": self.code, "name": self.name,
                "period": self.period, "rank": self.rank, "unreadable": self.unreadable,
                "path": list(self.path), "derived": self.derived, "place": self.place}


@dataclass
class Disclosure:
    department: str
    year: Optional[int]
    files: list = field(default_factory=list)       # list[SourceFile]
    tables: list = field(default_factory=list)      # list[Table]
    claims: list = field(default_factory=list)      # list[Claim]
    performance: list = field(default_factory=list) # list[PerformanceTarget]
    narrative: list = field(default_factory=list)   # list[NarrativePage]
    problems: list = field(default_factory=list)    # list[Problem]
    figures: list = field(default_factory=list)     # list[Located]: every place a figure is printed
    contents: list = field(default_factory=list)    # list[ContentsEntry]: the tables its 目录 lists
    unit: str = "万元"
    kind: str = "budget"         # one of DOCUMENT_KINDS: 预算 or 决算
    scope: str = "department"    # one of SCOPES: 部门 (consolidated) or 单位 (one unit)
    year_from_name: bool = False  # no file prints the year in its content: it was taken from a file name

    def tables_of(self, kind: str) -> list:
        """Tables of ``kind``, or playing its part (a 支出决算表 for ``department_expenditure``)."""
        return [t for t in self.tables if t.kind == kind or role_of(t.kind) == kind]

    def table(self, kind: str) -> Optional[Table]:
        ts = self.tables_of(kind)
        return ts[0] if ts else None

    @property
    def page_count(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def slug(self) -> str:
        parts = [self.department, str(self.year or "unknown")]
        if self.kind != "budget":
            parts.append(self.kind)
        if self.scope != "department":
            parts.append(self.scope)
        return slugify("-".join(parts))
