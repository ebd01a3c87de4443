"""One broken copy per failure mode, each checked against the exact Chinese message and position."""

from pathlib import Path


from zhibiao.cli import main
from zhibiao.repository import Repository

from support import line_of, replace_once


def _errors(root: Path) -> list[str]:
    problems, _ = Repository(root).validate([root / "rules"])
    return [str(p) for p in problems if p.severity == "error"]


def test_repository_passes(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "校验通过" in out
    assert "备注3“其中落实或完成不及时超过一周视为没落实或完成。”在B板块没有对应条款" in out


def test_unknown_key_suggests(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "      - id: study-1a\n            text:", "      - id: study-1a\n            txt: x\n            text:")
    line = line_of(f, "txt: x")
    errs = _errors(repo_copy)
    assert f"rules/cz-quality-season.yaml:{line}:13 “categories[0].clauses[0].rules[0]”中有未知的键“txt”，是否想写“text”？" in errs[0]


def test_wrong_type_and_enum(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "status: 生效", "status: 有效")
    replace_once(f, "    points: 10\n", "    points: 十分\n")
    errs = _errors(repo_copy)
    assert "rules/cz-quality-season.yaml:6:9 “status”的值 “有效” 不在允许范围内，是否想写“生效”？（可选：草案、生效、废止）" in errs
    line = line_of(f, "points: 十分")
    assert f"rules/cz-quality-season.yaml:{line}:13 “categories[0].points”应为数字，实际为文字“十分”" in errs


def test_undeclared_fact(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "count: absent_members", "count: absent_member")
    line = line_of(f, "count: absent_member")
    errs = _errors(repo_copy)
    assert errs == [f"rules/cz-quality-season.yaml:{line}:20 规则“study-2”按数量扣分所用的事实“absent_member”未在 facts 中声明，是否想写“absent_members”？"]


def test_category_points_must_add_up(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "    points: 20\n", "    points: 25\n")
    errs = _errors(repo_copy)
    assert any("A板块各考核类别分值合计 105 分，与满分 100 分不一致" in e for e in errs)
    assert any("B板块各考核类别分值合计 105 分，与满分 100 分不一致" in e for e in errs)


def test_note_pointing_to_another_block(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "        applies_to: []\n        unmatched:", "        applies_to: [a-exec-11a]\n        unmatched:")
    line = line_of(f, "applies_to: [a-exec-11a]")
    errs = _errors(repo_copy)
    assert errs == [f"rules/cz-quality-season.yaml:{line}:22 备注3引用的条款“a-exec-11a”在考核类别“执行效果”（B板块）中不存在（该条款属于A板块）"]


def test_unknown_unit(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "unit: 人\n", "unit: 名\n")
    line = line_of(f, "unit: 名")
    assert _errors(repo_copy) == [
        f"rules/cz-quality-season.yaml:{line}:11 “facts[5].unit”的值 “名” 不在允许范围内"
        "（可选：人、次、项、月、件次、人次、人次学期、条目、项次、分、天、%、比例、个）"]


def test_duplicate_rule_id(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    first = line_of(f, "id: plan-1\n".strip())
    replace_once(f, "id: plan-2\n", "id: plan-1\n")
    errs = _errors(repo_copy)
    assert any(f"规则标识“plan-1”重复（第 {first} 行已使用）" in e for e in errs), errs


def test_version_must_match_last_revision(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "version: 1.0.1\nstatus", "version: 1.0.2\nstatus")
    errs = _errors(repo_copy)
    assert any("最后一条修订记录的版本 1.0.1 与文件版本 1.0.2 不一致" in e for e in errs)


def test_missing_schema_line(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    text = f.read_text(encoding="utf-8").split("\n", 1)[1]
    f.write_text(text, encoding="utf-8")
    errs = _errors(repo_copy)
    assert errs[0].startswith("rules/cz-quality-season.yaml:1:1 第一行应为模式声明“# yaml-language-server: $schema=…/schemas/scheme.schema.json”")


def test_cli_fails_with_position(repo_copy, capsys):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "amount: 0.5\n", "amount: -0.5\n")
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    line = line_of(f, "amount: -0.5")
    assert f"rules/cz-quality-season.yaml:{line}:21" in err
    assert f"校验未通过：{len(list((repo_copy / 'rules').glob('*.yaml')))} 个文件，" in err


def test_every_repo_yaml_declares_its_schema():
    """Every YAML file git tracks starts with the schema line editors use for completion."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    files = subprocess.run(["git", "ls-files", "*.yaml", "*.yml"], cwd=root, capture_output=True, text=True,
                           check=True).stdout.split()
    assert len(files) >= 20
    missing = [f for f in files if not (root / f).read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")]
    assert missing == []


def test_examples_validate_against_their_schemes(capsys):
    assert main(["validate", "examples"]) == 0
    count = len(list((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml")))
    assert f"校验通过：{count} 个文件，0 个错误" in capsys.readouterr().out


def test_submission_checked_against_its_scheme(tmp_path, capsys):
    root = Path(__file__).resolve().parents[1]
    bad = tmp_path / "填报.yaml"
    text = (root / "examples" / "cz-quality-season-2009.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("absent_members: 3\n", "absent_members: -3\n", 1), encoding="utf-8")
    line = line_of(bad, "absent_members: -3")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:{line}:23 考核对象“保卫处”的事实“absent_members”（本部门缺席人数）不能小于 0，不能为负数，实际为 -3" in err
