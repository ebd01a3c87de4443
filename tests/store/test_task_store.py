"""整改任务 kept in the results database, on SQLite and PostgreSQL alike: a YAML register imported and exported
unchanged, registering the same finding again adds nothing and keeps the progress recorded, the listing by
urgency is exactly the YAML register's for the same tasks, progress is recorded or refused whole, and a write that
fails half-way stores nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from store_support import ROOT

from zhibiao import api
from zhibiao.cli import main
from zhibiao.store import Store, StoreError

EXAMPLE = ROOT / "examples" / "cz-tasks-2010.yaml"
SCORED = ROOT / "examples" / "cz-quality-season-2009.yaml"
D = dt.date.fromisoformat


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["tasks", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def rows(url: str) -> int:
    with Store(url) as store, store.transaction() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM tasks").scalar_one()


def test_the_database_register_behaves_as_the_yaml_register(database: str, tmp_path: Path, capsys) -> None:
    register = tmp_path / "整改任务.yaml"
    register.write_text(EXAMPLE.read_text(encoding="utf-8").replace("../schemas/", f"{ROOT}/schemas/", 1),
                        encoding="utf-8")
    code, _, err = run(capsys, "--db", database, "--import", register, "--by", "质量办 张三")
    shown = Store(database).url
    assert code == 0 and err == f"已登记 8 项新的整改任务到 结果库 {shown}（共 8 项）\n"
    assert api.stored_tasks(store=Store(database)) == api.read_tasks(register)  # every field, in the same order

    def same_listing() -> None:
        for options in (("--as-of", "2010-02-15"), ("--as-of", "2010-12-20", "--dept", "招生就业处"),
                        ("--as-of", "2010-01-20", "--within", "26"), ("--as-of", "2010-02-15", "--dept", "教务处")):
            yaml_code, from_yaml, _ = run(capsys, register, *options, "--format", "json")
            db_code, from_db, _ = run(capsys, "--db", database, *options, "--format", "json")
            assert (yaml_code, db_code) == (0, 0) and from_db == from_yaml

    same_listing()
    data = json.loads(run(capsys, "--db", database, "--as-of", "2010-02-15", "--format", "json")[1])
    assert data["预警"] == 6 and [t["标识"] for t in data["已关闭"]] == ["t-f70859a87a"]

    # the same deductions again (they are the example's tasks): nothing added, progress and evidence kept
    again = ("--from-score", SCORED, "--subject", "教务处", "--created", "2010-01-15")
    code, _, err = run(capsys, "--db", database, *again)
    assert code == 0 and err == f"已登记 0 项新的整改任务到 结果库 {shown}（共 8 项；已登记过的 8 项保持原样）\n"
    code, _, err = run(capsys, register, *again)
    assert code == 0 and err.endswith("（共 8 项；已登记过的 8 项保持原样）\n")
    kept = {t.id: t for t in api.stored_tasks(store=Store(database))}
    assert (kept["t-f70859a87a"].status, kept["t-f70859a87a"].completed, kept["t-f70859a87a"].evidence) == (
        "已完成", D("2010-02-10"), ("教务处学习讨论签到表（2010年2月）",))
    assert kept["t-97769c27bf"].status == "进行中"

    # a new finding in both homes: one task added to each, listed alike, and the export is the YAML register's text
    point = ("--from-point", "3.2/工作实施效果", "--finding", "学生满意度连续两年下降", "--owner", "人事处",
             "--created", "2010-03-01", "--deadline", "2010-06-30")
    assert run(capsys, "--db", database, *point)[2].endswith("（共 9 项；已登记过的 8 项保持原样）\n")
    assert run(capsys, register, *point)[2].endswith("（共 9 项；已登记过的 8 项保持原样）\n")
    same_listing()
    exported = tmp_path / "导出.yaml"
    code, _, err = run(capsys, "--db", database, "--export", exported,
                       "--title", "郴州职业技术学院 2010 年整改任务（示例）", "--institution", "cz")
    assert code == 0 and err == f"已把结果库 {shown} 中的 9 项整改任务导出到 {exported}\n"
    assert exported.read_text(encoding="utf-8") == register.read_text(encoding="utf-8")
    assert api.validate([exported], repository=api.Repository(ROOT)) == []
    (added,) = [t for t in api.stored_tasks(store=Store(database)) if t.owner == "人事处"]
    assert added.origin.text and added.origin.source is not None  # the diagnosis point's wording and its citation
    with Store(database) as store, store.transaction() as conn:
        who = conn.exec_driver_sql("SELECT registered_by, updated_by FROM tasks WHERE id = 't-f70859a87a'").one()
    assert tuple(who) == ("质量办 张三", "质量办 张三")


def test_progress_is_recorded_or_refused_whole(database: str, capsys) -> None:
    repo = api.open_repository(ROOT)
    store = Store(database)
    found = api.tasks_from(api.score(SCORED, repository=repo), subject="教务处", rule="plan-5",
                           created=D("2010-01-15"), repository=repo)
    everything, added = api.save_tasks(found, by="质量办", store=store, repository=repo)
    assert len(everything) == len(added) == 1
    (task,) = added
    step = api.update_task(task.id, status="进行中", evidence=["修订稿.docx"], by="教务处", store=store, repository=repo)
    assert (step.status, step.completed, step.evidence) == ("进行中", None, ("修订稿.docx",))
    before = api.stored_tasks(store=store)

    refusals = [
        ({"status": "已完成"}, "tasks.completed-missing",
         f"整改任务“{task.id}”：进度为“已完成”，须填写完成日期 completed（YYYY-MM-DD）"),
        ({"status": "已完成", "completed": D("2010-01-10")}, "tasks.completed-before",
         f"整改任务“{task.id}”：完成日期 2010-01-10 早于创建日期 2010-01-15"),
        ({"status": "完成了"}, "tasks.status-unknown", "进度“完成了”不是整改任务的进度（可选：待办、进行中、已完成、已撤销）"),
        ({"completed": D("2010-02-01")}, "tasks.completed-extra",
         f"整改任务“{task.id}”：进度为“进行中”，不应填写完成日期 completed（只有“已完成”的任务填写）"),
    ]
    for change, code, message in refusals:
        with pytest.raises(StoreError) as err:
            api.update_task(task.id, evidence=["不应留下.docx"], by="x", store=store, repository=repo, **change)
        assert [(p.code, p.message) for p in err.value.problems] == [(code, message)]
        assert api.stored_tasks(store=store) == before  # nothing of the refused change kept
    with pytest.raises(StoreError) as err:
        api.update_task("t-0000000000", status="已完成", by="x", store=store, repository=repo)
    assert err.value.problems[0].message == f"结果库中没有整改任务“t-0000000000”（已有：{task.id}）"

    done = api.update_task(task.id, status="已完成", completed=D("2010-02-20"), evidence=["修订稿.docx", "定稿.pdf"],
                           note="已按标准修订", by="教务处", store=store, repository=repo)
    assert dataclasses.replace(task, status="已完成", completed=D("2010-02-20"), evidence=("修订稿.docx", "定稿.pdf"),
                               note="已按标准修订") == done
    store.close()
    assert api.stored_tasks(store=Store(database)) == (done,)  # as read by a new connection
    listing = api.task_list(api.stored_tasks(store=Store(database)), D("2010-03-01"))
    assert listing.entries == () and listing.closed == (done,)


def test_a_write_that_fails_half_way_stores_nothing(database: str, capsys) -> None:
    repo = api.open_repository(ROOT)
    found = api.tasks_from(api.score(SCORED, repository=repo), subject="教务处", created=D("2010-01-15"),
                           repository=repo)
    broken = dataclasses.replace(found[-1], id="t-broken", title=None)  # the database refuses it (NOT NULL)
    store = Store(database)
    with pytest.raises(StoreError) as err:
        api.save_tasks([*found[:-1], broken], by="质量办", store=store, repository=repo)
    assert err.value.problems[0].code == "store.failed"
    assert "本次保存已整体撤销（没有留下部分结果）" in err.value.problems[0].message
    assert rows(database) == 0  # the rows inserted before it were rolled back
    everything, added = api.save_tasks(found, by="质量办", store=store, repository=repo)
    assert len(added) == len(everything) == len(found) == rows(database) == 7


def test_a_file_and_the_database_at_once_is_refused(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, tmp_path / "整改任务.yaml", "--db", tmp_path / "r.sqlite3")
    assert code != 0 and out == ""
    assert "整改任务登记在文件“" in err and "二者只能选一个" in err and not (tmp_path / "r.sqlite3").exists()


def test_the_migration_builds_the_tasks_table_the_code_reads(database: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from zhibiao.store.tables import metadata

    store = Store(database)
    store.migrate()
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata())
    store.close()
    about_tasks = [d for d in diffs if "tasks" in repr(d) or "task_events" in repr(d)]
    assert about_tasks == []
