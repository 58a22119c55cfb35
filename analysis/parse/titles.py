"""Recognize table titles, table labels (附件3, 公开05表, 表五), departments and years."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..numbers import normalize
from ..vocab import title_rules

CN_NUM = "一二三四五六七八九十"

# A label printed beside or above a table title.
LABEL = re.compile(
    rf"^(附件\d+(?:-\d+)?|附表\d+|公开\d+表|公开表[{CN_NUM}]+|表[{CN_NUM}]+|表\d+)"
)

_ENUM_PREFIX = re.compile(rf"^(?:[{CN_NUM}]+、|（[{CN_NUM}]+）|\([{CN_NUM}]+\)|\d+[、.．]|第[{CN_NUM}]+部分)")
_LEADER = re.compile(r"[…\.·．]{3,}|…{2,}|\.{4,}")   # dot leaders of a table of contents
_TRAILING = re.compile(r"(?:[（(](?:功能科目|经济科目|一般公共预算|按功能分类|按经济分类)[)）])+$")
_SUFFIX_NUM = re.compile(r"-\d+$")


def compact(text: str) -> str:
    return normalize(text).replace(" ", "").replace("\n", "").replace("\u3000", "")


@dataclass(frozen=True)
class TitleMatch:
    kind: str
    title: str        # title as printed (compact), without label
    label: str        # 附件3 / 公开05表 / 表五 or ""
    year: Optional[int]
    department: str   # department prefix printed in the title, if any


def split_label(text: str) -> tuple[str, str]:
    """Split a leading table label off ``text``: ('公开05表', rest)."""
    s = compact(text)
    m = LABEL.match(s)
    if m:
        return m.group(1), s[m.end():]
    return "", s


def is_label(text: str) -> bool:
    label, rest = split_label(text)
    return bool(label) and not rest


def strip_ordinal(text: str) -> str:
    """``一、收支总表`` -> ``收支总表``; ``（三）`` ``1.`` ``第二部分`` likewise."""
    return _ENUM_PREFIX.sub("", text, count=1)


def match_title(text: str, ordinals: bool = True) -> Optional[TitleMatch]:
    """Return the table kind when ``text`` is a table title, else None.

    A title ends with 表 (possibly followed by a qualifier such as （功能科目） or a
    sequence number -3) and is not a reference inside a sentence (《收支预算总表》), an
    explanation heading (…说明) or an entry of a table of contents with dot leaders. A leading
    ordinal (一、 1. （一）) is read over; with ``ordinals=False`` a line that starts with one is
    not a title (flattened text, where a table of contents cannot be told apart by layout).
    A title that says 决算 names a final-accounts table.
    """
    label, s = split_label(text)
    if not s or len(s) > 70 or _LEADER.search(s):
        return None
    if _ENUM_PREFIX.match(s):
        if not ordinals:
            return None
        s = strip_ordinal(s)
        label2, s = split_label(s)
        label = label or label2
    if "《" in s or "说明" in s or "。" in s or "，" in s or not s:
        return None
    core = _SUFFIX_NUM.sub("", _TRAILING.sub("", s))
    core = re.sub(r"单位[:：].*$", "", core)
    core = re.sub(r"[（(]续[表)）]*$|续表$", "", core)
    if not core.endswith("表"):
        return None
    for kind, rx in title_rules(final="决算" in core):
        if rx.search(core):
            year = None
            ym = re.search(r"(20\d{2})年", core)
            if ym:
                year = int(ym.group(1))
            return TitleMatch(kind=kind, title=s, label=label, year=year,
                              department=_title_department(core))
    return None


_NOT_ORG = re.compile(r"^(?:部门|单位|预算单位|本部门|本单位|部门预算|单位预算)$|部分|目录|附件|说明")


_TABLE_WORDS = re.compile(r"20\d{2}|部门|单位|收支|收入|支出|财政拨款|一般公共预算|政府性基金|国有资本|“?三公|"
                         r"机关运行|政府采购|项目|整体|预算|决算")
_ORG_TAIL = re.compile(r"(?:办公室|办公厅|委员会|常委会|人民政府|街道办事处|局|厅|委|院|部|会|中心|所|站|馆|处|队|校|团|社|协会)"
                       r"(?:[（(]本级[)）])?$")


def _title_department(core: str) -> str:
    """The department printed before the table name, e.g. 重庆市潼南区人民政府办公室（本级）,
    with the year before or after it: the text before the first word of the table name."""
    core = re.sub(r"^20\d{2}年度?", "", core)
    m = _TABLE_WORDS.search(core)
    dept = core[:m.start()] if m else ""
    return dept if len(dept) >= 4 and _ORG_TAIL.search(dept) and not _NOT_ORG.search(dept) else ""


# ---------------------------------------------------------------------------
# Department names (finding them in a file: ``analysis.parse.identity``)
# ---------------------------------------------------------------------------
def canonical_department(name: str) -> str:
    """A key under which the spellings of one department fall together.

    中国共产党江苏省委员会办公厅, 中共江苏省委办公厅 and 江苏省委办公厅 give one key;
    so do 江苏省人大常委会办公厅 and 江苏省人大常委会. The printed name is kept elsewhere.
    """
    s = compact(name)
    s = re.sub(r"[（(]本级[)）]", "", s)
    s = s.replace("中国共产党", "中共").replace("委员会", "委")
    s = re.sub(r"^中共", "", s)
    s = s.replace("人民代表大会常务委", "人大常委")
    s = re.sub(r"办公(?:厅|室)$", "", s)
    s = s.replace("常委会", "常委")
    return s


def same_department(a: str, b: str) -> bool:
    """One department under two spellings (中共江苏省委办公厅 / 江苏省委办公厅 / 省委办公厅: a short
    form ends the full name). A name at the start of another is not enough: 上海市普陀区人民政府办公室
    is not 上海市普陀区人民政府万里街道办事处."""
    ca, cb = canonical_department(a), canonical_department(b)
    return bool(ca and cb) and (ca == cb or ca.endswith(cb) or cb.endswith(ca))


