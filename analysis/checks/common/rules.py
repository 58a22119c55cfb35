"""The rules the checks cite: the law behind what a disclosure must publish (the items themselves are
the vocabulary's, ``analysis.vocab.required_items``), and the accuracy every published figure owes."""
from __future__ import annotations

from ...vocab import READING_ISSUE_ZH

LAW = "中华人民共和国预算法 第十四条；财政部《地方预决算公开操作规程》（财预〔2016〕143号）"

# The rule behind the data-quality checks: what is published is true and accurate.
ACCURACY = ("财政部《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容真实、准确；"
            "中华人民共和国预算法 第十四条：经批准的预算应当公开，并对重要事项作出说明。")

# The rule behind the reading checks: what the tool could not read is not the disclosure's error.
READING = "本工具读取表格时把握不足的地方，不是披露本身的错误；相关数字未用于核对，请对照原文阅读。"


def reading_reasons(issues: list) -> str:
    """The reading issues of a table, in Chinese."""
    return "、".join(READING_ISSUE_ZH.get(i, i) for i in issues) or "读取结果不一致"
