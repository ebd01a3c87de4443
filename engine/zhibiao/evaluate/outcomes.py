"""After the points: 一票否决 (the total or grade a veto sets), 评优限制 (grade caps, exclusions), 考核等级 (the
grade a total falls in, decided by the engine), and award candidacy (decided by the engine from grade and bars)."""

from __future__ import annotations

from decimal import Decimal

from ..compile.outcomes import CANDIDATE, RESULT, TOTAL, award_program, barred_key, grading_program, needs_candidacy
from ..compile.conditions import field
from ..model.results import Outcome, SubjectResult
from ..model.scheme import Scheme
from ..numbers import fmt
from . import engine
from .facts import outcome_fact


def apply_block(scheme: Scheme, block: str, results: list[SubjectResult]) -> None:
    """Vetoes, eligibility limits and grades of one block's results (before the next block rolls them up)."""
    vetoes = {f"veto:{v.id}": v for v in scheme.vetoes_for(block)}
    limits = {f"elig:{e.id}": e for e in scheme.eligibility_for(block)}
    for r in results:
        for key, v in vetoes.items():  # in the scheme's order
            if key in r.outcome_keys:
                r.vetoes.append(Outcome(v.id, v.name, v.text, _why(scheme, r, v.when), v.score, v.grade))
        for key, e in limits.items():
            if key in r.outcome_keys:
                detail = _most(scheme, r, e.most, e.top) if e.most else _why(scheme, r, e.when or {})
                names = tuple(next((a.name for a in scheme.award_list if a.id == x), x) for x in e.excludes)
                r.limits.append(Outcome(e.id, e.name, e.text, detail, None, e.max_grade, e.excludes, names))
        scores = [v.score for v in r.vetoes if v.score is not None]
        if scores:
            r.points = r.total
            r.total = min(scores)
    grading = scheme.grading_for(block)
    if grading is None or not results:
        return
    facts = ([outcome_fact(i, RESULT, {TOTAL: r.total})] for i, r in enumerate(results))
    for r, matches in zip(results, engine.ruleset(grading_program(scheme, grading)).match_groups(facts)):
        level = next((int(m.rule.rsplit("#", 1)[1]) for m in matches), None)
        grade = grading.levels[level][0] if level is not None else None
        r.grade_by_score = r.grade = grade
        for v in r.vetoes:
            if v.grade and r.grade is not None:
                r.grade = grading.worse(r.grade, v.grade)
        for lim in r.limits:
            if lim.grade and r.grade is not None:
                r.grade = grading.worse(r.grade, lim.grade)


def _why(scheme: Scheme, r: SubjectResult, when: dict) -> str:
    """The values the condition read, as a person checks them."""
    from_input = dict(r.input.attributes) | dict(r.input.facts) if r.input else {}
    from_input |= {k: m.value for k, m in r.measures.items()}
    names = sorted(_fields(when))
    parts = []
    for n in names:
        f = scheme.fact(n)
        m = scheme.measure(n)
        label = f.name if f else m.name if m else n
        v = from_input.get(n)
        shown = ("是" if v else "否") if isinstance(v, bool) else fmt(v) if isinstance(v, Decimal) else str(v)
        parts.append(f"{label} = {shown}")
    return "；".join(parts)


def _fields(cond: dict) -> set[str]:
    out: set[str] = set()
    for k, v in cond.items():
        if k in ("all", "any"):
            for sub in v:
                out |= _fields(sub)
        else:
            out.add(k)
    return out


def _most(scheme: Scheme, r: SubjectResult, name: str, top: int) -> str:
    f = scheme.fact(name)
    m = scheme.measure(name)
    label = f.name if f else m.name if m else name
    v = r.input.facts.get(name) if r.input and name in r.input.facts else (r.measures[name].value if name in r.measures else None)
    return f"{label} {fmt(Decimal(v)) if v is not None else ''}，在最多的前 {top} 名之内（并列的一并计入）"


def candidates(scheme: Scheme, results: list[SubjectResult]) -> list[set[int]]:
    """For each award of the scheme, the positions (in `results`) of the subjects that may compete for it."""
    awards = scheme.award_list
    everyone = [set(range(len(results))) for _ in awards]
    if not awards or not results or not needs_candidacy(scheme):
        return everyone
    def values(r: SubjectResult) -> dict:
        out: dict = {field("grade"): r.grade}
        for i, a in enumerate(awards):
            out[barred_key(i)] = bool(r.excluded_from(a.id or a.name))
        return out
    facts = ([outcome_fact(i, CANDIDATE, values(r))] for i, r in enumerate(results))
    allowed: list[set[int]] = [set() for _ in awards]
    for i, matches in enumerate(engine.ruleset(award_program(scheme)).match_groups(facts)):
        for m in matches:
            allowed[int(m.rule.split("#")[1])].add(i)
    return allowed
