"""Errors in the operations-layer documents (schema and semantics): one broken copy per failure mode, the exact
Chinese message at file:line:column."""

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


# ------------------------------------------------------------------ semantic checks (what a schema cannot see)

GZQG = "standards/timetables/gzqg-operation.yaml"


def test_work_items_must_be_as_many_as_the_source_says(std_copy):
    path, line, _ = break_file(std_copy, GZQG, "    count: 9\n    text: 围绕专业设置及其品质建设", "    count: 8\n    text: 围绕专业设置及其品质建设")
    text = (std_copy / GZQG).read_text(encoding="utf-8").splitlines()
    items = next(i for i in range(line, len(text)) if text[i].strip() == "items:") + 1
    assert errors(std_copy) == [f"{path}:{items + 1}:7 专业层面诊改工作重点：原文写明 8 项，这里列出 9 项"]


def test_who_is_named_must_be_known_with_a_suggestion(std_copy):
    path, line, col = break_file(std_copy, CZ, "    responsible: [考核小组]\n    schedule: {repeat: 常态化",
                                 "    responsible: [考核组]\n    schedule: {repeat: 常态化")
    assert errors(std_copy) == [f"{path}:{line}:{col + 18} “考核组”不是郴州职业技术学院的部门、机构或岗位，"
                                "也没有在本文件的 groups、aliases、bodies 中说明，是否想写“考核小组”？"]


def test_a_chenzhou_document_cannot_carry_a_guizhou_system(std_copy):
    path, line, col = break_file(std_copy, "standards/objectives.yaml", "institution: cz\n", "institution: cz\nsystem: 决策指挥\n")
    assert errors(std_copy) == [f"{path}:{line + 1}:9 五纵系统“决策指挥”只用于采用“五纵五横一平台”的机构；郴州职业技术学院的源文件"
                                "没有五纵系统，请删去 system（五份源文件是五个机构，不能互相借用体系）"]


def test_the_institution_must_be_registered(std_copy):
    path, line, col = break_file(std_copy, "standards/objectives.yaml", "institution: cz\n", "institution: chz\n")
    assert errors(std_copy) == [f"{path}:{line}:14 所属机构“chz”不在机构目录 standards/institutions.yaml 中，是否想写“cz”？"
                                "（可选：cz、gd、gz、gzqg、moe、st、sx、sxqg）"]


def test_a_missing_institution_is_a_warning(std_copy):
    path, line, _ = break_file(std_copy, "standards/objectives.yaml", "institution: cz\n", "")
    problems, _ = Repository(std_copy).validate([std_copy / "standards"])
    assert [str(p) for p in problems if p.location.file == path] == [
        f"{path}:2:7 警告：缺少所属机构“institution”：每份受控文件都属于一个机构（standards/institutions.yaml 中的标识，"
        "可选：cz、gd、gz、gzqg、moe、st、sx、sxqg）"]


def test_an_unknown_phase_is_named(std_copy):
    path, line, col = break_file(std_copy, CZ, "    phase: phase-4\n    schedule: {repeat: 一次, start: 2009-12-23, due: 2009-12-31, text: 12月底}\n",
                                 "    phase: phase-5\n    schedule: {repeat: 一次, start: 2009-12-23, due: 2009-12-31, text: 12月底}\n")
    assert errors(std_copy) == [f"{path}:{line}:12 阶段“phase-5”不存在，是否想写“phase-4”？（可选：phase-1、phase-2、phase-3、phase-4）"]


def test_a_three_year_cycle_needs_its_first_year(std_copy):
    path, line, _ = break_file(std_copy, GD, "      every: 3\n      anchor: 2018\n", "      every: 3\n")
    assert errors(std_copy) == [f"{path}:{line - 1}:7 “每3年抽样复核不少于总数1/4的学校”每 3 年一次，需要 anchor（周期起算的年份）"]


def test_the_procedure_counts_as_many_elements_as_its_list_holds(std_copy):
    path, line, col = break_file(std_copy, "standards/review-procedure.yaml", "    value: 15\n", "    value: 14\n")
    assert errors(std_copy) == [
        f"{path}:15:11 诊断要素清单“gd-diagnosis-elements”有 15 项，与参数 element_count（14）不符"]


def test_an_authority_above_must_be_a_tier_higher(std_copy):
    path, line, col = break_file(std_copy, "standards/institutions.yaml", "    tier: 校\n    province: 广东\n    parent: gd\n",
                                 "    tier: 省\n    province: 广东\n    parent: gd\n")
    assert errors(std_copy) == [f"{path}:{line + 2}:13 “汕头职业技术学院”（省）的上级“广东省教育厅”是省：上级应高一级（校 → 省 → 国家）"]
