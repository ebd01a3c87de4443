"""Render a scoring Result as a Chinese terminal table, JSON, CSV or Markdown. No scoring happens here."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from .. import messages
from ..model.results import CategoryResult, Deduction, Result, SubjectResult
from ..numbers import fmt
from .markup import cell_text, md_inline, safe_url
from .output import csv_text, table


def to_plain(obj: Any) -> Any:
    """JSON-ready data: Decimals as exact strings, dates as ISO text; a result's scheme and inputs left out."""
    if isinstance(obj, SubjectResult):
        return {"name": obj.name, "block": obj.block, "total": fmt(obj.total),
                "categories": [to_plain(c) for c in obj.categories], "rank": obj.rank, "rank_note": obj.rank_note,
                "award": obj.award, "award_note": obj.award_note,
                "year_end": fmt(obj.year_end) if obj.year_end is not None else None}
    if isinstance(obj, CategoryResult):
        return {"id": obj.id, "name": obj.name, "points": fmt(obj.points), "deducted": fmt(obj.deducted),
                "floor_cut": fmt(obj.floor_cut), "score": fmt(obj.score), "deductions": [to_plain(d) for d in obj.deductions]}
    if isinstance(obj, Deduction):
        return {"rule_id": obj.rule_id, "category_id": obj.category_id, "clause_no": obj.clause_no, "text": obj.text,
                "condition": obj.condition, "quantity": fmt(obj.quantity), "unit": obj.unit, "amount": fmt(obj.amount),
                "subtotal": fmt(obj.subtotal), "evidence": to_plain(obj.evidence), "capped": fmt(obj.capped),
                "link": obj.link}
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, Decimal):
        return fmt(obj)
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def _header(run: Result) -> list[str]:
    lines = [f"{run.scheme_title}（{run.scheme_id}）  版本 {run.version}",
             f"规则哈希 {run.rules_hash}" + (f"  方案文件版本 {run.revision}" if run.revision else ""),
             f"考核期 {run.period}  评分日期 {run.as_of.isoformat()}  填报文件 {run.source}"]
    if run.year_end_weight is not None:
        lines.append(f"计入年终考核比例 {fmt(run.year_end_weight)}")
    lines += [f"注意：{w.message}" for w in run.warnings]
    return lines


def _blocks(run: Result) -> dict[str, list[SubjectResult]]:
    out: dict[str, list[SubjectResult]] = {}
    for s in run.subjects:
        out.setdefault(s.block, []).append(s)
    for members in out.values():
        members.sort(key=lambda s: (s.rank or 0, s.name))
    return out


def evidence_text(d: Deduction) -> str:
    parts = []
    for e in d.evidence:
        if "fact" in e:
            v = e["value"]
            shown = ("是" if v else "否") if isinstance(v, bool) else fmt(v) if hasattr(v, "quantize") else str(v)
            parts.append(f"{e['name']}={shown}（{e['from']}）")
        else:
            row = e["row"]
            parts.append("、".join(f"{k}={_show(v)}" for k, v in row.items()))
    return "；".join(parts)


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, list):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    if hasattr(v, "quantize"):
        return fmt(v)
    return str(v)


def deduction_line(d: Deduction) -> str:
    text = (f"{d.rule_id}  {d.text}  {fmt(d.quantity)} {d.unit} × {fmt(d.amount)} 分 = {fmt(d.subtotal + d.capped)} 分")
    if d.capped:
        text += f"（本条上限截去 {fmt(d.capped)} 分，实扣 {fmt(d.subtotal)} 分）"
    return text


def _partial(run: Result, block: str) -> str:
    w = next((w for w in run.warnings if w.code == "submission.partial" and w.get("block_id") == block), None)
    if w is None:
        return ""
    return "（" + messages.render("score.partial-block", {"expected": w.get("expected"),
                                                        "missing": len(w.get("missing"))}) + "）"


def render_table(run: Result, details: bool = True) -> str:
    out = _header(run)
    for bid, members in _blocks(run).items():
        cats = members[0].categories
        headers = ["名次", "考核对象", "总分"] + [f"{c.name}({fmt(c.points)})" for c in cats] + ["方案评比"]
        if run.year_end_weight is not None:
            headers.append("年终折算")
        rows = []
        for s in members:
            row = [str(s.rank or ""), s.name, fmt(s.total)] + [fmt(c.score) for c in s.categories] + [s.award or ""]
            if run.year_end_weight is not None:
                row.append(fmt(s.year_end) if s.year_end is not None else "")
            rows.append(row)
        numeric = [True, False, True] + [True] * len(cats) + [False, True]
        out += ["", f"【{bid}板块】共 {len(members)} 个考核对象" + _partial(run, bid), table(headers, rows, numeric)]
        ties = [s for s in members if s.rank_note]
        for s in ties:
            out.append(f"  并列：{s.name} {s.rank_note}")
    if run.awards_note:
        out += ["", f"评比说明：{run.awards_note}"]
    if details:
        out += ["", "扣分明细"]
        for bid, members in _blocks(run).items():
            for s in members:
                out.append(f"\n{s.name}（{bid}板块）总分 {fmt(s.total)}，第 {s.rank} 名" + (f"，{s.award}" if s.award else ""))
                for c in s.categories:
                    line = f"  {c.name}  {fmt(c.score)} / {fmt(c.points)}"
                    if c.deducted:
                        line += f"（扣 {fmt(c.deducted)} 分"
                        line += f"，类别最低 0 分，截去 {fmt(c.floor_cut)} 分）" if c.floor_cut else "）"
                    out.append(line)
                    for d in c.deductions:
                        out.append(f"    - {deduction_line(d)}")
                        out.append(f"      依据：{d.condition}；{evidence_text(d)}")
                if not s.deductions:
                    out.append("    无扣分")
    return "\n".join(out) + "\n"


def render_json(run: Result) -> str:
    data = {
        "scheme": {"id": run.scheme_id, "title": run.scheme_title, "version": run.version,
                   "rules_hash": run.rules_hash, "revision": run.revision},
        "as_of": run.as_of.isoformat(), "period": run.period, "source": run.source,
        "year_end_weight": fmt(run.year_end_weight) if run.year_end_weight is not None else None,
        "awards_note": run.awards_note,
        "warnings": [w.to_dict() for w in run.warnings],
        "subjects": [to_plain(s) for s in run.subjects],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_csv(run: Result) -> str:
    cats: list[tuple[str, str]] = []
    for s in run.subjects:
        for c in s.categories:
            if (c.id, c.name) not in cats:
                cats.append((c.id, c.name))
    headers = ["板块", "名次", "考核对象", "总分"] + [f"{n}({cid})" for cid, n in cats] + [
        "方案评比", "年终折算", "扣分明细", "方案", "版本", "规则哈希", "评分日期"]
    rows = []
    for s in sorted(run.subjects, key=lambda s: (s.block, s.rank or 0, s.name)):
        scores = {c.id: fmt(c.score) for c in s.categories}
        detail = "；".join(f"{d.rule_id} {fmt(d.quantity)}{d.unit}×{fmt(d.amount)}={fmt(d.subtotal)}" for d in s.deductions)
        rows.append([cell_text(s.block), str(s.rank or ""), cell_text(s.name), fmt(s.total)]
                    + [scores.get(cid, "") for cid, _ in cats] + [
            cell_text(s.award or ""), fmt(s.year_end) if s.year_end is not None else "", cell_text(detail),
            run.scheme_id, run.version, run.rules_hash, run.as_of.isoformat()])
    return csv_text(headers, rows)


def render_markdown(run: Result, site: str = "") -> str:
    """Markdown summary; with `site` (the handbook's base URL, http(s) only) every rule id links to its row there.

    Every text that came from a scheme or a submission is escaped (`render.markup.md`): a period name with
    `<script>` or a `[点我](javascript:…)` link stays inert text."""
    base = safe_url(site).rstrip("/")
    out = [f"# {md_inline(run.scheme_title)} 评分结果", "", f"- 方案：`{md_inline(run.scheme_id)}` 版本 {md_inline(run.version)}",
           f"- 规则哈希：`{run.rules_hash}`", f"- 考核期：{md_inline(run.period)}（评分日期 {run.as_of.isoformat()}）", ""]
    out += [f"> 注意：{md_inline(w.message)}\n" for w in run.warnings]
    for bid, members in _blocks(run).items():
        cats = members[0].categories
        out += [f"## {md_inline(bid)}板块", "",
                "| 名次 | 考核对象 | 总分 | " + " | ".join(md_inline(c.name) for c in cats) + " | 方案评比 |",
                "|---:|---|---:|" + "---:|" * len(cats) + "---|"]
        for s in members:
            out.append(f"| {s.rank} | {md_inline(s.name)} | {fmt(s.total)} | " + " | ".join(fmt(c.score) for c in s.categories)
                       + f" | {md_inline(s.award or '')} |")
        out.append("")
    out += ["## 扣分明细", ""]
    for bid, members in _blocks(run).items():
        for s in members:
            if not s.deductions:
                continue
            out.append(f"**{md_inline(s.name)}**（{md_inline(bid)}板块，总分 {fmt(s.total)}）")
            out.append("")
            for d in s.deductions:
                rid = f"[`{d.rule_id}`]({base}/{d.link})" if base else f"`{d.rule_id}`"
                out.append(f"- {rid} {md_inline(d.text)}：{fmt(d.quantity)} {md_inline(d.unit)} × {fmt(d.amount)} 分 = "
                           f"{fmt(d.subtotal)} 分")
            out.append("")
    return "\n".join(out)


RENDERERS = {"table": render_table, "json": render_json, "csv": render_csv, "markdown": render_markdown}
