"""整改任务的变更记录 and the commands that change a kept task, on SQLite and PostgreSQL alike: every registration
and change is an append-only event (who, when, which field, old → new, why) written in the same transaction as
the task; owner and deadline can be changed, a task withdrawn (已撤销) only with a reason, never deleted; refused
changes store nothing (neither task nor event); a results database of revision 0003 upgrades to 0004 with its
tasks kept and each given its registration event."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from store_support import ROOT

from zhibiao import api
from zhibiao.cli import main
from zhibiao.model.tasks import TaskChange
from zhibiao.store import Store, StoreError
from zhibiao.store.tables import metadata

EXAMPLE = ROOT / "examples" / "cz-tasks-2010.yaml"
OPEN_TASK = "t-97769c27bf"      # 教务处, 进行中, created 2010-01-15, due 2010-02-14, one piece of evidence
TODO_TASK = "t-f0ca29e210"      # 教务处, 待办
D = dt.date.fromisoformat


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["tasks", *map(str, args)])
    except SystemExit as stop:  # argparse refuses a bad option value (exit code 2)
        code = stop.code
    out = capsys.readouterr()
    return code, out.out, out.err


def event_rows(url: str) -> list[tuple]:
    with Store(url) as store, store.transaction() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT task_id, event, field, reason, by FROM task_events ORDER BY id")]


@pytest.fixture
def kept(database: str) -> str:
    with Store(database) as store:
        api.import_tasks(EXAMPLE, by="质量办", store=store, repository=api.open_repository(ROOT))
    return database


def test_every_change_is_recorded_with_who_what_and_why(kept: str, capsys) -> None:
    repo = api.open_repository(ROOT)
    store = Store(kept)
    moved = api.update_task(OPEN_TASK, owner="质量办", deadline=D("2010-03-31"), reason="改由质量办牵头",
                            by="张三", store=store, repository=repo)
    assert (moved.owner, moved.deadline, moved.status) == ("质量办", D("2010-03-31"), "进行中")
    api.update_task(OPEN_TASK, evidence=["定稿.pdf"], by="教务处", store=store, repository=repo)
    same = api.update_task(OPEN_TASK, owner="质量办", by="李四", store=store, repository=repo)  # changes nothing
    assert same == api.stored_tasks(store=store)[1]
    withdrawn = api.withdraw_task(TODO_TASK, reason="与 t-97769c27bf 是同一问题，已合并", by="质量办", store=store,
                                  repository=repo)
    assert withdrawn.status == "已撤销" and withdrawn in api.stored_tasks(store=store)  # kept, not deleted
    assert len(api.stored_tasks(store=store)) == 8

    history = api.task_history(OPEN_TASK, store=store, repository=repo)
    assert [(e.number, e.by, e.reason, e.changes) for e in history] == [
        (1, "质量办", "", (TaskChange("registered", None, "进行中"),)),
        (2, "张三", "改由质量办牵头", (TaskChange("owner", "教务处", "质量办"),
                                      TaskChange("deadline", "2010-02-14", "2010-03-31"))),
        (3, "教务处", "", (TaskChange("evidence", ["教务处实施条目修订稿（征求意见）"],
                                     ["教务处实施条目修订稿（征求意见）", "定稿.pdf"]),)),
    ]
    assert all(dt.datetime.fromisoformat(e.at).tzinfo is not None for e in history)
    store.close()
    rows = event_rows(kept)
    assert len(rows) == 8 + 2 + 1 + 1  # 8 registrations, then 2 fields, 1 field, 1 field; nothing for “no change”
    assert rows[-1] == (TODO_TASK, 2, "status", "与 t-97769c27bf 是同一问题，已合并", "质量办")

    code, out, err = run(capsys, "--db", kept, "--history", OPEN_TASK)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"整改任务 {OPEN_TASK} 的变更记录（3 次，只增不改）"
    assert lines[4].split() == ["1", history[0].at, "质量办", "登记（进行中）", "—"]
    assert lines[5].split() == ["2", history[1].at, "张三", "负责：教务处", "→", "质量办；期限：2010-02-14", "→",
                                "2010-03-31", "改由质量办牵头"]
    assert lines[6].split() == ["3", history[2].at, "教务处", "证据：+", "定稿.pdf", "—"]
    code, out, _ = run(capsys, "--db", kept, "--history", TODO_TASK, "--format", "json")
    data = json.loads(out)
    assert data["任务"] == TODO_TASK
    assert data["变更"][1] == {"次": 2, "时间": data["变更"][1]["时间"], "由": "质量办",
                               "原因": "与 t-97769c27bf 是同一问题，已合并",
                               "内容": [{"项": "进度", "字段": "status", "原值": "待办", "新值": "已撤销"}]}


def test_changes_from_the_command_line_and_what_the_user_sees(kept: str, capsys) -> None:
    code, _, err = run(capsys, "--db", kept, "--update", OPEN_TASK, "--owner", "质量办", "--deadline", "2010-03-31",
                       "--reason", "改由质量办牵头", "--by", "张三", "--as-of", "2010-03-01")
    assert code == 0
    assert err == f"已记录整改任务 {OPEN_TASK} 的变更：负责：教务处 → 质量办；期限：2010-02-14 → 2010-03-31（原因：改由质量办牵头）\n"
    code, out, err = run(capsys, "--db", kept, "--withdraw", TODO_TASK, "--reason", "已合并", "--by", "质量办",
                         "--as-of", "2010-03-01")
    assert code == 0 and err == f"已记录整改任务 {TODO_TASK} 的变更：进度：待办 → 已撤销（原因：已合并）\n"
    assert TODO_TASK not in out and "已完成或撤销 2 项。" in out
    code, _, err = run(capsys, "--db", kept, "--update", OPEN_TASK, "--owner", "质量办")
    assert code == 0 and err == f"整改任务 {OPEN_TASK} 没有变化，未作记录\n"


REFUSALS = [
    (["--update", "t-0000000000", "--owner", "质量办"], 1, "结果库中没有整改任务“t-0000000000”（已有："),
    (["--history", "t-0000000000"], 1, "结果库中没有整改任务“t-0000000000”（已有："),
    (["--update", OPEN_TASK, "--deadline", "2010-01-14"], 1,
     f"整改任务“{OPEN_TASK}”：整改期限 2010-01-14 早于创建日期 2010-01-15"),
    (["--update", OPEN_TASK, "--deadline", "2010-02-30"], 2, "参数 --deadline：日期应为 YYYY-MM-DD，实际为“2010-02-30”"),
    (["--update", OPEN_TASK, "--owner", "  "], 1, f"整改任务“{OPEN_TASK}”：负责部门或院校不能为空"),
    (["--withdraw", OPEN_TASK], 1, f"整改任务“{OPEN_TASK}”：撤销整改任务须写明原因（--reason），原因记在任务的变更记录中"),
    (["--update", OPEN_TASK, "--status", "已撤销", "--reason", " "], 1,
     f"整改任务“{OPEN_TASK}”：撤销整改任务须写明原因（--reason），原因记在任务的变更记录中"),
    (["--update", OPEN_TASK, "--owner", "质量办", "--status", "已完成"], 1,
     f"整改任务“{OPEN_TASK}”：进度为“已完成”，须填写完成日期 completed（YYYY-MM-DD）"),
]


@pytest.mark.parametrize("args, code, message", REFUSALS, ids=range(len(REFUSALS)))
def test_a_refused_change_stores_nothing(kept: str, capsys, args: list[str], code: int, message: str) -> None:
    before = api.stored_tasks(store=Store(kept))
    events = event_rows(kept)
    got, out, err = run(capsys, "--db", kept, *args)
    assert (got, out) == (code, "")
    assert message in err and "Traceback" not in err
    assert api.stored_tasks(store=Store(kept)) == before
    assert event_rows(kept) == events


def test_a_revision_0003_database_upgrades_keeping_its_tasks(database: str) -> None:
    from alembic import command
    from alembic.config import Config

    from zhibiao.store.database import MIGRATIONS
    from zhibiao.store.tasks import _row

    tasks = api.read_tasks(EXAMPLE, repository=api.open_repository(ROOT))
    old = Store(database)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.transaction(writing=True) as conn:  # the database as session 2 left it: revision 0003, 8 tasks
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        for n, t in enumerate(tasks, start=1):
            conn.execute(metadata().tables["tasks"].insert().values(
                **_row(t, n, "质量办", "2010-01-15T08:00:00+00:00")))
    with old.transaction() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM zhibiao_migrations").scalar_one() == "0003"
    old.close()

    store = Store(database)
    assert api.stored_tasks(store=store) == tasks  # upgraded on first use: the tasks as they were
    with store.transaction() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM zhibiao_migrations").scalar_one() == "0004"
    (registered,) = api.task_history(OPEN_TASK, store=store)
    assert (registered.number, registered.at, registered.by, registered.changes) == (
        1, "2010-01-15T08:00:00+00:00", "质量办", (TaskChange("registered", None, None),))
    assert registered.reason == "结果库升级（迁移 0004）之前登记；此前的进度变化没有逐项记录"
    api.update_task(OPEN_TASK, status="已完成", completed=D("2010-03-01"), by="教务处", store=store)
    assert [e.number for e in api.task_history(OPEN_TASK, store=store)] == [1, 2]
    store.close()


def test_a_withdrawn_task_can_be_reopened_and_the_history_says_so(kept: str, capsys, tmp_path) -> None:
    store = Store(kept)
    api.withdraw_task(TODO_TASK, reason="误登记", by="质量办", store=store)
    again = api.update_task(TODO_TASK, status="待办", reason="核实后确有此问题", by="质量办", store=store)
    assert again.status == "待办"
    assert [(e.reason, e.changes) for e in api.task_history(TODO_TASK, store=store)][1:] == [
        ("误登记", (TaskChange("status", "待办", "已撤销"),)),
        ("核实后确有此问题", (TaskChange("status", "已撤销", "待办"),))]
    store.close()
    code, out, err = run(capsys, tmp_path / "整改任务.yaml", "--history", TODO_TASK)
    assert (code, out) == (1, "") and "--withdraw、--history 用于结果库" in err
