"""The whole site builds strictly from the repository's YAML, and the pages carry the YAML's content."""

from __future__ import annotations

import html
import json
import re

from zhibiao.repository import Repository
from zhibiao.site.markup import number

from handbook_support import REPO, Build, read_article


def _scheme():
    repo = Repository(REPO)
    return repo.scheme_file(repo.scheme_files()[0])


def _text(page_html: str) -> str:
    """Visible text of a page: tags removed, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page_html)))


def test_strict_build_succeeds_without_warnings(built: Build) -> None:
    assert built.returncode == 0, built.output
    assert built.warnings == [], "\n".join(built.warnings)


def test_expected_pages_exist(built: Build) -> None:
    scheme = _scheme()
    for page in ("index.md", "manual/index.md", "manual/policy.md", "manual/document-control.md",
                 "manual/improvement-cycle.md", "manual/reading-scores.md", "schemes/index.md",
                 f"schemes/{scheme.id}.md", f"schemes/{scheme.id}-facts.md", "changelog.md"):
        assert "<h1" in built.html(page), page


def test_scheme_page_shows_every_rule_with_its_wording_and_amount(built: Build) -> None:
    scheme = _scheme()
    page = built.html(f"schemes/{scheme.id}.md")
    text = _text(page)
    for rule in scheme.rules:
        assert f'<tr id="{rule.id}">' in page, rule.id
        amount = number(rule.amount.values[-1].value)
        row = page.split(f'<tr id="{rule.id}">', 1)[1].split("</tr>", 1)[0]
        assert f"扣 {amount} 分" in html.unescape(row), (rule.id, amount)
    for clause in (c for cat in scheme.categories for c in cat.clauses):
        assert clause.text in text, clause.text
    study2 = next(r for r in scheme.rules if r.id == "study-2")
    assert "本部门缺席人数（absent_members）× 0.5 分/人" in text  # machine form beside the wording
    assert study2.text.split("，")[0] in text


def test_every_generated_page_carries_document_control(built: Build) -> None:
    scheme = _scheme()
    for page in (f"schemes/{scheme.id}.md", f"schemes/{scheme.id}-facts.md"):
        text = _text(built.html(page))
        for expected in (scheme.meta.version, scheme.meta.status, scheme.meta.effective.isoformat(),
                         scheme.meta.owner, "《郴州职业技术学院“质量管理季”活动实施方案（含考核方案）》", "修订记录",
                         scheme.meta.revisions[-1].summary, "rules/cz-quality-season.yaml"):
            assert expected in text, (page, expected)
        assert scheme.meta.source.file not in text  # the source by its title, not its file name
        assert "受控文件（考核方案）" in text
        page_html = built.html(page)
        # The edit button and the file link use the forge's (GitHub's) URL form, as the workflow does.
        assert 'href="https://git.college.internal/quality/zhibiao/edit/main/rules/cz-quality-season.yaml"' in page_html
        assert 'href="https://git.college.internal/quality/zhibiao/blob/main/rules/cz-quality-season.yaml"' in page_html
        assert "/-/" not in page_html


def test_manual_placeholders_are_filled_from_the_yaml(built: Build) -> None:
    scheme = _scheme()
    text = _text(built.html("manual/reading-scores.md"))
    assert "zb:" not in text and "缺少数据" not in text
    assert f"满分 {number(scheme.full_marks)} 分" in text
    assert f"{scheme.meta.title}" in text


def test_facts_page_lists_every_fact(built: Build) -> None:
    scheme = _scheme()
    text = _text(built.html(f"schemes/{scheme.id}-facts.md"))
    for fact in scheme.facts:
        assert fact.id in text and fact.name in text, fact.id
    for record in scheme.records:
        assert record.name in text
    assert "必填" in text and "可不填（默认" in text


def test_changelog_lists_each_revision(built: Build) -> None:
    scheme = _scheme()
    text = _text(built.html("changelog.md"))
    for rev in scheme.meta.revisions:
        assert rev.summary in text and rev.date.isoformat() in text


def test_search_index_segments_domain_terms(built: Build) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    words: set[str] = set()
    for doc in index["docs"]:
        words |= set(re.split(r"[\s\u200b]+", doc["title"] + "\u200b" + doc["text"]))
    # The jieba user dictionary keeps these domain terms whole, so Material's search can match them.
    for term in ("扣分", "督导室", "考核方案", "诊改", "质量保证", "填报口径"):
        assert term in words, term


def _pages(built: Build) -> list[tuple[str, str]]:
    return [(p.relative_to(built.site).as_posix(), p.read_text(encoding="utf-8"))
            for p in sorted(built.site.rglob("index.html"))]


def test_no_page_shows_raw_markdown(built: Build) -> None:
    """Markdown that did not render (a fence, bold markers, an admonition or a link) shows as literal text."""
    found = []
    for rel, page in _pages(built):
        article = read_article(page)
        # A fence inside a code block: Markdown took an indented fenced block for plain indented code.
        found += [f"{rel}: 代码块里出现了围栏标记：{block[:60]!r}" for block in article.pre
                  if re.search(r"^\s*(```|~~~)", block, re.M)]
        text = "".join(article.text)
        for marker in ("```", "**", "!!! ", "??? ", "](", "{{", "}}", "{: "):
            if marker in text:
                at = text.index(marker)
                found.append(f"{rel}: “{marker}” 原样出现在正文：…{text[max(0, at - 30):at + 30]}…")
    assert found == [], "\n".join(found)


def test_ordered_lists_number_consecutively(built: Build) -> None:
    """Within one section, successive numbered lists at the same depth continue each other's numbers:
    a list that restarts at 1 means Markdown broke one list in two (a mis-indented line ended it)."""
    found = []
    for rel, page in _pages(built):
        last: dict[tuple[int, int], int] = {}
        for section, depth, start, items in sorted(read_article(page).ordered, key=lambda o: o[:2]):
            key = (section, depth)
            if key in last and start != last[key] + 1:
                found.append(f"{rel}: 第 {section} 节的编号列表从 {start} 重新开始（上一个列表到 {last[key]} 为止）")
            last[key] = start + items - 1
    assert found == [], "\n".join(found)


def test_line_breaks_inside_chinese_paragraphs_are_not_spaces(built: Build) -> None:
    text = "".join(read_article(built.html("manual/committee-workflow.md")).text)
    assert "VS Code（装 YAML 插件）等编辑器据此补全键名" in text
    assert "新建文件不必从空白开始" in text and "说明 新建" not in text
    assert "怎样诊断与改进。它把分散在各个方案" in "".join(read_article(built.html("manual/index.md")).text)
