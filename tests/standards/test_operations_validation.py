"""Schema errors in the operations-layer documents: one broken copy per failure mode, the exact Chinese message
at file:line:column (the semantic checks of these kinds are tested with the engine)."""

from __future__ import annotations

from pathlib import Path

from zhibiao.errors import errors_only
from zhibiao.repository import Repository

from std_helpers import break_file

GD = "standards/timetables/gd-review-timetable.yaml"
CZ = "standards/timetables/cz-quality-season.yaml"


def errors(root: Path, *paths: str) -> list[str]:
    problems, _ = Repository(root).validate([root / p for p in paths] or [root / "standards"])
    return [str(p) for p in errors_only(problems)]


def test_yearly_due_must_be_month_and_day(std_copy):
    path, line, col = break_file(std_copy, GD, 'due: "12-31"\n      from: 2018-01-01\n      text: 每年12月31日之前',
                                 'due: "2018-12-31"\n      from: 2018-01-01\n      text: 每年12月31日之前')
    assert errors(std_copy) == [
        f"{path}:{line}:{col + 5} “obligations[6].schedule.due”的值 “2018-12-31” 格式不对（每年的截止：月-日，如 12-31。）"]


def test_one_off_due_must_be_a_date(std_copy):
    path, line, col = break_file(std_copy, CZ, "due: 2009-11-06\n      text: 11月6日前", "due: 11月6日\n      text: 11月6日前")
    assert errors(std_copy) == [
        f"{path}:{line}:{col + 5} “obligations[5].schedule.due”的值 “11月6日” 格式不对（一次性事项的截止日期 YYYY-MM-DD。）"]


def test_unknown_repeat_is_refused_with_a_suggestion(std_copy):
    path, line, col = break_file(std_copy, CZ, "repeat: 每月\n      times: 1\n      due: 月末\n      from: 2009-10-11\n      until: 2010-01-20\n      text: 每个工作月份",
                                 "repeat: 每个月\n      times: 1\n      due: 月末\n      from: 2009-10-11\n      until: 2010-01-20\n      text: 每个工作月份")
    assert errors(std_copy) == [
        f"{path}:{line}:{col + 8} “obligations[10].schedule.repeat”的值 “每个月” 不在允许范围内，是否想写“每月”？"
        "（可选：每年、每学期、每月、一次、常态化、随事件）"]


def test_event_schedule_needs_its_event(std_copy):
    path, line, col = break_file(std_copy, GD, "      event: review-start\n", "")
    assert errors(std_copy) == [
        f"{path}:{line - 1}:7 “obligations[3].schedule”缺少必填的键“event”：repeat 为随事件时必须写明所依据的事件（events 中声明的标识）。"]


def test_element_without_source(std_copy):
    text = (std_copy / "standards/diagnosis-elements.yaml").read_text(encoding="utf-8")
    path, line, _ = break_file(std_copy, "standards/diagnosis-elements.yaml",
                               "    source: {file: 003_d0a5018759f809e3.txt, section: 附件 诊断项目表 1.2, quote: 1.2 组织构架}\n", "")
    assert "组织构架" in text
    assert errors(std_copy) == [f"{path}:{line - 6}:5 “elements[1]”缺少必填的键“source”：出处：源文件与章节（quote 为原文摘录）。"]


def test_overlay_base_kind_must_be_overlayable(std_copy):
    path, line, col = break_file(std_copy, "examples/st-diagnosis-elements.yaml", "kind: diagnosis-elements", "kind: diagnosis-table")
    assert errors(std_copy, "examples/st-diagnosis-elements.yaml") == [
        f"{path}:{line}:{col + 6} “base.kind”的值 “diagnosis-table” 不在允许范围内，是否想写“diagnosis-elements”？"
        "（可选：diagnosis-elements、timetable）"]
