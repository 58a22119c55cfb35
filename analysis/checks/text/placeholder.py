"""``text.placeholder``: template placeholders left in the text — an unnamed unit (XX局), crosses
(××), an unfilled date or amount (X月, XX万元), both directions of a change left in (增加（减少）),
a reason announced and not given (主要原因是。), an instruction to fill in (（此处填写…）).

A placeholder in a heading or a table title is an ``error`` (the title is what a reader trusts
first); in a sentence a ``warning``."""
from __future__ import annotations

from ...vocab import keyword_rules
from ..base import Context, check
from ..common.places import place
from ..common.sentences import quote, sentences
from ..common.text import squeeze

WHAT = {"unnamed_org": "未填写的单位名称", "crosses": "占位符号", "unfilled_date": "未填写的日期",
        "unfilled_amount": "未填写的数字", "both_directions": "未删去的增减选项", "empty_reason": "未写出的原因",
        "fill_in": "填写提示"}


def _hit(text: str):
    for key, rx in keyword_rules("text_placeholder"):
        m = rx.search(text)
        if m:
            return key, m.group(0)
    return None


@check("text.placeholder", "warning",
       "文字中没有未填写的模板占位内容", "No template placeholders left in the text",
       "公开内容应真实、完整（财政部《地方预决算公开操作规程》（财预〔2016〕143号））：模板中的“XX局”“××”“X月”"
       "“增加（减少）”“主要原因是。”“（此处填写…）”等占位内容应在公开前填写或删除。")
def placeholder(ctx: Context):
    for t in ctx.source.tables:
        got = _hit(squeeze(t.title))
        if got:
            yield ctx.finding(f"{place(t)} 表题中有{WHAT[got[0]]}“{got[1]}”（表题：“{quote(squeeze(t.title))}”）",
                              table=t, severity="error", item=got[1])
    for s in sentences(ctx.d.narrative):
        got = _hit(s.text)
        if got:
            where = "标题" if s.heading else "说明"
            yield ctx.finding(f"第{s.page}页{where}中有{WHAT[got[0]]}“{got[1]}”：“{quote(s.text)}”",
                              table="narrative", file=s.file, page=s.page, item=got[1],
                              severity="error" if s.heading else "warning")
