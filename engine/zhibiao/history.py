"""Git history of a repository: YAML documents as they stood at a revision, without touching the working tree.

A `Repository` is given a `GitHistory` (or none: a data platform scoring from a plain folder needs no git);
nothing here is looked up through the working directory. Every call runs `git` in the repository root with a
fixed argument list (never a shell), so revision names typed by a person cannot inject commands. Answers are
cached per history object: scoring a thousand files asks git once per scheme file, not once per score.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import messages
from .errors import Location, Problem, UsageError

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


def _usage(where: str, code: str, **fields: str) -> UsageError:
    return UsageError([Problem.of(code, Location(where), **fields)])


class GitHistory:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._revisions: dict[str, str] = {}

    def git(self, args: list[str]) -> str:
        """Run git in the repository; raise a Chinese UsageError if it fails."""
        try:
            done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, encoding="utf-8",
                                  check=False)
        except FileNotFoundError as exc:
            raise _usage(str(self.root), "git.missing") from exc
        if done.returncode != 0:
            detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"退出码 {done.returncode}"
            raise _usage(str(self.root), "git.failed", command=" ".join(args[:2]), detail=detail)
        return done.stdout

    @property
    def available(self) -> bool:
        return _is_repository(self.root)

    def resolve(self, rev: str) -> str:
        """The full commit id of `rev`, or a Chinese error saying the revision does not exist."""
        if rev.startswith("-"):
            raise _usage(rev, "git.bad-revision", actual=rev)
        try:
            return self.git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]).strip()
        except UsageError:
            raise _usage(rev, "git.unknown-revision", actual=rev) from None

    def is_revision(self, text: str) -> bool:
        try:
            self.resolve(text)
        except UsageError:
            return False
        return True

    def snapshots_at(self, rev: str, folders: tuple[str, ...] = DOC_FOLDERS) -> list[Snapshot]:
        """Every YAML file under `folders` as it stood at `rev`."""
        commit = self.resolve(rev)
        return [Snapshot(p, _show(commit, p, self.root), rev) for p in _files_at(commit, self.root, folders)]

    def snapshots_in_tree(self, folders: tuple[str, ...] = DOC_FOLDERS) -> list[Snapshot]:
        """Every YAML file under `folders` in the working tree (edited or not)."""
        out = []
        for folder in folders:
            d = self.root / folder
            if d.is_dir():
                for f in sorted(d.rglob("*")):
                    if f.is_file() and f.suffix in YAML_SUFFIXES:
                        out.append(Snapshot(f.relative_to(self.root).as_posix(), f.read_text(encoding="utf-8")))
        return out

    def snapshot_file(self, path: str | Path) -> Snapshot:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise _usage(str(path), "load.unreadable", reason=messages.os_reason(exc)) from exc
        try:
            shown = p.resolve().relative_to(self.root).as_posix()
        except ValueError:
            shown = str(path)
        return Snapshot(shown, text)

    def commits_touching(self, folder: str) -> list[str]:
        """Commits that changed `folder`, newest first."""
        return self.git(["log", "--format=%H", "--", folder]).split()

    def revision_of(self, path: str) -> str:
        """The last commit that touched `path` (OPA-style: recorded in every result), e.g. `3f2a9c1d0e`,
        `3f2a9c1d0e+未提交的修改` for an edited working copy, or "" outside git. Asked once per path."""
        if path not in self._revisions:
            self._revisions[path] = self._revision(path)
        return self._revisions[path]

    def _revision(self, path: str) -> str:
        if not self.available:
            return ""
        try:
            last = self.git(["log", "-1", "--format=%H", "--", path]).strip()
        except UsageError:
            return ""
        if not last:
            return ""
        try:
            self.git(["diff", "--quiet", "HEAD", "--", path])
            dirty = False
        except UsageError:
            dirty = True
        return last[:10] + ("+未提交的修改" if dirty else "")


@lru_cache(maxsize=64)
def _is_repository(root: Path) -> bool:
    try:
        done = subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True, check=False)
    except FileNotFoundError:
        return False
    return done.returncode == 0


@lru_cache(maxsize=256)
def _files_at(commit: str, root: Path, folders: tuple[str, ...]) -> tuple[str, ...]:
    out = GitHistory(root).git(["ls-tree", "-r", "--name-only", commit, "--", *folders])
    return tuple(p for p in out.splitlines() if p.endswith(YAML_SUFFIXES))


@lru_cache(maxsize=1024)
def _show(commit: str, path: str, root: Path) -> str:
    return GitHistory(root).git(["show", f"{commit}:{path}"])
