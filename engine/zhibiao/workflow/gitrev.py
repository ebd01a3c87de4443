"""Read YAML documents as they stood at a git revision, without touching the working tree.

Every call runs `git` in the repository root with a fixed argument list (never a shell), so revision names
typed by a person cannot inject commands. Errors come back as Chinese `UsageError`s naming the revision.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import Location, Problem, UsageError
from ..paths import repo_root

YAML_SUFFIXES = (".yaml", ".yml")
DOC_FOLDERS = ("rules", "standards")


@dataclass(frozen=True)
class Snapshot:
    """The text of one file at one place: a revision (`rev` set) or the working tree (`rev` empty)."""

    path: str      # repository-relative, with forward slashes
    text: str
    rev: str = ""  # the revision as the user wrote it

    @property
    def label(self) -> str:
        """What messages show as the file name: `main:rules/x.yaml` or `rules/x.yaml`."""
        return f"{self.rev}:{self.path}" if self.rev else self.path


def git(args: list[str], root: Path | None = None) -> str:
    """Run git in the repository; raise a Chinese UsageError if it fails."""
    cwd = root or repo_root()
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)
    except FileNotFoundError as exc:
        raise UsageError([Problem(Location(str(cwd)), "找不到 git 命令：比较版本需要安装 git")]) from exc
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"退出码 {done.returncode}"
        raise UsageError([Problem(Location(str(cwd)), f"git {' '.join(args[:2])} 失败：{detail}")])
    return done.stdout


def is_repository(root: Path | None = None) -> bool:
    try:
        git(["rev-parse", "--git-dir"], root)
    except UsageError:
        return False
    return True


def resolve(rev: str, root: Path | None = None) -> str:
    """The full commit id of `rev`, or a Chinese error saying the revision does not exist."""
    if rev.startswith("-"):
        raise UsageError([Problem(Location(rev), f"“{rev}”不是有效的版本名")])
    try:
        return git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).strip()
    except UsageError:
        raise UsageError([Problem(Location(rev), f"git 中没有版本“{rev}”（可以写分支名、标签或提交号，如 main、HEAD~1）")]) from None


def is_revision(text: str, root: Path | None = None) -> bool:
    try:
        resolve(text, root)
    except UsageError:
        return False
    return True


@lru_cache(maxsize=256)
def _files_at(commit: str, root: Path, folders: tuple[str, ...]) -> tuple[str, ...]:
    out = git(["ls-tree", "-r", "--name-only", commit, "--", *folders], root)
    return tuple(p for p in out.splitlines() if p.endswith(YAML_SUFFIXES))


@lru_cache(maxsize=1024)
def _show(commit: str, path: str, root: Path) -> str:
    return git(["show", f"{commit}:{path}"], root)


def snapshots_at(rev: str, folders: tuple[str, ...] = DOC_FOLDERS, root: Path | None = None) -> list[Snapshot]:
    """Every YAML file under `folders` as it stood at `rev`."""
    base = root or repo_root()
    commit = resolve(rev, base)
    return [Snapshot(p, _show(commit, p, base), rev) for p in _files_at(commit, base, folders)]


def snapshots_in_tree(folders: tuple[str, ...] = DOC_FOLDERS, root: Path | None = None) -> list[Snapshot]:
    """Every YAML file under `folders` in the working tree (edited or not)."""
    base = root or repo_root()
    out = []
    for folder in folders:
        d = base / folder
        if d.is_dir():
            for f in sorted(d.rglob("*")):
                if f.is_file() and f.suffix in YAML_SUFFIXES:
                    out.append(Snapshot(f.relative_to(base).as_posix(), f.read_text(encoding="utf-8")))
    return out


def snapshot_file(path: str | Path, root: Path | None = None) -> Snapshot:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError([Problem(Location(str(path)), f"无法读取文件：{exc.strerror}")]) from exc
    base = root or repo_root()
    try:
        shown = p.resolve().relative_to(base).as_posix()
    except ValueError:
        shown = str(path)
    return Snapshot(shown, text)


def commits_touching(folder: str, root: Path | None = None) -> list[str]:
    """Commits that changed `folder`, newest first."""
    return git(["log", "--format=%H", "--", folder], root).split()
