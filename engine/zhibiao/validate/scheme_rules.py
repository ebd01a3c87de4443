"""Checks of one rule: its form (exactly one of seven), what each form needs, bands without gaps or overlaps,
amounts covering every level, rank bands in order, and its conditions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..conditions import COMBINATORS, comparisons, params_used
from ..load import Pointer
from ..numbers import fmt
from .scheme_common import NUMERIC, Checker, Names, check_condition, suggestion

MAX_RUN = 10  # a sequence condition (“连续3次”) becomes an N-way join in the engine; keep N small

# The key that announces each form, and how messages name it.
FORMS = {"when": "按条件计分", "count": "按数量计分", "each": "按记录计分", "value": "分档计分",
         "grade": "按等级赋值计分", "rank": "按排名计分", "change": "与上期比较"}
# Keys that belong to one form only (besides its own key).
COMPANIONS = {"where": "each", "by": "each", "amounts": "each", "bands": "value", "among": "rank", "order": "rank",
              "ties": "rank", "zero_amount": "rank", "ranks": "rank", "better": "change", "step": "change",
              "steps": "change", "gain": "change", "loss": "change", "if_no_previous": "change"}
NO_AMOUNT = {"value": "bands 的各档", "rank": "ranks 的各档", "change": "gain、loss"}


def form_of(r: dict) -> list[str]:
    return [k for k in FORMS if k in r]


def check_rule(c: Checker, names: Names, ptr: Pointer, r: dict, blocks: tuple[str, ...], points: Decimal) -> set[str]:
    """Problems of one rule; returns the subject-level names it reads."""
    rid = r["id"]
    forms = form_of(r)
    if not forms:
        c.err(ptr, "lang.rule-no-form", rule=rid)
        return set()
    if len(forms) > 1:
        c.err(ptr + (forms[1],), "lang.rule-many-forms", key=True, rule=rid, actual=forms)
        return set()
    form = forms[0]
    label = FORMS[form]
    for key, owner in COMPANIONS.items():
        if key in r and owner != form:
            c.err(ptr + (key,), "lang.rule-key-misplaced", key=True, rule=rid, form=label, item=key, detail="")
    used: set[str] = set()
    by = form == "each" and "by" in r
    if form in NO_AMOUNT or by:
        if "amount" in r:
            where = "amounts" if by else NO_AMOUNT[form]
            c.err(ptr + ("amount",), "lang.rule-key-misplaced", key=True, rule=rid, form=label, item="amount",
                  detail=f"（分值写在 {where}里）")
    elif "amount" not in r:
        c.err(ptr, "lang.rule-key-missing", rule=rid, form=label, item="amount", detail="（分值）")
    if form == "change" and "effect" in r:
        c.err(ptr + ("effect",), "lang.effect-on-change", key=True, rule=rid)
    known = names.subject_names(blocks)
    if form == "count":
        used |= _count(c, names, ptr, r)
    elif form == "when":
        used |= check_condition(c, ptr + ("when",), r["when"], known, names.params, what="事实",
                                unknown="scheme.condition-field-unknown", bad_type="scheme.condition-type",
                                bad_order="scheme.condition-order", rule=rid)
    elif form == "each":
        _each(c, names, ptr, r)
    elif form == "value":
        used |= _bands(c, names, ptr, r, label)
    elif form == "grade":
        used.add(r["grade"])
        f = names.facts.get(r["grade"])
        if f is None or f["type"] != "grade":
            c.err(ptr + ("grade",), "lang.grade-fact-type", rule=rid, fact=r["grade"],
                  actual=f["type"] if f else "未声明")
    elif form == "rank":
        used |= _rank(c, names, ptr, r, blocks, label)
    elif form == "change":
        used.add(r["change"])
        _change(c, names, ptr, r, label)
    _amount_order(c, ptr, r, points)
    return used


def _numeric_value(c: Checker, names: Names, ptr: Pointer, rid: str, name: str, label: str) -> bool:
    found, kind = names.numeric(name)
    if not found:
        c.err(ptr, "lang.value-unknown", rule=rid, form=label, actual=name,
              suggestion=suggestion(name, [*names.facts, *names.measures]))
        return False
    if kind not in NUMERIC:
        c.err(ptr, "lang.value-type", rule=rid, form=label, name=name, actual=kind)
        return False
    return True


def _count(c: Checker, names: Names, ptr: Pointer, r: dict) -> set[str]:
    name = r["count"]
    found, kind = names.numeric(name)
    if not found:
        c.err(ptr + ("count",), "scheme.count-fact-unknown", rule=r["id"], actual=name,
              suggestion=suggestion(name, [*names.facts, *names.measures]))
    elif kind not in NUMERIC:
        c.err(ptr + ("count",), "scheme.count-fact-type", rule=r["id"], fact=name, actual=kind)
    return {name}


def _each(c: Checker, names: Names, ptr: Pointer, r: dict) -> None:
    rid = r["id"]
    rec = names.records.get(r["each"])
    if rec is None:
        c.err(ptr + ("each",), "scheme.record-unknown", rule=rid, actual=r["each"],
              suggestion=suggestion(r["each"], names.records))
        return
    fields = {x["id"]: x for x in rec["fields"]}
    derived = {x["id"]: x for x in rec.get("derived", [])}
    if "where" in r:
        known = fields | {x: {"id": x, "type": "integer"} for x in derived}
        check_condition(c, ptr + ("where",), r["where"], known, names.params, what=f"记录“{rec['id']}”的字段",
                        unknown="scheme.condition-field-unknown", bad_type="scheme.condition-type",
                        bad_order="scheme.condition-order", rule=rid)
        _derived_conditions(c, ptr + ("where",), r["where"], derived, names.params, rid)
    if "amounts" in r and "by" not in r:
        c.err(ptr, "lang.rule-key-missing", rule=rid, form="按记录的等级取分值", item="by", detail="（按哪个字段取分值）")
    if "by" not in r:
        return
    if "amounts" not in r:
        c.err(ptr, "lang.rule-key-missing", rule=rid, form="按记录的等级取分值", item="amounts", detail="（每个取值的分值）")
        return
    field = fields.get(r["by"])
    if field is None:
        c.err(ptr + ("by",), "lang.by-field-unknown", rule=rid, actual=r["by"], record=rec["id"],
              suggestion=suggestion(r["by"], fields))
        return
    allowed = field.get("values") or (list(dict.fromkeys(g["grade"] for g in names.scales[field["scale"]]["grades"]))
                                      if field.get("type") == "grade" and field.get("scale") in names.scales else [])
    if not allowed:
        c.err(ptr + ("by",), "lang.by-field-values", rule=rid, field=field["id"], name=field["name"])
        return
    given = [str(k) for k in r["amounts"]]
    missing = [v for v in allowed if v not in given]
    if missing:
        c.err(ptr + ("amounts",), "lang.amounts-missing", rule=rid, actual="、".join(missing), name=field["name"],
              expected=allowed)
    for k in given:
        if k not in allowed:
            c.err(ptr + ("amounts", k), "lang.amounts-unknown", key=True, rule=rid, actual=k, name=field["name"],
                  expected=allowed)


def _derived_conditions(c: Checker, ptr: Pointer, cond: dict, derived: dict, params: dict, rid: str) -> None:
    """A derived sequence value (“连续3次低于50%”) is matched by the engine as an N-way join, so it may only be
    asked “at least N” (gte N / gt N-1), with a small whole N, and not under `any`/negation."""
    for key, value in cond.items():
        if key in COMBINATORS:
            for i, sub in enumerate(value):
                _derived_conditions(c, ptr + (key, i), sub, derived, params, rid)
            continue
        if key not in derived:
            continue
        tests = comparisons(value)
        x = derived[key]
        if len(tests) != 1 or tests[0][0] not in ("gte", "gt"):
            c.err(ptr + (key,), "scheme.derived-condition", rule=rid, derived=key, function=x["function"])
            continue
        op, raw = tests[0]
        if isinstance(raw, dict) and set(raw) == {"param"}:
            p = params.get(raw["param"])
            values = [v["value"] for v in p["values"]] if p else []
        else:
            values = [raw]
        for v in values:
            n = v + 1 if op == "gt" and isinstance(v, (int, Decimal)) else v
            if isinstance(n, bool) or not isinstance(n, (int, Decimal)) or n != int(n) or not 1 <= n <= MAX_RUN:
                c.err(ptr + (key,), "scheme.derived-run-size", rule=rid, derived=key, actual=v, expected=MAX_RUN)


def interval(lo: Decimal | None, hi: Decimal | None) -> str:
    if lo is None:
        return f"值 < {fmt(hi)}" if hi is not None else "任意值"
    if hi is None:
        return f"值 ≥ {fmt(lo)}"
    return f"{fmt(lo)} ≤ 值 < {fmt(hi)}"


def _bands(c: Checker, names: Names, ptr: Pointer, r: dict, label: str) -> set[str]:
    rid = r["id"]
    if "bands" not in r:
        c.err(ptr, "lang.rule-key-missing", rule=rid, form=label, item="bands", detail="（各档的区间与分值）")
        return {r["value"]}
    if not _numeric_value(c, names, ptr + ("value",), rid, r["value"], label):
        return {r["value"]}
    bands = []
    for i, b in enumerate(r["bands"]):
        lo, hi = b.get("at_least"), b.get("below")
        lo, hi = (None if lo is None else Decimal(str(lo))), (None if hi is None else Decimal(str(hi)))
        if lo is not None and hi is not None and lo >= hi:
            c.err(ptr + ("bands", i), "lang.band-order", rule=rid, actual=lo, expected=hi)
            return {r["value"]}
        bands.append((lo, hi, i))
    inf = Decimal("Infinity")
    bands.sort(key=lambda x: (-inf if x[0] is None else x[0]))
    for (lo1, hi1, _), (lo2, hi2, i2) in zip(bands, bands[1:]):
        top = inf if hi1 is None else hi1
        start = -inf if lo2 is None else lo2
        if top > start:
            end = min(top, inf if hi2 is None else hi2)
            c.err(ptr + ("bands", i2), "lang.band-overlap", rule=rid,
                  interval=interval(None if start == -inf else start, None if end == inf else end))
        elif top < start:
            c.err(ptr + ("bands", i2), "lang.band-gap", rule=rid, interval=interval(top, start))
    if all(b[1] is not None for b in bands):
        _, hi_top, i_top = max(bands, key=lambda b: b[1])
        c.err(ptr + ("bands", i_top, "below"), "lang.band-top", rule=rid, actual=hi_top)
    lo_first, _, i_first = bands[0]
    if lo_first is not None:
        f = names.facts.get(r["value"])
        m = names.measures.get(r["value"])
        minimum = f.get("minimum") if f else (0 if m is not None and m.get("function") in ("count", "share") else None)
        if minimum is None or Decimal(str(minimum)) < lo_first:
            name = f["name"] if f else (m["name"] if m else r["value"])
            lowest = f"最小可以是 {fmt(Decimal(str(minimum)))}" if minimum is not None else "没有声明最小值"
            alt = f"，或写 {fmt(Decimal(str(minimum)))}" if minimum is not None else ""
            c.err(ptr + ("bands", i_first, "at_least"), "lang.band-bottom", rule=rid, actual=lo_first, name=name,
                  lowest=lowest, alternative=alt)
    return {r["value"]}


def _rank(c: Checker, names: Names, ptr: Pointer, r: dict, blocks: tuple[str, ...], label: str) -> set[str]:
    rid = r["id"]
    used = {r["rank"]}
    _numeric_value(c, names, ptr + ("rank",), rid, r["rank"], label)
    for key, detail in (("ties", "（并列跳号 或 并列不跳号）"), ("ranks", "（名次档与分值）")):
        if key not in r:
            c.err(ptr, "lang.rule-key-missing", rule=rid, form=label, item=key, detail=detail)
    among = r.get("among")
    if among:
        used.add(among)
        for b in blocks:
            attrs = names.attributes.get(b, {})
            if among not in attrs:
                c.err(ptr + ("among",), "lang.among-unknown", owner=f"规则“{rid}”", actual=among, block=b,
                      suggestion=suggestion(among, attrs))
    ranks = r.get("ranks", [])
    previous = 0
    for i, band in enumerate(ranks):
        up = band.get("up_to")
        last = i == len(ranks) - 1
        if up is None and not last:
            c.err(ptr + ("ranks", i), "lang.ranks-open", rule=rid, index=i + 1)
        elif up is not None and last:
            c.err(ptr + ("ranks", i, "up_to"), "lang.ranks-last", rule=rid, actual=up)
        elif up is not None:
            if up <= previous:
                c.err(ptr + ("ranks", i, "up_to"), "lang.ranks-order", rule=rid, actual=up, expected=previous)
            previous = up
    return used


def _change(c: Checker, names: Names, ptr: Pointer, r: dict, label: str) -> None:
    rid = r["id"]
    f = names.facts.get(r["change"])
    if f is None or f["type"] not in NUMERIC:
        c.err(ptr + ("change",), "lang.change-fact", rule=rid, actual=r["change"],
              suggestion=suggestion(r["change"], names.facts) if f is None else "")
    for key, detail in (("better", "（升高 或 降低 为好）"), ("step", "（每变化多少算一步）")):
        if key not in r:
            c.err(ptr, "lang.rule-key-missing", rule=rid, form=label, item=key, detail=detail)
    if "gain" not in r and "loss" not in r:
        c.err(ptr, "lang.rule-key-missing", rule=rid, form=label, item="gain 或 loss", detail="（每一步加或扣的分）")


def _amount_order(c: Checker, ptr: Pointer, r: dict, points: Decimal) -> None:
    raw: Any = r.get("amount")
    if raw is None:
        return
    amounts = raw if isinstance(raw, list) else [{"value": raw}]
    for a in amounts:
        if a["value"] is not None and Decimal(str(a["value"])) > points:
            c.err(ptr + ("amount",), "scheme.amount-over-points", severity="warning", rule=r["id"], actual=a["value"],
                  expected=points)
    if isinstance(raw, list):
        starts = [a["from"] for a in raw]
        if starts != sorted(starts):
            c.err(ptr + ("amount",), "scheme.amount-order", rule=r["id"])


def condition_params(cond: Any) -> set[str]:
    return params_used(cond)
