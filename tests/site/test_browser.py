"""The built site in a real browser: Debian's Chromium, headless, driven over the DevTools protocol.

Checks what a reader sees — the deduction table on a scheme page, and Material's own search finding the right
pages for 扣分 and 诊改 — and leaves screenshots in .artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from cdp import Session
from handbook_support import REPO, Build

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / ".artifacts" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1280,900", "--lang=zh-CN"]


def ensure_chromium() -> Path:
    """Install Debian's Chromium with the project's own script when it is missing."""
    if not CHROMIUM.exists():
        proc = subprocess.run(["bash", str(REPO / ".ci" / "install-chromium")], capture_output=True, text=True,
                              timeout=900)
        assert proc.returncode == 0, f"安装 Chromium 失败：\n{proc.stdout}\n{proc.stderr}"
    assert CHROMIUM.exists()
    return CHROMIUM


@pytest.fixture(scope="module")
def server(built: Build) -> Iterator[str]:
    assert built.returncode == 0, built.output
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built.site))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    chromium = ensure_chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    proc = subprocess.Popen([str(chromium), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            assert proc.poll() is None, "Chromium 启动后立即退出了"
            assert time.monotonic() < deadline, "Chromium 没有打开调试端口"
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            targets = [t for t in json.load(resp) if t.get("type") == "page"]
        session = Session(targets[0]["webSocketDebuggerUrl"])
        session.call("Page.enable")
        session.call("Runtime.enable")
        session.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
        yield session
        session.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


def shot(session: Session, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    session.screenshot(str(path))
    assert path.stat().st_size > 10_000, f"截图 {name} 几乎是空的"
    return path


def test_home_page(browser: Session, server: str) -> None:
    browser.navigate(server)
    title = browser.evaluate("document.querySelector('h1').innerText")
    assert "内部质量保证手册" in title
    tabs = browser.evaluate("[...document.querySelectorAll('.md-tabs__link')].map(a => a.innerText.trim())")
    assert "质量手册" in tabs and "考核方案" in tabs
    shot(browser, "home.png")


def test_scheme_page_shows_the_deduction_table(browser: Session, server: str) -> None:
    browser.navigate(server + "schemes/cz-quality-season/")
    headers = browser.evaluate("[...document.querySelectorAll('.zb-scheme table th')].map(t => t.innerText.trim())")
    assert headers[:5] == ["考核类别", "量化分值", "考核项目", "量化标准", "机读形式（扣分额与条件）"]
    rows = browser.evaluate("document.querySelectorAll('.zb-scheme table tbody tr').length")
    assert rows >= 40
    row = browser.evaluate("document.getElementById('study-2').innerText")
    assert "所属本部门人员缺席，扣0.5分/人" in row and "扣 0.5 分" in row
    visible = browser.evaluate("(() => { const r = document.getElementById('study-2').getBoundingClientRect();"
                               " return r.width > 200 && r.height > 10; })()")
    assert visible, "扣分表的行没有显示出来"
    shot(browser, "scheme-top.png")
    browser.evaluate("document.getElementById('考核标准').scrollIntoView({block: 'start'})")
    time.sleep(0.3)
    shot(browser, "scheme.png")


def test_standard_page(browser: Session, server: str) -> None:
    browser.navigate(server + "standards/gzqg-course/")
    assert "课程建设标准" in browser.evaluate("document.querySelector('h1').innerText")
    assert browser.evaluate("document.querySelectorAll('.md-typeset h3').length") >= 5
    shot(browser, "standard.png")


def test_rule_anchor_is_a_stable_link(browser: Session, server: str) -> None:
    browser.navigate(server)
    browser.navigate(server + "schemes/cz-quality-season/#a-exec-11b")
    top = browser.evaluate("document.getElementById('a-exec-11b').getBoundingClientRect().top")
    assert 0 <= top < 300, f"锚点行没有滚动到视口顶部（top={top}）"


def _search(browser: Session, server: str, term: str) -> list[str]:
    browser.navigate(server)
    browser.evaluate("document.querySelector('.md-search__input').focus()")
    browser.call("Input.insertText", text=term)
    browser.evaluate("document.querySelector('.md-search__input')"
                     ".dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}))")
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0", timeout=30)
    return browser.evaluate("[...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)")


def test_search_finds_deduction_pages(browser: Session, server: str) -> None:
    links = _search(browser, server, "扣分")
    assert any("schemes/cz-quality-season/" in href for href in links), links
    shot(browser, "search-koufen.png")


def test_search_finds_diagnosis_pages(browser: Session, server: str) -> None:
    links = _search(browser, server, "诊改")
    assert any("manual/improvement-cycle/" in href for href in links), links
    assert any("review/" in href or "diagnosis/" in href for href in links), links
    shot(browser, "search-zhengai.png")
