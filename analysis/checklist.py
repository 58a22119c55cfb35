"""The checklist of a disclosure: each required item (``analysis.vocab.required_items``) with
whether the disclosure publishes it, where, and why not.

The completeness checks report the items that are missing, the score counts the items present
and the report shows the list: all three read this one checklist, built once per disclosure
(``checklist(d)``) and stored with the audit result.

How an item is seen is the vocabulary's ``detect`` (``analysis/reference/disclosure_rules.csv``):

* ``table``: a table of one of the item's kinds is printed (read with confidence or not: a table
  the tool cannot read is printed all the same, and is marked ``unreadable``);
* ``window``: the narrative holds the item's ``anchor`` with ``need`` within ``window`` characters
  after it (a table of contents line does not count), or a table of the item's kinds is printed;
* ``columns`` (T09): every 一般公共预算支出表 prints 基本支出 and 项目支出 apart;
* ``three_public_reasons`` (E04): the narrative states the 三公 amounts, their change from the
  previous year, and the reason of every increase or decrease;
* ``procurement_parts`` (E06): the narrative states the 政府采购 total and its 货物、工程、服务 parts;
* ``empty_tables`` (E10): every table without figures says why (a note under it or a sentence of
  the narrative); not applicable when no table is empty.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from .model import Disclosure, Table
from .vocab import CHECKLIST_STATUS_ZH, PERFORMANCE_KINDS, UNKNOWN, RequiredItem, kind_zh, required_items, role_of, topic_of

PRESENT, MISSING, UNREADABLE, NOT_APPLICABLE = "present", "missing", "unreadable", "not_applicable"
NOT_GIVEN = "not_given"   # the part of the disclosure that holds the item (tables, narrative) was not given
# where the narrative says a table is published elsewhere
CONTENTS_MIN = 3          # a table of contents lists at least this many tables
ELSEWHERE = r"另行公开|单独公开|另行发布|另册|详见.{0,20}(?:网站|网址|公开平台)"

AMOUNT = r"\d[\d,]*(?:\.\d+)?万元|为0(?![\d.])"   # "预算数为0": an amount printed without unit
CHANGE = r"(?:增加|减少|下降|增长|上升|降低|持平|相同|一致|不变|增幅|降幅)"
MOVE = r"(?:增加|减少|下降|增长|上升|降低)\d"
REASON = r"(?:原因|主要是|主要由于|由于|因为|是因|源于|系因)"
NEXT_HEADING = re.compile(r"(?<=[。；])(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]+部分)")
# headings of the narrative by level: 第X部分 (0), 一、 (1), （一） (2)
HEADING_MARK = re.compile(r"(?:^|(?<=[。；;:：]))(?:(?P<l0>第[一二三四五六七八九十]+部分)|(?P<l1>[一二三四五六七八九十]{1,3}、)"
                          r"|(?P<l2>\([一二三四五六七八九十]{1,3}\)))")
# a sentence about “三公”经费 or one of its items
THREE_PUBLIC_TOPIC = r"三公|出国|公务用车|公务接待|接待费|车辆购置"
REASON_WORDS = r"无|没有|不涉及|未安排|未发生|为零|为0|0万元|空表"



@dataclass
class ItemStatus:
    """One required item of one disclosure."""
    id: str                  # T01 … E10, F01 …
    name: str                # short Chinese name
    kind: str                # table | final_table | explanation | rule
    status: str              # present | missing | unreadable | not_applicable | not_given
    where: str = ""          # "t03 第9页", "情况说明 第3页"
    file: str = ""
    page: Optional[int] = None
    detail: str = ""         # why it is missing or only partly there (Chinese)
    tables: list = field(default_factory=list)   # ids of the tables concerned (missing columns, empty without reason)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "status": self.status, "where": self.where,
                "file": self.file, "page": self.page, "detail": self.detail, "tables": list(self.tables or [])}

    @property
    def present(self) -> bool:
        return self.status in (PRESENT, UNREADABLE)

    @property
    def status_zh(self) -> str:
        return CHECKLIST_STATUS_ZH[self.status]


def cname(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


class Narrative:
    """The narrative of a disclosure as one compact string, with a map back to pages."""

    def __init__(self, pages: list):
        self.text = ""
        self.starts: list = []
        self.pages: list = []
        for p in pages:
            self.starts.append(len(self.text))
            self.pages.append((p.file, p.page))
            self.text += cname(p.text)

    def where(self, pos: int) -> tuple:
        i = bisect_right(self.starts, pos) - 1
        return self.pages[i] if i >= 0 else ("", None)

    def windows(self, pattern: str, size: int, need: Optional[str] = None, lead: int = 0, topic: bool = False):
        """(start, window text) for each match of ``pattern`` whose window holds ``need``; with
        ``topic`` a window ends at the next heading (五、… / 第四部分): one topic only."""
        for m in re.finditer(pattern, self.text):
            w = self.text[max(0, m.start() - lead):m.start() + size]
            if topic:
                w = _section(w)
            if need is None or re.search(need, w):
                yield m.start(), w


# ---------------------------------------------------------------------------
# detectors
# ---------------------------------------------------------------------------
def _tables_of(d: Disclosure, kinds: tuple, final: bool) -> list:
    """Tables of ``kinds``; in a budget a table playing one of the kinds counts too."""
    return [t for t in d.tables if t.kind in kinds or (not final and t.role in kinds)]


def _table_place(t: Table) -> str:
    return f"{t.id} 第{','.join(map(str, t.pages))}页"


def _by_table(item: RequiredItem, d: Disclosure, n: Narrative) -> Optional[ItemStatus]:
    found = _tables_of(d, item.tables, d.kind == "final")
    if not found:
        return None
    readable = [t for t in found if t.readable]
    t = (readable or found)[0]
    where = _table_place(t) + ("（空表）" if readable and not t.rows else "")
    return ItemStatus(item.id, item.name, item.kind, PRESENT if readable else UNREADABLE, where, t.file,
                      t.pages[0] if t.pages else None)


def _table_item(item: RequiredItem, d: Disclosure, n: Narrative) -> ItemStatus:
    """A required table: printed, or missing. A table the tool did not recognise may be it, and the
    narrative may say it is published elsewhere: then it is missing only as far as the tool can tell
    (``tables`` lists the unrecognised candidates, ``detail`` says so)."""
    got = _by_table(item, d, n)
    if got is not None:
        return got
    name = kind_zh(item.tables[0])
    if not d.tables:
        return ItemStatus(item.id, item.name, item.kind, NOT_GIVEN, detail="本披露未收到公开表格")
    unknown = [t.id for t in d.tables if t.kind == UNKNOWN]
    detail = f"未找到《{name}》"
    listed = [e for e in d.contents if e.kind != UNKNOWN]
    if len(listed) >= CONTENTS_MIN and not any(e.kind in item.tables or role_of(e.kind) in item.tables for e in listed):
        # the document's own table of contents does not list it: the strongest evidence it is not published
        return ItemStatus(item.id, item.name, item.kind, MISSING, detail=detail + "，文件目录亦未列出该表")
    if unknown:
        detail += f"；本披露有 {len(unknown)} 张本工具未能识别的表格，其中可能有该表"
    elsewhere = next(n.windows(re.escape(name.strip("“”")), 60, ELSEWHERE), None)
    if elsewhere is not None:
        detail += "；情况说明称该表另行公开"
        unknown = unknown or ["elsewhere"]
    return ItemStatus(item.id, item.name, item.kind, MISSING, detail=detail, tables=unknown)


def _window_item(item: RequiredItem, d: Disclosure, n: Narrative) -> ItemStatus:
    hit = next(n.windows(item.anchor, item.window, item.need or None, topic=True), None) if item.anchor else None
    if hit is not None:
        file, page = n.where(hit[0])
        return ItemStatus(item.id, item.name, item.kind, PRESENT, f"情况说明 第{page}页", file, page)
    if item.id == "E09" and d.performance:
        p = d.performance[0]
        return ItemStatus(item.id, item.name, item.kind, PRESENT,
                          f"{p.table_id} 第{','.join(map(str, p.pages))}页", p.file, p.pages[0] if p.pages else None)
    got = _by_table(item, d, n) if item.tables else None
    if got is not None:
        return got
    if not d.narrative:
        return ItemStatus(item.id, item.name, item.kind, NOT_GIVEN, detail="本披露未收到情况说明")
    return ItemStatus(item.id, item.name, item.kind, MISSING, detail=f"情况说明中未找到“{item.name}”")


def _columns_item(item: RequiredItem, d: Disclosure, n: Narrative) -> ItemStatus:
    tables = [t for t in d.tables if t.readable and t.role in item.tables]
    if not tables:
        return ItemStatus(item.id, item.name, item.kind, NOT_APPLICABLE, detail=f"未找到可读取的《{kind_zh(item.tables[0])}》")
    lacking = [t for t in tables if not {"basic", "project"} <= set(t.column_keys())]
    if not lacking:
        return ItemStatus(item.id, item.name, item.kind, PRESENT, _table_place(tables[0]), tables[0].file,
                          tables[0].pages[0] if tables[0].pages else None)
    t = lacking[0]
    return ItemStatus(item.id, item.name, item.kind, MISSING, _table_place(t), t.file, t.pages[0] if t.pages else None,
                      "未分列基本支出和项目支出", [x.id for x in lacking])


def _section(window: str) -> str:
    """A window cut at the next heading (五、… / 第四部分): one topic only."""
    m = NEXT_HEADING.search(window, 10)
    return window[:m.start()] if m else window


def _three_public_sentences(n: Narrative, item: RequiredItem) -> list:
    """(position, sentence, section) of the sentences after a 三公 anchor up to the end of its section
    (the next 一、 or （一） heading), in text order; ``section`` is where that section ends."""
    sentences: dict = {}
    for pos, win in n.windows(item.anchor, item.window, item.need):
        win = win[:_section_end(n.text, pos, win)]
        start = pos
        for sent in re.split(r"(?<=[。；;])", win):
            if sent:
                sentences.setdefault(start, (sent, pos + len(win)))
            start += len(sent)
    return [(k, *sentences[k]) for k in sorted(sentences)]


def _section_end(text: str, pos: int, win: str) -> int:
    """Where the section holding ``pos`` ends inside its window ``win``: at the next heading of the
    same or a higher level than the heading above ``pos`` (一、 when none is near)."""
    above = None
    for m in HEADING_MARK.finditer(text, max(0, pos - 300), pos + 1):
        above = m
    level = int(above.lastgroup[1]) if above is not None else 1
    for m in HEADING_MARK.finditer(win, 10):
        if int(m.lastgroup[1]) <= level:
            return m.start()
    return len(win)


def _unexplained(sentences: list) -> list:
    """Sentences about 三公 stating an increase or decrease whose section gives no reason from them
    on: the reason of a change is judged on the part of the narrative that states it ("比上年减少X万元。
    其中：公务接待费…减少…，主要原因是…" is explained), never on a sentence about something else."""
    out = []
    for i, (pos, x, section) in enumerate(sentences):
        if not re.search(MOVE, x) or not re.search(THREE_PUBLIC_TOPIC, x):
            continue
        if any(re.search(REASON, y) for _, y, sec in sentences[i:] if sec == section):
            continue
        out.append((pos, x))
    return out


def _three_public_item(item: RequiredItem, d: Disclosure, n: Narrative) -> ItemStatus:
    if not d.narrative:
        return ItemStatus(item.id, item.name, item.kind, NOT_GIVEN, detail="本披露未收到情况说明")
    sentences = _three_public_sentences(n, item)
    if not sentences or not any(re.search(AMOUNT, x) for _, x, _ in sentences):
        return ItemStatus(item.id, item.name, item.kind, MISSING, detail=f"情况说明中未找到“{item.name}”")
    file, page = n.where(sentences[0][0])
    if not any(re.search(CHANGE, x) for _, x, _ in sentences):
        return ItemStatus(item.id, item.name, item.kind, MISSING, f"情况说明 第{page}页", file, page,
                          "未说明“三公”经费与上年相比的增减变化")
    unexplained = _unexplained(sentences)
    if not unexplained:
        return ItemStatus(item.id, item.name, item.kind, PRESENT, f"情况说明 第{page}页", file, page)
    quote = unexplained[0][1].rstrip("。；;")
    quote = quote if len(quote) <= 60 else "…" + quote[-60:]
    file, page = n.where(unexplained[0][0])
    return ItemStatus(item.id, item.name, item.kind, MISSING, f"情况说明 第{page}页", file, page,
                      f"说明了“三公”经费的增减，但未说明增减原因（“{quote}”）")


def _procurement_item(item: RequiredItem, d: Disclosure, n: Narrative) -> ItemStatus:
    if not d.narrative:
        return ItemStatus(item.id, item.name, item.kind, NOT_GIVEN, detail="本披露未收到情况说明")
    best = None
    for pos, win in n.windows(item.anchor, item.window, item.need):
        have = [c for c in ("货物", "工程", "服务") if c in win]
        if best is None or len(have) > len(best[1]):
            best = (pos, have)
    if best is None:
        return ItemStatus(item.id, item.name, item.kind, MISSING, detail=f"情况说明中未找到“{item.name}”")
    file, page = n.where(best[0])
    missing = [c for c in ("货物", "工程", "服务") if c not in best[1]]
    if not missing:
        return ItemStatus(item.id, item.name, item.kind, PRESENT, f"情况说明 第{page}页", file, page)
    return ItemStatus(item.id, item.name, item.kind, MISSING, f"情况说明 第{page}页", file, page,
                      f"政府采购说明未分别列出{'、'.join(missing)}类的预算金额")


def is_empty(t: Table) -> bool:
    """A table printed without a single figure (placeholders and unreadable cells are not empty)."""
    if any(r.placeholders or r.unreadable for r in t.rows):
        return False
    return not any(v for r in t.rows for v in r.amounts.values())


def empty_topic(t: Table) -> str:
    """What an empty table is about, as a sentence saying why would name it (by the kind it plays)."""
    return topic_of(t.role)


def empty_without_reason(d: Disclosure) -> list:
    """Readable tables without figures that say nowhere why they are empty."""
    sentences = re.split(r"[。；;]", Narrative(d.narrative).text)
    out = []
    for t in d.tables:
        if not t.readable or t.role in PERFORMANCE_KINDS or not is_empty(t):
            continue
        if t.empty_reason or re.search(REASON_WORDS, cname(t.note)):
            continue
        topic = empty_topic(t)
        if topic and any(topic in s and re.search(REASON_WORDS, s) for s in sentences if len(s) < 200):
            continue
        out.append(t)
    return out


def _empty_tables_item(item: RequiredItem, d: Disclosure, n: Narrative) -> ItemStatus:
    empty = [t for t in d.tables if t.readable and t.role not in PERFORMANCE_KINDS and is_empty(t)]
    if not empty:
        return ItemStatus(item.id, item.name, item.kind, NOT_APPLICABLE, detail="没有空表")
    lacking = empty_without_reason(d)
    if not lacking:
        return ItemStatus(item.id, item.name, item.kind, PRESENT, "、".join(_table_place(t) for t in empty))
    t = lacking[0]
    return ItemStatus(item.id, item.name, item.kind, MISSING, "、".join(_table_place(x) for x in lacking), t.file,
                      t.pages[0] if t.pages else None, "空表未说明原因", [x.id for x in lacking])


DETECTORS = {
    "table": _table_item,
    "window": _window_item,
    "columns": _columns_item,
    "three_public_reasons": _three_public_item,
    "procurement_parts": _procurement_item,
    "empty_tables": _empty_tables_item,
}


def items_for(d: Disclosure) -> tuple:
    """The required items of a disclosure's document kind, scope and year."""
    return required_items(d.kind, d.scope, d.year)


def checklist(d: Disclosure) -> list:
    """An ``ItemStatus`` for every required item of ``d``, in the vocabulary's order. ``d`` is
    the disclosure as parsed: tables read without confidence are printed all the same."""
    n = Narrative(d.narrative)
    return [DETECTORS[item.detect](item, d, n) for item in items_for(d)]
