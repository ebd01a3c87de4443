"""The committee workflow and the pre-commit hook: what runs, in which order, and without an activated venv."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from handbook_support import REPO
from ruamel.yaml import YAML

WORKFLOW = REPO / ".github" / "workflows" / "committee.yml"
HOOK = REPO / ".ci" / "zhibiao-validate"


def _workflow() -> dict:
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_runs_on_every_change() -> None:
    triggers = _workflow()[True] if True in _workflow() else _workflow()["on"]  # YAML 1.1 reads `on` as true
    for event in ("pull_request", "push"):
        assert event in triggers
        assert not (triggers[event] or {}).get("paths"), f"{event} 不应按路径过滤"
        assert not (triggers[event] or {}).get("paths-ignore"), f"{event} 不应按路径过滤"


def test_validation_runs_first_and_every_later_step_runs_anyway() -> None:
    steps = _workflow()["jobs"]["check"]["steps"]
    ids = [s.get("id") for s in steps]
    for needed in ("validate", "tests", "site", "diff", "impact"):
        assert needed in ids, needed
    assert ids.index("validate") < min(ids.index(x) for x in ("tests", "site", "diff", "impact"))
    after = steps[ids.index("validate"):]
    for step in after:
        assert "always()" in str(step.get("if", "")), f"“{step.get('name')}”在前一步失败后不会运行"
    summary = next(s for s in steps if s.get("name") == "检查结果汇总")
    for needed in ("validate", "tests", "site", "diff", "impact"):
        assert f"steps.{needed}.outcome" in summary["run"], needed


def test_pre_commit_runs_the_wrapper_script() -> None:
    config = YAML(typ="safe").load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])  # nothing is fetched from GitHub
    assert hooks["zhibiao-validate"]["entry"] == ".ci/zhibiao-validate"
    assert HOOK.stat().st_mode & stat.S_IXUSR


def _fake_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".ci").mkdir(parents=True)
    shutil.copy2(HOOK, root / ".ci" / "zhibiao-validate")
    return root


def _fake_zhibiao(path: Path, name: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho \"{name} $*\"\n", encoding="utf-8")
    path.chmod(0o755)


def _run(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(root / ".ci" / "zhibiao-validate"), "--base", "main"], capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", **env}, timeout=60)


def test_hook_finds_the_repository_venv_without_activation(tmp_path: Path) -> None:
    root = _fake_repo(tmp_path)
    _fake_zhibiao(root / ".venv" / "bin" / "zhibiao", "仓库环境")
    _fake_zhibiao(tmp_path / "other" / "bin" / "zhibiao", "其他环境")
    done = _run(root, VIRTUAL_ENV=str(tmp_path / "other"))
    assert done.returncode == 0 and done.stdout.strip() == "仓库环境 validate --base main"


def test_hook_falls_back_to_the_active_environment_then_path(tmp_path: Path) -> None:
    root = _fake_repo(tmp_path)
    _fake_zhibiao(tmp_path / "active" / "bin" / "zhibiao", "激活的环境")
    assert _run(root, VIRTUAL_ENV=str(tmp_path / "active")).stdout.strip() == "激活的环境 validate --base main"
    _fake_zhibiao(tmp_path / "tools" / "zhibiao", "PATH")
    done = subprocess.run([str(root / ".ci" / "zhibiao-validate")], capture_output=True, text=True, timeout=60,
                          env={"PATH": f"{tmp_path / 'tools'}:/usr/bin:/bin"})
    assert done.stdout.strip() == "PATH validate"


def test_hook_explains_how_to_install_when_zhibiao_is_missing(tmp_path: Path) -> None:
    done = _run(_fake_repo(tmp_path))
    assert done.returncode == 1
    assert "找不到 zhibiao 命令" in done.stderr and ".venv/bin/pip install -q -e ." in done.stderr


def test_hook_validates_the_real_repository_with_a_bare_environment() -> None:
    """As a committee member's `git commit` runs it: no venv activated, a minimal PATH."""
    venv = Path(sys.executable).parent.parent
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root")}
    if not (REPO / ".venv" / "bin" / "zhibiao").exists():
        env["VIRTUAL_ENV"] = str(venv)  # the tests run from another environment: the hook's second choice
    done = subprocess.run([str(HOOK)], capture_output=True, text=True, env=env, timeout=300, cwd="/")
    assert done.returncode == 0, done.stdout + done.stderr
