"""Two stored runs side by side (`zhibiao compare 2009 2010`): per subject, per rule, what changed and why.

“Why” is read from what the runs kept: the facts a rule read (its evidence) and the facts as scored, the
amount per unit (another scheme version changes it), and the number of units or matching records.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model.results import Deduction, SubjectResult
from ..model.runs import Comparison, FactChange, RuleChange, RuleSummary, StoredRun, SubjectChange
from ..numbers import fmt


def _shown(v: Any) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    if v is None:
        return "（未填）"
    if isinstance(v, Decimal):
        return fmt(v)
    if isinstance(v, list):
        return "[" + ", ".join(_shown(x) for x in v) + "]"
    return str(v)


def _evidence_facts(d: Deduction | None) -> dict[str, tuple[str, Any]]:
    return {e["fact"]: (e.get("name", e["fact"]), e.get("value")) for e in (d.evidence if d else []) if "fact" in e}


def _reasons(old: Deduction | None, new: Deduction | None, versions: tuple[str, str],
             facts: tuple[dict[str, Any], dict[str, Any]]) -> tuple[str, ...]:
    out: list[str] = []
    if old is None:
        out.append("本期新出现的扣分")
    elif new is None:
        out.append("本期不再扣分")
    if old is not None and new is not None:
        if old.amount != new.amount:
            out.append(f"每{new.unit}分值 {fmt(old.amount)} → {fmt(new.amount)}（方案版本 {versions[0]} → {versions[1]}）")
        if old.quantity != new.quantity:
            out.append(f"数量 {fmt(old.quantity)} → {fmt(new.quantity)} {new.unit}")
        if old.capped != new.capped:
            out.append(f"本条上限截去 {fmt(old.capped)} → {fmt(new.capped)} 分")
    before, after = _evidence_facts(old), _evidence_facts(new)
    for fid in dict.fromkeys([*before, *after]):
        name = (after.get(fid) or before.get(fid))[0]
        # a rule that did not deduct keeps no evidence: the value is then the fact as scored in that run
        a = before[fid][1] if fid in before else facts[0].get(fid)
        b = after[fid][1] if fid in after else facts[1].get(fid)
        if _shown(a) != _shown(b):
            out.append(f"{name} {_shown(a)} → {_shown(b)}")
    rows_old = [e for e in (old.evidence if old else []) if "record" in e]
    rows_new = [e for e in (new.evidence if new else []) if "record" in e]
    if len(rows_old) != len(rows_new):
        out.append(f"符合条件的记录 {len(rows_old)} → {len(rows_new)} 条")
    return tuple(out)


def _subject(old: SubjectResult | None, new: SubjectResult | None, old_facts: dict[str, Any],
             new_facts: dict[str, Any], names: dict[str, str], versions: tuple[str, str]) -> SubjectChange:
    ref = new or old
    assert ref is not None
    cats: list[tuple[str, str, Decimal | None, Decimal | None]] = []
    ids = dict.fromkeys([c.id for c in (old.categories if old else [])] + [c.id for c in (new.categories if new else [])])
    for cid in ids:
        a = next((c for c in (old.categories if old else []) if c.id == cid), None)
        b = next((c for c in (new.categories if new else []) if c.id == cid), None)
        if (a.score if a else None) != (b.score if b else None):
            cats.append((cid, (b or a).name, a.score if a else None, b.score if b else None))
    by_old = {d.rule_id: d for d in (old.deductions if old else [])}
    by_new = {d.rule_id: d for d in (new.deductions if new else [])}
    rules = []
    for rid in dict.fromkeys([*by_old, *by_new]):
        a, b = by_old.get(rid), by_new.get(rid)
        if a is not None and b is not None and (a.quantity, a.amount, a.subtotal) == (b.quantity, b.amount, b.subtotal):
            continue
        d = b or a
        rules.append(RuleChange(rid, d.category_id, d.text, a.quantity if a else Decimal(0), b.quantity if b else Decimal(0),
                                a.amount if a else None, b.amount if b else None, a.subtotal if a else Decimal(0),
                                b.subtotal if b else Decimal(0), _reasons(a, b, versions, (old_facts, new_facts))))
    facts = []
    for fid in dict.fromkeys([*old_facts, *new_facts]):
        a, b = old_facts.get(fid), new_facts.get(fid)
        if _shown(a) != _shown(b) and old is not None and new is not None:
            facts.append(FactChange(fid, names.get(fid, fid), a, b))
    return SubjectChange(ref.name, ref.block, old.total if old else None, new.total if new else None,
                         old.rank if old else None, new.rank if new else None, tuple(cats), tuple(rules), tuple(facts))


def compare_runs(old: StoredRun, new: StoredRun, fact_names: dict[str, str] | None = None) -> Comparison:
    names = dict(fact_names or {})
    for run in (old, new):
        for s in run.result.subjects:
            for d in s.deductions:
                names.update({fid: name for fid, (name, _) in _evidence_facts(d).items()})
    versions = (old.info.version, new.info.version)
    order = [s.name for s in new.result.subjects] + [s.name for s in old.result.subjects
                                                     if new.result.find(s.name) is None]
    subjects = tuple(_subject(old.result.find(n), new.result.find(n), old.facts.get(n, {}), new.facts.get(n, {}),
                              names, versions) for n in order)
    summary: dict[str, list[Any]] = {}
    for side, run in enumerate((old, new)):
        for s in run.result.subjects:
            for d in s.deductions:
                row = summary.setdefault(d.rule_id, [d.text, 0, 0, Decimal(0), Decimal(0)])
                row[1 + side] += 1
                row[3 + side] += d.subtotal
    rules = tuple(RuleSummary(rid, r[0], r[1], r[2], r[3], r[4]) for rid, r in summary.items())
    return Comparison(old.info, new.info, subjects, rules, old.info.rules_hash != new.info.rules_hash)
