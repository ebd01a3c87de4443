"""MkDocs hooks: the only place where the site meets MkDocs. Everything else is plain rendering functions.

- on_config: make the jieba user dictionary path absolute (so any working directory builds), render the
  generated pages once, and add them to the navigation;
- on_files: add the generated pages as virtual files, each with an edit link to the YAML it came from;
- on_page_markdown: fill the hand-written chapters' placeholders from the same models;
- on_post_build: write the printable quality manual (print/quality-manual/) and, with ZHIBIAO_PDF=1, its PDF.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from zhibiao.site.manual import substitute
from zhibiao.site.markup import nav_text
from zhibiao.site.printing import PDF_NAME, PRINT_DIR, PrintError, PrintMeta, make_pdf, print_html, read_chapter
from zhibiao.history import GitHistory
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


MANUAL_SECTION = "质量手册"


def _manual_sources(nav: list[Any] | None) -> list[str]:
    """The docs paths of the manual's chapters, in navigation order."""
    for item in nav or []:
        if isinstance(item, dict) and isinstance(item.get(MANUAL_SECTION), list):
            return sorted(_nav_paths(item[MANUAL_SECTION]), key=lambda p: _order(item[MANUAL_SECTION], p))
    return []


def _order(entries: list[Any], path: str) -> int:
    for i, entry in enumerate(entries):
        if path in _nav_paths(entry):
            return i
    return len(entries)


def _release(root: Path) -> tuple[str, str, str]:
    """(version, date, commit) of this build: the version mike is deploying (or ZHIBIAO_HANDBOOK_VERSION),
    else “未发布”; the commit and its date from git, marked when the working tree has uncommitted changes."""
    version = os.environ.get("MIKE_DOCS_VERSION") or os.environ.get("ZHIBIAO_HANDBOOK_VERSION") or ""
    commit, date = "—", dt.date.today().isoformat()
    git = GitHistory(root)
    if git.available:
        commit = git.git(["rev-parse", "--short=10", "HEAD"]).strip()
        date = git.git(["log", "-1", "--format=%ad", "--date=short"]).strip() or date
        if git.git(["status", "--porcelain", "--", "docs", "rules", "standards", "mkdocs.yml"]).strip():
            commit += "（含未提交的修改）"
    return version or "未发布", date, commit


@event_priority(-100)  # after the theme and search have written their files
def on_post_build(config: MkDocsConfig) -> None:
    site: Site = _state["site"]
    root = Path(config.config_file_path).resolve().parent
    site_dir = Path(config.site_dir)
    chapters = [c for src in _manual_sources(config.nav) if (c := read_chapter(site_dir, "", src)) is not None]
    chapters = [type(c)(re.sub(r"<[^>]+>", "", (re.search(r"<h1[^>]*>(.*?)</h1>", c.article, re.S) or
                                                  re.match(r"(.*)", c.url)).group(1)).strip(), c.url, c.article)
                for c in chapters]
    extra = (config.extra or {}).get("quality_manual") or {}
    version, date, commit = _release(root)
    want_pdf = os.environ.get("ZHIBIAO_PDF") == "1"
    meta = PrintMeta(title=str(extra.get("title", "质量手册")), number=str(extra.get("number", "—")),
                     version=version, date=date, commit=commit, owner=str(extra.get("owner", config.site_author or "")),
                     site_name=config.site_name, documents=site.documents, pdf=want_pdf)
    styles = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "assets" / "stylesheets").glob("*.css"))
    styles += [s for s in config.extra_css] + ["assets/print.css"]
    up = "../" * PRINT_DIR.count("/") + "../"
    out = site_dir / PRINT_DIR / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(print_html(chapters, meta, [up + s for s in styles]), encoding="utf-8")
    if want_pdf:
        try:
            make_pdf(out, out.parent / PDF_NAME)
        except PrintError as exc:
            raise PluginError(str(exc)) from exc
        log.info(f"质量手册 PDF 已写出：{PRINT_DIR}/{PDF_NAME}")
