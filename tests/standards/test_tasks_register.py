"""`zhibiao tasks`: improvement tasks (整改任务) registered from findings into a YAML register (kind: tasks) that is
validated like any document, re-registering the same finding adds nothing, open tasks listed by urgency with the
overdue ones warned; a bad register is refused with located Chinese errors and is left untouched."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.cli import main
from zhibiao.errors import ValidationError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cz-tasks-2010.yaml"
D = dt.date.fromisoformat


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["tasks", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_review_conclusion_is_registered_once_and_the_register_validates(tmp_path, capsys) -> None:
    register = tmp_path / "整改任务.yaml"
    code, out, err = run(capsys, register, "--from-review", ROOT / "examples" / "review-2019.yaml", "--as-of", "2019-07-01")
    assert code == 0 and err == f"已登记 1 项新的整改任务到 {register}（共 1 项）\n"
    (row,) = [line for line in out.splitlines() if line.startswith("进行中")]
    assert row.split() == ["进行中", "2020-06-10", "345", "天后到期", "改进期整改（待改进）：成长环境、外部环境改进、质量事故管控、质量保证效果",
                           "乙职业技术学院", "待办", "复核结论", "t-381c2693cc"]
    text = register.read_text(encoding="utf-8")
    schema = text.splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert (register.parent / schema).resolve() == ROOT / "schemas" / "tasks.schema.json"  # editors find it
    assert api.validate([register], repository=api.Repository(ROOT)) == []
    # the same finding again: nothing added, the file as it was
    code, _, err = run(capsys, register, "--from-review", ROOT / "examples" / "review-2019.yaml")
    assert code == 0 and err == f"已登记 0 项新的整改任务到 {register}（共 1 项；已登记过的 1 项保持原样）\n"
    assert register.read_text(encoding="utf-8") == text
    (task,) = api.read_tasks(register)
    assert (task.owner, task.created, task.deadline, task.origin.source.section) == (
        "乙职业技术学院", D("2019-06-10"), D("2020-06-10"), "四、（三）")


def test_progress_people_recorded_is_kept_when_new_findings_are_added(tmp_path, capsys) -> None:
    register = tmp_path / "tasks.yaml"
    # a copy elsewhere points its schema line at this checkout's schemas/
    register.write_text(EXAMPLE.read_text(encoding="utf-8").replace("../schemas/", f"{ROOT}/schemas/", 1), encoding="utf-8")
    before = {t.id: t for t in api.read_tasks(register)}
    code, _, err = run(capsys, register, "--from-point", "3.2/工作实施效果", "--finding", "学生满意度连续两年下降",
                       "--owner", "人事处", "--created", "2010-03-01", "--deadline", "2010-06-30")
    assert code == 0 and err.endswith("（共 9 项；已登记过的 8 项保持原样）\n")
    after = api.read_tasks(register)
    assert [t for t in after if t.id in before] == list(before.values())  # status, completion, evidence as recorded
    assert after[-1].title == "整改：师资建设诊改 · 工作实施效果" and after[-1].deadline == D("2010-06-30")
    data = register.read_text(encoding="utf-8")
    assert "title: 郴州职业技术学院 2010 年整改任务（示例）\ninstitution: cz\n" in data


def test_the_example_register_lists_overdue_tasks_as_warnings(capsys) -> None:
    code, out, _ = run(capsys, EXAMPLE, "--as-of", "2010-02-15", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["预警"] == 6
    assert [(t["状态"], t["距期限天数"], t["进度"]) for t in data["未完成"]][:2] == [("逾期", -1, "待办"), ("逾期", -1, "进行中")]
    assert [t["标识"] for t in data["已关闭"]] == ["t-f70859a87a"] and data["已关闭"][0]["证据"] == ["教务处学习讨论签到表（2010年2月）"]
    assert all(t["负责"] == "教务处" for t in data["未完成"])  # the indicator task is created on 2010-07-01: not yet
    code, out, _ = run(capsys, EXAMPLE, "--as-of", "2010-12-20", "--dept", "招生就业处")
    assert code == 0
    assert [line.split()[:3] for line in out.splitlines() if line.startswith("即将到期")] == [["即将到期", "2010-12-31", "11"]]
    assert "预警：" not in out


def test_a_bad_register_is_refused_where_each_problem_stands_and_nothing_is_written(tmp_path, capsys) -> None:
    register = tmp_path / "bad.yaml"
    register.write_text(
        "kind: tasks\n"
        "tasks:\n"
        "  - {id: t-1, title: 甲, owner: 教务处, created: '2010-01-15', deadline: '2010-01-10', status: 已完成, origin: {kind: 扣分, ref: a:b, finding: x}}\n"
        "  - {id: t-1, title: 乙, owner: 教务处, created: '2010-01-15', deadline: '2010-02-10', status: 待办, completed: '2010-02-01', origin: {kind: 扣分, ref: a:b, finding: x}}\n"
        "  - {id: t-2, title: 丙, owner: 教务处, created: '2010-01-15', deadline: '2010-02-10', status: 已完成, completed: '2010-01-01', origin: {kind: 扣分, ref: a:b, finding: x}}\n",
        encoding="utf-8")
    before = register.read_bytes()
    code, out, err = run(capsys, register, "--from-review", ROOT / "examples" / "review-2019.yaml")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{register}:3:70 第 1 项任务“甲”：整改期限 2010-01-10 早于创建日期 2010-01-15",
        f"{register}:3:92 第 1 项任务“甲”：进度为“已完成”，须填写完成日期 completed（YYYY-MM-DD）",
        f"{register}:4:10 第 2 项任务“乙”：任务标识“t-1”重复（第 3 行已经出现过）",
        f"{register}:4:107 第 2 项任务“乙”：进度为“待办”，不应填写完成日期 completed（只有“已完成”的任务填写）",
        f"{register}:5:108 第 3 项任务“丙”：完成日期 2010-01-01 早于创建日期 2010-01-15"]
    assert register.read_bytes() == before
    # `zhibiao validate` says the same
    assert [p.message for p in api.validate([register], repository=api.Repository(ROOT))][:1] == [
        "第 1 项任务“甲”：整改期限 2010-01-10 早于创建日期 2010-01-15"]
    register.write_text(register.read_text(encoding="utf-8").replace("kind: 扣分, ref: a:b, finding: x}}\n  - {id: t-1",
                                                                    "kind: 扣份, ref: a:b, finding: x}}\n  - {id: t-1", 1),
                        encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        api.read_tasks(register)
    assert exc.value.problems[0].message == "“tasks[0].origin.kind”的值 “扣份” 不在允许范围内，是否想写“扣分”？（可选：诊断点、复核结论、指标预警、扣分）"


def test_wrong_files_and_options_are_named_in_chinese(tmp_path, capsys) -> None:
    code, _, err = run(capsys, ROOT / "examples" / "review-2019.yaml")
    assert code == 1 and err == "examples/review-2019.yaml:4:1 这不是整改任务登记：kind 应为 tasks，实际为“（没有 kind）”\n"
    missing = tmp_path / "没有.yaml"
    assert run(capsys, missing)[2] == (f"{missing} 整改任务登记“{missing}”不存在：新建登记请用 --from-review、--from-score、"
                                       "--from-indicators 或 --from-point 中的一个说明整改任务从哪里来\n")
    assert run(capsys, missing, "--from-point", "3.2", "--owner", "人事处")[2] == (
        "--from-point 诊断点应写成“要素编号/诊断点”（如 3.2/工作实施效果），实际为“3.2”\n")
    assert run(capsys, missing, "--from-score", ROOT / "examples" / "cz-quality-season-2009.yaml", "--subject", "教务")[2] == (
        "--subject 评分结果中没有考核对象“教务”，是否想写“教务处”？\n")
    assert run(capsys, missing, "--from-indicators", ROOT / "examples" / "indicators-2010.yaml")[2] == (
        "整改任务 整改任务须有负责部门或院校：学生就业率未达标：当前值 89.99%，标准值 90%；未达标：当前值 < 90（学生就业率≥90﹪）\n")
    assert not missing.exists()


def test_a_deduction_task_cites_its_rule_in_the_register_the_database_and_the_site(tmp_path, capsys) -> None:
    register = tmp_path / "整改任务.yaml"
    code, _, err = run(capsys, register, "--from-score", ROOT / "examples" / "cz-quality-season-2009.yaml",
                       "--subject", "教务处", "--rule", "a-exec-11b", "--created", "2010-01-15")
    assert code == 0 and err == f"已登记 1 项新的整改任务到 {register}（共 1 项）\n"
    text = register.read_text(encoding="utf-8")
    assert ("      text: 没有落实或完成的，扣1分/项次（备注3：不及时超过一周视为没落实或完成）\n"
            "      source:\n"
            "        file: 002_0760d59eef6def2d.txt\n"
            "        section: 附件 三、考核标准 A板块考核个性标准 执行效果（70分）第11条\n") in text
    (task,) = api.read_tasks(register)
    db = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    code, _, _ = run(capsys, "--db", db, "--import", register)
    assert code == 0
    (kept,) = api.stored_tasks(store=api.open_store(db))
    assert kept.origin.source == task.origin.source
    assert (kept.origin.source.file, kept.origin.source.section) == (
        "002_0760d59eef6def2d.txt", "附件 三、考核标准 A板块考核个性标准 执行效果（70分）第11条")
    code, out, _ = run(capsys, "--db", db, "--as-of", "2010-02-15", "--format", "json")
    assert json.loads(out)["未完成"][0]["来自"]["出处"] == {
        "文件": "002_0760d59eef6def2d.txt", "章节": "附件 三、考核标准 A板块考核个性标准 执行效果（70分）第11条"}
