"""The results database, run against SQLite and a real PostgreSQL alike: runs kept append-only and read back
exactly, the same facts recognised, history and comparison of the 2009 and 2010 examples, transactions that
leave nothing half-stored, and Chinese errors for a locked or unreachable database."""

from __future__ import annotations

import datetime as dt
import json
import socket
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from store_support import ROOT, fresh_postgres

from zhibiao import api
from zhibiao.render import runs as runs_render
from zhibiao.render.scores import render_json
from zhibiao.store import Store, StoreError

Y2009 = ROOT / "examples" / "cz-quality-season-2009.yaml"
Y2010 = ROOT / "examples" / "cz-quality-season-2010.yaml"
AT = dt.datetime(2011, 1, 20, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def results() -> dict[str, api.Result]:
    repo = api.open_repository(ROOT)
    return {"2009": api.score(Y2009, repository=repo), "2010": api.score(Y2010, repository=repo)}


def _fill(url: str, results: dict[str, api.Result], tmp: Path) -> Store:
    store = Store(url)
    assert store.save(results["2009"], by="质量办 张三", at=AT).created
    assert store.save(results["2010"], by="质量办 张三", at=AT).created
    # the 2009 facts again, typed into the Excel template: the same facts under the same rules — not stored twice
    book = tmp / "2009.xlsx"
    book.write_bytes(api.template("cz-quality-season", repository=api.open_repository(ROOT), filled=Y2009))
    again = store.save(api.score(book, repository=api.open_repository(ROOT)), by="李四", at=AT)
    assert (again.created, again.run.id, again.run.created_by) == (False, 1, "质量办 张三")
    return store


def _everything(store: Store) -> dict:
    runs = [runs_render.run_plain(r) for r in store.runs()]
    stored = {r["id"]: json.loads(render_json(store.run(r["id"]).result)) for r in runs}
    facts = {r["id"]: store.run(r["id"]).facts for r in runs}
    history = json.loads(runs_render.history_json(store.history("教务处")))
    comparison = json.loads(runs_render.compare_json(api.compare("2009", "2010", store=store,
                                                                 repository=api.open_repository(ROOT))))
    return {"runs": runs, "stored": stored, "facts": facts, "history": history, "compare": comparison}


def test_sqlite_and_postgresql_read_back_identically(results, postgres_server, tmp_path: Path) -> None:
    lite = _fill(f"sqlite:///{tmp_path / 'r.sqlite3'}", results, tmp_path)
    pg = _fill(fresh_postgres(postgres_server), results, tmp_path)
    a, b = _everything(lite), _everything(pg)
    assert a == b
    assert [r["period"] for r in a["runs"]] == ["2009", "2010"] and len(a["runs"]) == 2
    # … and what is read back is what was scored, to the last decimal and every piece of evidence
    for run_id, key in ((1, "2009"), (2, "2010")):
        scored = json.loads(render_json(results[key]))
        assert a["stored"][run_id] == scored
    # the exact values, not only equal text: Decimals come back as the same Decimals from both
    assert lite.run(2).result.subject("体育部").total == pg.run(2).result.subject("体育部").total == Decimal("97.8")
    lite.close()
    pg.close()


def test_history_and_compare_of_the_two_example_periods(results, database: str, tmp_path: Path) -> None:
    store = _fill(database, results, tmp_path)
    points = store.history("教务处")
    assert [(p.run.period, p.total, p.rank, p.award) for p in points] == [
        ("2009", Decimal("95.3"), 11, None), ("2010", Decimal("97.2"), 6, "三等奖")]
    assert [(c, s) for c, _, s in points[1].categories] == [("study", 10), ("plan", Decimal("19.9")),
                                                            ("execution-a", Decimal("67.3"))]
    c = api.compare("2009", "2010", store=store, repository=api.open_repository(ROOT))
    assert not c.rules_changed
    changed = {s.subject: s.delta for s in c.subjects if s.delta}
    assert changed == {"教务处": Decimal("1.9"), "体育部": Decimal("12.3"), "成人教育部": Decimal("8.0"),
                       "保卫处": Decimal(5), "党院办(含校史办)": Decimal(5), "工会": Decimal("1.5"),
                       "基础部": Decimal(6), "旅游文法建筑工程系": Decimal("0.3"), "计算机与信息管理系": Decimal(-1),
                       "督导室": Decimal("-1.4")}
    jw = c.subject("教务处")
    assert [(r.rule_id, r.old_subtotal, r.new_subtotal, r.reasons) for r in jw.rules] == [
        ("study-2", Decimal("1.0"), 0, ("本期不再扣分", "本部门缺席人数 2 → 0")),
        ("plan-1", Decimal("0.3"), Decimal("0.1"), ("数量 3 → 1 条目", "内容和标准不具体的实施条目数 3 → 1")),
        ("plan-5", Decimal("0.2"), 0, ("本期不再扣分", "未体现主动服务、协调、配合意识的实施条目数 2 → 0")),
        ("a-exec-4", 1, 0, ("本期不再扣分", "只有文件制度而无具体执行措施的内容项数 1 → 0")),
        ("a-exec-10", 0, Decimal("0.5"), ("本期新出现的扣分", "未及时整改或说明的问题次数 0 → 1")),
    ]
    assert (jw.old_rank, jw.new_rank) == (11, 6)
    dd = c.subject("督导室")
    assert [(r.rule_id, r.effect) for r in dd.rules] == [("a-exec-2", Decimal("-0.4")), ("study-2", Decimal(-1))]
    # the previous period, as the general language's year-over-year items read it
    run, value = api.previous("cz-quality-season", "督导室", dt.date(2010, 10, 15), "months_without_service", store=store)
    assert (run.period, value) == ("2009", 1)
    assert api.previous("cz-quality-season", "督导室", dt.date(2010, 1, 1), "absent_members", store=store) is None
    store.close()


def _boom(store: Store) -> None:
    """Make every deduction insert fail — as a full disk or a dropped connection would, half-way through a save."""
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("CREATE TRIGGER boom BEFORE INSERT ON deductions "
                                 "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        else:
            conn.exec_driver_sql("CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; "
                                 "END $$ LANGUAGE plpgsql")
            conn.exec_driver_sql("CREATE TRIGGER boom BEFORE INSERT ON deductions FOR EACH ROW EXECUTE FUNCTION boom()")


def test_a_save_that_fails_half_way_leaves_nothing(results, database: str) -> None:
    store = Store(database)
    store.migrate()
    _boom(store)
    with pytest.raises(StoreError) as err:
        store.save(results["2009"], by="张三")
    (problem,) = err.value.problems
    assert problem.code == "store.failed"
    assert str(problem).startswith(f"{store.url} 结果库 {store.url} 出错，本次保存已整体撤销（没有留下部分结果）：")
    assert "disk full" in str(problem)
    with store.engine.connect() as conn:
        counts = [conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                  for t in ("runs", "subject_results", "category_results", "deductions")]
    assert counts == [0, 0, 0, 0]
    store.close()


def test_a_locked_sqlite_database_is_said_in_chinese(results, tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    store = Store(f"sqlite:///{path}", timeout=0.2)
    store.migrate()
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")              # another program is writing
    try:
        with pytest.raises(StoreError) as err:
            store.save(results["2009"], by="张三")
    finally:
        other.rollback()
        other.close()
    assert [str(p) for p in err.value.problems] == [
        f"{store.url} 结果库 {store.url} 正被其他程序锁定，等待 0.2 秒后仍未释放：本次没有保存任何内容，请稍后重试"]
    assert store.runs() == []
    store.close()


def test_an_unreachable_postgresql_is_said_in_chinese() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]              # nothing listens here once the socket is closed
    url = f"postgresql+psycopg://zhibiao:secret@127.0.0.1:{port}/zhibiao"
    with pytest.raises(StoreError) as err:
        Store(url, timeout=2).runs()
    hidden = f"postgresql+psycopg://zhibiao:***@127.0.0.1:{port}/zhibiao"
    assert [str(p) for p in err.value.problems] == [
        f"{hidden} 无法连接结果库 {hidden}：连接被拒绝（数据库服务器没有启动，或主机、端口不对）。没有保存或读取任何内容"]


def test_running_state_refuses_a_concurrent_overwrite(database: str) -> None:
    store = Store(database)
    assert store.get_state("cz-quality-season", "2010", "教务处") is None
    assert store.put_state("cz-quality-season", "2010", "教务处", {"absent_members": 1, "total": Decimal("99.5")}) == 1
    assert store.get_state("cz-quality-season", "2010", "教务处") == (1, {"absent_members": 1, "total": "99.5"})
    assert store.put_state("cz-quality-season", "2010", "教务处", {"absent_members": 2}, expect=1) == 2
    with pytest.raises(StoreError) as err:
        store.put_state("cz-quality-season", "2010", "教务处", {"absent_members": 3}, expect=1)
    assert err.value.problems[0].code == "store.state-conflict"
    store.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), *args], capture_output=True,
                          text=True)


def test_the_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "结果.sqlite3")
    first = _cli("score", str(Y2009), "--brief", "--save", "--by", "质量办", "--db", db)
    assert first.returncode == 0, first.stderr
    assert f"已保存到结果库 sqlite:///{db}：第 1 次评分（考核期 2009，24 个考核对象，保存人 质量办）" in first.stderr
    assert _cli("score", str(Y2010), "--brief", "--save", "--by", "质量办", "--db", db).returncode == 0
    again = _cli("score", str(Y2010), "--brief", "--save", "--by", "别人", "--db", db)
    assert "结果库中已有相同的填报与规则的评分：第 2 次" in again.stderr and "未重复保存" in again.stderr
    runs = _cli("runs", "--db", db)
    lines = runs.stdout.splitlines()
    assert lines[0].split() == ["运行", "考核期", "方案", "版本", "考核对象", "评分日期", "保存时间", "保存人", "填报文件", "填报哈希"]
    assert [line.split()[:2] for line in lines[2:]] == [["#1", "2009"], ["#2", "2010"]]
    history = _cli("history", "教务处", "--db", db)
    assert history.stdout.splitlines()[0] == "教务处（A板块）历年考核结果"
    assert history.stdout.splitlines()[3].split() == ["2009", "#1", "1.0.1", "95.3", "11", "9", "19.5", "66.8", "7"]
    assert history.stdout.splitlines()[4].split() == ["2010", "#2", "1.0.1", "97.2", "+1.9", "6", "三等奖", "10",
                                                      "19.9", "67.3", "5"]
    compare = _cli("compare", "2009", "2010", "--subject", "教务处", "--db", db)
    assert compare.returncode == 0, compare.stderr
    assert "教务处（A板块）总分 95.3 → 97.2（+1.9），名次 11 → 6" in compare.stdout
    assert "  study-2 所属本部门人员缺席，扣0.5分/人：扣 1 → 0 分（得分 +1），因为 本期不再扣分；本部门缺席人数 2 → 0" \
        in compare.stdout
    missing = _cli("compare", "2009", "2011", "--db", db)
    assert missing.returncode == 1
    assert "结果库中没有“2011”的评分：既不是保存过的考核期，也不是运行编号（考核期有：2009、2010）" in missing.stderr
    unknown = _cli("history", "教务", "--db", db)
    assert "结果库中没有考核对象“教务”的评分，是否想写“教务处”？" in unknown.stderr
