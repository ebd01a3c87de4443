"""A resolved overlay (校本扩展) as a table or JSON: every item with the institution, tier and document it comes
from — the base's items first, then the college's additions."""

from __future__ import annotations

import json
from typing import Any

from ..model.operations import ElementList, SamplingPlan, Timetable
from .output import table


def overlay_table(resolved: ElementList | Timetable) -> str:
    if isinstance(resolved, ElementList):
        rows = [[str(e.order), e.name, e.item, "必选" if e.required else "可选", e.origin.label] for e in resolved.elements]
        head = ["序号", "诊断要素", "诊断项目", "必选", "来源"]
        base = resolved.base
    else:
        rows = [[o.id, o.name, o.schedule.text, "、".join(o.responsible), o.origin.label] for o in resolved.obligations]
        head = ["标识", "职责", "时间", "负责", "来源"]
        base = ""
    counts: dict[str, int] = {}
    for r in rows:
        counts[r[-1]] = counts.get(r[-1], 0) + 1
    summary = "；".join(f"{n} 项来自 {label}" for label, n in counts.items())
    title = f"{resolved.meta.title}（{resolved.meta.id} {resolved.meta.version}" + (f"，扩展 {base}" if base else "") + "）"
    return "\n".join([title, "", table(head, rows), "", f"共 {len(rows)} 项：{summary}。", ""])


def _origin(o: Any) -> dict[str, str]:
    return {"机构": o.institution, "机构名称": o.institution_name, "层级": o.tier, "文件": o.document, "路径": o.path}


def overlay_json(resolved: ElementList | Timetable) -> str:
    if isinstance(resolved, ElementList):
        items = [{"标识": e.id, "序号": e.order, "名称": e.name, "诊断项目": e.item, "必选": e.required,
                  "来源": _origin(e.origin), "出处": {"文件": e.source.file, "章节": e.source.section}}
                 for e in resolved.elements]
        data = {"文件": resolved.id, "版本": resolved.meta.version, "上级": resolved.base, "项数": resolved.count,
                "诊断要素": items}
    else:
        data = {"文件": resolved.id, "版本": resolved.meta.version,
                "职责": [{"标识": o.id, "名称": o.name, "负责": list(o.responsible), "时间原文": o.schedule.text,
                          "来源": _origin(o.origin)} for o in resolved.obligations]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sampling_table(plan: SamplingPlan) -> str:
    start, end = plan.period
    lines = [f"{plan.year} 年的抽样复核（院校总数 {plan.colleges} 所）",
             f"  抽样周期：{start}–{end} 年（每 {end - start + 1} 年，首轮 {plan.first_round_year} 年）",
             f"  本周期至少复核：{plan.minimum} 所（总数 × {plan.fraction}，向上取整）",
             f"  {plan.year} 年复核名单最迟公布：{plan.list_deadline or '原文未写'}",
             f"  原文：{plan.text}", f"  原文：{plan.list_text}",
             f"  出处：{plan.source.file}，{plan.source.section}"]
    lines += [f"  说明：{n}" for n in plan.notes]
    return "\n".join(lines) + "\n"


def sampling_json(plan: SamplingPlan) -> str:
    return json.dumps({"年份": plan.year, "院校总数": plan.colleges, "抽样周期": list(plan.period),
                       "本周期至少复核": plan.minimum, "比例": plan.fraction, "首轮": plan.first_round_year,
                       "名单最迟公布": str(plan.list_deadline) if plan.list_deadline else None,
                       "原文": [plan.text, plan.list_text], "说明": list(plan.notes)}, ensure_ascii=False, indent=2) + "\n"
