"""Render a Trace: the text `zhibiao score --explain` prints, and JSON for data platforms."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..numbers import fmt
from ..model.submission import PreviousRun
from ..trace.model import PREVIOUS, FactRead, RuleTrace, Trace
from .markup import terminal
from .scores import to_plain


def show(v: Any) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, list):
        return "[" + ", ".join(show(x) for x in v) + "]"
    if isinstance(v, Decimal):
        return fmt(v)
    return "" if v is None else str(v)


def rule_line(r: RuleTrace) -> str:
    if r.effect > 0 or r.detail or r.breakdown:  # the general language: 加/扣, and the chosen alternative
        verb = "加" if r.effect > 0 else "扣"
        if r.breakdown:
            how = " + ".join(f"{lv} {fmt(n)} {r.unit} × {fmt(a)} 分" for lv, n, a in r.breakdown) + f" = {fmt(r.gross)} 分"
        elif r.detail and r.quantity == 1:
            how = f"{fmt(r.amount)} 分"
        else:
            how = f"{fmt(r.quantity)}{'' if r.detail else ' ' + r.unit} × {fmt(r.amount)} 分 = {fmt(r.gross)} 分"
        text = f"{r.rule_id}  {r.text}  {verb} {how}"
        if r.capped:
            text += f"（本条上限截去 {fmt(r.capped)} 分，实{verb} {fmt(r.subtotal)} 分）"
        return text
    text = f"{r.rule_id}  {r.text}  {fmt(r.quantity)} {r.unit} × {fmt(r.amount)} 分 = {fmt(r.gross)} 分"
    if r.capped:
        text += f"（本条上限截去 {fmt(r.capped)} 分，实扣 {fmt(r.subtotal)} 分）"
    return text


def evidence(r: RuleTrace) -> str:
    if r.records:
        return "；".join("、".join(f"{k}={show(v)}" for k, v in rec.row.items()) for rec in r.records)
    return "；".join(f"{f.name}={show(f.value)}（{f.origin}）" for f in r.facts)


def _shown(f: FactRead) -> str:
    if f.fact.startswith(PREVIOUS):  # a change rule's previous value: say where it came from, or that there is none
        return f"{f.name} = {show(f.value) if f.value is not None else '无'}（{f.origin}）"
    return f"{f.name} = {show(f.value if f.value is not None else 0)}"


def _why_not(r: RuleTrace) -> str:
    if r.facts:
        return "；".join(_shown(f) for f in r.facts)
    return f"填报了 {r.records_read} 条记录，没有一条满足条件" if r.records_read else "没有填报记录"


def render_text(t: Trace) -> str:
    out = [f"{t.subject}（{t.block}板块）逐条说明  方案 {t.scheme_id} 版本 {t.version}  评分日期 {t.as_of}",
           f"规则哈希 {t.rules_hash}", ""]
    for m_id, m_name, m_value, m_detail in t.measures:
        out.append(f"汇总指标 {m_name}（{m_id}）= {fmt(m_value)}：{m_detail}")
    if t.measures:
        out.append("")
    for cat in t.categories:
        mark = "【" + "子项目：" * min(cat.depth, 1) + cat.name + "】"
        if cat.method == "扣分制" and cat.base is None and not cat.added and cat.weight is None and cat.depth == 0 \
                and cat.rounded_from is None and not cat.cap_cut:
            line = f"{mark}满分 {fmt(cat.points)}，扣 {fmt(cat.deducted)}，得 {fmt(cat.score)}"
        else:
            parts = [f"满分 {fmt(cat.points)}"] + ([f"基础分 {fmt(cat.base)}"] if cat.base else [])
            parts += [f"加 {fmt(cat.added)}"] if cat.added else []
            parts += [f"扣 {fmt(cat.deducted)}"] if cat.deducted else []
            parts.append(f"得 {fmt(cat.score)}")
            line = mark + "，".join(parts)
            if cat.cap_cut:
                line += f"（超过本项分值，截去 {fmt(cat.cap_cut)} 分）"
            if cat.rounded_from is not None:
                line += f"（{fmt(cat.rounded_from)} 按声明舍入）"
            if cat.weight is not None:
                line += f"（× {fmt(cat.weight * 100)}% 计入总分）"
        if cat.floor_cut:
            line += f"（类别最低 {fmt(cat.floor)} 分，截去 {fmt(cat.floor_cut)} 分）"
        out.append(line)
        for no, text in cat.clauses:
            out.append(f"  第{no}条 {text}")
            for r in (r for r in cat.rules if r.clause_no == no):
                if r.status == "applied":
                    out.append(f"    ✓ {rule_line(r)}")
                    why = f"{r.detail}；" if r.detail else ""
                    out.append(f"      {why}条件：{r.condition}；{evidence(r)}")
                elif r.status == "not-in-force":
                    out.append(f"    – {r.rule_id} 在 {t.as_of} 不适用（尚未生效或已停止）")
                else:
                    word = "未扣分" if r.effect < 0 else "未计分"
                    out.append(f"    · {r.rule_id} {word}：条件“{r.condition}”不成立；{_why_not(r)}")
        for no, text in cat.notes:
            out.append(f"  备注{no} {text}")
        out.append("")
    if t.rounded_from is not None:
        out.append(f"按条款合计 {fmt(t.rounded_from)} 分，按声明舍入为 {fmt(t.points if t.points is not None else t.total)} 分")
    out += list(t.outcomes)
    if t.points is not None:
        out.append(f"按条款计 {fmt(t.points)} 分，一票否决后总分 {fmt(t.total)} 分")
    out.append(f"总分 {fmt(t.total)}，{t.block}板块第 {t.rank} 名" + (f"（{t.rank_note}）" if t.rank_note else ""))
    if t.grade is not None:
        out.append(f"考核等级：{t.grade}" + (f"（按总分为{t.grade_by_score}）" if t.grade_by_score != t.grade else ""))
    if t.award:
        out.append(f"方案评比：{t.award}（{t.award_note}）")
    return terminal("\n".join(out) + "\n")


def _run(run: PreviousRun) -> dict[str, Any]:
    """Where a previous value was read: the stored run (number, period, scheme version, when, by whom)."""
    return {"id": run.id, "period": run.period, "period_name": run.period_name, "start": str(run.start),
            "end": str(run.end), "version": run.version, "saved_at": run.created_at, "saved_by": run.created_by}


def trace_data(t: Trace) -> dict[str, Any]:
    """The trace as JSON-ready data (exact decimals as text)."""
    def rule(r: RuleTrace) -> dict[str, Any]:
        return {"rule_id": r.rule_id, "clause_no": r.clause_no, "text": r.text, "condition": r.condition,
                "status": r.status, "facts": [{"fact": f.fact, "name": f.name, "value": to_plain(f.value),
                                               "from": f.origin, **({"run": _run(f.run)} if f.run else {})}
                                              for f in r.facts],
                "records": [{"record": x.record, "index": x.index + 1, "row": to_plain(x.row)} for x in r.records],
                "records_read": r.records_read, "quantity": fmt(r.quantity), "unit": r.unit, "amount": fmt(r.amount),
                "gross": fmt(r.gross), "cap": fmt(r.cap) if r.cap is not None else None, "capped": fmt(r.capped),
                "subtotal": fmt(r.subtotal), "link": r.link,
                **({"effect": "加分"} if r.effect > 0 else {}), **({"detail": r.detail} if r.detail else {}),
                **({"breakdown": [{"level": lv, "count": fmt(n), "amount": fmt(a)} for lv, n, a in r.breakdown]}
                   if r.breakdown else {})}
    return {"subject": t.subject, "block": t.block, "scheme": {"id": t.scheme_id, "version": t.version,
                                                              "rules_hash": t.rules_hash},
            "as_of": t.as_of.isoformat(), "total": fmt(t.total), "rank": t.rank, "rank_note": t.rank_note,
            "award": t.award, "award_note": t.award_note,
            **({"grade": t.grade} if t.grade is not None else {}),
            **({"points": fmt(t.points)} if t.points is not None else {}),
            **({"outcomes": list(t.outcomes)} if t.outcomes else {}),
            **({"measures": [{"id": i, "name": n, "value": fmt(v), "detail": d} for i, n, v, d in t.measures]}
               if t.measures else {}),
            "categories": [{"id": c.id, "name": c.name, "points": fmt(c.points), "deducted": fmt(c.deducted),
                            "floor": fmt(c.floor), "floor_cut": fmt(c.floor_cut), "score": fmt(c.score),
                            "rules": [rule(r) for r in c.rules]} for c in t.categories]}


def render_json(t: Trace) -> str:
    return json.dumps(trace_data(t), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": render_text, "text": render_text, "json": render_json}
