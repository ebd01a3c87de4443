"""Standards side of the handbook: the catalog (by level and by system), one page per standard with its
requirements, and the diagnosis item table. Rendered from the validated documents under standards/
(`zhibiao.standards` checks them); each kind is optional, so a kind not written yet adds no page."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..errors import ZhibiaoError
from .documents import DocumentInfo, document_info, page
from .markup import attr, h, md, md_inline
from .pages import Context, Page, Site, Source
from .sources import relative

LEVELS = ("学校", "专业", "课程", "教师", "学生")
SYSTEMS = ("决策指挥", "质量生成", "资源建设", "支持服务", "监督控制")
CATALOG, DIAGNOSIS = "标准库", "诊断与复核"


def load_standards(root: Path) -> tuple[dict[str, list[Source]], list[str]]:
    """kind → documents of that kind under standards/, and every validation error (cross-file checks included).

    The documents are checked together by `zhibiao.validate` (schema and semantic checks of the standards side);
    a document with errors is still rendered, and the errors are returned so the strict build fails."""
    from ..errors import errors_only
    from ..loading import load_file

    folder = root / "standards"
    found: dict[str, list[Source]] = {}
    problems: list[str] = []
    if not folder.is_dir():
        return found, problems
    try:
        from ..validate import validate
    except ImportError:
        validate = None
    if validate is not None:
        problems += [str(p) for p in errors_only(validate([folder])[0])]
    for path in sorted(folder.rglob("*.y*ml")):
        try:
            doc = load_file(path)
        except ZhibiaoError as exc:
            if validate is None:
                problems.append(str(exc))
            continue
        kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
        if kind:
            found.setdefault(str(kind), []).append(Source(doc.data, relative(path, root)))
    return found, problems


def source_text(src: Any) -> str:
    if not isinstance(src, dict):
        return ""
    return "，".join(x for x in (src.get("file", ""), src.get("section", "")) if x)


def notes(d: dict, *, indent: str = "") -> str:
    """The document's coding decisions and open questions, shown for reviewers."""
    out = []
    for key, label in (("decision", "编码说明"), ("uncertain", "存疑之处")):
        value = d.get(key)
        if not value:
            continue
        values = value if isinstance(value, list) else [value]
        out += [f'{indent}!!! note "{label}"', ""] + [f"{indent}    - {md_inline(v)}" for v in values] + [""]
    return "\n".join(out)


def standard_url(doc_id: str) -> str:
    return f"standards/{doc_id}.md"


def _requirement_rows(items: list[dict], owner_of: dict[str, str], here: str) -> str:
    def ref(i: str) -> str:
        target = owner_of.get(i)
        if target is None:
            return f"`{md_inline(i)}`"
        href = f"#{i}" if target == here else f"{target}.md#{i}"
        return f"[{md_inline(i)}]({href})"

    out = []
    for it in items:
        iid = str(it.get("id"))
        out += [f"### {md_inline(it.get('name'))} {{#{iid}}}", ""]
        facts = [f"标识：`{md_inline(iid)}`"]
        if it.get("category"):
            facts.append(f"类别：{md_inline(it['category'])}")
        if it.get("refines"):
            facts.append("细化：" + "、".join(ref(str(r)) for r in it["refines"]))
        if it.get("next"):
            facts.append(f"进阶：{ref(str(it['next']))}")
        if it.get("owner_department"):
            facts.append(f"牵头部门：{md_inline(it['owner_department'])}")
        if it.get("participants"):
            parts = it["participants"]
            facts.append("参与部门：" + ("、".join(md_inline(p) for p in parts) if isinstance(parts, list) else md_inline(parts)))
        out += ["- " + "；".join(facts), "", md(it.get("text", "")), ""]
        if it.get("tasks_text"):
            out += [f"**主要任务**：{md_inline(it['tasks_text'])}", ""]
        if it.get("source"):
            out += [f"<small>出处：{h(source_text(it['source']))}</small>", ""]
        out.append(notes(it))
    return "\n".join(out)


def render_catalog(sources: list[Source], ctx: Context) -> tuple[list[Page], list[tuple[DocumentInfo, str]], dict[str, str]]:
    owner_of = {str(it.get("id")): str(s.obj.get("id")) for s in sources for it in s.obj.get("items", [])}
    pages: list[Page] = []
    shown: list[tuple[DocumentInfo, str]] = []
    rows: list[tuple[str, str, str, int]] = []
    for src in sorted(sources, key=lambda s: (LEVELS.index(s.obj.get("level")) if s.obj.get("level") in LEVELS else 9,
                                              str(s.obj.get("id")))):
        d = src.obj
        info = document_info(d, path=src.path, kind="standard")
        body = "\n".join([
            f"- 层面：{md_inline(d.get('level') or '—')}；系统：{md_inline(d.get('system') or '未指定')}；"
            f"要求 {len(d.get('items', []))} 项", "", md(d.get("text", "")), "", notes(d), "## 标准要求", "",
            _requirement_rows(d.get("items", []), owner_of, info.id)])
        path = standard_url(info.id)
        pages.append(Page(path, info.title, page(info, info.title, body, ctx.repo_url), CATALOG, src.path,
                          subsection=f"{d.get('level') or '其他'}层面"))
        shown.append((info, path))
        rows.append((str(d.get("level") or "—"), str(d.get("system") or ""), f"[{md_inline(info.title)}]({info.id}.md)",
                     len(d.get("items", []))))
    index = ["# 标准库", "", "学院内部质量保证体系的全部标准，按层面（五横）与系统（五纵）编排；每个标准一页，列出其全部要求。", "",
             "## 按层面", ""]
    for level in (*LEVELS, "—"):
        mine = [r for r in rows if r[0] == level]
        if mine:
            index += [f"### {level}层面" if level != "—" else "### 未指定层面", ""]
            index += [f"- {r[2]}（{r[3]} 项要求；系统：{r[1] or '未指定'}）" for r in mine] + [""]
    index += ["## 按系统", ""]
    for system in (*SYSTEMS, ""):
        mine = [r for r in rows if r[1] == system]
        if mine:
            index += [f"### {system}系统" if system else "### 未指定系统", ""]
            index += [f"- {r[2]}（{r[0]}层面）" for r in mine] + [""]
    values = {"count.standards": str(len(rows)), "count.requirements": str(sum(r[3] for r in rows))}
    return [Page("standards/index.md", "标准库", "\n".join(index), CATALOG)] + pages, shown, values


def render_diagnosis(src: Source, ctx: Context) -> tuple[list[Page], DocumentInfo, dict[str, str]]:
    d = src.obj
    info = document_info(d, path=src.path, kind="diagnosis-table")
    head = ("<tr><th>诊断项目</th><th>诊断要素</th><th>诊断点</th><th>影响因素参考提示</th>"
            "<th>数据平台编号</th><th>支撑材料</th></tr>")
    rows: list[str] = []
    n_elements = n_points = 0
    for item in d.get("items", []):
        item_span = sum(max(1, len(e.get("points", []))) for e in item.get("elements", []))
        first_item = True
        for el in item.get("elements", []):
            n_elements += 1
            points = el.get("points", []) or [{}]
            for i, p in enumerate(points):
                n_points += 1 if p else 0
                cells = ""
                if first_item:
                    cells += f'<td rowspan="{item_span}" id="item-{attr(str(item.get("code")))}">{h(item.get("code"))} {h(item.get("name"))}</td>'
                if i == 0:
                    cells += f'<td rowspan="{len(points)}" id="element-{attr(str(el.get("code")))}">{h(el.get("code"))} {h(el.get("name"))}</td>'
                mats = "".join(f"<li>{h(m)}</li>" for m in p.get("materials", []))
                extra = f'<span class="zb-machine">存疑：{h(p["uncertain"])}</span>' if p.get("uncertain") else ""
                cells += (f"<td>{h(p.get('name', '—'))}</td><td>{h(p.get('text', ''))}{extra}</td>"
                          f"<td>{h(p.get('platform_refs', '') or '—')}</td><td><ul>{mats}</ul></td>" if p else "<td>—</td>" * 4)
                rows.append(f"<tr>{cells}</tr>")
                first_item = False
    table = f'<div class="zb-scheme">\n<table>\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    body = "\n".join([f"共 {len(d.get('items', []))} 个诊断项目、{n_elements} 个诊断要素、{n_points} 个诊断点。"
                      "诊改时逐项对照诊断点，以数据平台数据与支撑材料为依据。", "", notes(d), "## 诊断项目表", "", table])
    path = f"diagnosis/{info.id}.md"
    values = {"diagnosis.items": str(len(d.get("items", []))), "diagnosis.elements": str(n_elements),
              "diagnosis.points": str(n_points), "diagnosis.link": f"[{md_inline(info.title)}](@@/{path})"}
    return [Page(path, info.title, page(info, info.title, body, ctx.repo_url, hide=("navigation",)), DIAGNOSIS,
                 src.path, nav_title="诊断项目表")], info, values


Renderer = Callable[[Source, Context], tuple[list[Page], DocumentInfo, dict[str, str]]]


def render_standards_side(ctx: Context, site: Site, shown: list[tuple[DocumentInfo, str]]) -> None:
    from .governance_pages import RENDERERS as GOVERNANCE

    docs, problems = load_standards(ctx.root)
    site.problems += problems
    if docs.get("standard"):
        pages, infos, values = render_catalog(docs["standard"], ctx)
        site.pages += pages
        shown += infos
        site.documents += [i for i, _ in infos]
        site.values.update(values)
    renderers: dict[str, Renderer] = {"diagnosis-table": render_diagnosis, **GOVERNANCE}
    for kind, render in renderers.items():
        for src in docs.get(kind, []):
            try:
                pages, info, values = render(src, ctx)
            except (KeyError, TypeError, AttributeError, ValueError) as exc:
                site.problems.append(f"{src.path}: 无法生成页面（{kind}）：{exc!r}")
                continue
            site.pages += pages
            site.documents.append(info)
            shown.append((info, pages[0].path))
            site.values.update(values)
