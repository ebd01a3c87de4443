"""复核结论 (review conclusions) and their consequences, decided by durable-rules.

Python prepares one fact per college (the number of agreeing elements, the measures assessment, the previous
conclusion) and reads the matches: hit policy “first” — the matching conclusion of highest priority — and every
matching consequence. It never re-checks a condition."""

from __future__ import annotations

import datetime as dt

from ..compile import review as compiled
from ..compile.conditions import FIELD, KIND
from ..conditions import describe
from ..model.review import CollegeReview, Conclusion, ReviewProcedure, ReviewResult
from ..validate.review import NAMES, NO_PREVIOUS
from . import engine

# The consequence that opens the one-year improvement period (review-procedure.yaml, consequences).
IMPROVEMENT_CONSEQUENCE = "improvement-period"


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def evaluate_reviews(reviews: list[CollegeReview], proc: ReviewProcedure) -> list[ReviewResult]:
    conclusions = engine.ruleset(compiled.conclusions(proc))
    consequences = engine.ruleset(compiled.consequences(proc))
    facts = [[{"id": f"c{i}", KIND: compiled.REVIEW, FIELD + "agree_count": r.agree_count, FIELD + "measures": r.measures}]
             for i, r in enumerate(reviews)]
    by_id = {c.id: c for c in proc.conclusions}
    results: list[ReviewResult] = []
    for r, matches in zip(reviews, conclusions.match_groups(facts)):
        chosen = min((by_id[m.rule] for m in matches), key=lambda c: c.priority)  # the “otherwise” rule always matches
        previous = r.previous_conclusion(NO_PREVIOUS)
        results.append(ReviewResult(
            r.college, r.review_date, r.agree_count, proc.element_count, [n for n, ok in r.elements if not ok],
            r.measures, chosen.name, chosen.text, _reasons(r, chosen, proc), previous))
    outcomes = [[{"id": f"q{i}", KIND: compiled.OUTCOME, FIELD + "conclusion": res.conclusion,
                  FIELD + "previous_conclusion": res.previous_conclusion}] for i, res in enumerate(results)]
    for res, matches in zip(results, consequences.match_groups(outcomes)):
        ids = {m.rule for m in matches}
        res.consequences = [q for q in proc.consequences if q.id in ids]
        if IMPROVEMENT_CONSEQUENCE in ids:
            res.re_review_from = add_months(res.review_date, proc.improvement_period.months)
    return results


def _reasons(r: CollegeReview, chosen: Conclusion, proc: ReviewProcedure) -> list[str]:
    lines = [f"自主诊断结果与复核结果相符 {r.agree_count}/{proc.element_count} 项；改进措施：{r.measures}"]
    if chosen.otherwise:
        lines.append("不满足“有效”与“异常”的条件，属“上述标准以外的其他情况”")
    else:
        lines.append(f"满足：{describe(chosen.condition, NAMES, proc.resolve)}")
    return lines
