"""The quality manual as one printable document: the paper copy ISO 9001 document control expects.

After MkDocs has built the site, the manual's chapters (the 质量手册 section of the navigation, in order) are
taken from the built pages and put into one HTML page, `print/quality-manual/index.html`: a cover with the
document-control block (title, number, version, date, commit, controlled status, distribution number and
signature lines), the list of controlled documents it rests on with their versions, then every chapter on a
new page. CSS @page rules put the document-control header and “第 N 页 共 M 页” on every printed page.

`make_pdf` prints that page with Debian's Chromium (headless, `--print-to-pdf`), which honours @page sizes and
margin boxes. Nothing is fetched from outside the site: the page uses the site's own stylesheets and fonts
installed on the machine.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from .documents import DocumentInfo, kind_name

PRINT_DIR = "print/quality-manual"
PDF_NAME = "quality-manual.pdf"


@dataclass(frozen=True)
class Chapter:
    title: str
    url: str       # site-relative URL of the built page, e.g. "manual/policy/"
    article: str   # inner HTML of its <article>


@dataclass
class PrintMeta:
    title: str
    number: str
    version: str
    date: str
    commit: str
    owner: str
    site_name: str
    documents: list[DocumentInfo] = field(default_factory=list)
    pdf: bool = False   # a PDF is published beside the page (link to it)


def page_url(src: str) -> str:
    """Site-relative URL of a docs page with directory URLs: manual/index.md → manual/, manual/x.md → manual/x/."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_EDIT = re.compile(r'<a [^>]*class="md-content__button md-icon"[^>]*>.*?</a>', re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def read_chapter(site_dir: Path, title: str, src: str) -> Chapter | None:
    url = page_url(src)
    path = site_dir / url / "index.html"
    if not path.is_file():
        return None
    m = _ARTICLE.search(path.read_text(encoding="utf-8"))
    if not m:
        return None
    return Chapter(title, url, _PERMALINK.sub("", _EDIT.sub("", m.group(1))))


def _relink(chapter: Chapter, n: int, chapters: dict[str, int]) -> str:
    """Ids get a chapter prefix (two chapters may both have “目的”); links to a chapter of this document
    become in-document anchors; other site links are rewritten relative to the print page."""
    here = "/" + chapter.url
    me = "/" + PRINT_DIR + "/"

    def ident(m: re.Match[str]) -> str:
        return f'id="c{n}-{m.group(1)}"'

    def href(m: re.Match[str]) -> str:
        target = html.unescape(m.group(1))
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            return m.group(0)  # an absolute address (the repository, the web): unchanged
        if target.startswith("#"):
            return f'href="#c{n}-{html.escape(target[1:], quote=True)}"'
        path, frag = urldefrag(urljoin(here, target))
        key = path.lstrip("/")
        if key in chapters:
            k = chapters[key]
            return f'href="#c{k}-{html.escape(frag, quote=True)}"' if frag else f'href="#chapter-{k}"'
        rel = posixpath.relpath(path, me) + ("/" if path.endswith("/") and path != "/" else "")
        return f'href="{html.escape(rel + ("#" + frag if frag else ""), quote=True)}"'

    body = re.sub(r'id="([^"]+)"', ident, chapter.article)
    return re.sub(r'href="([^"]*)"', href, body)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def print_html(chapters: list[Chapter], meta: PrintMeta, stylesheets: list[str]) -> str:
    """The whole print page (stylesheet paths relative to the page)."""
    e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    index = {c.url: i for i, c in enumerate(chapters, 1)}
    header = f"文件编号 {meta.number} · 版本 {meta.version}"
    css = "\n".join(f'<link rel="stylesheet" href="{e(s)}">' for s in stylesheets)
    page_rules = f"""<style>
@page {{
  size: A4; margin: 24mm 18mm 20mm 18mm;
  @top-left {{ content: {_css_string(meta.title)}; font-size: 9pt; color: #333; vertical-align: bottom; }}
  @top-right {{ content: {_css_string(header)}; font-size: 9pt; color: #333; vertical-align: bottom; }}
  @bottom-left {{ content: {_css_string("受控文件 · " + meta.owner)}; font-size: 8pt; color: #555; }}
  @bottom-right {{ content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; color: #333; }}
}}
</style>"""
    labels = ("文件", "类别", "版本", "状态", "生效日期")
    docs = "".join(
        "<tr>" + "".join(f'<td data-label="{lab}">{e(v)}</td>' for lab, v in zip(
            labels, (d.title, kind_name(d.kind), d.version, d.status, d.effective))) + "</tr>"
        for d in sorted(meta.documents, key=lambda d: (d.kind, d.title)))
    toc = "".join(f'<li><a href="#chapter-{i}">{e(c.title)}</a></li>' for i, c in enumerate(chapters, 1))
    pdf = (f'<p class="zb-print-screen">本版本的 PDF：<a href="{PDF_NAME}">{e(meta.title)}（{e(meta.version)}）.pdf</a></p>'
           if meta.pdf else '<p class="zb-print-screen">用浏览器的“打印”即可打印本手册或另存为 PDF（页眉页脚与页码已排好）。</p>')
    cover = f"""<section class="zb-cover">
<h1 class="zb-cover-title">{e(meta.title)}</h1>
<p class="zb-cover-site">{e(meta.site_name)}</p>
<table class="zb-control">
<tr><th>文件名称</th><td>{e(meta.title)}</td><th>文件编号</th><td>{e(meta.number)}</td></tr>
<tr><th>版本</th><td>{e(meta.version)}</td><th>发布日期</th><td>{e(meta.date)}</td></tr>
<tr><th>受控状态</th><td>受控</td><th>分发号</th><td>&nbsp;</td></tr>
<tr><th>编制</th><td>&nbsp;</td><th>日期</th><td>&nbsp;</td></tr>
<tr><th>审核</th><td>&nbsp;</td><th>日期</th><td>&nbsp;</td></tr>
<tr><th>批准</th><td>&nbsp;</td><th>日期</th><td>&nbsp;</td></tr>
<tr><th>责任部门</th><td>{e(meta.owner)}</td><th>代码版本</th><td><code>{e(meta.commit)}</code></td></tr>
</table>
<p class="zb-cover-note">本手册由受控 YAML 文件生成，与站点同一版本的内容一致。纸质文件以本页所列版本为准；
使用前请在站点上核对现行版本，作废的纸质文件应及时收回。</p>
{pdf}
<h2>目录</h2>
<ol class="zb-print-toc">{toc}</ol>
</section>
<section class="zb-chapter zb-documents">
<h1>本手册依据的受控文件</h1>
<p>下列文件在本版本发布时的版本与状态（全部修订见站点“修订记录”）。</p>
<div class="zb-cards"><table><thead><tr><th>文件</th><th>类别</th><th>版本</th><th>状态</th><th>生效日期</th></tr></thead>
<tbody>{docs}</tbody></table></div>
</section>"""
    body = "\n".join(f'<section class="zb-chapter" id="chapter-{i}">\n{_relink(c, i, index)}\n</section>'
                     for i, c in enumerate(chapters, 1))
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{e(meta.title)}（{e(meta.version)}）</title>
{css}
{page_rules}
</head>
<body class="zb-print" data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="teal">
<div class="md-typeset">
{cover}
{body}
</div>
</body>
</html>
"""


class PrintError(Exception):
    """A Chinese message: the PDF could not be made."""


def find_chromium() -> str | None:
    for candidate in (os.environ.get("ZHIBIAO_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def make_pdf(page: Path, pdf: Path, chromium: str | None = None, timeout: float = 120) -> Path:
    """Print `page` (an HTML file) to `pdf` with headless Chromium; written through a temporary file."""
    browser = chromium or find_chromium()
    if not browser:
        raise PrintError("找不到 Chromium，无法生成质量手册 PDF：请运行 .ci/install-chromium（Debian 的 chromium 与中文字体），"
                         "或用环境变量 ZHIBIAO_CHROMIUM 指定浏览器")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zb-print-") as profile:
        tmp = Path(profile) / "out.pdf"
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={tmp}",
               page.resolve().as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PrintError(f"Chromium 打印质量手册超过 {timeout:.0f} 秒仍未完成") from exc
        if done.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
            raise PrintError(f"Chromium 没有生成 PDF（退出码 {done.returncode}）：{done.stderr.strip()[-300:]}")
        shutil.move(str(tmp), pdf)
    return pdf
