"""The 整改任务 page lists every task register of the repository as `zhibiao tasks` does: overdue tasks as 预警,
open ones by urgency, closed ones with completion date and evidence, each with the wording it answers to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zhibiao.site.pages import Context, Site
from zhibiao.site.task_pages import render_tasks

ROOT = Path(__file__).resolve().parents[2]


def test_the_task_page_lists_a_register_with_its_warnings_and_evidence() -> None:
    site = Site()
    render_tasks(Context(ROOT), site, as_of=dt.date(2010, 2, 15), folder="examples")
    assert site.problems == []
    (page,) = site.pages
    assert (page.path, page.title, page.section) == ("timetable/tasks.md", "整改任务", "进度与职责")
    md = page.markdown
    assert "状态按本站构建日期 2010-02-15 计算（截止日含当日）。" in md
    assert "## 郴州职业技术学院 2010 年整改任务（示例）" in md and "未完成 6 项，已完成或撤销 1 项。" in md
    assert '!!! warning "预警：6 项整改任务已过期限仍未完成"' in md
    assert "    - 教务处：整改：所属本部门人员缺席" not in md  # completed: not warned
    assert '<td data-label="状态">逾期</td><td data-label="期限">2010-02-14（已逾期 1 天）</td>' in md
    assert ('<td data-label="完成日期">2010-02-10</td><td data-label="证据">教务处学习讨论签到表（2010年2月）</td>'
            '<td data-label="说明">缺席人员已补学并在部门会议上说明</td>' in md)
    assert ("扣分：教务处被扣 1 分（本部门缺席人数 &gt; 0，按填报数量计）<br><small>原文：所属本部门人员缺席，扣0.5分/人"
            "（002_0760d59eef6def2d.txt · 附件 三、考核标准 A B板块考核共同标准 学习讨论（10分）第2条）</small>") in md


def test_without_registers_the_page_says_how_to_start_one() -> None:
    site = Site()
    render_tasks(Context(ROOT), site, as_of=dt.date(2010, 2, 15), folder="no-such-folder")
    assert ("本库的 `no-such-folder/` 中还没有整改任务登记，站点也没有公布结果库中的整改任务（zhibiao.toml 的 "
            "`[site] tasks`）。示例见 `examples/cz-tasks-2010.yaml`。") in site.pages[0].markdown
