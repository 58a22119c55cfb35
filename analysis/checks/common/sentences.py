"""The narrative as a reader reads it: headings and sentences, each with its file and page.

A line of a narrative page is a *heading* when it is short and opens a part or a numbered section
(第三部分, 一、, （二）, 3.) or names one (…说明, …情况, …表); the rest of a page's lines are joined
(a wrapped line goes on) and cut into sentences at 。；;！？. Text is NFKC-normalised, without spaces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import squeeze

HEADING_START = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))")
HEADING_END = re.compile(r"(?:说明|情况|解释|概况|目标|职能|职责|设置|构成|表)$")
HEADING_MAX = 40
SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")


@dataclass(frozen=True)
class Sentence:
    file: str
    page: int
    text: str
    heading: bool = False


def lines(narrative: list) -> list:
    """The printed lines of the narrative pages (NFKC, without spaces), as ``Sentence`` values, skipping
    pages whose text came out scattered."""
    out = []
    for page in narrative:
        if garbled(squeeze(page.text or "")):
            continue
        out.extend(Sentence(page.file, page.page, squeeze(raw)) for raw in (page.text or "").splitlines() if squeeze(raw))
    return out


def _is_heading(line: str) -> bool:
    """A short line that opens or names a section and states nothing (no comma, no amount)."""
    if not 0 < len(line) <= HEADING_MAX or re.search(r"[,，。；;]|\d万元|\d元", line):
        return False
    return bool(HEADING_START.match(line) or HEADING_END.search(line))


GARBLED = re.compile(r"\(\)|（）|[、,，]{2}")
GARBLED_MIN = 2


def garbled(text: str) -> bool:
    """Text whose extraction scattered its punctuation (empty brackets, runs of 、 far from their
    words): a reading problem of the page, where editorial checks would only find the tool's slips."""
    return len(GARBLED.findall(text)) >= GARBLED_MIN


def sentences(narrative: list) -> list:
    """Headings and sentences of the narrative pages, in reading order."""
    out = []
    for page in narrative:
        body: list = []
        for raw in (page.text or "").splitlines():
            line = squeeze(raw)
            if not line:
                continue
            if _is_heading(line):
                out.extend(_cut(page, "".join(body)))
                body = []
                out.append(Sentence(page.file, page.page, line, heading=True))
            else:
                body.append(line)
        out.extend(_cut(page, "".join(body)))
    return out


def _cut(page, text: str) -> list:
    return [Sentence(page.file, page.page, s) for s in SENTENCE_END.split(text) if s.strip()]


def quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
