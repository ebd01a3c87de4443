"""A Python-Markdown extension for Chinese pages (listed in mkdocs.yml as `zhibiao.site.markdown_ext`).

1. A line break inside a Chinese paragraph is a soft wrap in the source, not a space: Markdown turns it into
   one, which shows as a gap between two characters. Breaks between two CJK characters are removed before
   the inline pass (code spans, code blocks and hard breaks — two trailing spaces — are left alone).
2. Tables: every body cell gets its column name as `data-label`, and a table of four or more columns is
   wrapped in `<div class="zb-cards">`, so on a phone each row becomes a card (zhibiao.css) instead of a
   table wider than the screen — except inside `<div class="zb-scroll">` (a ranking reads best as a table:
   there it keeps its columns and scrolls sideways inside its own box).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# CJK ideographs, kana, CJK and full-width punctuation, and the curly quotes, dashes and ellipsis of Chinese text.
CJK = ("\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
       "\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026")
_SOFT_BREAK = re.compile(rf"(?<=[{CJK}])\n[ \t]*(?=[{CJK}])")
_SKIP = {"pre", "code", "script", "style", "kbd", "samp"}
CARD_COLUMNS = 4


def join_cjk_lines(text: str) -> str:
    """Remove the soft line breaks between two CJK characters."""
    return _SOFT_BREAK.sub("", text)


class JoinCJKLines(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, el: etree.Element) -> None:
        if el.tag in _SKIP:
            return
        if el.text and not isinstance(el.text, AtomicString):
            el.text = join_cjk_lines(el.text)
        for child in el:
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail = join_cjk_lines(child.tail)


def _text_of(el: etree.Element) -> str:
    return " ".join("".join(el.itertext()).split())


class LabelTableCells(Treeprocessor):
    """data-label on each cell; wide tables wrapped for the card layout."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for i, table in enumerate(list(parent)):
                if table.tag != "table":
                    continue
                head = table.find("thead/tr")
                labels = [_text_of(th) for th in head] if head is not None else []
                for row in table.iterfind("tbody/tr"):
                    for label, cell in zip(labels, row):
                        if label and "data-label" not in cell.attrib:
                            cell.set("data-label", label)
                classes = parent.get("class", "").split()
                if len(labels) >= CARD_COLUMNS and "zb-cards" not in classes and "zb-scroll" not in classes:
                    wrapper = etree.Element("div", {"class": "zb-cards"})
                    wrapper.tail, table.tail = table.tail, None
                    parent.remove(table)
                    wrapper.append(table)
                    parent.insert(i, wrapper)


class ZhibiaoExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before "inline" (20): the paragraph text is still the Markdown source of the line.
        md.treeprocessors.register(JoinCJKLines(md), "zb_join_cjk_lines", 25)
        # After "inline", before "prettify" (10): tables are built by then.
        md.treeprocessors.register(LabelTableCells(md), "zb_table_labels", 15)


def makeExtension(**kwargs: object) -> ZhibiaoExtension:  # noqa: N802 (Markdown's entry-point name)
    return ZhibiaoExtension(**kwargs)
