"""Debian's Chromium for the site tests: started headless, driven over the DevTools protocol (cdp.py).

Every page runs in a browser context whose proxy is a local recorder that answers 403 to everything: a
request to any host but 127.0.0.1 — from the page, a worker, a preconnect — reaches the recorder and is
listed, and nothing ever leaves the machine or waits for an unreachable host. Chromium's own background
traffic (updates, sign-in) uses the default context and is not mixed in. The pages' own Network events are
recorded too, so a failure names the page that asked.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import shutil
import socketserver
import subprocess
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from cdp import Session
from handbook_support import REPO

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / ".artifacts" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--lang=zh-CN",
         "--font-render-hinting=none",
         # Chromium's own calls home from inside the page's context (form autofill hints and the like):
         # not the site's requests, and they would drown the recorder.
         "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate"]
DESKTOP, PHONE = 1280, 390


def ensure_tools() -> Path:
    """Install Debian's Chromium, CJK fonts and poppler-utils with the project's own script when missing."""
    if not CHROMIUM.exists() or not shutil.which("pdftoppm"):
        proc = subprocess.run(["bash", str(REPO / ".ci" / "install-chromium")], capture_output=True, text=True,
                              timeout=900)
        assert proc.returncode == 0, f"安装 Chromium 等工具失败：\n{proc.stdout}\n{proc.stderr}"
    assert CHROMIUM.exists()
    return CHROMIUM


class _Recorder(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        line = self.rfile.readline(4096).decode("latin-1").strip()
        self.server.hits.append(line)  # type: ignore[attr-defined]
        self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class RecordingProxy(socketserver.ThreadingTCPServer):
    """An HTTP proxy that forwards nothing: it records each request line (`CONNECT host:443 …`, `GET http://…`)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.hits: list[str] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A static file server for a built site on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-error", "devtools"):
        return True
    return parts.hostname in ("127.0.0.1", "localhost")


# Installed before any page script: counts alert/confirm/prompt calls, so a payload that runs is seen even
# if it does not open a dialog.
TRAP = """(() => {
  window.__zbCalls = [];
  for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
    window[name] = function (...args) { window.__zbCalls.push(name + ":" + String(args[0])); };
  }
})();"""


@dataclass
class Tab:
    """One page target with everything it did recorded."""

    session: Session
    requests: list[tuple[str, str]] = field(default_factory=list)  # (page URL, requested URL)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions in page scripts
    current: str = ""

    def listen(self, msg: dict[str, Any]) -> None:
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append((self.current, params["request"]["url"]))
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(f"{self.current}: {params.get('type')} {params.get('message')}")
            self.session.ws.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog",
                                             "params": {"accept": False}}))
        elif method == "Runtime.exceptionThrown":
            self.errors.append(f"{self.current}: {params['exceptionDetails'].get('text')}")

    def viewport(self, width: int, height: int = 0) -> None:
        phone = width < 600
        self.session.call("Emulation.setDeviceMetricsOverride", width=width, height=height or (844 if phone else 900),
                          deviceScaleFactor=2 if phone else 1, mobile=phone)

    def open(self, url: str, settle: float = 0.2) -> None:
        self.current = url
        self.session.navigate(url)
        self.session.drain(settle)

    def evaluate(self, expression: str) -> Any:
        return self.session.evaluate(expression)

    def calls(self) -> list[str]:
        """alert/confirm/prompt/print/open calls made by page scripts since the page loaded."""
        return self.session.evaluate("window.__zbCalls || []")

    def screenshot(self, name: str, full: bool = False, max_height: int = 5000) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / name
        params: dict[str, Any] = {"format": "png"}
        if full:
            width = self.evaluate("document.documentElement.clientWidth")
            height = min(max_height, self.evaluate("document.documentElement.scrollHeight"))
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        data = self.session.call("Page.captureScreenshot", **params)["data"]
        path.write_bytes(base64.b64decode(data))
        assert path.stat().st_size > 10_000, f"截图 {name} 几乎是空的"
        return path


class Browser:
    """Headless Chromium with one recorded browser context; `tab()` opens pages in it."""

    def __init__(self) -> None:
        chromium = ensure_tools()
        self.proxy = RecordingProxy()
        self.profile = Path(tempfile.mkdtemp(prefix="zb-chromium-"))
        self.proc = subprocess.Popen([str(chromium), *FLAGS, f"--user-data-dir={self.profile}",
                                      "--remote-debugging-port=0", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            if self.proc.poll() is not None:
                raise RuntimeError("Chromium 启动后立即退出了")
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium 没有打开调试端口")
            time.sleep(0.1)
        self.port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/version", timeout=10) as resp:
            self.root = Session(json.load(resp)["webSocketDebuggerUrl"])
        self.context = self.root.call("Target.createBrowserContext", proxyServer=self.proxy.address)["browserContextId"]
        self.tabs: list[Tab] = []

    def tab(self) -> Tab:
        target = self.root.call("Target.createTarget", url="about:blank", browserContextId=self.context)["targetId"]
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=10) as resp:
            url = next(t["webSocketDebuggerUrl"] for t in json.load(resp) if t["id"] == target)
        tab = Tab(Session(url))
        tab.session.listeners.append(tab.listen)
        for domain in ("Page", "Runtime", "Network"):
            tab.session.call(f"{domain}.enable")
        tab.session.call("Page.addScriptToEvaluateOnNewDocument", source=TRAP)
        tab.viewport(DESKTOP)
        self.tabs.append(tab)
        return tab

    def external_requests(self) -> list[str]:
        """Every request that tried to leave the site, from the pages' own records and from the proxy."""
        pages = [f"{page} → {url}" for t in self.tabs for page, url in t.requests if not is_local(url)]
        return pages + [f"（代理收到）{hit}" for hit in self.proxy.hits]

    def close(self) -> None:
        for t in self.tabs:
            try:
                t.session.close()
            except OSError:
                pass
        try:
            self.root.close()
        except OSError:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.proxy.shutdown()
        self.proxy.server_close()
        shutil.rmtree(self.profile, ignore_errors=True)


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as a path relative to its root ("" for the home page)."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def search(tab: Tab, server: str, term: str) -> list[str]:
    """Type `term` into Material's search box; return the result links (empty when it reports none)."""
    tab.open(server)
    tab.evaluate("document.querySelector('.md-search__input').focus()")
    tab.session.call("Input.insertText", text=term)
    tab.evaluate("document.querySelector('.md-search__input').dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}))")
    tab.session.wait_for("document.querySelectorAll('.md-search-result__item').length > 0"
                         " || /没有找到/.test((document.querySelector('.md-search-result__meta') || {}).innerText || '')",
                         timeout=30)
    return tab.evaluate("[...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)")
