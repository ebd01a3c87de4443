"""Semantic checks of the operations layer: the institution registry and every document's institution, the
timetables (counts the sources state, references, dates, who is named), the declared review elements, the review
procedure's link to them, and overlays (an overlay may add and tighten, never drop a required item or loosen).

Each check sees every other loaded document (`docs`): the repository adds the standards and rules as context
when a single file is validated, so an overlay in examples/ is checked against its base in standards/.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import difflib
from typing import Any, Callable, Iterable

from ..errors import Problem
from ..load import Document, Pointer, format_pointer

Check = Callable[[Document, list[Document]], list[Problem]]

FIVE_SYSTEMS = "五纵五横一平台"
TIER_RANK = {"校": 0, "省": 1, "国家": 2}
NOT_CONTROLLED = ("institutions", "submission", "review-submission", "indicator-submission", "tasks")
# Fields of a schedule, and the repeats they belong to (anything else is a mistake worth saying).
SCHEDULE_FIELDS = {"every": ("每年",), "anchor": ("每年",), "event": ("随事件",), "offset_days": ("随事件",),
                   "offset_months": ("随事件",)}
# What an overlay may change in a base item, and in which direction a change tightens.
TIGHTEN = {
    "diagnosis-elements": {"required": "只能由可选改为必选", "aliases": "只能增加别名"},
    "timetable": {"schedule.due": "截止只能提前", "schedule.offset_days": "只能离事件更早（公示类）或更快（整改类）",
                  "schedule.offset_months": "期限只能缩短", "schedule.times": "次数只能增加",
                  "schedule.every": "间隔只能缩短", "responsible": "负责者只能增加", "evidence": "证据只能增加"},
}
ITEM_LISTS = {"diagnosis-elements": ("elements", "诊断要素"), "timetable": ("obligations", "职责")}


def _p(doc: Document, pointer: Pointer, code: str, **fields: Any) -> Problem:
    return Problem.of(code, doc.where(pointer), pointer=format_pointer(pointer), **fields)


def _of_kind(docs: Iterable[Document], kind: str) -> list[Document]:
    return [d for d in docs if isinstance(d.data, dict) and d.data.get("kind") == kind]


def _rows(data: Any, key: str) -> list[dict]:
    """The mappings of list `key` in `data`, read defensively (the document may have failed its schema)."""
    value = data.get(key) if isinstance(data, dict) else None
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _hint(value: Any, options: Iterable[str]) -> str:
    found = difflib.get_close_matches(str(value), list(options), n=1, cutoff=0.5)
    return found[0] if found else ""


def _unique(doc: Document, values: list[tuple[Pointer, Any]], what: str) -> list[Problem]:
    seen: dict[Any, Pointer] = {}
    out = []
    for ptr, value in values:
        if value in seen:
            out.append(_p(doc, ptr, "ops.duplicate", what=what, actual=value, first_line=doc.where(seen[value]).line))
        else:
            seen[value] = ptr
    return out


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def month_day_ok(text: str) -> bool:
    """“02-29” is a valid month-day (it falls on 02-28 in a common year); “02-30” is not."""
    try:
        m, d = (int(x) for x in text.split("-"))
        return 1 <= m <= 12 and 1 <= d <= _calendar.monthrange(2000, m)[1]
    except ValueError:
        return False


# ------------------------------------------------------------------ institutions


def registry(docs: Iterable[Document]) -> dict[str, dict]:
    return {i["id"]: i for d in _of_kind(docs, "institutions") for i in _rows(d.data, "institutions") if "id" in i}


def check_institutions(doc: Document, docs: list[Document]) -> list[Problem]:
    rows = doc.data["institutions"]
    out = _unique(doc, [(("institutions", i, "id"), r["id"]) for i, r in enumerate(rows)], "机构标识")
    by_id = {r["id"]: r for r in rows}
    for i, r in enumerate(rows):
        parent = r.get("parent")
        if parent is None:
            continue
        if parent not in by_id:
            out.append(_p(doc, ("institutions", i, "parent"), "ops.parent-unknown", actual=parent,
                          expected=sorted(by_id), suggestion=_hint(parent, by_id)))
        elif TIER_RANK[by_id[parent]["tier"]] <= TIER_RANK[r["tier"]]:
            out.append(_p(doc, ("institutions", i, "parent"), "ops.parent-tier", name=r["name"], tier=r["tier"],
                          parent=by_id[parent]["name"], parent_tier=by_id[parent]["tier"]))
    return out


def institution_checks(docs: list[tuple[Document, str]], context: list[Document]) -> list[Problem]:
    """Every controlled document names a registered institution; only 五纵五横 institutions carry `system`."""
    known = registry([d for d, _ in docs] + context)
    if not known:
        return []  # no registry loaded: nothing to check against
    out: list[Problem] = []
    for doc, kind in docs:
        if kind in NOT_CONTROLLED or not isinstance(doc.data, dict):
            continue
        ident = doc.data.get("institution")
        if ident is None:
            out.append(_p(doc, ("kind",), "ops.institution-missing", severity="warning", expected=sorted(known)))
            continue
        inst = known.get(ident)
        if inst is None:
            out.append(_p(doc, ("institution",), "ops.institution-unknown", actual=ident, expected=sorted(known),
                          suggestion=_hint(ident, known)))
        elif "system" in doc.data and FIVE_SYSTEMS not in inst.get("frameworks", []):
            out.append(_p(doc, ("system",), "ops.system-without-framework", actual=doc.data["system"],
                          institution=inst["name"]))
    return out


# ------------------------------------------------------------------ who may be named in a timetable


def institution_names(docs: Iterable[Document], institution: str) -> set[str]:
    """Departments, bodies and scheme subjects the documents of `institution` define."""
    names: set[str] = set()
    for d in docs:
        if not isinstance(d.data, dict) or d.data.get("institution") != institution:
            continue
        kind = d.data.get("kind")
        if kind == "system-map":
            for dep in _rows(d.data, "departments"):
                names |= {dep.get("name"), *(dep.get("aliases") or [])}
        elif kind == "organization":
            for b in _rows(d.data, "bodies"):
                names |= {b.get("name"), b.get("short_name")}
        elif kind == "scheme":
            names |= {s for block in _rows(d.data, "blocks") for s in block.get("subjects") or []}
    names.discard(None)
    return names


def declared_names(data: dict) -> set[str]:
    """Names a timetable itself declares: groups and their members, aliases and what they stand for, bodies."""
    out: set[str] = set()
    for g in data.get("groups", []):
        out |= {g["name"], *g["members"]}
    for a in data.get("aliases", []):
        out |= {a["name"], a["same_as"]}
    for b in data.get("bodies", []):
        out |= {b["name"], *b.get("aliases", [])}
    return out


# ------------------------------------------------------------------ timetables


def check_timetable(doc: Document, docs: list[Document]) -> list[Problem]:
    d = doc.data
    out: list[Problem] = []
    obligations = d["obligations"]
    phases = d.get("phases", [])
    out += _unique(doc, [(("obligations", i, "id"), o["id"]) for i, o in enumerate(obligations)], "职责标识")
    for key, what in (("phases", "阶段标识"), ("events", "事件标识"), ("forms", "表单标识"), ("checklists", "检查单标识")):
        out += _unique(doc, [((key, i, "id"), r["id"]) for i, r in enumerate(d.get(key, []))], what)
    out += _unique(doc, [(("groups", i, "name"), g["name"]) for i, g in enumerate(d.get("groups", []))], "部门群体")
    out += _unique(doc, [(("aliases", i, "name"), a["name"]) for i, a in enumerate(d.get("aliases", []))], "别名")
    out += _periods(doc, d, phases)
    out += _work_items(doc, d)
    for i, c in enumerate(d.get("checklists", [])):
        if "count" in c and c["count"] != len(c["items"]):
            out.append(_p(doc, ("checklists", i, "items"), "ops.count", what=f"检查单“{c['name']}”", expected=c["count"],
                          actual=len(c["items"])))
    ids = {
        "phase": ({p["id"] for p in phases}, "阶段"),
        "work_item": ({it["id"] for g in d.get("work_items", []) for it in g["items"]}, "工作重点"),
        "checklist": ({c["id"] for c in d.get("checklists", [])}, "检查单"),
    }
    obligation_ids = {o["id"] for o in obligations}
    forms = {f["id"] for f in d.get("forms", [])}
    known = institution_names(docs, d["institution"]) | declared_names(d)
    institution = registry(docs).get(d["institution"], {}).get("name", d["institution"])
    for i, o in enumerate(obligations):
        ptr: Pointer = ("obligations", i)
        for key, (values, what) in ids.items():
            if key in o and o[key] not in values:
                out.append(_p(doc, ptr + (key,), "ops.ref-unknown", what=what, actual=o[key], expected=sorted(values),
                              suggestion=_hint(o[key], values)))
        for k, ref in enumerate(o.get("after", [])):
            if ref not in obligation_ids:
                out.append(_p(doc, ptr + ("after", k), "ops.ref-unknown", what="职责", actual=ref,
                              expected=sorted(obligation_ids), suggestion=_hint(ref, obligation_ids)))
        for k, ev in enumerate(o.get("evidence", [])):
            if "form" in ev and ev["form"] not in forms:
                out.append(_p(doc, ptr + ("evidence", k, "form"), "ops.ref-unknown", what="表单", actual=ev["form"],
                              expected=sorted(forms), suggestion=_hint(ev["form"], forms)))
            for m, name in enumerate(ev.get("submit_to", [])):
                out += _name(doc, ptr + ("evidence", k, "submit_to", m), name, known, institution)
        for key in ("responsible", "participants"):
            for k, name in enumerate(o.get(key, [])):
                out += _name(doc, ptr + (key, k), name, known, institution)
        out += _rules(doc, ptr, o.get("rules", []), docs)
        out += _schedule(doc, ptr + ("schedule",), o, d)
    return out


def _name(doc: Document, ptr: Pointer, name: str, known: set[str], institution: str) -> list[Problem]:
    if name in known:
        return []
    return [_p(doc, ptr, "ops.name-unknown", actual=name, institution=institution, suggestion=_hint(name, known))]


def _rules(doc: Document, ptr: Pointer, refs: list[str], docs: list[Document]) -> list[Problem]:
    schemes = {s.data["id"]: s for s in _of_kind(docs, "scheme")}
    out: list[Problem] = []
    for k, ref in enumerate(refs):
        scheme, _, rule = ref.partition(":")
        if scheme not in schemes:
            if schemes:  # rules/ loaded: the scheme really is missing
                out.append(_p(doc, ptr + ("rules", k), "ops.scheme-unknown", actual=ref, scheme=scheme))
            continue
        rules = {r.get("id") for c in _rows(schemes[scheme].data, "categories") for cl in _rows(c, "clauses")
                 for r in _rows(cl, "rules")}
        if rule not in rules:
            out.append(_p(doc, ptr + ("rules", k), "ops.rule-unknown", actual=ref, scheme=scheme, rule=rule,
                          suggestion=_hint(rule, rules)))
    return out


def _periods(doc: Document, d: dict, phases: list[dict]) -> list[Problem]:
    out: list[Problem] = []
    period = d.get("period")
    if period and _date(period["start"]) and _date(period["end"]) and _date(period["end"]) < _date(period["start"]):
        out.append(_p(doc, ("period", "end"), "ops.date-order", name="全程", actual=period["end"], expected=period["start"]))
    for i, ph in enumerate(phases):
        start, end = _date(ph["start"]), _date(ph["end"])
        if start and end and end < start:
            out.append(_p(doc, ("phases", i, "end"), "ops.date-order", name=ph["name"], actual=end, expected=start))
        elif period and start and end and (start < _date(period["start"]) or end > _date(period["end"])):
            out.append(_p(doc, ("phases", i), "ops.phase-outside", name=ph["name"], start=start, end=end,
                          period_start=period["start"], period_end=period["end"]))
    orders = [ph["order"] for ph in phases]
    for i, n in enumerate(orders):
        if n != i + 1:
            out.append(_p(doc, ("phases", i, "order"), "ops.order", what="阶段", index=i + 1, actual=n))
            break
    return out


def _work_items(doc: Document, d: dict) -> list[Problem]:
    out: list[Problem] = []
    out += _unique(doc, [(("work_items", i, "items", k, "id"), it["id"]) for i, g in enumerate(d.get("work_items", []))
                         for k, it in enumerate(g["items"])], "工作重点标识")
    for i, g in enumerate(d.get("work_items", [])):
        if g["count"] != len(g["items"]):
            out.append(_p(doc, ("work_items", i, "items"), "ops.count", what=g["name"], expected=g["count"],
                          actual=len(g["items"])))
        for k, it in enumerate(g["items"]):
            if it["order"] != k + 1:
                out.append(_p(doc, ("work_items", i, "items", k, "order"), "ops.order", what=g["name"], index=k + 1,
                              actual=it["order"]))
                break
    return out


def _schedule(doc: Document, ptr: Pointer, o: dict, d: dict) -> list[Problem]:
    s = o["schedule"]
    repeat = s["repeat"]
    out: list[Problem] = []
    for key, repeats in SCHEDULE_FIELDS.items():
        if key in s and repeat not in repeats:
            out.append(_p(doc, ptr + (key,), "ops.schedule-extra", repeat=repeat, actual=key, expected="、".join(repeats)))
    if repeat == "每年":
        for key in ("due", "start"):
            if key in s and not month_day_ok(str(s[key])):
                out.append(_p(doc, ptr + (key,), "ops.bad-month-day", actual=s[key], expected="月-日，如 12-31"))
        if s.get("every", 1) > 1 and "anchor" not in s:
            out.append(_p(doc, ptr, "ops.anchor-missing", name=o["name"], every=s["every"]))
    if repeat == "一次" and "due" in s and "start" in s:
        start, due = _date(s["start"]), _date(s["due"])
        if start and due and due < start:
            out.append(_p(doc, ptr + ("due",), "ops.due-before-start", name=o["name"], actual=due, expected=start))
    if repeat == "每学期" and not any(p["id"] == "semester_ends" for p in d.get("parameters", [])):
        out.append(_p(doc, ptr, "ops.semesters-missing", name=o["name"]))
    if repeat == "随事件" and "event" in s and s["event"] not in {e["id"] for e in d.get("events", [])}:
        events = {e["id"] for e in d.get("events", [])}
        out.append(_p(doc, ptr + ("event",), "ops.ref-unknown", what="事件", actual=s["event"], expected=sorted(events),
                      suggestion=_hint(s["event"], events)))
    if "from" in s and "until" in s and _date(s["until"]) and _date(s["from"]) and _date(s["until"]) < _date(s["from"]):
        out.append(_p(doc, ptr + ("until",), "ops.until-before-from", name=o["name"], actual=s["until"], expected=s["from"]))
    return out


# ------------------------------------------------------------------ the declared review elements


def check_diagnosis_elements(doc: Document, docs: list[Document]) -> list[Problem]:
    d = doc.data
    els = d["elements"]
    out = _unique(doc, [(("elements", i, "id"), e["id"]) for i, e in enumerate(els)], "诊断要素标识")
    names = [(("elements", i, "name"), e["name"]) for i, e in enumerate(els)]
    names += [(("elements", i, "aliases", k), a) for i, e in enumerate(els) for k, a in enumerate(e.get("aliases", []))]
    out += _unique(doc, names, "诊断要素名称或别名")
    for i, e in enumerate(els):
        if e["order"] != i + 1:
            out.append(_p(doc, ("elements", i, "order"), "ops.order", what="诊断要素", index=i + 1, actual=e["order"]))
            break
    if d["count"]["value"] != len(els):
        out.append(_p(doc, ("elements",), "ops.count", what="诊断要素", expected=d["count"]["value"], actual=len(els)))
    tables = {t.data["id"]: t for t in _of_kind(docs, "diagnosis-table")}
    if "table" in d and tables:
        table = tables.get(d["table"])
        if table is None:
            out.append(_p(doc, ("table",), "ops.table-unknown", actual=d["table"], suggestion=_hint(d["table"], tables)))
        else:
            codes = [el.get("code") for it in _rows(table.data, "items") for el in _rows(it, "elements")]
            for i, e in enumerate(els):
                if "table_code" in e and e["table_code"] not in codes:
                    out.append(_p(doc, ("elements", i, "table_code"), "ops.table-code-unknown", name=e["name"],
                                  actual=e["table_code"], table=d["table"], expected=codes))
    return out


def check_procedure_elements(doc: Document, docs: list[Document]) -> list[Problem]:
    """The review procedure's `elements` names a declared list whose size is the procedure's element_count."""
    ref = doc.data.get("elements")
    if ref is None:
        return []
    lists = {e.data["id"]: e for e in _of_kind(docs, "diagnosis-elements")}
    if ref not in lists:
        return [_p(doc, ("elements",), "ops.procedure-elements-unknown", actual=ref, suggestion=_hint(ref, lists))]
    count = next((p["value"] for p in doc.data["parameters"] if p["id"] == "element_count"), None)
    size = len(_rows(lists[ref].data, "elements"))
    if count is not None and count != size:
        return [_p(doc, ("elements",), "ops.procedure-element-count", list=ref, actual=size, expected=count)]
    return []


# ------------------------------------------------------------------ overlays


def find_base(overlay: dict, docs: Iterable[Document]) -> Document | None:
    base = overlay["base"]
    found = [d for d in _of_kind(docs, base["kind"]) if d.data.get("id") == base["id"]]
    live = [d for d in found if d.data.get("status") == "生效"] or found
    return max(live, key=lambda d: tuple(int(x) for x in str(d.data.get("version", "0")).split(".")), default=None)


def check_overlay(doc: Document, docs: list[Document]) -> list[Problem]:
    d = doc.data
    kind, ident = d["base"]["kind"], d["base"]["id"]
    base = find_base(d, docs)
    if base is None:
        options = {x.data["id"] for x in _of_kind(docs, kind)}
        return [_p(doc, ("base", "id"), "ops.overlay-base-unknown", actual=ident, kind=kind,
                    suggestion=_hint(ident, options))]
    out: list[Problem] = []
    if "version" in d["base"] and str(base.data["version"]) != str(d["base"]["version"]):
        out.append(_p(doc, ("base", "version"), "ops.overlay-base-version", severity="warning", base=ident,
                      actual=base.data["version"], expected=d["base"]["version"]))
    out += _overlay_tier(doc, d, base, docs)
    key, what = ITEM_LISTS[kind]
    items = {it["id"]: it for it in _rows(base.data, key) if "id" in it}
    names = {n: it for it in items.values() for n in (it.get("name"), *(it.get("aliases") or []))}
    for i, it in enumerate(d.get("add", [])):
        if it.get("id") in items:
            out.append(_p(doc, ("add", i, "id"), "ops.overlay-add-duplicate", what=what, actual=it["id"], base=ident, field="标识"))
        elif it.get("name") in names:
            out.append(_p(doc, ("add", i, "name"), "ops.overlay-add-duplicate", what=what, actual=it["name"], base=ident, field="名称"))
    origin = registry(docs).get(base.data.get("institution", ""), {}).get("name", ident)
    for i, m in enumerate(d.get("modify", [])):
        target = items.get(m["target"])
        if target is None:
            out.append(_p(doc, ("modify", i, "target"), "ops.overlay-target-unknown", base=ident, actual=m["target"],
                          what=what, suggestion=_hint(m["target"], items)))
            continue
        out += _modification(doc, ("modify", i, "set"), kind, what, target, m["set"])
    for i, dr in enumerate(d.get("drop", [])):
        target = items.get(dr["target"])
        if target is None:
            out.append(_p(doc, ("drop", i, "target"), "ops.overlay-target-unknown", base=ident, actual=dr["target"],
                          what=what, suggestion=_hint(dr["target"], items)))
        elif target.get("required", True):  # obligations of an authority above are always required
            out.append(_p(doc, ("drop", i, "target"), "ops.overlay-drop-required", what=what, name=target.get("name", ""),
                          origin=origin, base=ident))
    return out


def _overlay_tier(doc: Document, d: dict, base: Document, docs: list[Document]) -> list[Problem]:
    known = registry(docs)
    own, theirs = d["institution"], base.data.get("institution", "")
    if own not in known or theirs not in known:
        return []  # reported by the institution checks
    chain, inst = [], known.get(known[own].get("parent", ""))
    while inst is not None and inst["id"] not in [c["id"] for c in chain]:
        chain.append(inst)
        inst = known.get(inst.get("parent", ""))
    if any(c["id"] == theirs for c in chain):
        return []
    return [_p(doc, ("base",), "ops.overlay-not-above", institution=known[own]["name"], tier=known[own]["tier"],
               base=base.data["id"], base_institution=known[theirs]["name"], base_tier=known[theirs]["tier"],
               chain="、".join(f"{c['name']}（{c['tier']}）" for c in chain) or "无")]


def _flatten(value: dict, prefix: str = "") -> list[tuple[str, Any]]:
    out = []
    for k, v in value.items():
        if isinstance(v, dict):
            out += _flatten(v, f"{prefix}{k}.")
        else:
            out.append((f"{prefix}{k}", v))
    return out


def _lookup(item: dict, dotted: str) -> Any:
    value: Any = item
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _modification(doc: Document, ptr: Pointer, kind: str, what: str, target: dict, changes: dict) -> list[Problem]:
    allowed = TIGHTEN[kind]
    out: list[Problem] = []
    for dotted, new in _flatten(changes):
        where = ptr + tuple(dotted.split("."))
        if dotted not in allowed:
            out.append(_p(doc, where, "ops.overlay-field", what=what, name=target["name"], actual=dotted,
                          expected=list(allowed)))
            continue
        old = _lookup(target, dotted)
        if not tightens(dotted, old, new, target):
            out.append(_p(doc, where, "ops.overlay-loosen", what=what, name=target["name"], field=dotted,
                          old=_show(old), new=_show(new), rule=allowed[dotted]))
    return out


def _show(value: Any) -> str:
    if value is None:
        return "（未规定）"
    if isinstance(value, list):
        return "、".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def tightens(dotted: str, old: Any, new: Any, target: dict) -> bool:
    """Whether changing `dotted` from `old` to `new` keeps or tightens the base item's requirement."""
    if dotted == "required":
        return bool(new) or not old
    if dotted in ("aliases", "responsible"):
        return isinstance(new, list) and set(old or []) <= set(new)
    if dotted == "evidence":
        return isinstance(new, list) and {e["name"] for e in old or []} <= {e.get("name") for e in new if isinstance(e, dict)}
    if dotted == "schedule.times":
        return isinstance(new, int) and new >= (old or 1)
    if dotted == "schedule.every":
        return isinstance(new, int) and new <= (old or 1)
    if dotted == "schedule.offset_months":
        return isinstance(new, int) and old is not None and new <= old
    if dotted == "schedule.offset_days":
        # before an event (negative): earlier is stricter; after an event (positive): sooner is stricter
        return isinstance(new, int) and old is not None and (new <= old if old <= 0 else 0 <= new <= old)
    if dotted == "schedule.due":
        if old is None:
            return True  # the base set no deadline: any deadline tightens
        return str(new) <= str(old) and len(str(new)) == len(str(old))
    return False


# Kinds whose checks read other documents defensively and may be given schema-invalid ones to look names up in.
LENIENT = ("timetable", "diagnosis-elements", "overlay", "review-procedure")

CHECKS: dict[str, Check] = {
    "institutions": check_institutions,
    "timetable": check_timetable,
    "diagnosis-elements": check_diagnosis_elements,
    "overlay": check_overlay,
}
