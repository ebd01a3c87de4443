"""Controlled documents under standards/ whose kind has no page of its own yet (timetables, the element list,
the institution registry …): a plain page with the document-control box, the coding notes and the revision
record, so that every controlled document is published and listed in the changelog. A kind that gets a
dedicated renderer simply stops appearing here."""

from __future__ import annotations

from ..errors import ZhibiaoError
from ..load import load_file
from .documents import DocumentInfo, document_info, kind_name, page
from .markup import md_inline
from .pages import Context, Page, Site
from .standards_pages import notes

SECTION_OF = {"diagnosis-elements": "诊断与复核"}
DEFAULT_SECTION = "目标与组织"


def _outline(data: dict) -> str:
    """One line per list in the document: what it holds and how many, so a reader knows what the YAML has."""
    lines = [f"- `{md_inline(key)}`：{len(value)} 项" for key, value in data.items()
             if isinstance(value, list) and key not in ("revisions", "uncertain")]
    return "\n".join(lines)


def render_other_documents(ctx: Context, site: Site, shown: list[tuple[DocumentInfo, str]]) -> None:
    folder = ctx.root / "standards"
    done = {info.path for info, _ in shown}
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        rel = path.relative_to(ctx.root).as_posix()
        if rel in done:
            continue
        try:
            doc = load_file(path, rel)
        except ZhibiaoError:
            continue  # reported by validation (load_standards) already
        data = doc.data
        if not isinstance(data, dict) or not data.get("kind") or not data.get("id") or not data.get("title"):
            continue
        info = document_info(data, path=rel)
        body = "\n\n".join(x.strip() for x in (
            md_inline(data.get("text", "")), notes(data),
            f"本文件（{md_inline(kind_name(info.kind))}）的专门页面尚未生成，内容以 YAML 文件为准：",
            _outline(data)) if x.strip())
        target = f"{info.kind}/{info.id}.md"
        site.pages.append(Page(target, info.title, page(info, info.title, body, ctx.repo_url),
                               SECTION_OF.get(info.kind, DEFAULT_SECTION), rel))
        site.documents.append(info)
        shown.append((info, target))
