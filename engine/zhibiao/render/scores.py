"""Render a scoring Result as a Chinese terminal table, JSON, CSV or Markdown. No scoring happens here."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from .. import messages, progress
from ..model.results import CategoryResult, Deduction, Result, SubjectResult
from ..numbers import fmt
from .markup import cell_text, md_inline, safe_url, terminal
from .output import csv_text, table


def to_plain(obj: Any) -> Any:
    """JSON-ready data: Decimals as exact strings, dates as ISO text; a result's scheme and inputs left out."""
    if isinstance(obj, SubjectResult):
        out = {"name": obj.name, "block": obj.block, "total": fmt(obj.total),
               "categories": [to_plain(c) for c in obj.categories], "rank": obj.rank, "rank_note": obj.rank_note,
               "award": obj.award, "award_note": obj.award_note,
               "year_end": fmt(obj.year_end) if obj.year_end is not None else None}
        return out | _subject_extras(obj)
    if isinstance(obj, CategoryResult):
        out = {"id": obj.id, "name": obj.name, "points": fmt(obj.points), "deducted": fmt(obj.deducted),
               "floor_cut": fmt(obj.floor_cut), "score": fmt(obj.score), "deductions": [to_plain(d) for d in obj.deductions]}
        return out | _category_extras(obj)
    if isinstance(obj, Deduction):
        out = {"rule_id": obj.rule_id, "category_id": obj.category_id, "clause_no": obj.clause_no, "text": obj.text,
               "condition": obj.condition, "quantity": fmt(obj.quantity), "unit": obj.unit, "amount": fmt(obj.amount),
               "subtotal": fmt(obj.subtotal), "evidence": to_plain(obj.evidence), "capped": fmt(obj.capped),
               "link": obj.link}
        if obj.effect > 0:
            out["effect"] = "加分"
        if obj.detail:
            out["detail"] = obj.detail
        if obj.breakdown:
            out["breakdown"] = [{"level": lv, "count": fmt(n), "amount": fmt(a)} for lv, n, a in obj.breakdown]
        return out
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, Decimal):
        return fmt(obj)
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def _subject_extras(s: SubjectResult) -> dict[str, Any]:
    """What only the general assessment language produces: given only when present, so results of a scheme that
    does not use it are unchanged, byte for byte."""
    out: dict[str, Any] = {}
    if s.key:
        out["id"] = s.key
    if s.input is not None and s.input.attributes:
        out["attributes"] = to_plain(s.input.attributes)
    if s.rounded_from is not None:
        out["rounded_from"] = fmt(s.rounded_from)
    if s.points is not None:
        out["points"] = fmt(s.points)
    if s.grade is not None:
        out["grade"] = s.grade
        if s.grade_by_score != s.grade:
            out["grade_by_score"] = s.grade_by_score
    for key, items in (("vetoes", s.vetoes), ("limits", s.limits)):
        if items:
            out[key] = [{"id": o.id, "name": o.name, "text": o.text, "detail": o.detail,
                         **({"score": fmt(o.score)} if o.score is not None else {}),
                         **({"grade": o.grade} if o.grade else {}), **({"awards": list(o.awards)} if o.awards else {})}
                        for o in items]
    if s.measures:
        out["measures"] = {k: {"name": m.name, "value": fmt(m.value), "detail": m.detail,
                               **({"members": [[n, to_plain(v)] for n, v in m.members]} if m.members else {})}
                           for k, m in s.measures.items()}
    if s.ranks:
        out["ranks"] = {k: {"rank": r, "note": note} for k, (r, note) in s.ranks.items()}
    return out


def _category_extras(c: CategoryResult) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if c.added:
        out["added"] = fmt(c.added)
    if c.base is not None:
        out["base"] = fmt(c.base)
    if c.cap_cut:
        out["cap_cut"] = fmt(c.cap_cut)
    if c.rounded_from is not None:
        out["rounded_from"] = fmt(c.rounded_from)
    if c.weight is not None:
        out["weight"] = fmt(c.weight)
    if c.children:
        out["children"] = [to_plain(x) for x in c.children]
    return out


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


def arithmetic(d: Deduction) -> str:
    """“2 次 × 0.5 分 = 1 分”; by level “一级 1 次 × 10 分 + 三级 3 次 × 2 分 = 16 分”; a grade “0.8 × 20 分”."""
    if d.breakdown:
        parts = " + ".join(f"{lv} {fmt(n)} {d.unit} × {fmt(a)} 分" for lv, n, a in d.breakdown)
        return f"{parts} = {fmt(d.gross)} 分"
    if d.detail and d.quantity == 1:
        return f"{fmt(d.amount)} 分"
    unit = f" {d.unit}" if not d.detail else ""
    return f"{fmt(d.quantity)}{unit} × {fmt(d.amount)} 分 = {fmt(d.gross)} 分"


def deduction_line(d: Deduction) -> str:
    if d.effect > 0 or d.detail or d.breakdown:  # the general language: say 加/扣 and how the amount was chosen
        verb = "加" if d.effect > 0 else "扣"
        text = f"{d.rule_id}  {d.text}  {verb} {arithmetic(d)}"
        if d.capped:
            text += f"（本条上限截去 {fmt(d.capped)} 分，实{verb} {fmt(d.subtotal)} 分）"
        return text
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


def category_line(c: CategoryResult, indent: str = "  ") -> str:
    line = f"{indent}{c.name}  {fmt(c.score)} / {fmt(c.points)}"
    parts = []
    if c.base:
        parts.append(f"基础分 {fmt(c.base)}")
    if c.added:
        parts.append(f"加 {fmt(c.added)} 分")
    if c.deducted:
        parts.append(f"扣 {fmt(c.deducted)} 分")
    if c.floor_cut:
        parts.append(f"最低分以下截去 {fmt(c.floor_cut)} 分")
    if c.cap_cut:
        parts.append(f"超过本项分值截去 {fmt(c.cap_cut)} 分")
    if c.rounded_from is not None:
        parts.append(f"{fmt(c.rounded_from)} 舍入为 {fmt(c.score)}")
    if c.weight is not None:
        parts.append(f"× {fmt(c.weight * 100)}% 计 {fmt(c.contribution)} 分")
    return line + (f"（{'，'.join(parts)}）" if parts else "")


def outcome_lines(s: SubjectResult) -> list[str]:
    out = []
    if s.grade is not None:
        out.append(f"  等级：{s.grade}" + (f"（按总分为{s.grade_by_score}）" if s.grade_by_score != s.grade else ""))
    for v in s.vetoes:
        what = "；".join(x for x in (f"总分记 {fmt(v.score)} 分" if v.score is not None else "",
                                     f"等级定为{v.grade}" if v.grade else "") if x)
        points = f"，按条款计 {fmt(s.points)} 分" if s.points is not None else ""
        out.append(f"  一票否决（{v.id}）{v.name}：{what}{points}；依据：{v.detail}")
    for lim in s.limits:
        what = "；".join(x for x in (f"等级最高为{lim.grade}" if lim.grade else "",
                                     f"不参加“{'、'.join(lim.award_names or lim.awards)}”评比" if lim.awards else "",
                                     "不参加任何评比" if not lim.awards and not lim.grade else "") if x)
        out.append(f"  评优限制（{lim.id}）{lim.name}：{what}；依据：{lim.detail}")
    for m in s.measures.values():
        out.append(f"  汇总指标 {m.name} = {fmt(m.value)}（{m.detail}）")
    return out


def render_table(run: Result, details: bool = True) -> str:
    out = _header(run)
    for bid, members in _blocks(run).items():
        cats = members[0].categories
        graded = any(s.grade is not None for s in members)
        headers = ["名次", "考核对象", "总分"] + (["等级"] if graded else []) + [
            f"{c.name}({fmt(c.points)})" for c in cats] + ["方案评比"]
        if run.year_end_weight is not None:
            headers.append("年终折算")
        rows = []
        for s in members:
            row = [str(s.rank or ""), s.name, fmt(s.total)] + ([s.grade or ""] if graded else []) + [
                fmt(c.score) for c in s.categories] + [s.award or ""]
            if run.year_end_weight is not None:
                row.append(fmt(s.year_end) if s.year_end is not None else "")
            rows.append(row)
        numeric = [True, False, True] + ([False] if graded else []) + [True] * len(cats) + [False, True]
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
                out += outcome_lines(s)
                for top in s.categories:
                    for c, depth in _walk(top):
                        indent = "  " * (depth + 1)
                        if _plain(c):
                            line = f"{indent}{c.name}  {fmt(c.score)} / {fmt(c.points)}"
                            if c.deducted:
                                line += f"（扣 {fmt(c.deducted)} 分"
                                line += f"，类别最低 0 分，截去 {fmt(c.floor_cut)} 分）" if c.floor_cut else "）"
                            out.append(line)
                        else:
                            out.append(category_line(c, indent))
                        for d in c.deductions:
                            out.append(f"{indent}  - {deduction_line(d)}")
                            why = f"{d.detail}；" if d.detail else ""
                            out.append(f"{indent}    依据：{why}{d.condition}；{evidence_text(d)}")
                if not s.deductions:
                    out.append("    无扣分")
    return terminal("\n".join(out) + "\n")


def _walk(c: CategoryResult, depth: int = 0) -> list[tuple[CategoryResult, int]]:
    return [(c, depth), *(x for child in c.children for x in _walk(child, depth + 1))]


def _plain(c: CategoryResult) -> bool:
    """A category scored as in the 2009 scheme (printed exactly as before)."""
    return (c.base is None and not c.added and not c.cap_cut and c.rounded_from is None and c.weight is None
            and not c.children)


def _written(subject: SubjectResult) -> dict[str, Any]:
    plain = to_plain(subject)
    progress.advance(progress.WRITE)
    return plain


def render_json(run: Result) -> str:
    progress.begin(progress.WRITE, len(run.subjects))
    data = {
        "scheme": {"id": run.scheme_id, "title": run.scheme_title, "version": run.version,
                   "rules_hash": run.rules_hash, "revision": run.revision},
        "as_of": run.as_of.isoformat(), "period": run.period, "source": run.source,
        "year_end_weight": fmt(run.year_end_weight) if run.year_end_weight is not None else None,
        "awards_note": run.awards_note,
        "warnings": [w.to_dict() for w in run.warnings],
        "subjects": [_written(s) for s in run.subjects],
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
        detail = "；".join(f"{d.rule_id} {fmt(d.quantity)}{d.unit}×{fmt(d.amount)}={fmt(d.subtotal)}"
                           if not (d.effect > 0 or d.detail or d.breakdown) else f"{d.rule_id} {deduction_line(d)}"
                           for d in s.deductions)
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
