"""Semantic checks of a task register (kind: tasks, 整改任务登记) that its schema cannot state: task ids unique,
a deadline not before the task was created, a completion date exactly for the tasks marked 已完成 and not before
creation. Dates are compared as written (the schema has already checked their form)."""

from __future__ import annotations

import datetime as dt

from ..errors import Problem
from ..load import Document, Pointer, format_pointer

DONE = "已完成"


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None  # the schema names a malformed date


def _p(doc: Document, ptr: Pointer, code: str, **fields: object) -> Problem:
    return Problem.of(code, doc.where(ptr), pointer=format_pointer(ptr), **fields)


def check_tasks(doc: Document, _docs: list[Document]) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, Pointer] = {}
    for i, t in enumerate(doc.data.get("tasks", [])):
        ptr: Pointer = ("tasks", i)
        subject = f"第 {i + 1} 项任务“{t['title']}”"
        if t["id"] in seen:
            out.append(_p(doc, ptr + ("id",), "tasks.duplicate", subject=subject, actual=t["id"],
                          first_line=doc.where(seen[t["id"]]).line))
        else:
            seen[t["id"]] = ptr + ("id",)
        created, deadline = _date(t["created"]), _date(t["deadline"])
        if created and deadline and deadline < created:
            out.append(_p(doc, ptr + ("deadline",), "tasks.deadline-order", subject=subject, actual=deadline,
                          expected=created))
        completed = _date(t["completed"]) if "completed" in t else None
        if t["status"] == DONE and "completed" not in t:
            out.append(_p(doc, ptr + ("status",), "tasks.completed-missing", subject=subject))
        elif t["status"] != DONE and "completed" in t:
            out.append(_p(doc, ptr + ("completed",), "tasks.completed-extra", subject=subject, actual=t["status"]))
        elif completed and created and completed < created:
            out.append(_p(doc, ptr + ("completed",), "tasks.completed-before", subject=subject, actual=completed,
                          expected=created))
    return out


CHECKS = {"tasks": check_tasks}
