"""The rule-coverage gate: it passes on the repository and names the rule when a scenario is removed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from zhibiao import coverage
from zhibiao.coverage import report, uncovered
from zhibiao.repository import Repository

from support import ROOT


def universe():
    return coverage.universe(Repository(ROOT))


def test_universe_lists_every_scheme_rule():
    keys = [r.key for r in universe() if r.namespace == "scheme:cz-quality-season"]
    assert len(keys) == 44 and "a-exec-11b" in keys and "b-exec-5a" in keys


def test_report_names_uncovered_rule():
    rules = universe()
    fired = {(r.namespace, r.key) for r in rules} - {("scheme:cz-quality-season", "plan-3")}
    assert [r.key for r in uncovered(fired, rules)] == ["plan-3"]
    text = report(fired, rules)
    assert "✗ 未覆盖  plan-3  对照郴职院党字[2006]24号赋予本部门的职责在方案中每缺一项扣0.5分。" in text
    assert f"合计：{len(rules) - 1}/{len(rules)} 条规则被覆盖" in text


def test_removing_a_scenario_fails_the_run(tmp_path: Path):
    """Run the real scenario suite on a copy without the plan-3 example: the session must fail naming it."""
    features = tmp_path / "features"
    keep = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "features" / "steps", features / "steps", ignore=keep)
    for folder in ("评分", "考核语言"):  # the scenarios that cover the rules of every scheme under rules/
        shutil.copytree(ROOT / "features" / folder, features / folder, ignore=keep)
    for name in ("conftest.py", "test_评分.py", "test_考核语言.py"):
        shutil.copy(ROOT / "features" / name, features / name)
    f = features / "评分" / "逐条扣分.feature"
    lines = [line for line in f.read_text(encoding="utf-8").splitlines() if "| plan-3 |" not in line]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(os.environ, ZHIBIAO_ROOT=str(ROOT), ZHIBIAO_COVERAGE_FILE=str(tmp_path / "cov.json"))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(features)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout[-2000:]
    assert "规则覆盖检查未通过：" in proc.stdout
    named = [line.split()[1] for line in proc.stdout.splitlines() if line.startswith("  scheme:")]
    assert named == ["plan-3"], proc.stdout[-3000:]
    assert "scheme:cz-quality-season plan-3  对照郴职院党字[2006]24号" in proc.stdout
