"""Build the operations-layer models (`model.operations`) from validated documents, and resolve an overlay
against its base: the college's list is the base's items (with their origin), changed as the overlay says, then
the overlay's additions (with the college as origin). Documents reaching here passed schema and semantic checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ..load import Document
from ..model.operations import (Body, Checklist, Element, ElementList, Event, Evidence, Form, Group, Institution,
                                Institutions, Obligation, Origin, Phase, Schedule, Timetable, WorkItem, WorkItems)
from .common import meta, notes, parse_date, src


def _date(value: Any) -> dt.date | None:
    return None if value is None else parse_date(value)


def _strs(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def build_institutions(doc: Document) -> Institutions:
    d = doc.data
    return Institutions(meta(doc), tuple(Institution(
        i["id"], i["name"], i["tier"], i["text"], src(i["source"]), i.get("short_name", ""), i.get("province", ""),
        i.get("parent", ""), _strs(i.get("documents")), _strs(i.get("frameworks")), notes(i.get("decision")),
        notes(i.get("uncertain"))) for i in d["institutions"]), notes(d.get("decision")))


def origin_of(doc: Document, registry: Institutions | None) -> Origin:
    ident = doc.data.get("institution", "")
    inst = registry.get(ident) if registry is not None else None
    return Origin(ident, inst.name if inst else ident, inst.tier if inst else "", doc.data["id"], doc.path)


def build_schedule(s: dict) -> Schedule:
    return Schedule(
        repeat=s["repeat"], text=s["text"], times=s.get("times"), every=int(s.get("every", 1)), anchor=s.get("anchor"),
        due=str(s.get("due", "")), start=str(s.get("start", "")), from_date=_date(s.get("from")),
        until=_date(s.get("until")), event=s.get("event", ""), offset_days=int(s.get("offset_days", 0)),
        offset_months=int(s.get("offset_months", 0)), decision=notes(s.get("decision")))


def build_obligation(o: dict, origin: Origin) -> Obligation:
    return Obligation(
        id=o["id"], name=o["name"], text=o["text"], source=src(o["source"]), responsible=_strs(o["responsible"]),
        schedule=build_schedule(o["schedule"]), origin=origin, participants=_strs(o.get("participants")),
        level=o.get("level", ""), system=o.get("system", ""), phase=o.get("phase", ""),
        work_item=o.get("work_item", ""),
        evidence=tuple(Evidence(e["name"], _strs(e.get("submit_to")), e.get("form", ""), e.get("copies", ""),
                                e.get("where", ""), e.get("text", "")) for e in o.get("evidence", [])),
        after=_strs(o.get("after")), checklist=o.get("checklist", ""), rules=_strs(o.get("rules")),
        decision=notes(o.get("decision")), uncertain=notes(o.get("uncertain")))


def build_timetable(doc: Document, registry: Institutions | None = None) -> Timetable:
    d = doc.data
    origin = origin_of(doc, registry)
    period = d.get("period")
    params = {p["id"]: p["value"] for p in d.get("parameters", [])}
    return Timetable(
        meta=meta(doc), institution=d["institution"], origin=origin, text=d.get("text", ""),
        period=(parse_date(period["start"]), parse_date(period["end"])) if period else None,
        period_text=period["period_text"] if period else "",
        phases=tuple(Phase(p["id"], p["order"], p["name"], p["period_text"], parse_date(p["start"]),
                           parse_date(p["end"]), p["text"], src(p["source"]), notes(p.get("decision")),
                           notes(p.get("uncertain"))) for p in d.get("phases", [])),
        obligations=tuple(build_obligation(o, origin) for o in d["obligations"]),
        work_items=tuple(WorkItems(g["id"], g["level"], g["name"], g["count"], g["text"], src(g["source"]),
                                   tuple(WorkItem(it["id"], it["order"], it["name"], it.get("text", ""))
                                         for it in g["items"]), g.get("performer_text", ""))
                         for g in d.get("work_items", [])),
        forms=tuple(Form(f["id"], f["number"], f["name"], _strs(f["columns"]), f["text"], src(f["source"]),
                         _strs(f.get("header_fields")), tuple(_strs(r) for r in f.get("sample_rows", [])))
                    for f in d.get("forms", [])),
        checklists=tuple(Checklist(c["id"], c["name"], _strs(c["items"]), c["text"], src(c["source"]), c.get("count"))
                         for c in d.get("checklists", [])),
        events=tuple(Event(e["id"], e["name"], e["text"], src(e["source"]), notes(e.get("decision")))
                     for e in d.get("events", [])),
        groups=tuple(Group(g["name"], _strs(g["members"]), g.get("text", "")) for g in d.get("groups", [])),
        aliases=tuple((a["name"], a["same_as"]) for a in d.get("aliases", [])),
        bodies=tuple(Body(b["name"], b["text"], src(b["source"]), _strs(b.get("aliases"))) for b in d.get("bodies", [])),
        semester_ends=_strs(params.get("semester_ends")),
        decision=notes(d.get("decision")), uncertain=notes(d.get("uncertain")))


def build_element(e: dict, origin: Origin) -> Element:
    return Element(e["id"], e["order"], e["name"], e["item"], src(e["source"]), origin, bool(e.get("required", True)),
                   e.get("table_code", ""), _strs(e.get("aliases")), e.get("text", ""), notes(e.get("decision")),
                   notes(e.get("uncertain")))


def build_diagnosis_elements(doc: Document, registry: Institutions | None = None) -> ElementList:
    d = doc.data
    origin = origin_of(doc, registry)
    return ElementList(meta(doc), d["institution"], tuple(build_element(e, origin) for e in d["elements"]),
                       int(d["count"]["value"]), d["count"]["text"], src(d["count"]["source"]), d.get("table", ""),
                       decision=notes(d.get("decision")), uncertain=notes(d.get("uncertain")))


def _apply(item: dict, changes: dict) -> dict:
    out = dict(item)
    for key, value in changes.items():
        out[key] = _apply(out.get(key) or {}, value) if isinstance(value, dict) else value
    return out


def resolve_elements(base_doc: Document, overlay: Document, registry: Institutions | None = None) -> ElementList:
    """The college's element list: the base's elements (origin: the province) with the overlay's changes, then the
    overlay's additions (origin: the college). Dropped items (only optional ones pass validation) are left out."""
    base_origin, own = origin_of(base_doc, registry), origin_of(overlay, registry)
    changes = {m["target"]: m["set"] for m in overlay.data.get("modify", [])}
    dropped = {x["target"] for x in overlay.data.get("drop", [])}
    kept = [build_element(_apply(e, changes.get(e["id"], {})), base_origin)
            for e in base_doc.data["elements"] if e["id"] not in dropped]
    added = [build_element(e, own) for e in overlay.data.get("add", [])]
    return ElementList(meta(overlay), overlay.data["institution"], tuple(kept + added), len(kept) + len(added),
                       base=base_doc.data["id"], decision=notes(overlay.data.get("decision")))


def resolve_timetable(base_doc: Document, overlay: Document, registry: Institutions | None = None) -> Timetable:
    """A college's timetable from a provincial one: the same phases and events, obligations changed and added."""
    base = build_timetable(base_doc, registry)
    own = origin_of(overlay, registry)
    changes = {m["target"]: m["set"] for m in overlay.data.get("modify", [])}
    raw = {o["id"]: o for o in base_doc.data["obligations"]}
    kept = []
    for o in base.obligations:
        if o.id in changes:
            changed = build_obligation(_apply(raw[o.id], changes[o.id]), own)
            o = dataclasses.replace(changed, origin=dataclasses.replace(own, document=f"{own.document}（改自 {base.id}）"))
        kept.append(o)
    added = tuple(build_obligation(o, own) for o in overlay.data.get("add", []))
    return dataclasses.replace(base, meta=meta(overlay), institution=overlay.data["institution"], origin=own,
                               obligations=tuple(kept) + added)
