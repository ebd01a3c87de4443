"""`zhibiao new scheme` offers every mechanism as a commented template: the skeleton validates as written, and
with every template switched on (the leading “# ” removed, as the skeleton tells the committee to do) it still
validates and scores a small submission to hand-computed results."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.repository import Repository
from zhibiao.workflow.scaffold import skeleton

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_LINE = re.compile(r"(?m)^# (?!yaml-language-server)")

SUBMISSION = """\
kind: submission
scheme: my-new@0.1.0
period: {name: 2026年度, start: 2026-01-01, end: 2026-12-31}
subjects:
  - name: （请填写考核对象名称）
    block: A
    facts: {example_count: 2, example_rate: 88, example_violation: false}
    previous: {example_rate: 90.5}
    records:
      incidents:
        - {summary: 试卷错发, level: 三级}
        - {summary: 缺课, level: 二级}
  - name: 张三
    block: T
    attributes: {department: （请填写考核对象名称）}
    facts: {example_grade: 良, example_points: 12}
  - name: 李四
    block: T
    attributes: {department: （请填写考核对象名称）}
    facts: {example_grade: 优, example_points: 0}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "rules").mkdir()
    return Repository(tmp_path, history=None)


def _write(repo: Repository, text: str) -> Path:
    path = repo.root / "rules" / "my-new.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_mechanism_is_offered(repo: Repository):
    text = skeleton("scheme", "my-new", repo.root)
    for section in ("舍入", "等级赋值", "开放名单与属性", "按记录计分", "汇总指标", "逐级汇总", "按条件扣分", "按记录、按等级扣分",
                    "分档", "与上期比较", "加分制、权重与子项目", "排名计分", "一票否决", "评优限制", "考核等级"):
        assert f"## 【{section}】" in text, section
    assert api.validate([_write(repo, text)], repository=repo) == []


def test_all_templates_switched_on_validate_and_score(repo: Repository):
    text = TEMPLATE_LINE.sub("", skeleton("scheme", "my-new", repo.root))
    assert api.validate([_write(repo, text)], repository=repo) == []
    sub = repo.root / "填报.yaml"
    sub.write_text(SUBMISSION, encoding="utf-8")
    result = api.score(sub, repository=repo)
    # By hand: A = 100 − 2 × 1 (count) − (5 + 2) (二级, 三级) − 5 (88 in [85, 95)) − 2 (90.5 → 88: 2 whole steps) = 84,
    # 合格 (≥ 75), and capped at 合格 anyway (one serious incident).
    a = result.subject("（请填写考核对象名称）")
    assert (a.total, a.grade, [x.id for x in a.limits]) == (D(84), "合格", ["elig-example"])
    # T, 加分制 inherited by both sub-items: 张三 良 0.8 × 100 × 60% + rank 1 → 100 × 40% = 48 + 40 = 88;
    # 李四 优 1.0 × 100 × 60% + points 0 → not ranked, 0 = 60.
    assert result.subject("张三").total == D(88)
    assert result.subject("李四").total == D(60)
