"""Render an impact report as a terminal table, Markdown (pull-request summary) or JSON."""

from __future__ import annotations

import json
from decimal import Decimal

from ..numbers import fmt
from ..render.output import table
from ..render.scores import to_plain
from .impact import FileImpact, Impact, SubjectImpact

HEADERS = ["考核对象", "板块", "原总分", "新总分", "差值", "原排名", "新排名", "原因"]


def signed(d: Decimal) -> str:
    return ("+" if d > 0 else "") + fmt(d)


def _rank(r: int | None) -> str:
    return "—" if r is None else f"第 {r} 名"


def reasons(s: SubjectImpact) -> str:
    """Which rules moved the score: `study-2 扣分 1 → 2`, plus floors and awards when they changed."""
    parts = [f"{r.rule_id} 扣分 {fmt(r.old)} → {fmt(r.new)}" for r in s.rules]
    if s.floor_delta:
        parts.append(f"类别保底截去 {signed(s.floor_delta)}")
    if s.old_award != s.new_award:
        parts.append(f"奖项 {s.old_award or '无'} → {s.new_award or '无'}")
    if not parts and s.delta == 0:
        parts.append("总分未变，名次因其他部门变动而变")
    return "；".join(parts)


def _row(s: SubjectImpact) -> list[str]:
    return [s.name, s.block, fmt(s.old_total), fmt(s.new_total), signed(s.delta), _rank(s.old_rank),
            _rank(s.new_rank), reasons(s)]


def _header(f: FileImpact) -> str:
    same = "（规则内容相同）" if f.old_hash == f.new_hash else ""
    return (f"填报 {f.facts}：考核方案 {f.scheme_id} {f.old_version} → {f.new_version}{same}，"
            f"按 {f.as_of} 有效的规则评分")


def _summary(f: FileImpact) -> str:
    return f"{f.scored} 个考核对象中 {len(f.subjects)} 个的结果有变化"


def render_table(result: Impact) -> str:
    out = [f"改动影响：{result.base} → {result.head}"]
    for f in result.files:
        out.append("")
        if f.note:
            out.append(f"填报 {f.facts}：{f.note}")
            continue
        out += [_header(f), _summary(f) + ("：" if f.subjects else "。")]
        if f.subjects:
            out.append(table(HEADERS, [_row(s) for s in f.subjects], [False, False, True, True, True, True, True, False]))
    return "\n".join(out) + "\n"


def _cell(t: str) -> str:
    return t.replace("|", "\\|")


def render_markdown(result: Impact) -> str:
    out = [f"## 改动影响：`{result.base}` → {result.head}", ""]
    for f in result.files:
        if f.note:
            out += [f"**{f.facts}**：{f.note}", ""]
            continue
        out += [f"**{f.facts}**：考核方案 `{f.scheme_id}` {f.old_version} → {f.new_version}，"
                f"按 {f.as_of} 有效的规则评分；{_summary(f)}。", ""]
        if f.subjects:
            out += ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * 2 + "---:|" * 5 + "---|"]
            out += ["| " + " | ".join(_cell(c) for c in _row(s)) + " |" for s in f.subjects]
            out.append("")
    return "\n".join(out)


def render_json(result: Impact) -> str:
    files = []
    for f in result.files:
        subjects = [{"name": s.name, "block": s.block, "old_total": s.old_total, "new_total": s.new_total,
                     "delta": s.delta, "old_rank": s.old_rank, "new_rank": s.new_rank, "old_award": s.old_award,
                     "new_award": s.new_award, "floor_delta": s.floor_delta,
                     "rules": [{"rule_id": r.rule_id, "text": r.text, "old": r.old, "new": r.new, "delta": r.delta}
                               for r in s.rules]} for s in f.subjects]
        files.append({"facts": f.facts, "scheme_id": f.scheme_id, "old_version": f.old_version,
                      "new_version": f.new_version, "old_rules_hash": f.old_hash, "new_rules_hash": f.new_hash,
                      "as_of": f.as_of, "scored": f.scored, "note": f.note, "subjects": subjects})
    data = {"base": result.base, "head": result.head, "files": files}
    return json.dumps(to_plain(data), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": render_table, "markdown": render_markdown, "json": render_json}
