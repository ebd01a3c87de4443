"""Editing the YAML changes the published table; committee text is escaped; the CLI writes the same pages."""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

import markdown
from handbook_support import build_site

from zhibiao.site import render_site
from zhibiao.cli.docs import register
from zhibiao.site.markup import h, link, md, nav_text, safe_href

SCHEME = "rules/cz-quality-season.yaml"


def _row(page_html: str, rule_id: str) -> str:
    return html.unescape(page_html.split(f'<tr id="{rule_id}">', 1)[1].split("</tr>", 1)[0])


def _set_amount(yaml_text: str, rule_id: str, new: str) -> str:
    """Replace the `amount:` of one rule (the first `amount:` line after `- id: <rule_id>`)."""
    pattern = re.compile(rf"(- id: {re.escape(rule_id)}\n(?:(?!\s*- id:).*\n)*?\s*amount: )([0-9.]+)")
    changed, n = pattern.subn(lambda m: m.group(1) + new, yaml_text, count=1)
    assert n == 1, f"{rule_id} 的 amount 没有找到"
    return changed


def test_changing_one_amount_changes_the_published_table(repo_copy: Path, tmp_path: Path) -> None:
    yaml_path = repo_copy / SCHEME
    before = build_site(repo_copy, tmp_path / "before")
    assert before.returncode == 0, before.output
    assert "扣 0.5 分" in _row(before.html("schemes/cz-quality-season.md"), "study-2")

    yaml_path.write_text(_set_amount(yaml_path.read_text(encoding="utf-8"), "study-2", "0.7"), encoding="utf-8")
    after = build_site(repo_copy, tmp_path / "after")
    assert after.returncode == 0, after.output
    row = _row(after.html("schemes/cz-quality-season.md"), "study-2")
    assert "扣 0.7 分" in row and "0.5 分" not in row
    assert "本部门缺席人数（absent_members）× 0.7 分/人" in row
    # Nothing else changed: the neighbouring rule still shows its own amount.
    assert "扣 1 分" in _row(after.html("schemes/cz-quality-season.md"), "study-1a")


def test_script_in_committee_text_is_shown_as_text(repo_copy: Path, tmp_path: Path) -> None:
    yaml_path = repo_copy / SCHEME
    text = yaml_path.read_text(encoding="utf-8")
    evil = "<script>alert('xss')</script> [链接](http://evil.example) *强调* {: onclick=x}"
    text = text.replace("description: 学习讨论会上本部门人员缺席的人数；",
                        f'description: "{evil}学习讨论会上本部门人员缺席的人数；', 1)
    text = text.replace("计为缺席。\n    example: 2", "计为缺席。\"\n    example: 2", 1)
    text = text.replace('text: "合理化建议必须汇总并纳入本部门执行活动方案。"',
                        'text: "<script>alert(2)</script>合理化建议"', 1)
    text = text.replace('        text: "学习讨论前通知考核小组。"', '        text: "<img src=x onerror=alert(3)>"', 1)
    assert text.count("<script>") == 2 and "<img" in text  # every injection landed in the copy
    yaml_path.write_text(text, encoding="utf-8")
    result = build_site(repo_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    facts = result.html("schemes/cz-quality-season-facts.md")
    scheme = result.html("schemes/cz-quality-season.md")
    assert "<script>alert" not in facts and "<script>alert" not in scheme
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in facts or "&lt;script&gt;alert('xss')&lt;/script&gt;" in facts
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in scheme
    assert "<img src=x" not in scheme and "&lt;img src=x onerror=alert(3)&gt;" in scheme
    assert 'href="http://evil.example"' not in facts  # a Markdown link in committee text stays text
    assert "<em>强调</em>" not in facts


def test_script_in_a_standard_is_shown_as_text(repo_copy: Path, tmp_path: Path) -> None:
    path = repo_copy / "standards" / "catalog" / "special.yaml"
    text = path.read_text(encoding="utf-8")
    assert "text: 专项工作质量标准," in text
    path.write_text(text.replace("text: 专项工作质量标准,", 'text: "<script>alert(4)</script>专项",', 1), encoding="utf-8")
    result = build_site(repo_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = result.html("standards/gzqg-special.md")
    assert "<script>alert(4)" not in page and "&lt;script&gt;alert(4)&lt;/script&gt;专项" in page


def test_control_characters_never_reach_a_page() -> None:
    assert md("一。\a 二") == "一。 二"  # ruamel's folded-scalar marker


def test_escaping_helpers() -> None:
    assert h("<b>&</b>\n第二行") == "&lt;b&gt;&amp;&lt;/b&gt;<br>第二行"
    assert md("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;"
    assert md("[a](b) *c* `d` {: #e} | f") == r"\[a\](b) \*c\* \`d\` \{: #e\} \| f"
    assert md("# 标题\n- 项\n1. 一") == "\\# 标题\n\\- 项\n1\\. 一"
    assert md("版本 1.0.0") == "版本 1.0.0"


def test_cli_writes_the_same_pages(tmp_path: Path) -> None:
    from handbook_support import REPO

    parser = argparse.ArgumentParser(prog="zhibiao")
    register(parser.add_subparsers())
    args = parser.parse_args(["docs", "-o", str(tmp_path / "out"), "--root", str(REPO)])
    assert args.func(args) == 0
    pages = render_site(REPO, repo_url="https://git.college.internal/quality/zhibiao")
    for path, markdown in pages.items():
        assert (tmp_path / "out" / path).read_text(encoding="utf-8") == markdown, path
    manual = (tmp_path / "out" / "manual" / "reading-scores.md").read_text(encoding="utf-8")
    assert "{{" not in manual and "满分 100 分" in manual
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_a_new_hand_written_chapter_is_published_without_editing_the_nav(repo_copy: Path, tmp_path: Path) -> None:
    (repo_copy / "docs" / "manual" / "new-chapter.md").write_text("# 新增章节：督导室工作规程\n\n正文。\n", encoding="utf-8")
    result = build_site(repo_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "新增章节：督导室工作规程" in result.html("manual/index.md")  # listed in the manual's navigation


def test_nav_text_is_inert_however_a_template_prints_it() -> None:
    text = nav_text('<script>alert("x")</script> & \'引号\'\n第二行')
    assert text == "＜script＞alert(＂x＂)＜/script＞ ＆ ＇引号＇ 第二行"
    assert not set("<>&\"'") & set(text)
    assert html.unescape(text) == text  # Jinja's striptags un-escapes: nothing to un-escape


def test_links_from_yaml_only_to_http_https_or_relative_targets() -> None:
    for good in ("https://example.edu.cn/a?b=1#c", "http://x.cn", "../standards/x.md#y", "#study-2", "a.md", "/abs/path"):
        assert safe_href(good) == good, good
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:alert(1)", "java\nscript:x",
                "data:text/html,<script>", "vbscript:x", "file:///etc/passwd", "//evil.example/x", "/\\evil.example",
                "\\\\evil.example", "", "mailto:a@b.c"):
        assert safe_href(bad) == "", bad
    assert link("javascript:alert(1)", "<b>看</b>") == "&lt;b&gt;看&lt;/b&gt;"  # shown as text, no link
    assert link("https://x.cn/?a=1&b=\"2\"", "链接") == '<a href="https://x.cn/?a=1&amp;b=&quot;2&quot;">链接</a>'


def test_soft_line_breaks_between_chinese_characters_are_removed() -> None:
    out = markdown.markdown("第一行中文，\n第二行中文。\n\n硬换行  \n保留\n\n```\n代码\n里面\n```\n\nEnglish\nwords 中文\n接着",
                            extensions=["fenced_code", "zhibiao.site.markdown_ext"])
    assert "<p>第一行中文，第二行中文。</p>" in out
    assert "硬换行<br />\n保留" in out  # a hard break stays
    assert "代码\n里面" in out  # code is left alone
    assert "English\nwords 中文接着" in out  # only breaks between two CJK characters go


def test_wide_tables_are_labelled_for_the_card_layout() -> None:
    out = markdown.markdown("| 甲 | 乙 | 丙 | 丁 |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |",
                            extensions=["tables", "zhibiao.site.markdown_ext"])
    assert out.count('<div class="zb-cards">') == 1  # four columns become cards on a phone; two do not
    assert '<td data-label="丁">4</td>' in out and '<td data-label="乙">2</td>' in out
