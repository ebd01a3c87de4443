"""Turn a schema-valid, semantically checked scheme document into the typed model (no validation beyond what
building needs). Defaults are resolved here, once: a category's method, base and floor; a rule's effect."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..errors import Location
from ..load import Document, Pointer
from ..model.outcomes import AwardTier, Awards, Eligibility, Grading, Veto
from ..model.scheme import (ADD, DEDUCT, Band, Block, Category, ChangeSpec, Clause, DerivedField, FactDef,
                            GradeScale, Measure, Note, Parameter, RankBand, RankSpec, RecordDef, Rounding, Rule,
                            Scheme)
from .common import content_hash, dated, dec, meta, source

MODES = ("when", "count", "each", "bands", "grade", "rank", "change")


def percent(text: str) -> Decimal:
    """“60%” → 0.6."""
    return Decimal(text.rstrip("%")) / 100


def _fact(d: dict, loc: Location | None = None) -> FactDef:
    return FactDef(
        id=d["id"], name=d.get("name", d["id"]), type=d["type"], description=d.get("description", ""),
        unit=d.get("unit", ""), minimum=dec(d.get("minimum")), maximum=dec(d.get("maximum")),
        has_default="default" in d, default=d.get("default"), example=d.get("example"), location=loc,
        scale=d.get("scale", ""), values=tuple(d.get("values", ())),
    )


def rounding(d: dict | None) -> Rounding | None:
    return Rounding(int(d["decimals"]), d["mode"]) if d else None


def rule_mode(r: dict) -> str:
    """Which of the seven forms a rule uses (validation makes sure it is exactly one)."""
    if "value" in r or "bands" in r:
        return "bands"
    if "rank" in r:
        return "rank"
    if "change" in r:
        return "change"
    if "grade" in r:
        return "grade"
    return next(m for m in ("when", "count", "each") if m in r)


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.d = doc.data
        self.meta = meta(doc)
        sc = self.d["scoring"]
        self.method = sc["method"]
        self.floor = dec(sc.get("category_floor", 0))

    def rule(self, r: dict, ptr: Pointer, cat: dict, method: str, clause_no: int) -> Rule:
        start = self.meta.effective
        mode = rule_mode(r)
        effect = {"扣分": DEDUCT, "加分": ADD}.get(r.get("effect", ""), DEDUCT if method == "扣分制" else ADD)
        rank = None
        if mode == "rank":
            zero = r.get("zero_amount")
            rank = RankSpec(r.get("among", ""), r.get("order", "从高到低"), r["ties"], dec(zero),
                            tuple(RankBand(b.get("up_to"), dec(b["amount"])) for b in r["ranks"]))
        change = None
        if mode == "change":
            change = ChangeSpec(r["better"], dec(r["step"]), r.get("steps", "整步"), dec(r.get("gain", 0)),
                                dec(r.get("loss", 0)), r.get("if_no_previous", "报错"))
        fact = r.get("value") or r.get("grade") or r.get("rank") or r.get("change") or ""
        return Rule(
            id=r["id"], text=r["text"], amount=dated(r["amount"], start) if "amount" in r else None, mode=mode,
            condition=r.get("when") or r.get("where"), count_fact=r.get("count", ""), record=r.get("each", ""),
            unit=r.get("unit", "次"), cap=dec(r.get("cap")), decision=r.get("decision", ""),
            location=self.doc.where(ptr), category_id=cat["id"], clause_no=clause_no, effect=effect, fact=fact,
            by=r.get("by", ""), amounts=tuple((str(k), dec(v)) for k, v in (r.get("amounts") or {}).items()),
            bands=tuple(Band(dec(b.get("at_least")), dec(b.get("below")), dec(b["amount"])) for b in r.get("bands", ())),
            rank=rank, change=change,
        )

    def category(self, c: dict, ptr: Pointer, blocks: tuple[str, ...], inherited: str = "") -> Category:
        method = c.get("method", inherited or self.method)  # a sub-category scores as its parent unless it says
        points = dec(c["points"])
        clauses = []
        for ki, k in enumerate(c.get("clauses", ())):
            rules = tuple(self.rule(r, ptr + ("clauses", ki, "rules", ri), c, method, k["no"])
                          for ri, r in enumerate(k["rules"]))
            clauses.append(Clause(k["no"], k["text"], rules))
        notes = tuple(Note(n["no"], n["text"], tuple(n["applies_to"]), n.get("unmatched", ""),
                           self.doc.where(ptr + ("notes", ni)))
                      for ni, n in enumerate(c.get("notes", [])))
        children = tuple(self.category(x, ptr + ("categories", i), blocks, method)
                         for i, x in enumerate(c.get("categories", ())))
        base = dec(c["base"]) if "base" in c else (points if method == "扣分制" else Decimal(0))
        floor = dec(c["floor"]) if "floor" in c else (self.floor if method == "扣分制" else Decimal(0))
        return Category(
            id=c["id"], name=c["name"], points=points, blocks=blocks, clauses=tuple(clauses), notes=notes,
            source=source(c.get("source")), group=c.get("group", ""), decision=c.get("decision", ""), method=method,
            base=base, floor=floor, weight=percent(c["weight"]) if "weight" in c else None,
            rounding=rounding(c.get("rounding")), children=children,
        )

    def build(self) -> Scheme:
        d, doc = self.d, self.doc
        start = self.meta.effective
        sc = d["scoring"]
        awards_raw = d.get("awards") or []
        if isinstance(awards_raw, dict):
            awards_raw = [awards_raw]
        return Scheme(
            meta=self.meta, full_marks=dec(sc["full_marks"]), category_floor=self.floor,
            scoring_text=sc.get("text", ""), scoring_decision=sc.get("decision", ""),
            parameters=tuple(Parameter(p["id"], p["name"], dated(p["values"], start), p.get("unit", ""),
                                       p.get("text", ""), p.get("decision", ""), source(p.get("source")))
                             for p in d.get("parameters", [])),
            blocks=tuple(Block(b["id"], b["name"], tuple(b.get("subjects", ())), b.get("text", ""),
                               b.get("decision", ""), b.get("kind", ""),
                               tuple(_fact(a, doc.where(("blocks", i, "attributes", j)))
                                     for j, a in enumerate(b.get("attributes", ()))),
                               rounding(b.get("rounding")))
                         for i, b in enumerate(d["blocks"])),
            facts=tuple(_fact(f, doc.where(("facts", i))) for i, f in enumerate(d.get("facts", []))),
            records=tuple(
                RecordDef(r["id"], r["name"], r["description"],
                          tuple(_fact({**f, "description": f.get("description", "")}) for f in r["fields"]),
                          tuple(DerivedField(x["id"], x["name"], x["function"], x["field"], x["threshold"],
                                             x.get("text", "")) for x in r.get("derived", [])),
                          r.get("unit", ""), r.get("decision", ""))
                for r in d.get("records", [])
            ),
            categories=tuple(self.category(c, ("categories", i), tuple(c["blocks"]))
                             for i, c in enumerate(d["categories"])),
            award_list=tuple(_awards(a) for a in awards_raw),
            ranking_scope=(d.get("ranking") or {}).get("scope", "板块"),
            ranking_decision=(d.get("ranking") or {}).get("decision", ""),
            content_hash=content_hash(d), raw=d, method=self.method, rounding=rounding(sc.get("rounding")),
            grade_scales=tuple(GradeScale(g["id"], g["name"], tuple((x["grade"], dec(x["value"])) for x in g["grades"]),
                                          g.get("text", ""), source(g.get("source")))
                               for g in d.get("grade_scales", ())),
            measures=tuple(_measure(m, doc.where(("measures", i))) for i, m in enumerate(d.get("measures", ()))),
            vetoes=tuple(Veto(v["id"], v.get("name", v["id"]), v["text"], v["when"], dec(v.get("score")),
                              v.get("grade", ""), tuple(v.get("blocks", ())), source(v.get("source")),
                              v.get("decision", ""), doc.where(("vetoes", i)))
                         for i, v in enumerate(d.get("vetoes", ()))),
            eligibility=tuple(Eligibility(e["id"], e.get("name", e["id"]), e["text"], e.get("when"), e.get("most", ""),
                                          int(e.get("top", 0)), e.get("among", ""), e.get("max_grade", ""),
                                          tuple(e.get("excludes", ())), tuple(e.get("blocks", ())),
                                          source(e.get("source")), e.get("decision", ""), doc.where(("eligibility", i)))
                              for i, e in enumerate(d.get("eligibility", ()))),
            gradings=tuple(Grading(tuple((x["grade"], dec(x.get("at_least"))) for x in g["levels"]),
                                   tuple(g.get("blocks", ())), g.get("text", ""), source(g.get("source")),
                                   g.get("decision", ""))
                           for g in d.get("grading", ())),
        )


def _measure(m: dict, loc: Location) -> Measure:
    return Measure(m["id"], m["name"], m["function"], m.get("records", ""), m.get("field", ""), m.get("members", ""),
                   m.get("by", ""), m.get("of", ""), m.get("where"), rounding(m.get("rounding")), m.get("unit", ""),
                   m.get("text", ""), source(m.get("source")), loc)


def _awards(a: dict[str, Any]) -> Awards:
    tiers = tuple(AwardTier(t["name"], int(t.get("count", 0)), percent(t["share"]) if "share" in t else None)
                  for t in a["tiers"])
    return Awards(a["name"], a["text"], a["scope"], a["basis"], a.get("tie_break", "total"), tiers,
                  source(a.get("source")), a.get("decision", ""), a.get("id", ""), tuple(a.get("blocks", ())),
                  tuple(a.get("grades", ())))


def build_scheme(doc: Document) -> Scheme:
    return _Builder(doc).build()
