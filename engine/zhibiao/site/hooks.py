"""MkDocs hooks: the only place where the site meets MkDocs. Everything else is plain rendering functions.

- on_config: make the jieba user dictionary path absolute (so any working directory builds), render the
  generated pages once, and add them to the navigation;
- on_files: add the generated pages as virtual files, each with an edit link to the YAML it came from;
- on_page_markdown: fill the hand-written chapters' placeholders from the same models.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from zhibiao.site.manual import substitute
from zhibiao.site.markup import nav_text
from zhibiao.site.pages import SECTIONS, Page, Site
from zhibiao.site.site import render

log = logging.getLogger("mkdocs.plugins.zhibiao")
_state: dict[str, Any] = {}


def _absolute_search_dictionary(config: MkDocsConfig, root: Path) -> None:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is None:
            continue
        for key in ("jieba_dict", "jieba_dict_user"):
            value = plugin.config.get(key)
            if value and not Path(value).is_absolute():
                plugin.config[key] = str(root / value)


def _nav_entry(pages: list[Page]) -> list[Any]:
    """Pages of one section: loose pages first, then one sub-section per `subsection`.

    Every title here comes from YAML and MkDocs/Material print nav titles without escaping (in the navigation,
    tabs, breadcrumbs, footer and <title>), so each goes through `nav_text` (see markup.py)."""
    entries: list[Any] = []
    groups: dict[str, list[Any]] = {}
    for p in pages:
        item = {nav_text(p.nav_title or p.title): p.path} if not p.path.endswith("index.md") else p.path
        if p.subsection:
            group = nav_text(p.subsection)
            if group not in groups:
                groups[group] = []
                entries.append({group: groups[group]})
            groups[group].append(item)
        else:
            entries.append(item)
    return entries


def extend_nav(nav: list[Any] | None, site: Site) -> list[Any] | None:
    """Append each generated section to the hand-written nav, in the order of `SECTIONS`."""
    if nav is None:
        return None  # no explicit nav: MkDocs builds one from the files
    by_section: dict[str, list[Page]] = {}
    for p in site.pages:
        by_section.setdefault(p.section, []).append(p)
    for section in SECTIONS:
        if section not in by_section:
            continue
        entries = _nav_entry(by_section[section])
        for item in nav:
            if isinstance(item, dict) and section in item and isinstance(item[section], list):
                item[section].extend(entries)
                break
        else:
            nav.append({section: entries if len(entries) > 1 or isinstance(entries[0], dict) else entries[0]})
    return nav


def _nav_paths(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_nav_paths(v) for v in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(_nav_paths(v) for v in nav)) if nav else set()
    return set()


def add_unlisted_chapters(nav: list[Any] | None, docs_dir: Path, section: str = "质量手册") -> list[str]:
    """Hand-written pages that mkdocs.yml's nav does not list yet go to the end of the manual section, so a
    colleague's new chapter is published (under its own H1 title) instead of failing the strict build."""
    if nav is None or not docs_dir.is_dir():
        return []
    listed = _nav_paths(nav)
    added = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel in listed or path.name.startswith("README"):
            continue
        title = nav_text(next((line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines()
                               if line.startswith("# ")), rel))
        for item in nav:
            if isinstance(item, dict) and isinstance(item.get(section), list):
                item[section].append({title: rel})
                break
        else:
            nav.append({title: rel})
        added.append(rel)
    return added


@event_priority(100)  # before the search plugin reads its dictionary paths
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    _absolute_search_dictionary(config, root)
    site = render(root, repo_url=config.repo_url)
    for problem in site.problems:
        log.warning(problem)
    _state["site"] = site
    for rel in add_unlisted_chapters(config.nav, Path(config.docs_dir)):
        log.info(f"手写页面 {rel} 未列在 mkdocs.yml 的 nav 中，已追加到“质量手册”末尾")
    config.nav = extend_nav(config.nav, site)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site: Site = _state["site"]
    for page in site.pages:
        if files.get_file_from_path(page.path) is not None:
            log.warning(f"生成页面 {page.path} 与 docs/ 中的手写文件同名，已用生成的内容替换手写文件")
            files.remove(files.get_file_from_path(page.path))
        f = File.generated(config, page.path, content=page.markdown)
        if page.source:
            # edit_uri is "<…>/docs/"; step out of docs/ to the YAML file.
            f.edit_uri = posixpath.join("..", page.source)
        files.append(f)
    return files


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by is not None:
        return markdown
    site: Site = _state["site"]
    text, missing = substitute(markdown, site.values, page.file.src_uri)
    for key in missing:
        log.warning(f"{page.file.src_uri}: 占位符 zb:{key} 在 YAML 中找不到对应的数据")
    return text
