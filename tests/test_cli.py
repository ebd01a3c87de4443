from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao.cli import main

from support import EXAMPLE, ROOT


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "填报.yaml"
    p.write_text("kind: submission\nscheme: cz-quality-season\nperiod: {start: 2009-10-15, end: 2010-01-15}\n" + body,
                 encoding="utf-8")
    return p


def test_help_is_chinese(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：zhibiao")
    assert "显示本帮助并退出" in out and "score" in out and "validate" in out


def test_score_example_table(capsys):
    assert main(["score", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "【A板块】共 14 个考核对象" in out and "【B板块】共 10 个考核对象" in out
    assert "扣分明细" in out
    assert "plan-1  实施条目内容和标准不具体，每个条目扣0.1分。  3 条目 × 0.1 分 = 0.3 分" in out


def test_score_json_carries_scheme_identity(tmp_path, capsys):
    out = tmp_path / "结果.json"
    assert main(["score", str(EXAMPLE), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scheme"]["id"] == "cz-quality-season"
    assert data["scheme"]["version"] == "1.0.1"
    assert data["scheme"]["rules_hash"].startswith("sha256:") and len(data["scheme"]["rules_hash"]) == 71
    assert len(data["subjects"]) == 24
    for s in data["subjects"]:  # every total is the sum of its category scores, exactly
        assert Decimal(s["total"]) == sum(Decimal(c["score"]) for c in s["categories"])
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_score_csv(tmp_path):
    out = tmp_path / "结果.csv"
    assert main(["score", str(EXAMPLE), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 24
    assert {r["板块"] for r in rows} == {"A", "B"}
    assert all(r["规则哈希"].startswith("sha256:") for r in rows)


def test_hand_computed_department(tmp_path, capsys):
    """保卫处 in the example, computed by hand from the seed's wording."""
    assert main(["score", str(EXAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    s = next(x for x in data["subjects"] if x["name"] == "保卫处")
    # 学习讨论: 缺席 3 人 × 0.5 = 1.5 → 8.5; 活动方案: 2 条目 × 0.1 = 0.2 → 19.8
    assert [c["score"] for c in s["categories"]] == ["8.5", "19.8", s["categories"][2]["score"]]
    exe = s["categories"][2]
    by_rule = {d["rule_id"]: d["subtotal"] for d in exe["deductions"]}
    assert by_rule["a-exec-7"] == "1" and by_rule["a-exec-12"] == "5"  # 2 人次 × 0.5; 1 人次 × 5
    assert Decimal(exe["score"]) == Decimal(70) - sum(Decimal(v) for v in by_rule.values())


def test_bad_facts_write_nothing(tmp_path, capsys):
    sub = _write(tmp_path, "subjects:\n  - name: 教务处\n    block: A\n    facts:\n      study_held: true\n"
                           "      discussion_held: true\n      plan_missing_elements: 0\n      summary_missing_items: 0\n"
                           "      absent_members: -2\n")
    out = tmp_path / "结果.json"
    out.write_text("旧结果", encoding="utf-8")
    assert main(["score", str(sub), "--format", "json", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{sub}:12:23 考核对象“教务处”的事实“absent_members”（本部门缺席人数）不能小于 0，不能为负数，实际为 -2" in err
    assert out.read_text(encoding="utf-8") == "旧结果"


def test_subject_not_in_block_list(tmp_path, capsys):
    sub = _write(tmp_path, "subjects:\n  - name: 教务科\n    block: A\n    facts: {study_held: true, discussion_held: true, "
                           "plan_missing_elements: 0, summary_missing_items: 0}\n  - name: 图书馆\n    block: A\n    facts: {}\n")
    assert main(["score", str(sub)]) == 1
    err = capsys.readouterr().err
    assert "考核对象“教务科”不在方案A板块的名单中，是否想写“教务处”？" in err
    assert "考核对象“图书馆”不在方案A板块的名单中：它在B板块名单中，请把 block 改为 B" in err


def test_unknown_scheme(tmp_path, capsys):
    sub = _write(tmp_path, "subjects:\n  - {name: 教务处, block: A}\n")
    assert main(["score", str(sub), "--scheme", "cz-quality-seasons"]) == 1
    assert "找不到考核方案“cz-quality-seasons”，是否想写“cz-quality-season”？" in capsys.readouterr().err


def test_year_end_weight(capsys):
    assert main(["score", str(EXAMPLE), "--format", "json", "--year-end-weight", "0.2"]) == 0
    data = json.loads(capsys.readouterr().out)
    s = data["subjects"][0]
    assert Decimal(s["year_end"]) == Decimal(s["total"]) * Decimal("0.2")


def test_json_output_matches_result_schema(capsys):
    from jsonschema import Draft7Validator

    from support import ROOT

    assert main(["score", str(EXAMPLE), "--format", "json", "--year-end-weight", "0.3"]) == 0
    data = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
    errors = list(Draft7Validator(schema).iter_errors(data))
    assert errors == []
    data["subjects"][0]["total"] = 93.3  # a float where an exact decimal string belongs
    assert [e.validator for e in Draft7Validator(schema).iter_errors(data)] == ["type"]


def test_explain_lists_applied_and_unapplied_rules(capsys):
    assert main(["score", str(EXAMPLE), "--explain", "教务处"]) == 0
    out = capsys.readouterr().out
    assert "【学习讨论】满分 10，扣 1，得 9" in out
    assert "    ✓ study-2  所属本部门人员缺席，扣0.5分/人  2 人 × 0.5 分 = 1 分" in out
    assert "    · study-1a 未扣分：条件“未邀请院领导参加学习讨论会：是”不成立；未邀请院领导参加学习讨论会 = 否" in out
    assert "    · plan-2 未扣分：条件“方案缺少的要素项数 > 0，按填报数量计”不成立；方案缺少的要素项数 = 0" in out
    assert out.count("    ✓ ") + out.count("    · ") == 27  # every rule of block A once: 学习讨论 7 + 活动方案 5 + 执行效果 15


def test_explain_unknown_subject(capsys):
    assert main(["score", str(EXAMPLE), "--explain", "教务科"]) == 1
    assert "填报文件中没有考核对象“教务科”，是否想写“教务处”？" in capsys.readouterr().err


def test_scoring_before_the_scheme_took_effect_is_refused(tmp_path, capsys):
    sub = _write(tmp_path, "subjects:\n  - {name: 教务处, block: A, facts: {study_held: true, discussion_held: true, "
                           "plan_missing_elements: 0, summary_missing_items: 0}}\n")
    assert main(["score", str(sub), "--as-of", "2009-01-01"]) == 1
    assert ("评分日期 2009-01-01 早于方案“cz-quality-season”1.0.1 的生效日期 2009-10-26：该日期没有可用的条款"
            in capsys.readouterr().err)


def test_draft_scheme_is_used_only_when_named(repo_copy, capsys):
    from support import replace_once

    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "status: 生效", "status: 草案")
    sub = repo_copy / "examples" / "cz-quality-season-2009.yaml"
    assert main(["score", str(sub), "--brief"]) == 1
    assert "考核方案“cz-quality-season”没有生效的版本（1.0.1（草案））" in capsys.readouterr().err
    assert main(["score", str(sub), "--brief", "--scheme", "cz-quality-season@1.0.1"]) == 0


def test_fact_of_the_other_block_is_refused(tmp_path, capsys):
    sub = _write(tmp_path, "subjects:\n  - name: 图书馆\n    block: B\n    facts:\n      study_held: true\n"
                           "      discussion_held: true\n      plan_missing_elements: 0\n      summary_missing_items: 0\n"
                           "      months_without_service: 2\n")
    assert main(["score", str(sub)]) == 1
    assert (f"{sub}:12:7 考核对象“图书馆”（B板块）填报了事实“months_without_service”（未开展服务性管理工作的月数），"
            "但该事实只用于A板块，B板块的考核对象不填这一项") in capsys.readouterr().err


def test_record_list_of_the_other_block_is_refused(tmp_path, capsys):
    sub = _write(tmp_path, "subjects:\n  - name: 教务处\n    block: A\n    facts: {study_held: true, discussion_held: true, "
                           "plan_missing_elements: 0, summary_missing_items: 0}\n    records:\n      class_attendance:\n"
                           "        - {class: 甲班, semester: 2009-2010-1, rates: [40, 40, 40]}\n")
    assert main(["score", str(sub)]) == 1
    assert ("考核对象“教务处”（A板块）填报了记录清单“class_attendance”（班级学生到课率检查），但它只用于B板块，"
            "A板块的考核对象不填这一项") in capsys.readouterr().err


def test_result_records_the_git_revision_of_the_scheme(capsys):
    import re
    import subprocess

    from support import ROOT

    assert main(["score", str(EXAMPLE), "--format", "json"]) == 0
    revision = json.loads(capsys.readouterr().out)["scheme"]["revision"]
    last = subprocess.run(["git", "log", "-1", "--format=%H", "--", "rules/cz-quality-season.yaml"], cwd=ROOT,
                          capture_output=True, text=True).stdout.strip()
    if not last:
        import pytest

        pytest.skip("不在 git 检出中，没有可记录的版本")
    assert re.fullmatch(r"[0-9a-f]{10}(\+未提交的修改)?", revision)
    assert revision.startswith(last[:10])


SCHEME_HINT = "评分要给按方案填写的填报文件（zhibiao new submission 方案标识 可生成骨架）"


@pytest.mark.parametrize("command, path, message", [
    ("indicators", "examples/review-2019.yaml",
     "examples/review-2019.yaml:4:1 这是复核填报文件，不是指标填报文件：请用 zhibiao review 判定复核结论"),
    ("review", "examples/indicators-2010.yaml",
     "examples/indicators-2010.yaml:3:1 这是指标填报文件，不是复核填报文件：请用 zhibiao indicators 判定指标状态"),
    ("review", "examples/cz-quality-season-2009.yaml",
     "examples/cz-quality-season-2009.yaml:4:7 这是考核填报文件，不是复核填报文件：请用 zhibiao score 评分"),
    ("score", "examples/review-2019.yaml",
     "examples/review-2019.yaml:4:1 这是复核填报文件，不是考核填报文件：请用 zhibiao review 判定复核结论"),
    ("score", "rules/cz-quality-season.yaml",
     f"rules/cz-quality-season.yaml:2:7 这是考核方案文件，不是考核填报文件：请用 zhibiao validate 校验它；{SCHEME_HINT}"),
    ("score", "standards/objectives.yaml",
     "standards/objectives.yaml:2:7 这是质量方针与质量目标文件，不是考核填报文件：请用 zhibiao validate 校验它"),
])
def test_a_file_of_another_kind_is_named_with_the_command_that_reads_it(command, path, message, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    assert main([command, path]) == 1
    out = capsys.readouterr()
    lines = out.err.strip().splitlines()
    assert lines[-1] == message and "不认识的字段" not in out.err and out.out == ""
    if command == "score":
        assert lines == [f"填报文件 {path} 有 1 处错误，未评分、未写出任何文件：", message]


def test_a_submission_without_its_kind_line_is_still_read_as_one(tmp_path, capsys):
    """Keys alone decide only when they are plain: `subjects` without `scheme` is a broken submission, not another
    kind, and gets the submission reader's own messages."""
    sub = tmp_path / "填报.yaml"
    sub.write_text("period: {start: 2009-10-15, end: 2010-01-15}\nsubjects:\n  - {name: 教务处, block: A}\n",
                   encoding="utf-8")
    assert main(["score", str(sub)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"填报文件 {sub} 有 1 处错误，未评分、未写出任何文件：",
                                                    f"{sub}:1:1 文件顶层缺少必填的键“kind”：文件种类：submission（填报）。"]


def test_a_submission_with_a_wrong_kind_is_still_a_submission(tmp_path, capsys):
    sub = _write(tmp_path, "subjects:\n  - {name: 教务处, block: A}\n")
    sub.write_text(sub.read_text(encoding="utf-8").replace("kind: submission", "kind: scheme"), encoding="utf-8")
    assert main(["score", str(sub)]) == 1
    assert f"{sub}:1:7 “kind”应为 “submission”，实际为 “scheme”" in capsys.readouterr().err
