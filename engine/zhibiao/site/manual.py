"""Placeholders in the hand-written chapters: `{{ zb:scheme.cz-quality-season.full_marks }}` is replaced by
the value read from the YAML, so the manual never repeats a number or a name by hand.

Values are Markdown already escaped by the renderers. A link value may start with `@@/` (the docs root); it is
rewritten relative to the page that uses it. An unknown key is reported (the strict build then fails) and
shown as a visible gap, never silently dropped.
"""

from __future__ import annotations

import posixpath
import re

PLACEHOLDER = re.compile(r"\{\{\s*zb:([A-Za-z0-9_.\-]+)\s*\}\}")


def _relative_root(page_path: str) -> str:
    depth = posixpath.dirname(page_path)
    return posixpath.relpath(".", depth) if depth else "."


def substitute(markdown: str, values: dict[str, str], page_path: str) -> tuple[str, list[str]]:
    """Replace every placeholder; return the text and the keys that had no value."""
    missing: list[str] = []
    root = _relative_root(page_path)

    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in values:
            missing.append(key)
            return f"**（缺少数据：{key}）**"
        return values[key].replace("@@/", f"{root}/")

    return PLACEHOLDER.sub(one, markdown), missing


def known_keys(values: dict[str, str], prefix: str = "") -> list[str]:
    """For writers: every placeholder key available (optionally under a prefix)."""
    return sorted(k for k in values if k.startswith(prefix))
