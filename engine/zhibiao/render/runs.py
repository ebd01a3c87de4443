"""Stored runs as people read them: the list of runs, a subject's history, and the comparison of two periods
(terminal table, Markdown, JSON). Nothing is read from the database here: the store hands over plain data."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..model.runs import Comparison, HistoryPoint, RunInfo, SubjectChange
from ..numbers import fmt
from .markup import md_inline
from .output import table


def _n(d: Decimal | None) -> str:
    return "—" if d is None else fmt(d)


def _signed(d: Decimal | None) -> str:
    if d is None:
        return "—"
    return ("+" if d > 0 else "") + fmt(d) if d else "0"


def _when(info: RunInfo) -> str:
    return info.created_at.replace("T", " ").replace("+00:00", " UTC")


def run_plain(info: RunInfo) -> dict[str, Any]:
    return {"id": info.id, "created_at": info.created_at, "created_by": info.created_by, "scheme": info.scheme_id,
            "version": info.version, "rules_hash": info.rules_hash, "revision": info.revision, "period": info.period,
            "period_name": info.period_name, "period_start": info.period_start.isoformat(),
            "period_end": info.period_end.isoformat(), "as_of": info.as_of.isoformat(),
            "year_end_weight": None if info.year_end_weight is None else fmt(info.year_end_weight),
            "submission_hash": info.submission_hash, "source": info.source, "subjects": info.subjects}


# ---------------------------------------------------------------------- runs
def runs_table(items: list[RunInfo]) -> str:
    if not items:
        return "结果库中还没有保存任何评分（zhibiao score 填报文件 --save）\n"
    rows = [[f"#{r.id}", r.period, r.scheme_id, r.version, str(r.subjects), r.as_of.isoformat(), _when(r), r.created_by,
             r.source, r.submission_hash[7:19]] for r in items]
    return table(["运行", "考核期", "方案", "版本", "考核对象", "评分日期", "保存时间", "保存人", "填报文件", "填报哈希"],
                 rows, [False, False, False, False, True, False, False, False, False, False]) + "\n"


def runs_json(items: list[RunInfo]) -> str:
    return json.dumps([run_plain(r) for r in items], ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------- history
def history_table(points: list[HistoryPoint]) -> str:
    first = points[0]
    cats: list[tuple[str, str]] = []
    for p in points:
        for cid, name, _ in p.categories:
            if (cid, name) not in cats:
                cats.append((cid, name))
    headers = ["考核期", "运行", "版本", "总分", "变化", "名次", "评比"] + [n for _, n in cats] + ["扣分笔数"]
    rows, prev = [], None
    for p in points:
        scores = {cid: s for cid, _, s in p.categories}
        rows.append([p.run.period, f"#{p.run.id}", p.run.version, fmt(p.total),
                     _signed(p.total - prev) if prev is not None else "", str(p.rank or ""), p.award or ""]
                    + [_n(scores.get(cid)) for cid, _ in cats] + [str(p.deductions)])
        prev = p.total
    numeric = [False, False, False, True, True, True, False] + [True] * len(cats) + [True]
    return (f"{first.subject}（{first.block}板块）历年考核结果\n" + table(headers, rows, numeric) + "\n"
            f"（每个考核期取最后保存的一次评分；逐项原因：zhibiao compare 期别 期别 --subject {first.subject}）\n")


def history_json(points: list[HistoryPoint]) -> str:
    return json.dumps([{"run": run_plain(p.run), "subject": p.subject, "block": p.block, "total": fmt(p.total),
                        "rank": p.rank, "award": p.award, "deductions": p.deductions,
                        "categories": [{"id": c, "name": n, "score": fmt(s)} for c, n, s in p.categories]}
                       for p in points], ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------- compare
def _header(c: Comparison) -> list[str]:
    lines = [f"比较 {c.old.label} 与 {c.new.label}",
             f"  {c.old.period}：{c.old.period_name}（评分日期 {c.old.as_of}，保存于 {_when(c.old)}，{c.old.created_by}）",
             f"  {c.new.period}：{c.new.period_name}（评分日期 {c.new.as_of}，保存于 {_when(c.new)}，{c.new.created_by}）"]
    lines.append(f"  规则：方案版本 {c.old.version} → {c.new.version}，规则哈希不同（分值或条款有变）" if c.rules_changed
                 else f"  规则：相同（方案版本 {c.new.version}，规则哈希相同），分数的变化全部来自填报的事实")
    return lines


def _subject_lines(s: SubjectChange, md: bool = False) -> list[str]:
    esc = md_inline if md else str
    out = []
    if s.old_total is None:
        return [f"{esc(s.subject)}：本期新参加考核，总分 {_n(s.new_total)}"]
    if s.new_total is None:
        return [f"{esc(s.subject)}：本期没有参加考核（上期总分 {_n(s.old_total)}）"]
    rank = f"，名次 {s.old_rank or '—'} → {s.new_rank or '—'}" if s.old_rank != s.new_rank else ""
    out.append(f"{esc(s.subject)}（{esc(s.block)}板块）总分 {_n(s.old_total)} → {_n(s.new_total)}（{_signed(s.delta)}）{rank}")
    for cid, name, a, b in s.categories:
        out.append(f"  {esc(name)}：{_n(a)} → {_n(b)}")
    for r in s.rules:
        why = "；".join(esc(x) for x in r.reasons)
        out.append(f"  {r.rule_id} {esc(r.text)}：扣 {fmt(r.old_subtotal)} → {fmt(r.new_subtotal)} 分"
                   f"（得分 {_signed(r.effect)}）" + (f"，因为 {why}" if why else ""))
    unexplained = [f for f in s.facts if not any(f.name in x for r in s.rules for x in r.reasons)]
    if unexplained:
        out.append("  其他改动的填报（未影响扣分）：" + "；".join(
            f"{esc(f.name)} {_val(f.old)} → {_val(f.new)}" for f in unexplained))
    return out


def _val(v: Any) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if v is None:
        return "（未填）"
    return str(v)


def compare_text(c: Comparison, subject: str | None = None) -> str:
    out = _header(c)
    changed = [s for s in c.subjects if (subject is None or s.subject == subject)
               and (s.delta != 0 or s.rules or s.old_total is None or s.new_total is None or s.facts)]
    same = [s.subject for s in c.subjects if subject is None and s not in changed]
    out += ["", f"有变化的考核对象：{len(changed)} 个" + (f"；没有变化：{'、'.join(same)}" if same else "")]
    for s in sorted(changed, key=lambda s: (s.delta is None, -(s.delta or 0), s.subject)):
        out += [""] + _subject_lines(s)
    if subject is None:
        moved = [r for r in c.rules if (r.old_subjects, r.old_total) != (r.new_subjects, r.new_total)]
        if moved:
            out += ["", "按规则（全部考核对象合计）"]
            rows = [[r.rule_id, r.text[:30], f"{r.old_subjects} → {r.new_subjects}",
                     f"{fmt(r.old_total)} → {fmt(r.new_total)}"] for r in moved]
            out.append(table(["规则", "原文", "扣分的考核对象", "合计扣分"], rows))
    return "\n".join(out) + "\n"


def compare_markdown(c: Comparison, subject: str | None = None) -> str:
    out = [f"# {md_inline(c.old.period)} 与 {md_inline(c.new.period)} 考核结果比较", ""]
    out += [f"- {md_inline(x.strip())}" for x in _header(c)[1:]] + [""]
    out += ["| 考核对象 | 板块 | " + md_inline(c.old.period) + " | " + md_inline(c.new.period) + " | 变化 | 名次 |",
            "|---|---|---:|---:|---:|---|"]
    for s in c.subjects:
        if subject is None or s.subject == subject:
            out.append(f"| {md_inline(s.subject)} | {md_inline(s.block)} | {_n(s.old_total)} | {_n(s.new_total)} | "
                       f"{_signed(s.delta)} | {s.old_rank or '—'} → {s.new_rank or '—'} |")
    out += ["", "## 变化的原因", ""]
    for s in c.subjects:
        if (subject is None or s.subject == subject) and (s.rules or s.old_total is None or s.new_total is None):
            lines = _subject_lines(s, md=True)
            out += [f"**{lines[0]}**", ""] + [f"- {x.strip()}" for x in lines[1:]] + [""]
    return "\n".join(out)


def compare_json(c: Comparison, subject: str | None = None) -> str:
    def num(d: Decimal | None) -> str | None:
        return None if d is None else fmt(d)
    data = {"old": run_plain(c.old), "new": run_plain(c.new), "rules_changed": c.rules_changed,
            "subjects": [{"subject": s.subject, "block": s.block, "old_total": num(s.old_total),
                          "new_total": num(s.new_total), "delta": num(s.delta), "old_rank": s.old_rank,
                          "new_rank": s.new_rank,
                          "categories": [{"id": i, "name": n, "old": num(a), "new": num(b)} for i, n, a, b in s.categories],
                          "rules": [{"rule_id": r.rule_id, "text": r.text, "old_quantity": num(r.old_quantity),
                                     "new_quantity": num(r.new_quantity), "old_subtotal": num(r.old_subtotal),
                                     "new_subtotal": num(r.new_subtotal), "effect": num(r.effect),
                                     "reasons": list(r.reasons)} for r in s.rules],
                          "facts": [{"fact": f.fact, "name": f.name, "old": f.old, "new": f.new} for f in s.facts]}
                         for s in c.subjects if subject is None or s.subject == subject],
            "rules": [{"rule_id": r.rule_id, "old_subjects": r.old_subjects, "new_subjects": r.new_subjects,
                       "old_total": fmt(r.old_total), "new_total": fmt(r.new_total)} for r in c.rules]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


COMPARE = {"table": compare_text, "markdown": compare_markdown, "json": compare_json}
