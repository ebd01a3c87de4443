"""Cycles in every reference graph are refused by `validate`, once, at the reference that closes them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zhibiao.cli import main
from zhibiao.repository import Repository

from support import line_of, replace_once

ROOT = Path(__file__).resolve().parents[2]
COURSE = "standards/catalog/course.yaml"


@pytest.fixture
def standards(tmp_path: Path) -> Path:
    for name in ("standards", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def _errors(root: Path) -> list[str]:
    return [str(p) for p in Repository(root, history=None).validate([root / "standards"])[0] if p.severity == "error"]


def _col(path: Path, needle: str, key: str) -> int:
    text = path.read_text(encoding="utf-8").splitlines()[line_of(path, needle) - 1]
    return text.index(key + ": ") + len(key) + 3


def test_a_next_chain_that_loops(standards):
    f = standards / COURSE
    replace_once(f, "refines: [std.course.classification], source: {file: 001_eeafa781316cf98f.txt, section: 表6 课程分类建设标准}}\n"
                    "  - {id: std.course.provincial",
                 "refines: [std.course.classification], next: std.course.general, source: {file: 001_eeafa781316cf98f.txt, "
                 "section: 表6 课程分类建设标准}}\n  - {id: std.course.provincial")
    # reported once, at the reference leaving the cycle's first standard (in id order)
    n = line_of(f, "id: std.course.college,")
    assert _errors(standards) == [
        f"{COURSE}:{n}:{_col(f, 'id: std.course.college,', 'next')} 标准的进阶关系（next）形成循环："
        "std.course.college → std.course.provincial → std.course.national → std.course.general → std.course.college。"
        "进阶只能一级一级向上，不能回到已经走过的标准"]


def test_a_standard_that_refines_itself(standards):
    f = standards / COURSE
    replace_once(f, "    refines: [std.course.new-classroom]\n", "    refines: [std.course.new-classroom-teaching]\n")
    n = line_of(f, "refines: [std.course.new-classroom-teaching]")
    assert _errors(standards) == [
        f"{COURSE}:{n}:15 标准的细化关系（refines）形成循环：std.course.new-classroom-teaching → "
        "std.course.new-classroom-teaching。细化只能从下级指向上级标准，不能回到自己"]


def test_two_standards_refining_each_other(standards):
    f = standards / COURSE
    replace_once(f, "    text: 主要针对互联网+教学环境下",
                 "    refines: [std.course.new-classroom-environment]\n    text: 主要针对互联网+教学环境下")
    n = line_of(f, "refines: [std.course.new-classroom-environment]")
    assert _errors(standards) == [
        f"{COURSE}:{n}:15 标准的细化关系（refines）形成循环：std.course.new-classroom → "
        "std.course.new-classroom-environment → std.course.new-classroom。细化只能从下级指向上级标准，不能回到自己"]


def test_a_cycle_across_two_files_is_reported_once(standards):
    """program.yaml's brand standard refines a course standard that refines it back."""
    replace_once(standards / COURSE, "    text: 主要针对互联网+教学环境下", "    refines: [std.program.brand]\n    text: 主要针对互联网+教学环境下")
    prog = standards / "standards/catalog/program.yaml"
    replace_once(prog, "    refines: [std.program.classification]\n", "    refines: [std.course.new-classroom]\n")
    errors = _errors(standards)
    assert len(errors) == 1
    assert "标准的细化关系（refines）形成循环：std.course.new-classroom → std.program.brand → std.course.new-classroom。" in errors[0]
    assert errors[0].startswith(f"{COURSE}:")
    assert f"（环上的其他引用：standards/catalog/program.yaml:{line_of(prog, 'refines: [std.course.new-classroom]')}:" in errors[0]


def test_a_cycle_in_the_goal_chain(standards):
    f = standards / "standards/improvement-spiral.yaml"
    replace_once(f, "refines: goal.college}", "refines: goal.unit-plan}")
    n = line_of(f, "refines: goal.unit-plan}")
    assert _errors(standards) == [
        f"standards/improvement-spiral.yaml:{n}:{_col(f, 'id: goal.sub-plan', 'refines')} 目标链的细化关系（refines）形成循环："
        "goal.sub-plan → goal.unit-plan → goal.sub-plan。下级目标细化上级目标，不能回到自己"]


def test_a_body_reporting_to_its_own_office(standards, capsys):
    f = standards / "standards/organization.yaml"
    replace_once(f, "  - id: leading-group\n", "  - id: leading-group\n    reports_to: leading-group-office\n")
    n = line_of(f, "reports_to: leading-group-office")
    expected = (f"standards/organization.yaml:{n}:17 机构的隶属关系（reports_to）形成循环：leading-group → leading-group-office → "
                "leading-group。机构只能向上级负责，最高一级不写 reports_to")
    assert _errors(standards) == [expected]
    assert main(["--repo", str(standards), "validate", str(standards / "standards")]) == 1
    assert expected in capsys.readouterr().err


def test_the_repository_has_no_cycles():
    assert [p for p in Repository(ROOT, history=None).validate()[0] if p.code == "checkup.cycle"] == []
