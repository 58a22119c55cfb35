"""Recognize table titles, table labels (附件3, 公开05表, 表五), departments and years."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..numbers import normalize
from ..vocab import title_rules
from ..vocab.words import department_spellings, mapping, pattern

LABEL = pattern("table_label")   # a label printed beside or above a table title
_LABEL_SEPARATOR = pattern("label_separator")
_ENUM_PREFIX = pattern("title_ordinal")
_LEADER = pattern("dot_leader")   # dot leaders of a table of contents
_TRAILING = pattern("title_qualifier")
_SUFFIX_NUM = re.compile(r"-\d+$")


@lru_cache(maxsize=1 << 16)   # a pure function of the text, asked of the same cells' text many times
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
        return m.group(1), _LABEL_SEPARATOR.sub("", s[m.end():], count=1)
    return "", s


def is_label(text: str) -> bool:
    label, rest = split_label(text)
    return bool(label) and not rest


def strip_ordinal(text: str) -> str:
    """``一、收支总表`` -> ``收支总表``; ``（三）`` ``1.`` ``第二部分`` likewise."""
    return _ENUM_PREFIX.sub("", text, count=1)


def _as_meant(core: str) -> str:
    """``core`` with each character a recogniser confuses in titles replaced by the one meant."""
    for read, meant in mapping("ocr_title_confusions").items():
        core = core.replace(read, meant)
    return core


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
    if pattern("not_a_title").search(s) or not s:
        return None
    core = _SUFFIX_NUM.sub("", _TRAILING.sub("", s))
    core = pattern("title_unit").sub("", core)
    core = pattern("title_continued").sub("", core)
    if not pattern("title_end").search(core):
        return None
    rules = title_rules(final=bool(pattern("final_word").search(core)))
    kind = next((k for k, rx in rules if rx.search(core)), None)
    if kind is None and (meant := _as_meant(core)) != core:
        # a recogniser reads 入 as 人 (收人): a title no rule names is tried with them as one
        kind = next((k for k, rx in rules if rx.search(meant)), None)
    if kind is None:
        return None
    ym = pattern("year_label").search(core)
    return TitleMatch(kind=kind, title=s, label=label, year=int(ym.group(1)) if ym else None,
                      department=_title_department(core))


_NOT_ORG = pattern("not_an_organisation")
_TABLE_WORDS = pattern("table_name_words")
_ORG_TAIL = pattern("organisation_tail")


def _title_department(core: str) -> str:
    """The department printed before the table name, e.g. 重庆市潼南区人民政府办公室（本级）,
    with the year before or after it: the text before the first word of the table name."""
    core = pattern("year_prefix").sub("", core)
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
    for rx, replacement in department_spellings():
        s = rx.sub(replacement, s)
    return s


def same_department(a: str, b: str) -> bool:
    """One department under two spellings (中共江苏省委办公厅 / 江苏省委办公厅 / 省委办公厅: a short
    form ends the full name). A name at the start of another is not enough: 上海市普陀区人民政府办公室
    is not 上海市普陀区人民政府万里街道办事处."""
    ca, cb = canonical_department(a), canonical_department(b)
    return bool(ca and cb) and (ca == cb or ca.endswith(cb) or cb.endswith(ca))


