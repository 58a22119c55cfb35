"""``text.stated_comparison``: a comparison stated in words agrees with the amounts the same sentence
gives.

Two forms are read, in budgets and 决算 alike:

* a change against last year whose prior amount the sentence prints: "2024年预算安排25.77万元，比2023年
  预算执行数（60.13万元）减少…" — 增加/增长/上升 needs the amount to be larger, 减少/下降/降低 smaller,
  持平/一致/相同 equal;
* a 决算 compared with its budget: "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，决算数小于
  预算数" — 大于/高于/多于, 小于/低于/少于, 等于/持平 must hold against the budget the sentence names (年初,
  全年), or against every budget it prints when it names none.

A word its amounts contradict is an ``error``: the reader cannot tell which of the two is right.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..base import Context, check
from ..common.amounts import fmt
from ..common.sentences import quote, sentences

NUM = r"(\d[\d,]*(?:\.\d+)?)"
UP, DOWN, SAME = ("增加", "增长", "上升", "提高"), ("减少", "下降", "降低"), ("持平", "一致", "相同", "不变")
CHANGE = re.compile(NUM + r"万元[^。;；]{0,12}?(?:比|较|与)(上年|去年|20\d{2}年)[^。;；,，]{0,24}?"
                    r"(增加|增长|上升|提高|减少|下降|降低|持平|一致|相同|不变)")
# last year's amount as a level: "2023年预算执行数为60.13万元", "（上年：12.5万元）" (never the change itself)
PRIOR = (r"(?:(?:{year})(?:度)?(?:当年)?(?:预算执行|执行|预算|决算)?数?(?:为|是|:|：|[（(])" + NUM + r"万元"
         r"|[（(](?:{year})(?:度)?[^()（）增减]{{0,8}}?[:：]?" + NUM + r"万元[)）])")
FINAL = re.compile(r"(?:支出)?决算数?(?:为|是)?" + NUM + r"万元")
BUDGETS = (("年初", re.compile(r"年初预算数?(?:为|是)?" + NUM + r"万元")),
           ("全年", re.compile(r"(?:全年|调整后?)预算数?(?:为|是)?" + NUM + r"万元")))
VERSUS = re.compile(r"决算数?(大于|高于|多于|超过|小于|低于|少于|等于|持平于?)(年初|全年|调整后?)?预算数?")
BIGGER, SMALLER, EQUAL = ("大于", "高于", "多于", "超过"), ("小于", "低于", "少于"), ("等于", "持平", "持平于")


def _d(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _holds(word: str, a: Decimal, b: Decimal) -> bool:
    """Whether ``word`` (a change or a comparison) is true of a against b."""
    if word in UP or word in BIGGER:
        return a > b
    if word in DOWN or word in SMALLER:
        return a < b
    return a == b


def _prior(text: str, year_word: str, doc_year) -> list:
    years = "上年|去年" if year_word in ("上年", "去年") else re.escape(year_word)
    return [_d(m.group(1) or m.group(2)) for m in re.finditer(PRIOR.format(year=years), text)]


def _changes(ctx: Context, s):
    for m in CHANGE.finditer(s.text):
        amount, word = _d(m.group(1)), m.group(3)
        priors = [p for p in _prior(s.text, m.group(2), ctx.d.year) if p != amount or word in SAME]
        if len(priors) != 1 or _holds(word, amount, priors[0]):
            continue
        yield ctx.finding(f"第{s.page}页称{fmt(amount)}万元比{m.group(2)}“{word}”，而同一句所列{m.group(2)}数为"
                          f"{fmt(priors[0])}万元：“{quote(s.text, 80)}”", table="narrative", file=s.file, page=s.page,
                          item=word, expected=priors[0], actual=amount, difference=amount - priors[0])


def _versus(ctx: Context, s):
    m = VERSUS.search(s.text)
    final = FINAL.search(s.text)
    if m is None or final is None:
        return
    word, named = m.group(1), m.group(2)
    budgets = [(k, _d(b.group(1))) for k, rx in BUDGETS for b in [rx.search(s.text)] if b is not None
               and (not named or named.startswith(k[:2]))]
    value = _d(final.group(1))
    if not budgets or any(_holds(word, value, b) for _, b in budgets):
        return
    k, b = budgets[0]
    yield ctx.finding(f"第{s.page}页称决算数“{word}”{k}预算数，而同一句决算数为{fmt(value)}万元、{k}预算为{fmt(b)}万元："
                      f"“{quote(s.text, 80)}”", table="narrative", file=s.file, page=s.page, item=word,
                      expected=b, actual=value, difference=value - b)


@check("text.stated_comparison", "error",
       "文字表述的比较与同句所列数字一致", "A comparison stated in words agrees with the amounts of its sentence",
       "情况说明对增减变化和预决算差异的文字表述应与所列数字一致（财预〔2016〕143号：公开内容真实、准确）："
       "“增加”须大于、“减少”须小于、“持平”须等于所比较的数；“决算数大于预算数”须决算数确实大于预算数。")
def stated_comparison(ctx: Context):
    for s in sentences(ctx.d.narrative):
        if s.heading:
            continue
        yield from _changes(ctx, s)
        yield from _versus(ctx, s)
