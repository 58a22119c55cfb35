"""Builders shared by the tests of the arithmetic checks."""
from __future__ import annotations

from .builders import mkrow, mktable

SUMMARY_KEYS = [("income", "total"), ("expenditure", "total"), ("expenditure_purpose", "total")]


def _summary(inc_current="10150.48", inc_total="10150.48", exp_total="10150.48", basic="5678.17"):
    """江苏省政协 2018 公开01表, reduced."""
    rows = [
        mkrow("一、财政拨款", section="income", total="10070.48"),
        mkrow("一、一般公共服务支出", section="expenditure", total="7827.46"),
        mkrow("一、基本支出", section="expenditure_purpose", total=basic),
        mkrow("1.一般公共预算", section="income", total="10070.48"),
        mkrow("二、项目支出", section="expenditure_purpose", total="3314.68"),
        mkrow("2.政府性基金预算", section="income", total="0"),
        mkrow("三、单位预留机动经费", section="expenditure_purpose", total="1157.63"),
        mkrow("二、财政专户管理资金", section="income", total="0"),
        mkrow("八、社会保障和就业支出", section="expenditure", total="823.76"),
        mkrow("三、其他资金", section="income", total="80.00"),
        mkrow("十八、住房保障支出", section="expenditure", total="1499.26"),
        mkrow("当年收入小计", section="income", flags=("total",), total=inc_current),
        mkrow("当年支出小计", section="expenditure_purpose", flags=("total",), total="10150.48"),
        mkrow("上年结转资金", section="income", total="0"),
        mkrow("结转下年资金", section="expenditure", total="0"),
        mkrow("收入合计", section="income", flags=("total",), total=inc_total),
        mkrow("支出合计", section="expenditure_purpose", flags=("total",), total=exp_total),
    ]
    return mktable("department_summary", SUMMARY_KEYS, rows, label="公开01表")
