"""Document-control facts of one controlled YAML file, and the header/footer every generated page carries.

The models (schemes, standards, diagnosis tables …) are written by different people; this module reads
their common document header through `document_info()`, which accepts any object or mapping that has the
fields of `schemas/common.schema.json` (kind, id, title, version, status, effective, owner, source,
revisions), so the site does not depend on one model class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping

from .citations import citation
from .markup import md_inline, plain, safe_href


KIND_NAMES = {
    "scheme": "考核方案",
    "standard": "标准",
    "catalog": "标准库",
    "diagnosis": "诊断项目表",
    "diagnosis-table": "诊断项目表",
    "review": "复核程序",
    "review-procedure": "复核程序",
    "objectives": "质量方针与质量目标",
    "roadmap": "建设路线图",
    "organization": "组织体系",
    "system-map": "体系架构",
    "improvement-spiral": "质量改进螺旋",
    "timetable": "进度与职责",
    "diagnosis-elements": "诊断要素清单",
    "institutions": "机构目录",
    "overlay": "校本扩展",
}


@dataclass(frozen=True)
class Revision:
    version: str
    date: str
    summary: str
    author: str = ""


@dataclass(frozen=True)
class DocumentInfo:
    """What a reader needs to trust a page: which controlled document, which version, from where."""

    kind: str
    id: str
    title: str
    path: str  # repository-relative path of the YAML file, e.g. "rules/cz-quality-season.yaml"
    version: str = ""
    status: str = ""
    effective: str = ""
    owner: str = ""
    source_file: str = ""
    source_section: str = ""
    revisions: tuple[Revision, ...] = field(default_factory=tuple)


def get(obj: Any, *names: str, default: Any = None) -> Any:
    """First present attribute (model objects) or key (plain mappings) among `names`."""
    for name in names:
        if isinstance(obj, Mapping) and name in obj:
            return obj[name]
        if not isinstance(obj, Mapping) and hasattr(obj, name):
            return getattr(obj, name)
    return default


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return plain(value)


def document_info(obj: Any, *, path: str = "", kind: str = "") -> DocumentInfo:
    """Read the document header from a model object (or its `meta`/`document` attribute) or a mapping."""
    meta = get(obj, "meta", "document", "header", default=None) or obj
    source = get(meta, "source", default=None) or {}
    revisions = tuple(
        Revision(
            version=_text(get(r, "version")),
            date=_text(get(r, "date")),
            summary=_text(get(r, "summary")),
            author=_text(get(r, "author", default="")),
        )
        for r in (get(meta, "revisions", default=None) or ())
    )
    return DocumentInfo(
        kind=_text(get(meta, "kind", default=kind) or kind),
        id=_text(get(meta, "id", default=get(obj, "id", default=""))),
        title=_text(get(meta, "title", default=get(obj, "title", default=""))),
        path=_text(path or get(meta, "path", "file", default="") or get(obj, "path", "file", default="")),
        version=_text(get(meta, "version", default="")),
        status=_text(get(meta, "status", default="")),
        effective=_text(get(meta, "effective", "effective_date", default="")),
        owner=_text(get(meta, "owner", default="")),
        source_file=_text(get(source, "file", default="")),
        source_section=_text(get(source, "section", default="")),
        revisions=revisions,
    )


def kind_name(kind: str) -> str:
    """The Chinese name of a document kind; an unknown kind gets none rather than its English id."""
    return KIND_NAMES.get(kind, "")


def blob_url(repo_url: str | None, path: str, branch: str = "main") -> str:
    """The repository page of a file, in the forge's URL form (GitHub: <repo>/blob/<branch>/<path>)."""
    return f"{repo_url.rstrip('/')}/blob/{branch}/{path}" if repo_url else ""


def source_link(info: DocumentInfo, repo_url: str | None, branch: str = "main") -> str:
    """Markdown for the YAML file: a link into the repository when we know its address, else the path."""
    if not info.path:
        return ""
    url = safe_href(blob_url(repo_url, info.path, branch))
    return f"[`{info.path}`]({url})" if url else f"`{info.path}`"


def header(info: DocumentInfo, repo_url: str | None = None, branch: str = "main") -> str:
    """The document-control box at the top of every generated page (compact: three lines)."""
    source = md_inline(citation({"file": info.source_file, "section": info.source_section}))
    first = " · ".join(f"**{k}** {v or '—'}" for k, v in (
        ("版本", md_inline(info.version)), ("状态", md_inline(info.status)),
        ("生效日期", md_inline(info.effective)), ("责任部门", md_inline(info.owner))))
    kind = f"（{md_inline(kind_name(info.kind))}）" if kind_name(info.kind) else ""
    return (
        f'!!! info "受控文件{kind}"\n\n'
        f"    {first}<br>\n"
        f"    **出处** {source or '—'}<br>\n"
        f"    **YAML 文件** {source_link(info, repo_url, branch) or '—'}（本页由该文件自动生成；修改请编辑 YAML，"
        "提高版本号并补充修订记录）\n"
    )


def footer(info: DocumentInfo) -> str:
    """The revision record at the foot of every generated page."""
    lines = ["## 修订记录", "", "| 版本 | 日期 | 修订人 | 修订内容 |", "| --- | --- | --- | --- |"]
    for r in info.revisions:
        lines.append(f"| {md_inline(r.version)} | {md_inline(r.date)} | {md_inline(r.author) or '—'} "
                     f"| {md_inline(r.summary)} |")
    if not info.revisions:
        lines.append("| — | — | — | 暂无修订记录 |")
    return "\n".join(lines) + "\n"


def page(info: DocumentInfo, title: str, body: str, repo_url: str | None = None,
         hide: tuple[str, ...] = ()) -> str:
    """A whole generated page: title, document box, body, revision record.

    `hide` lists Material page parts to hide (e.g. "navigation" to give a wide table the full width)."""
    front = "---\nhide:\n" + "".join(f"  - {x}\n" for x in hide) + "---\n\n" if hide else ""
    return f"{front}# {md_inline(title)}\n\n{header(info, repo_url)}\n{body.rstrip()}\n\n{footer(info)}"

