"""The checkup bounds every scoring method of the general scheme language (issue 11), one bound function each:
bands, grades, ranks, change against the previous period, records by level, counts over measures of another
block's results; categories nested, weighted, 加分制 with a base; vetoes that set a score. The scheme is analysed
from its data (the language's own schema and semantic checks are issue 11's); numbers worked out by hand."""

from __future__ import annotations

import json
from decimal import Decimal

from zhibiao.cli import main
from zhibiao.load import load_text
from zhibiao.render.checkup import render_text
from zhibiao.validate.checkup import SchemeCheckup, check_scheme_bounds, scheme_bounds
from zhibiao.validate.checkup.interval import Interval

from lang_mini import lang
from mini import line

D = Decimal


def _i(lo: str, hi: str) -> Interval:
    return Interval(D(lo), D(hi))


def _messages(text: str) -> list[str]:
    return [str(p) for p in check_scheme_bounds(load_text(text, "rules/lang-mini.yaml"))]


def test_every_method_is_bounded():
    b = scheme_bounds(load_text(lang(), "rules/lang-mini.yaml").data)
    t, d = b.blocks
    basic, merit = t.categories
    lesson, rating, conduct = basic.children
    rules = {r.id: r for c in (lesson, rating, conduct, merit) for r in c.rules}
    assert rules["t-lesson"].points == _i("20", "40")        # 40 × 差 50 % … 优 100 %
    assert rules["t-rating"].points == _i("10", "30")        # the bands cover 0–100: some band always applies
    assert (rules["t-change"].points, rules["t-change"].gain) == (_i("0", "6"), _i("0", "6"))  # 20 steps, capped
    assert rules["t-rank"].points == _i("0", "30")           # unranked: 0
    assert lesson.score == _i("20", "40")
    assert rating.score == _i("4", "30")                     # 10 − 6 … 30 + 6, within [0, 30]
    assert conduct.score == _i("0", "30")                    # unbounded deductions, floor 0
    assert basic.score == _i("24", "100")                    # 20 + 4 + 0 … 40 + 30 + 30
    assert merit.score == _i("60", "90")                     # base 60 + rank 0 … 30
    assert t.total == _i("0", "96")                          # 60 % × 24 + 40 % × 60 = 38.4 … 96; the veto: 0
    assert d.categories[0].score == _i("0", "96")            # mean of the teachers' totals × 1
    assert _messages(lang()) == []


def test_bands_that_leave_a_gap_can_give_nothing():
    text = lang(("{below: 80, amount: 10}", "{at_least: 50, below: 80, amount: 10}"))
    rating = scheme_bounds(load_text(text, "m.yaml").data).blocks[0].categories[0].children[1]
    assert rating.rules[0].points == _i("0", "30")
    assert rating.score == _i("0", "30")


def test_bands_the_range_never_reaches_are_refused():
    text = lang(("                  - {at_least: 90, amount: 30}\n"
                 "                  - {at_least: 80, below: 90, amount: 20}\n"
                 "                  - {below: 80, amount: 10}\n", "                  - {at_least: 120, amount: 30}\n"))
    assert _messages(text) == [
        f"rules/lang-mini.yaml:{line(text, 'at_least: 120')}:19 规则“t-rating”永远不会计分：“评教分”的取值范围（0～100）落不进任何一档。"
        "请核对各档的 at_least/below，或该项的 minimum/maximum"]


def test_weights_that_allow_more_than_full_marks_are_refused():
    text = lang(("weight: 40%", "weight: 60%"))
    assert scheme_bounds(load_text(text, "m.yaml").data).blocks[0].total == _i("0", "114")
    assert _messages(text) == [
        f"rules/lang-mini.yaml:{line(text, '{id: T, name: 教师}')}:5 T板块的总分可能为 0～114 分，超出 0～100 分的范围："
        "请核对各考核类别的分值、最低分与上限"]


def test_a_category_floor_above_its_points_is_refused():
    text = lang(("        name: 规范\n        points: 30\n", "        name: 规范\n        points: 30\n        floor: 40\n"))
    assert _messages(text) == [
        f"rules/lang-mini.yaml:{line(text, 'floor: 40')}:16 考核类别“规范”（T板块）的得分最高可能为 40 分，超过本项分值 30 分："
        "类别最低分 40 分高于本项分值，扣分再多也得 40 分，总分会超过满分。请把 本类别的 floor 改为 0～30 之间的数（扣分制通常为 0）"]


def test_a_rule_the_checkup_cannot_bound_is_named_not_guessed():
    text = lang(("              - {id: t-late, text: 迟到每次扣2分。, count: late, amount: 2}\n",
                 "              - {id: t-late, text: 迟到每次扣2分。, count: late, amount: 2}\n"
                 "              - {id: t-odd, text: 按公式计分。, formula: late * 3}\n"))
    assert _messages(text) == [
        f"rules/lang-mini.yaml:{line(text, 't-odd')}:17 警告：体检尚不能推算规则“t-odd”的计分方式能给出多少分：它按无上限计入，"
        "本方案的得分范围只由类别的分值与最低分限定，未经逐条证明。请人工核对这条规则的分值与上限"]
    conduct = scheme_bounds(load_text(text, "m.yaml").data).blocks[0].categories[0].children[2]
    assert conduct.score == _i("0", "30")  # still true: the floor and the points bound it


def test_the_table_shows_sub_categories_weights_and_additions():
    bounds = scheme_bounds(load_text(lang(), "rules/lang-mini.yaml").data)
    text = render_text([SchemeCheckup("rules/lang-mini.yaml", bounds, [])], [], rules=True)
    lines = [ln.rstrip() for ln in text.splitlines()]
    assert "【教师】满分 100 分；总分最低可能 0 分，最高可能 96 分" in lines
    rows = {ln.split()[0] if not ln.startswith("　") else ln.split()[1]: ln.split()[1:] for ln in lines if ln.split()}
    assert rows["基本职责（权重"] == ["60%）", "100", "0～无上限", "30～76", "76", "24～100", "—"]
    assert rows["课堂"] == ["课堂", "40", "0～0", "20～40", "20", "20～40", "—"]
    assert rows["评教"] == ["评教", "30", "0～6", "10～36", "26", "4～30", "—"]
    assert rows["规范"] == ["规范", "30", "0～无上限", "0～0", "30", "0～30", "扣分合计无上限（迟到次数），由最低分", "0", "分限定"]
    assert rows["t-change"] == ["与上期比较", "扣", "0～6，加", "0～6", "6", "—"]
    assert rows["t-late"] == ["按数量计分", "扣", "0～无上限", "—", "无上限：迟到次数"]
    assert rows["d-team"] == ["按数量计分", "加", "0～96", "—", "—"]


def test_the_language_examples_in_the_repository_are_bounded(capsys):
    """`zhibiao check` on the repository: the two example schemes of the language, bounds worked out by hand."""
    assert main(["check", "rules/demo-teacher-annual.yaml", "rules/demo-school-teaching.yaml", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    totals = {s["id"]: {b["name"]: b["total"] for b in s["blocks"]} for s in data["schemes"]}
    assert totals["demo-teacher-annual"] == {
        "专任教师": {"min": "36", "max": "100"},   # 60 % × (差 20 + 0 + 0) + 40 % × base 60; the veto sets no score
        "系部": {"min": "18", "max": "100"},       # 0.5 × the teachers' mean (36 … 100) + 0 + 0
        "学院": {"min": "22.6", "max": "100"}}     # 0.7 × the departments' mean (18 … 100) + 0 + 20 × 差 50 %
    assert totals["demo-school-teaching"] == {"二级学院": {"min": "0", "max": "100"}}  # the veto scores 0
    quality = next(c for c in data["schemes"][1]["blocks"][0]["categories"] if c["id"] == "quality")
    assert [(c["name"], c["score"]["min"], c["score"]["max"]) for c in quality["categories"]] == [
        ("学生评教", "3", "10"), ("毕业生就业", "0", "15"), ("专业建设", "10", "20")]
