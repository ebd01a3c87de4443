"""The bounds of every rule, category and total of a scheme over all possible submissions (interval analysis).

Scores are composed exactly as `evaluate.scoring` composes them, with intervals in place of numbers:
    rule        its mechanism's reach (`mechanisms.py`), then its cap: min(·, cap)
    category    base + additions − deductions (a parent: Σ of its sub-categories' contributions), kept within
                [floor, points], rounded where the category says; its contribution is the score × its weight
    total       Σ contributions of the block's categories, rounded where the block (or scheme) says; a veto that
                sets a score adds that score to the possible totals
on each date where an amount or a parameter changes (the union over those dates is reported), block by block
(a measure over another block's results — a department's mean of its teachers' totals — takes that block's bounds,
so blocks are bounded in the order their measures need). A bound is refused when it leaves what the scheme
promises: a category outside [0, its points], a total outside [0, full marks]; suspicious caps are warned about.
Deductions without an upper bound (a count over a fact with no maximum, a number of records) are legitimate when
the floor bounds the category: the table says so.

How to add a category or total mechanism: compute it in `_category` / `_block_total` with `Interval` arithmetic
where the scorer computes it, add what the table should show to `CategoryBounds` / `BlockBounds`, and a finding
in `_judge` for each way it can leave its range.
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
from .mechanisms import (DEDUCT_METHOD, UNKNOWN, CategoryAt, Context, Reach, adds, categories, dated_values, dec,
                         measure_domain, mechanism_of, rule_reach, rules)


@dataclass
class RuleBounds:
    id: str
    pointer: Pointer
    category: str
    mechanism: str
    points: Interval            # what it deducts (or adds) after its cap (union over the dates it is in force)
    cap: Decimal | None = None
    unbounded_by: str = ""      # what leaves it without an upper bound before its cap
    never: bool = False
    adds: bool = False          # it adds points (加分) rather than deducting them
    gain: Interval | None = None  # a rule that can add as well as deduct: what it can add (`points`: deduct)


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
    method: str = DEDUCT_METHOD
    added: Interval = field(default_factory=lambda: Interval.point(ZERO))
    weight: Decimal | None = None
    children: list["CategoryBounds"] = field(default_factory=list)

    @property
    def most_deducted(self) -> Decimal:
        """The most a subject can actually lose in this category (after the floor)."""
        return max(self.points - self.score.lo, ZERO)

    @property
    def unbounded_by(self) -> list[str]:
        return [r.unbounded_by for r in self.rules if r.unbounded_by and
                (r.points.hi == INF or (r.gain is not None and r.gain.hi == INF))]

    def walk(self) -> list["CategoryBounds"]:
        """This category and its sub-categories, parents first."""
        return [self] + [x for c in self.children for x in c.walk()]


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
    for _, _, _, r in rules(data):
        if "amount" in r:
            found |= {d for d, _ in dated_values(r["amount"], start)}
    return sorted(d for d in found if d >= start)


def _scheme_floor(data: dict) -> Decimal:
    return dec((data.get("scoring") or {}).get("category_floor", 0))


def floor_of(data: dict, cat: CategoryAt) -> tuple[Decimal, Pointer, str]:
    """(floor, where it is written, its key as the committee writes it): the category's own `floor`, else the
    scheme's `category_floor` for a 扣分制 category, else 0."""
    if "floor" in cat.data:
        return dec(cat.data["floor"]), cat.pointer + ("floor",), "本类别的 floor"
    if cat.method == DEDUCT_METHOD:
        return _scheme_floor(data), ("scoring", "category_floor"), "category_floor"
    return ZERO, cat.pointer + ("points",), "floor"


def base_of(cat: CategoryAt) -> Decimal:
    points = dec(cat.data["points"])
    if "base" in cat.data:
        return dec(cat.data["base"])
    return points if cat.method == DEDUCT_METHOD else ZERO


def _rounded(i: Interval, r: Any) -> Interval:
    if not isinstance(r, dict):
        return i
    return i.rounded(int(r.get("decimals", 0)), r.get("mode", "四舍五入"))


@dataclass
class _RuleAt:
    reach: Reach
    in_force: bool
    points: Interval            # after the cap
    gain: Interval | None       # after the cap
    adds: bool

    @property
    def delta(self) -> Interval:
        """What it changes the category's raw score by (signed)."""
        if self.gain is not None:
            return Interval(-self.points.hi, self.gain.hi)
        return self.points if self.adds else -self.points


@dataclass
class _CatAt:
    deducted: Interval
    added: Interval
    score: Interval
    contribution: Interval


def _rules_at(data: dict, ctx: Context, block: str) -> dict[str, _RuleAt]:
    out = {}
    for _, cat, _, r in rules(data):
        if block not in cat.blocks:
            continue
        reach, in_force = rule_reach(r, ctx)
        cap = None if r.get("cap") is None else dec(r["cap"])
        pts = reach.points if cap is None else reach.points.at_most(cap)
        gain = reach.gain if cap is None or reach.gain is None else reach.gain.at_most(cap)
        out[r["id"]] = _RuleAt(reach, in_force, pts, gain, adds(r, cat.method))
    return out


def _category(data: dict, cat: CategoryAt, kids: dict[str, list[CategoryAt]], rules_at: dict[str, _RuleAt],
              out: dict[str, _CatAt]) -> _CatAt:
    """A category's bounds on one date in one block (its sub-categories' first, into `out`)."""
    c = cat.data
    points = dec(c["points"])
    floor, _, _ = floor_of(data, cat)
    children = [_category(data, k, kids, rules_at, out) for k in kids.get(c["id"], [])]
    if children:
        raw = total([x.contribution for x in children])
        deducted = total([x.deducted for x in children])
        added = total([x.added for x in children])
    else:
        mine = [rules_at[r["id"]] for k in c.get("clauses") or [] for r in k.get("rules") or []
                if r["id"] in rules_at and rules_at[r["id"]].in_force]
        deducted = total([x.points for x in mine if x.gain is not None or not x.adds])
        added = total([x.gain if x.gain is not None else x.points for x in mine if x.gain is not None or x.adds])
        raw = Interval.point(base_of(cat)) + total([x.delta for x in mine])
    score = _rounded(raw.at_least(floor).at_most(points), c.get("rounding"))
    weight = dec(c["weight"]) if c.get("weight") is not None else None
    found = _CatAt(deducted, added, score, score.scale(weight) if weight is not None else score)
    out[c["id"]] = found
    return found


def _block_total(data: dict, block: dict, tops: list[_CatAt]) -> Interval:
    t = _rounded(total([x.contribution for x in tops]), block.get("rounding") or (data.get("scoring") or {}).get("rounding"))
    for v in data.get("vetoes") or []:
        if isinstance(v, dict) and v.get("score") is not None and (not v.get("blocks") or block["id"] in v["blocks"]):
            t = t.union(Interval.point(dec(v["score"])))
    return t


def _judge(data: dict, when: dt.date, bid: str, rules_at: dict[str, _RuleAt], scores: dict[str, _CatAt],
           t: Interval, out: Findings, several: bool) -> None:
    """Findings about bounds on one date in one block (`several`: the scheme has more than one date, say which)."""
    full = dec(data["scoring"]["full_marks"])
    since = f"（自 {when.isoformat()} 起）" if several else ""
    broken = False
    for cat in categories(data):
        if bid not in cat.blocks:
            continue
        c = cat.data
        points = dec(c["points"])
        floor, floor_ptr, floor_key = floor_of(data, cat)
        at = scores[c["id"]]
        where = "、".join(cat.blocks)
        if floor > points:
            broken = True
            out.add("checkup.category-above-points", floor_ptr, once=c["id"], category=c["name"], blocks=where,
                    actual=floor, expected=points, floor=floor, floor_key=floor_key, since="")
        if at.score.lo < 0:
            broken = True
            ptr = floor_ptr if floor < 0 else cat.pointer + ("points",)
            out.add("checkup.category-below-zero", ptr, once=c["id"], category=c["name"], blocks=where,
                    actual=at.score.lo, deducted="无上限" if at.deducted.hi == INF else f"最多 {show(at.deducted.hi)} 分",
                    floor=floor, floor_key=floor_key, points=points, since=since)
        for k in c.get("clauses") or []:
            for r in k.get("rules") or []:
                if r["id"] in rules_at:
                    _caps(data, cat, r, rules_at[r["id"]], points, floor, out)
    bi = next(i for i, b in enumerate(data["blocks"]) if b["id"] == bid)
    if not broken and not t.within(ZERO, full):
        out.add("checkup.total-out-of-range", ("blocks", bi), block=bid, actual=str(t), expected=full, since=since)


def _caps(data: dict, cat: CategoryAt, r: dict, at: _RuleAt, points: Decimal, floor: Decimal, out: Findings) -> None:
    if r.get("cap") is None or not at.in_force or at.reach.never:
        return
    cap = dec(r["cap"])
    ptr = _rule_pointer(data, r["id"]) + ("cap",)
    unit: Decimal | None = None
    if "amount" in r:
        unit = max((v or ZERO for _, v in dated_values(r["amount"], dt.date.min)), default=ZERO)
    elif r.get("amounts"):
        unit = max(dec(v) for v in r["amounts"].values())
    reach = at.reach.points if at.reach.gain is None else at.reach.points.union(at.reach.gain)
    base = base_of(cat)
    if unit is not None and "each" not in r and "count" not in r and "when" not in r:
        unit = None  # the amount of a grade or band rule is not a per-occurrence amount
    if unit is not None and cap < unit:
        out.add("checkup.cap-below-amount", ptr, "warning", rule=r["id"], cap=cap, amount=unit)
    elif reach.bounded and reach.hi <= cap:
        out.add("checkup.cap-never-reached", ptr, "warning", rule=r["id"], cap=cap, actual=reach.hi)
    elif not at.adds and at.reach.gain is None and floor <= base and cap > base - floor:
        out.add("checkup.cap-above-points", ptr, "warning", rule=r["id"], cap=cap, category=cat.data["name"],
                room=base - floor, points=points, floor=floor)


def _rule_pointer(data: dict, rid: str) -> Pointer:
    return next((ptr for ptr, _, _, r in rules(data) if r["id"] == rid), ())


def _strings(x: Any) -> set[str]:
    """Every string (keys and values) in a part of the scheme: which measures a block's categories read."""
    if isinstance(x, dict):
        return set(x) | {s for v in x.values() for s in _strings(v)}
    if isinstance(x, list):
        return {s for v in x for s in _strings(v)}
    return {x} if isinstance(x, str) else set()


def block_order(data: dict) -> list[str]:
    """Blocks in an order where a block comes after the blocks whose results its measures read (as listed when
    they do not depend on one another; a cycle, which validation refuses, keeps the listed order)."""
    listed = [b["id"] for b in data["blocks"]]
    members = {m["id"]: m["members"] for m in data.get("measures") or [] if isinstance(m, dict) and m.get("members")}
    needs: dict[str, set[str]] = {}
    for bid in listed:
        used = {s for cat in categories(data) if bid in cat.blocks and not cat.parent for s in _strings(cat.data)}
        used |= {s for v in data.get("vetoes") or [] if not v.get("blocks") or bid in v["blocks"] for s in _strings(v)}
        needs[bid] = {members[m] for m in used & set(members) if members[m] != bid}
    order: list[str] = []
    while len(order) < len(listed):
        ready = [b for b in listed if b not in order and needs[b] <= set(order)]
        order.append(ready[0] if ready else next(b for b in listed if b not in order))
    return order


def analyse(data: dict) -> tuple[SchemeBounds, list[Any]]:
    """The scheme's bounds and every finding of the checkup (a schema- and semantics-valid scheme's data)."""
    dates = change_dates(data)
    out = Findings()
    cats = list(categories(data))
    kids: dict[str, list[CategoryAt]] = {}
    for c in cats:
        if c.parent:
            kids.setdefault(c.parent, []).append(c)
    blocks = {b["id"]: b for b in data["blocks"]}
    rule_env: dict[str, RuleBounds] = {}
    never_at: dict[str, list[bool]] = {}
    reasons: dict[str, dict[str, Any]] = {}
    cat_env: dict[str, _CatAt] = {}
    block_env: dict[str, Interval] = {}
    for ptr, _, _, r in rules(data):
        if mechanism_of(r) is None:
            out.add("checkup.mechanism-unknown", ptr, "warning", rule=r["id"])
    for when in dates:
        totals: dict[str, Interval] = {}
        for bid in block_order(data):
            measures = {m["id"]: measure_domain(m, data, totals) for m in data.get("measures") or []
                        if isinstance(m, dict) and "id" in m}
            ctx = Context(data, when, bid, {k: v for k, v in measures.items() if v is not None})
            rules_at = _rules_at(data, ctx, bid)
            scores: dict[str, _CatAt] = {}
            tops = [_category(data, c, kids, rules_at, scores) for c in cats if not c.parent and bid in c.blocks]
            totals[bid] = _block_total(data, blocks[bid], tops)
            _judge(data, when, bid, rules_at, scores, totals[bid], out, len(dates) > 1)
            found = logic.check(data, ctx, {r: at.reach for r, at in rules_at.items() if at.in_force}, out)
            for rid, why in found.items():
                reasons.setdefault(rid, why)
            _merge_rules(data, rules_at, rule_env, never_at)
            for cid, at in scores.items():
                old = cat_env.get(cid)
                cat_env[cid] = at if old is None else _CatAt(old.deducted.union(at.deducted), old.added.union(at.added),
                                                             old.score.union(at.score),
                                                             old.contribution.union(at.contribution))
            block_env[bid] = totals[bid] if bid not in block_env else block_env[bid].union(totals[bid])
    for rid, flags in never_at.items():
        rule_env[rid].never = all(flags)
    logic.report_never(data, {rid: why for rid, why in reasons.items() if rule_env[rid].never}, out)
    return _assemble(data, dates, cats, kids, rule_env, cat_env, block_env), out.items


def _merge_rules(data: dict, rules_at: dict[str, _RuleAt], rule_env: dict[str, RuleBounds],
                 never_at: dict[str, list[bool]]) -> None:
    for ptr, cat, _, r in rules(data):
        at = rules_at.get(r["id"])
        if at is None or not at.in_force:
            continue
        never_at.setdefault(r["id"], []).append(at.reach.never)
        m = mechanism_of(r) or UNKNOWN
        old = rule_env.get(r["id"])
        gain = at.gain if old is None or old.gain is None or at.gain is None else old.gain.union(at.gain)
        rule_env[r["id"]] = RuleBounds(
            r["id"], ptr, cat.data["id"], m.name, old.points.union(at.points) if old else at.points,
            None if r.get("cap") is None else dec(r["cap"]), at.reach.unbounded_by or (old.unbounded_by if old else ""),
            adds=at.adds, gain=gain)


def _assemble(data: dict, dates: list[dt.date], cats: list[CategoryAt], kids: dict[str, list[CategoryAt]],
              rule_env: dict[str, RuleBounds], cat_env: dict[str, _CatAt], block_env: dict[str, Interval]
              ) -> SchemeBounds:
    full = dec(data["scoring"]["full_marks"])

    def build(c: CategoryAt) -> CategoryBounds:
        d = c.data
        at = cat_env.get(d["id"]) or _CatAt(*(Interval.point(ZERO),) * 4)
        own = [rule_env[r["id"]] for k in d.get("clauses") or [] for r in k.get("rules") or [] if r["id"] in rule_env]
        return CategoryBounds(d["id"], d["name"], c.pointer, dec(d["points"]), floor_of(data, c)[0], c.blocks,
                              at.deducted, at.score, own, c.method, at.added,
                              dec(d["weight"]) if d.get("weight") is not None else None,
                              [build(k) for k in kids.get(d["id"], [])])

    tops = {c.data["id"]: build(c) for c in cats if not c.parent}
    blocks = [BlockBounds(b["id"], b.get("name", b["id"]), ("blocks", bi), full,
                          block_env.get(b["id"], Interval.point(ZERO)),
                          [tops[c.data["id"]] for c in cats if not c.parent and b["id"] in c.blocks])
              for bi, b in enumerate(data["blocks"])]
    return SchemeBounds(data["id"], data.get("title", data["id"]), str(data.get("version", "")), full, blocks, dates)
