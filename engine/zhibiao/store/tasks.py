"""Improvement tasks (整改任务) kept with the results: the same register as a YAML `kind: tasks` file, in the
results database (table `tasks`, migration 0003), with every change recorded in `task_events` (migration 0004).

    added = save_tasks(store, new, by="质量办")         # tasks already kept (same id) stay as recorded
    kept = read_tasks(store)                            # in the order they were registered
    update_task(store, "t-…", by="教务处", status="已完成", completed=date(2010, 3, 1), evidence=["整改报告.pdf"])
    update_task(store, "t-…", by="质量办", status="已撤销", reason="同一问题已并入 t-…")
    events = task_history(store, "t-…")                 # registration, then every change: who, when, old → new, why

Same rule as the YAML register (build.tasks.unregistered): registering a finding again adds nothing and keeps the
progress and evidence people recorded. Every write is one transaction, the task and its event together: an error
leaves nothing half-stored. Nothing is ever deleted: a task found in error is withdrawn (已撤销, with a reason), so
the record of what was found and decided stays, and the same finding registered again is still recognised.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from ..build.tasks import unregistered
from ..errors import Location, Problem
from ..model.common import Source
from ..model.tasks import CANCELLED, DONE, REGISTERED, STATUSES, Task, TaskChange, TaskEvent, TaskOrigin
from .database import Store, StoreError
from .tables import metadata


def _stamp(at: dt.datetime | None) -> str:
    return (at or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def _row(t: Task, seq: int, by: str, stamp: str) -> dict[str, Any]:
    o = t.origin
    src = None
    if o.source is not None:
        src = {"file": o.source.file, "section": o.source.section, **({"quote": o.source.quote} if o.source.quote else {})}
    return {"id": t.id, "seq": seq, "title": t.title, "owner": t.owner, "origin_kind": o.kind, "origin_ref": o.ref,
            "finding": o.finding, "origin_text": o.text, "origin_source": src, "created": t.created,
            "deadline": t.deadline, "status": t.status, "completed": t.completed, "evidence": list(t.evidence),
            "note": t.note, "registered_at": stamp, "registered_by": by, "updated_at": stamp, "updated_by": by}


def _task(r: Any) -> Task:
    s = r["origin_source"]
    source = Source(s["file"], s["section"], s.get("quote", "")) if s else None
    origin = TaskOrigin(r["origin_kind"], r["origin_ref"], r["finding"], r["origin_text"], source)
    return Task(r["id"], r["title"], r["owner"], r["deadline"], origin, r["created"], r["status"],
                tuple(r["evidence"] or ()), r["completed"], r["note"])


def save_tasks(store: Store, new: Iterable[Task], *, by: str, at: dt.datetime | None = None) -> tuple[Task, ...]:
    """Register tasks (one transaction) and return those actually added; a task already kept is left as it is."""
    store.migrate()
    t, events = metadata().tables["tasks"], metadata().tables["task_events"]
    sa = store.sa
    stamp = _stamp(at)
    with store.transaction(writing=True) as conn:
        kept = {r[0] for r in conn.execute(sa.select(t.c.id))}
        last = conn.execute(sa.select(sa.func.max(t.c.seq))).scalar() or 0
        added = unregistered(kept, list(new))
        for n, task in enumerate(added, start=last + 1):  # row by row: a failure half-way rolls back all of them
            conn.execute(t.insert().values(**_row(task, n, by, stamp)))
            conn.execute(events.insert().values(task_id=task.id, event=1, field=REGISTERED, old=None, new=task.status,
                                                reason="", at=stamp, by=by))
    return added


def read_tasks(store: Store, *, owner: str = "") -> tuple[Task, ...]:
    """The tasks kept, in the order they were registered (optionally of one owner)."""
    store.migrate()
    t = metadata().tables["tasks"]
    q = t.select().order_by(t.c.seq)
    if owner:
        q = q.where(t.c.owner == owner)
    with store.transaction() as conn:
        return tuple(_task(r) for r in conn.execute(q).mappings())


def _value(v: Any) -> Any:
    """A field's value as task_events keeps it (JSON): dates as YYYY-MM-DD, evidence as a list."""
    if isinstance(v, dt.date):
        return v.isoformat()
    return list(v) if isinstance(v, tuple) else v


def update_task(store: Store, task_id: str, *, by: str, status: str | None = None, completed: dt.date | None = None,
                evidence: Iterable[str] = (), note: str | None = None, owner: str | None = None,
                deadline: dt.date | None = None, reason: str | None = None, at: dt.datetime | None = None) -> Task:
    """Record a change of a task (one transaction, with its event in task_events): a new status, its completion
    date, evidence added to what is already there, a note, a new owner or deadline, and why. Checked as the
    register is checked (已完成 ⇔ completion date, dates not before creation; 已撤销 needs a reason); a refused
    change stores nothing; a change that changes nothing records nothing."""
    store.migrate()
    t, events = metadata().tables["tasks"], metadata().tables["task_events"]
    where = Location(store.url)
    with store.transaction(writing=True) as conn:
        current = _find(store, conn, task_id, lock=True)
        new_status = status if status is not None else current.status
        if new_status not in STATUSES:
            raise StoreError([Problem.of("tasks.status-unknown", where, actual=new_status, expected=list(STATUSES))])
        done = completed if completed is not None else (current.completed if new_status == DONE else None)
        subject = f"整改任务“{task_id}”"
        why = (reason or "").strip()
        problems = []
        if new_status == DONE and done is None:
            problems.append(Problem.of("tasks.completed-missing", where, subject=subject))
        if new_status != DONE and completed is not None:
            problems.append(Problem.of("tasks.completed-extra", where, subject=subject, actual=new_status))
        if done is not None and done < current.created:
            problems.append(Problem.of("tasks.completed-before", where, subject=subject, actual=done,
                                       expected=current.created))
        if owner is not None and not owner.strip():
            problems.append(Problem.of("tasks.owner-blank", where, subject=subject))
        if deadline is not None and deadline < current.created:
            problems.append(Problem.of("tasks.deadline-order", where, subject=subject, actual=deadline,
                                       expected=current.created))
        if new_status == CANCELLED and current.status != CANCELLED and not why:
            problems.append(Problem.of("tasks.reason-missing", where, subject=subject))
        if problems:
            raise StoreError(problems)
        proofs = list(current.evidence) + [e for e in dict.fromkeys(evidence) if e not in current.evidence]
        values = {"status": new_status, "completed": done, "evidence": proofs,
                  "note": current.note if note is None else note,
                  "owner": current.owner if owner is None else owner.strip(),
                  "deadline": current.deadline if deadline is None else deadline}
        changes = [(f, _value(getattr(current, f)), _value(v)) for f, v in values.items()
                   if _value(getattr(current, f)) != _value(v)]
        if not changes:
            return current
        stamp = _stamp(at)
        number = (conn.execute(store.sa.select(store.sa.func.max(events.c.event))
                               .where(events.c.task_id == task_id)).scalar() or 0) + 1
        for field, old, new in changes:
            conn.execute(events.insert().values(task_id=task_id, event=number, field=field, old=old, new=new,
                                                reason=why, at=stamp, by=by))
        conn.execute(t.update().where(t.c.id == task_id).values(**values, updated_at=stamp, updated_by=by))
        stored = conn.execute(t.select().where(t.c.id == task_id)).mappings().one()
    return _task(stored)


def _find(store: Store, conn: Any, task_id: str, *, lock: bool = False) -> Task:
    """The task (`lock`: its row locked for the rest of the transaction, on PostgreSQL); an unknown id is a
    Chinese error listing the ids kept."""
    t = metadata().tables["tasks"]
    q = t.select().where(t.c.id == task_id)
    row = conn.execute(q.with_for_update() if lock else q).mappings().first()
    if row is None:
        known = [r[0] for r in conn.execute(store.sa.select(t.c.id).order_by(t.c.seq))]
        raise StoreError([Problem.of("tasks.unknown", Location(store.url), actual=task_id, expected=known[-20:] or ["无"])])
    return _task(row)


def task_history(store: Store, task_id: str) -> tuple[TaskEvent, ...]:
    """Every recorded change of a task, oldest first (its registration first)."""
    store.migrate()
    events = metadata().tables["task_events"]
    with store.transaction() as conn:
        _find(store, conn, task_id)
        rows = list(conn.execute(events.select().where(events.c.task_id == task_id)
                                 .order_by(events.c.event, events.c.id)).mappings())
    grouped: dict[int, list[Any]] = {}
    for r in rows:
        grouped.setdefault(r["event"], []).append(r)
    return tuple(TaskEvent(task_id, n, rs[0]["at"], rs[0]["by"], rs[0]["reason"],
                           tuple(TaskChange(r["field"], r["old"], r["new"]) for r in rs))
                 for n, rs in grouped.items())


def withdrawal_reasons(store: Store) -> dict[str, str]:
    """Task id → the reason of its latest withdrawal (status changed to 已撤销), from task_events."""
    store.migrate()
    events = metadata().tables["task_events"]
    with store.transaction() as conn:
        rows = conn.execute(store.sa.select(events.c.task_id, events.c.new, events.c.reason)
                            .where(events.c.field == "status").order_by(events.c.id)).all()
    return {task_id: reason for task_id, new, reason in rows if new == CANCELLED}


__all__ = ["read_tasks", "save_tasks", "task_history", "update_task", "withdrawal_reasons"]
