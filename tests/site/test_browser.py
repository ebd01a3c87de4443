"""The built site in a real browser: Debian's Chromium, headless, driven over the DevTools protocol.

Every page of the site is opened on a desktop (1280 px) and a phone (390 px). Checked: no request leaves the
site (browser_support records every request, from pages, workers and preconnects alike); no table or diagram
is wider than the phone's screen; what a reader needs is visible (the deduction table, the key columns);
Material's own search finds 扣分 and 诊改 and finds nothing for a term that is absent. Screenshots are left in
.artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import time
from typing import Any, Iterator

import pytest
from browser_support import DESKTOP, PHONE, Browser, Tab, search, serve, site_pages
from handbook_support import Build

# Layout of one page: the document's width, and the box of every table and diagram in the article.
LAYOUT = """(() => {
  const vw = document.documentElement.clientWidth;
  const boxes = [...document.querySelectorAll('.md-content table, .md-content svg.zb-diagram')]
    .filter(el => el.getClientRects().length > 0)
    .map(el => { const r = el.getBoundingClientRect();
      const wrap = el.closest('.md-typeset__scrollwrap') || el.parentElement;
      return {what: el.tagName.toLowerCase() + ' ' + (el.innerText || el.textContent || '').trim().slice(0, 24),
              left: r.left, right: r.right, scroll: el.scrollWidth, client: el.clientWidth,
              wrapScroll: wrap.scrollWidth, wrapClient: wrap.clientWidth}; });
  return {vw, doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,
          bodyClient: document.body.clientWidth, boxes};
})()"""

SHOWN = {  # pages photographed at both widths (full height, cut at 5000 px)
    "": "home", "manual/committee-workflow/": "committee-workflow", "schemes/cz-quality-season/": "scheme",
    "schemes/cz-quality-season-facts/": "facts", "standards/gzqg-course/": "standard",
    "diagnosis/sxqg-diagnosis-table/": "diagnosis", "diagnosis/gzqg-improvement-spiral/": "spiral",
    "organization/gzqg-system-map/": "system-map", "organization/gzqg-qa-organization/": "organization",
    "roadmap/st-iso9001-roadmap/": "roadmap",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    b = Browser()
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def server(built: Build) -> Iterator[str]:
    assert built.returncode == 0, built.output
    with serve(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Tab:
    return browser.tab()


@pytest.fixture(scope="module")
def tour(browser: Browser, server: str, built: Build) -> dict[tuple[int, str], dict[str, Any]]:
    """Open every page at both widths once; keep each page's layout for the tests below."""
    tab = browser.tab()
    layouts: dict[tuple[int, str], dict[str, Any]] = {}
    pages = site_pages(built.site)
    assert len(pages) >= 25, pages
    for width in (DESKTOP, PHONE):
        tab.viewport(width)
        for page in pages:
            tab.open(server + page)
            layouts[(width, page)] = tab.evaluate(LAYOUT)
            if page in SHOWN:
                tab.screenshot(f"{SHOWN[page]}-{width}.png", full=True)
    tab.session.drain(0.5)  # late requests (search worker, fonts) still reach the recorder
    tab.viewport(DESKTOP)
    return layouts


def test_no_request_leaves_the_site(tour: dict, browser: Browser) -> None:
    visited = {page for _, page in tour}
    requests = [url for t in browser.tabs for _, url in t.requests]
    assert len(requests) > 3 * len(visited)  # the recorder really saw the pages' requests (HTML, CSS, JS …)
    outside = browser.external_requests()
    assert outside == [], "以下请求离开了本站：\n" + "\n".join(sorted(set(outside)))


def test_no_page_is_wider_than_a_phone(tour: dict) -> None:
    problems = []
    for (width, page), lay in tour.items():
        if width != PHONE:
            continue
        if lay["doc"] > lay["vw"] or lay["body"] > lay["bodyClient"]:
            problems.append(f"{page or '首页'}：页面宽 {lay['doc']} px，屏幕 {lay['vw']} px")
        for box in lay["boxes"]:
            if box["right"] > lay["vw"] + 1 or box["left"] < -1:
                problems.append(f"{page}：{box['what']} 超出屏幕（{box['left']:.0f}～{box['right']:.0f} px）")
            elif box["scroll"] > box["client"] + 1 or box["wrapScroll"] > box["wrapClient"] + 1:
                problems.append(f"{page}：{box['what']} 需要横向滚动（内容 {box['scroll']} px，可见 {box['client']} px）")
    assert problems == [], "\n".join(problems)


def test_no_table_needs_sideways_scrolling_on_a_desktop(tour: dict) -> None:
    problems = [f"{page}：{box['what']}（内容 {box['scroll']} px，可见 {box['client']} px）"
                for (width, page), lay in tour.items() if width == DESKTOP
                for box in lay["boxes"] if box["scroll"] > box["client"] + 1 or box["wrapScroll"] > box["wrapClient"] + 1]
    assert problems == [], "\n".join(problems)


def _box(tab: Tab, selector: str) -> dict[str, float]:
    return tab.evaluate(f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();"
                        " return {left: r.left, right: r.right, width: r.width, height: r.height}; })()")


def test_key_columns_are_on_screen_on_a_phone(tab: Tab, server: str) -> None:
    tab.viewport(PHONE)
    try:
        tab.open(server + "schemes/cz-quality-season/#study-2")
        for cell in ("#study-2 td.zb-rule", "#study-2 .zb-amount"):
            box = _box(tab, cell)
            assert box["width"] > 20 and 0 <= box["left"] and box["right"] <= PHONE, (cell, box)
        assert "扣 0.5 分" in tab.evaluate("document.querySelector('#study-2 td.zb-rule').innerText")
        clause = _box(tab, "#study-1a td.zb-clause")  # the clause wording (量化标准) is readable, not squeezed
        assert clause["width"] > PHONE * 0.6 and clause["right"] <= PHONE, clause
        tab.screenshot("scheme-row-390.png")
        tab.open(server + "schemes/cz-quality-season-facts/")
        explanation = _box(tab, ".zb-cards td[data-label='填报说明']")
        assert explanation["width"] > PHONE * 0.6 and explanation["right"] <= PHONE, explanation
    finally:
        tab.viewport(DESKTOP)


DIAGRAM_TEXT = """[...document.querySelectorAll('svg.zb-diagram')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
  const r = svg.getBoundingClientRect();
  return {kind: svg.getAttribute('class'), smallest: Math.min(...sizes), left: r.left, right: r.right};
})"""


@pytest.mark.parametrize("page", ["diagnosis/gzqg-improvement-spiral/", "organization/gzqg-system-map/",
                                  "organization/gzqg-qa-organization/", "roadmap/st-iso9001-roadmap/",
                                  "manual/organization/"])
def test_diagrams_read_well_on_a_phone(tab: Tab, server: str, page: str) -> None:
    tab.viewport(PHONE)
    try:
        tab.open(server + page)
        diagrams = tab.evaluate(DIAGRAM_TEXT)
    finally:
        tab.viewport(DESKTOP)
    assert diagrams, "页面上没有图示"
    for d in diagrams:
        assert d["smallest"] >= 10.5, f"{d['kind']} 中最小的字只有 {d['smallest']:.1f} px"
        assert d["left"] >= 0 and d["right"] <= PHONE, d


def test_facts_table_gives_the_explanation_room_on_a_desktop(tab: Tab, server: str) -> None:
    tab.open(server + "schemes/cz-quality-season-facts/")
    explanation = _box(tab, ".zb-cards td[data-label='填报说明']")
    font = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.zb-cards td')).fontSize)")
    assert explanation["width"] >= 14 * font, f"填报说明一栏只有 {explanation['width'] / font:.1f} 个字宽"


def test_home_page(tab: Tab, server: str) -> None:
    tab.open(server)
    assert "内部质量保证手册" in tab.evaluate("document.querySelector('h1').innerText")
    tabs = tab.evaluate("[...document.querySelectorAll('.md-tabs__link')].map(a => a.innerText.trim())")
    assert "质量手册" in tabs and "考核方案" in tabs


def test_scheme_page_shows_the_deduction_table(tab: Tab, server: str) -> None:
    tab.open(server + "schemes/cz-quality-season/")
    headers = tab.evaluate("[...document.querySelectorAll('.zb-scheme table th')].map(t => t.innerText.trim())")
    assert headers[:5] == ["考核类别", "量化分值", "考核项目", "量化标准", "机读形式（扣分额与条件）"]
    assert tab.evaluate("document.querySelectorAll('.zb-scheme table tbody tr').length") >= 40
    row = tab.evaluate("document.getElementById('study-2').innerText")
    assert "所属本部门人员缺席，扣0.5分/人" in row and "扣 0.5 分" in row
    box = _box(tab, "#study-2")
    assert box["width"] > 200 and box["height"] > 10, "扣分表的行没有显示出来"
    tab.evaluate("document.getElementById('考核标准').scrollIntoView({block: 'start'})")
    time.sleep(0.3)
    tab.screenshot("scheme-table-1280.png")


def test_standard_page(tab: Tab, server: str) -> None:
    tab.open(server + "standards/gzqg-course/")
    assert "课程建设标准" in tab.evaluate("document.querySelector('h1').innerText")
    assert tab.evaluate("document.querySelectorAll('.md-typeset h3').length") >= 5


def test_rule_anchor_is_a_stable_link(tab: Tab, server: str) -> None:
    tab.open(server)
    tab.open(server + "schemes/cz-quality-season/#a-exec-11b")
    top = tab.evaluate("document.getElementById('a-exec-11b').getBoundingClientRect().top")
    assert 0 <= top < 300, f"锚点行没有滚动到视口顶部（top={top}）"


def test_search_finds_deduction_pages(tab: Tab, server: str) -> None:
    links = search(tab, server, "扣分")
    assert any("schemes/cz-quality-season/" in href for href in links), links
    tab.screenshot("search-koufen.png")


def test_search_finds_diagnosis_pages(tab: Tab, server: str) -> None:
    links = search(tab, server, "诊改")
    assert any("manual/improvement-cycle/" in href for href in links), links
    assert any("review/" in href or "diagnosis/" in href for href in links), links


@pytest.mark.parametrize("term", ["区块链", "量子计算", "扣款审计"])
def test_search_for_an_absent_term_finds_nothing(tab: Tab, server: str, term: str, built: Build) -> None:
    index = (built.site / "search" / "search_index.json").read_text(encoding="utf-8").replace("\u200b", "")
    assert term not in index  # really absent from the site
    assert search(tab, server, term) == []
    assert "没有找到" in tab.evaluate("document.querySelector('.md-search-result__meta').innerText")
