"""The checkup (体检) as people read it: the bounds table of each scheme (`zhibiao check`), its JSON, and the
short Chinese phrases the site shows next to a scheme's points."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ..errors import Problem, errors_only
from ..numbers import fmt
from ..validate.checkup import CategoryBounds, SchemeBounds, SchemeCheckup
from ..validate.checkup.interval import INF, Interval, show
from .markup import terminal
from .output import table


def _range(i: Interval) -> str:
    return f"{show(i.lo)}～{show(i.hi)}"


def category_note(c: CategoryBounds) -> str:
    """Why a category's bounds are what they are, in one sentence (empty when nothing needs saying)."""
    parts = []
    if c.deducted.hi == INF:
        names = list(dict.fromkeys(c.unbounded_by))
        what = "、".join(names) if len(names) <= 2 else f"{names[0]}等 {len(names)} 项"
        parts.append(f"扣分合计无上限（{what}），由最低分 {fmt(c.floor)} 分限定")
    never = [r.id for r in c.rules if r.never]
    if never:
        parts.append(f"永远不会扣分的规则：{'、'.join(never)}")
    return "；".join(parts)


def most_deducted(c: CategoryBounds) -> str:
    """“最多扣 10 分” as the site shows it beside the points."""
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
                rows = [[c.name, fmt(c.points), _range(c.deducted), fmt(c.most_deducted), _range(c.score),
                         category_note(c) or "—"] for c in b.categories]
                out += [table(["考核类别", "分值", "扣分合计可能", "最多实扣", "得分范围", "说明"], rows,
                              [False, True, True, True, True, False]), ""]
                if rules:
                    rows = [[r.id, r.mechanism, _range(r.points), fmt(r.cap) if r.cap is not None else "—",
                             "永远不会扣分" if r.never else (f"无上限：{r.unbounded_by}" if r.points.hi == INF else "—")]
                            for c in b.categories for r in c.rules]
                    out += [table(["规则", "计分方式", "扣分范围", "上限", "说明"], rows), ""]
        out += [str(p) for p in ck.problems]
        out += [""] if ck.problems else []
    if others:
        out += ["标准文件的引用关系："] + [str(p) for p in others] + [""]
    return terminal("\n".join(out).rstrip("\n") + "\n")


def _dates(bounds: SchemeBounds | None) -> str:
    if bounds is None or len(bounds.dates) < 2:
        return ""
    return f"；分值或参数在 {'、'.join(d.isoformat() for d in bounds.dates)} 起各不相同，范围取各时期的并集"


def _num(v: Decimal) -> str | None:
    return fmt(v) if v.is_finite() else None  # null: no bound


def _interval(i: Interval) -> dict[str, Any]:
    return {"min": _num(i.lo), "max": _num(i.hi)}


def render_json(checkups: list[SchemeCheckup], others: list[Problem], rules: bool = False) -> str:
    def scheme(ck: SchemeCheckup) -> dict[str, Any]:
        b = ck.bounds
        data: dict[str, Any] = {"path": ck.path, "problems": [p.to_dict() for p in ck.problems]}
        if b is None:
            return data | {"bounds": None}
        return data | {"id": b.id, "version": b.version, "title": b.title,
                       "dates": [d.isoformat() for d in b.dates],
                       "blocks": [{"id": x.id, "name": x.name, "full_marks": fmt(x.full_marks),
                                   "total": _interval(x.total),
                                   "categories": [{"id": c.id, "name": c.name, "points": fmt(c.points),
                                                   "floor": fmt(c.floor), "deducted": _interval(c.deducted),
                                                   "most_deducted": fmt(c.most_deducted), "score": _interval(c.score),
                                                   "note": category_note(c),
                                                   "rules": [{"id": r.id, "mechanism": r.mechanism,
                                                              "points": _interval(r.points),
                                                              "cap": fmt(r.cap) if r.cap is not None else None,
                                                              "never": r.never, "unbounded_by": r.unbounded_by}
                                                             for r in c.rules]}
                                                  for c in x.categories]} for x in b.blocks]}
    return json.dumps({"schemes": [scheme(c) for c in checkups], "problems": [p.to_dict() for p in others]},
                      ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": render_text, "text": render_text, "json": render_json}
