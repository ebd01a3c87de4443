"""The checkup (体检) as people read it: the bounds table of each scheme (`zhibiao check`), its JSON, and the
short Chinese phrases the site shows next to a scheme's points."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..errors import Problem, errors_only
from ..numbers import fmt
from ..validate.checkup import CategoryBounds, RuleBounds, SchemeBounds, SchemeCheckup
from ..validate.checkup.interval import INF, Interval, show
from ..validate.checkup.mechanisms import UNKNOWN
from .markup import terminal
from .output import table


def _range(i: Interval) -> str:
    return f"{show(i.lo)}～{show(i.hi)}"


def category_note(c: CategoryBounds) -> str:
    """Why a category's bounds are what they are, in one sentence (empty when nothing needs saying)."""
    parts = []
    for adding, word, limit in ((False, "扣分", f"由最低分 {fmt(c.floor)} 分限定"), (True, "加分", f"由分值 {fmt(c.points)} 分限定")):
        names = list(dict.fromkeys(r.unbounded_by for r in c.rules if _unbounded(r, adding)))
        if names:
            what = "、".join(names) if len(names) <= 2 else f"{names[0]}等 {len(names)} 项"
            parts.append(f"{word}合计无上限（{what}），{limit}")
    never = [r.id for r in c.rules if r.never]
    if never:
        parts.append(f"永远不会{'计分' if c.method != '扣分制' else '扣分'}的规则：{'、'.join(never)}")
    unknown = [r.id for r in c.rules if r.mechanism == UNKNOWN.name]
    if unknown:
        parts.append(f"体检未能推算的规则：{'、'.join(unknown)}")
    return "；".join(parts)


def _unbounded(r: RuleBounds, adding: bool) -> bool:
    """Whether nothing declared bounds what the rule deducts (or, `adding`, adds)."""
    if not r.unbounded_by:
        return False
    if r.gain is not None:
        return (r.gain if adding else r.points).hi == INF
    return r.points.hi == INF and r.adds == adding


def most_deducted(c: CategoryBounds) -> str:
    """“最多扣 10 分” as the site shows it beside the points (a 加分制 category: the range of its score)."""
    if c.method != "扣分制" and not c.children:
        return f"得分 {_range(c.score)} 分"
    return f"最多扣 {fmt(c.most_deducted)} 分"


def block_summary(bounds: SchemeBounds) -> list[str]:
    """“A板块：最高可能得分 100 分，最低可能得分 0 分（满分 100 分）” for each block."""
    return [f"{b.name}最高可能得分 {show(b.total.hi)} 分，最低可能得分 {show(b.total.lo)} 分（满分 {fmt(b.full_marks)} 分）"
            for b in bounds.blocks]


def render_text(checkups: list[SchemeCheckup], others: list[Problem], rules: bool = False) -> str:
    out: list[str] = []
    for ck in checkups:
        errors = errors_only(ck.problems)
        head = f"{ck.bounds.title}（{ck.bounds.id} {ck.bounds.version}）" if ck.bounds else ck.path
        out += [f"{head}  {ck.path}",
                f"体检：{len(errors)} 个错误，{len(ck.problems) - len(errors)} 个警告" + _dates(ck.bounds), ""]
        if ck.bounds is None:
            out += ["  文件有错误，未能分析得分范围；请先按下面的提示修正。", ""]
        else:
            for b in ck.bounds.blocks:
                out.append(f"【{b.name}】满分 {fmt(b.full_marks)} 分；总分最低可能 {show(b.total.lo)} 分，"
                           f"最高可能 {show(b.total.hi)} 分")
                cats = [(depth, x) for c in b.categories for depth, x in _nested(c)]
                adding = any(x.added.hi > 0 for _, x in cats)
                rows = [[("　" * depth + ("└ " if depth else "")) + x.name + (f"（权重 {fmt(x.weight * 100)}%）" if x.weight is not None else ""),
                         fmt(x.points), _range(x.deducted)] + ([_range(x.added)] if adding else [])
                        + [fmt(x.most_deducted), _range(x.score), category_note(x) or "—"] for depth, x in cats]
                heads = ["考核类别", "分值", "扣分合计可能"] + (["加分合计可能"] if adding else []) + ["最多失分" if adding else "最多实扣", "得分范围", "说明"]
                out += [table(heads, rows, [False, True, True] + ([True] if adding else []) + [True, True, False]), ""]
                if rules:
                    rows = [[r.id, r.mechanism, ("加 " if r.adds and r.gain is None else "扣 ") + _range(r.points)
                             + (f"，加 {_range(r.gain)}" if r.gain is not None else ""),
                             fmt(r.cap) if r.cap is not None else "—",
                             "永远不会计分" if r.never else (f"无上限：{r.unbounded_by}" if r.unbounded_by else "—")]
                            for _, x in cats for r in x.rules]
                    out += [table(["规则", "计分方式", "可能的分数", "上限", "说明"], rows), ""]
        out += [str(p) for p in ck.problems]
        out += [""] if ck.problems else []
    if others:
        out += ["标准文件的引用关系："] + [str(p) for p in others] + [""]
    return terminal("\n".join(out).rstrip("\n") + "\n")


def _nested(c: CategoryBounds, depth: int = 0) -> list[tuple[int, CategoryBounds]]:
    return [(depth, c)] + [x for k in c.children for x in _nested(k, depth + 1)]


def _dates(bounds: SchemeBounds | None) -> str:
    if bounds is None or len(bounds.dates) < 2:
        return ""
    return f"；分值或参数在 {'、'.join(d.isoformat() for d in bounds.dates)} 起各不相同，范围取各时期的并集"


def _num(v: Decimal) -> str | None:
    return fmt(v) if v.is_finite() else None  # null: no bound


def _interval(i: Interval) -> dict[str, Any]:
    return {"min": _num(i.lo), "max": _num(i.hi)}


def render_json(checkups: list[SchemeCheckup], others: list[Problem], rules: bool = False) -> str:
    def rule(r: RuleBounds) -> dict[str, Any]:
        return {"id": r.id, "mechanism": r.mechanism, "adds": r.adds, "points": _interval(r.points),
                "gain": _interval(r.gain) if r.gain is not None else None,
                "cap": fmt(r.cap) if r.cap is not None else None, "never": r.never, "unbounded_by": r.unbounded_by}

    def category(c: CategoryBounds) -> dict[str, Any]:
        return {"id": c.id, "name": c.name, "method": c.method, "points": fmt(c.points), "floor": fmt(c.floor),
                "weight": fmt(c.weight) if c.weight is not None else None, "deducted": _interval(c.deducted),
                "added": _interval(c.added), "most_deducted": fmt(c.most_deducted), "score": _interval(c.score),
                "note": category_note(c), "rules": [rule(r) for r in c.rules],
                "categories": [category(k) for k in c.children]}

    def scheme(ck: SchemeCheckup) -> dict[str, Any]:
        b = ck.bounds
        data: dict[str, Any] = {"path": ck.path, "problems": [p.to_dict() for p in ck.problems]}
        if b is None:
            return data | {"bounds": None}
        return data | {"id": b.id, "version": b.version, "title": b.title,
                       "dates": [d.isoformat() for d in b.dates],
                       "blocks": [{"id": x.id, "name": x.name, "full_marks": fmt(x.full_marks),
                                   "total": _interval(x.total), "categories": [category(c) for c in x.categories]}
                                  for x in b.blocks]}
    return json.dumps({"schemes": [scheme(c) for c in checkups], "problems": [p.to_dict() for p in others]},
                      ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": render_text, "text": render_text, "json": render_json}
