"""Turn validated standards documents into the typed model (`standards.model`), and load all of them.

`build_<kind>(doc)` assumes the document passed schema and semantic checks; `load_standards(root)` runs those
checks (`zhibiao.validate`, the same as `zhibiao validate`) and builds only the documents without errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from ..build import meta, parse_date
from ..build import source as _source
from ..errors import ZhibiaoError, errors_only
from ..loading import Document, load_file
from ..model import Source
from .indicators import build_indicators
from .model import (Body, Catalog, DiagnosisElement, DiagnosisItem, DiagnosisPoint, DiagnosisTable, Department, Duty,
                    Goal, ImprovementPeriod, ImprovementSpiral, LevelDef, Loop, MeasuresAssessment, Objective,
                    Objectives, Organization, Period, PilotDepartment, Platform, Policy, Publication, Requirement,
                    ReviewConclusion, ReviewConsequence, ReviewParameter, ReviewProcedure, Roadmap, RoadmapObjective,
                    Sampling, Standard, StandardChain, StandardLink, StandardsDocument, Step, SystemDef, SystemMap,
                    TargetChain, Variant)
from .review import build_procedure


def src(d: dict | None) -> Source:
    s = _source(d)
    return s if s is not None else Source("", "")


def notes(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


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


def build_review_procedure(doc: Document) -> ReviewProcedure:
    d = doc.data
    proc = build_procedure(doc)  # the engine's own reading of the conclusions and consequences
    raw = {c["id"]: c for c in d["conclusions"]}
    conclusions = []
    for c in proc.conclusions:  # priority order
        r = raw[c.id]
        comb = "" if c.otherwise else next(iter(c.condition))
        conclusions.append(ReviewConclusion(c, src(r["source"]), tuple(r.get("conditions", [])), comb,
                                            notes(r.get("decision"))))
    raw_q = {q["id"]: q for q in d["consequences"]}
    ip, sm, pub = d["improvement_period"], d["sampling"], d["publication"]
    return ReviewProcedure(
        meta(doc), d.get("text", ""),
        parameters=tuple(ReviewParameter(p["id"], p["name"], p["value"], p["text"], src(p["source"]),
                                         notes(p.get("decision"))) for p in d["parameters"]),
        conclusions=tuple(conclusions),
        measures_assessments=tuple(MeasuresAssessment(m["label"], m["text"], src(m["source"]), notes(m.get("decision")))
                                   for m in d["measures_assessments"]),
        consequences=tuple(ReviewConsequence(q, src(raw_q[q.id]["source"]), notes(raw_q[q.id].get("decision")))
                           for q in proc.consequences),
        improvement_period=ImprovementPeriod(int(ip["months"]), ip["text"], src(ip["source"])),
        sampling=Sampling(sm["period_years"], sm["min_fraction"], sm["text"], src(sm["source"]),
                          sm.get("first_round_year"), sm.get("list_published_by", ""), sm.get("list_text", ""),
                          notes(sm.get("decision"))),
        publication=Publication(pub["days_before"], pub["text"], src(pub["source"]), _strs(pub["materials"]),
                                pub.get("where", "")),
        **_n(d))


def build_objectives(doc: Document) -> Objectives:
    d = doc.data
    raw = d["indicators"]
    policy = d.get("policy")
    return Objectives(
        meta(doc), d.get("text", ""),
        tuple(Objective(ind, src(r["source"]), notes(r.get("decision"))) for ind, r in zip(build_indicators(doc), raw)),
        Policy(policy["text"], src(policy["source"])) if policy else None, **_n(d))


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


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_standards(root: Path | str) -> Catalog:
    """Every document under `root`/standards/, checked together as `zhibiao validate` does (cross-file links
    included); a document with an error is left out of the catalog and its problems are kept in `problems`."""
    from .. import paths
    from ..validate import validate, yaml_files

    folder = Path(root) / "standards"
    if not folder.is_dir():
        return Catalog()
    problems = errors_only(validate([folder])[0])
    bad = {p.location.file for p in problems}
    messages = [str(p) for p in problems]
    found: dict[str, list[StandardsDocument]] = {}
    for path in yaml_files([folder]):
        if paths.relative(path) in bad:
            continue
        try:
            doc = load_file(path, _relative(path, Path(root)))
        except ZhibiaoError as exc:  # already reported by validate
            messages += [str(p) for p in exc.problems if str(p) not in messages]
            continue
        kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
        if kind not in BUILDERS:
            continue
        field, build = BUILDERS[kind]
        try:
            found.setdefault(field, []).append(build(doc))
        except (KeyError, TypeError, ValueError) as exc:  # a shape the schema let through: report, never crash
            messages.append(f"{doc.path}: 无法建立模型（{kind}）：{exc!r}")
    return Catalog(**{k: tuple(v) for k, v in found.items()}, problems=tuple(messages))
