"""Governance pages: quality objectives, review (复核) rules, the improvement spiral, the 五纵五横 matrix,
the three-level organization and the ISO 9001 roadmap as a timeline. Each takes one typed document
(`zhibiao.model.standards`) and the catalog, to link the standards it names."""

from __future__ import annotations

import re
from typing import Any

from ..conditions import describe
from ..model.standards import (Catalog, ImprovementSpiral, Objectives, Organization, Period, ReviewProcedure, Roadmap,
                               StandardsDocument, SystemMap)
from .diagrams import Cycle, Node, Span, matrix_svg, spiral_svg, timeline_svg, tree_svg
from .documents import DocumentInfo, document_info, page
from .markup import attr, h, md, md_inline, plain, table
from .pages import Context, Page
from .standards_pages import DIAGNOSIS, LEVELS, SYSTEMS, notes, requirement_link, source_text

GOALS = "目标与组织"
Result = tuple[list[Page], DocumentInfo, dict[str, str]]


def _page(doc: StandardsDocument, ctx: Context, kind: str, folder: str, section: str, body: str, nav: str,
          hide: tuple[str, ...] = ()) -> tuple[Page, DocumentInfo]:
    info = document_info(doc, kind=kind)
    path = f"{folder}/{info.id}.md"
    return Page(path, info.title, page(info, info.title, body, ctx.repo_url, hide=hide), section, doc.meta.path,
                nav_title=nav), info


def _note_text(values: tuple[str, ...]) -> str:
    return "；".join(values) or "—"


def render_objectives(d: Objectives, ctx: Context, catalog: Catalog) -> Result:
    policy = d.policy.text if d.policy else ""
    rows = []
    values = {"objectives.policy": md_inline(policy)}
    for obj in d.indicators:
        ind = obj
        std = ind.standard_grade or (f"{plain(ind.standard)}{ind.unit}" if ind.standard is not None else "—")
        rows.append([ind.name, ind.direction, _val(ind.target, ind.unit), std, _val(ind.warning, ind.unit), ind.text,
                     _note_text(obj.decision)])
        values[f"objective.{ind.id}.name"] = md_inline(ind.name)
        values[f"objective.{ind.id}.standard"] = md_inline(std)
        values[f"objective.{ind.id}.text"] = md_inline(ind.text)
    body = "\n".join([
        "## 质量方针", "", f"> {md_inline(policy)}", "", "## 质量目标", "", md(d.text), "",
        table(["指标", "方向", "目标值", "标准值", "预警值", "原文", "编码说明"], rows), notes(d)])
    p, info = _page(d, ctx, "objectives", "objectives", GOALS, body, "质量方针与质量目标")
    values["objectives.link"] = f"[{md_inline(info.title)}](@@/{p.path})"
    values["objectives.list"] = "、".join(f"{md_inline(r[0])}（{md_inline(r[5])}）" for r in rows)
    return [p], info, values


def _val(v: Any, unit: str) -> str:
    return "—" if v is None else f"{plain(v)}{unit}"


def render_review(d: ReviewProcedure, ctx: Context, catalog: Catalog) -> Result:
    params = {p.id: p for p in d.parameters}
    resolve = lambda pid: f"{params[pid].name}（{plain(params[pid].value)}）" if pid in params else pid  # noqa: E731
    names = {"agree_count": "相符项数", "measures": "改进措施评价", "conclusion": "复核结论",
             "previous_conclusion": "上次复核结论"}
    rows = []
    for c in d.conclusions:
        if c.otherwise:
            rule = "以上都不成立时"
        else:
            joiner = " 或 " if c.combination == "any" else " 且 "
            rule = joiner.join(describe(x, names, resolve) for x in c.conditions)
        rows.append([c.priority, c.name, c.text, rule])
    cons = [[q.name, "、".join(q.measures), describe(q.condition, names) if q.condition else "—",
             q.text, _note_text(q.decision)] for q in d.consequences]
    prm = [[p.name, plain(p.value), p.text, _note_text(p.decision)] for p in d.parameters]
    sampling, pub, period = d.sampling, d.publication, d.improvement_period
    body = "\n".join([
        "## 复核结论的判定", "", "按优先级从上到下判定，第一个成立的结论即为复核结论。", "",
        table(["优先级", "结论", "原文", "判定规则"], rows), "## 复核结论的后果", "",
        table(["后果", "措施", "适用条件", "原文", "编码说明"], cons),
        "## 改进期与抽样", "",
        f"- 改进期：{plain(period.months)} 个月。{md_inline(period.text)}",
        f"- 抽样：每 {plain(sampling.period_years)} 年抽样复核的学校数不少于总数的 "
        f"{md_inline(sampling.min_fraction)}，首轮 {plain(sampling.first_round_year or '—')} 年。"
        f"{md_inline('；'.join(sampling.decision))}",
        f"- 公示：复核工作开始前 {plain(pub.days_before)} 日在{md_inline(pub.where)}公示下列材料：", "",
        *[f"    1. {md_inline(m)}" for m in pub.materials], "",
        "## 参数", "", table(["名称", "取值", "原文", "编码说明"], prm), notes(d)])
    p, info = _page(d, ctx, "review", "review", DIAGNOSIS, body, "复核规则")
    values = {f"review.param.{k}": plain(v.value) for k, v in params.items()}
    values.update({"review.improvement_months": plain(period.months),
                   "review.sampling_years": plain(sampling.period_years),
                   "review.sampling_fraction": md_inline(sampling.min_fraction),
                   "review.publication_days": plain(pub.days_before),
                   "review.conclusions": "、".join(md_inline(r[1]) for r in rows),
                   "review.link": f"[{md_inline(info.title)}](@@/{p.path})"})
    return [p], info, values


def _goal_anchor(gid: str) -> str:
    return gid  # goal ids (goal.college …) are stable and never clash with heading slugs


def _serving(gid: str, catalog: Catalog) -> list[str]:
    """Links to the standards (whole documents or single requirements) that declare they serve goal `gid`."""
    out = []
    for std in catalog.standards:
        if gid in std.serves:
            out.append(f"[{md_inline(std.title)}](../standards/{std.id}.md)")
        out += [requirement_link(r.id, catalog, "diagnosis") for r in std.items if gid in r.serves]
    return out


def spiral_diagram(d: ImprovementSpiral) -> str:
    """The loops as a figure 8; a lower loop joins the one above at its `returns_to` step when that step is
    shared (实施 for the 小循环), else at the first step the two loops share."""
    cycles: list[Cycle] = []
    for i, lp in enumerate(d.loops):
        joins = 0
        if i > 0:
            above = set(d.loops[i - 1].steps)
            shared = [k for k, sid in enumerate(lp.steps) if sid in above]
            joins = lp.steps.index(lp.returns_to) if lp.returns_to in above and lp.returns_to in lp.steps else (
                shared[0] if shared else 0)
        cycles.append(Cycle(lp.name, tuple(d.step_name(sid) for sid in lp.steps), joins))
    return spiral_svg("8字形质量改进螺旋", cycles, ident=d.id) if cycles else ""


def render_spiral(d: ImprovementSpiral, ctx: Context, catalog: Catalog) -> Result:
    loops = [f"- **{md_inline(lp.name)}**：" + " → ".join(md_inline(d.step_name(s)) for s in lp.steps)
             + f" → （回到{md_inline(d.step_name(lp.returns_to) if lp.returns_to else '')}）" for lp in d.loops]
    tc, sc = d.target_chain, d.standard_chain
    goals = {g.id: g.name for g in tc.links}

    def goal(gid: str) -> str:
        return f"[{md_inline(goals[gid])}](#{_goal_anchor(gid)})" if gid in goals else md_inline(gid)

    t_rows = [[f'<span id="{attr(_goal_anchor(x.id))}"></span>{md_inline(x.name)}', md_inline(x.level) or "—",
               goal(x.refines) if x.refines else "—", "、".join(_serving(x.id, catalog)) or "—"] for x in tc.links]
    s_rows = [[md_inline(x.name), "、".join(goal(g) for g in x.serves),
               "、".join(requirement_link(r, catalog, "diagnosis") for r in x.standards) or "—"] for x in sc.links]
    within = d.meta.source.file
    variants = [f"- {md_inline(v.text)}（出处：{md_inline(source_text(v.source, within))}）" for v in d.variants]
    if variants:
        variants = ["原文中的其他表述：", "", *variants, ""]
    body = "\n".join(["## 两个循环", "", md(d.text), "", spiral_diagram(d), "", *loops, "", *variants, notes(d),
                      "## 目标链", "", md(tc.text), "", _raw_table(["环节", "层面", "细化自", "服务于该目标的标准"], t_rows), notes(tc),
                      "## 标准链", "", md(sc.text), "", _raw_table(["环节", "支撑目标", "对应标准"], s_rows), notes(sc)])
    p, info = _page(d, ctx, "improvement-spiral", "diagnosis", DIAGNOSIS, body, "8字形质量改进螺旋")
    outer = d.loop("outer")
    values = {"spiral.link": f"[{md_inline(info.title)}](@@/{p.path})", "spiral.diagram": spiral_diagram(d)}
    if outer:
        values["spiral.outer"] = "→".join(md_inline(d.step_name(s)) for s in outer.steps)
    inner = d.loop("inner")
    if inner:
        values["spiral.inner"] = " → ".join(md_inline(d.step_name(s)) for s in inner.steps)
    return [p], info, values


def _raw_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table whose cells are already Markdown (links); `markup.table` would escape them."""
    cell = lambda v: str(v).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def system_map_diagram(d: SystemMap) -> str:
    """五纵（systems, with what each answers for) across 五横（levels）on the platform (一平台)."""
    columns = [(s.system, re.sub(r"（[^）]*）", "", s.responsible_for)) for s in d.systems]
    rows = [x.level for x in d.levels] or list(LEVELS)
    platform = f"一平台：{d.platform.name}" if d.platform else "一平台"
    return matrix_svg("五纵五横一平台", columns, rows, platform, ident=d.id) if columns else ""


def render_system_map(d: SystemMap, ctx: Context, catalog: Catalog) -> Result:
    head = "<tr><th>部门</th>" + "".join(f"<th>{h(s.system)}</th>" for s in d.systems) + "</tr>"
    rows = []
    for dept in d.departments:
        in_sys = set(d.systems_of(dept))
        cells = "".join(f"<td>{'●' if s.system in in_sys else ''}</td>" for s in d.systems)
        rows.append(f'<tr id="dept-{attr(dept.id)}"><td>{h(dept.name)}</td>{cells}</tr>')
    matrix = f'<div class="zb-scheme zb-matrix">\n<table>\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    sys_rows = [[s.system, s.responsible_for, "、".join(s.members), s.text] for s in d.systems]
    levels = "、".join(md_inline(x.level) for x in d.levels) or "、".join(LEVELS)
    body = "\n".join([md(d.text), "", system_map_diagram(d), "", f"- 五横（层面）：{levels}",
                      f"- 五纵（系统）：{'、'.join(md_inline(s.system) for s in d.systems) or '、'.join(SYSTEMS)}",
                      f"- 一平台：{md_inline(d.platform.name if d.platform else '—')}", "", notes(d),
                      "## 五纵：各系统的质量责任", "", table(["系统", "负责", "成员", "原文"], sys_rows),
                      "## 部门 × 系统矩阵", "", "● 表示该部门属于该系统；空行表示原文未指明其系统归属。", "", matrix])
    p, info = _page(d, ctx, "system-map", "organization", GOALS, body, "五纵五横", hide=("navigation",))
    values = {"systems.list": "、".join(f"{md_inline(s.system)}（{md_inline(s.responsible_for)}）" for s in d.systems),
              "systems.link": f"[{md_inline(info.title)}](@@/{p.path})", "departments.count": str(len(d.departments)),
              "systems.diagram": system_map_diagram(d)}
    return [p], info, values


def organization_diagram(d: Organization, link: bool = True) -> str:
    """The bodies as a tree of boxes; the three tiers carry a badge (第 1 级 …)."""
    nodes = [Node(b.id, b.short_name or b.name, b.name if b.short_name else "", f"第 {b.tier} 级" if b.tier else "",
                  b.reports_to, f"#{b.id}" if link else "") for b in d.bodies]
    return tree_svg("三级质量保证组织", nodes, ident=d.id) if nodes else ""


def render_organization(d: Organization, ctx: Context, catalog: Catalog) -> Result:
    def tree(parent: str, depth: int) -> list[str]:
        out = []
        for b in d.children(parent):
            tier = f"（第 {b.tier} 级）" if b.tier else ""
            short = f"（{md_inline(b.short_name)}）" if b.short_name else ""
            out.append(f"{'    ' * depth}- [{md_inline(b.name)}](#{b.id}){short}{tier}")
            out += tree(b.id, depth + 1)
        return out

    sections = []
    for b in d.bodies:
        duties = [f"- {'**' + md_inline(x.scope) + '**：' if x.scope else ''}{md_inline(x.text)}" for x in b.duties]
        sections += [f"### {md_inline(b.name)} {{#{b.id}}}", "", f"- 负责人：{md_inline(b.head_text or '—')}",
                     f"- 出处：{md_inline(source_text(b.source, d.meta.source.file))}", "", "**职责**", "", *duties, ""]
    body = "\n".join(["## 组织层级", "", organization_diagram(d), "", *tree("", 0), "", notes(d), "## 各机构职责", "",
                      *sections])
    p, info = _page(d, ctx, "organization", "organization", GOALS, body, "三级质量保证组织")
    tiers = sorted((b for b in d.bodies if b.tier), key=lambda b: b.tier or 0)
    values = {"organization.tiers": " → ".join(md_inline(b.short_name or b.name) for b in tiers),
              "organization.diagram": organization_diagram(d, link=False),
              "organization.link": f"[{md_inline(info.title)}](@@/{p.path})"}
    return [p], info, values


def _timeline(entries: tuple[Period, ...], phases: bool) -> str:
    items = []
    for e in entries:
        title = f"{h(f'第 {e.order} 阶段 ' if phases else '')}{h(e.name)}"
        unsure = "".join(f'<p class="zb-machine">存疑：{h(u)}</p>' for u in e.uncertain)
        items.append(f'<li id="{attr(e.id)}"><span class="zb-when">{h(e.start)} ～ {h(e.end)}'
                     f'（原文：{h(e.period_text)}）</span><strong>{title}</strong><p>{h(e.text)}</p>{unsure}</li>')
    return '<ol class="zb-timeline">\n' + "\n".join(items) + "\n</ol>\n"


def roadmap_diagrams(d: Roadmap) -> tuple[str, str]:
    """The main milestones and the phases, each as a timeline."""
    milestones = [Span(m.name or m.period_text, m.start, m.end, href=f"#{m.id}") for m in d.milestones]
    phases = [Span(f"{p.order}. {p.name}" if p.order else p.name, p.start, p.end, href=f"#{p.id}") for p in d.phases]
    return (timeline_svg("主要进程", milestones, ident=f"{d.id}-milestones"),
            timeline_svg("工作步骤及时间安排", phases, ident=f"{d.id}-phases"))


def render_roadmap(d: Roadmap, ctx: Context, catalog: Catalog) -> Result:
    pilots = "、".join(md_inline(x.name) for x in d.pilot_departments)
    milestone_chart, phase_chart = roadmap_diagrams(d)
    objectives = [f"{i}. **{md_inline(o.name)}**：{md_inline(o.text)}" for i, o in enumerate(d.objectives, 1)]
    body = "\n".join(["## 工作目标", "", *objectives, "", "## 工作原则", "", md(d.principle.text if d.principle else ""), "",
                      f"- 试点部门：{pilots or '—'}", "", notes(d), "## 主要进程", "", milestone_chart, "",
                      _timeline(d.milestones, False), "## 工作步骤及时间安排", "",
                      md(d.phases_text), "", phase_chart, "", _timeline(d.phases, True)])
    p, info = _page(d, ctx, "roadmap", "roadmap", GOALS, body, "ISO 9001 路线图")
    values = {"roadmap.link": f"[{md_inline(info.title)}](@@/{p.path})", "roadmap.phases": str(len(d.phases)),
              "roadmap.start": md_inline(d.phases[0].start) if d.phases else "—",
              "roadmap.end": md_inline(d.phases[-1].end) if d.phases else "—",
              "roadmap.diagram": roadmap_diagrams(d)[1]}
    return [p], info, values


RENDERERS = {"objectives": render_objectives, "review_procedures": render_review,
             "spirals": render_spiral, "system_maps": render_system_map,
             "organizations": render_organization, "roadmaps": render_roadmap}
