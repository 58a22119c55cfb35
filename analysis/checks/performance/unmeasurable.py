"""``performance.unmeasurable``: targets that cannot be measured (value or 三级指标 "定性", "长期",
"好" …)."""
from __future__ import annotations

from ...vocab import keyword
from ..base import Context, check
from ..common.targets import target_label, target_name, tfinding
from ..common.text import squeeze


@check("performance.unmeasurable", "warning",
       "绩效指标可衡量", "Targets are measurable",
       "绩效指标应当细化、量化，定性指标应当可衡量、可考核（财预〔2020〕10号第十六条）："
       "以“定性”“长期”“好”等代替指标值或指标名称，无法据以评价。")
def unmeasurable(ctx: Context):
    d = ctx.d
    placeholder, vague_value = keyword("indicator", "placeholder"), keyword("indicator", "vague")
    for p in d.performance:
        vague = []
        for ind in p.indicators:
            name = squeeze(ind.name)
            value = squeeze(ind.value_raw)
            if placeholder.fullmatch(name):
                yield tfinding(ctx, p, (f"{target_label(d, p, ind.page)}“{target_name(p)}”的{ind.level2 or '指标'}"
                                        f"三级指标名称为“{ind.name}”，未写明考核什么（指标值“{ind.value_raw}”）。"),
                               ind=ind, severity="warning")
            elif placeholder.fullmatch(value) and ind.value is None:
                yield tfinding(ctx, p, (f"{target_label(d, p, ind.page)}“{target_name(p)}”指标“{ind.name}”的指标值为"
                                        f"“{ind.value_raw}”，没有目标值。"), ind=ind, severity="warning")
            elif ind.value is None and vague_value.fullmatch(value):
                vague.append(ind)
        if vague:
            listed = "；".join(f"“{i.name}”：{i.value_raw}" for i in vague)
            yield tfinding(ctx, p, (f"{target_label(d, p)}“{target_name(p)}”有{len(vague)}项指标以定性描述代替"
                                    f"可考核的目标值：{listed}。"), ind=vague[0], severity="info",
                           item=target_name(p))
