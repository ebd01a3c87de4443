"""Turn validated standards documents into the typed model (`model.standards`).

`build_<kind>(doc)` assumes the document passed schema and semantic checks (the repository runs them first)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from ..load import Document
from ..model.common import Source
from ..model.objectives import Policy
from ..model.standards import (Body, DiagnosisElement, DiagnosisItem, DiagnosisPoint, DiagnosisTable, Department,
                               Duty, Goal, ImprovementSpiral, LevelDef, Loop, Organization, Period, PilotDepartment,
                               Platform, Requirement, Roadmap, RoadmapObjective, Standard, StandardChain,
                               StandardLink, StandardsDocument, Step, SystemDef, SystemMap, TargetChain, Variant)
from .common import meta, notes, parse_date, src
from .common import source as _source
from .objectives import build_objectives
from .review import build_review_procedure


def _n(d: dict) -> dict[str, tuple[str, ...]]:
    """The `decision` / `uncertain` notes of one mapping, as keyword arguments."""
    return {"decision": notes(d.get("decision")), "uncertain": notes(d.get("uncertain"))}


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def build_standard(doc: Document) -> Standard:
    d = doc.data
    items = tuple(Requirement(
        id=it["id"], name=it["name"], text=it["text"], source=src(it["source"]), category=it.get("category", ""),
        tasks_text=it.get("tasks_text", ""), owner_department=it.get("owner_department", ""),
        participants=_strs(it.get("participants")), refines=_strs(it.get("refines")), serves=_strs(it.get("serves")),
        next=it.get("next", ""), **_n(it)) for it in d["items"])
    return Standard(meta(doc), d.get("text", ""), items, _strs(d.get("serves")), _strs(d.get("refines")), **_n(d))


def build_diagnosis_table(doc: Document) -> DiagnosisTable:
    d = doc.data
    items = tuple(DiagnosisItem(it["code"], it["name"], src(it["source"]), tuple(
        DiagnosisElement(el["code"], el["name"], src(el["source"]), tuple(
            DiagnosisPoint(p["name"], p["text"], p.get("platform_refs", ""), _strs(p.get("materials")), **_n(p))
            for p in el["points"]), **_n(el))
        for el in it["elements"]), **_n(it)) for it in d["items"])
    cols = d.get("columns") or {}
    return DiagnosisTable(meta(doc), d.get("text", ""), items, cols.get("text", ""),
                          _source(cols.get("source")), **_n(d))


def build_system_map(doc: Document) -> SystemMap:
    d = doc.data
    platform = d.get("platform")
    return SystemMap(
        meta(doc), d.get("text", ""),
        levels=tuple(LevelDef(x["level"], x["text"], src(x["source"])) for x in d["levels"]),
        systems=tuple(SystemDef(s["system"], s["responsible_for"], s["text"], _strs(s["members"]), src(s["source"]),
                                notes(s.get("decision"))) for s in d["systems"]),
        departments=tuple(Department(x["id"], x["name"], _strs(x.get("aliases")), x.get("category", ""),
                                     x.get("text", ""), **_n(x)) for x in d["departments"]),
        platform=Platform(platform["name"], platform["text"], src(platform["source"])) if platform else None, **_n(d))


def build_organization(doc: Document) -> Organization:
    d = doc.data
    bodies = tuple(Body(
        b["id"], b["name"], src(b["source"]),
        tuple(Duty(x["text"], src(x["source"]), x.get("scope", "")) for x in b["duties"]),
        short_name=b.get("short_name", ""), tier=b.get("tier"), reports_to=b.get("reports_to", ""),
        head_text=b.get("head_text", ""), **_n(b)) for b in d["bodies"])
    return Organization(meta(doc), d.get("text", ""), bodies, **_n(d))


def build_improvement_spiral(doc: Document) -> ImprovementSpiral:
    d = doc.data
    tc, sc = d["target_chain"], d["standard_chain"]
    return ImprovementSpiral(
        meta(doc), d.get("text", ""),
        steps=tuple(Step(s["id"], s["name"]) for s in d["steps"]),
        loops=tuple(Loop(lp["id"], lp["name"], _strs(lp["steps"]), lp["returns_to"]) for lp in d["loops"]),
        target_chain=TargetChain(tc["text"], src(tc["source"]), tuple(
            Goal(g["id"], g["name"], g.get("level", ""), g.get("refines", "")) for g in tc["links"]),
            notes(tc.get("decision"))),
        standard_chain=StandardChain(sc["text"], src(sc["source"]), tuple(
            StandardLink(x["id"], x["name"], _strs(x["serves"]), _strs(x["standards"])) for x in sc["links"]),
            notes(sc.get("decision"))),
        variants=tuple(Variant(v["text"], src(v["source"])) for v in d.get("variants", [])), **_n(d))


def _date(v: Any) -> dt.date:
    return v if isinstance(v, dt.date) else parse_date(v)


def _period(p: dict) -> Period:
    return Period(p["id"], p["period_text"], _date(p["start"]), _date(p["end"]), p["text"], src(p["source"]),
                  p.get("name", ""), p.get("order", 0), **_n(p))


def build_roadmap(doc: Document) -> Roadmap:
    d = doc.data
    principle = d.get("principle")
    return Roadmap(
        meta(doc), d.get("text", ""),
        objectives=tuple(RoadmapObjective(o["id"], o["name"], o["text"], src(o["source"])) for o in d["objectives"]),
        pilot_departments=tuple(PilotDepartment(x["name"], _strs(x.get("aliases")), notes(x.get("decision")))
                                for x in d["pilot_departments"]),
        milestones=tuple(_period(m) for m in d["milestones"]),
        phases=tuple(_period(p) for p in d["phases"]),
        principle=Policy(principle["text"], src(principle["source"])) if principle else None,
        phases_text=d.get("phases_text", ""), **_n(d))


BUILDERS: dict[str, tuple[str, Callable[[Document], StandardsDocument]]] = {
    "standard": ("standards", build_standard),
    "diagnosis-table": ("diagnosis_tables", build_diagnosis_table),
    "system-map": ("system_maps", build_system_map),
    "organization": ("organizations", build_organization),
    "improvement-spiral": ("spirals", build_improvement_spiral),
    "review-procedure": ("review_procedures", build_review_procedure),
    "objectives": ("objectives", build_objectives),
    "roadmap": ("roadmaps", build_roadmap),
}
