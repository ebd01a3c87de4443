"""Schemes by version across git history, and the rule that a changed document needs a new version.

A result names the scheme id, version and rules hash that produced it. To reproduce it after the file has
moved on, `find_in_history` walks the commits that touched rules/ and loads the file whose `version`
matches, straight from `git show` — the working tree is never touched.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..build import content_hash
from ..errors import Problem, ZhibiaoError
from ..loading import Document, load_text
from ..model import Scheme
from ..paths import repo_root
from ..repository import scheme_from_document
from . import gitrev
from .gitrev import Snapshot


def version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in str(version).split("."))
    except ValueError:
        return ()


def load_snapshot(snap: Snapshot) -> Document:
    return load_text(snap.text, snap.label)


def documents(snaps: list[Snapshot]) -> list[Document]:
    """Every snapshot that loads as a mapping; unreadable files are skipped (validate reports them)."""
    out = []
    for s in snaps:
        try:
            doc = load_snapshot(s)
        except ZhibiaoError:
            continue
        if isinstance(doc.data, dict):
            out.append(doc)
    return out


def schemes_at(rev: str | None, root: Path | None = None) -> list[Scheme]:
    """Every scheme in rules/ at revision `rev` (None: the working tree)."""
    snaps = gitrev.snapshots_at(rev, ("rules",), root) if rev else gitrev.snapshots_in_tree(("rules",), root)
    return [scheme_from_document(d) for d in documents(snaps) if d.data.get("kind") == "scheme"]


def pick(schemes: list[Scheme], ident: str, version: str | None = None) -> Scheme | None:
    """The scheme with this id and version; without a version, the newest in force (as find_scheme does)."""
    found = [s for s in schemes if s.id == ident]
    if version:
        return next((s for s in found if s.version == version), None)
    live = [s for s in found if s.meta.status == "生效"] or found
    return max(live, key=lambda s: version_key(s.version), default=None)


def find_in_history(ident: str, version: str, root: Path | None = None) -> Scheme | None:
    """The scheme `ident` at `version` from the git history of rules/, or None (no git, or never existed)."""
    return _find_in_history(ident, version, (root or repo_root()).resolve())


@lru_cache(maxsize=64)
def _find_in_history(ident: str, version: str, root: Path) -> Scheme | None:
    if not gitrev.is_repository(root):
        return None
    for commit in gitrev.commits_touching("rules", root):
        for snap in gitrev.snapshots_at(commit, ("rules",), root):
            if f"id: {ident}" not in snap.text:
                continue  # cheap filter before parsing
            try:
                doc = load_snapshot(Snapshot(snap.path, snap.text, commit[:10]))
            except ZhibiaoError:
                continue
            d = doc.data
            if isinstance(d, dict) and d.get("kind") == "scheme" and d.get("id") == ident \
                    and str(d.get("version")) == version:
                return scheme_from_document(doc)
    return None


def history_versions(ident: str, root: Path | None = None) -> list[str]:
    """Every version of scheme `ident` that git history holds (for error messages)."""
    base = (root or repo_root()).resolve()
    if not gitrev.is_repository(base):
        return []
    seen: set[str] = set()
    for commit in gitrev.commits_touching("rules", base):
        for d in documents(gitrev.snapshots_at(commit, ("rules",), base)):
            if d.data.get("id") == ident and d.data.get("version") is not None:
                seen.add(str(d.data["version"]))
    return sorted(seen, key=version_key)


def check_against_base(docs: list[Document], base: str, root: Path | None = None) -> list[Problem]:
    """Refuse documents that changed since `base` without a higher version and a new revision record."""
    old_docs = documents(gitrev.snapshots_at(base, gitrev.DOC_FOLDERS, root))
    by_path = {d.path.split(":", 1)[1]: d for d in old_docs}
    by_id = {(d.data.get("kind"), d.data.get("id")): d for d in old_docs}
    problems: list[Problem] = []
    for doc in docs:
        if not isinstance(doc.data, dict):
            continue
        old = by_path.get(doc.path) or by_id.get((doc.data.get("kind"), doc.data.get("id")))
        if old is None or content_hash(old.data) == content_hash(doc.data):
            continue
        problems += _bump_problems(doc, old, base)
    return problems


def _bump_problems(doc: Document, old: Document, base: str) -> list[Problem]:
    d, o = doc.data, old.data
    new_v, old_v = str(d.get("version", "")), str(o.get("version", ""))
    out: list[Problem] = []
    if version_key(new_v) <= version_key(old_v):
        out.append(Problem(doc.where(("version",)),
                           f"文件内容自 {base} 以来已修改，但版本仍为 {new_v}（{base} 中为 {old_v}）："
                           f"请提高版本（如 {suggest_next(old_v)}）并在 revisions 末尾补充一条修订记录",
                           pointer="version"))
    new_revs, old_revs = d.get("revisions") or [], o.get("revisions") or []
    if len(new_revs) <= len(old_revs):
        ptr = ("revisions", len(new_revs) - 1) if new_revs else ("revisions",)
        out.append(Problem(doc.where(ptr),
                           f"文件内容自 {base} 以来已修改，但没有新增修订记录（{base} 中已有 {len(old_revs)} 条，"
                           f"现有 {len(new_revs)} 条）：请在 revisions 末尾补充一条，写明版本、日期和修订内容摘要",
                           pointer="revisions"))
    return out


def suggest_next(version: str) -> str:
    parts = list(version_key(version)) or [1, 0, 0]
    parts[-1] += 1
    return ".".join(str(x) for x in parts)
