"""Create improvement tasks (整改任务) from what the other stages found: a diagnosis point of a table, a review
conclusion of 待改进/异常, an indicator in 预警 or 未达标, a deduction. Each keeps the original wording it answers
to. Deadlines: a review conclusion's task ends with the one-year improvement period (004); the others take the
deadline given, or `DEFAULT_DAYS` after creation (a choice of ours, see standards/DECISIONS.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from ..errors import Location, Problem, UsageError
from ..load import Document
from ..model.objectives import IndicatorResult
from ..model.results import Deduction
from ..model.common import Source
from ..model.review import ReviewProcedure, ReviewResult
from ..model.scheme import Category, Scheme
from ..model.standards import DiagnosisTable
from ..numbers import fmt
from ..model.tasks import FROM_DEDUCTION, FROM_DIAGNOSIS, FROM_INDICATOR, FROM_REVIEW, Task, TaskOrigin
from .common import source

DEFAULT_DAYS = 30
WARNED_STATES = ("预警", "未达标")
NEEDS_IMPROVEMENT = ("待改进", "异常")


def task_id(origin: TaskOrigin, owner: str, created: dt.date) -> str:
    """Stable: the same finding for the same owner on the same day is the same task (idempotent imports)."""
    digest = hashlib.sha256(f"{origin.kind}|{origin.ref}|{owner}|{created}".encode()).hexdigest()[:10]
    return f"t-{digest}"


def _deadline(created: dt.date, deadline: dt.date | None) -> dt.date:
    if deadline is not None and deadline < created:
        raise UsageError([Problem.of("tasks.deadline-before", Location("整改任务"), actual=deadline, expected=created)])
    return deadline or created + dt.timedelta(days=DEFAULT_DAYS)


def _task(origin: TaskOrigin, owner: str, created: dt.date, deadline: dt.date, title: str) -> Task:
    if not owner.strip():
        raise UsageError([Problem.of("tasks.owner-missing", Location("整改任务"), finding=origin.finding)])
    return Task(task_id(origin, owner, created), title, owner, deadline, origin, created)


def rule_source(scheme: Scheme, category_id: str, clause_no: int) -> Source | None:
    """The citation of a deduction's rule: its category's source (else the nearest enclosing category's, else the
    scheme's), narrowed to the clause the rule belongs to (“… 学习讨论（10分）第2条”, the numbering the
    scheme keeps from its source). None when the category is not in the scheme (a result of another version)."""
    def find(cats: tuple[Category, ...], inherited: Source | None) -> tuple[bool, Source | None]:
        for c in cats:
            here = c.source or inherited
            if c.id == category_id:
                return True, here
            found, cited = find(c.children, here)
            if found:
                return True, cited
        return False, None

    found, cited = find(scheme.categories, scheme.meta.source)
    if not found or cited is None:
        return None
    if clause_no:
        return replace(cited, section=f"{cited.section}第{clause_no}条", quote="")
    return cited


def from_deduction(scheme_id: str, subject: str, d: Deduction, created: dt.date, deadline: dt.date | None = None,
                   cited: Source | None = None) -> Task:
    """`cited`: the rule's source (see rule_source); a Deduction carries the rule's wording, not its citation."""
    origin = TaskOrigin(FROM_DEDUCTION, f"{scheme_id}:{d.rule_id}", f"{subject}被扣 {fmt(d.subtotal)} 分（{d.condition}）",
                        d.text, cited)
    return _task(origin, subject, created, _deadline(created, deadline), f"整改：{d.text}")


def from_review(r: ReviewResult, proc: ReviewProcedure) -> Task | None:
    """A 待改进/异常 conclusion opens the one-year improvement period: the task ends when it does."""
    if r.conclusion not in NEEDS_IMPROVEMENT or r.re_review_from is None:
        return None
    elements = "、".join(r.disagreeing) or "—"
    origin = TaskOrigin(FROM_REVIEW, f"{proc.id}:{r.college}@{r.review_date}",
                        f"复核结论“{r.conclusion}”；自主诊断与复核不相符的诊断要素：{elements}",
                        proc.improvement_period.text, proc.improvement_period.source)
    return _task(origin, r.college, r.review_date, r.re_review_from,
                 f"改进期整改（{r.conclusion}）：{elements}")


def from_indicator(result: IndicatorResult, objectives_id: str, owner: str, created: dt.date,
                   deadline: dt.date | None = None) -> Task | None:
    if result.state not in WARNED_STATES:
        return None
    ind = result.indicator
    origin = TaskOrigin(FROM_INDICATOR, f"{objectives_id}:{ind.id}", f"{ind.name}{result.state}：{result.explanation}",
                        ind.text, ind.source)
    return _task(origin, owner, created, _deadline(created, deadline), f"整改：{ind.name}（{result.state}）")


def from_diagnosis_point(table: DiagnosisTable, element_code: str, point: str, owner: str, finding: str,
                         created: dt.date, deadline: dt.date | None = None) -> Task:
    element = next((e for e in table.elements if e.code == element_code), None)
    found = next((p for p in element.points if p.name == point), None) if element is not None else None
    if element is None or found is None:
        options = [f"{e.code} {p.name}" for e in table.elements for p in e.points]
        raise UsageError([Problem.of("tasks.point-unknown", Location(table.meta.path), actual=f"{element_code} {point}",
                                     table=table.id, expected=options)])
    origin = TaskOrigin(FROM_DIAGNOSIS, f"{table.id}:{element_code}/{point}", finding, found.text, element.source)
    return _task(origin, owner, created, _deadline(created, deadline), f"整改：{element.name} · {point}")


def build_tasks(doc: Document) -> tuple[Task, ...]:
    """The tasks of a schema- and semantically valid task register (kind: tasks)."""
    out = []
    for t in doc.data["tasks"]:
        o = t["origin"]
        origin = TaskOrigin(o["kind"], o["ref"], o["finding"], o.get("text", ""), source(o.get("source")))
        done = t.get("completed")
        out.append(Task(t["id"], t["title"], t["owner"], dt.date.fromisoformat(t["deadline"]), origin,
                        dt.date.fromisoformat(t["created"]), t["status"], tuple(t.get("evidence", [])),
                        dt.date.fromisoformat(done) if done else None, t.get("note", "")))
    return tuple(out)


def merge(existing: tuple[Task, ...], new: list[Task]) -> tuple[tuple[Task, ...], tuple[Task, ...]]:
    """(the register with the new tasks appended, the tasks actually added). A task already registered (same id:
    same finding, owner and day) is kept as recorded, with the progress and evidence people have written."""
    added = unregistered({t.id for t in existing}, new)
    return existing + added, added


def unregistered(known: set[str], new: list[Task]) -> tuple[Task, ...]:
    """The tasks of `new` whose id is not among `known` (nor repeated within `new`), in order: what registering
    them adds, whether the register is a YAML file or the results database."""
    ids = set(known)
    added = []
    for t in new:
        if t.id not in ids:
            ids.add(t.id)
            added.append(t)
    return tuple(added)
