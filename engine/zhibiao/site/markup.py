"""Escaping and small Markdown/HTML builders for committee-authored text: the site's one escaping policy.

Every string that came from a YAML file reaches a page through exactly one of these, chosen by where it lands:
- `md()` / `md_inline()` — Markdown source: HTML-escaped, then Markdown syntax backslash-escaped, so `<script>`
  shows as text and a stray `[`, `*` or `{: }` cannot become a link, emphasis or an attribute list;
- `h()` — raw HTML blocks we build (tables, diagrams: a block that Markdown leaves alone): HTML-escaped;
  inline HTML inside Markdown (`<small>…</small>` in a paragraph) is still Markdown inside, so it takes `md()`;
- `nav_text()` — the slots MkDocs and the theme fill in without escaping (navigation, tabs, breadcrumbs,
  footer, `<title>`, search titles): the five HTML-special characters become their full-width forms, so the
  text is inert whether a template prints it raw or un-escapes it first (Jinja's `striptags` does);
- `safe_href()` — every link target: only http, https or relative targets pass.
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


def attr(value: Any) -> str:
    """An HTML attribute value (ids, hrefs, labels)."""
    return html.escape(plain(value), quote=True)


# Full-width forms of the characters HTML gives a meaning to: they read the same to a Chinese reader.
_INERT = str.maketrans({"&": "＆", "<": "＜", ">": "＞", '"': "＂", "'": "＇"})


def nav_text(value: Any) -> str:
    """Text for a slot the theme prints without escaping (see the module docstring): one line, inert."""
    return " ".join(plain(value).translate(_INERT).split())


_SAFE_SCHEMES = ("http", "https")
# Browsers drop ASCII tabs and line breaks inside a URL ("java\tscript:"), so the check must too.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def safe_href(url: Any) -> str:
    """`url` if it is an http(s) address or a relative reference, else "" (the caller shows text, no link).

    `javascript:`, `data:`, `vbscript:` and every other scheme are refused, as are protocol-relative
    `//host` references (they leave the site without saying how)."""
    text = _URL_NOISE.sub("", plain(url))
    if not text or text[:2].replace("\\", "/") == "//":  # "//host", "/\\host", "\\\\host" all leave the site
        return ""
    head = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", text)
    if head and head.group(1).lower() not in _SAFE_SCHEMES:
        return ""
    return text


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, css: str = "", cards: bool = True) -> str:
    """A raw HTML table; every cell is escaped here (pass `Raw` to insert trusted markup).

    Each cell carries its column name (`data-label`), so on a phone the rows turn into cards (zhibiao.css)
    instead of a table wider than the screen."""
    labels = [h(x) for x in headers]
    head = "".join(f"<th>{x}</th>" for x in labels)
    body = "\n".join("<tr>" + "".join(f'<td data-label="{lab}">{cell(x)}</td>' for lab, x in zip(labels, row))
                     + "</tr>" for row in rows)
    # A table without a class keeps the theme's table style; our classes go on the wrapper.
    classes = " ".join(c for c in ("zb-cards" if cards else "", css) if c)
    wrap = f'<div class="{attr(classes)}">\n' if classes else ""
    end = "</div>\n" if classes else ""
    return f"{wrap}<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n{end}"


class Raw(str):
    """Markup built by this package from escaped parts: inserted as is."""


def cell(value: Any) -> str:
    return value if isinstance(value, Raw) else h(value)


def link(href: str, label: Any) -> Raw:
    """A link with an escaped label; a target that `safe_href` refuses gives the label alone."""
    target = safe_href(href)
    return Raw(f'<a href="{attr(target)}">{h(label)}</a>' if target else h(label))


def anchor_id(value: str) -> str:
    """A stable HTML id from a YAML id (ids are already [a-z0-9._-]; anything else is replaced)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", value)
