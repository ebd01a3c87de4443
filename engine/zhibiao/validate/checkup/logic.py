"""Findings about rules as logic (like a DMN table analysis): rules that can never apply, alternatives of one
clause that can hold together (they would both deduct) or of which one implies the other (shadowed), the same
quantity counted twice, and comparisons on numbers with no declared range (nothing can be proved about them).

Alternatives are the rules of one clause that test a common field (the 002 scheme's “没有学习 / 学习但没有讨论 /
讨论没有实质内容”): independent deductions of one clause (“没有邀请院领导 … 未通知考核小组成员 …”) test
different facts and are left alone. A pair the committee means to deduct together is acknowledged by naming
the other rule's id in either rule's `decision`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...conditions import COMBINATORS, OPS, comparisons, describe
from ...load import Pointer
from ...numbers import fmt
from .domains import Box, Num, Values, implies, overlap, unconstrained
from .findings import Findings
from .interval import INF
from .mechanisms import Context, Reach, categories, rules

ORDERING = {"lt", "lte", "gt", "gte"}


def _rules(data: dict):
    """(pointer, category, clause, rule) for every rule, sub-categories' included."""
    return rules(data)


def _condition_of(r: dict) -> Any:
    return r.get("when") if "when" in r else r.get("where")


def _names(ctx: Context, r: dict) -> dict[str, str]:
    if "each" in r:
        rec = ctx.records.get(r["each"], {})
        return {f["id"]: f.get("name", f["id"]) for f in rec.get("fields", [])} | \
               {x["id"]: x.get("name", x["id"]) for x in rec.get("derived", [])}
    return {k: f.get("name", k) for k, f in ctx.facts.items()}


def condition_text(ctx: Context, r: dict) -> str:
    def resolve(name: str) -> Any:
        try:
            return ctx.resolve(name)
        except KeyError:
            return name
    return describe(_condition_of(r) or {}, _names(ctx, r), resolve)


def _range_text(c: Any) -> str:
    if isinstance(c, Num):
        lo = None if c.lo == -INF else c.lo
        hi = None if c.hi == INF else c.hi
        if lo is not None and hi is not None:
            return f"{_n(lo)}～{_n(hi)}"
        return f"≥ {_n(lo)}" if lo is not None else f"≤ {_n(hi)}" if hi is not None else "任意数"
    if isinstance(c, Values) and c.allowed is not None:
        return "、".join(_v(v) for v in sorted(c.allowed, key=str))
    return "任意"


def _n(d: Decimal | None) -> str:
    return fmt(Decimal(d)) if d is not None else ""


def _v(v: Any) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, Decimal):
        return _n(v)
    return str(v)


def example_text(box: Box, names: dict[str, str]) -> str:
    return "、".join(f"{names.get(k, k)}为{_v(v)}" for k, v in box.example().items() if v is not None)


def never_reason(ctx: Context, r: dict, reach: Reach) -> dict[str, Any]:
    """Why a rule can never apply: fields for the `checkup.never-*` messages."""
    if "bands" in r or "value" in r:
        name = r.get("value", "")
        return {"code": "checkup.never-bands", "fact": ctx.name(name),
                "ranges": _range_text(ctx.fact_domain[name]) if name in ctx.fact_domain else "未声明"}
    if "count" in r:
        f = ctx.facts.get(r["count"], {})
        return {"code": "checkup.never-count", "fact": f.get("name", r["count"]), "maximum": f.get("maximum")}
    domain = reach.conditions[0] if reach.conditions else {}
    cond = _condition_of(r) or {}
    text = condition_text(ctx, r)
    loose = unconstrained(cond, domain, ctx.resolve)
    if loose == []:
        return {"code": "checkup.never-contradiction", "condition": text}
    names = _names(ctx, r)
    used = sorted({k for k in _fields(cond) if k in domain and _range_text(domain[k]) not in ("任意", "任意数")})
    ranges = "；".join(f"{names.get(k, k)}（{k}）为 {_range_text(domain[k])}" for k in used)
    return {"code": "checkup.never-range", "condition": text, "ranges": ranges or "（见事实的声明）"}


def _fields(cond: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(cond, dict):
        for k, v in cond.items():
            if k in COMBINATORS:
                for sub in v if isinstance(v, list) else []:
                    out |= _fields(sub)
            else:
                out.add(k)
    return out


def check(data: dict, ctx: Context, reaches: dict[str, Reach], out: Findings) -> dict[str, dict[str, Any]]:
    """Findings on one date; returns why each rule that cannot apply on this date cannot."""
    never = {}
    for ptr, _cat, _k, r in _rules(data):
        reach = reaches.get(r["id"])
        if reach is not None and reach.never:
            never[r["id"]] = never_reason(ctx, r, reach)
    _alternatives(data, ctx, reaches, out)
    _unranged(data, ctx, out)
    _double_counts(data, ctx, out)
    return never


def report_never(data: dict, reasons: dict[str, dict[str, Any]], out: Findings) -> None:
    for ptr, _cat, _k, r in _rules(data):
        why = reasons.get(r["id"])
        if why is None:
            continue
        fields = {k: v for k, v in why.items() if k != "code"}
        key = next((k for k in ("bands", "count", "when", "where") if k in r), "id"),
        out.add(why["code"], ptr + key, rule=r["id"], **fields)


def _acknowledged(a: dict, b: dict) -> bool:
    return b["id"] in str(a.get("decision", "")) or a["id"] in str(b.get("decision", ""))


def _scope(r: dict) -> str:
    return "each:" + r["each"] if "each" in r else "when" if "when" in r else ""


def _alternatives(data: dict, ctx: Context, reaches: dict[str, Reach], out: Findings) -> None:
    for cat in categories(data):
        for ki, k in enumerate(cat.data.get("clauses") or []):
            rules_ = [(ri, r) for ri, r in enumerate(k.get("rules") or []) if _scope(r) and r["id"] in reaches
                      and reaches[r["id"]].conditions and not reaches[r["id"]].never]
            for x, (ia, a) in enumerate(rules_):
                for ib, b in rules_[x + 1:]:
                    if _scope(a) != _scope(b) or not (_fields(_condition_of(a)) & _fields(_condition_of(b))) \
                            or _acknowledged(a, b):
                        continue
                    _pair(ctx, cat.pointer + ("clauses", ki, "rules"), (ia, a), (ib, b), reaches, out)


def _pair(ctx: Context, base: Pointer, first: tuple[int, dict], second: tuple[int, dict],
          reaches: dict[str, Reach], out: Findings) -> None:
    (ia, a), (ib, b) = first, second
    domain, ba = reaches[a["id"]].conditions
    _, bb = reaches[b["id"]].conditions
    a_in_b, b_in_a = implies(ba, bb, domain), implies(bb, ba, domain)
    where = "每条记录" if "each" in a else "考核对象"
    if a_in_b or b_in_a:
        inner, outer, idx = (a, b, ia) if a_in_b else (b, a, ib)
        out.add("checkup.shadowed", base + (idx, "when" if "when" in inner else "where"), "warning",
                once=outer["id"], rule=inner["id"], other=outer["id"], same="相同" if a_in_b and b_in_a else "",
                condition=condition_text(ctx, inner), other_condition=condition_text(ctx, outer))
        return
    both = overlap(ba, bb)
    if both is not None:
        out.add("checkup.overlap", base + (ib, "when" if "when" in b else "where"), "warning", once=a["id"],
                rule=b["id"], other=a["id"], example=example_text(both, _names(ctx, a)), subject=where)


def _unranged(data: dict, ctx: Context, out: Findings) -> None:
    for ptr, _cat, _k, r in _rules(data):
        cond = _condition_of(r)
        if not cond:
            continue
        if "each" in r:
            rec = ctx.records.get(r["each"], {})
            declared = {f["id"]: f for f in rec.get("fields", [])}
            what = f"记录“{rec.get('name', r['each'])}”的字段"
        else:
            declared, what = ctx.facts, "事实"
        for name, path in _ordered(cond, ptr + ("when" if "when" in r else "where",)):
            f = declared.get(name)
            if f and f.get("type") in ("integer", "decimal") and f.get("minimum") is None and f.get("maximum") is None:
                out.add("checkup.unranged", path, "warning", key=True, rule=r["id"], what=what,
                        fact=name, name=f.get("name", name))


def _ordered(cond: Any, ptr: Pointer) -> list[tuple[str, Pointer]]:
    """Fields compared by size (lt/lte/gt/gte) in a condition, with where each comparison stands."""
    out: list[tuple[str, Pointer]] = []
    if not isinstance(cond, dict):
        return out
    for key, value in cond.items():
        if key in COMBINATORS:
            for i, sub in enumerate(value if isinstance(value, list) else []):
                out += _ordered(sub, ptr + (key, i))
        elif isinstance(value, dict) and set(value) <= set(OPS) and any(op in ORDERING for op, _ in comparisons(value)):
            out.append((key, ptr + (key,)))
    return out


def _double_counts(data: dict, ctx: Context, out: Findings) -> None:
    for b in data["blocks"]:
        seen: dict[str, str] = {}
        for ptr, cat, _k, r in _rules(data):
            if b["id"] not in cat.blocks or "count" not in r:
                continue
            first = seen.get(r["count"])
            if first is None:
                seen[r["count"]] = r["id"]
            elif not _acknowledged(r, {"id": first}):
                out.add("checkup.double-count", ptr + ("count",), "warning", once=first, rule=r["id"], other=first,
                        fact=r["count"], name=ctx.name(r["count"]), block=b["id"])
