"""考核结果 on the handbook site: a copy of the repository whose zhibiao.toml publishes the results database (two
periods of the example, 2009 and 2010) and a results file whose period, scheme and subject names carry markup.
Built once with `mkdocs build --strict`; the pages are checked for the exact scores, ranks and deductions of the
stored runs, for links that land on the rule's row and on each subject, for inert markup, and in Chromium on a
390 px phone."""

from __future__ import annotations

import json
import re
import textwrap
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from browser_support import PHONE, Browser, ensure_tools, serve
from handbook_support import REPO, Build, build_site, copy_repo, read_article

from zhibiao import api
from zhibiao.cli import main
from zhibiao.site.results_pages import subject_anchor
from zhibiao.store import Store

EVIL_PERIOD = '2011年<script>alert("期")</script>考核'
EVIL_SUBJECT = "<script>alert(1)</script>体育部"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, dict[str, api.Result]]:
    root = copy_repo(tmp_path_factory.mktemp("results") / "repo")
    repo = api.open_repository(REPO)
    store = Store(f"sqlite:///{root / 'results.sqlite3'}")
    stored = {}
    for year in ("2009", "2010"):
        result = api.score(REPO / "examples" / f"cz-quality-season-{year}.yaml", repository=repo)
        store.save(result, by="质量办")
        stored[year] = result
    store.save(stored["2010"], by="质量办")  # the same run again: recognised, not a second run
    store.close()
    evil = json.loads(api.render(stored["2009"], "json"))
    evil["scheme"]["id"] = "evil<b>"
    evil["scheme"]["title"] = "<img src=x onerror=alert(2)>方案"
    evil["period"] = EVIL_PERIOD
    evil["as_of"] = "2012-01-15"
    evil["subjects"][0]["name"] = EVIL_SUBJECT
    (root / "evil.json").write_text(json.dumps(evil, ensure_ascii=False), encoding="utf-8")
    (root / "zhibiao.toml").write_text(textwrap.dedent("""\
        [results]
        database = "results.sqlite3"

        [site]
        results = ["store", "evil.json"]
        """), encoding="utf-8")
    build = build_site(root, root / "site")
    assert build.returncode == 0, build.output
    return build, stored


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "article":
            self.in_article += 1
        if tag == "a" and self.in_article and a.get("href") and "headerlink" not in (a.get("class") or ""):
            self.hrefs.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _rows(html: str) -> list[list[str]]:
    """The text of every table row of a page's article."""
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        rows.append([unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)])
    return rows


def test_each_period_has_a_page_with_exact_ranked_scores(published) -> None:
    build, stored = published
    for year, result in stored.items():
        html = build.html(f"results/cz-quality-season-{year}.md")
        rows = {r[1]: r for r in _rows(html) if len(r) == 7 and r[0] != "名次"}
        assert len(rows) == 24
        for s in result.subjects:
            row = rows[s.name]
            assert row[0] == str(s.rank) and row[2] == _n(s.total)
            assert row[3:6] == [_n(c.score) for c in s.categories]
            assert row[6] == (s.award or "—")
    # spot checks against the example's hand-checked results
    y2009 = {r[1]: r for r in _rows(build.html("results/cz-quality-season-2009.md")) if len(r) == 7}
    assert y2009["监察审计室"][:3] == ["9", "监察审计室", "95.6"] and y2009["体育部"][2] == "85.5"
    assert y2009["学生工作处"][6] == "一等奖"
    text = re.sub(r"\s+", " ", "".join(read_article(build.html("results/cz-quality-season-2009.md")).text))
    assert "学习讨论第2条：所属本部门人员缺席，扣0.5分/人 —— 1 人 × 0.5 分 = 扣 0.5 分" in text
    assert "依据：本部门缺席人数 = 1" in text
    assert "二等奖处并列：督导室、团委 同分并列第 3 名" in text


def test_every_link_lands_on_a_rule_row_or_a_subject(published) -> None:
    build, stored = published
    checked = {"rule": 0, "subject": 0, "page": 0}
    for page in sorted((build.site / "results").rglob("index.html")):
        url = "/" + page.relative_to(build.site).parent.as_posix() + "/"
        for href in _parse(page).hrefs:
            assert not href.startswith(("http:", "https:", "//", "javascript:")), href
            target = unquote(urljoin(url, href))
            path, _, anchor = target.partition("#")
            html_file = build.site / path.lstrip("/") / "index.html" if path.endswith("/") else build.site / path.lstrip("/")
            assert html_file.is_file(), (page, href)
            if anchor:
                assert anchor in _parse(html_file).ids, (page, href)
                checked["rule" if "/schemes/" in path else "subject"] += 1
            else:
                checked["page"] += 1
    deductions = sum(len(s.deductions) for r in stored.values() for s in r.subjects)
    assert checked["rule"] >= deductions  # every deduction of both periods links to its rule's row
    assert checked["subject"] >= 2 * 24 + 2 * 24  # ranked tables of both periods, and the trend's two columns
    links = _parse(build.site / "results" / "cz-quality-season-2009" / "index.html").hrefs
    assert "../../schemes/cz-quality-season/#study-2" in links
    assert f"#{subject_anchor('监察审计室')}" in links


def test_index_lists_the_periods_and_the_trend_across_them(published) -> None:
    build, stored = published
    html = build.html("results/index.md")
    head, _, trend_part = html[html.index("<article"):].partition("历年总分")
    periods = [r for r in _rows(head) if r[0] != "考核期"]
    rows = _rows(trend_part)
    assert [r[0] for r in periods] == [stored["2009"].period, stored["2010"].period, EVIL_PERIOD]
    assert [r[3] for r in periods] == ["24", "24", "24"]
    assert periods[0][4].startswith("结果库第 1 次评分") and periods[1][4].startswith("结果库第 2 次评分")
    trend = {r[0]: r for r in rows if len(r) == 5 and r[1] in ("A", "B")}
    for name in ("监察审计室", "保卫处", "体育部"):
        a, b = stored["2009"].subject(name), stored["2010"].subject(name)
        row = trend[name]
        assert row[2] == f"{_n(a.total)}（{a.rank}）" and row[3] == f"{_n(b.total)}（{b.rank}）"
        diff = b.total - a.total
        assert row[4] == ("+" if diff > 0 else "") + (_n(diff) if diff else "0")
    assert trend["保卫处"][2:] == ["90.8（13）", "95.8（9）", "+5"]


def _n(d) -> str:
    text = f"{d:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def test_markup_in_names_is_shown_as_text(published) -> None:
    build, _ = published
    for page in (build.site / "results").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "<b>" not in html
    evil = next(p for p in (build.site / "results").iterdir() if p.name.startswith("evil"))
    html = (evil / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;体育部" in html
    assert "&lt;script&gt;alert(&quot;期&quot;)&lt;/script&gt;" in html or "&lt;script&gt;alert(\"期\")" in html
    # the navigation and the <title> print names raw: there the markup is made inert (full-width brackets)
    assert "＜img src=x onerror=alert(2)＞" in html


def test_docs_command_writes_the_results_pages(published, tmp_path: Path, capsys) -> None:
    build, _ = published
    out = tmp_path / "md"
    results = build.root / "evil.json"
    assert main(["docs", "--root", str(REPO), "-o", str(out), "--results", str(results)]) == 0
    index = (out / "results" / "index.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in index and "<script>" not in index
    bad = tmp_path / "bad.json"
    bad.write_text('{"scheme": {"id": "x"}, "as_of": "2010-01-15",\n "subjects": [{"name": "教务处", "total": "九十"}]}',
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["docs", "--root", str(REPO), "-o", str(tmp_path / "md2"), "--results", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "考核结果：bad.json:2:" in err and "“九十”" in err
    assert "缺少“block”" in err


def test_results_read_well_on_a_phone(published) -> None:
    ensure_tools()
    build, _ = published
    browser = Browser()
    try:
        with serve(build.site) as url:
            tab = browser.tab()
            tab.viewport(PHONE)
            tab.open(url + "results/cz-quality-season-2009/#s-监察审计室", settle=0.5)
            seen = tab.evaluate("""(() => {
              const boxes = [...document.querySelectorAll('.md-content .zb-scroll')].map(el => {
                const r = el.getBoundingClientRect();
                return {left: r.left, right: r.right, scroll: el.scrollWidth, client: el.clientWidth}; });
              const h = document.getElementById('s-监察审计室').getBoundingClientRect();
              return {vw: document.documentElement.clientWidth, doc: document.documentElement.scrollWidth,
                      boxes, headingTop: h.top};
            })()""")
            tab.screenshot("results-390.png", full=True)
            tab.open(url + "results/", settle=0.5)
            index = tab.evaluate("({vw: document.documentElement.clientWidth, "
                                 "doc: document.documentElement.scrollWidth})")
            tab.screenshot("results-index-390.png", full=True)
            tab.session.drain(0.5)
        assert browser.external_requests() == []
        assert tab.errors == []
    finally:
        browser.close()
    assert seen["doc"] <= seen["vw"] and index["doc"] <= index["vw"], (seen, index)
    assert len(seen["boxes"]) == 2  # blocks A and B
    for box in seen["boxes"]:
        assert box["left"] >= 0 and box["right"] <= seen["vw"] + 1, box  # the box stays on the screen
    assert any(b["scroll"] > b["client"] for b in seen["boxes"])  # and the wide table scrolls inside it
    assert 0 <= seen["headingTop"] < 200  # the subject's anchor brings its section to the top


def test_the_setting_names_its_sources(tmp_path: Path, monkeypatch) -> None:
    from zhibiao.errors import UsageError
    from zhibiao.store.config import site_results

    monkeypatch.delenv("ZHIBIAO_SITE_RESULTS", raising=False)
    assert site_results(tmp_path) == []  # no zhibiao.toml: no 考核结果 section
    (tmp_path / "zhibiao.toml").write_text('[site]\nresults = ["store", "结果/2009.json", "sqlite:///x.db"]\n',
                                           encoding="utf-8")
    assert site_results(tmp_path) == ["store", str(tmp_path / "结果" / "2009.json"), "sqlite:///x.db"]
    monkeypatch.chdir(tmp_path / "..")
    assert site_results(tmp_path, {"ZHIBIAO_SITE_RESULTS": "a.json; store"}) == [
        str((tmp_path / ".." / "a.json").resolve()), "store"]
    (tmp_path / "zhibiao.toml").write_text("[site]\nresults = 3\n", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        site_results(tmp_path)
    assert str(err.value) == ("zhibiao.toml 配置项 [site] results 应为“store”（结果库）、数据库地址或结果文件路径，"
                              "或它们的列表，实际为 3")
