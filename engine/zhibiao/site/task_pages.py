"""整改任务 page: the improvement tasks of the task registers kept in the repository (`tasks/*.yaml`, kind: tasks),
read and validated through `zhibiao.api`, and — when the site is configured to publish them (`[site] tasks` in
zhibiao.toml, ZHIBIAO_SITE_TASKS or `zhibiao docs --tasks`; off by default) — the tasks kept in the results
database. Listed as `zhibiao tasks` lists them — open ones by urgency, overdue ones as 预警, closed ones with their
completion date and evidence — each with the finding and the original wording it answers to. Statuses are as of
the day the site is built, or the day `[site] as_of` / ZHIBIAO_SITE_AS_OF names (said on the page). Every text
comes from people (owners, findings, evidence) and goes through `markup`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from .. import api
from ..errors import ZhibiaoError
from ..model.tasks import CANCELLED, Task, TaskList
from ..render.tasks import due_text
from ..repository import Repository
from .markup import Raw, h, md_inline, table
from .pages import Context, Page, Site

SECTION = "进度与职责"
FOLDER = "tasks"
PATH = "timetable/tasks.md"


def _origin(t: Task) -> Raw:
    o = t.origin
    cited = f"<br><small>原文：{h(o.text)}" + (f"（{h(o.source.file)} · {h(o.source.section)}）" if o.source else "") \
        + "</small>" if o.text else ""
    return Raw(f"{h(o.kind)}：{h(o.finding)}{cited}")


def _remark(t: Task, withdrawn: dict[str, str]) -> str:
    """What a reader needs besides the dates: why a task was withdrawn (from its history), and its note."""
    parts = [f"撤销原因：{withdrawn[t.id]}"] if t.status == CANCELLED and withdrawn.get(t.id) else []
    return "；".join(parts + ([t.note] if t.note else [])) or "—"


def _register(heading: str, kept_in: str, tl: TaskList, withdrawn: dict[str, str] | None = None) -> list[str]:
    """One register's section; `kept_in`: where it is kept, already Markdown; `withdrawn`: task id → why it was
    withdrawn (tasks in the results database)."""
    out = [f"## {md_inline(heading)}", "", f"{kept_in}；未完成 {len(tl.entries)} 项，"
           f"已完成或撤销 {len(tl.closed)} 项。", ""]
    warned = tl.warnings()
    if warned:
        out += [f'!!! warning "预警：{len(warned)} 项整改任务已过期限仍未完成"', ""]
        out += [f"    - {md_inline(e.task.owner)}：{md_inline(e.task.title)}（期限 {e.task.deadline}，{due_text(e.days)}）"
                for e in warned] + [""]
    if tl.entries:
        out.append(table(["状态", "期限", "任务", "负责", "进度", "来自"],
                         [[e.status, f"{e.task.deadline}（{due_text(e.days)}）", e.task.title, e.task.owner, e.task.status,
                           _origin(e.task)] for e in tl.entries]))
    if tl.closed:
        out += ["### 已完成或撤销", "",
                table(["任务", "负责", "进度", "完成日期", "证据", "说明", "来自"],
                      [[t.title, t.owner, t.status, str(t.completed or "—"), "；".join(t.evidence) or "—",
                        _remark(t, withdrawn or {}), _origin(t)] for t in tl.closed])]
    return out


def render_tasks(ctx: Context, site: Site, *, as_of: dt.date | None = None, folder: str = FOLDER,
                 sources: Iterable[str] | None = None) -> None:
    """One page listing every register under `folder`, then the tasks of the results databases `sources` (None:
    the project's setting); a register or database that cannot be read is left out and reported."""
    repo = Repository(ctx.root)  # fresh: `mkdocs serve` rebuilds after edits
    try:
        day = as_of or api.site_day(repository=repo)
        stored, withdrawn = api.published_tasks(sources, repository=repo)
    except ZhibiaoError as exc:
        site.problems += [f"整改任务：{p}" for p in exc.problems]
        day, stored, withdrawn = as_of or dt.date.today(), (), {}
    base = ctx.root / folder
    body = ["# 整改任务", "",
            "诊断点、复核结论、指标预警与扣分产生的整改任务（8字形质量改进螺旋中“改进”的一步）："
            "谁负责、何时到期、进展如何、用什么证明已经整改。用 `zhibiao tasks 登记文件 --from-…` 登记，"
            "负责者在登记文件中填写进度、完成日期与证据。", ""]
    sections: list[str] = []
    for path in sorted(base.glob("*.yaml")) if base.is_dir() else []:
        rel = Path(path).relative_to(ctx.root).as_posix()
        try:
            doc = repo.load(path)
            if not isinstance(doc.data, dict) or doc.data.get("kind") != "tasks":
                continue  # another kind of file: not a register
            tasks = api.read_tasks(doc, repository=repo)
        except ZhibiaoError as exc:
            site.problems.append(str(exc))
            continue
        sections += _register(doc.data.get("title", "") or rel, f"登记文件：`{md_inline(rel)}`",
                              api.task_list(tasks, day))
    if stored:
        sections += _register("结果库中的整改任务", "保存在结果库中，进度用 `zhibiao tasks --update` 记录",
                              api.task_list(stored, day), withdrawn)
    if sections:
        body += [f"状态按本站构建日期 {day} 计算（截止日含当日）。", "", *sections]
    else:
        body += [f"本库的 `{folder}/` 中还没有整改任务登记，站点也没有公布结果库中的整改任务（zhibiao.toml 的 "
                 "`[site] tasks`）。示例见 `examples/cz-tasks-2010.yaml`。", ""]
    site.pages.append(Page(PATH, "整改任务", "\n".join(body), SECTION))
