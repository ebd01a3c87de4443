"""日常考核 through the service (`zhibiao serve --db`): reports arrive during the period, the running result is
always that of the accumulated submission scored by `api.score`, a restart loses nothing, and a bad report is
refused, located in the request body, and stores nothing."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao import api

from support import ROOT
from test_service import AUTH, Server

BASE = "/schemes/cz-quality-season/periods/2009/subjects"
PERIOD = {"name": "2009年“质量管理季”", "start": "2009-10-15", "end": "2010-01-15"}


def body(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def expected(subject: str, block: str, facts: dict, records: dict | None = None) -> dict:
    """What `api.score` gives for the accumulated submission (written out by hand in each test step)."""
    sub = {"kind": "submission", "scheme": "cz-quality-season", "college": "郴州职业技术学院", "period": PERIOD,
           "subjects": [{"name": subject, "block": block, "facts": facts, **({"records": records} if records else {})}]}
    result = api.score(copy.deepcopy(sub), repository=api.open_repository(ROOT))
    return json.loads(api.render(result, "json"))["subjects"][0]


def strip(subject: dict) -> dict:
    return {k: v for k, v in subject.items() if k != "trace"}


@pytest.fixture
def database(tmp_path: Path) -> str:
    return str(tmp_path / "日常考核.sqlite3")


def test_reports_in_steps_give_the_accumulated_score_and_survive_a_restart(tmp_path, database):
    server = Server(tmp_path, "--db", database)
    url = f"{BASE}/教务处/facts"
    try:
        c = server.client
        # 1. the period's first report: dates, and what the first inspection found; 活动总结 not known yet
        r = c.post(url, headers=AUTH, content=body({
            "report": "检查-2009-10-20", "by": "考核小组 张三", "college": "郴州职业技术学院", "period": PERIOD,
            "facts": {"study_held": True, "discussion_held": True, "plan_missing_elements": 0, "absent_members": 1}}))
        assert r.status_code == 200, r.text
        first = r.json()
        assert (first["complete"], first["result"], first["reports"], first["block"]) == (False, None, 1, "A")
        assert [p["code"] for p in first["missing"]] == ["submission.fact-missing"]
        assert first["missing"][0]["message"].startswith("考核对象“教务处”缺少必须填报的事实“summary_missing_items”")
        # 2. the summary arrives, a second meeting had 2 absent (add: 1 + 2 = 3), one temporary task late 9 days
        r = c.post(url, headers=AUTH, content=body({
            "report": "检查-2009-11-03", "facts": {"summary_missing_items": 1, "absent_members": 2},
            "records": {"temporary_tasks": [{"task": "迎评促建材料整理", "completed": True, "delay_days": 9}]}}))
        assert r.status_code == 200, r.text
        step2 = r.json()
        want = expected("教务处", "A", {"study_held": True, "discussion_held": True, "plan_missing_elements": 0,
                                       "absent_members": 3, "summary_missing_items": 1},
                        {"temporary_tasks": [{"task": "迎评促建材料整理", "completed": True, "delay_days": 9}]})
        assert step2["complete"] and step2["total"] == want["total"] == "96.5"  # 100 − 3 × 0.5 − 1（延误超过一周）− 1（总结）
        assert strip(step2["result"]["subjects"][0]) == want
        trace = step2["result"]["subjects"][0]["trace"]
        assert trace["total"] == "96.5"
        applied = {r["rule_id"] for cat in trace["categories"] for r in cat["rules"] if r["status"] == "applied"}
        assert "study-2" in applied  # 缺席 3 人 × 0.5
        assert step2["facts"]["absent_members"] == 3
        # 3. a second task appended, not replacing the first; vague items reported
        r = c.post(url, headers=AUTH, content=body({
            "report": "检查-2009-12-01", "facts": {"vague_items": 4},
            "records": {"temporary_tasks": [{"task": "校园环境整治", "completed": False, "delay_days": 0}]}}))
        step3 = r.json()
        tasks = [{"task": "迎评促建材料整理", "completed": True, "delay_days": 9},
                 {"task": "校园环境整治", "completed": False, "delay_days": 0}]
        facts3 = {"study_held": True, "discussion_held": True, "plan_missing_elements": 0, "absent_members": 3,
                  "summary_missing_items": 1, "vague_items": 4}
        want = expected("教务处", "A", facts3, {"temporary_tasks": tasks})
        assert strip(step3["result"]["subjects"][0]) == want and step3["total"] == want["total"] == "95.1"  # 100 − 1.5 − 0.4 − 2 − 1
        assert step3["records"]["temporary_tasks"] == tasks
        # 4. the year-end assessment corrects the count (set: replaces) — absent 3 → 1
        r = c.post(url, headers=AUTH, params={"mode": "set"}, content=body({
            "report": "年终-2010-01-12", "stage": "年终集中考核", "facts": {"absent_members": 1}}))
        step4 = r.json()
        facts4 = facts3 | {"absent_members": 1}
        want = expected("教务处", "A", facts4, {"temporary_tasks": tasks})
        assert strip(step4["result"]["subjects"][0]) == want and step4["total"] == want["total"] == "96.1"  # 100 − 0.5 − 0.4 − 2 − 1
        assert step4["report"]["stage"] == "年终集中考核" and step4["report"]["mode"] == "set"
        # a retry of report 2 is recognised: nothing added, the current result returned
        r = c.post(url, headers=AUTH, content=body({
            "report": "检查-2009-11-03", "facts": {"summary_missing_items": 1, "absent_members": 2},
            "records": {"temporary_tasks": [{"task": "迎评促建材料整理", "completed": True, "delay_days": 9}]}}))
        assert r.status_code == 200 and r.json()["created"] is False and r.json()["total"] == "96.1"
        assert r.json()["report"]["seq"] == 2
        running = c.get(f"{BASE}/教务处", headers=AUTH).json()
        log = c.get(url, headers=AUTH).json()
    finally:
        server.client.close()
        server.stop()
    assert strip(running["result"]["subjects"][0]) == want and running["reports"] == 4
    assert [(x["seq"], x["report"], x["mode"], x["total"]) for x in log] == [
        (1, "检查-2009-10-20", "add", None), (2, "检查-2009-11-03", "add", "96.5"),
        (3, "检查-2009-12-01", "add", "95.1"), (4, "年终-2010-01-12", "set", "96.1")]
    assert log[0]["received_by"] == "考核小组 张三" and log[1]["received_by"] == "评分服务"
    assert log[1]["content"]["records"]["temporary_tasks"][0]["delay_days"] == 9

    # a new server process on the same database: everything is still there, and reports continue
    again = Server(tmp_path, "--db", database)
    try:
        c = again.client
        after = c.get(f"{BASE}/教务处", headers=AUTH).json()
        assert after == running
        r = c.post(url, headers=AUTH, content=body({"facts": {"absent_members": 1}}))
        assert r.json()["reports"] == 5
        want = expected("教务处", "A", facts4 | {"absent_members": 2}, {"temporary_tasks": tasks})
        assert strip(r.json()["result"]["subjects"][0]) == want and r.json()["total"] == "95.6"
    finally:
        again.client.close()
        again.stop()


def test_records_are_appended_and_decimals_exact_in_block_b(tmp_path, database):
    server = Server(tmp_path, "--db", database)
    url = f"{BASE}/计算机与信息管理系/facts"
    facts = {"study_held": True, "discussion_held": True, "plan_missing_elements": 0, "summary_missing_items": 0}
    try:
        c = server.client
        assert c.post(url, headers=AUTH, content=body({"period": PERIOD, "college": "郴州职业技术学院",
                                                       "facts": facts})).status_code == 200
        one = {"teacher": "程秀英", "semester": "2009-2010-1", "satisfaction": Decimal("59.50")}
        two = {"teacher": "侯志强", "semester": "2009-2010-1", "satisfaction": Decimal("88.5")}
        text = '{"records": {"teacher_evaluations": [{"teacher": "程秀英", "semester": "2009-2010-1", "satisfaction": 59.50}]}}'
        c.post(url, headers=AUTH, content=text.encode())
        text = '{"records": {"teacher_evaluations": [{"teacher": "侯志强", "semester": "2009-2010-1", "satisfaction": 88.5}]}}'
        r = c.post(url, headers=AUTH, content=text.encode()).json()
        log = c.get(url, headers=AUTH).json()
    finally:
        server.client.close()
        server.stop()
    want = expected("计算机与信息管理系", "B", facts, {"teacher_evaluations": [one, two]})
    assert strip(r["result"]["subjects"][0]) == want and r["block"] == "B"
    assert r["total"] == "99"  # one teacher below 60 (59.50), 扣1分; the second report appended, not replacing
    assert [t["teacher"] for t in r["records"]["teacher_evaluations"]] == ["程秀英", "侯志强"]
    assert log[1]["content"]["records"]["teacher_evaluations"][0]["satisfaction"] == "59.5"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("daily")
    s = Server(tmp, "--db", str(tmp / "结果.sqlite3"), "--max-body-bytes", "20000")
    c = s.client
    r = c.post(f"{BASE}/工会/facts", headers=AUTH, content=body({
        "period": PERIOD, "facts": {"study_held": True, "discussion_held": True, "plan_missing_elements": 1,
                                    "summary_missing_items": 0}}))
    assert r.status_code == 200, r.text
    yield s
    s.client.close()
    s.stop()


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("subject,data,params,headers,status,code,pointer,needle", [pytest.param(*case, id=case[5]) for case in [
    ("工会", {"facts": {"absent_members": "两人"}}, {}, AUTH, 422, "submission.number", "facts.absent_members", "两人"),
    ("工会", {"facts": {"absent_member": 1}}, {}, AUTH, 422, "submission.fact-unknown", "facts.absent_member",
     "absent_member"),
    ("工会", {"records": {"temporary_tasks": [{"task": "x", "completed": "也许", "delay_days": 1}]}}, {}, AUTH, 422,
     "submission.bool", "records.temporary_tasks[0].completed", "也许"),
    ("工会", {"facts": {"absent_members": 1}, "remark": "x"}, {}, AUTH, 400, "daily.key-unknown", "remark", "remark"),
    ("工会", {"facts": []}, {}, AUTH, 400, "daily.not-object", "facts", "[]"),
    ("工会", {}, {}, AUTH, 400, "daily.empty", "", None),
    ("工会", {"facts": {"absent_members": 1}}, {"mode": "replace"}, AUTH, 400, "daily.mode", "mode", None),
    ("工会", {"facts": {"absent_members": 1}, "period": {"start": "2009-09-01", "end": "2010-01-15"}}, {}, AUTH, 400,
     "daily.period-differs", "period", '"period"'),
    ("宣传部", {"facts": {"absent_members": 1}}, {}, AUTH, 400, "daily.block-unknown", "block", None),
    ("宣传部", {"block": "A", "facts": {"study_held": True}}, {}, AUTH, 422, "submission.subject-unknown", "subject",
     None),
    ("工会", {"facts": {"absent_members": 1}}, {}, {"Authorization": "Bearer wrong-token"}, 401, "service.bad-token", "", None),
    ("工会", {"facts": {"absent_members": 1}}, {}, {}, 401, "service.bad-token", "", None),
    ("工会", {"facts": {"vague_items": "x" * 30000}}, {}, AUTH, 413, "service.body-too-large", "", None),
]])
def test_bad_reports_are_refused_located_and_store_nothing(served, subject, data, params, headers, status, code,
                                                           pointer, needle):
    c = served.client
    before_log = c.get(f"{BASE}/工会/facts", headers=AUTH).json()
    before = c.get(f"{BASE}/工会", headers=AUTH).json()
    text = json.dumps(data, ensure_ascii=False, indent=2)
    r = c.post(f"{BASE}/{subject}/facts", headers=headers, params=params, content=text.encode())
    assert r.status_code == status, r.text
    got = r.json()
    p = got["problems"][0]
    assert p["code"] == code and got["message"] and any("\u4e00" <= ch <= "\u9fff" for ch in p["message"])
    assert p["pointer"] == pointer
    if needle is not None:
        assert (p["file"], p["line"]) == ("请求正文", _line(text, needle))
    assert c.get(f"{BASE}/工会/facts", headers=AUTH).json() == before_log
    assert c.get(f"{BASE}/工会", headers=AUTH).json() == before
    assert c.get(f"{BASE}/宣传部/facts", headers=AUTH).json() == []


def test_named_failures(served):
    c = served.client
    r = c.get(f"{BASE}/团委", headers=AUTH)
    assert r.status_code == 404
    assert r.json()["message"] == "考核对象“团委”在考核期“2009”还没有收到任何报送（cz-quality-season）"
    r = c.post("/schemes/没有的方案/periods/2009/subjects/工会/facts", headers=AUTH, content=b'{"facts": {"a": 1}}')
    assert r.status_code == 404 and r.json()["problems"][0]["code"] == "repo.scheme-unknown"
    ok = c.post(f"{BASE}/工会/facts", headers=AUTH, content=body({"report": "R-1", "facts": {"absent_members": 1}}))
    assert ok.status_code == 200
    again = c.post(f"{BASE}/工会/facts", headers=AUTH, content=body({"report": "R-1", "facts": {"absent_members": 2}}))
    assert again.status_code == 409
    assert again.json()["message"] == "报送编号“R-1”已用于第 2 次报送，内容与本次不同：编号不能重复使用（重发同一报送时内容须完全相同）"
    assert again.json()["problems"][0]["line"] == 2
    assert c.get(f"{BASE}/工会", headers=AUTH).json()["facts"]["absent_members"] == 1


def test_the_manual_example_runs_as_written(tmp_path, database):
    """docs/manual/scale.md: its three reports, posted in order, give the scores the page states."""
    import re

    page = (ROOT / "docs" / "manual" / "scale.md").read_text(encoding="utf-8")
    steps = re.findall(r"<!-- daily-example: (\d+)( set)? -->\n```json\n(.*?)```", page, re.S)
    assert [s[0] for s in steps] == ["1", "2", "3"]
    stated = [re.search(r'当前结果中 `total` 为 `"([\d.]+)"`', page).group(1),
              re.search(r'此后当前得分为 `"([\d.]+)"`', page).group(1)]
    server = Server(tmp_path, "--db", database)
    try:
        got = []
        for _, mode, text in steps:
            r = server.client.post(f"{BASE}/教务处/facts", headers=AUTH, params={"mode": "set"} if mode else {},
                                   content=text.encode())
            assert r.status_code == 200, r.text
            got.append(r.json())
    finally:
        server.client.close()
        server.stop()
    assert [g["total"] for g in got[1:]] == stated == ["97.5", "98.5"]
    assert got[1]["facts"]["absent_members"] == 3 and got[2]["facts"]["absent_members"] == 1
    assert got[0]["total"] == "99.5"


def test_a_bad_row_appended_to_held_records_is_named_as_the_report_numbers_it(served):
    c = served.client
    ok = c.post(f"{BASE}/工会/facts", headers=AUTH, content=body({
        "records": {"temporary_tasks": [{"task": "国庆值班安排", "completed": True, "delay_days": 0}]}}))
    assert ok.status_code == 200 and len(ok.json()["records"]["temporary_tasks"]) == 1
    text = json.dumps({"records": {"temporary_tasks": [{"task": "校园环境整治", "completed": True, "delay_days": -2}]}},
                      ensure_ascii=False, indent=2)
    r = c.post(f"{BASE}/工会/facts", headers=AUTH, content=text.encode())
    assert r.status_code == 422
    p = r.json()["problems"][0]
    assert p["pointer"] == "records.temporary_tasks[0].delay_days" and p["line"] == _line(text, "-2")
    assert "第 1 条" in p["message"] and "第 2 条" not in p["message"]
    assert len(c.get(f"{BASE}/工会", headers=AUTH).json()["records"]["temporary_tasks"]) == 1


TEACHERS = "/schemes/demo-teacher-annual/periods/2024"
YEAR = {"start": "2024-01-01", "end": "2024-12-31"}


def teacher_expected(subject: dict) -> dict:
    sub = {"kind": "submission", "scheme": "demo-teacher-annual", "period": YEAR, "subjects": [subject]}
    result = api.score(copy.deepcopy(sub), repository=api.open_repository(ROOT))
    return json.loads(api.render(result, "json"))["subjects"][0]


def test_any_name_or_number_is_addressed_by_the_query_parameter(tmp_path, database):
    """An open list's teacher reported by number (工号 with “/”), and a name with “/”: the query form reaches both;
    the path form cannot carry “/” (the server decodes %2F before routing)."""
    server = Server(tmp_path, "--db", database)
    number = "T2001/05"
    attributes = {"department": "机电工程系", "title": "教授"}
    try:
        c = server.client
        first = c.post(f"{TEACHERS}/facts", headers=AUTH, params={"subject": number}, content=body({
            "period": YEAR, "name": "王建国", "block": "T", "attributes": attributes,
            "facts": {"lesson_grade": "优", "late_logs": 1}}))
        assert first.status_code == 200, first.text
        second = c.post(f"{TEACHERS}/facts", headers=AUTH, params={"subject": number},
                        content=body({"facts": {"late_logs": 2, "student_awards": 2}})).json()
        slash = c.post(f"{TEACHERS}/facts", headers=AUTH, params={"subject": "李/红"}, content=body({
            "block": "T", "attributes": {"department": "机电工程系", "title": "讲师"},
            "facts": {"lesson_grade": "良"}})).json()
        running = c.get(f"{TEACHERS}/running", headers=AUTH, params={"subject": number}).json()
        log = c.get(f"{TEACHERS}/facts", headers=AUTH, params={"subject": number}).json()
        by_path = c.get(f"{TEACHERS}/subjects/李%2F红", headers=AUTH)
        renamed = c.post(f"{TEACHERS}/facts", headers=AUTH, params={"subject": number},
                         content=body({"name": "王建", "facts": {"late_logs": 1}}))
        missing = c.get(f"{TEACHERS}/running", headers=AUTH)
    finally:
        server.client.close()
        server.stop()
    want = teacher_expected({"name": "王建国", "id": number, "block": "T", "attributes": attributes,
                             "facts": {"lesson_grade": "优", "late_logs": 3, "student_awards": 2}})
    got = strip(second["result"]["subjects"][0])
    assert got == want and (got["name"], got["id"], got["total"]) == ("王建国", number, "91.6")
    assert (second["subject"], second["name"], second["reports"], second["facts"]["late_logs"]) == (number, "王建国", 2, 3)
    assert strip(running["result"]["subjects"][0]) == want and running["reports"] == 2
    assert [(x["seq"], x["content"].get("name")) for x in log] == [(1, "王建国"), (2, None)]
    assert strip(slash["result"]["subjects"][0]) == teacher_expected({
        "name": "李/红", "block": "T", "attributes": {"department": "机电工程系", "title": "讲师"},
        "facts": {"lesson_grade": "良"}})
    assert "id" not in slash["result"]["subjects"][0]
    assert by_path.status_code == 404  # why the query form exists
    assert renamed.status_code == 400 and renamed.json()["message"] == "考核对象“T2001/05”已按名称“王建国”登记，本次报送写的是“王建”"
    assert (renamed.json()["problems"][0]["pointer"], renamed.json()["problems"][0]["line"]) == ("name", 2)
    assert missing.status_code == 422 and missing.json()["problems"][0]["code"] == "service.parameter"


def test_the_period_standings_rank_and_award_the_stored_states_together(tmp_path, database):
    """GET …/standings = `api.score` of the accumulated submission of every complete subject; a subject still
    missing a fact is listed, not scored; `zhibiao daily --standings` says the same."""
    server = Server(tmp_path, "--db", database)
    base = {"study_held": True, "discussion_held": True, "plan_missing_elements": 0}
    try:
        c = server.client
        post = lambda who, data: c.post(f"{BASE}/{who}/facts", headers=AUTH, content=body(data))  # noqa: E731
        assert post("教务处", {"period": PERIOD, "college": "郴州职业技术学院",
                              "facts": base | {"summary_missing_items": 1, "absent_members": 2}}).status_code == 200
        post("工会", {"facts": base | {"summary_missing_items": 0}})
        post("工会", {"facts": {"absent_members": 1}})
        post("保卫处", {"facts": base})  # 活动总结 not known yet
        post("计算机与信息管理系", {"facts": base | {"summary_missing_items": 2}})
        early = c.get("/schemes/cz-quality-season/periods/2009/standings", headers=AUTH).json()
        post("保卫处", {"facts": {"summary_missing_items": 0, "absent_members": 1}})
        later = c.get("/schemes/cz-quality-season/periods/2009/standings", headers=AUTH).json()
        empty = c.get("/schemes/cz-quality-season/periods/2010/standings", headers=AUTH)
    finally:
        server.client.close()
        server.stop()
    accumulated = [
        {"name": "教务处", "block": "A", "facts": base | {"summary_missing_items": 1, "absent_members": 2}},
        {"name": "工会", "block": "A", "facts": base | {"summary_missing_items": 0, "absent_members": 1}},
        {"name": "保卫处", "block": "A", "facts": base | {"summary_missing_items": 0, "absent_members": 1}},
        {"name": "计算机与信息管理系", "block": "B", "facts": base | {"summary_missing_items": 2}}]
    repo = api.open_repository(ROOT)

    def scored(subjects: list[dict]) -> dict:
        sub = {"kind": "submission", "scheme": "cz-quality-season", "college": "郴州职业技术学院", "period": PERIOD,
               "subjects": subjects}
        return json.loads(api.render(api.score(copy.deepcopy(sub), repository=repo), "json"))

    without = scored([accumulated[i] for i in (0, 1, 3)])
    assert early["result"]["subjects"] == without["subjects"]
    assert [w["message"] for w in early["result"]["warnings"]] == [w["message"] for w in without["warnings"]]
    assert early["result"]["source"] == "日常考核 cz-quality-season 2009"
    assert [(s["name"], s["total"], s["rank"], s["award"]) for s in early["result"]["subjects"]] == [
        ("教务处", "98", 2, "二等奖"), ("工会", "99.5", 1, "一等奖"), ("计算机与信息管理系", "98", 1, "二等奖")]
    assert (early["subjects"], early["scored"]) == (4, 3)
    assert [(x["subject"], x["block"], x["reports"], [p["expected"] for p in x["missing"]])
            for x in early["incomplete"]] == [("保卫处", "A", 1, ["summary_missing_items"])]
    everyone = scored(accumulated)
    assert later["result"]["subjects"] == everyone["subjects"] and (later["scored"], later["incomplete"]) == (4, [])
    assert [(s["name"], s["rank"], s["award"]) for s in later["result"]["subjects"]][:3] == [
        ("教务处", 3, "二等奖"), ("工会", 1, "一等奖"), ("保卫处", 1, "一等奖")]  # 方案评比按活动方案分，同分比总分：工会与保卫处并列第一，共享一等奖
    assert empty.status_code == 404 and empty.json()["message"] == "考核期“2010”还没有收到任何报送（cz-quality-season）"
    cli = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "daily", "cz-quality-season", "2009",
                          "--standings", "--db", database, "--format", "json"], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout) == later
