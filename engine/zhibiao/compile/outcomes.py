"""Engine rules for the decisions taken after the points are added up: which grade a total falls in (考核等级)
and which subjects may compete for each award (等级、一票否决、评优限制)."""

from __future__ import annotations

from functools import lru_cache

from ..model.outcomes import Grading
from ..model.scheme import Scheme
from ..numbers import engine_value
from . import engine_rules
from .conditions import field, kind_pattern

TOTAL = "q.total"
RESULT = "t"       # a subject's total, for grading
CANDIDATE = "a"    # a subject's grade and bars, for awards


def barred_key(index: int) -> str:
    return f"q.barred.{index}"


def grade_key(scheme: Scheme, grading: Grading, level: int) -> str:
    """`grade:0#2`: the third level of the scheme's first grading."""
    return f"grade:{scheme.gradings.index(grading)}#{level}"


@lru_cache(maxsize=256)
def grading_program(scheme: Scheme, grading: Grading) -> engine_rules.Program:
    """One engine rule per grade: the level above's threshold > total ≥ this level's (the last: below the rest)."""
    rules = []
    above = None
    for i, (grade, at_least) in enumerate(grading.levels):
        tests = []
        if at_least is not None:
            tests.append({"$gte": {TOTAL: engine_value(at_least)}})
        if above is not None:
            tests.append({"$lt": {TOTAL: engine_value(above)}})
        pattern = {"$and": tests} if len(tests) > 1 else tests[0]
        rules.append(engine_rules.single(grade_key(scheme, grading, i), kind_pattern(RESULT, pattern)))
        above = at_least if at_least is not None else above
    return engine_rules.program(f"zbg_{scheme.id.replace('-', '_')}", rules, namespace=f"scheme:{scheme.id}")


@lru_cache(maxsize=256)
def award_program(scheme: Scheme) -> engine_rules.Program:
    """One engine rule per award: not barred (vetoed or excluded) and, if the award says so, of a listed grade."""
    rules = []
    for i, a in enumerate(scheme.award_list):
        tests: list[dict] = [{barred_key(i): False}]
        if a.grades:
            grades = [{field("grade"): g} for g in a.grades]
            tests.append(grades[0] if len(grades) == 1 else {"$or": grades})
        pattern = {"$and": tests} if len(tests) > 1 else tests[0]
        rules.append(engine_rules.single(f"award#{i}", kind_pattern(CANDIDATE, pattern)))
    return engine_rules.program(f"zba_{scheme.id.replace('-', '_')}", rules, namespace=f"awards:{scheme.id}")


def needs_candidacy(scheme: Scheme) -> bool:
    """Only when some award filters by grade, or vetoes/limits may bar someone, is candidacy a question at all."""
    return bool(scheme.award_list) and (bool(scheme.vetoes) or bool(scheme.eligibility)
                                        or any(a.grades for a in scheme.award_list))
