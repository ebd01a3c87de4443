"""The bounds of every rule, category and total of a scheme over all possible submissions (interval analysis).

Scores are composed exactly as `evaluate.scoring` composes them, with intervals in place of numbers:
    rule        its mechanism's reach (`mechanisms.py`), then its cap: min(·, cap)
    category    max(points − Σ deductions of its rules, category floor)
    total       Σ scores of the block's categories
on each date where an amount or a parameter changes (the union over those dates is reported). A bound is
refused when it leaves what the scheme promises: a category outside [0, its points], a total outside
[0, full marks]; suspicious caps are warned about. Deductions without an upper bound (a count over a fact with
no maximum, a number of records) are legitimate when the floor bounds the category: the table says so.

How to add a category or total mechanism (weights, base points, nested sections, rounding, vetoes…): compute
it in `_category` / `_block` with `Interval` arithmetic where the scorer computes it, add what the table should
show to `CategoryBounds` / `BlockBounds`, and a finding in `_judge` for each way it can leave its range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...load import Pointer
from . import logic
from .findings import Findings
from .interval import INF, ZERO, Interval, show, total
from .mechanisms import Context, Reach, dated_values, mechanism_of, rule_reach


@dataclass
class RuleBounds:
    id: str
    pointer: Pointer
    category: str
    mechanism: str
    points: Interval            # what it deducts after its cap (union over the dates it is in force)
    cap: Decimal | None = None
    unbounded_by: str = ""      # what leaves it without an upper bound before its cap
    never: bool = False


@dataclass
class CategoryBounds:
    id: str
    name: str
    pointer: Pointer
    points: Decimal
    floor: Decimal
    blocks: tuple[str, ...]
    deducted: Interval          # Σ deductions of its rules, before the floor
    score: Interval
    rules: list[RuleBounds] = field(default_factory=list)

    @property
    def most_deducted(self) -> Decimal:
        """The most a subject can actually lose in this category (after the floor)."""
        return max(self.points - self.score.lo, ZERO)

    @property
    def unbounded_by(self) -> list[str]:
        return [r.unbounded_by for r in self.rules if r.unbounded_by and r.points.hi == INF]


@dataclass
class BlockBounds:
    id: str
    name: str
    pointer: Pointer
    full_marks: Decimal
    total: Interval
    categories: list[CategoryBounds]


@dataclass
class SchemeBounds:
    id: str
    title: str
    version: str
    full_marks: Decimal
    blocks: list[BlockBounds]
    dates: list[dt.date]

    def block(self, bid: str) -> BlockBounds | None:
        return next((b for b in self.blocks if b.id == bid), None)

    @property
    def total(self) -> Interval:
        out = self.blocks[0].total
        for b in self.blocks[1:]:
            out = out.union(b.total)
        return out


def change_dates(data: dict) -> list[dt.date]:
    """The scheme's effective date and every later date on which an amount or a parameter changes."""
    start = dt.date.fromisoformat(str(data["effective"]))
    found = {start}
    for p in data.get("parameters", []):
        found |= {d for d, _ in dated_values(p["values"], start)}
    for cat in data["categories"]:
        for clause in cat["clauses"]:
            for r in clause["rules"]:
                found |= {d for d, _ in dated_values(r["amount"], start)}
    return sorted(d for d in found if d >= start)


def _floor(data: dict) -> Decimal:
    return Decimal(str(data["scoring"]["category_floor"]))


@dataclass
class _RuleAt:
    reach: Reach
    in_force: bool
    points: Interval  # after the cap


def _rules_at(data: dict, ctx: Context) -> dict[str, _RuleAt]:
    out = {}
    for cat in data["categories"]:
        for clause in cat["clauses"]:
            for r in clause["rules"]:
                reach, in_force = rule_reach(r, ctx)
                pts = reach.points if r.get("cap") is None else reach.points.at_most(Decimal(str(r["cap"])))
                out[r["id"]] = _RuleAt(reach, in_force, pts)
    return out


def _category(cat: dict, floor: Decimal, rules: dict[str, _RuleAt]) -> tuple[Interval, Interval]:
    """(Σ deductions, score) of one category on one date."""
    points = Decimal(str(cat["points"]))
    deducted = total([rules[r["id"]].points for k in cat["clauses"] for r in k["rules"]])
    return deducted, (Interval.point(points) - deducted).at_least(floor)


def _judge(data: dict, when: dt.date, rules: dict[str, _RuleAt], scores: dict[str, tuple[Interval, Interval]],
           totals: dict[str, Interval], out: Findings, several: bool) -> None:
    """Findings about bounds on one date (`several`: the scheme has more than one date, so say which)."""
    floor = _floor(data)
    full = Decimal(str(data["scoring"]["full_marks"]))
    since = f"（自 {when.isoformat()} 起）" if several else ""
    broken_blocks: set[str] = set()
    for ci, cat in enumerate(data["categories"]):
        points = Decimal(str(cat["points"]))
        deducted, score = scores[cat["id"]]
        where = "、".join(cat["blocks"])
        if score.hi > points:
            broken_blocks |= set(cat["blocks"])
            out.add("checkup.category-above-points", ("scoring", "category_floor"), once=cat["id"],
                    category=cat["name"], blocks=where, actual=score.hi, expected=points, floor=floor, since=since)
        if score.lo < 0:
            broken_blocks |= set(cat["blocks"])
            ptr = ("scoring", "category_floor") if floor < 0 else ("categories", ci, "points")
            out.add("checkup.category-below-zero", ptr, once=cat["id"], category=cat["name"], blocks=where,
                    actual=score.lo, deducted="无上限" if deducted.hi == INF else f"最多 {show(deducted.hi)} 分", floor=floor, points=points, since=since)
        for k in cat["clauses"]:
            for r in k["rules"]:
                _caps(data, ci, cat, r, rules[r["id"]], points, floor, out)
    for bi, b in enumerate(data["blocks"]):
        t = totals[b["id"]]
        if b["id"] not in broken_blocks and not t.within(ZERO, full):
            out.add("checkup.total-out-of-range", ("blocks", bi), block=b["id"], actual=str(t), expected=full,
                    since=since)


def _caps(data: dict, ci: int, cat: dict, r: dict, at: _RuleAt, points: Decimal, floor: Decimal,
          out: Findings) -> None:
    if r.get("cap") is None or not at.in_force or at.reach.never:
        return
    cap = Decimal(str(r["cap"]))
    ptr = _rule_pointer(data, r["id"]) + ("cap",)
    amount = Decimal(0)
    for _, v in dated_values(r["amount"], dt.date.min):
        amount = max(amount, v or ZERO)
    reach = at.reach.points
    if cap < amount:
        out.add("checkup.cap-below-amount", ptr, "warning", rule=r["id"], cap=cap, amount=amount)
    elif reach.bounded and reach.hi <= cap:
        out.add("checkup.cap-never-reached", ptr, "warning", rule=r["id"], cap=cap, actual=reach.hi)
    elif floor <= points and cap > points - floor:
        out.add("checkup.cap-above-points", ptr, "warning", rule=r["id"], cap=cap, category=cat["name"],
                room=points - floor, points=points, floor=floor)


def _rule_pointer(data: dict, rid: str) -> Pointer:
    for ci, cat in enumerate(data["categories"]):
        for ki, k in enumerate(cat["clauses"]):
            for ri, r in enumerate(k["rules"]):
                if r["id"] == rid:
                    return ("categories", ci, "clauses", ki, "rules", ri)
    return ()


def analyse(data: dict) -> tuple[SchemeBounds, list[Any]]:
    """The scheme's bounds and every finding of the checkup (a schema- and semantics-valid scheme's data)."""
    dates = change_dates(data)
    out = Findings()
    floor = _floor(data)
    rule_env: dict[str, RuleBounds] = {}
    never_at: dict[str, list[bool]] = {}
    reasons: dict[str, dict[str, Any]] = {}
    cat_env: dict[str, tuple[Interval, Interval]] = {}
    block_env: dict[str, Interval] = {}
    for when in dates:
        ctx = Context(data, when)
        rules = _rules_at(data, ctx)
        scores = {c["id"]: _category(c, floor, rules) for c in data["categories"]}
        totals = {b["id"]: total([scores[c["id"]][1] for c in data["categories"] if b["id"] in c["blocks"]])
                  for b in data["blocks"]}
        _judge(data, when, rules, scores, totals, out, len(dates) > 1)
        for rid, why in logic.check(data, ctx, {r: at.reach for r, at in rules.items() if at.in_force}, out).items():
            reasons.setdefault(rid, why)
        for ci, cat in enumerate(data["categories"]):
            for ki, k in enumerate(cat["clauses"]):
                for ri, r in enumerate(k["rules"]):
                    at = rules[r["id"]]
                    if not at.in_force:
                        continue
                    never_at.setdefault(r["id"], []).append(at.reach.never)
                    m = mechanism_of(r)
                    old = rule_env.get(r["id"])
                    rule_env[r["id"]] = RuleBounds(
                        r["id"], ("categories", ci, "clauses", ki, "rules", ri), cat["id"], m.name if m else "",
                        old.points.union(at.points) if old else at.points,
                        None if r.get("cap") is None else Decimal(str(r["cap"])),
                        at.reach.unbounded_by or (old.unbounded_by if old else ""))
        for cid, (d, s) in scores.items():
            old_c = cat_env.get(cid)
            cat_env[cid] = (d, s) if old_c is None else (old_c[0].union(d), old_c[1].union(s))
        for bid, t in totals.items():
            block_env[bid] = t if bid not in block_env else block_env[bid].union(t)
    for rid, flags in never_at.items():
        rule_env[rid].never = all(flags)
    logic.report_never(data, {rid: why for rid, why in reasons.items() if rule_env[rid].never}, out)
    return _assemble(data, dates, rule_env, cat_env, block_env, floor), out.items


def _assemble(data: dict, dates: list[dt.date], rule_env: dict[str, RuleBounds],
              cat_env: dict[str, tuple[Interval, Interval]], block_env: dict[str, Interval],
              floor: Decimal) -> SchemeBounds:
    full = Decimal(str(data["scoring"]["full_marks"]))
    cats: dict[str, CategoryBounds] = {}
    for ci, c in enumerate(data["categories"]):
        deducted, score = cat_env[c["id"]]
        rules = [rule_env[r["id"]] for k in c["clauses"] for r in k["rules"] if r["id"] in rule_env]
        cats[c["id"]] = CategoryBounds(c["id"], c["name"], ("categories", ci), Decimal(str(c["points"])), floor,
                                       tuple(c["blocks"]), deducted, score, rules)
    blocks = [BlockBounds(b["id"], b.get("name", b["id"]), ("blocks", bi), full, block_env[b["id"]],
                          [cats[c["id"]] for c in data["categories"] if b["id"] in c["blocks"]])
              for bi, b in enumerate(data["blocks"])]
    return SchemeBounds(data["id"], data.get("title", data["id"]), str(data.get("version", "")), full, blocks, dates)
