"""The 整改任务 page over the results database: a copy of the repository whose zhibiao.toml publishes the tasks kept
in an SQLite results database (`[site] tasks = "store"`, statuses as of `[site] as_of`), built once with
`mkdocs build --strict`. Checked: the stored tasks with their statuses and overdue marks on that day, the closed
ones with their evidence, inert markup in names, and that nothing is published when nothing is configured."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from html import unescape
from pathlib import Path

import pytest
from handbook_support import REPO, Build, build_site, copy_repo

from zhibiao import api
from zhibiao.cli import main
from zhibiao.errors import UsageError
from zhibiao.model.tasks import FROM_DIAGNOSIS, Task, TaskOrigin
from zhibiao.store import Store
from zhibiao.site.pages import Context, Site
from zhibiao.site.task_pages import render_tasks
from zhibiao.store.config import site_as_of, site_tasks

EVIL_OWNER = "<script>alert(1)</script>教务处"
EVIL_TITLE = '整改：<img src=x onerror=alert(2)>课程标准'


def _evil_tasks() -> list[Task]:
    origin = TaskOrigin(FROM_DIAGNOSIS, "3.2/工作实施效果", "<b>学生满意度</b>连续两年下降", "学生满意度")
    return [Task("t-evil-1", EVIL_TITLE, EVIL_OWNER, dt.date(2010, 2, 10), origin, dt.date(2010, 1, 20)),
            Task("t-soon-1", "整改：修订顶岗实习管理办法", "学生工作处", dt.date(2010, 2, 25), origin, dt.date(2010, 1, 20),
                 "进行中"),
            Task("t-gone-1", "整改：重复登记的任务", "招生就业处", dt.date(2010, 2, 1), origin, dt.date(2010, 1, 20))]


WITHDRAWN_BECAUSE = "<script>alert(3)</script>与 t-evil-1 是同一问题"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_repo(tmp_path_factory.mktemp("tasks") / "repo")
    repo = api.open_repository(REPO)
    store = Store(f"sqlite:///{root / 'results.sqlite3'}")
    try:
        api.import_tasks(REPO / "examples" / "cz-tasks-2010.yaml", by="质量办", store=store, repository=repo)
        api.save_tasks(_evil_tasks(), by="质量办", store=store, repository=repo)
        api.withdraw_task("t-gone-1", reason=WITHDRAWN_BECAUSE, by="质量办", store=store, repository=repo)
    finally:
        store.close()
    (root / "zhibiao.toml").write_text(textwrap.dedent("""\
        [results]
        database = "results.sqlite3"

        [site]
        tasks = "store"
        as_of = 2010-02-15
        """), encoding="utf-8")
    build = build_site(root, root / "site")
    assert build.returncode == 0, build.output
    return build


def _rows(html: str) -> list[list[str]]:
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S)]


def _text(html: str) -> str:
    article = html[html.index("<article"):html.index("</article>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", article)))


def test_the_page_lists_the_stored_tasks_as_of_the_configured_day(built: Build) -> None:
    html = built.html("timetable/tasks.md")
    text = _text(html)
    assert "状态按本站构建日期 2010-02-15 计算（截止日含当日）。" in text
    assert "结果库中的整改任务" in text
    assert "保存在结果库中，进度用 zhibiao tasks --update 记录；未完成 8 项，已完成或撤销 2 项。" in text
    assert "预警：7 项整改任务已过期限仍未完成" in text
    rows = {r[2]: r for r in _rows(html) if len(r) == 6 and r[0] in ("逾期", "今天到期", "即将到期", "进行中")}
    assert len(rows) == 8
    assert rows["整改：实施条目内容和标准不具体，每个条目扣0.1分。"][:5] == [
        "逾期", "2010-02-14（已逾期 1 天）", "整改：实施条目内容和标准不具体，每个条目扣0.1分。", "教务处", "进行中"]
    assert rows[EVIL_TITLE][:5] == ["逾期", "2010-02-10（已逾期 5 天）", EVIL_TITLE, EVIL_OWNER, "待办"]
    assert rows["整改：修订顶岗实习管理办法"][:5] == [
        "即将到期", "2010-02-25（10 天后到期）", "整改：修订顶岗实习管理办法", "学生工作处", "进行中"]
    assert "整改：学生就业率（未达标）" not in rows  # created 2010-07-01, after the day shown: not a task yet
    closed = [r for r in _rows(html) if len(r) == 7 and r[2] in ("已完成", "已撤销")]
    assert closed == [
        ["整改：所属本部门人员缺席，扣0.5分/人", "教务处", "已完成", "2010-02-10", "教务处学习讨论签到表（2010年2月）",
         "缺席人员已补学并在部门会议上说明", "扣分：教务处被扣 1 分（本部门缺席人数 > 0，按填报数量计）原文：所属本部门人员缺席，扣0.5分/人"
         "（002_0760d59eef6def2d.txt · 附件 三、考核标准 A B板块考核共同标准 学习讨论（10分）第2条）"],
        ["整改：重复登记的任务", "招生就业处", "已撤销", "—", "—", f"撤销原因：{WITHDRAWN_BECAUSE}",
         "诊断点：<b>学生满意度</b>连续两年下降原文：学生满意度"]]


def test_names_with_markup_are_shown_as_text(built: Build) -> None:
    html = built.html("timetable/tasks.md")
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>学生满意度" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;教务处" in html
    assert "撤销原因：&lt;script&gt;alert(3)&lt;/script&gt;与 t-evil-1 是同一问题" in html
    assert "&lt;img src=x onerror=alert(2)&gt;课程标准" in html


def test_nothing_from_the_database_unless_configured(built: Build, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("ZHIBIAO_SITE_TASKS", raising=False)
    monkeypatch.delenv("ZHIBIAO_SITE_AS_OF", raising=False)
    site = Site()
    render_tasks(Context(REPO), site, as_of=dt.date(2010, 2, 15))  # this repository: [site] tasks not set
    assert site.problems == [] and "## 结果库中的整改任务" not in site.pages[0].markdown
    site = Site()
    render_tasks(Context(REPO), site, sources=["tasks.sqlite3"])
    assert site.problems == [
        "整改任务：--tasks 配置项 [site] tasks（或环境变量 ZHIBIAO_SITE_TASKS）应为“store”（结果库）或数据库地址，"
        "或它们的列表，实际为 “tasks.sqlite3”（SQLite 文件写成 sqlite:///路径）"]
    out = tmp_path / "md"
    db = f"sqlite:///{built.root / 'results.sqlite3'}"
    assert main(["docs", "--root", str(REPO), "-o", str(out), "--as-of", "2010-02-15", "--tasks", db]) == 0
    page = (out / "timetable" / "tasks.md").read_text(encoding="utf-8")
    assert "状态按本站构建日期 2010-02-15 计算（截止日含当日）。" in page
    assert "## 结果库中的整改任务" in page and "&lt;script&gt;alert(1)&lt;/script&gt;教务处" in page
    assert "<script>" not in page


def test_settings_are_read_from_the_environment_first_and_checked(tmp_path: Path) -> None:
    (tmp_path / "zhibiao.toml").write_text('[site]\ntasks = ["store", "sqlite:///x.db"]\nas_of = 2010-02-15\n',
                                           encoding="utf-8")
    assert site_tasks(tmp_path, {}) == ["store", "sqlite:///x.db"]
    assert site_as_of(tmp_path, {}) == dt.date(2010, 2, 15)
    assert site_tasks(tmp_path, {"ZHIBIAO_SITE_TASKS": " store ; "}) == ["store"]
    assert site_as_of(tmp_path, {"ZHIBIAO_SITE_AS_OF": "2011-03-01"}) == dt.date(2011, 3, 1)
    with pytest.raises(UsageError) as bad:
        site_as_of(tmp_path, {"ZHIBIAO_SITE_AS_OF": "2011-02-30"})
    assert str(bad.value) == ("ZHIBIAO_SITE_AS_OF 配置项 [site] as_of（或环境变量 ZHIBIAO_SITE_AS_OF）应为日期 "
                              "YYYY-MM-DD，实际为 “2011-02-30”")
    (tmp_path / "zhibiao.toml").write_text('[site]\ntasks = 3\n', encoding="utf-8")
    with pytest.raises(UsageError) as bad:
        site_tasks(tmp_path, {})
    assert "zhibiao.toml" in str(bad.value) and "实际为 3" in str(bad.value)
    (tmp_path / "zhibiao.toml").write_text('[site]\nresults = "store"\n', encoding="utf-8")
    assert site_tasks(tmp_path, {}) == [] and site_as_of(tmp_path, {}) is None
