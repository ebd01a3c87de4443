"""修订记录: one page built from the revision records of every controlled document, newest first."""

from __future__ import annotations

import posixpath

from .documents import DocumentInfo, kind_name
from .markup import md_inline
from .pages import Page

SECTION = "修订记录"
PATH = "changelog.md"


def render_changelog(documents: list[tuple[DocumentInfo, str]]) -> Page:
    """`documents`: each document's info with the page (docs-relative path) that shows it."""
    entries = []
    for info, page_path in documents:
        for rev in info.revisions:
            entries.append((rev.date, info, page_path, rev))
    entries.sort(key=lambda e: (e[0], e[1].title, e[3].version), reverse=True)
    lines = [
        "# 修订记录",
        "",
        "本页汇总所有受控文件（考核方案、标准、诊断表、复核规则、质量目标、组织与路线图）的修订记录，"
        "按日期从新到旧排列；每条记录来自对应 YAML 文件的 `revisions`。",
        "",
        "## 现行文件一览",
        "",
        "| 文件 | 类别 | 现行版本 | 状态 | 生效日期 | 责任部门 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for info, page_path in sorted(documents, key=lambda d: (d[0].kind, d[0].title)):
        link = posixpath.relpath(page_path, posixpath.dirname(PATH) or ".")
        lines.append(f"| [{md_inline(info.title)}]({link}) | {md_inline(kind_name(info.kind)) or '—'} | {md_inline(info.version)} "
                     f"| {md_inline(info.status)} | {md_inline(info.effective)} | {md_inline(info.owner) or '—'} |")
    if not documents:
        lines.append("| — | — | — | — | — | — |")
    lines += ["", "## 全部修订", "", "| 日期 | 文件 | 版本 | 修订人 | 修订内容 |", "| --- | --- | --- | --- | --- |"]
    for date, info, page_path, rev in entries:
        link = posixpath.relpath(page_path, posixpath.dirname(PATH) or ".")
        lines.append(f"| {md_inline(date)} | [{md_inline(info.title)}]({link}) | {md_inline(rev.version)} "
                     f"| {md_inline(rev.author) or '—'} | {md_inline(rev.summary)} |")
    if not entries:
        lines.append("| — | — | — | — | 暂无修订记录 |")
    return Page(PATH, "修订记录", "\n".join(lines) + "\n", SECTION)
