"""Ranking within each block and the 方案评比 awards, with ties shared and explained ("1、2、2、4")."""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from ..model.scheme import Awards
from ..model.results import SubjectResult
from ..numbers import fmt


def _competition_ranks(items: list[SubjectResult], key: Callable[[SubjectResult], tuple]) -> list[tuple[int, list[SubjectResult]]]:
    ordered = sorted(items, key=key, reverse=True)
    out: list[tuple[int, list[SubjectResult]]] = []
    position = 0
    for s in ordered:
        position += 1
        if out and key(out[-1][1][0]) == key(s):
            out[-1][1].append(s)
        else:
            out.append((position, [s]))
    return out


def rank_blocks(results: list[SubjectResult]) -> None:
    blocks: dict[str, list[SubjectResult]] = {}
    for r in results:
        blocks.setdefault(r.block, []).append(r)
    for members in blocks.values():
        for rank, group in _competition_ranks(members, lambda s: (s.total,)):
            for s in group:
                s.rank = rank
                if len(group) > 1:
                    others = "、".join(o.name for o in group if o is not s)
                    s.rank_note = f"总分 {fmt(s.total)} 与 {others} 相同，并列第 {rank} 名"
                else:
                    s.rank_note = ""


def _score(s: SubjectResult, basis: str) -> Decimal:
    return s.total if basis == "total" else s.category(basis).score


def assign_awards(results: list[SubjectResult], awards: Awards | None) -> str:
    """Give each subject its award (if any); return a note about ties at award boundaries."""
    if awards is None or not results:
        return ""
    pools = [results] if awards.scope == "全院" else [
        [r for r in results if r.block == b] for b in dict.fromkeys(r.block for r in results)]
    notes = []
    bounds = []
    acc = 0
    for t in awards.tiers:
        acc += t.count
        bounds.append((acc, t.name))
    basis_name = "总分" if awards.basis == "total" else results[0].category(awards.basis).name
    tie_name = "总分" if awards.tie_break == "total" else results[0].category(awards.tie_break).name
    for pool in pools:
        key = lambda s: (_score(s, awards.basis), _score(s, awards.tie_break))  # noqa: E731
        for rank, group in _competition_ranks(pool, key):
            tier = next((name for limit, name in bounds if rank <= limit), None)
            for s in group:
                s.award = tier
                basis = f"{basis_name} {fmt(_score(s, awards.basis))} 分、{tie_name} {fmt(_score(s, awards.tie_break))} 分"
                if tier:
                    s.award_note = f"{awards.name}第 {rank} 名（{basis}）"
                    if len(group) > 1:
                        s.award_note += f"，与 {'、'.join(o.name for o in group if o is not s)} 并列"
            if tier and len(group) > 1:
                last = rank + len(group) - 1
                limit = next(lim for lim, name in bounds if name == tier)
                if last > limit:
                    notes.append(f"{tier}处并列：{'、'.join(s.name for s in group)} 同分并列第 {rank} 名，"
                                 f"均获{tier}，获奖部门因此多于名额")
    return "；".join(notes)
