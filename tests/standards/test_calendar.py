"""`zhibiao calendar` / `api.calendar`: what is due, due soon and overdue on a day, from the timetables of the five
sources; the .ics export read back with the `icalendar` package; bad options refused in Chinese, nothing written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from zhibiao import api
from zhibiao.cli import main
from zhibiao.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def repo() -> api.Repository:
    return api.Repository(ROOT)


def entry(cal: api.Calendar, obligation: str, due: str | None = None):
    found = [e for e in cal.entries if e.obligation.id == obligation and (due is None or str(e.due) == due)]
    assert len(found) == 1, [(e.obligation.id, e.due, e.status) for e in cal.entries if e.obligation.id == obligation]
    return found[0]


def calendar_json(capsys, *args: str) -> dict:
    assert main(["calendar", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_chenzhou_plan_is_due_tomorrow_on_november_5th(capsys) -> None:
    data = calendar_json(capsys, "--as-of", "2009-11-05")
    (row,) = [r for r in data["事项"] if r["职责"] == "plan-submission"]
    assert (row["状态"], row["截止"], row["距截止天数"], row["说明"]) == ("即将到期", "2009-11-06", 1, "明天到期")
    assert row["时间原文"] == "11月6日前" and row["来源"]["机构名称"] == "郴州职业技术学院"
    assert [(e["名称"], e["交"], e["份数"]) for e in row["证据"]] == [("部门方案电子文档", ["学院人事处"], ""),
                                                                     ("纸质方案", ["学院督导室"], "一份")]
    # the table a person reads says the same
    assert main(["calendar", "--as-of", "2009-11-05"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "提交部门方案" in x and x.startswith("即将到期"))
    assert "2009-11-06" in line and "明天到期" in line


def test_the_deadline_day_is_still_on_time_and_the_day_after_is_overdue(repo) -> None:
    assert entry(api.calendar(D("2009-11-06"), repository=repo), "plan-submission").status == "今天到期"
    late = entry(api.calendar(D("2009-11-07"), repository=repo), "plan-submission")
    assert (late.status, late.days, late.when) == ("逾期", -1, "已逾期 1 天")
    assert late in api.calendar(D("2009-11-07"), repository=repo).warnings()


def test_guangdong_publishes_next_years_list_before_december_31st(capsys) -> None:
    data = calendar_json(capsys, "--as-of", "2018-12-15")
    (row,) = [r for r in data["事项"] if r["职责"] == "publish-review-list"]
    assert (row["状态"], row["截止"], row["距截止天数"]) == ("即将到期", "2018-12-31", 16)
    assert (row["来源"]["机构名称"], row["来源"]["层级"]) == ("广东省教育厅", "省")


def test_no_list_is_due_before_the_first_round(repo) -> None:
    ids = {e.obligation.id for e in api.calendar(D("2017-12-15"), repository=repo).entries}
    assert "publish-review-list" not in ids and "sampling-review" not in ids


def test_a_department_sees_what_all_departments_must_do_and_what_it_receives(repo) -> None:
    cal = api.calendar(D("2009-11-05"), department="督导室", repository=repo)
    assert entry(cal, "plan-submission").role == "负责、接收"   # one of 各部门, and the paper copies go to it
    ids = {e.obligation.id for e in cal.entries}
    assert "management-plans" not in ids   # only 教务、学生、总务部门
    assert "monthly-service-visits" in ids  # A板块, of which 督导室 is one
    assert "monthly-violation-summary" not in ids  # 专业系 only
    hr = api.calendar(D("2009-11-05"), department="组织人事处(含宣传统战部)", repository=repo)
    assert entry(hr, "plan-submission").role == "负责、接收"  # “学院人事处” in the source is this department


def test_materials_are_published_thirty_days_before_the_review(capsys) -> None:
    data = calendar_json(capsys, "--as-of", "2019-04-15", "--event", "review-start=2019-05-20", "--institution", "gd")
    (row,) = [r for r in data["事项"] if r["职责"] == "publish-materials"]
    assert (row["状态"], row["截止"], row["距截止天数"]) == ("即将到期", "2019-04-20", 5)
    assert len(row["证据"]) == 6 and data["事件"] == {"review-start": "2019-05-20"}
    # without the date, the obligation is listed as pending, with a note saying how to give it
    cal = api.calendar(D("2019-04-15"), institution="gd")
    assert entry(cal, "publish-materials").status == "待定" and "--event" in cal.notes[0]


def test_reapplication_one_year_after_a_conclusion_on_february_29th(repo) -> None:
    cal = api.calendar(D("2021-02-20"), events={"review-conclusion": D("2020-02-29")}, repository=repo)
    assert (entry(cal, "reapply-for-review").due, entry(cal, "reapply-for-review").days) == (D("2021-02-28"), 8)


def test_monthly_items_end_with_the_activity(repo) -> None:
    cal = api.calendar(D("2010-01-15"), repository=repo)
    last = entry(cal, "monthly-student-report", "2010-01-20")  # the activity ends on 1月中旬 = 01-20
    assert (last.status, last.days) == ("即将到期", 5)
    assert "2010-02-28" not in {str(e.due) for e in cal.entries if e.obligation.id == "monthly-student-report"}


def test_termly_reports_are_due_at_the_end_of_term(repo) -> None:
    e = entry(api.calendar(D("2019-01-10"), institution="gzqg", repository=repo), "course-teaching-report")
    assert (e.due, e.status, e.obligation.schedule.text) == (D("2019-01-20"), "即将到期", "期末")


def test_three_year_cycles(repo) -> None:
    e = entry(api.calendar(D("2018-12-15"), repository=repo), "triennial-diagnosis")
    assert (e.due, e.status) == (D("2018-12-31"), "即将到期")  # 2016–2018
    e = entry(api.calendar(D("2019-06-01"), repository=repo), "triennial-diagnosis")
    assert (e.due, e.status, e.occurrence.start) == (D("2021-12-31"), "进行中", D("2019-01-01"))  # 2019–2021


def test_phases_in_progress_and_starting_soon(repo) -> None:
    cal = api.calendar(D("2009-10-25"), repository=repo)
    assert [(p.phase.name, p.status) for p in cal.phases] == [
        ("学习宣传阶段", "进行中"), ("制定措施阶段", "进行中"), ("全面实施阶段", "即将开始")]


def test_undated_yearly_duties_are_listed_for_the_year_without_a_deadline(repo) -> None:
    e = entry(api.calendar(D("2019-03-01"), institution="gd", repository=repo), "annual-self-diagnosis")
    assert (e.status, e.due, e.occurrence.period_start, e.occurrence.period_end) == (
        "未定日期", None, D("2019-01-01"), D("2019-12-31"))


def test_ics_export_reads_back_as_rfc5545(tmp_path, capsys) -> None:
    out = tmp_path / "工作日历.ics"
    assert main(["calendar", "--as-of", "2009-11-05", "--dept", "督导室", "--format", "ics", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets (RFC 5545 3.1)
    cal = icalendar.Calendar.from_ical(raw)
    events = [c for c in cal.walk("VEVENT")]
    expected = api.calendar(D("2009-11-05"), department="督导室")
    dated = [e for e in expected.entries if e.due is not None]
    assert len(events) == len(dated) + len(expected.phases)
    plan = next(ev for ev in events if "提交部门方案" in str(ev["SUMMARY"]))
    assert plan.decoded("DTSTART") == D("2009-11-06") and plan.decoded("DTEND") == D("2009-11-07")
    assert str(plan["UID"]) == "cz-quality-season-timetable.plan-submission.2009-11-06@zhibiao"
    assert "证据：纸质方案，交学院督导室" in str(plan["DESCRIPTION"])
    assert plan.walk("VALARM")[0]["TRIGGER"].dt == dt.timedelta(days=-1)
    assert len({str(ev["UID"]) for ev in events}) == len(events)
    assert str(cal["PRODID"]).startswith("-//zhibiao//")


def test_bad_options_are_refused_in_chinese_and_nothing_is_written(tmp_path, capsys) -> None:
    out = tmp_path / "x.ics"
    assert main(["calendar", "--as-of", "2009-11-05", "--dept", "督导处", "--event", "review-strat=2019-05-20",
                 "--format", "ics", "-o", str(out)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "zhibiao calendar 没有名为“督导处”的部门、机构或岗位，是否想写“督导室”？",
        "zhibiao calendar 未知的事件“review-strat”，是否想写“review-start”？（可选：next-term-start、review-conclusion、review-start）"]
    assert not out.exists()
    with pytest.raises(SystemExit) as exc:
        main(["calendar", "--event", "review-start:2019-05-20"])
    assert exc.value.code == 2
    assert "应写成“事件标识=YYYY-MM-DD”（如 review-start=2019-05-20），实际为“review-start:2019-05-20”" in capsys.readouterr().err
    with pytest.raises(UsageError) as err:
        api.calendar(D("2009-11-05"), institution="chenzhou", horizon=-1)
    assert [p.message for p in err.value.problems] == [
        "未知的机构“chenzhou”，是否想写“cz”？（可选：cz、gd、gzqg、sxqg）",
        "--within（即将到期天数）应为 0 到 3660 之间的整数天数，实际为“-1”"]


def test_sampling_is_reachable_from_the_command_line(capsys) -> None:
    assert main(["sampling", "--colleges", "89", "--year", "2021", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["抽样周期"], data["本周期至少复核"], data["名单最迟公布"]) == ([2021, 2023], 23, "2020-12-31")  # ⌈89/4⌉
    assert main(["sampling", "--colleges", "0", "--year", "2017"]) == 1
    assert capsys.readouterr().err.splitlines() == ["zhibiao sampling 院校总数应为正整数，实际为“0”",
                                                    "zhibiao sampling 2017 年早于首轮抽样复核（2018 年），那时还没有抽样复核"]
