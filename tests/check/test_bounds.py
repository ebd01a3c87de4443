"""The checkup's bounds: every category and total over all possible submissions, refused when they leave what the
scheme promises — each case with its exact Chinese message and position."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.cli import main
from zhibiao.errors import ValidationError
from zhibiao.load import load_text
from zhibiao.repository import Repository
from zhibiao.validate.checkup import scheme_bounds
from zhibiao.validate.checkup.interval import INF, Interval

from mini import MINI, at, changed, checkup_messages, line, messages, problems, repo_with
from support import EXAMPLE, line_of, replace_once

D = Decimal


def test_the_repository_scheme_stays_within_its_marks(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "郴州职业技术学院“质量管理季”活动考核方案（cz-quality-season 1.0.1）  rules/cz-quality-season.yaml" in out
    assert "【A板块】满分 100 分；总分最低可能 0 分，最高可能 100 分" in out
    assert "【B板块】满分 100 分；总分最低可能 0 分，最高可能 100 分" in out
    assert "扣分合计无上限（本部门缺席人数），由最低分 0 分限定" in out
    assert main(["check", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    scheme = next(s for s in data["schemes"] if s.get("id") == "cz-quality-season")
    a = scheme["blocks"][0]
    assert a["total"] == {"min": "0", "max": "100"}
    study = a["categories"][0]
    assert (study["name"], study["points"], study["deducted"], study["most_deducted"], study["score"]) == \
        ("学习讨论", "10", {"min": "0", "max": None}, "10", {"min": "0", "max": "10"})
    rules = {r["id"]: r for r in study["rules"]}
    assert rules["study-3b"]["points"] == {"min": "0", "max": "10"}
    assert rules["study-2"]["points"] == {"min": "0", "max": None}
    assert rules["study-2"]["unbounded_by"] == "本部门缺席人数"
    plan = {r["id"]: r for r in a["categories"][1]["rules"]}
    assert plan["plan-2"]["points"] == {"min": "0", "max": "4"}  # plan_missing_elements is declared 0–4


def test_bounds_of_a_small_scheme():
    b = scheme_bounds(load_text(MINI, "rules/mini.yaml").data)
    [x] = b.blocks
    study, work = x.categories
    assert (study.deducted, study.score, study.most_deducted) == (Interval(D(0), D(23)), Interval(D(0), D(10)), D(10))
    assert (work.deducted, work.score) == (Interval(D(0), INF), Interval(D(0), D(20)))
    assert x.total == Interval(D(0), D(30))
    points = {r.id: r.points for r in study.rules}
    assert points == {"s-absent": Interval(D(0), D(8)), "s-none": Interval(D(0), D(10)),
                      "s-nodisc": Interval(D(0), D(5))}
    assert work.unbounded_by == ["迟交次数"]


def test_a_floor_above_the_points_is_refused_and_nothing_is_scored(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "category_floor: 0", "category_floor: 50")
    lines = f.read_text(encoding="utf-8").splitlines()
    study, plan = lines.index("  - id: study") + 1, lines.index("  - id: plan") + 1
    expected = [  # the scheme language's own check (issue 11) refuses it before the checkup runs
        f"rules/cz-quality-season.yaml:{study}:5 考核类别“学习讨论”的最低分 50 分高于本项分值 10 分",
        f"rules/cz-quality-season.yaml:{plan}:5 考核类别“活动方案”的最低分 50 分高于本项分值 20 分"]
    assert messages(repo_copy, "error") == expected
    with pytest.raises(ValidationError) as exc:
        api.score(repo_copy / "examples" / EXAMPLE.name, repository=Repository(repo_copy, history=None))
    assert [str(p) for p in exc.value.problems] == expected
    out = repo_copy / "结果.json"
    assert main(["score", str(repo_copy / "examples" / EXAMPLE.name), "-f", "json", "-o", str(out)]) == 1
    assert not out.exists()


def test_a_negative_floor_is_refused_where_deductions_can_reach_it(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "category_floor: 0", "category_floor: -20")
    n = line_of(f, "category_floor: -20")
    errors = messages(repo_copy, "error")
    assert len(errors) == 4  # 学习讨论, 活动方案, and the two 执行效果 (A and B)
    assert errors[0] == (f"rules/cz-quality-season.yaml:{n}:19 考核类别“学习讨论”（A、B板块）的得分最低可能为 -20 分，低于 0 分："
                         "扣分合计无上限，超过本项分值 10 分的部分只截到最低分 -20 分。"
                         "请把 category_floor 改为 0（扣完为止），或给扣分规则加上限（cap）")


def test_caps_decide_whether_a_total_can_fall_below_zero(tmp_path):
    floor = ("category_floor: 0", "category_floor: -5")
    text = changed(floor, ("count: late, amount: 2}", "count: late, amount: 2, cap: 20}"))
    n = line(text, "category_floor")
    assert messages(repo_with(tmp_path, text), "error") == [
        f"rules/mini.yaml:{n}:19 考核类别“学习”（X板块）的得分最低可能为 -5 分，低于 0 分：扣分合计最多 23 分，"
        "超过本项分值 10 分的部分只截到最低分 -5 分。请把 category_floor 改为 0（扣完为止），或给扣分规则加上限（cap）"]
    # without the cap on 迟交, 工作 can fall to the floor as well
    assert len(messages(repo_with(tmp_path, changed(floor)), "error")) == 2
    # caps that keep every category within its points make the negative floor unreachable: accepted
    bounded = changed(floor, ("count: late, amount: 2}", "count: late, amount: 2, cap: 20}"),
                      ("amount: 1, cap: 8}", "amount: 1, cap: 3}"), ("when: {held: false}, amount: 10}",
                                                                       "when: {held: false}, amount: 2}"))
    assert messages(repo_with(tmp_path, bounded), "error") == []
    assert scheme_bounds(load_text(bounded, "m.yaml").data).blocks[0].total == Interval(D(0), D(30))


def test_a_bound_that_breaks_only_from_a_later_date_names_the_date(tmp_path):
    text = changed(("category_floor: 0", "category_floor: -5"),
                   ("count: late, amount: 2}", "count: late, amount: 2, cap: 20}"),
                   ("amount: 1, cap: 8}", "amount: 1, cap: 3}"),
                   ("when: {held: false}, amount: 10}",
                    "when: {held: false}, amount: [{from: 2024-01-01, value: 2}, {from: 2025-09-01, value: 9}]}"))
    n = line(text, "category_floor")
    assert messages(repo_with(tmp_path, text), "error") == [
        f"rules/mini.yaml:{n}:19 考核类别“学习”（X板块）的得分最低可能为 -5 分，低于 0 分（自 2025-09-01 起）：扣分合计最多 17 分，"
        "超过本项分值 10 分的部分只截到最低分 -5 分。请把 category_floor 改为 0（扣完为止），或给扣分规则加上限（cap）"]
    b = scheme_bounds(load_text(text, "m.yaml").data)
    assert b.dates == [__import__("datetime").date(2024, 1, 1), __import__("datetime").date(2025, 9, 1)]
    assert b.blocks[0].categories[0].score == Interval(D(-5), D(10))  # the union over both periods


def test_an_enormous_amount_is_refused_when_read(repo_copy):
    f = repo_copy / "rules" / "cz-quality-season.yaml"
    replace_once(f, "            when: {study_held: false}\n            amount: 10",
                 "            when: {study_held: false}\n            amount: 1e29")
    n = line_of(f, "amount: 1e29")
    assert messages(repo_copy) == [
        f"rules/cz-quality-season.yaml:{n}:21 数字“1e29”超出可处理的范围：最多 15 位有效数字，整数部分最多 15 位，小数最多 30 位"]


def test_caps_that_contradict_their_rule_or_category_are_warned(tmp_path):
    text = changed(("when: {held: false}, amount: 10}", "when: {held: false}, amount: 10, cap: 4}"),
                   ("amount: 1, cap: 8}", "amount: 1, cap: 30}"))
    root = repo_with(tmp_path, text)
    assert checkup_messages(root, "warning") == [
        f"rules/mini.yaml:{at(text, 's-absent', 'cap')} 警告：规则“s-absent”最多只会扣 20 分，上限 30 分永远达不到，"
        "不起作用：请核对 cap，或删去它",
        f"rules/mini.yaml:{at(text, 's-none', 'cap')} 警告：规则“s-none”的上限 4 分小于每次的分值 10 分："
        "第一次扣分就会被截去一部分。请核对 cap 与 amount 是否写反"]
    text = changed(("count: late, amount: 2}", "count: late, amount: 2, cap: 25}"))
    assert checkup_messages(repo_with(tmp_path, text), "warning") == [
        f"rules/mini.yaml:{at(text, 'w-late', 'cap')} 警告：规则“w-late”的上限 25 分超过考核类别“工作”最多可扣的 20 分"
        "（分值 20 分，最低 0 分）：类别最低分先起作用，上限不起作用。请核对 cap"]


def test_the_site_shows_the_bounds_next_to_the_points():
    from zhibiao.site import schemes as page  # the scheme page renderer (site stage)

    scheme = api.open_repository().scheme("cz-quality-season")
    section = page._scoring_section(scheme)
    assert "- 体检：A板块最高可能得分 100 分，最低可能得分 0 分（满分 100 分）。" in section
    assert "- 体检：B板块最高可能得分 100 分，最低可能得分 0 分（满分 100 分）。" in section
    table = page.scheme_table(scheme)
    assert ('rowspan="7">10分<span class="zb-machine" title="扣分合计无上限（本部门缺席人数），由最低分 0 分限定">'
            "最多扣 10 分</span>") in table


def test_check_exits_non_zero_on_errors_and_still_shows_the_bounds(tmp_path, capsys):
    root = repo_with(tmp_path, changed(("category_floor: 0", "category_floor: -5")))
    assert main(["--repo", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert "体检：2 个错误，0 个警告" in out
    assert "【X板块】满分 30 分；总分最低可能 -10 分，最高可能 30 分" in out
    assert "考核类别“学习”（X板块）的得分最低可能为 -5 分，低于 0 分" in out


def test_the_checkup_is_part_of_validate_for_every_problem_kind(tmp_path):
    """Findings are Problems like any other: code, location, pointer, severity."""
    text = changed(("category_floor: 0", "category_floor: -5"), ("count: late, amount: 2}", "count: late, amount: 2, cap: 20}"))
    [p] = problems(repo_with(tmp_path, text))
    assert (p.code, p.pointer, p.location.line, p.severity) == \
        ("checkup.category-below-zero", "scoring.category_floor", line(text, "category_floor"), "error")
    assert p.to_dict()["message"].startswith("考核类别“学习”（X板块）的得分最低可能为 -5 分")


def test_mini_scheme_itself_is_clean(tmp_path: Path):
    assert messages(repo_with(tmp_path)) == []
