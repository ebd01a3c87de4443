"""Improvement tasks (整改任务) as a Chinese table (open ones by urgency, overdue first as 预警) or JSON, and a
task register (kind: tasks) as the YAML people keep and edit."""

from __future__ import annotations

import io
import json
from typing import Any

from ruamel.yaml import YAML

from ..model.tasks import REGISTERED, Task, TaskChange, TaskEvent, TaskList
from .output import table


def due_text(days: int) -> str:
    """“今天到期”, “3 天后到期”, “已逾期 2 天”."""
    if days == 0:
        return "今天到期"
    return f"{days} 天后到期" if days > 0 else f"已逾期 {-days} 天"


def tasks_table(tl: TaskList) -> str:
    lines = [f"整改任务：{tl.as_of}（即将到期 = {tl.horizon} 天内）", ""]
    rows = [[e.status, str(e.task.deadline), due_text(e.days), e.task.title, e.task.owner, e.task.status,
             e.task.origin.kind, e.task.id] for e in tl.entries]
    lines.append(table(["状态", "期限", "还剩", "任务", "负责", "进度", "来自", "标识"], rows) if rows else "没有未完成的整改任务。")
    warned = tl.warnings()
    if warned:
        lines += ["", f"预警：{len(warned)} 项整改任务已过期限仍未完成。"]
        lines += [f"  {e.task.owner}：{e.task.title}（期限 {e.task.deadline}，{due_text(e.days)}）——{e.task.origin.finding}"
                  for e in warned]
    if tl.closed:
        lines += ["", f"已完成或撤销 {len(tl.closed)} 项。"]
    return "\n".join(lines) + "\n"


def task_data(t: Task) -> dict[str, Any]:
    o = t.origin
    return {"标识": t.id, "任务": t.title, "负责": t.owner, "期限": str(t.deadline), "进度": t.status,
            "创建": str(t.created), "完成": str(t.completed) if t.completed else None, "证据": list(t.evidence),
            "备注": t.note, "来自": {"种类": o.kind, "引用": o.ref, "发现": o.finding, "原文": o.text,
                                     "出处": {"文件": o.source.file, "章节": o.source.section} if o.source else None}}


def tasks_json(tl: TaskList) -> str:
    data = {"日期": str(tl.as_of), "即将到期天数": tl.horizon,
            "未完成": [{"状态": e.status, "距期限天数": e.days, **task_data(e.task)} for e in tl.entries],
            "已关闭": [task_data(t) for t in tl.closed],
            "预警": len(tl.warnings())}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": tasks_table, "json": tasks_json}

FIELD_NAMES = {REGISTERED: "登记", "status": "进度", "owner": "负责", "deadline": "期限", "completed": "完成日期",
               "evidence": "证据", "note": "备注"}


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "（无）"
    return "；".join(value) if isinstance(value, list) else str(value)


def change_text(c: TaskChange) -> str:
    """“进度：待办 → 已撤销”, “证据：+ 定稿.pdf”, “登记（待办）”."""
    if c.field == REGISTERED:
        return f"登记（{c.new}）" if c.new else "登记"
    name = FIELD_NAMES.get(c.field, c.field)
    if c.field == "evidence" and isinstance(c.old, list) and isinstance(c.new, list) and c.new[:len(c.old)] == c.old:
        return f"{name}：+ " + "；".join(c.new[len(c.old):])
    return f"{name}：{_shown(c.old)} → {_shown(c.new)}"


def history_table(events: tuple[TaskEvent, ...]) -> str:
    task = events[0].task_id if events else ""
    lines = [f"整改任务 {task} 的变更记录（{len(events)} 次，只增不改）", ""]
    rows = [[str(e.number), e.at, e.by, "；".join(change_text(c) for c in e.changes), e.reason or "—"] for e in events]
    lines.append(table(["次", "时间（UTC）", "由", "变更", "原因"], rows))
    return "\n".join(lines) + "\n"


def history_json(events: tuple[TaskEvent, ...]) -> str:
    data = {"任务": events[0].task_id if events else "",
            "变更": [{"次": e.number, "时间": e.at, "由": e.by, "原因": e.reason,
                      "内容": [{"项": FIELD_NAMES.get(c.field, c.field), "字段": c.field, "原值": c.old, "新值": c.new}
                               for c in e.changes]} for e in events]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


HISTORY_RENDERERS = {"table": history_table, "json": history_json}


def _register_entry(t: Task) -> dict[str, Any]:
    """One task as the register's schema (schemas/tasks.schema.json) has it: empty optional fields left out."""
    o = t.origin
    origin: dict[str, Any] = {"kind": o.kind, "ref": o.ref, "finding": o.finding}
    if o.text:
        origin["text"] = o.text
    if o.source is not None and o.source.file:
        origin["source"] = {"file": o.source.file, "section": o.source.section,
                            **({"quote": o.source.quote} if o.source.quote else {})}
    entry: dict[str, Any] = {"id": t.id, "title": t.title, "owner": t.owner, "created": str(t.created),
                             "deadline": str(t.deadline), "status": t.status}
    if t.completed:
        entry["completed"] = str(t.completed)
    if t.evidence:
        entry["evidence"] = list(t.evidence)
    if t.note:
        entry["note"] = t.note
    entry["origin"] = origin
    return entry


def tasks_yaml(tasks: tuple[Task, ...] | list[Task], schema: str, title: str = "", institution: str = "") -> str:
    """The register as YAML with its schema line (`schema`: the path of tasks.schema.json as seen from the file),
    so that editors complete and explain it and `zhibiao validate` checks it."""
    data: dict[str, Any] = {"kind": "tasks"}
    if title:
        data["title"] = title
    if institution:
        data["institution"] = institution
    data["tasks"] = [_register_entry(t) for t in tasks]
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096  # one line per value: diffs in pull requests stay readable
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(data, out)
    head = (f"# yaml-language-server: $schema={schema}\n"
            "# 整改任务登记：由 zhibiao tasks --from-… 生成与合并；进度（status）、完成日期（completed）、证据（evidence）由负责者填写。\n")
    return head + out.getvalue()
