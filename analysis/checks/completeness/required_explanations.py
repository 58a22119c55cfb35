"""``completeness.required_explanations``: the narrative explains the matters the rules require
(部门职责, 机构设置, 收支增减变化, 机关运行经费, 政府采购 by 货物/工程/服务, 国有资产 and vehicles, 绩效目标,
名词解释, the changes of the “三公”经费 and their reasons).

Reported from the disclosure's checklist (``ctx.checklist``): each explanation item that is
missing is one warning, at the page where the narrative treats it when it does so only in part. When
the files given hold no narrative (tables published apart from it), that is said once."""
from __future__ import annotations

from ...checklist import MISSING, NOT_GIVEN
from ...vocab import item as required_item
from ..base import Context, check
from ..common.rules import LAW


@check("completeness.required_explanations", "warning",
       "情况说明包含必须说明的事项", "The narrative explains the required matters",
       "部门预算情况说明应包括：部门职责及机构设置；收支预算增减变化；机关运行经费安排情况；政府采购预算总额及货物、工程、"
       "服务三类各自金额；国有资产占有使用情况（含车辆）；绩效目标设置情况；专业性名词解释；“三公”经费增减变化及原因"
       "（财政预决算领域基层政务公开标准目录（部门预算）；" + LAW + "）。")
def required_explanations(ctx: Context):
    files = [f.path for f in ctx.source.files]
    not_given = [s for s in ctx.checklist if s.status == NOT_GIVEN and required_item(s.id).kind == "explanation"]
    if not_given:
        yield ctx.finding(f"所给文件中没有情况说明（只有公开表格），{len(not_given)} 项应说明的事项无法核对；"
                          "如情况说明另行发布，请一并提供", file=files[-1] if files else "", item="情况说明")
    for status in ctx.checklist:
        rule = required_item(status.id)
        if status.status != MISSING or rule.kind != "explanation":
            continue
        file = status.file or (files[-1] if files else "")
        what = status.detail or f"情况说明中未找到“{status.name}”"
        where = f"第{status.page}页 " if status.page else ""
        yield ctx.finding(f"{where}{what}。依据：{rule.source_title}（{rule.id}：{rule.item}）",
                          file=file, page=status.page, item=status.name)
