"""Diagrams drawn from the YAML (issue 15, item 4): the improvement spiral, the 五纵五横 matrix, the three-level
organisation chart and the roadmap timelines are inline SVG made from the documents, so they change with them."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from handbook_support import REPO, Build, copy_repo
from ruamel.yaml import YAML

from zhibiao.site import render_site
from zhibiao.site.diagrams import Span, text_width, timeline_svg, wrap
from zhibiao.repository import Repository

SVG = "{http://www.w3.org/2000/svg}"


def figures(markdown: str) -> list[ET.Element]:
    """Every diagram of a page, parsed as XML (a malformed SVG fails here)."""
    return [ET.fromstring(m) for m in re.findall(r"<svg class=\"zb-diagram.*?</svg>", markdown, re.S)]


def texts(svg: ET.Element) -> list[str]:
    """Each <text> element's words, its wrapped lines joined again."""
    return ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_site(REPO)


@pytest.fixture(scope="module")
def catalog():
    return Repository(REPO).catalog


def test_spiral_draws_every_step_of_both_loops(pages: dict[str, str], catalog) -> None:
    spiral = catalog.spirals[0]
    (svg,) = figures(pages[f"diagnosis/{spiral.id}.md"])
    words = texts(svg)
    nodes = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "zb-d-node"]
    shared = len(spiral.loops) - 1  # each lower loop's junction step is drawn once, on the loop above
    assert len(nodes) == sum(len(lp.steps) for lp in spiral.loops) - shared
    for lp in spiral.loops:
        assert lp.name in words
        for sid in lp.steps:
            assert spiral.step_name(sid) in words, sid
    arrows = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "zb-d-flow"]
    assert len(arrows) == sum(len(lp.steps) for lp in spiral.loops)  # one arrow per step: each loop closes


def test_matrix_has_five_systems_across_five_levels_on_the_platform(pages: dict[str, str], catalog) -> None:
    smap = catalog.system_maps[0]
    (svg,) = figures(pages[f"organization/{smap.id}.md"])
    words = texts(svg)
    for s in smap.systems:
        assert s.system in words and re.sub(r"（[^）]*）", "", s.responsible_for) in words
    for level in smap.levels:
        assert level.level in words
    assert f"一平台：{smap.platform.name}" in words
    dots = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "zb-d-dot"]
    assert len(dots) == len(smap.systems) * len(smap.levels)


def test_organisation_chart_nests_every_body_under_the_one_it_reports_to(pages: dict[str, str], catalog) -> None:
    org = catalog.organizations[0]
    (svg,) = figures(pages[f"organization/{org.id}.md"])
    words = texts(svg)
    boxes = {a.get("href")[1:]: a.find(f"{SVG}rect") for a in svg.iter(f"{SVG}a")}
    for body in org.bodies:
        assert (body.short_name or body.name) in words, body.id
        if body.tier:
            assert f"第 {body.tier} 级" in words
        if body.reports_to:  # a child's box is indented from its parent's and drawn below it
            child, parent = boxes[body.id], boxes[body.reports_to]
            assert float(child.get("x")) > float(parent.get("x"))
            assert float(child.get("y")) > float(parent.get("y"))


def test_timeline_bars_follow_the_dates(pages: dict[str, str], catalog) -> None:
    roadmap = catalog.roadmaps[0]
    milestones, phases = figures(pages[f"roadmap/{roadmap.id}.md"])
    bars = {a.get("href")[1:]: a.find(f"{SVG}rect") for a in phases.iter(f"{SVG}a")}
    assert set(bars) == {p.id for p in roadmap.phases}
    first = min(p.start for p in roadmap.phases)
    per_day = []
    for p in roadmap.phases:
        bar = bars[p.id]
        days = (p.end - p.start).days + 1
        per_day.append(float(bar.get("width")) / days)
        assert f"{p.order}. {p.name}" in texts(phases)
        assert f"{p.start.isoformat()} ～ {p.end.isoformat()}" in texts(phases)
        # the bar starts where its date lies on the shared axis
        assert float(bar.get("x")) == pytest.approx(8 + (p.start - dt.date(first.year, first.month, 1)).days * per_day[0], abs=1.0)
    long = [w for w, p in zip(per_day, roadmap.phases) if (p.end - p.start).days > 15]
    assert max(long) == pytest.approx(min(long), rel=0.02)  # one scale for every bar
    assert len(list(milestones.iter(f"{SVG}rect"))) >= len(roadmap.milestones)


def test_diagrams_follow_the_yaml(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    path = root / "standards" / "iso9001-roadmap.yaml"
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    data["phases"][1]["name"] = "专家论证阶段"
    data["phases"][1]["end"] = dt.date(2016, 1, 10)
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    page = render_site(root)["roadmap/st-iso9001-roadmap.md"]
    _, phases = figures(page)
    assert "2. 专家论证阶段" in texts(phases) and "2015-12-11 ～ 2016-01-10" in texts(phases)
    assert "2. 咨询论证阶段" not in texts(phases)


def test_the_manual_shows_the_same_diagrams(built: Build) -> None:
    for page, kinds in (("manual/improvement-cycle.md", ["spiral"]), ("manual/organization.md", ["matrix", "tree"]),
                        ("manual/document-control.md", ["timeline"])):
        html = built.html(page)
        assert re.findall(r'class="zb-diagram zb-diagram-(\w+)"', html) == kinds, page


def test_every_svg_on_the_site_is_well_formed(built: Build) -> None:
    count = 0
    for page in built.site.rglob("index.html"):
        for svg in re.findall(r"<svg class=\"zb-diagram.*?</svg>", page.read_text(encoding="utf-8"), re.S):
            ET.fromstring(svg)
            count += 1
    assert count >= 8


def test_text_is_wrapped_to_fit_and_never_starts_a_line_with_closing_punctuation() -> None:
    lines = wrap("大循环（年度诊改）", 13 * 6.5, 13)
    assert lines == ["大循环（年度诊改）"] or not lines[-1].startswith("）")
    assert wrap("决策指挥", 50, 14, balanced=True) == ["决策", "指挥"]
    for line in wrap("专业（课程）内部质量保证体系建设工作小组/处室管理服务内部质量保证体系建设工作小组", 300, 11):
        assert text_width(line, 11) <= 300 + 11


def test_an_empty_timeline_draws_nothing() -> None:
    assert timeline_svg("空", []) == ""
    one = timeline_svg("一项", [Span("试点", dt.date(2020, 1, 1), dt.date(2020, 1, 1))])
    assert ET.fromstring(re.search(r"<svg.*</svg>", one, re.S).group(0)) is not None


def test_each_timetable_has_a_timeline_of_its_phases(pages: dict[str, str]) -> None:
    loader = YAML(typ="safe")
    paths = sorted((REPO / "standards" / "timetables").glob("*.yaml"))
    assert paths
    for path in paths:
        data = loader.load(path.read_text(encoding="utf-8"))
        page = pages[f"timetable/{data['id']}.md"]
        (svg,) = figures(page)
        words = texts(svg)
        for phase in data.get("phases", []):
            assert f"{phase['order']}. {phase['name']}" in words, (path.name, phase["id"])
            assert f"{phase['start']} ～ {phase['end']}" in words
        for duty in data.get("obligations", []):  # every obligation is listed, with an anchor for links
            assert f'<span id="{duty["id"]}"></span>' in page, (path.name, duty["id"])


def test_timetable_duties_show_deadlines_and_link_their_clauses(pages: dict[str, str]) -> None:
    page = pages["timetable/cz-quality-season-timetable.md"]
    row = next(line for line in page.splitlines() if '<span id="plan-submission">' in line)
    assert "2009-11-06 前（含当日）" in row and "原文：11月6日前" in row
    assert "交学院人事处" in row and "交学院督导室" in row
    study = next(line for line in page.splitlines() if '<span id="study-session">' in line)
    assert "[学习讨论第1条（一）](../schemes/cz-quality-season.md#study-1a)" in study
