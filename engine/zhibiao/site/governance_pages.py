"""Governance pages: quality objectives, review (复核) rules, the improvement spiral, the 五纵五横 matrix,
the three-level organization and the ISO 9001 roadmap as a timeline. Each takes one validated document."""

from __future__ import annotations

from typing import Any

from ..conditions import describe
from .documents import DocumentInfo, document_info, page
from .markup import attr, h, md, md_inline, plain, table
from .pages import Context, Page, Source
from .standards_pages import DIAGNOSIS, LEVELS, SYSTEMS, notes, source_text

GOALS = "目标与组织"
Result = tuple[list[Page], DocumentInfo, dict[str, str]]


def _page(src: Source, ctx: Context, kind: str, folder: str, section: str, body: str, nav: str,
          hide: tuple[str, ...] = ()) -> tuple[Page, DocumentInfo]:
    info = document_info(src.obj, path=src.path, kind=kind)
    path = f"{folder}/{info.id}.md"
    return Page(path, info.title, page(info, info.title, body, ctx.repo_url, hide=hide), section, src.path,
                nav_title=nav), info


def render_objectives(src: Source, ctx: Context) -> Result:
    d = src.obj
    policy = (d.get("policy") or {}).get("text", "")
    rows = []
    values = {"objectives.policy": md_inline(policy)}
    for ind in d.get("indicators", []):
        unit = ind.get("unit", "")
        std = ind.get("standard_grade") or (f"{plain(ind['standard'])}{unit}" if ind.get("standard") is not None else "—")
        rows.append([ind.get("name"), ind.get("direction", ""), _val(ind.get("target"), unit), std,
                     _val(ind.get("warning"), unit), ind.get("text", ""), ind.get("decision", "") or "—"])
        values[f"objective.{ind['id']}.name"] = md_inline(ind.get("name"))
        values[f"objective.{ind['id']}.standard"] = md_inline(std)
        values[f"objective.{ind['id']}.text"] = md_inline(ind.get("text", ""))
    body = "\n".join([
        "## 质量方针", "", f"> {md_inline(policy)}", "", "## 质量目标", "", md(d.get("text", "")), "",
        table(["指标", "方向", "目标值", "标准值", "预警值", "原文", "编码说明"], rows), notes(d)])
    p, info = _page(src, ctx, "objectives", "objectives", GOALS, body, "质量方针与质量目标")
    values["objectives.link"] = f"[{md_inline(info.title)}](@@/{p.path})"
    values["objectives.list"] = "、".join(f"{md_inline(r[0])}（{md_inline(r[5])}）" for r in rows)
    return [p], info, values


def _val(v: Any, unit: str) -> str:
    return "—" if v is None else f"{plain(v)}{unit}"


def render_review(src: Source, ctx: Context) -> Result:
    d = src.obj
    params = {p["id"]: p for p in d.get("parameters", [])}
    resolve = lambda pid: f"{params[pid]['name']}（{plain(params[pid]['value'])}）" if pid in params else pid  # noqa: E731
    names = {"agree_count": "相符项数", "measures": "改进措施评价", "conclusion": "复核结论",
             "previous_conclusion": "上次复核结论"}
    rows = []
    for c in sorted(d.get("conclusions", []), key=lambda c: c.get("priority", 0)):
        if c.get("otherwise"):
            rule = "以上都不成立时"
        else:
            comb = c.get("combination")
            comb = plain(params[comb["param"]]["value"]) if isinstance(comb, dict) else comb
            joiner = " 或 " if comb == "any" else " 且 "
            rule = joiner.join(describe(x, names, resolve) for x in c.get("conditions", []))
        rows.append([c.get("priority"), c.get("name"), c.get("text"), rule])
    cons = [[q.get("name"), "、".join(q.get("measures", [])), describe(q["when"], names) if q.get("when") else "—",
             q.get("text"), q.get("decision", "") or "—"] for q in d.get("consequences", [])]
    prm = [[p["id"], p["name"], plain(p["value"]), p.get("text", ""), p.get("decision", "") or "—"]
           for p in d.get("parameters", [])]
    sampling, pub, period = d.get("sampling") or {}, d.get("publication") or {}, d.get("improvement_period") or {}
    body = "\n".join([
        "## 复核结论的判定", "", "按优先级从上到下判定，第一个成立的结论即为复核结论。", "",
        table(["优先级", "结论", "原文", "判定规则"], rows), "## 复核结论的后果", "",
        table(["后果", "措施", "适用条件", "原文", "编码说明"], cons),
        "## 改进期与抽样", "",
        f"- 改进期：{plain(period.get('months', '—'))} 个月。{md_inline(period.get('text', ''))}",
        f"- 抽样：每 {plain(sampling.get('period_years', '—'))} 年抽样复核的学校数不少于总数的 "
        f"{md_inline(sampling.get('min_fraction', '—'))}，首轮 {plain(sampling.get('first_round_year', '—'))} 年。"
        f"{md_inline(sampling.get('decision', ''))}",
        f"- 公示：复核工作开始前 {plain(pub.get('days_before', '—'))} 日在{md_inline(pub.get('where', ''))}公示下列材料：", "",
        *[f"    1. {md_inline(m)}" for m in pub.get("materials", [])], "",
        "## 参数", "", table(["标识", "名称", "取值", "原文", "编码说明"], prm), notes(d)])
    p, info = _page(src, ctx, "review", "review", DIAGNOSIS, body, "复核规则")
    values = {f"review.param.{k}": plain(v["value"]) for k, v in params.items()}
    values.update({"review.improvement_months": plain(period.get("months", "")),
                   "review.sampling_years": plain(sampling.get("period_years", "")),
                   "review.sampling_fraction": md_inline(sampling.get("min_fraction", "")),
                   "review.publication_days": plain(pub.get("days_before", "")),
                   "review.conclusions": "、".join(md_inline(r[1]) for r in rows),
                   "review.link": f"[{md_inline(info.title)}](@@/{p.path})"})
    return [p], info, values


def render_spiral(src: Source, ctx: Context) -> Result:
    d = src.obj
    step = {s["id"]: s["name"] for s in d.get("steps", [])}
    loops = [f"- **{md_inline(lp['name'])}**：" + " → ".join(md_inline(step.get(s, s)) for s in lp["steps"])
             + f" → （回到{md_inline(step.get(lp.get('returns_to', ''), ''))}）" for lp in d.get("loops", [])]
    tc, sc = d.get("target_chain") or {}, d.get("standard_chain") or {}
    t_rows = [[x["id"], x["name"], x.get("level", ""), x.get("refines", "") or "—"] for x in tc.get("links", [])]
    s_rows = [[x["id"], x["name"], "、".join(x.get("serves", [])), "、".join(x.get("standards", [])) or "—"]
              for x in sc.get("links", [])]
    body = "\n".join(["## 两个循环", "", md(d.get("text", "")), "", *loops, "", notes(d),
                      "## 目标链", "", md(tc.get("text", "")), "", table(["标识", "环节", "层面", "细化自"], t_rows),
                      "## 标准链", "", md(sc.get("text", "")), "", table(["标识", "环节", "支撑目标", "对应标准"], s_rows)])
    p, info = _page(src, ctx, "improvement-spiral", "diagnosis", DIAGNOSIS, body, "8字形质量改进螺旋")
    outer = next((lp for lp in d.get("loops", []) if lp.get("id") == "outer"), None)
    values = {"spiral.link": f"[{md_inline(info.title)}](@@/{p.path})"}
    if outer:
        values["spiral.outer"] = "→".join(md_inline(step.get(s, s)) for s in outer["steps"])
    return [p], info, values


def render_system_map(src: Source, ctx: Context) -> Result:
    d = src.obj
    systems = d.get("systems", [])
    depts = d.get("departments", [])
    member_of: dict[str, set[str]] = {}
    for s in systems:
        for m in s.get("members", []):
            member_of.setdefault(m, set()).add(s["system"])
    head = "<tr><th>部门</th>" + "".join(f"<th>{h(s['system'])}</th>" for s in systems) + "</tr>"
    rows = []
    for dept in depts:
        names = [dept["name"], *dept.get("aliases", [])]
        in_sys = set().union(*(member_of.get(n, set()) for n in names))
        cells = "".join(f"<td>{'●' if s['system'] in in_sys else ''}</td>" for s in systems)
        rows.append(f'<tr id="dept-{attr(dept["id"])}"><td>{h(dept["name"])}</td>{cells}</tr>')
    matrix = f'<div class="zb-scheme zb-matrix">\n<table>\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    sys_rows = [[s["system"], s.get("responsible_for", ""), "、".join(s.get("members", [])), s.get("text", "")] for s in systems]
    levels = "、".join(md_inline(x.get("level")) for x in d.get("levels", [])) or "、".join(LEVELS)
    platform = d.get("platform") or {}
    body = "\n".join([md(d.get("text", "")), "", f"- 五横（层面）：{levels}",
                      f"- 五纵（系统）：{'、'.join(md_inline(s['system']) for s in systems) or '、'.join(SYSTEMS)}",
                      f"- 一平台：{md_inline(platform.get('name', '—'))}", "", notes(d),
                      "## 五纵：各系统的质量责任", "", table(["系统", "负责", "成员", "原文"], sys_rows),
                      "## 部门 × 系统矩阵", "", "● 表示该部门属于该系统；空行表示原文未指明其系统归属。", "", matrix])
    p, info = _page(src, ctx, "system-map", "organization", GOALS, body, "五纵五横", hide=("navigation",))
    values = {"systems.list": "、".join(f"{md_inline(s['system'])}（{md_inline(s.get('responsible_for', ''))}）" for s in systems),
              "systems.link": f"[{md_inline(info.title)}](@@/{p.path})", "departments.count": str(len(depts))}
    return [p], info, values


def render_organization(src: Source, ctx: Context) -> Result:
    d = src.obj
    bodies = d.get("bodies", [])
    children: dict[str, list[dict]] = {}
    for b in bodies:
        children.setdefault(b.get("reports_to", ""), []).append(b)

    def tree(parent: str, depth: int) -> list[str]:
        out = []
        for b in children.get(parent, []):
            tier = f"（第 {b['tier']} 级）" if b.get("tier") else ""
            short = f"（{md_inline(b['short_name'])}）" if b.get("short_name") else ""
            out.append(f"{'    ' * depth}- [{md_inline(b['name'])}](#{b['id']}){short}{tier}")
            out += tree(b["id"], depth + 1)
        return out

    sections = []
    for b in bodies:
        duties = [f"- {'**' + md_inline(x['scope']) + '**：' if x.get('scope') else ''}{md_inline(x['text'])}"
                  for x in b.get("duties", [])]
        sections += [f"### {md_inline(b['name'])} {{#{b['id']}}}", "", f"- 负责人：{md_inline(b.get('head_text', '—'))}",
                     f"- 出处：{md_inline(source_text(b.get('source')))}", "", "**职责**", "", *duties, ""]
    body = "\n".join(["## 组织层级", "", *tree("", 0), "", notes(d), "## 各机构职责", "", *sections])
    p, info = _page(src, ctx, "organization", "organization", GOALS, body, "三级质量保证组织")
    tiers = sorted((b for b in bodies if b.get("tier")), key=lambda b: b["tier"])
    values = {"organization.tiers": " → ".join(md_inline(b.get("short_name") or b["name"]) for b in tiers),
              "organization.link": f"[{md_inline(info.title)}](@@/{p.path})"}
    return [p], info, values


def _timeline(entries: list[dict], label: str) -> str:
    items = []
    for e in entries:
        title = f"{h(label.format(**e))}{h(e.get('name', ''))}"
        unsure = f'<p class="zb-machine">存疑：{h(e["uncertain"])}</p>' if e.get("uncertain") else ""
        items.append(f'<li id="{attr(e["id"])}"><span class="zb-when">{h(e.get("start"))} ～ {h(e.get("end"))}'
                     f'（原文：{h(e.get("period_text", ""))}）</span><strong>{title}</strong><p>{h(e.get("text", ""))}</p>{unsure}</li>')
    return '<ol class="zb-timeline">\n' + "\n".join(items) + "\n</ol>\n"


def render_roadmap(src: Source, ctx: Context) -> Result:
    d = src.obj
    pilots = "、".join(md_inline(x["name"]) for x in d.get("pilot_departments", []))
    objectives = [f"{i}. **{md_inline(o['name'])}**：{md_inline(o['text'])}" for i, o in enumerate(d.get("objectives", []), 1)]
    body = "\n".join(["## 工作目标", "", *objectives, "", "## 工作原则", "", md((d.get("principle") or {}).get("text", "")), "",
                      f"- 试点部门：{pilots or '—'}", "", notes(d), "## 主要进程", "",
                      _timeline(d.get("milestones", []), ""), "## 工作步骤及时间安排", "",
                      md(d.get("phases_text", "")), "", _timeline(d.get("phases", []), "第 {order} 阶段 ")])
    p, info = _page(src, ctx, "roadmap", "roadmap", GOALS, body, "ISO 9001 路线图")
    phases = d.get("phases", [])
    values = {"roadmap.link": f"[{md_inline(info.title)}](@@/{p.path})", "roadmap.phases": str(len(phases)),
              "roadmap.start": md_inline(phases[0]["start"]) if phases else "—",
              "roadmap.end": md_inline(phases[-1]["end"]) if phases else "—"}
    return [p], info, values


RENDERERS = {"objectives": render_objectives, "review-procedure": render_review,
             "improvement-spiral": render_spiral, "system-map": render_system_map,
             "organization": render_organization, "roadmap": render_roadmap}
