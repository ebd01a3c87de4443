"""`render_site`: every generated page of the handbook, as plain Markdown, from the controlled YAML.

No MkDocs here: the hook (`hooks.py`) and the CLI (`zhibiao docs`) both call these functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable

from ..model.scheme import Scheme
from ..model.standards import Catalog
from ..repository import Repository
from .changelog import render_changelog
from .documents import DocumentInfo
from .facts import render_facts_page
from .submission_pages import render_submission_page
from .governance_pages import RENDERERS as GOVERNANCE
from .markup import md_inline, number
from .pages import Context, Page, Site
from .schemes import SECTION as SCHEMES, dated_text, render_scheme, rule_labels, scheme_url
from .other_documents import render_other_documents
from .results_pages import render_results
from .standards_pages import render_catalog, render_diagnosis
from .task_pages import render_tasks
from .timetable_pages import render_timetables
from .version_history import document_history, render_history
from .sources import load_schemes


def _scheme_values(scheme: Scheme, info: DocumentInfo, values: dict[str, str]) -> None:
    """Placeholders `zb:scheme.<id>.…` for the hand-written chapters."""
    key = f"scheme.{info.id}"
    values[f"{key}.title"] = md_inline(info.title)
    values[f"{key}.link"] = f"[{md_inline(info.title)}](@@/{scheme_url(info.id)})"
    values[f"{key}.facts_link"] = f"[填报口径](@@/schemes/{info.id}-facts.md)"
    values[f"{key}.version"] = md_inline(info.version)
    values[f"{key}.effective"] = md_inline(info.effective)
    values[f"{key}.owner"] = md_inline(info.owner)
    values[f"{key}.full_marks"] = number(scheme.full_marks)
    values[f"{key}.rules"] = str(len(scheme.rules))
    values[f"{key}.facts"] = str(len(scheme.facts))
    values[f"{key}.categories"] = "、".join(f"{md_inline(c.name)}（{number(c.points)} 分）"
                                           for c in {c.name: c for c in scheme.categories}.values())
    for cat in scheme.categories:
        values[f"{key}.category.{cat.id}.name"] = md_inline(cat.name)
        values[f"{key}.category.{cat.id}.points"] = number(cat.points)
    for block in scheme.blocks:
        values[f"{key}.block.{block.id}.name"] = md_inline(block.name)
        values[f"{key}.block.{block.id}.subjects"] = str(len(block.subjects))
    for p in scheme.parameters:
        values[f"{key}.param.{p.id}"] = md_inline(dated_text(p.values, p.unit))
    for rule in scheme.rules:
        values[f"{key}.rule.{rule.id}.amount"] = md_inline(dated_text(rule.amount))
        values[f"{key}.rule.{rule.id}.link"] = f"[{rule.id}](@@/{scheme_url(info.id)}#{rule.id})"


def _render_schemes(ctx: Context, site: Site, shown: list[tuple[DocumentInfo, str]]) -> None:
    sources, problems = load_schemes(ctx.root)
    site.problems += problems
    rows = []
    for src in sorted(sources, key=lambda s: s.obj.id):
        try:
            main, info = render_scheme(src, ctx)
            pages = [main, render_facts_page(src.obj, info, ctx, src.path),
                     render_submission_page(src.obj, info, ctx, src.path)]
        except Exception as exc:  # one broken document must not hide the others; the build still fails
            site.problems.append(f"{src.path}: 无法生成考核方案页面：{exc!r}")
            continue
        site.pages += pages
        site.documents.append(info)
        shown.append((info, pages[0].path))
        _scheme_values(src.obj, info, site.values)
        site.rule_labels.update({f"{info.id}:{rid}": label for rid, label in rule_labels(src.obj).items()})
        rows.append(f"| [{md_inline(info.title)}]({info.id}.md) | [填报口径]({info.id}-facts.md)、"
                    f"[如何填报]({info.id}-how-to-submit.md) "
                    f"| {md_inline(info.version)} | {md_inline(info.status)} | {md_inline(info.effective)} "
                    f"| {md_inline(info.owner)} |")
    site.values["count.schemes"] = str(len(rows))
    body = ["# 考核方案", "",
            "学院现行的考核方案（扣分制等），每个方案一页：考核标准表（与原文同样的栏目）、参数、编码说明；"
            "另有“填报口径”一页说明各考核对象需要填报的事实，“如何填报”一页说明用 Excel/WPS 模板或 YAML/JSON 文件填报的方法。", "",
            "| 方案 | 填报 | 版本 | 状态 | 生效日期 | 责任部门 |", "| --- | --- | --- | --- | --- | --- |",
            *(rows or ["| 暂无考核方案 | — | — | — | — | — |"]), ""]
    site.pages.insert(0, Page("schemes/index.md", "考核方案", "\n".join(body), SCHEMES))


Renderer = Callable[[Any, Context, Catalog], tuple[list[Page], DocumentInfo, dict[str, str]]]
RENDERERS: dict[str, Renderer] = {"diagnosis_tables": render_diagnosis, **GOVERNANCE}


def _render_standards(ctx: Context, site: Site, shown: list[tuple[DocumentInfo, str]]) -> None:
    """The standards side: catalog, diagnosis tables and the governance documents (each kind optional)."""
    catalog = Repository(ctx.root).catalog
    site.problems += list(catalog.problems)
    if catalog.standards:
        pages, infos, values = render_catalog(catalog, ctx)
        site.pages += pages
        shown += infos
        site.documents += [i for i, _ in infos]
        site.values.update(values)
    for field, render in RENDERERS.items():
        for model in getattr(catalog, field):
            pages, info, values = render(model, ctx, catalog)
            site.pages += pages
            site.documents.append(info)
            shown.append((info, pages[0].path))
            site.values.update(values)


def _add_histories(ctx: Context, site: Site) -> None:
    """Every page generated from a YAML file ends with that file's versions in git (version_history.py)."""
    histories: dict[str, str] = {}
    for i, p in enumerate(site.pages):
        if p.source:
            if p.source not in histories:
                histories[p.source] = render_history(document_history(ctx.root, p.source))
            site.pages[i] = replace(p, markdown=p.markdown.rstrip() + "\n\n" + histories[p.source])


def render(root: Path | str, *, repo_url: str | None = None, branch: str = "main",
           results: Iterable[str] | None = None, tasks: Iterable[str] | None = None,
           as_of: dt.date | None = None) -> Site:
    """Render every generated page; problems are collected (not raised) so that one call reports all.
    `results`: where the 考核结果 section reads results (see results_pages.py); `tasks`: the results databases
    whose 整改任务 the site lists; `as_of`: the day statuses are computed for (see task_pages.py); None: the
    project's setting."""
    ctx = Context(Path(root).resolve(), repo_url, branch)
    site = Site()
    shown: list[tuple[DocumentInfo, str]] = []
    _render_schemes(ctx, site, shown)
    _render_standards(ctx, site, shown)
    render_timetables(ctx, site, shown)
    render_tasks(ctx, site, as_of=as_of, sources=tasks)
    render_other_documents(ctx, site, shown)
    render_results(ctx, site, results)
    _add_histories(ctx, site)
    site.pages.append(render_changelog(shown))
    site.values["count.documents"] = str(len(shown))
    return site


def render_site(root: Path | str, *, repo_url: str | None = None, branch: str = "main") -> dict[str, str]:
    """Relative page path → Markdown, for every page generated from the YAML under `root`."""
    return render(root, repo_url=repo_url, branch=branch).as_dict()
