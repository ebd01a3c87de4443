"""中文步骤库：委员会工作流（有版本的方案、改动清单、改动影响）。

句式一览（评分、填报与结果的句子沿用 scoring_steps.py）：
  假如 委员会仓库中已提交现行考核方案                      （临时 git 仓库，分支 main）
  而且 在分支“改分值”上把规则“study-3a”的扣分分值改为 6 分，版本提高为“1.1.0”并提交
  而且 在分支“改分值”上把规则“study-3a”的扣分分值提高 1 分，提高次版本号并提交
  而且 在工作区把规则“study-3a”的扣分分值改为自 2010-01-01 起 6 分
  而且 在工作区把规则“study-3a”的扣分分值改为自 2010-01-01 起比原分值多 1 分
  当 比较“main”与“改分值”的规则改动
  那么 改动清单包含“修改 study-3a 扣分分值：5 → 6”
  那么 改动清单包含该规则的扣分分值由改动前改为改动后 / 版本由改动前的版本改为新版本 / 新版本的修订记录
  那么 改动清单中的规则改动共 1 处
  当 以“main”为基准评估示例填报的改动影响
  那么 影响报告列出的考核对象为：           （数据表：| 考核对象 | 原总分 | 新总分 | 差值 | 原因 |）
  那么 影响报告中总分变化的考核对象，正是按原方案评分时被扣“study-3a”的考核对象
  当 按改动前的方案版本评分
  那么 “基础部”被扣“study-3a”的分数为改动前的分值 / 改动后的分值
  那么 “基础部”的总分为满分减去改动前的分值 / 改动后的分值
  那么 评分结果记录了新版本 / 改动前的方案版本

“改动前”“改动后”“新版本”都从临时仓库中现行的方案读出，不写死：委员会正式修改方案后，场景照样成立。
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from zhibiao import api
from zhibiao.cli import main
from zhibiao.numbers import fmt
from zhibiao.repository import Repository
from zhibiao.workflow.impact import impact
from zhibiao.workflow.impactrender import reasons, signed

ROOT = Path(__file__).resolve().parents[2]
SCHEME = "rules/cz-quality-season.yaml"


@dataclass
class Change:
    """One change a scenario made, with what was in force before it (read from the repository, never assumed)."""

    rule: str
    old: Decimal
    new: Decimal
    old_version: str = ""
    new_version: str = ""


class Committee:
    """A throw-away git repository with the scheme, used as ZHIBIAO_ROOT for one scenario."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.output = ""
        self.impact = None
        self.change: Change | None = None

    def current(self, rule: str, day: dt.date = dt.date(2010, 1, 15)) -> tuple[Decimal, str]:
        """The amount of `rule` on `day` and the version of the scheme as the working tree has them now."""
        scheme = Repository(self.path, history=None).scheme("cz-quality-season")
        found = next(r for r in scheme.rules if r.id == rule)
        return found.amount.at(day), scheme.version

    def full_marks(self, block: str) -> Decimal:
        scheme = Repository(self.path, history=None).scheme("cz-quality-season")
        return sum((c.points for c in scheme.categories_for(block)), Decimal(0))

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.path, check=True, capture_output=True, text=True).stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def set_amount(self, rule: str, amount: str) -> None:
        f = self.path / SCHEME
        text = f.read_text(encoding="utf-8")
        start = text.index(f"- id: {rule}\n")
        head, tail = text[:start], text[start:]
        tail, n = re.subn(r"amount: [^\n]+", f"amount: {amount}", tail, count=1)
        assert n == 1, f"规则“{rule}”没有 amount"
        f.write_text(head + tail, encoding="utf-8")

    def bump(self, version: str, summary: str) -> None:
        f = self.path / SCHEME
        text = f.read_text(encoding="utf-8")
        text = re.sub(r"^version: .+$", f"version: {version}", text, count=1, flags=re.M)
        text = text.replace("\nscoring:\n", f"  - version: {version}\n    date: 2026-12-01\n    summary: {summary}\n"
                                             "\nscoring:\n", 1)
        f.write_text(text, encoding="utf-8")


@pytest.fixture
def committee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in ("rules", "schemas", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for var, value in {"GIT_AUTHOR_NAME": "委员会", "GIT_AUTHOR_EMAIL": "c@example.org", "GIT_COMMITTER_NAME": "委员会",
                       "GIT_COMMITTER_EMAIL": "c@example.org", "GIT_CONFIG_GLOBAL": "/dev/null",
                       "GIT_CONFIG_NOSYSTEM": "1", "ZHIBIAO_ROOT": str(tmp_path)}.items():
        monkeypatch.setenv(var, value)
    monkeypatch.chdir(tmp_path)
    return Committee(tmp_path)


@given("委员会仓库中已提交现行考核方案")
def _committed(committee: Committee) -> None:
    committee.git("init", "-q", "-b", "main")
    committee.commit("现行考核方案")


@given(parsers.parse("在分支“{branch}”上把规则“{rule}”的扣分分值改为 {amount} 分，版本提高为“{version}”并提交"))
def _branch_change(committee: Committee, branch: str, rule: str, amount: str, version: str) -> None:
    committee.git("checkout", "-q", "-b", branch)
    committee.set_amount(rule, amount)
    committee.bump(version, f"{rule} 改为扣{amount}分。")
    committee.commit(f"{rule} 改为扣{amount}分")


def next_minor(version: str) -> str:
    major, minor, *_ = (int(x) for x in version.split("."))
    return f"{major}.{minor + 1}.0"


@given(parsers.parse("在分支“{branch}”上把规则“{rule}”的扣分分值提高 {n:d} 分，提高次版本号并提交"))
def _branch_raise(committee: Committee, branch: str, rule: str, n: int) -> None:
    old, version = committee.current(rule)
    new = old + n
    committee.change = Change(rule, old, new, version, next_minor(version))
    _branch_change(committee, branch, rule, fmt(new), committee.change.new_version)


@given(parsers.parse("在工作区把规则“{rule}”的扣分分值改为自 {day} 起比原分值多 {n:d} 分"))
def _dated_raise(committee: Committee, rule: str, day: str, n: int) -> None:
    old, version = committee.current(rule)
    committee.change = Change(rule, old, old + n, version, version)
    _dated_change(committee, rule, day, fmt(old + n))


@given(parsers.parse("在工作区把规则“{rule}”的扣分分值改为自 {day} 起 {amount} 分"))
def _dated_change(committee: Committee, rule: str, day: str, amount: str) -> None:
    f = committee.path / SCHEME
    text = f.read_text(encoding="utf-8")
    old = re.search(rf"- id: {re.escape(rule)}\n(?:.*\n)*?\s+amount: ([^\n]+)", text)
    assert old, f"规则“{rule}”没有 amount"
    committee.set_amount(rule, f"[{{from: 2009-10-26, value: {old.group(1)}}}, {{from: {day}, value: {amount}}}]")


@when(parsers.parse("比较“{old}”与“{new}”的规则改动"))
def _diff(committee: Committee, old: str, new: str, capsys: pytest.CaptureFixture) -> None:
    capsys.readouterr()
    assert main(["diff", old, new]) == 0, capsys.readouterr().err
    committee.output = capsys.readouterr().out


@then(parsers.parse("改动清单包含“{text}”"))
def _diff_has(committee: Committee, text: str) -> None:
    assert text in committee.output, committee.output


@then(parsers.parse("改动清单中的规则改动共 {n:d} 处"))
def _diff_rule_count(committee: Committee, n: int) -> None:
    section = committee.output.split("【规则】", 1)[1].split("\n\n", 1)[0]
    lines = [x for x in section.splitlines() if x.startswith("  ") and not x.startswith("    ")]
    assert len(lines) == n, committee.output


@when(parsers.parse("以“{base}”为基准评估示例填报的改动影响"))
def _impact(committee: Committee, base: str) -> None:

    committee.impact = impact(Repository(committee.path), base)


@then("影响报告列出的考核对象为：")
def _impact_rows(committee: Committee, datatable: list[list[str]]) -> None:

    assert committee.impact is not None
    got = [[s.name, fmt(s.old_total), fmt(s.new_total), signed(s.delta), reasons(s)]
           for f in committee.impact.files for s in f.subjects]
    want = [[c.strip() for c in row] for row in datatable[1:]]
    assert got == want, got


def _change(committee: Committee) -> Change:
    assert committee.change is not None, "场景中还没有改动：请先用“假如 在分支……把规则……提高 1 分”"
    return committee.change


@then("改动清单包含该规则的扣分分值由改动前改为改动后")
def _diff_amount(committee: Committee) -> None:
    c = _change(committee)
    _diff_has(committee, f"修改 {c.rule} 扣分分值：{fmt(c.old)} → {fmt(c.new)}")


@then("改动清单包含版本由改动前的版本改为新版本")
def _diff_version(committee: Committee) -> None:
    c = _change(committee)
    _diff_has(committee, f"修改 版本：{c.old_version} → {c.new_version}")


@then("改动清单包含新版本的修订记录")
def _diff_revision(committee: Committee) -> None:
    c = _change(committee)
    _diff_has(committee, f"新增 修订记录：{c.new_version}（2026-12-01）：{c.rule} 改为扣{fmt(c.new)}分。")


@then(parsers.parse("影响报告中总分变化的考核对象，正是按原方案评分时被扣“{rule}”的考核对象"))
def _impact_subjects(committee: Committee, rule: str) -> None:
    assert committee.impact is not None
    c = _change(committee)
    base = Repository(committee.path).scheme(f"cz-quality-season@{c.old_version}")
    examples = sorted(committee.path.glob("examples/cz-quality-season-*.yaml"))
    hit = [s.name for f in examples for s in api.score(f, base, repository=Repository(committee.path)).subjects
           if any(d.rule_id == rule for d in s.deductions)]
    changed = [s.name for f in committee.impact.files for s in f.subjects if s.delta]
    assert hit and changed == hit, (changed, hit)


@then("其中每个考核对象的总分按它被扣的次数减少，原因写明该规则的分值变化")
def _impact_amounts(committee: Committee) -> None:
    assert committee.impact is not None
    c = _change(committee)
    for s in (s for f in committee.impact.files for s in f.subjects if s.delta):
        times = -s.delta / (c.new - c.old)
        assert times == times.to_integral_value() and times > 0, (s.name, s.delta)
        assert s.new_total == s.old_total + s.delta
        assert reasons(s) == f"{c.rule} 扣分 {fmt(c.old * times)} → {fmt(c.new * times)}", reasons(s)


@when("按改动前的方案版本评分")
def _score_old_version(committee: Committee, scoring) -> None:  # noqa: ANN001 - the scoring steps' fixture
    scoring.submit(scheme_ref=f"{scoring.scheme}@{_change(committee).old_version}")


@then(parsers.parse("“{name}”被扣“{rule}”的分数为改动{when}的分值"))
def _deducted_changed(committee: Committee, scoring, name: str, rule: str, when: str) -> None:  # noqa: ANN001
    c = _change(committee)
    want = {"前": c.old, "后": c.new}[when]
    got = sum((d.subtotal for d in scoring.result(name).deductions if d.rule_id == rule), Decimal(0))
    assert got == want, (fmt(got), fmt(want))


@then(parsers.parse("“{name}”的总分为满分减去改动{when}的分值"))
def _total_changed(committee: Committee, scoring, name: str, when: str) -> None:  # noqa: ANN001
    c = _change(committee)
    result = scoring.result(name)
    want = committee.full_marks(result.block) - {"前": c.old, "后": c.new}[when]
    assert result.total == want, (fmt(result.total), fmt(want))


def _recorded(scoring, want: str) -> None:  # noqa: ANN001
    assert scoring.run is not None and scoring.run.version == want, (scoring.run and scoring.run.version, want)


@then("评分结果记录了新版本")
def _new_version_recorded(committee: Committee, scoring) -> None:  # noqa: ANN001
    _recorded(scoring, _change(committee).new_version)


@then("评分结果记录了改动前的方案版本")
def _old_version_recorded(committee: Committee, scoring) -> None:  # noqa: ANN001
    _recorded(scoring, _change(committee).old_version)
