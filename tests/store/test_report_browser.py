"""The HTML and PDF reports in Debian's headless Chromium (the site tests' browser, installed by .ci/install-chromium when
absent): its charts are drawn, nothing is requested from outside the machine, it fits a 390 px phone, and each
deduction links to its rule on the handbook site. Screenshots are kept in .artifacts/screenshots/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from store_support import ROOT

from zhibiao import api
from zhibiao.store import Store

sys.path.insert(0, str(ROOT / "tests" / "site"))
from browser_support import DESKTOP, PHONE, Browser, ensure_tools, serve  # noqa: E402  (the site tests' browser driver)

CHARTS = """(() => {
  const drawn = sel => [...document.querySelectorAll(sel)].filter(el => {
    const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length;
  return {distribution: document.querySelectorAll('svg.distribution').length, bars: drawn('svg.distribution rect.bar'),
          segments: drawn('svg.categories rect.seg'),
          lines: [...document.querySelectorAll('svg.trend polyline.line')].filter(el =>
            el.getBoundingClientRect().width > 0).length,  // a flat line (same total) has no height
          points: document.querySelectorAll('svg.trend circle').length,
          labels: document.querySelectorAll('svg.trend text.label').length,
          overlaps: (() => { const r = [...document.querySelectorAll('svg.trend text.label')].map(
              t => t.getBoundingClientRect()); let n = 0;
            for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++)
              if (r[i].left < r[j].right && r[j].left < r[i].right && r[i].top < r[j].bottom - 1 &&
                  r[j].top < r[i].bottom - 1) n++;
            return n; })(),
          vw: document.documentElement.clientWidth, doc: document.documentElement.scrollWidth,
          links: [...document.querySelectorAll('td a')].map(a => a.href).slice(0, 3),
          scripts: document.querySelectorAll('script, link, img, iframe').length};
})()"""


@pytest.fixture(scope="module")
def report_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    repo = api.open_repository(ROOT)
    store = Store(f"sqlite:///{folder / 'r.sqlite3'}")
    for year in ("2009", "2010"):
        store.save(api.score(ROOT / "examples" / f"cz-quality-season-{year}.yaml", repository=repo), by="质量办")
    result = api.stored("2010", store=store).result
    (folder / "report.html").write_bytes(api.report(result, "html", site="https://handbook.college.example/",
                                                    store=store))
    store.close()
    return folder


def test_the_html_report_draws_its_charts_offline_on_desktop_and_phone(report_folder: Path) -> None:
    browser = Browser()
    try:
        with serve(report_folder) as url:
            tab = browser.tab()
            seen = {}
            for width, name in ((DESKTOP, "report-1280.png"), (PHONE, "report-390.png")):
                tab.viewport(width)
                tab.open(url + "report.html", settle=0.5)
                seen[width] = tab.evaluate(CHARTS)
                tab.screenshot(name, full=True)
            tab.session.drain(0.5)
        assert browser.external_requests() == []
        assert tab.errors == []
    finally:
        browser.close()
    desktop, phone = seen[DESKTOP], seen[PHONE]
    assert desktop["distribution"] == 2                      # blocks A and B
    assert desktop["bars"] >= 4
    assert desktop["segments"] == 24 * 3                     # 24 subjects × 3 categories
    assert desktop["lines"] == 24 and desktop["points"] == 48  # every subject in 2009 and 2010
    assert desktop["scripts"] == 0                           # self-contained: nothing to fetch, nothing to run
    assert desktop["links"][0].startswith("https://handbook.college.example/schemes/cz-quality-season/#")
    assert phone["doc"] <= phone["vw"], phone                # wide charts scroll inside their box, not the page
    assert phone["segments"] == 24 * 3
    for seen_at in (desktop, phone):  # every subject's name at the trend's right, none printed over another
        assert seen_at["labels"] == 24 and seen_at["overlaps"] == 0, seen_at


def test_the_pdf_report_is_the_html_report_printed(report_folder: Path, tmp_path: Path) -> None:
    ensure_tools()  # Chromium and poppler-utils (pdftotext), installed by .ci/install-chromium when absent
    out = tmp_path / "报告.pdf"
    done = subprocess.run([sys.executable, "-m", "zhibiao.cli", "--repo", str(ROOT), "report", "2010", "--format",
                           "pdf", "--db", str(report_folder / "r.sqlite3"), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "质量管理季" in text and "扣分明细" in text and "历年总分" in text
