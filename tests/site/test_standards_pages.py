"""Standards-side pages carry the content of their YAML: requirements, the diagnosis table, objectives,
review rules, the 五纵五横 matrix, the organization and the roadmap timeline."""

from __future__ import annotations

import html
import re

from handbook_support import REPO, Build
from zhibiao.load import load_file


def _text(page_html: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page_html)))


def _data(rel: str) -> dict:
    return load_file(REPO / rel).data


def test_catalog_lists_every_standard_by_level_and_by_system(built: Build) -> None:
    article = built.html("standards/index.md").split("<article", 1)[1].split("</article>", 1)[0]
    text = _text(article)  # the page body only: the navigation lists every title too
    assert "按层面" in text and "按系统" in text
    for path in sorted((REPO / "standards" / "catalog").glob("*.yaml")):
        d = load_file(path).data
        assert text.count(d["title"]) == 2, d["title"]  # once by level, once by system


def test_each_standard_page_shows_its_requirements_with_anchors(built: Build) -> None:
    d = _data("standards/catalog/course.yaml")
    page = built.html(f"standards/{d['id']}.md")
    text = _text(page)
    for item in d["items"]:
        assert f'id="{item["id"]}"' in page, item["id"]
        assert item["name"] in text
    assert d["version"] in text and d["owner"] in text and "修订记录" in text


def test_diagnosis_table_has_every_point(built: Build) -> None:
    d = _data("standards/diagnosis-table.yaml")
    text = _text(built.html(f"diagnosis/{d['id']}.md"))
    points = [p for it in d["items"] for e in it["elements"] for p in e["points"]]
    for p in points:
        assert p["name"] in text, p["name"]
    for material in points[0]["materials"]:
        assert material in text
    assert f"{len(points)} 个诊断点" in text


def test_objectives_and_manual_use_the_same_policy(built: Build) -> None:
    d = _data("standards/objectives.yaml")
    for page in (f"objectives/{d['id']}.md", "manual/policy.md"):
        text = _text(built.html(page))
        assert d["policy"]["text"] in text, page
        for ind in d["indicators"]:
            assert ind["name"] in text, (page, ind["name"])


def test_review_rules_show_thresholds_from_parameters(built: Build) -> None:
    d = _data("standards/review-procedure.yaml")
    text = _text(built.html(f"review/{d['id']}.md"))
    params = {p["id"]: p["value"] for p in d["parameters"]}
    assert f"≥ {params['effective_min_agree']}" in text or f"≥{params['effective_min_agree']}" in text
    for c in d["conclusions"]:
        assert c["name"] in text


def test_matrix_marks_department_membership(built: Build) -> None:
    d = _data("standards/system-map.yaml")
    page = built.html(f"organization/{d['id']}.md")
    systems = [s["system"] for s in d["systems"]]
    row = page.split('id="dept-audit"', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td>(.*?)</td>", row)[1:]
    assert cells[systems.index("监督控制")] == "●" and cells.count("●") == 1


def test_roadmap_is_a_timeline_of_all_phases(built: Build) -> None:
    d = _data("standards/iso9001-roadmap.yaml")
    page = built.html(f"roadmap/{d['id']}.md")
    assert 'class="zb-timeline"' in page
    for phase in d["phases"]:
        assert f'id="{phase["id"]}"' in page and phase["name"] in page


def test_changelog_covers_every_document(built: Build) -> None:
    text = _text(built.html("changelog.md"))
    for path in sorted((REPO / "standards").rglob("*.yaml")) + sorted((REPO / "rules").rglob("*.yaml")):
        assert load_file(path).data["title"] in text, path.name
