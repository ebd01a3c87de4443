"""Find schemes by id and version among the YAML documents of the repository."""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

from .build import build_scheme
from .errors import Location, Problem, UsageError, ValidationError, errors_only
from .loading import Document, load_file
from .model import Scheme
from .paths import relative, repo_root
from .schema_check import check as check_schema
from .semantics import check_scheme


def scheme_from_document(doc: Document) -> Scheme:
    """Validate (schema, then semantics) and build; refuses a document with errors (warnings are fine)."""
    problems = errors_only(check_schema(doc, "scheme.schema.json"))
    if not problems:
        problems = errors_only(check_scheme(doc))
    if problems:
        raise ValidationError(problems, summary=f"考核方案 {doc.path} 有错误，请先运行 zhibiao validate 修正：")
    return build_scheme(doc)


@lru_cache(maxsize=64)
def load_scheme(path: str) -> Scheme:
    """Load, validate and build one scheme file."""
    return scheme_from_document(load_file(path, relative(path)))


def scheme_files(folder: Path | None = None) -> list[Path]:
    folder = folder or repo_root() / "rules"
    return sorted(p for p in folder.rglob("*.y*ml") if p.is_file())


def find_scheme(ident: str, version: str | None = None, folder: Path | None = None) -> Scheme:
    """The scheme with this id (and version, else the newest in force) from rules/."""
    candidates: list[Scheme] = []
    for f in scheme_files(folder):
        s = load_scheme(str(f))
        if s.id == ident:
            candidates.append(s)
    if version and not any(s.version == version for s in candidates):
        old = _from_history(ident, version)
        if old is not None:
            return old
    if not candidates:
        known = sorted({load_scheme(str(f)).id for f in scheme_files(folder)})
        hint = difflib.get_close_matches(ident, known, n=1)
        tip = f"，是否想写“{hint[0]}”？" if hint else ""
        raise UsageError([Problem(Location("rules/"), f"找不到考核方案“{ident}”{tip}（已有：{'、'.join(known) or '无'}）")])
    if version:
        for s in candidates:
            if s.version == version:
                return s
        have = "、".join(sorted({s.version for s in candidates} | set(_history_versions(ident))))
        raise UsageError([Problem(Location("rules/"), f"考核方案“{ident}”没有版本 {version}（已有版本：{have}）")])
    live = [s for s in candidates if s.meta.status == "生效"]
    if not live:
        others = "、".join(f"{s.version}（{s.meta.status}）" for s in candidates)
        raise UsageError([Problem(Location("rules/"), f"考核方案“{ident}”没有生效的版本（{others}）；草案和废止的版本只在明确指定时使用，"
                                                      f"如 --scheme {ident}@{candidates[0].version}")])
    return max(live, key=lambda s: tuple(int(x) for x in s.version.split(".")))


def _from_history(ident: str, version: str) -> Scheme | None:
    """A version no longer in the working tree: look it up in the git history of rules/."""
    try:
        from .workflow.versions import find_in_history
    except ModuleNotFoundError:
        return None
    return find_in_history(ident, version)


def _history_versions(ident: str) -> list[str]:
    try:
        from .workflow.versions import history_versions
    except ModuleNotFoundError:
        return []
    return history_versions(ident)


def revision_of(scheme: Scheme) -> str:
    """The git revision the scheme came from (OPA-style: recorded in every result), e.g. `3f2a9c1d0e`,
    `3f2a9c1d0e+未提交的修改` for an edited working copy, or `` outside git."""
    import subprocess

    path = scheme.meta.path
    if ":" in path and not Path(path).exists():  # loaded from history as `REV:rules/x.yaml`
        return path.split(":", 1)[0]
    root = repo_root()

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)

    try:
        last = git("log", "-1", "--format=%H", "--", path)
    except OSError:
        return ""
    if last.returncode != 0 or not last.stdout.strip():
        return ""
    rev = last.stdout.strip()[:10]
    dirty = git("diff", "--quiet", "HEAD", "--", path).returncode != 0
    return rev + ("+未提交的修改" if dirty else "")
