"""Compile a scheme (one block, at one date) into durable-rules patterns, once; evaluate many times."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from . import rete
from .conditions import describe, fields_used, to_durable
from .model import Rule, Scheme
from .results import rule_link

SUBJECT = "subject"


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    amount: Decimal
    condition_text: str
    link: str


@dataclass(frozen=True)
class CompiledBlock:
    scheme: Scheme
    block: str
    as_of: dt.date
    rules: dict[str, CompiledRule]
    ruleset: rete.Ruleset
    params: dict[str, Decimal | None]
    # looked up once here rather than per subject on the hot path
    order: dict[str, int]
    fact_names: dict[str, str]
    when_fields: dict[str, tuple[str, ...]]


def resolver(scheme: Scheme, as_of: dt.date):
    def resolve(name: str) -> Decimal | None:
        p = scheme.parameter(name)
        if p is None:
            raise KeyError(name)
        return p.values.at(as_of)
    return resolve


def _names(scheme: Scheme, rule: Rule) -> dict[str, str]:
    if rule.mode == "each":
        rec = scheme.record(rule.record)
        if rec:
            return {f.id: f.name for f in rec.fields} | {x.id: x.name for x in rec.derived}
    return {f.id: f.name for f in scheme.facts}


def pattern(scheme: Scheme, rule: Rule, as_of: dt.date) -> dict:
    resolve = resolver(scheme, as_of)
    if rule.mode == "count":
        return {"$and": [{rete.KIND: SUBJECT}, {"$gt": {rule.count_fact: 0}}]}
    kind = SUBJECT if rule.mode == "when" else rule.record
    return {"$and": [{rete.KIND: kind}, to_durable(rule.condition or {}, resolve)]}


def condition_text(scheme: Scheme, rule: Rule, as_of: dt.date) -> str:
    if rule.mode == "count":
        f = scheme.fact(rule.count_fact)
        return f"{f.name if f else rule.count_fact} > 0，按填报数量计"
    text = describe(rule.condition or {}, _names(scheme, rule), resolver(scheme, as_of))
    if rule.mode == "each":
        rec = scheme.record(rule.record)
        return f"每条“{rec.name if rec else rule.record}”记录：{text}"
    return text


@lru_cache(maxsize=256)
def compile_block(scheme: Scheme, block: str, as_of: dt.date) -> CompiledBlock:
    rules: dict[str, CompiledRule] = {}
    patterns: list[rete.MatchRule] = []
    for rule in scheme.rules_for(block):
        amount = rule.amount.at(as_of) if rule.amount.values[0].start <= as_of else None
        if amount is None:
            continue  # not in force on that date
        rules[rule.id] = CompiledRule(rule, amount, condition_text(scheme, rule, as_of), rule_link(scheme.id, rule.id))
        patterns.append(rete.MatchRule(rule.id, pattern(scheme, rule, as_of)))
    rs = rete.ruleset(f"zb_{scheme.id.replace('-', '_')}_{block}", patterns, namespace=f"scheme:{scheme.id}")
    params = {p.id: (p.values.at(as_of) if p.values.values[0].start <= as_of else None) for p in scheme.parameters}
    order = {r.id: i for i, r in enumerate(scheme.rules)}
    when_fields = {r.id: tuple(sorted(fields_used(r.condition or {}))) for r in scheme.rules_for(block) if r.mode == "when"}
    return CompiledBlock(scheme, block, as_of, rules, rs, params, order,
                         {f.id: f.name for f in scheme.facts}, when_fields)
