"""No committee text runs in a reader's browser (issue 16, “no injection anywhere”, the site's part).

Copies of the real rules/ and standards/ files get a payload (injection_support.PAYLOAD: script tags, event
handlers, javascript: links in HTML and Markdown, an image from another host, Jinja-looking text, attribute-
breaking quotes …) in every free-text field; the site is built from them. Checked twice:
- in the built HTML, against a build of the clean files: every page has exactly the same scripts, images,
  frames and other active elements, no event-handler attribute and no link that is not http, https or
  relative — and the payload is there, shown as text;
- in headless Chromium, with alert/confirm/prompt trapped before any page script: opening every page (and
  searching for the payload) calls none of them, opens no dialog and sends no request outside the site.
"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from browser_support import PHONE, Browser, search, serve, site_pages
from handbook_support import Build, build_site, copy_repo
from injection_support import MARKER, poison_repository

ACTIVE = {"script", "img", "iframe", "frame", "object", "embed", "svg", "form", "input", "button", "textarea",
          "link", "style", "meta", "base", "audio", "video", "source", "math", "template"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}


class Elements(HTMLParser):
    """Active elements, event handlers, link targets and script bodies of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.active: Counter[str] = Counter()
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE:
            self.active[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRS and value is not None:
                self.urls.append(value)
        if tag == "script":
            self._in_script = True
            self.scripts.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def elements(page_html: str) -> Elements:
    parser = Elements()
    parser.feed(page_html)
    return parser


def _safe_url(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in ("", "http", "https") and not url.strip().startswith("//")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, list[str]]]:
    root = copy_repo(tmp_path_factory.mktemp("poisoned") / "repo")
    fields = poison_repository(root)
    result = build_site(root, root.parent / "site")
    assert result.returncode == 0, result.output
    assert result.warnings == [], "\n".join(result.warnings)  # every document still loads and renders
    return result, fields


def test_the_payload_reaches_every_kind_of_field(poisoned: tuple[Build, dict[str, list[str]]]) -> None:
    _, fields = poisoned
    kinds = {"/".join(p for p in f.split("/") if not p.isdigit()) for fs in fields.values() for f in fs}
    for must in ("title", "owner", "revisions/summary", "source/section", "categories/name", "categories/clauses/text",
                 "categories/clauses/rules/text", "categories/notes/text", "facts/name", "facts/description",
                 "parameters/name", "blocks/subjects", "items/name", "items/text", "departments/name",
                 "bodies/name", "phases/name", "indicators/name", "conclusions/text", "decision", "uncertain"):
        assert must in kinds, must
    assert all(fields.values()), [f for f, v in fields.items() if not v]  # every document carries the payload
    assert sum(map(len, fields.values())) > 1000


def test_built_pages_are_the_clean_pages_plus_inert_text(poisoned: tuple[Build, dict], built: Build) -> None:
    result, _ = poisoned
    clean_pages, pages = site_pages(built.site), site_pages(result.site)
    assert pages == clean_pages
    problems = []
    for page in pages:
        clean = elements((built.site / page / "index.html").read_text(encoding="utf-8"))
        dirty = elements((result.site / page / "index.html").read_text(encoding="utf-8"))
        if dirty.active != clean.active:
            problems.append(f"{page}: 活动元素 {dict(dirty.active - clean.active)} 多于干净的构建")
        if dirty.scripts != clean.scripts:
            problems.append(f"{page}: 脚本与干净的构建不同")
        problems += [f"{page}: 事件属性 {h[:80]}" for h in dirty.handlers]
        problems += [f"{page}: 链接目标 {u[:80]}" for u in dirty.urls if not _safe_url(u)]
        text = "".join(dirty.text)
        if page not in ("", "search/") and MARKER not in text and "＜script＞alert(1)＜/script＞" not in text:
            problems.append(f"{page}: 页面上没有出现（作为文字的）注入内容")
    assert problems == [], "\n".join(problems)


def test_template_and_placeholder_text_is_shown_not_run(poisoned: tuple[Build, dict]) -> None:
    result, _ = poisoned
    text = "".join(elements(result.html("schemes/cz-quality-season.md")).text)
    assert "{{ 7*7 }}{% if true %}真{% endif %}" in text and "{{ zb:count.documents }}" in text
    assert "[点我](javascript:alert(4))" in text and "![图](https://evil.example/x.png)" in text


def test_search_index_holds_the_payload_only_as_text(poisoned: tuple[Build, dict]) -> None:
    result, _ = poisoned
    index = json.loads((result.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [d["title"] for d in index["docs"]]
    assert any("&lt;script&gt;alert(1)" in t for t in titles)  # the payload is in the index, escaped
    for doc in index["docs"]:
        found = elements(doc["title"] + doc["text"])  # Material shows these strings as HTML
        assert found.active == Counter() and found.handlers == [], doc["location"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    b = Browser()
    try:
        yield b
    finally:
        b.close()


def test_no_payload_runs_in_the_browser(poisoned: tuple[Build, dict], browser: Browser) -> None:
    result, _ = poisoned
    tab = browser.tab()
    problems = []
    check = """(() => ({
      handlers: [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
      js: [...document.querySelectorAll('a, area')].filter(a => a.protocol === 'javascript:').length,
      foreign: [...document.querySelectorAll('img, iframe, embed, object')].filter(el => /evil|^x$/.test(el.getAttribute('src') || el.getAttribute('data') || '')).length,
      title: document.title,
    }))()"""
    control = result.site / "zb-control.html"  # the trap itself must see a script that does run
    control.write_text("<!doctype html><meta charset=\"utf-8\"><title>对照</title><img src=x onerror=\"alert('对照')\">", encoding="utf-8")
    with serve(result.site) as base:
        tab.open(base + control.name, settle=0.3)
        assert tab.calls() == ["alert:对照"], "对照页的 alert 没有被记录：陷阱失效，下面的检查不可信"
        control.unlink()
        pages = site_pages(result.site)
        for width, subset in ((1280, pages), (PHONE, pages[:6])):
            tab.viewport(width)
            for page in subset:
                tab.open(base + page, settle=0.1)
                calls, dom = tab.calls(), tab.evaluate(check)
                if calls or dom["handlers"] or dom["js"] or dom["foreign"]:
                    problems.append(f"{width}px {page}: 调用 {calls}，{dom}")
                if "<" in dom["title"]:
                    problems.append(f"{page}: 页面标题含 HTML：{dom['title'][:80]}")
        tab.viewport(1280)
        assert search(tab, base, "竖线"), "搜索没有找到注入内容（无法检查搜索结果的显示）"
        tab.session.drain(0.5)
        calls, dom = tab.calls(), tab.evaluate(check)
        if calls or dom["handlers"] or dom["js"] or dom["foreign"]:
            problems.append(f"搜索结果：调用 {calls}，{dom}")
    tab.session.drain(0.5)
    assert tab.dialogs == [], tab.dialogs
    assert problems == [], "\n".join(problems)
    assert browser.external_requests() == [], browser.external_requests()
