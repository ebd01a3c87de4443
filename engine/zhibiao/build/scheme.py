"""Turn a schema-valid scheme document into the typed model (no validation beyond what building needs)."""

from __future__ import annotations

from typing import Any

from ..errors import Location
from ..load import Document
from ..model.scheme import (AwardTier, Awards, Block, Category, Clause, DerivedField, FactDef, Note, Parameter,
                            RecordDef, Rule, Scheme)
from .common import content_hash, dated, dec, meta, source


def _fact(d: dict, loc: Location | None = None) -> FactDef:
    return FactDef(
        id=d["id"], name=d.get("name", d["id"]), type=d["type"], description=d.get("description", ""),
        unit=d.get("unit", ""), minimum=dec(d.get("minimum")), maximum=dec(d.get("maximum")),
        has_default="default" in d, default=d.get("default"), example=d.get("example"), location=loc,
    )


def build_scheme(doc: Document) -> Scheme:
    d = doc.data
    m = meta(doc)
    start = m.effective
    categories = []
    for ci, c in enumerate(d["categories"]):
        clauses = []
        for ki, k in enumerate(c["clauses"]):
            rules = []
            for ri, r in enumerate(k["rules"]):
                mode = "when" if "when" in r else "count" if "count" in r else "each"
                rules.append(Rule(
                    id=r["id"], text=r["text"], amount=dated(r["amount"], start), mode=mode,
                    condition=r.get("when") or r.get("where"), count_fact=r.get("count", ""),
                    record=r.get("each", ""), unit=r.get("unit", "次"), cap=dec(r.get("cap")),
                    decision=r.get("decision", ""),
                    location=doc.where(("categories", ci, "clauses", ki, "rules", ri)),
                    category_id=c["id"], clause_no=k["no"],
                ))
            clauses.append(Clause(k["no"], k["text"], tuple(rules)))
        notes = tuple(
            Note(n["no"], n["text"], tuple(n["applies_to"]), n.get("unmatched", ""),
                 doc.where(("categories", ci, "notes", ni)))
            for ni, n in enumerate(c.get("notes", []))
        )
        categories.append(Category(
            id=c["id"], name=c["name"], points=dec(c["points"]), blocks=tuple(c["blocks"]),
            clauses=tuple(clauses), notes=notes, source=source(c["source"]), group=c.get("group", ""),
            decision=c.get("decision", ""),
        ))
    aw = d.get("awards")
    awards = None
    if aw:
        awards = Awards(aw["name"], aw["text"], aw["scope"], aw["basis"], aw.get("tie_break", "total"),
                        tuple(AwardTier(t["name"], t["count"]) for t in aw["tiers"]), source(aw["source"]),
                        aw.get("decision", ""))
    sc = d["scoring"]
    return Scheme(
        meta=m, full_marks=dec(sc["full_marks"]), category_floor=dec(sc["category_floor"]),
        scoring_text=sc.get("text", ""), scoring_decision=sc.get("decision", ""),
        parameters=tuple(Parameter(p["id"], p["name"], dated(p["values"], start), p.get("unit", ""),
                                   p.get("text", ""), p.get("decision", ""), source(p.get("source")))
                         for p in d.get("parameters", [])),
        blocks=tuple(Block(b["id"], b["name"], tuple(b["subjects"]), b.get("text", ""), b.get("decision", ""))
                     for b in d["blocks"]),
        facts=tuple(_fact(f, doc.where(("facts", i))) for i, f in enumerate(d.get("facts", []))),
        records=tuple(
            RecordDef(r["id"], r["name"], r["description"], tuple(_fact({**f, "description": f.get("description", "")})
                                                                  for f in r["fields"]),
                      tuple(DerivedField(x["id"], x["name"], x["function"], x["field"], x["threshold"],
                                         x.get("text", "")) for x in r.get("derived", [])),
                      r.get("unit", ""), r.get("decision", ""))
            for r in d.get("records", [])
        ),
        categories=tuple(categories), awards=awards,
        ranking_scope=(d.get("ranking") or {}).get("scope", "板块"),
        ranking_decision=(d.get("ranking") or {}).get("decision", ""),
        content_hash=content_hash(d), raw=d,
    )
