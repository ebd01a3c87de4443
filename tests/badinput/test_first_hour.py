"""The first hour: a submission written by a quality-office member from the site's 填报口径 page alone (facts by
their ids, 是/否 as the page says, records one per item) validates and scores the first time, by hand:

    学习讨论 10 − 缺席 3 人 × 0.5 − 讨论无实质内容 5                 = 3.5
    活动方案 20 − 不具体条目 2 × 0.1 − 缺一项要素 1                 = 18.8
    执行效果 70 − 1 个月未服务 0.2 − 张老师满意度 58.5 < 60 记 1
                − 迎评材料延误 5 天 0.5 − 期末考试安排未完成 1       = 67.3
    总分 89.6

It covers one department only: scoring says so (a warning naming the 13 others of the A list and the B block) and
the award is marked as compared among the submitted subjects only.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.cli.main import main
from zhibiao.site.facts import render_facts

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# Written as the page says, so without the editor's schema line (the repository's own YAML files all carry one,
# tests/test_validate.py checks that: this one is therefore kept here and written to a temporary file).
FIRST_HOUR = """\
# 教务处 2009 年质量管理季填报（照填报口径页写）
kind: submission
scheme: cz-quality-season
college: 郴州职业技术学院
period:
  name: 2009年质量管理季
  start: 2009-10-15
  end: 2010-01-15
subjects:
  - name: 教务处
    block: A
    facts:
      study_held: 是
      discussion_held: 是
      discussion_substantive: 否
      plan_missing_elements: 1
      summary_missing_items: 0
      absent_members: 3
      vague_items: 2
      months_without_service: 1
    records:
      temporary_tasks:
        - task: 迎评促建材料整理
          completed: 是
          delay_days: 5
        - task: 期末考试安排
          completed: 否
          delay_days: 0
      teacher_evaluations:
        - teacher: 张老师
          semester: 2009秋
          satisfaction: 58.5
"""


@pytest.fixture
def first_hour(tmp_path: Path) -> Path:
    path = tmp_path / "first-hour.yaml"
    path.write_text(FIRST_HOUR, encoding="utf-8")
    return path


def test_written_from_the_page_it_scores_the_first_time(first_hour):
    result = api.score(first_hour, repository=api.open_repository(ROOT))
    s = result.subject("教务处")
    assert [(c.name, c.score) for c in s.categories] == [
        ("学习讨论", Decimal("3.5")), ("活动方案", Decimal("18.8")), ("执行效果", Decimal("67.3"))]
    assert s.total == Decimal("89.6")
    assert [w.code for w in result.warnings] == ["submission.partial", "submission.block-absent"]
    assert result.warnings[0].get("missing")[:2] == ["监察审计室", "工会"] and len(result.warnings[0].get("missing")) == 13
    assert s.award_note.endswith("仅在本文件已填报的 1 个考核对象中评比（名单不全）")
    assert result.awards_note == "名单不全：评比只在本文件已填报的 1 个考核对象中进行（方案名单共 24 个）"


def test_validate_passes_with_the_same_warnings(first_hour, capsys, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_ROOT", str(ROOT))
    assert main(["validate", str(first_hour)]) == 0
    out = capsys.readouterr().out
    assert f"{first_hour}:10:3 警告：A板块名单共 14 个考核对象，本文件只填报了 1 个，缺：监察审计室、工会" in out
    assert f"{first_hour}:10:3 警告：本文件没有填报B板块的任何考核对象" in out
    assert "校验通过：1 个文件，0 个错误，2 个警告" in out


def _page_example() -> str:
    """The YAML block of the 填报口径 page's 填报示例 section, as the site shows it."""
    repo = api.open_repository(ROOT)
    page = render_facts(repo.scheme("cz-quality-season"))
    section = page.split("## 填报示例", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_example_on_the_page_scores_as_written(tmp_path):
    """Copied from the page into a file, it scores; by hand:
    监察审计室 (A): one temporary task done 3 days late, a-exec-11a 0.5 → 99.5;
    财会金融系 (B): one class with 48, 45, 40 % three checks in a row below 50 %, b-exec-7 1 → 99."""
    path = tmp_path / "填报.yaml"
    path.write_text(_page_example(), encoding="utf-8")
    result = api.score(path, repository=api.open_repository(ROOT))
    assert [(s.name, s.total) for s in result.subjects] == [("监察审计室", Decimal("99.5")), ("财会金融系", Decimal("99"))]
    assert [d.rule_id for s in result.subjects for c in s.categories for d in c.deductions] == ["a-exec-11a", "b-exec-7"]
