"""One escaping policy for every output that renders text a committee member or a submitter wrote.

Every such string goes through `md()` (Markdown context) or `h()` (raw HTML context) before it reaches a page or
a report, so a `<script>` is shown as text and a stray `[`, `*` or `{: }` cannot become a link, emphasis or an
attribute list. Links taken from YAML or submissions are kept only with http, https or relative targets (`safe_url`).
Spreadsheet cells starting with = + - @ are written as text (`cell_text`: formula injection); `csv_text` applies
it to every cell. Terminal and plain-text output loses control characters and bidi overrides (`terminal`).
The site (`site.markup`) follows the same policy and adds what only its theme needs (`nav_text`).
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


# Browsers drop ASCII tabs, line breaks and spaces inside a URL ("java\tscript:"), so the check must too.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def safe_url(url: Any) -> str:
    """`url` if it is an http(s) address or a relative reference, else "" (the caller shows text, no link).

    The site's policy (`site.markup.safe_href`): `javascript:`, `data:`, `vbscript:` and every other scheme are
    refused, as are protocol-relative `//host` references and their backslash spellings (browsers read `\\` as
    `/`), which leave the site without saying how."""
    text = _URL_NOISE.sub("", plain(url))
    if not text or text[:2].replace("\\", "/") == "//":
        return ""
    head = _SCHEME.match(text)
    if head and head.group(1).lower() not in ("http", "https"):
        return ""
    if head and not urlsplit(text).netloc:
        return ""  # "http:evil" has no host: not an address anyone meant
    return text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def cell_text(value: Any) -> Any:
    """A spreadsheet cell (xlsx, CSV): text a spreadsheet would run as a formula (= + - @, also after leading
    spaces, tabs or line breaks) is prefixed with ' so it stays text; a plain number such as -5 is left alone."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in _FORMULA_START and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


# What must never reach a terminal or a plain-text report: control characters other than tab and newline
# (an ESC starts a terminal escape sequence), C1 controls, and the bidirectional overrides that make a line
# read differently from what it contains ("Trojan Source").
_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """Plain text for a terminal or a .txt report: inert control characters removed."""
    return _TERMINAL.sub("", text)
