"""Terminal tables fit a 100-column terminal: wide cells wrap (at 、，； when possible) instead of making every row
fold; the review table names the consequences and lists their measures in full below."""

from __future__ import annotations

from zhibiao import api
from zhibiao.render.output import table, width, wrap
from zhibiao.render.standards import INDICATORS, REVIEW

from support import ROOT


def test_review_and_indicator_tables_fit_100_columns():
    repo = api.open_repository(ROOT)
    review = REVIEW["table"](api.review(ROOT / "examples" / "review-2019.yaml", repository=repo))
    head = review.split("\n\n", 1)[0].splitlines()
    assert max(width(line) for line in head) <= 100
    assert head[0].split() == ["院校", "复核日期", "相符项数", "改进措施", "上次结论", "复核结论", "后果", "可重新申请复核"]
    assert head[2].split()[:7] == ["甲职业技术学院", "2019-05-20", "12/15", "针对性强、", "无", "有效", "倾斜支持"]
    assert "  后果（限制措施）：削减招生计划" in review  # the measures in full, under the college
    indicators = INDICATORS["table"](api.indicators(ROOT / "examples" / "indicators-2010.yaml", repository=repo))
    assert max(width(line) for line in indicators.splitlines()) <= 100


def test_wrapping_breaks_after_chinese_punctuation_and_keeps_every_character():
    text = "削减招生计划、暂停备案新专业、限制项目申报；改进期1年"
    lines = wrap(text, 16)
    assert lines == ["削减招生计划、", "暂停备案新专业、", "限制项目申报；", "改进期1年"]
    assert "".join(lines) == text
    assert table(["甲", "乙"], [["短", "很长" * 30]], max_width=40).count("\n") > 2
