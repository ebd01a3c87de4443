"""One broken copy per failure mode: exact Chinese message at file:line:column; the real files pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhibiao.errors import errors_only
from zhibiao.repository import Repository

from std_helpers import break_file


def errors(root: Path) -> list[str]:
    problems, _ = Repository(root).validate([root / "standards"])
    return [str(p) for p in errors_only(problems)]


def test_repository_standards_pass(std_copy):
    problems, count = Repository(std_copy).validate([std_copy / "standards"])
    assert errors_only(problems) == []
    assert count == 21


def test_element_without_points(std_copy):
    text = (std_copy / "standards/diagnosis-table.yaml").read_text(encoding="utf-8")
    start = text.index("        points:\n          - name: 质量保证制度")
    end = text.index("          - name: 执行与改进")
    cut = text[start:end]
    path, line, _ = break_file(std_copy, "standards/diagnosis-table.yaml", cut + text[end:text.index("      - code: \"1.4\"")],
                               "        points: []\n")
    assert errors(std_copy) == [f"{path}:{line}:17 诊断要素“1.3 制度构架”没有诊断点（每个诊断要素至少一个诊断点）"]


def test_element_code_outside_its_item(std_copy):
    path, line, col = break_file(std_copy, "standards/diagnosis-table.yaml", 'code: "2.2"', 'code: "3.9"')
    assert errors(std_copy) == [
        # the declared review elements name 2.2 too: renumbering a table element is visible where it is used
        "standards/diagnosis-elements.yaml:72:17 诊断要素“专业诊改”的编号“2.2”不在诊断项目表“sxqg-diagnosis-table”中"
        "（可选：1.1、1.2、1.3、1.4、2.1、3.9、2.3、3.1、3.2、4.1、4.2、5.1、5.2、5.3）",
        f"{path}:{line}:{col + 6} 诊断要素编号“3.9”与所属诊断项目“2 专业质量保证”不符（应以“2.”开头）"]


def test_system_member_missing_from_catalog(std_copy):
    path, line, col = break_file(std_copy, "standards/system-map.yaml", "总务处, 保卫处]", "总务处, 保安处]")
    assert errors(std_copy) == [f"{path}:{line}:{col + 5} 支持服务系统中的部门“保安处”不在部门目录（departments）中"]


def test_department_in_two_systems(std_copy):
    path, line, col = break_file(std_copy, "standards/system-map.yaml", "[审计处, 纪检监察室", "[审计处, 总务处")
    assert errors(std_copy) == [f"{path}:{line}:{col + 6} 部门“总务处”同时归属支持服务系统和监督控制系统"]


def test_participant_missing_from_catalog(std_copy):
    path, line, col = break_file(std_copy, "standards/catalog/quality-culture.yaml", "[党委办公室, 组织部, 思政部", "[党委办公室, 组织部, 思政处")
    assert errors(std_copy) == [f"{path}:{line}:{col + 13} 参与部门“思政处”不在部门目录中"]


def test_refines_unknown_standard(std_copy):
    path, line, col = break_file(std_copy, "standards/catalog/student.yaml", "refines: [std.student.college-qualified]",
                                 "refines: [std.student.college-qualify]")
    assert errors(std_copy) == [
        f"{path}:{line}:{col + 10} refines 引用的标准“std.student.college-qualify”不存在（标准库中没有这个标识）"]


def test_standard_chain_points_to_missing_standard(std_copy):
    path, line, col = break_file(std_copy, "standards/improvement-spiral.yaml", "standards: [std.program.teaching]",
                                 "standards: [std.program.teachin]")
    assert errors(std_copy) == [
        f"{path}:{line}:{col + 12} standards 引用的标准“std.program.teachin”不存在（标准库中没有这个标识）"]


def test_duplicate_standard_id_across_files(std_copy):
    path, line, col = break_file(std_copy, "standards/catalog/special.yaml", "{id: std.special.post,", "{id: std.logistics.repair,")
    found = errors(std_copy)
    assert f"{path}:{line}:{col + 5} 标准标识“std.logistics.repair”与其他标准文件中的标识重复" in found


def test_abnormal_combination_must_be_any_or_all(std_copy):
    path, _, _ = break_file(std_copy, "standards/review-procedure.yaml", "    value: any\n", "    value: either\n")
    text = (std_copy / path).read_text(encoding="utf-8")
    line = text[:text.index("combination: {param: abnormal_combination}")].count("\n") + 1
    assert errors(std_copy) == [
        f"{path}:{line}:18 结论“异常”的条件组合方式应为 all（全部成立）或 any（任一成立），实际为“either”"]


def test_conclusion_condition_value_must_be_a_measures_label(std_copy):
    path, line, col = break_file(std_copy, "standards/review-procedure.yaml", "- {measures: 针对性不强、力度不够}",
                                 "- {measures: 针对性不强}")
    assert errors(std_copy) == [
        f"{path}:{line}:{col + 2} 结论“异常”的条件中“改进措施”的取值“针对性不强”不在可选值中（针对性强、切实可行、成效明显、针对性不强、力度不够、一般）"]


def test_warning_must_lie_between_standard_and_target(std_copy):
    path, line, col = break_file(std_copy, "standards/objectives.yaml", "    standard: 85\n",
                                 "    standard: 85\n    warning: 80\n")
    assert errors(std_copy) == [f"{path}:{line + 1}:14 指标“顾客满意度”（越高越好）应满足 标准值 ≤ 预警值，实际 标准值 85、预警值 80"]


def test_roadmap_end_before_start(std_copy):
    path, line, col = break_file(std_copy, "standards/iso9001-roadmap.yaml", "end: 2015-11-30", "end: 2015-08-31")
    assert errors(std_copy) == [f"{path}:{line}:{col + 5} “酝酿准备阶段”的结束日期 2015-08-31 早于开始日期 2015-09-01"]


def test_schema_failure_names_the_spot(std_copy):
    path, line, col = break_file(std_copy, "standards/organization.yaml", "status: 生效", "status: 有效")
    found = errors(std_copy)
    assert len(found) == 1 and found[0].startswith(f"{path}:{line}:{col + 8} ")
    assert "有效" in found[0]
