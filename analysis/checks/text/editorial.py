"""``text.editorial``: editorial slips a reader would report — doubled punctuation (。。), a doubled
word (预算预算), a number with two decimal points (1.234.5万元), unbalanced brackets in a sentence,
a headline total stated as 0 万元. Worth knowing, not a fault of the figures: ``info``."""
from __future__ import annotations

from ...vocab import keyword_rules
from ..base import Context, check
from ..common.sentences import garbled, lines, quote
from ..common.text import squeeze

WHAT = {"doubled_punctuation": "重复的标点", "doubled_word": "重复的词语", "two_decimal_points": "有两个小数点的数字"}
TOTALS = ("total_income", "total_expenditure")


BRACKET_SPAN = 300   # a bracket closed this far away was left open (the closing one belongs elsewhere)


def _open_brackets(text: str) -> list:
    """Positions of brackets opened and never closed (matched as nested pairs; a closing one alone
    ends a list marker: 1)), or closed implausibly far away."""
    stack, out = [], []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            if i - start > BRACKET_SPAN:
                out.append(start)
    return sorted(out + stack)


def _narrative_by_file(narrative: list) -> dict:
    """file -> its narrative pages joined (a bracket may close on the next page)."""
    out: dict = {}
    for p in sorted(narrative, key=lambda p: (p.file, p.page)):
        out.setdefault(p.file, []).append(p)
    return out


def _brackets(ctx: Context, file: str, pages: list):
    text, starts = "", []
    for p in pages:
        starts.append((len(text), p.page))
        text += squeeze(p.text or "")
    for pos in _open_brackets(text):
        page = [pg for start, pg in starts if start <= pos][-1]
        yield ctx.finding(f"第{page}页括号不成对：“{quote(text[max(0, pos - 20):pos + 40])}”", table="narrative",
                          file=file, page=page, item="括号")


@check("text.editorial", "info",
       "文字没有明显的编辑错误", "No obvious editorial slips in the text",
       "公开文本应准确、规范（财政部《地方预决算公开操作规程》（财预〔2016〕143号））：重复的标点或词语、"
       "两个小数点的数字、不成对的括号、称收支总额为0万元，读者会据此怀疑其他内容。")
def editorial(ctx: Context):
    for s in lines(ctx.d.narrative):      # a printed line: a word is not doubled across a line break
        for key, rx in keyword_rules("text_editorial"):
            m = rx.search(s.text)
            if m:
                yield ctx.finding(f"第{s.page}页有{WHAT[key]}“{m.group(0)}”：“{quote(s.text)}”",
                                  table="narrative", file=s.file, page=s.page, item=m.group(0))
    for file, pages in _narrative_by_file(ctx.d.narrative).items():
        yield from _brackets(ctx, file, [p for p in pages if not garbled(squeeze(p.text or ""))])
    for c in ctx.d.claims:
        if c.metric in TOTALS and c.value == 0 and c.unit == "万元" and (c.year in (None, ctx.d.year)):
            yield ctx.finding(f"第{c.page}页称收支总额为 0 万元：“{quote(c.sentence)}”", table="narrative",
                              file=c.file, page=c.page, item="0万元")
