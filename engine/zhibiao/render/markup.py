"""One escaping policy for every output that renders text a committee member or a submitter wrote.

Every such string goes through `md()` (Markdown context) or `h()` (raw HTML context) before it reaches a page or
a report, so a `<script>` is shown as text and a stray `[`, `*` or `{: }` cannot become a link, emphasis or an
attribute list. Links taken from YAML or submissions are kept only with http, https or relative targets.
Spreadsheet cells starting with = + - @ are written as text (formula injection).
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from ..numbers import fmt

# Characters Python-Markdown (and the extensions we enable) treat as syntax anywhere in a line.
_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|!])")
# Characters that are syntax only at the start of a line (lists, headings, quotes, definition lists).
_LINE_START = re.compile(r"^(\s*)(#|[>+-](?=\s|$)|\d+(?=\.(?:\s|$)))")
# C0 control characters other than tab and newline never belong in a page.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(value: Any) -> str:
    """A value as a reader sees it: exact decimals without trailing zeros, booleans in Chinese."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, float):
        return fmt(Decimal(repr(value)))
    return _CONTROL.sub("", str(value))


def h(value: Any) -> str:
    """Text for a raw HTML context: escaped, line breaks kept as <br>."""
    if value is None:
        return ""
    text = html.escape(plain(value), quote=True)
    return "<br>".join(part.strip() for part in text.splitlines()) if "\n" in text else text


def md(value: Any) -> str:
    """Text for a Markdown context: HTML-escaped, then Markdown syntax characters backslash-escaped."""
    if value is None:
        return ""
    out: list[str] = []
    for line in html.escape(plain(value), quote=False).splitlines() or [""]:
        line = _INLINE_SPECIALS.sub(r"\\\1", line)
        m = _LINE_START.match(line)
        if m:
            lead, mark = m.group(1), m.group(2)
            if mark[0].isdigit():  # "1." would start an ordered list
                rest = line[m.end():]
                line = f"{lead}{mark}\\{rest}" if rest else line
            else:
                line = f"{lead}\\{mark}{line[m.end():]}"
        out.append(line)
    return "\n".join(out)


def md_inline(value: Any) -> str:
    """Markdown text that must stay on one line (headings, list items, table cells)."""
    return " ".join(md(value).splitlines())


def attr(value: str) -> str:
    """An HTML attribute value (ids, hrefs)."""
    return html.escape(value, quote=True)


def safe_url(url: str) -> str:
    """`url` if it is http(s) or relative (no scheme, no `//host`), else "" — never javascript:, data: …"""
    text = _CONTROL.sub("", url).strip()
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    if not parts.scheme and not parts.netloc and not text.startswith("//") and ":" not in text.split("/", 1)[0]:
        return text
    return ""


def cell_text(value: Any) -> Any:
    """A spreadsheet cell (xlsx, CSV): text that a spreadsheet would run as a formula is prefixed with '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
