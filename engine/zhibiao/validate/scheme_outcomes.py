"""Checks of what surrounds the rules: open subject lists and attributes, grade scales, measures and roll-ups,
vetoes, eligibility, grading and awards."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ..load import Pointer
from .scheme_common import NUMERIC, Checker, Names, owner_condition, suggestion

RECORD_FUNCTIONS = ["count", "sum", "mean", "min", "max"]
MEMBER_FUNCTIONS = ["count", "sum", "mean", "min", "max", "share"]


def check_blocks(c: Checker, names: Names) -> None:
    for i, b in enumerate(c.d["blocks"]):
        if not b.get("subjects") and not b.get("kind"):
            c.err(("blocks", i), "lang.block-no-subjects", block=b["id"])
        for j, a in enumerate(b.get("attributes", [])):
            if a.get("values") and a["type"] != "text":
                c.err(("blocks", i, "attributes", j, "values"), "lang.values-type", what="属性", field=a["id"],
                      actual=a["type"])
    clash: dict[str, str] = {}
    for fid in names.facts:
        clash[fid] = "事实"
    for b, attrs in names.attributes.items():
        for j, aid in enumerate(attrs):
            if aid in clash and clash[aid] != "属性":
                i = list(names.blocks).index(b)
                c.err(("blocks", i, "attributes", j, "id"), "lang.name-clash", id=aid, first=clash[aid], second="属性")
            clash.setdefault(aid, "属性")
    for i, m in enumerate(c.d.get("measures", [])):
        if m["id"] in clash:
            c.err(("measures", i, "id"), "lang.name-clash", id=m["id"], first=clash[m["id"]], second="汇总指标")


def check_value_lists(c: Checker, names: Names) -> None:
    """Grade facts name a declared scale; only text lists allowed values; scales list each grade once."""
    for i, f in enumerate(c.d.get("facts", [])):
        _typed(c, names, ("facts", i), f, "事实")
    for ri, r in enumerate(c.d.get("records", [])):
        for fi, f in enumerate(r["fields"]):
            _typed(c, names, ("records", ri, "fields", fi), f, f"记录“{r['id']}”的字段")
    for si, s in enumerate(c.d.get("grade_scales", [])):
        for g, n in Counter(x["grade"] for x in s["grades"]).items():
            if n > 1:
                c.err(("grade_scales", si, "grades"), "lang.grade-duplicate", scale=s["id"], actual=g)


def _typed(c: Checker, names: Names, ptr: Pointer, f: dict, what: str) -> None:
    if f.get("values") and f["type"] != "text":
        c.err(ptr + ("values",), "lang.values-type", what=what, field=f["id"], actual=f["type"])
    if f["type"] == "grade":
        if not f.get("scale"):
            c.err(ptr, "lang.grade-scale-missing", fact=f["id"])
        elif f["scale"] not in names.scales:
            c.err(ptr + ("scale",), "lang.grade-scale-unknown", what=what, fact=f["id"], actual=f["scale"],
                  suggestion=suggestion(f["scale"], names.scales))


def check_measures(c: Checker, names: Names) -> None:
    for i, m in enumerate(c.d.get("measures", [])):
        ptr: Pointer = ("measures", i)
        mid, fn = m["id"], m["function"]
        if ("records" in m) == ("members" in m):
            c.err(ptr, "lang.measure-source", measure=mid)
            continue
        if fn in ("mean", "share") and "rounding" not in m:
            c.err(ptr, "lang.measure-rounding", measure=mid, what="平均值" if fn == "mean" else "占比")
        if "records" in m:
            _record_measure(c, names, ptr, m)
        else:
            _member_measure(c, names, ptr, m)
    _cycles(c, names)


def _record_measure(c: Checker, names: Names, ptr: Pointer, m: dict) -> None:
    mid, fn = m["id"], m["function"]
    if fn not in RECORD_FUNCTIONS:
        c.err(ptr + ("function",), "lang.measure-function", measure=mid, source="记录", actual=fn,
              expected=RECORD_FUNCTIONS)
        return
    rec = names.records.get(m["records"])
    if rec is None:
        c.err(ptr + ("records",), "lang.measure-records-unknown", measure=mid, actual=m["records"],
              suggestion=suggestion(m["records"], names.records))
        return
    fields = {x["id"]: x for x in rec["fields"]}
    if fn != "count":
        if "field" not in m:
            c.err(ptr, "lang.measure-field-missing", measure=mid, function=fn)
        elif m["field"] not in fields:
            c.err(ptr + ("field",), "lang.measure-field-unknown", measure=mid, actual=m["field"], record=rec["id"],
                  suggestion=suggestion(m["field"], fields))
        elif fields[m["field"]]["type"] not in NUMERIC:
            c.err(ptr + ("field",), "lang.measure-field-type", measure=mid, field=m["field"],
                  actual=fields[m["field"]]["type"])
    if "where" in m:
        owner_condition(c, ptr + ("where",), m["where"], fields, names.params, f"汇总指标“{mid}”",
                        f"记录“{rec['id']}”的字段")


def member_fields(names: Names, block: str) -> dict[str, dict]:
    """What a roll-up may read of a member: its total, grade, category scores, facts, measures, attributes."""
    out: dict[str, dict] = {"total": {"id": "total", "type": "decimal"}, "grade": {"id": "grade", "type": "text"}}
    out |= {cid: {"id": cid, "type": "decimal"} for cid, (_, blocks) in names.categories.items() if block in blocks}
    out |= names.subject_names([block])
    return out


def _member_measure(c: Checker, names: Names, ptr: Pointer, m: dict) -> None:
    mid, fn = m["id"], m["function"]
    if fn not in MEMBER_FUNCTIONS:
        c.err(ptr + ("function",), "lang.measure-function", measure=mid, source="成员结果", actual=fn,
              expected=MEMBER_FUNCTIONS)
        return
    block = m["members"]
    if block not in names.blocks:
        c.err(ptr + ("members",), "lang.measure-members-unknown", measure=mid, actual=block, expected=list(names.blocks))
        return
    attrs = names.attributes.get(block, {})
    if m.get("by") and m["by"] not in attrs:
        c.err(ptr + ("by",), "lang.measure-by-unknown", measure=mid, actual=m["by"], block=block,
              suggestion=suggestion(m["by"], attrs))
    fields = member_fields(names, block)
    if fn in ("sum", "mean", "min", "max"):
        if "of" not in m:
            c.err(ptr, "lang.measure-of-missing", measure=mid, function=fn)
        elif m["of"] not in fields or fields[m["of"]]["type"] not in NUMERIC:
            numeric = [k for k, v in fields.items() if v["type"] in NUMERIC]
            c.err(ptr + ("of",), "lang.measure-of-unknown", measure=mid, actual=m["of"], block=block,
                  suggestion=suggestion(m["of"], numeric))
    if fn == "share" and "where" not in m:
        c.err(ptr, "lang.measure-where-missing", measure=mid)
    if "where" in m:
        owner_condition(c, ptr + ("where",), m["where"], fields, names.params, f"汇总指标“{mid}”", f"{block}板块成员的结果")


def _cycles(c: Checker, names: Names) -> None:
    """A block rolling up members that (through others) roll up the block itself cannot be scored."""
    uses: dict[str, set[str]] = {b: set() for b in names.blocks}
    for b in names.blocks:
        for mid, m in names.measures.items():
            if "members" in m and m["members"] in names.blocks and _block_reads(names, b, mid):
                uses[b].add(m["members"])
    reported: set[frozenset[str]] = set()
    for start in names.blocks:
        path = [start]
        stack = [(start, iter(sorted(uses[start])))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                path.pop()
                continue
            if nxt == start:
                loop = path + [start]
                key = frozenset(loop)
                if key not in reported:
                    reported.add(key)
                    text = "，".join(f"{a} 汇总 {b}" for a, b in zip(loop, loop[1:]))
                    c.err(("blocks", list(names.blocks).index(start)), "lang.rollup-cycle", actual=text)
                continue
            if nxt in path:
                continue
            path.append(nxt)
            stack.append((nxt, iter(sorted(uses[nxt]))))


def _block_reads(names: Names, block: str, name: str) -> bool:
    """Does anything scored for `block` read `name` (rules, vetoes, eligibility)?"""
    def reads(cat: dict) -> bool:
        for k in cat.get("clauses", []):
            for r in k["rules"]:
                if name in (r.get("count"), r.get("value"), r.get("rank"), r.get("change")) or \
                        name in _fields(r.get("when") or {}):
                    return True
        return any(reads(x) for x in cat.get("categories", []))
    for cid, (cat, blocks) in names.categories.items():
        if block in blocks and cat.get("blocks") and reads(cat):
            return True
    return False


def _fields(cond: dict) -> set[str]:
    out: set[str] = set()
    for k, v in cond.items():
        if k in ("all", "any"):
            for sub in v:
                out |= _fields(sub)
        else:
            out.add(k)
    return out


def _blocks_of(c: Checker, names: Names, ptr: Pointer, item: dict, owner: str) -> list[str]:
    given = item.get("blocks") or list(names.blocks)
    for b in item.get("blocks", []):
        if b not in names.blocks:
            c.err(ptr + ("blocks",), "lang.blocks-unknown", owner=owner, actual=b, expected=list(names.blocks))
    return [b for b in given if b in names.blocks]


def _grade(c: Checker, names: Names, ptr: Pointer, grade: str, blocks: list[str], owner: str) -> None:
    for b in blocks:
        have = names.grades.get(b)
        if have is None:
            c.err(ptr, "lang.grade-without-grading", owner=owner, actual=grade, block=b)
        elif grade not in have:
            c.err(ptr, "lang.grade-unknown", owner=owner, actual=grade, expected=list(have))
        else:
            continue
        break


def check_vetoes(c: Checker, names: Names) -> None:
    full = Decimal(str(c.d["scoring"]["full_marks"]))
    for i, v in enumerate(c.d.get("vetoes", [])):
        ptr: Pointer = ("vetoes", i)
        owner = f"一票否决“{v['id']}”"
        blocks = _blocks_of(c, names, ptr, v, owner)
        if "score" not in v and "grade" not in v:
            c.err(ptr, "lang.veto-effect", veto=v["id"])
        if "score" in v and Decimal(str(v["score"])) > full:
            c.err(ptr + ("score",), "lang.veto-score", veto=v["id"], actual=v["score"], expected=full)
        if "grade" in v:
            _grade(c, names, ptr + ("grade",), v["grade"], blocks, owner)
        owner_condition(c, ptr + ("when",), v["when"], names.subject_names(blocks), names.params, owner)


def check_eligibility(c: Checker, names: Names) -> None:
    for i, e in enumerate(c.d.get("eligibility", [])):
        ptr: Pointer = ("eligibility", i)
        owner = f"评优限制“{e['id']}”"
        blocks = _blocks_of(c, names, ptr, e, owner)
        if ("when" in e) == ("most" in e):
            c.err(ptr, "lang.elig-form", id=e["id"])
        if "most" in e and "top" not in e:
            c.err(ptr, "lang.elig-top", id=e["id"], actual="most", expected="top（前几名）")
        if "top" in e and "most" not in e:
            c.err(ptr, "lang.elig-top", id=e["id"], actual="top", expected="most（按哪一项找最多的）")
        if "when" in e:
            owner_condition(c, ptr + ("when",), e["when"], names.subject_names(blocks), names.params, owner)
        if "most" in e:
            found, kind = names.numeric(e["most"])
            if not found or kind not in NUMERIC:
                c.err(ptr + ("most",), "lang.elig-most-unknown", id=e["id"], actual=e["most"],
                      suggestion=suggestion(e["most"], [*names.facts, *names.measures]))
        if e.get("among"):
            for b in blocks:
                if e["among"] not in names.attributes.get(b, {}):
                    c.err(ptr + ("among",), "lang.among-unknown", owner=owner, actual=e["among"], block=b,
                          suggestion=suggestion(e["among"], names.attributes.get(b, {})))
        if "max_grade" in e:
            _grade(c, names, ptr + ("max_grade",), e["max_grade"], blocks, owner)
        for j, a in enumerate(e.get("excludes", [])):
            if a not in names.awards:
                c.err(ptr + ("excludes", j), "lang.elig-excludes-unknown", id=e["id"], actual=a,
                      suggestion=suggestion(a, [k for k in names.awards if k]))


def check_grading(c: Checker, names: Names) -> None:
    seen: dict[str, int] = {}
    for gi, g in enumerate(c.d.get("grading", [])):
        ptr: Pointer = ("grading", gi)
        blocks = _blocks_of(c, names, ptr, g, "考核等级")
        for b in blocks:
            if b in seen:
                c.err(ptr, "lang.grading-twice", block=b, first=seen[b] + 1, second=gi + 1)
            seen.setdefault(b, gi)
        levels = g["levels"]
        for grade, n in Counter(x["grade"] for x in levels).items():
            if n > 1:
                c.err(ptr + ("levels",), "lang.grading-duplicate", grade=grade)
        previous: tuple[str, Decimal] | None = None
        for li, lv in enumerate(levels):
            last = li == len(levels) - 1
            if last and "at_least" in lv:
                c.err(ptr + ("levels", li, "at_least"), "lang.grading-last", grade=lv["grade"])
            elif not last and "at_least" not in lv:
                c.err(ptr + ("levels", li), "lang.grading-threshold", grade=lv["grade"])
            elif not last:
                value = Decimal(str(lv["at_least"]))
                if previous is not None and value >= previous[1]:
                    c.err(ptr + ("levels", li, "at_least"), "lang.grading-order", grade=lv["grade"], actual=value,
                          previous=previous[0], expected=previous[1])
                previous = (lv["grade"], value)


def check_awards(c: Checker, names: Names) -> None:
    raw = c.d.get("awards")
    if not raw:
        return
    items = [(("awards",), raw)] if isinstance(raw, dict) else [(("awards", i), a) for i, a in enumerate(raw)]
    for ptr, a in items:
        owner = f"评比“{a.get('id') or a['name']}”"
        blocks = _blocks_of(c, names, ptr, a, owner)
        for ti, t in enumerate(a["tiers"]):
            if ("count" in t) == ("share" in t):
                c.err(ptr + ("tiers", ti), "lang.tier-quota", tier=t["name"])
        for gi, grade in enumerate(a.get("grades", [])):
            _grade(c, names, ptr + ("grades", gi), grade, blocks, owner)
