"""A throw-away git repository holding a copy of rules/, schemas/ and examples/, used as ZHIBIAO_ROOT."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEME = "rules/cz-quality-season.yaml"
EXAMPLE = "examples/cz-quality-season-2009.yaml"
RULE_3A = "            when: {study_held: true, discussion_held: true, discussion_substantive: false}\n            amount: 5\n"
REV_LAST = ("    summary: 补编附则（解释与未尽事项的补充）；标明所属机构为郴州职业技术学院（institution：cz），删去五纵系统“监督控制”"
            "（五纵五横是贵州轻工 001 的体系，郴州职院的源文件没有五纵系统）。条款、分值与参数未变，评分结果不变。\n")


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.path, check=True, capture_output=True, text=True).stdout

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def edit(self, rel: str, old: str, new: str) -> None:
        f = self.path / rel
        text = f.read_text(encoding="utf-8")
        assert old in text, old
        f.write_text(text.replace(old, new, 1), encoding="utf-8")

    def amount_3a(self, new_amount: str) -> None:
        """study-3a（讨论无实质内容）5 分 → new_amount."""
        self.edit(SCHEME, RULE_3A, RULE_3A.replace("amount: 5", f"amount: {new_amount}"))

    def bump(self, version: str = "1.1.0", summary: str = "study-3a 改为扣6分。") -> None:
        self.edit(SCHEME, "version: 1.0.1\nstatus", f"version: {version}\nstatus")
        self.edit(SCHEME, REV_LAST, REV_LAST + f"  - version: {version}\n    date: 2026-12-01\n    summary: {summary}\n")


def clear_caches() -> None:
    """Nothing to clear: every command builds its Repository afresh (kept so tests read as before)."""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    """Committed copy of the repository's YAML on branch main (the base of every test's change)."""
    for name in ("rules", "schemas", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for var, value in {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "测试",
                       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null",
                       "GIT_CONFIG_NOSYSTEM": "1"}.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setenv("ZHIBIAO_ROOT", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    r = Repo(tmp_path)
    r.git("init", "-q", "-b", "main")
    r.commit("初始方案 1.0.1")
    clear_caches()
    yield r
    clear_caches()
