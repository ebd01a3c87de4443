"""A failed scenario reads as a scenario (steps passed, the step that failed, why — in Chinese), and the rule
coverage record says when and against which rules it was made; `zhibiao coverage` refuses a record that does not
describe the rules as they are now."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zhibiao import coverage
from zhibiao.cli.main import main
from zhibiao.repository import Repository

from support import ROOT

FEATURE = """# language: zh-CN
@评分
功能: 试写

  场景: 总分写错了
    假如 使用考核方案“cz-quality-season”
    而且 A板块的“教务处”按要求开展了学习讨论并提交了完整方案和总结
    而且 “教务处”填报事实“absent_members”为 2
    当 评分
    那么 “教务处”的总分为 98 分

  场景: 句子写错了
    假如 使用考核方案“cz-quality-season”
    那么 “教务处”的名字叫做教务处
"""


def test_a_failed_scenario_is_reported_in_chinese(tmp_path: Path):
    features = tmp_path / "features"
    shutil.copytree(ROOT / "features" / "steps", features / "steps", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "features" / "conftest.py", features / "conftest.py")
    (features / "试写").mkdir()
    (features / "试写" / "试写.feature").write_text(FEATURE, encoding="utf-8")
    (features / "test_试写.py").write_text('from pytest_bdd import scenarios\n\nscenarios("试写")\n', encoding="utf-8")
    env = dict(os.environ, ZHIBIAO_ROOT=str(ROOT), ZHIBIAO_COVERAGE_FILE=str(tmp_path / "cov.json"))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o",
                           f"bdd_features_base_dir={features}", str(features)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    out = proc.stdout
    assert proc.returncode == 1, out[-3000:]
    assert "场景“总分写错了”未通过（features/试写/试写.feature:5）\n" in out, out[-3000:]
    assert "  ✓ 当 评分（第 9 行）\n  ✗ 那么 “教务处”的总分为 98 分（第 10 行）\n\n  原因：结果与场景中写的不一致，实际为 99\n" in out
    assert "场景“句子写错了”未通过" in out and "  ✗ 那么 “教务处”的名字叫做教务处（第 14 行）" in out
    assert "原因：没有与这一句匹配的步骤" in out
    assert "Traceback" not in out and "def _total" not in out
    record = json.loads((tmp_path / "cov.json").read_text(encoding="utf-8"))
    assert record["complete"] is False and record["scenarios"] == 2 and record["recorded_at"]


@pytest.fixture
def record(tmp_path: Path) -> tuple[Path, list[coverage.KnownRule]]:
    rules = coverage.universe(Repository(ROOT))
    path = tmp_path / "cov.json"
    coverage.save_fired({(r.namespace, r.key) for r in rules}, path, rules=rules, complete=True, scenarios=70)
    return path, rules


def _coverage(path: Path, capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--repo", str(ROOT), "coverage", "--file", str(path)])
    out, err = capsys.readouterr()
    return status, out, err


def test_coverage_reports_a_record_made_against_the_same_rules(record, capsys):
    path, rules = record
    status, out, err = _coverage(path, capsys)
    assert status == 0, err
    assert out.startswith("覆盖记录：") and "运行了全部 70 个场景，规则与现在的仓库一致\n" in out
    assert "考核方案“郴州职业技术学院“质量管理季”活动考核方案”（cz-quality-season 1.0.1）：44/44 条规则被场景覆盖" in out
    assert "scheme:" not in out and "review_conclusion" not in out


def test_coverage_refuses_a_record_of_other_rules(record, capsys):
    path, rules = record
    data = json.loads(path.read_text(encoding="utf-8"))
    data["rules"]["scheme:cz-quality-season"] = "0" * 16  # recorded before a rule's wording changed
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    status, out, err = _coverage(path, capsys)
    assert (status, out) == (1, "")
    assert err == (f"{path} 覆盖记录做于 {data['recorded_at'][:16].replace('T', ' ')}，此后规则已改动（考核方案“郴州职业技术学院"
                   "“质量管理季”活动考核方案”（cz-quality-season 1.0.1）），记录不能说明现在的规则：请重新运行全部中文场景"
                   "（python -m pytest features）\n")


def test_coverage_refuses_a_partial_run_and_an_old_record(record, capsys):
    path, rules = record
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(dict(data, complete=False, scenarios=1), ensure_ascii=False), encoding="utf-8")
    status, out, err = _coverage(path, capsys)
    assert status == 1 and out == "" and "只运行了部分场景（1 个" in err
    path.write_text(json.dumps({"fired": data["fired"]}, ensure_ascii=False), encoding="utf-8")
    status, out, err = _coverage(path, capsys)
    assert status == 1 and out == "" and "覆盖记录没有注明是按哪一版规则做的（旧格式）" in err
    path.unlink()
    status, out, err = _coverage(path, capsys)
    assert status == 1 and "还没有覆盖记录：请先运行全部中文场景" in err
