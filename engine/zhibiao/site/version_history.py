"""版本历史: for each generated page, every version of its YAML document that git holds, and what changed.

The history is read through the repository's git history (`zhibiao.history.GitHistory`, never a shell) and
compared with the workflow's document diff (`diff.diff_documents`, the same change list `zhibiao diff` prints): for each version, when it
entered the repository (commit and date), the revision record's own summary, and the changes from the version
before it. A file outside git (a copy, a new file not committed yet) says so instead of showing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ZhibiaoError
from ..history import GitHistory
from ..load import Document, load_text
from ..workflow.diff import Change, diff_documents
from .markup import md_inline

MAX_CHANGES = 8  # per version on the page; the rest are counted ("另有 3 处")


@dataclass
class Version:
    version: str
    date: str          # commit date of the first commit holding this version
    commit: str        # that commit, abbreviated
    summary: str = ""  # the revision record's summary for this version
    changes: list[Change] = field(default_factory=list)
    first: bool = False


@dataclass
class History:
    versions: list[Version]       # oldest first
    tracked: bool = True          # the file is in git
    pending: str = ""             # version in the working tree not yet committed ("" if none)


def _summary(data: dict, version: str) -> str:
    for rev in data.get("revisions") or []:
        if isinstance(rev, dict) and str(rev.get("version")) == version:
            return str(rev.get("summary", ""))
    return ""


@lru_cache(maxsize=512)
def _at(root: Path, commit: str, path: str) -> Document | None:
    try:
        doc = load_text(GitHistory(root).git(["show", f"{commit}:{path}"]), f"{commit[:10]}:{path}")
    except ZhibiaoError:
        return None  # a commit where the file did not parse: skipped (validation stopped it reaching main)
    return doc if isinstance(doc.data, dict) else None


def document_history(root: Path, path: str) -> History:
    """The versions of the file `path` (repository-relative) in git, oldest first, following renames."""
    root = root.resolve()
    git = GitHistory(root)
    if not git.available:
        return History([], tracked=False)
    try:
        log = git.git(["log", "--follow", "--format=%x01%H%x09%ad", "--date=short", "--name-only", "--", path])
    except ZhibiaoError:
        return History([], tracked=False)
    commits = []  # newest first: (commit, date, path at that commit)
    for entry in log.split("\x01")[1:]:
        lines = [x for x in entry.splitlines() if x.strip()]
        commit, date = lines[0].split("\t")
        commits.append((commit, date, lines[-1] if len(lines) > 1 else path))
    versions: list[Version] = []
    previous: Document | None = None
    for commit, date, at_path in reversed(commits):
        doc = _at(root, commit, at_path)
        if doc is None:
            continue
        version = str(doc.data.get("version", ""))
        if versions and versions[-1].version == version:
            previous = doc  # same version, later commit (a fix without a bump): compare from the latest text
            continue
        changes = diff_documents(previous, doc).changes if previous is not None else []
        versions.append(Version(version, date, commit[:10], _summary(doc.data, version),
                                [c for c in changes if not (c.section == "元数据" and c.target in ("修订记录",))],
                                first=previous is None))
        previous = doc
    pending = ""
    work = root / path
    if work.is_file():
        try:
            current = load_text(work.read_text(encoding="utf-8"), path)
            version = str(current.data.get("version", "")) if isinstance(current.data, dict) else ""
        except ZhibiaoError:
            version = ""
        if version and (not versions or versions[-1].version != version):
            pending = version
    return History(versions, tracked=bool(commits), pending=pending)


def _change_text(c: Change) -> str:
    named = c.target if not c.name or c.target == c.label else f"{c.target}（{c.name[:30]}）"
    if c.action == "新增":
        return f"新增 {c.section} {named}"
    if c.action == "删除":
        return f"删除 {c.section} {named}"
    who = c.target  # a changed item is named by its id: its wording may be what changed
    head = c.label if c.section == "元数据" else f"{who} {c.label}".strip()
    if c.new is None and c.old is not None and len(c.old) <= 40:
        return f"删去 {head}（原为 {c.old}）"
    if c.old is None and c.new is not None and len(c.new) <= 40:
        return f"新增 {head}：{c.new}"
    if c.text_diff or c.old is None or c.new is None or len(f"{c.old}{c.new}") > 80:
        return f"修改 {head}"
    return f"修改 {head}：{c.old} → {c.new}"


def render_history(history: History) -> str:
    """The “版本历史” section of a generated page (Markdown)."""
    lines = ["## 版本历史", ""]
    if not history.tracked:
        lines += ["本页所依据的 YAML 文件没有 git 历史（尚未提交，或本站由不含 git 历史的副本生成），"
                  "只能看到上面的修订记录。", ""]
        return "\n".join(lines)
    lines += ["git 中保存的本文件的每个版本：何时进入代码仓库（提交日期与提交号）、修订记录写的摘要，"
              "以及与上一版相比改了什么（与 `zhibiao diff` 的改动清单相同）。考核方案的旧版本仍可用 "
              "`zhibiao score 填报.yaml --scheme 标识@版本` 原样评分。", "",
              "| 版本 | 提交日期 | 提交 | 修订摘要 | 与上一版相比 |", "| --- | --- | --- | --- | --- |"]
    if history.pending:
        lines.append(f"| {md_inline(history.pending)} | — | 尚未提交 | 工作区中的新版本 | — |")
    for v in reversed(history.versions):
        if v.first:
            what = "首次提交"
        else:
            shown = [md_inline(_change_text(c)) for c in v.changes[:MAX_CHANGES]]
            more = len(v.changes) - MAX_CHANGES
            what = "<br>".join(shown + ([f"另有 {more} 处改动"] if more > 0 else [])) or "内容未变（只改了格式或注释）"
        lines.append(f"| {md_inline(v.version)} | {md_inline(v.date)} | `{v.commit}` | {md_inline(v.summary) or '—'} "
                     f"| {what} |")
    return "\n".join(lines) + "\n"
