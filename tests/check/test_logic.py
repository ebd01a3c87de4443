"""The checkup reads rules as logic (like a DMN table analysis): rules that can never apply, alternatives of one
clause that would both deduct, one rule shadowed by another, the same quantity counted twice, and size
comparisons on numbers without a declared range."""

from __future__ import annotations

from zhibiao.load import load_text
from zhibiao.validate.scheme import check_scheme

from mini import at, changed, line, messages, problems, repo_with
from support import line_of, replace_once

ABSENT_CLAUSE = ("          - {id: s-absent, text: 缺席每人扣1分，最多扣8分。, count: absent, amount: 1, cap: 8}\n",
                 "          - {id: s-absent, text: 缺席每人扣1分，最多扣8分。, count: absent, amount: 1, cap: 8}\n"
                 "          - {id: s-few, text: 缺席3至5人扣2分, when: {absent: {gte: 3, lte: 5}}, amount: 2}\n"
                 "          - {id: s-many, text: 缺席5人以上扣5分, when: {absent: {gte: 5}}, amount: 5}\n")


def test_a_shadowed_rule_is_warned(tmp_path):
    text = changed(("when: {held: true, discussed: false}", "when: {held: false, discussed: false}"))
    assert messages(repo_with(tmp_path, text)) == [
        f"rules/mini.yaml:{at(text, 's-nodisc', 'when')} 警告：规则“s-nodisc”被同一条款的规则“s-none”覆盖："
        "条件“是否开展学习：否 且 是否开展讨论：否”成立时，“s-none”的条件“是否开展学习：否”必然也成立，两条都会扣分。"
        "若原文是互斥的几种情形，请在“s-none”的条件中排除“s-nodisc”的情形；若确应同时扣分，请在其中一条的 decision 中"
        "写明另一条的标识"]


def test_alternatives_that_can_both_hold_are_warned_with_an_example(tmp_path):
    text = changed(ABSENT_CLAUSE)
    assert messages(repo_with(tmp_path, text)) == [
        f"rules/mini.yaml:{at(text, 's-many', 'when')} 警告：同一条款的规则“s-many”与“s-few”可能同时成立"
        "（例如考核对象缺席人数为5），会重复扣分。若原文是互斥的几种情形，请让两条的条件互相排除；"
        "若确应同时扣分，请在其中一条的 decision 中写明另一条的标识"]
    exclusive = changed(ABSENT_CLAUSE, ("{absent: {gte: 3, lte: 5}}", "{absent: {gte: 3, lt: 5}}"))
    assert messages(repo_with(tmp_path, exclusive)) == []


def test_a_pair_acknowledged_in_a_decision_is_not_warned(tmp_path):
    text = changed(ABSENT_CLAUSE, ("amount: 5}\n", "amount: 5, decision: 与 s-few 叠加扣分（原文如此）。}\n"))
    assert messages(repo_with(tmp_path, text)) == []


def test_independent_deductions_of_one_clause_are_not_alternatives(repo_copy):
    """002 学习讨论第1条: 没有邀请院领导 and 未通知考核小组成员 test different facts and both deduct."""
    assert [p for p in problems(repo_copy) if p.code in ("checkup.overlap", "checkup.shadowed")] == []


def test_a_contradictory_condition_is_refused(tmp_path):
    text = changed(("when: {held: true, discussed: false}", "when: {held: true, all: [{held: false}]}"))
    assert messages(repo_with(tmp_path, text), "error") == [
        f"rules/mini.yaml:{at(text, 's-nodisc', 'when')} 规则“s-nodisc”永远不会扣分：条件“是否开展学习：是 且 是否开展学习：否”"
        "自相矛盾，没有任何填报能使它成立。请核对条件中的数值与比较符号"]


def test_a_condition_outside_the_declared_range_is_refused(tmp_path):
    text = changed(("when: {held: true, discussed: false}", "when: {absent: {gt: 20}}"))
    assert messages(repo_with(tmp_path, text), "error") == [
        f"rules/mini.yaml:{at(text, 's-nodisc', 'when')} 规则“s-nodisc”永远不会扣分：条件“缺席人数 > 20”超出了声明的取值范围"
        "（缺席人数（absent）为 0～20）。请核对条件中的数值，或事实、字段的 minimum/maximum"]


def test_a_record_condition_outside_the_field_range_is_refused(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "where: {satisfaction: {lt: {param: satisfaction_threshold}}}", "where: {satisfaction: {gt: 100}}")
    n = line_of(f, "where: {satisfaction: {gt: 100}}")
    assert [str(p) for p in problems(repo_copy) if p.severity == "error"] == [
        f"rules/cz-quality-season.yaml:{n}:20 规则“a-exec-6”永远不会扣分：条件“学生评价满意度 > 100”超出了声明的取值范围"
        "（学生评价满意度（satisfaction）为 0～100）。请核对条件中的数值，或事实、字段的 minimum/maximum"]


def test_a_threshold_parameter_outside_the_range_is_refused(repo_copy):
    """The condition reads a parameter: its value on each date is what the checkup tests."""
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "      - {from: 2009-10-26, value: 60}", "      - {from: 2009-10-26, value: 0}")
    errors = [str(p) for p in problems(repo_copy) if p.severity == "error"]
    assert len(errors) == 2  # a-exec-6 and b-exec-6: “满意度 < 0” can never hold
    assert "规则“a-exec-6”永远不会扣分：条件“学生评价满意度 < 0”超出了声明的取值范围（学生评价满意度（satisfaction）为 0～100）" in errors[0]


def test_a_count_over_a_fact_that_cannot_be_positive_is_refused(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "    minimum: 0\n    maximum: 4\n", "    minimum: 0\n    maximum: 0\n")
    n = line_of(f, "count: plan_missing_elements")
    assert [str(p) for p in problems(repo_copy) if p.severity == "error"] == [
        f"rules/cz-quality-season.yaml:{n}:20 规则“plan-2”永远不会扣分：它按事实“方案缺少的要素项数”的数量扣分"
        "（数量大于 0 时才扣），但该事实的最大值为 0。请核对事实的 maximum"]


def test_a_size_comparison_on_a_number_without_a_range_is_warned(tmp_path):
    text = changed(("  - {id: late, name: 迟交次数, type: integer, minimum: 0, default: 0, description: 迟交次数。}\n",
                    "  - {id: late, name: 迟交次数, type: integer, minimum: 0, default: 0, description: 迟交次数。}\n"
                    "  - {id: rate, name: 满意率, type: decimal, description: 满意率（%）。}\n"),
                   ("when: {held: true, discussed: false}", "when: {held: true, rate: {lt: 60}}"))
    n = line(text, "s-nodisc")
    col = text.splitlines()[n - 1].index("rate: {") + 1
    assert [str(p) for p in problems(repo_with(tmp_path, text)) if p.code == "checkup.unranged"] == [
        f"rules/mini.yaml:{n}:{col} 警告：规则“s-nodisc”的条件对事实“rate”（满意率）作大小比较，但它没有声明取值范围："
        "体检无法判断条件能否成立、会扣多少分。请在它的声明中补上 minimum 和 maximum"]


def test_the_same_quantity_counted_twice_is_warned(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "count: missing_duties", "count: vague_items")
    n = line_of(f, "id: plan-3")
    warnings = [str(p) for p in problems(repo_copy) if p.code == "checkup.double-count"]
    assert warnings == [
        f"rules/cz-quality-season.yaml:{n + 2}:20 警告：规则“plan-3”与“plan-1”都按事实“vague_items”（内容和标准不具体的实施条目数）"
        "的数量扣分，A板块的同一数量会被扣两次。若确应扣两次，请在其中一条的 decision 中写明另一条的标识"]


def test_a_rule_with_both_count_and_each_is_refused(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "count: absent_members\n", "count: absent_members\n            each: teacher_evaluations\n")
    n = line_of(f, "id: study-2")
    assert [str(p) for p in problems(repo_copy) if p.severity == "error"] == [
        f"rules/cz-quality-season.yaml:{n + 3}:13 规则“study-2”同时写了 count、each，只能选一种计分方式"]


def test_the_semantic_check_refuses_two_forms_without_crashing():
    """Even a document that skipped the schema (a caller's own Document) gets a located message, not a KeyError."""
    text = changed(("count: absent, amount: 1, cap: 8}", "count: absent, each: notes, amount: 1, cap: 8}"))
    doc = load_text(text, "rules/mini.yaml")
    n = line(text, "s-absent")
    col = text.splitlines()[n - 1].index("each:") + 1
    assert [str(p) for p in check_scheme(doc) if p.severity == "error"] == [
        f"rules/mini.yaml:{n}:{col} 规则“s-absent”同时写了 count、each，只能选一种计分方式"]
