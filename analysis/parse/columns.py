"""Columns by meaning: map a table's leaf columns to roles and canonical keys.

A leaf column's header is the stack of labels above it ("2025年预算数/总计"). Its role is
decided by the header and by what the column holds, under constraints:

* label columns hold text or codes: ``code`` (功能/经济分类科目编码), ``code_1..3`` (编码 split
  into 类/款/项), ``name`` (科目名称, 项目), ``seq`` (序号, 行次), other text (单位名称, 采购品目…);
* amount columns hold numbers; their key (``total``, ``basic``, ``project`` …) comes from the
  header; a column whose header names an amount but which holds text is a label column, and a
  column without a header that holds numbers is an amount column without a name;
* in tables printed as two or three groups side by side (收入 | 支出功能分类 | 支出经济分类), every
  amount column belongs to the label columns on its left: a label column after an amount
  column starts a new group (``side``).

Keys are stable identifiers used by the checks. Within one side a key is unique; a repeated
key is kept with a suffix (``total_2``) and counted as a reading problem by the reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..numbers import PLACEHOLDERS, loose_number, parse_number
from ..vocab import CODE_PARTS, FINAL_TABLE_KINDS, PROJECT_KINDS, amount_rules, label_rules, role_of
from ..vocab.words import pattern, words
from .titles import compact

_YEAR = pattern("column_year")
_BUDGET_LEAF = pattern("budget_leaf")
_OF_WHICH = pattern("of_which_header")


def label_key(label: str, kind: str = "") -> Optional[str]:
    """The key of a label (non-amount) column, or None when the header names an amount."""
    s = compact(label)
    if not s:
        return None
    leaf = s.split("/")[-1]
    if leaf in CODE_PARTS:
        return CODE_PARTS[leaf]
    if kind not in PROJECT_KINDS and pattern("project_name_header").search(s):
        return "name"
    if pattern("change_header").search(s):   # 增减额, 增减率, 比上年增减/金额: derived, kept as printed
        return "change_rate" if pattern("rate_header_leaf").search(leaf) else "change"
    if pattern("amount_header_leaf").search(leaf) and not pattern("label_header_leaf").search(leaf) \
            and leaf not in words("side_header_leaves"):
        return None
    for key, rx in label_rules():
        # a remark or a quantity is named by its own header cell: 资金来源 over 一般公共预算资金 is
        # a group of amount columns, not a remark
        if rx.search(leaf if key in BESIDE_THE_ROW else s):
            return key
    return None


def amount_key(label: str, kind: str, table_year: Optional[int]) -> Optional[str]:
    """The key of an amount column; prior-year columns get the prefix ``prior_``, the budget
    columns of a final-accounts table (预算数 beside 决算数) the prefix ``budget_``."""
    s = compact(label)
    parts = [p for p in s.split("/") if p]
    budget = kind in FINAL_TABLE_KINDS and bool(parts) and bool(_BUDGET_LEAF.match(parts[-1]))
    role = role_of(kind)
    if parts and _OF_WHICH.match(parts[-1]) and role != "three_public":
        return "of_which"   # 其中：… beside its whole: a breakdown, never a part to add
    key = _amount_rule_key(_core_label(parts, budget) or s, role)
    if key is None and parts and (parts[-1] in words("year_stack_labels") or pattern("year_amount_header").match(parts[-1])):
        key = "total"   # 收入/本年预算, 2026年预算: the amount of a side or table, named only by its year
    if key is None:
        return None
    if budget:
        key = f"budget_{key}"
    return f"prior_{key}" if _is_prior(s, table_year) else key


def row_item_key(name: str, role: str) -> Optional[str]:
    """The key a row's name would give a column of a table of ``role`` (三公 items printed as
    rows: 公务接待费 -> reception), by the header rules of its amount columns; None when it names none."""
    return _amount_rule_key(compact(name), role)


def _is_prior(label: str, table_year: Optional[int]) -> bool:
    """A column of the year before the table's: an earlier year printed, or 上年 (not 上年结转)."""
    m = _YEAR.search(label)
    return bool(m and table_year and int(m.group(1)) < table_year) or bool(
        pattern("prior_year_word").search(label) and not pattern("carryover_word").search(label))


def _core_label(parts: list, budget: bool) -> str:
    """The header stack without its year labels ("2025年预算数/总计" -> "总计"), and without the
    预算数 leaf of a 决算 table's budget column; "" when nothing is left."""
    core_parts = [p for p in parts if not _YEAR.search(p) and p not in words("year_stack_labels")]
    if budget:
        core_parts = core_parts[:-1] or core_parts
    return "/".join(core_parts)


def _amount_rule_key(core: str, role: str) -> Optional[str]:
    """The key of the first header rule of the table family that the label matches. The lowest
    header cell names the column and the cells above it a group ("本年政府性基金预算财政拨款支出/总计"
    is a total), so the lowest cell is tried first; 三公 sub-columns and the subtotal of a column
    group need the whole stack."""
    last = core.split("/")[-1]
    candidates = [last, core] if "/" in core else [core]
    if role == "three_public" or (last in words("subtotal_labels") and pattern("column_group_subtotal").search(core)):
        candidates = [core]
    for text in candidates:
        for key, rx in amount_rules(role):
            if rx.search(text):
                if role == "three_public" and key == "total" and pattern("three_public_word").search(core) \
                        and not pattern("not_three_public_total").search(core):
                    key = "three_public"
                return key
    return None


@dataclass
class Profile:
    """What a column holds over the data rows of a table. It holds ``mostly`` one sort of cell when
    at least ``share`` of its cells other than placeholders are of that sort
    (``ReaderSettings.column_mostly``)."""
    share: float = 0.6
    nonempty: int = 0
    amounts: int = 0
    codes: int = 0
    code_parts: int = 0
    small_ints: int = 0
    placeholders: int = 0
    texts: int = 0

    def add(self, text: str) -> None:
        t = compact(text)
        if not t:
            return
        self.nonempty += 1
        if t in PLACEHOLDERS:
            self.placeholders += 1
        elif re.match(r"^\d{3}(?:\d{2}){0,2}$", t):
            self.codes += 1
            if len(t) <= 3:
                self.code_parts += 1
        elif re.match(r"^\d{2}$", t):
            self.code_parts += 1
            self.small_ints += 1
        elif parse_number(t) is not None or loose_number(t) is not None:
            self.amounts += 1
            if re.match(r"^\d{1,3}$", t):
                self.small_ints += 1
        else:
            self.texts += 1

    @property
    def numeric(self) -> int:
        """Cells that read as amounts (codes-shaped integers included)."""
        return self.amounts + self.codes + (self.code_parts - self.codes if self.code_parts > self.codes else 0)

    def mostly(self, n: int) -> bool:
        return n >= max(1, self.share * (self.nonempty - self.placeholders))


@dataclass
class ColumnSpec:
    index: int                 # elementary column in the grid
    label: str                 # header labels joined by "/"
    role: str                  # "label" | "amount" | "empty"
    key: str
    side: int = 0              # group of columns (0, 1, 2 …), see module doc
    from_header: bool = True   # key read from the header rather than guessed
    notes: list = field(default_factory=list)

    @property
    def is_amount(self) -> bool:
        return self.role == "amount"


BESIDE_THE_ROW = ("note", "quantity", "unit_price", "change", "change_rate")
"""Label columns that say something of a row without naming it: kept beside the row (``Row.extra``)."""


def _role(label: str, prof: Profile, kind: str, year: Optional[int]) -> tuple:
    """(role, key, from_header) of one column."""
    lk = label_key(label, kind)
    ak = None if lk else amount_key(label, kind, year)
    leaf = compact(label).split("/")[-1] if label else ""
    if lk in CODE_PARTS.values():
        return "label", lk, True
    if lk == "code":
        return "label", "code", True
    if lk == "seq":
        return "label", "seq", True
    if lk is not None:
        if prof.amounts >= 2 and prof.mostly(prof.amounts) and lk in ("name", "econ", "category", "item"):
            return "amount", amount_key(label, kind, year) or "", False  # a header naming the rows
        return "label", lk, True
    if ak is not None:
        if prof.texts and prof.mostly(prof.texts) and prof.amounts == 0:
            return "label", "name", False  # text under an amount header: a label column
        return "amount", ak, True
    return _role_by_content(prof, leaf)


def _role_by_content(prof: Profile, leaf: str) -> tuple:
    """(role, key, from_header) of a column without a usable header, by what it holds."""
    if prof.nonempty == 0:
        return ("empty", "", False) if not leaf else ("amount", "", False)
    if prof.codes and prof.mostly(prof.codes) and prof.amounts == 0:
        return "label", "code", False
    if prof.texts and prof.mostly(prof.texts):
        return "label", "name", False
    return "amount", "", False


def _code_parts_by_content(specs: list, labels: list, profiles: list) -> None:
    """类/款/项 columns read from what they hold where the header does not say it cleanly (a
    text-aligned header may print "款 项" in one column): after a column of 3-digit class codes,
    up to two columns of 2-digit codes whose header is empty or only code-part words are the
    款 and 项 parts."""
    for i, s in enumerate(specs):
        p = profiles[i]
        is_class = s.key == "code_1" or (p.codes and p.mostly(p.codes) and p.code_parts == p.codes and p.amounts == 0)
        if not is_class:
            continue
        parts = ["code_2", "code_3"]
        for j in range(i + 1, min(i + 3, len(specs))):
            q, leaf = profiles[j], compact(labels[j]).split("/")[-1]
            two_digit = q.nonempty and q.code_parts - q.codes >= q.nonempty - q.placeholders and q.amounts == 0
            if not (two_digit or q.nonempty == 0) or (leaf and not pattern("code_part_header").fullmatch(leaf)):
                break
            if q.nonempty == 0 and not leaf:
                continue
            specs[j].role, specs[j].key, specs[j].from_header = "label", parts.pop(0), False
            if not parts:
                break
        if s.key != "code_1" and any(x.key == "code_2" for x in specs[i + 1:i + 3]):
            s.role, s.key, s.from_header = "label", "code_1", False
        break


def assign_columns(labels: list, profiles: list, kind: str, year: Optional[int]) -> list:
    """ColumnSpec for each leaf column (``labels`` and ``profiles`` in column order)."""
    specs = []
    for i, (label, prof) in enumerate(zip(labels, profiles)):
        role, key, from_header = _role(label, prof, kind, year)
        specs.append(ColumnSpec(i, label, role, key, from_header=from_header))
    _code_parts_by_content(specs, labels, profiles)
    # sides: a label column after an amount column starts a new group (a column that names no
    # rows, a remark, a quantity, a change on the year before, starts none)
    side, seen_amount = 0, False
    for s in specs:
        if s.role == "label" and seen_amount and s.key not in BESIDE_THE_ROW:
            side += 1
            seen_amount = False
        if s.role == "amount":
            seen_amount = True
        s.side = side
    for sd in {s.side for s in specs}:
        _group_keys([s for s in specs if s.side == sd], kind, year)
    # unique keys within a side
    for sd in {s.side for s in specs}:
        seen: dict = {}
        for s in specs:
            if s.side != sd or not s.key:
                continue
            if s.key in seen:
                seen[s.key] += 1
                if s.role == "amount" and s.key != "of_which":
                    s.notes.append("duplicate_key")
                s.key = f"{s.key}_{seen[s.key]}"
            else:
                seen[s.key] = 1
    return specs


# ---------------------------------------------------------------------------
# the header tree: columns printed as a group under a parent label
# ---------------------------------------------------------------------------
@dataclass
class ColumnGroup:
    """Adjacent amount columns printed under one parent label (基本支出 over 小计 / 人员经费 /
    公用经费; 上年结转结余 over 小计 / 一般公共预算 / …): the parent's text and the key it names."""
    parent: str
    key: Optional[str]
    members: list          # ColumnSpec, left to right

    @property
    def subtotal(self) -> Optional["ColumnSpec"]:
        """The member that prints the group's own amount (小计, 金额 under the parent)."""
        return next((m for m in self.members if _parts(m.label)[-1] in words("group_subtotal_leaves")), None)

    def parts(self) -> list:
        return [m for m in self.members if m is not self.subtotal and m.key != "of_which"]


def _parts(label: str) -> list:
    return [p for p in compact(label).split("/") if p]


def column_groups(specs: list, kind: str, year: Optional[int]) -> list:
    """The groups of adjacent amount columns of one side that share the header label above their
    own (two columns at least), in printed order."""
    out: list = []
    for s in specs:
        parts = _parts(s.label)
        parent = "/".join(parts[:-1])
        if not s.is_amount or not parent:
            continue
        if out and out[-1].parent == parent and out[-1].members[-1].index == s.index - 1:
            out[-1].members.append(s)
        else:
            out.append(ColumnGroup(parent, amount_key(parent, kind, year), [s]))
    return [g for g in out if len(g.members) > 1]


def _group_keys(specs: list, kind: str, year: Optional[int]) -> None:
    """Keys by the header tree, where the sub-columns' own names leave keys repeated on a side:
    a group that repeats the sub-columns of a group before it (本年收入: 小计, 一般公共预算, … |
    上年结转结余: 小计, 一般公共预算, …) keys its columns by its parent (``carryover``,
    ``carryover_general_budget`` …), so that the two are never added together; the subtotal of a
    group (基本支出/小计, 本级财政拨款/金额) is the parent's amount (``basic``, ``fiscal``)."""
    amounts = [s for s in specs if s.is_amount and s.key]
    earlier: set = set()
    for g in column_groups(amounts, kind, year):
        own = {m.key for m in g.parts()}
        repeated = bool(own & earlier)
        earlier |= own
        if not g.key or g.key.removeprefix("prior_").removeprefix("budget_") == "total":
            _basis_prefix(g)
            continue
        for m in g.members:
            if m is not g.subtotal and m.key == g.key and amount_key(_parts(m.label)[-1], kind, year) is None:
                m.key, m.from_header = "", False   # a sub-column is never its parent: unnamed
        _parent_keys(g, repeated, [s.key for s in amounts if s not in g.members])


def _parent_keys(g: ColumnGroup, repeated: bool, others: list) -> None:
    """Key a group's columns by its parent where needed (see ``_group_keys``); ``others`` are the
    keys of the side's columns outside the group."""
    sub = g.subtotal
    if repeated:
        for m in g.parts():
            if m.key and not m.key.startswith(g.key):
                m.key = f"{g.key}_{m.key}"
    if sub is not None and sub.key != g.key and g.key not in others and \
            (repeated or sub.key in others or sub.key in [m.key for m in g.members if m is not sub]):
        sub.key = g.key


def _basis_prefix(g: ColumnGroup) -> None:
    """A group whose parent names only a year or a basis over its columns (2025年预算数, 预算数
    beside 决算数): its columns take the parent's prefix (``prior_``, ``budget_``)."""
    prefix = (g.key or "")[:-len("total")] if g.key else ""
    for m in g.members:
        if prefix and m.key and not m.key.startswith(prefix):
            m.key = prefix + m.key
