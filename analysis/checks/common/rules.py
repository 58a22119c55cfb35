"""The rules the checks cite: what a disclosure must publish (``analysis/reference/disclosure_rules.csv``,
as the completeness checks cite it), and the accuracy every published figure owes."""
from __future__ import annotations

from typing import Optional

from ...vocab import READING_ISSUE_ZH

LAW = "中华人民共和国预算法 第十四条；财政部《地方预决算公开操作规程》（财预〔2016〕143号）"

FALLBACK_TABLES = {  # used when the reference package is not available
    "T01": ("部门收支总表", 2016), "T02": ("部门收入总表", 2016), "T03": ("部门支出总表", 2016),
    "T04": ("财政拨款收支总表", 2016), "T05": ("一般公共预算支出表", 2016),
    "T06": ("一般公共预算基本支出表", 2016), "T07": ("三公经费表", 2016), "T08": ("政府性基金预算支出表", 2016),
}


def rules() -> dict:
    """rule id -> (item, required_from or None, source title)."""
    try:
        from ...reference import disclosure_rules
        frame = disclosure_rules()
    except Exception:  # pragma: no cover - the reference package ships with the project
        return {k: (v[0], v[1], LAW) for k, v in FALLBACK_TABLES.items()}
    out = {}
    for rec in frame.to_dict("records"):
        year = int(rec["required_from"]) if str(rec.get("required_from") or "").strip() else None
        out[rec["id"]] = (rec["item"], year, rec.get("source_title") or LAW)
    return out


def applies(required_from: Optional[int], year: Optional[int]) -> bool:
    return required_from is None or year is None or year >= required_from


# The rule behind the data-quality checks: what is published is true and accurate.
ACCURACY = ("财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容真实、准确；"
            "中华人民共和国预算法 第十四条：经批准的预算应当公开，并对重要事项作出说明。")

# The rule behind the reading checks: what the tool could not read is not the disclosure's error.
READING = "本工具读取表格时把握不足的地方，不是披露本身的错误；相关数字未用于核对，请对照原文阅读。"


def reading_reasons(issues: list) -> str:
    """The reading issues of a table, in Chinese."""
    return "、".join(READING_ISSUE_ZH.get(i, i) for i in issues) or "读取结果不一致"
