"""Render a Trace: the text `zhibiao score --explain` prints, and JSON for data platforms."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..numbers import fmt
from ..trace.model import RuleTrace, Trace
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
    text = f"{r.rule_id}  {r.text}  {fmt(r.quantity)} {r.unit} × {fmt(r.amount)} 分 = {fmt(r.gross)} 分"
    if r.capped:
        text += f"（本条上限截去 {fmt(r.capped)} 分，实扣 {fmt(r.subtotal)} 分）"
    return text


def evidence(r: RuleTrace) -> str:
    if r.records:
        return "；".join("、".join(f"{k}={show(v)}" for k, v in rec.row.items()) for rec in r.records)
    return "；".join(f"{f.name}={show(f.value)}（{f.origin}）" for f in r.facts)


def _why_not(r: RuleTrace) -> str:
    if r.facts:
        return "；".join(f"{f.name} = {show(f.value if f.value is not None else 0)}" for f in r.facts)
    return f"填报了 {r.records_read} 条记录，没有一条满足条件" if r.records_read else "没有填报记录"


def render_text(t: Trace) -> str:
    out = [f"{t.subject}（{t.block}板块）逐条说明  方案 {t.scheme_id} 版本 {t.version}  评分日期 {t.as_of}",
           f"规则哈希 {t.rules_hash}", ""]
    for cat in t.categories:
        line = f"【{cat.name}】满分 {fmt(cat.points)}，扣 {fmt(cat.deducted)}，得 {fmt(cat.score)}"
        if cat.floor_cut:
            line += f"（类别最低 {fmt(cat.floor)} 分，截去 {fmt(cat.floor_cut)} 分）"
        out.append(line)
        for no, text in cat.clauses:
            out.append(f"  第{no}条 {text}")
            for r in (r for r in cat.rules if r.clause_no == no):
                if r.status == "applied":
                    out.append(f"    ✓ {rule_line(r)}")
                    out.append(f"      条件：{r.condition}；{evidence(r)}")
                elif r.status == "not-in-force":
                    out.append(f"    – {r.rule_id} 在 {t.as_of} 不适用（尚未生效或已停止）")
                else:
                    out.append(f"    · {r.rule_id} 未扣分：条件“{r.condition}”不成立；{_why_not(r)}")
        for no, text in cat.notes:
            out.append(f"  备注{no} {text}")
        out.append("")
    out.append(f"总分 {fmt(t.total)}，{t.block}板块第 {t.rank} 名" + (f"（{t.rank_note}）" if t.rank_note else ""))
    if t.award:
        out.append(f"方案评比：{t.award}（{t.award_note}）")
    return "\n".join(out) + "\n"


def trace_data(t: Trace) -> dict[str, Any]:
    """The trace as JSON-ready data (exact decimals as text)."""
    def rule(r: RuleTrace) -> dict[str, Any]:
        return {"rule_id": r.rule_id, "clause_no": r.clause_no, "text": r.text, "condition": r.condition,
                "status": r.status, "facts": [{"fact": f.fact, "name": f.name, "value": to_plain(f.value),
                                               "from": f.origin} for f in r.facts],
                "records": [{"record": x.record, "index": x.index + 1, "row": to_plain(x.row)} for x in r.records],
                "records_read": r.records_read, "quantity": fmt(r.quantity), "unit": r.unit, "amount": fmt(r.amount),
                "gross": fmt(r.gross), "cap": fmt(r.cap) if r.cap is not None else None, "capped": fmt(r.capped),
                "subtotal": fmt(r.subtotal), "link": r.link}
    return {"subject": t.subject, "block": t.block, "scheme": {"id": t.scheme_id, "version": t.version,
                                                              "rules_hash": t.rules_hash},
            "as_of": t.as_of.isoformat(), "total": fmt(t.total), "rank": t.rank, "rank_note": t.rank_note,
            "award": t.award, "award_note": t.award_note,
            "categories": [{"id": c.id, "name": c.name, "points": fmt(c.points), "deducted": fmt(c.deducted),
                            "floor": fmt(c.floor), "floor_cut": fmt(c.floor_cut), "score": fmt(c.score),
                            "rules": [rule(r) for r in c.rules]} for c in t.categories]}


def render_json(t: Trace) -> str:
    return json.dumps(trace_data(t), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": render_text, "text": render_text, "json": render_json}
