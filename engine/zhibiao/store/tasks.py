"""Improvement tasks (整改任务) kept with the results: the same register as a YAML `kind: tasks` file, in the
results database (table `tasks`, migration 0003).

    added = save_tasks(store, new, by="质量办")         # tasks already kept (same id) stay as recorded
    kept = read_tasks(store)                            # in the order they were registered
    update_task(store, "t-…", by="教务处", status="已完成", completed=date(2010, 3, 1), evidence=["整改报告.pdf"])

Same rule as the YAML register (build.tasks.unregistered): registering a finding again adds nothing and keeps the
progress and evidence people recorded. Every write is one transaction: an error leaves nothing half-stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from ..build.tasks import unregistered
from ..errors import Location, Problem
from ..model.common import Source
from ..model.tasks import DONE, STATUSES, Task, TaskOrigin
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
    t = metadata().tables["tasks"]
    sa = store.sa
    stamp = _stamp(at)
    with store.transaction(writing=True) as conn:
        kept = {r[0] for r in conn.execute(sa.select(t.c.id))}
        last = conn.execute(sa.select(sa.func.max(t.c.seq))).scalar() or 0
        added = unregistered(kept, list(new))
        for n, task in enumerate(added, start=last + 1):  # row by row: a failure half-way rolls back all of them
            conn.execute(t.insert().values(**_row(task, n, by, stamp)))
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


def update_task(store: Store, task_id: str, *, by: str, status: str | None = None, completed: dt.date | None = None,
                evidence: Iterable[str] = (), note: str | None = None, at: dt.datetime | None = None) -> Task:
    """Record progress on a task (one transaction): a new status, its completion date, evidence added to what is
    already there, a note. Checked as the register is checked (已完成 ⇔ completion date, not before creation);
    a refused change stores nothing."""
    store.migrate()
    t = metadata().tables["tasks"]
    where = Location(store.url)
    with store.transaction(writing=True) as conn:
        row = conn.execute(t.select().where(t.c.id == task_id).with_for_update()).mappings().first()
        if row is None:
            known = [r[0] for r in conn.execute(store.sa.select(t.c.id).order_by(t.c.seq))]
            raise StoreError([Problem.of("tasks.unknown", where, actual=task_id, expected=known[-20:] or ["无"])])
        current = _task(row)
        new_status = status if status is not None else current.status
        if new_status not in STATUSES:
            raise StoreError([Problem.of("tasks.status-unknown", where, actual=new_status, expected=list(STATUSES))])
        done = completed if completed is not None else (current.completed if new_status == DONE else None)
        subject = f"整改任务“{task_id}”"
        problems = []
        if new_status == DONE and done is None:
            problems.append(Problem.of("tasks.completed-missing", where, subject=subject))
        if new_status != DONE and completed is not None:
            problems.append(Problem.of("tasks.completed-extra", where, subject=subject, actual=new_status))
        if done is not None and done < current.created:
            problems.append(Problem.of("tasks.completed-before", where, subject=subject, actual=done,
                                       expected=current.created))
        if problems:
            raise StoreError(problems)
        proofs = list(current.evidence) + [e for e in dict.fromkeys(evidence) if e not in current.evidence]
        values = {"status": new_status, "completed": done, "evidence": proofs,
                  "note": current.note if note is None else note, "updated_at": _stamp(at), "updated_by": by}
        conn.execute(t.update().where(t.c.id == task_id).values(**values))
        stored = conn.execute(t.select().where(t.c.id == task_id)).mappings().one()
    return _task(stored)


__all__ = ["read_tasks", "save_tasks", "update_task"]
