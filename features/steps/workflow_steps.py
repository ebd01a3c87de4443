"""中文步骤库：委员会工作流（有版本的方案、改动清单、改动影响）。

句式一览（评分、填报与结果的句子沿用 scoring_steps.py）：
  假如 委员会仓库中已提交现行考核方案                      （临时 git 仓库，分支 main）
  而且 在分支“改分值”上把规则“study-3a”的扣分分值改为 6 分，版本提高为“1.1.0”并提交
  而且 在工作区把规则“study-3a”的扣分分值改为自 2010-01-01 起 6 分
  当 比较“main”与“改分值”的规则改动
  那么 改动清单包含“修改 study-3a 扣分分值：5 → 6”
  那么 改动清单中的规则改动共 1 处
  当 以“main”为基准评估示例填报的改动影响
  那么 影响报告列出的考核对象为：           （数据表：| 考核对象 | 原总分 | 新总分 | 差值 | 原因 |）
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from zhibiao.cli import main
from zhibiao.numbers import fmt
from zhibiao.repository import Repository
from zhibiao.workflow.impact import impact
from zhibiao.workflow.impactrender import reasons, signed

ROOT = Path(__file__).resolve().parents[2]
SCHEME = "rules/cz-quality-season.yaml"


class Committee:
    """A throw-away git repository with the scheme, used as ZHIBIAO_ROOT for one scenario."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.output = ""
        self.impact = None

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
