"""Escaping and small Markdown/HTML builders for committee-authored text.

Every string that came from a YAML file goes through `md()` (Markdown context) or `h()` (raw HTML context)
before it reaches a page, so a `<script>` in a description is shown as text and a stray `[`, `*` or `{: }`
cannot turn into a link, emphasis or an attribute list.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from typing import Any, Iterable, Sequence

# Characters Python-Markdown (and the extensions we enable) treat as syntax anywhere in a line.
_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|!])")
# Characters that are syntax only at the start of a line (lists, headings, quotes, definition lists).
_LINE_START = re.compile(r"^(\s*)(#|[>+-](?=\s|$)|\d+(?=\.(?:\s|$)))")


def h(value: Any) -> str:
    """Text for a raw HTML context (inside our tables): escaped, line breaks kept as <br>."""
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


# C0 control characters other than tab and newline never belong in a page (ruamel marks folded-scalar
# line breaks with \a in the composed node; a stray one would show as a box).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(value: Any) -> str:
    """A value as a reader sees it: exact decimals without trailing zeros, booleans in Chinese."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, float):
        return number(Decimal(repr(value)))
    return _CONTROL.sub("", str(value))


def number(value: Decimal | int | float) -> str:
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def attr(value: str) -> str:
    """An HTML attribute value (ids, hrefs)."""
    return html.escape(value, quote=True)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, css: str = "") -> str:
    """A raw HTML table; every cell is escaped here (pass `Raw` to insert trusted markup)."""
    cls = f' class="{attr(css)}"' if css else ""
    head = "".join(f"<th>{h(x)}</th>" for x in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{cell(x)}</td>" for x in row) + "</tr>" for row in rows)
    return f"<table{cls}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


class Raw(str):
    """Markup built by this package from escaped parts: inserted as is."""


def cell(value: Any) -> str:
    return value if isinstance(value, Raw) else h(value)


def link(href: str, label: Any) -> Raw:
    return Raw(f'<a href="{attr(href)}">{h(label)}</a>')


def anchor_id(value: str) -> str:
    """A stable HTML id from a YAML id (ids are already [a-z0-9._-]; anything else is replaced)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", value)
