"""如何填报: every scheme gets a page saying how to submit its facts — the Excel/WPS template and its sheets, the
YAML/JSON structure with the skeleton's first subject, then checking, scoring and saving."""

from __future__ import annotations

import html
import re

from zhibiao.intake.layout import build_layout
from zhibiao.repository import Repository

from handbook_support import REPO, Build


def _text(page_html: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page_html)))


def test_every_scheme_has_a_how_to_submit_page(built: Build) -> None:
    assert built.returncode == 0, built.output
    repo = Repository(REPO)
    schemes = [repo.scheme_file(p) for p in repo.scheme_files()]
    assert schemes
    for scheme in schemes:
        page = built.html(f"schemes/{scheme.id}-how-to-submit.md")
        text = _text(page)
        assert f"zhibiao template {scheme.id} -o 填报模板.xlsx" in text
        assert f"zhibiao new submission {scheme.id}" in text
        for sheet in build_layout(scheme).sheets:           # every sheet of the template is described
            assert f"{sheet.name} {sheet.title}" in text, sheet.name
        for block in scheme.blocks:
            for subject in block.subjects:
                assert subject in text, subject
        # the skeleton's start, escaped, in a code block: its first fact and the fact's 填报口径 as a comment
        first = scheme.facts_for(scheme.blocks[0].id)[0]
        skeleton = page.split('<pre class="zb-skeleton"><code>', 1)[1].split("</code></pre>", 1)[0]
        assert f"scheme: {scheme.id}" in skeleton and f"{first.id}:" in skeleton
        assert html.unescape(skeleton).count("- name:") == 1
        assert f'href="../{scheme.id}-facts/"' in page                       # links to the 填报口径 page
    cz = built.html("schemes/cz-quality-season-how-to-submit.md")
    assert "填报.xlsx › A板块 › G3" in _text(cz)          # G: 本部门缺席人数, the first number column
