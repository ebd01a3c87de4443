"""Semantic checks for the standards kinds: what a schema cannot see (links between documents, uniqueness).

`CHECKS[kind](doc, all_docs)` returns every problem found; `zhibiao validate` calls it after the schema passed.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ..errors import Problem
from ..load import Document, Pointer, format_pointer
from .checkup import check_cycles
from .objectives import check_objectives
from .review import check_review_procedure

Check = Callable[[Document, list[Document]], list[Problem]]



def _of_kind(docs: Iterable[Document], kind: str) -> list[Document]:
    return [d for d in docs if isinstance(d.data, dict) and d.data.get("kind") == kind]


def _p(doc: Document, pointer: Pointer, code: str, **fields: Any) -> Problem:
    return Problem.of(code, doc.where(pointer), pointer=format_pointer(pointer), **fields)


def department_names(docs: Iterable[Document]) -> set[str]:
    """Every name and alias in the department catalogs of the loaded system maps."""
    out: set[str] = set()
    for d in _of_kind(docs, "system-map"):
        for dept in d.data.get("departments", []):
            out.add(dept["name"])
            out.update(dept.get("aliases", []))
    return out


def standard_ids(docs: Iterable[Document]) -> set[str]:
    return {it["id"] for d in _of_kind(docs, "standard") for it in d.data.get("items", [])}


def goal_ids(docs: Iterable[Document]) -> set[str]:
    return {g["id"] for d in _of_kind(docs, "improvement-spiral") for g in d.data["target_chain"]["links"]}


def _unique(doc: Document, values: list[tuple[Pointer, Any]], what: str) -> list[Problem]:
    seen: dict[Any, Pointer] = {}
    out = []
    for ptr, value in values:
        if value in seen:
            line = doc.where(seen[value]).line
            out.append(_p(doc, ptr, "std.duplicate", what=what, actual=value, first_line=line))
        else:
            seen[value] = ptr
    return out


def check_diagnosis_table(doc: Document, docs: list[Document]) -> list[Problem]:
    out: list[Problem] = []
    items = doc.data["items"]
    out += _unique(doc, [(("items", i, "code"), it["code"]) for i, it in enumerate(items)], "诊断项目编号")
    codes = []
    for i, it in enumerate(items):
        for j, el in enumerate(it["elements"]):
            ptr: Pointer = ("items", i, "elements", j)
            codes.append((ptr + ("code",), el["code"]))
            if el["code"].split(".")[0] != it["code"]:
                out.append(_p(doc, ptr + ("code",), "std.element-code", actual=el["code"], item=it["code"], name=it["name"]))
            if not el["points"]:
                out.append(_p(doc, ptr + ("points",), "std.element-no-points", element=el["code"], name=el["name"]))
            out += _unique(doc, [(ptr + ("points", k, "name"), pt["name"]) for k, pt in enumerate(el["points"])],
                           f"诊断要素“{el['code']}”中的诊断点")
    out += _unique(doc, codes, "诊断要素编号")
    return out


def check_system_map(doc: Document, docs: list[Document]) -> list[Problem]:
    out: list[Problem] = []
    depts = doc.data["departments"]
    out += _unique(doc, [(("departments", i, "id"), d["id"]) for i, d in enumerate(depts)], "部门标识")
    names = [(("departments", i, "name"), d["name"]) for i, d in enumerate(depts)]
    names += [(("departments", i, "aliases", k), a) for i, d in enumerate(depts) for k, a in enumerate(d.get("aliases", []))]
    out += _unique(doc, names, "部门名称或别名")
    known = {n for _, n in names}
    out += _unique(doc, [(("systems", i, "system"), s["system"]) for i, s in enumerate(doc.data["systems"])], "系统")
    out += _unique(doc, [(("levels", i, "level"), lv["level"]) for i, lv in enumerate(doc.data["levels"])], "层面")
    member_of: dict[str, str] = {}
    for i, s in enumerate(doc.data["systems"]):
        for k, name in enumerate(s["members"]):
            ptr = ("systems", i, "members", k)
            if name not in known:
                out.append(_p(doc, ptr, "std.member-unknown", system=s["system"], actual=name))
            elif name in member_of:
                out.append(_p(doc, ptr, "std.member-twice", actual=name, first=member_of[name], second=s["system"]))
            else:
                member_of[name] = s["system"]
    return out


def check_standard(doc: Document, docs: list[Document]) -> list[Problem]:
    out: list[Problem] = []
    items = doc.data["items"]
    own = [(("items", i, "id"), it["id"]) for i, it in enumerate(items)]
    out += _unique(doc, own, "标准标识")
    others = {it["id"] for d in _of_kind(docs, "standard") if d is not doc for it in d.data.get("items", [])}
    for ptr, sid in own:
        if sid in others:
            out.append(_p(doc, ptr, "std.id-elsewhere", actual=sid))
    stds, goals, depts = standard_ids(docs) | {sid for _, sid in own}, goal_ids(docs), department_names(docs)
    for key in ("serves", "refines"):
        for k, ref in enumerate(doc.data.get(key, [])):
            out += _link(doc, (key, k), ref, goals if key == "serves" else stds, key)
    for i, it in enumerate(items):
        for key in ("serves", "refines"):
            for k, ref in enumerate(it.get(key, [])):
                out += _link(doc, ("items", i, key, k), ref, goals if key == "serves" else stds, key)
        if "next" in it:
            out += _link(doc, ("items", i, "next"), it["next"], stds, "next")
        if "owner_department" in it and it["owner_department"] not in depts:
            out.append(_p(doc, ("items", i, "owner_department"), "std.department-unknown", role="责任部门", actual=it["owner_department"]))
        for k, name in enumerate(it.get("participants", [])):
            if name not in depts:
                out.append(_p(doc, ("items", i, "participants", k), "std.department-unknown", role="参与部门", actual=name))
    return out + check_cycles(doc, docs, ("next", "refines"))


_LINK_TEXT = {"serves": ("目标链环节", "improvement-spiral.yaml 的 target_chain"), "refines": ("标准", "标准库"),
              "next": ("标准", "标准库"), "standards": ("标准", "标准库")}


def _link(doc: Document, ptr: Pointer, ref: str, known: set[str], key: str) -> list[Problem]:
    if ref in known:
        return []
    what, where = _LINK_TEXT[key]
    return [_p(doc, ptr, "std.link-unknown", key=key, what=what, actual=ref, where=where)]


def check_improvement_spiral(doc: Document, docs: list[Document]) -> list[Problem]:
    out: list[Problem] = []
    steps = {s["id"] for s in doc.data["steps"]}
    for i, loop in enumerate(doc.data["loops"]):
        for k, sid in enumerate(loop["steps"] + [loop["returns_to"]]):
            if sid not in steps:
                ptr = ("loops", i, "steps", k) if k < len(loop["steps"]) else ("loops", i, "returns_to")
                out.append(_p(doc, ptr, "std.loop-step-unknown", loop=loop["name"], actual=sid))
    links = doc.data["target_chain"]["links"]
    out += _unique(doc, [(("target_chain", "links", i, "id"), g["id"]) for i, g in enumerate(links)], "目标标识")
    goals = {g["id"] for g in links}
    for i, g in enumerate(links):
        if "refines" in g and g["refines"] not in goals:
            out.append(_p(doc, ("target_chain", "links", i, "refines"), "std.goal-unknown", goal=g["name"], actual=g["refines"]))
    stds = standard_ids(docs)
    for i, c in enumerate(doc.data["standard_chain"]["links"]):
        for k, ref in enumerate(c["serves"]):
            out += _link(doc, ("standard_chain", "links", i, "serves", k), ref, goals, "serves")
        for k, ref in enumerate(c["standards"]):
            out += _link(doc, ("standard_chain", "links", i, "standards", k), ref, stds, "standards")
    return out + check_cycles(doc, docs, ("goal",))


def check_organization(doc: Document, docs: list[Document]) -> list[Problem]:
    bodies = doc.data["bodies"]
    out = _unique(doc, [(("bodies", i, "id"), b["id"]) for i, b in enumerate(bodies)], "机构标识")
    ids = {b["id"] for b in bodies}
    for i, b in enumerate(bodies):
        if "reports_to" in b and b["reports_to"] not in ids:
            out.append(_p(doc, ("bodies", i, "reports_to"), "std.body-unknown", body=b["name"], actual=b["reports_to"]))
    tiers = sorted(b["tier"] for b in bodies if "tier" in b)
    if tiers != [1, 2, 3]:
        out.append(_p(doc, ("bodies",), "std.tiers", actual=tiers or "无"))
    by_id = {b["id"]: b for b in bodies}
    for i, b in enumerate(bodies):
        up = by_id.get(b.get("reports_to", ""))
        if "tier" in b and b["tier"] > 1 and (not up or up.get("tier") != b["tier"] - 1):
            out.append(_p(doc, ("bodies", i, "reports_to"), "std.tier-parent", tier=b["tier"], body=b["name"], expected=b["tier"] - 1))
    return out + check_cycles(doc, docs, ("organisation",))


def check_roadmap(doc: Document, docs: list[Document]) -> list[Problem]:
    out: list[Problem] = []
    for key in ("milestones", "phases"):
        rows = doc.data[key]
        out += _unique(doc, [((key, i, "id"), r["id"]) for i, r in enumerate(rows)], "标识")
        for i, r in enumerate(rows):
            if r["start"] > r["end"]:
                out.append(_p(doc, (key, i, "end"), "std.period-order", name=r.get("name", r["period_text"]), actual=r["end"], expected=r["start"]))
    orders = [p["order"] for p in doc.data["phases"]]
    if orders != list(range(1, len(orders) + 1)):
        out.append(_p(doc, ("phases",), "std.phase-order", actual=str(orders)))
    return out


CHECKS: dict[str, Check] = {
    "diagnosis-table": check_diagnosis_table,
    "system-map": check_system_map,
    "standard": check_standard,
    "improvement-spiral": check_improvement_spiral,
    "organization": check_organization,
    "review-procedure": check_review_procedure,
    "objectives": check_objectives,
    "roadmap": check_roadmap,
}
