"""Standards side of the handbook: the catalog (by level and by system), one page per standard with its
requirements, and the diagnosis item table. Rendered from the typed model of the documents under standards/
(`Repository.catalog`: only documents that pass schema and semantic checks); each kind is
optional, so a kind not written yet adds no page."""

from __future__ import annotations

import re
from typing import Any, Callable

from ..model.standards import Catalog, DiagnosisTable, Requirement, Standard
from .documents import DocumentInfo, document_info, get, page
from .citations import citation
from .markup import attr, h, md, md_inline
from .pages import Context, Page

LEVELS = ("学校", "专业", "课程", "教师", "学生")
SYSTEMS = ("决策指挥", "质量生成", "资源建设", "支持服务", "监督控制")
CATALOG, DIAGNOSIS = "标准库", "诊断与复核"


def source_text(src: Any, within: str = "") -> str:
    """“《title》section” of a citation (a `Source` model or a mapping); see `citations.citation`."""
    return citation(src, within=within)


def notes(obj: Any, *, indent: str = "") -> str:
    """The document's coding decisions and open questions: for reviewers, so folded (click to open)."""
    out = []
    for key, label in (("decision", "编码说明"), ("uncertain", "存疑之处")):
        value = get(obj, key, default=None)
        if not value:
            continue
        values = [value] if isinstance(value, str) else list(value)
        out += [f'{indent}??? note "{label}"', ""] + [f"{indent}    - {md_inline(v)}" for v in values] + [""]
    return "\n".join(out)


def standard_url(doc_id: str) -> str:
    return f"standards/{doc_id}.md"


def requirement_href(rid: str, catalog: Catalog, from_folder: str) -> str | None:
    """Link from a page in `from_folder` (e.g. "diagnosis") to requirement `rid` on its standard's page."""
    std = catalog.standard_of(rid)
    if std is None:
        return None
    if from_folder == "standards":
        return f"{std.id}.md#{rid}"
    return f"../{standard_url(std.id)}#{rid}"


def requirement_name(rid: str, catalog: Catalog, *, qualified: bool = True) -> str:
    """A requirement as a reader names it: “教师发展标准·共性标准” (just “共性标准” on its own standard's page);
    the id only when the catalog does not know it."""
    req, std = catalog.requirement(rid), catalog.standard_of(rid)
    if req is None:
        return rid
    if not qualified or std is None:
        return req.name
    return f"{re.sub(r'（[^（）]*）$', '', std.title)}·{req.name}"


def requirement_link(rid: str, catalog: Catalog, from_folder: str) -> str:
    href = requirement_href(rid, catalog, from_folder)
    name = md_inline(requirement_name(rid, catalog))
    return f"[{name}]({href})" if href else name


def id_tag(ident: str) -> str:
    """An id shown small and grey, for the committee member who cites it in YAML (raw HTML, escaped)."""
    return f'<span class="zb-id" title="在 YAML 中引用时写这个标识">{md_inline(ident)}</span>'


def _requirement_rows(std: Standard, catalog: Catalog) -> str:
    def ref(i: str) -> str:
        owner = catalog.standard_of(i)
        if owner is None:
            return md_inline(i)
        same = owner.id == std.id
        href = f"#{i}" if same else f"{owner.id}.md#{i}"
        return f"[{md_inline(requirement_name(i, catalog, qualified=not same))}]({href})"

    out = []
    for it in std.items:
        out += [f"### {md_inline(it.name)} {{#{it.id}}}", ""]
        facts = _facts(it, ref)
        out += [("- " + "；".join(facts) + " " if facts else "") + id_tag(it.id), "", md(it.text), ""]
        if it.tasks_text:
            out += [f"**主要任务**：{md_inline(it.tasks_text)}", ""]
        if it.source.file or it.source.section:
            # Inline HTML inside Markdown: its content is still Markdown, so md_inline, not h.
            out += [f"<small>出处：{md_inline(source_text(it.source, std.meta.source.file))}</small>", ""]
        out.append(notes(it))
    return "\n".join(out)


def _facts(it: Requirement, ref: Callable[[str], str]) -> list[str]:
    facts = []
    if it.category:
        facts.append(f"类别：{md_inline(it.category)}")
    if it.refines:
        facts.append("细化：" + "、".join(ref(r) for r in it.refines))
    if it.next:
        facts.append(f"进阶：{ref(it.next)}")
    if it.owner_department:
        facts.append(f"牵头部门：{md_inline(it.owner_department)}")
    if it.participants:
        facts.append("参与部门：" + "、".join(md_inline(p) for p in it.participants))
    return facts


def _serves(std: Standard, catalog: Catalog) -> list[str]:
    """The target-chain goals this standard serves, linked to the improvement spiral page."""
    links = []
    for gid in std.serves:
        spiral = next((sp for sp in catalog.spirals if sp.goal(gid) is not None), None)
        goal = spiral.goal(gid) if spiral else None
        links.append(f"[{md_inline(goal.name)}](../diagnosis/{spiral.id}.md#{gid})" if spiral and goal else f"`{md_inline(gid)}`")
    return [f"- 服务目标：{'、'.join(links)}"] if links else []


def _level_order(std: Standard) -> tuple[int, str]:
    return (LEVELS.index(std.level) if std.level in LEVELS else 9, std.id)


def render_catalog(catalog: Catalog, ctx: Context) -> tuple[list[Page], list[tuple[DocumentInfo, str]], dict[str, str]]:
    pages: list[Page] = []
    shown: list[tuple[DocumentInfo, str]] = []
    rows: list[tuple[str, str, str, int]] = []
    for std in sorted(catalog.standards, key=_level_order):
        info = document_info(std, kind="standard")
        system = f"；系统：{md_inline(std.system)}" if std.system else ""  # most sources name no system
        body = "\n".join([
            f"- 层面：{md_inline(std.level or '—')}{system}；要求 {len(std.items)} 项", *_serves(std, catalog), "",
            md(std.text), "", notes(std), "## 标准要求", "", _requirement_rows(std, catalog)])
        path = standard_url(info.id)
        pages.append(Page(path, info.title, page(info, info.title, body, ctx.repo_url), CATALOG, std.meta.path,
                          subsection=f"{std.level or '其他'}层面"))
        shown.append((info, path))
        rows.append((std.level or "—", std.system, f"[{md_inline(info.title)}]({info.id}.md)", len(std.items)))
    index = ["# 标准库", "", "学院内部质量保证体系的全部标准，按层面（五横）与系统（五纵）编排；每个标准一页，列出其全部要求。", "",
             "## 按层面", ""]
    for level in (*LEVELS, "—"):
        mine = [r for r in rows if r[0] == level]
        if mine:
            index += [f"### {level}层面" if level != "—" else "### 未指定层面", ""]
            index += [f"- {r[2]}（{r[3]} 项要求{'；系统：' + md_inline(r[1]) if r[1] else ''}）" for r in mine] + [""]
    index += ["## 按系统", ""]
    for system in (*SYSTEMS, ""):
        mine = [r for r in rows if r[1] == system]
        if mine:
            index += [f"### {system}系统" if system else "### 原文未指明所属系统", ""]
            index += [f"- {r[2]}（{r[0]}层面）" for r in mine] + [""]
    values = {"count.standards": str(len(rows)), "count.requirements": str(sum(r[3] for r in rows))}
    return [Page("standards/index.md", "标准库", "\n".join(index), CATALOG)] + pages, shown, values


DIAGNOSIS_COLUMNS = ("诊断项目", "诊断要素", "诊断点", "影响因素参考提示", "数据平台编号", "支撑材料")


def _td(column: int, content: str, extra: str = "") -> str:
    return f'<td data-label="{DIAGNOSIS_COLUMNS[column]}"{extra}>{content}</td>'


def render_diagnosis(table_doc: DiagnosisTable, ctx: Context, catalog: Catalog) -> tuple[list[Page], DocumentInfo, dict[str, str]]:
    d = table_doc
    info = document_info(d, kind="diagnosis-table")
    head = "<tr>" + "".join(f"<th>{c}</th>" for c in DIAGNOSIS_COLUMNS) + "</tr>"
    rows: list[str] = []
    for item in d.items:
        item_span = sum(max(1, len(e.points)) for e in item.elements)
        first_item = True
        for el in item.elements:
            points = el.points or (None,)
            for i, p in enumerate(points):
                cells = ""
                if first_item:
                    cells += _td(0, f"{h(item.code)} {h(item.name)}",
                                 f' class="zb-span" rowspan="{item_span}" id="item-{attr(item.code)}"')
                if i == 0:
                    cells += _td(1, f"{h(el.code)} {h(el.name)}",
                                 f' class="zb-span" rowspan="{len(points)}" id="element-{attr(el.code)}"')
                if p is None:
                    cells += "".join(_td(c, "—") for c in range(2, 6))
                else:
                    mats = "".join(f"<li>{h(m)}</li>" for m in p.materials)
                    extra = "".join(f'<span class="zb-machine">存疑：{h(u)}</span>' for u in p.uncertain)
                    cells += (_td(2, h(p.name)) + _td(3, f"{h(p.text)}{extra}")
                              + _td(4, h(p.platform_refs or "—")) + _td(5, f"<ul>{mats}</ul>" if mats else "—"))
                rows.append(f"<tr>{cells}</tr>")
                first_item = False
    table = (f'<div class="zb-scheme zb-cards zb-wide">\n<table>\n<thead>{head}</thead>\n<tbody>\n'
             + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n")
    n_items, n_elements, n_points = len(d.items), len(d.elements), len(d.points)
    # The maintainers' notes on how the flattened source table was read come after the table, folded.
    body = "\n".join([f"共 {n_items} 个诊断项目、{n_elements} 个诊断要素、{n_points} 个诊断点。"
                      "诊改时逐项对照诊断点，以数据平台数据与支撑材料为依据。", "", "## 诊断项目表", "", table,
                      notes(d)])
    path = f"diagnosis/{info.id}.md"
    values = {"diagnosis.items": str(n_items), "diagnosis.elements": str(n_elements),
              "diagnosis.points": str(n_points), "diagnosis.link": f"[{md_inline(info.title)}](@@/{path})"}
    return [Page(path, info.title, page(info, info.title, body, ctx.repo_url, hide=("navigation",)), DIAGNOSIS,
                 d.meta.path, nav_title="诊断项目表")], info, values


