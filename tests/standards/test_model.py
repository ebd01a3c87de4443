"""The typed model of standards/: counts, wording and links read by hand from the YAML files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from zhibiao.model.objectives import Indicator
from zhibiao.model.review import Conclusion, Consequence
from zhibiao.model.standards import Catalog
from zhibiao.repository import Repository


def load_standards(root: Path) -> Catalog:
    return Repository(root).catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_standards(ROOT)


def test_every_document_is_built_and_none_is_left_out(catalog: Catalog) -> None:
    assert catalog.problems == ()
    counts = {f.name: len(getattr(catalog, f.name)) for f in dataclasses.fields(catalog) if f.name != "problems"}
    assert counts == {"standards": 8, "diagnosis_tables": 1, "system_maps": 1, "organizations": 1, "spirals": 1,
                      "review_procedures": 1, "objectives": 1, "roadmaps": 1, "timetables": 4, "element_lists": 1,
                      "registries": 1}


def test_models_are_frozen(catalog: Catalog) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.standards[0].items[0].text = "改"  # type: ignore[misc]


def test_standards_keep_requirements_wording_and_document_control(catalog: Catalog) -> None:
    by_id = {s.id: s for s in catalog.standards}
    assert {k: len(s.items) for k, s in by_id.items()} == {
        "gzqg-college-development": 5, "gzqg-course": 9, "gzqg-logistics": 7, "gzqg-program": 6,
        "gzqg-quality-culture": 5, "gzqg-special": 6, "gzqg-student": 6, "gzqg-teacher": 20}
    assert len(catalog.requirements) == 64
    college = by_id["gzqg-college-development"]
    assert (college.title, college.level, college.system, college.meta.version) == ("学院建设发展标准（表4）", "学校", "决策指挥", "1.1.0")
    assert college.meta.effective == dt.date(2018, 3, 1)  # 001 has no date; see the decision in the YAML
    assert college.meta.path == "standards/catalog/college-development.yaml"
    assert college.serves == ("goal.college",)
    assert college.decision[0].startswith("原文未指定标准库各表的责任部门")
    party = college.items[0]
    assert (party.id, party.name, party.text) == ("std.college.party", "党建工作标准", "党的建设、群团建设、党风廉政建设、思想政治教育等。")
    assert (party.source.file, party.source.section) == ("001_eeafa781316cf98f.txt", "表4 党建工作标准")
    env = by_id["gzqg-course"].item("std.course.new-classroom-environment")
    assert env is not None and env.uncertain == ("正文（四、（三）2.）写作“新形态课堂学习环境建设标准”。",)
    assert len(by_id["gzqg-logistics"].uncertain) == 2


def test_course_stages_form_a_next_chain(catalog: Catalog) -> None:
    chain, rid = [], "std.course.general"
    while rid:
        req = catalog.requirement(rid)
        assert req is not None
        chain.append(req.category)
        rid = req.next
    assert chain == ["一般", "院级", "省级", "国家级"]


def test_every_refines_serves_and_next_resolves(catalog: Catalog) -> None:
    refining = 0
    for std in catalog.standards:
        for goal in std.serves:
            assert catalog.goal(goal) is not None, (std.id, goal)
        for req in std.items:
            refining += bool(req.refines)
            for target in req.refines + ((req.next,) if req.next else ()):
                assert catalog.requirement(target) is not None, (req.id, target)
            for goal in req.serves:
                assert catalog.goal(goal) is not None, (req.id, goal)
    # refining items per file: course 6, program 3, special 2, student 4, teacher 18 (all but 共性标准 and 发展标准)
    assert refining == 33
    assert catalog.standard_of("std.student.growth").id == "gzqg-student"  # type: ignore[union-attr]
    assert catalog.requirement("std.teacher.part-time").refines == ("std.teacher.other",)  # type: ignore[union-attr]


def test_participants_and_owners_are_catalog_departments(catalog: Catalog) -> None:
    culture = next(s for s in catalog.standards if s.id == "gzqg-quality-culture")
    assert culture.items[0].participants == ("党委办公室", "组织部", "思政部", "科研处", "学生处", "团委", "二级院系（部）")
    for req in culture.items:
        assert catalog.department(req.owner_department).id == "publicity"  # type: ignore[union-attr]
        for name in req.participants:
            assert catalog.department(name) is not None, name
    assert catalog.department("二级院系(部)").id == "teaching-units"  # type: ignore[union-attr]
    assert catalog.department("学院办公室").id == "president-office"  # type: ignore[union-attr]


def test_diagnosis_table_has_5_items_14_elements_34_points(catalog: Catalog) -> None:
    table = catalog.diagnosis_tables[0]
    assert (len(table.items), len(table.elements), len(table.points)) == (5, 14, 34)
    point = next(p for p in table.points if p.name == "规划制定与实施")
    assert point.text == "专业建设规划是否符合学校发展实际,是否可行;规划实施情况如何,专业机构是否不断优化。"
    assert point.platform_refs == "1.3/7.1-7.6/9.2"
    assert point.materials == ("招生计划", "专业设置", "课程设置,资格证书,顶岗实习,产学合作,就业情况", "就业率")
    assert point.uncertain == ("原文“专业机构”疑为“专业结构”之误，照录原文。",)
    assert all(e.code.split(".")[0] == it.code for it in table.items for e in it.elements)


def test_every_system_member_resolves_to_a_catalog_department(catalog: Catalog) -> None:
    smap = catalog.system_maps[0]
    assert len(smap.departments) == 32
    assert [s.system for s in smap.systems] == ["决策指挥", "质量生成", "资源建设", "支持服务", "监督控制"]
    assert [len(s.members) for s in smap.systems] == [4, 6, 5, 11, 3]
    for s in smap.systems:
        assert len(smap.members(s.system)) == len(s.members), s.system
    assert [d.id for d in smap.members("监督控制")] == ["audit", "discipline-inspection", "quality-office"]
    assert smap.systems_of(smap.department("思政部")) == ()  # type: ignore[arg-type]
    assert smap.systems_of(smap.department("二级院系（部）")) == ("质量生成",)  # type: ignore[arg-type]
    assert [lv.level for lv in smap.levels] == ["学校", "专业", "课程", "教师", "学生"]
    assert smap.platform is not None and smap.platform.name == "智能校园管理平台"


def test_organization_tree(catalog: Catalog) -> None:
    org = catalog.organizations[0]
    assert len(org.bodies) == 7
    assert [b.id for b in sorted((b for b in org.bodies if b.tier), key=lambda b: b.tier or 0)] == [
        "qa-committee", "qa-working-group", "qa-team"]
    assert [b.id for b in org.children("")] == ["leading-group"]
    assert [b.id for b in org.children("qa-committee")] == ["qa-committee-office", "qa-working-group", "expert-committee"]
    assert all(org.body(b.reports_to) is not None for b in org.bodies if b.reports_to)
    assert [d.scope for d in org.body("qa-team").duties][:2] == \
         ["专业（课程）内部质量保证体系建设工作小组", "处室管理服务内部质量保证体系建设工作小组"]  # type: ignore[union-attr]


def test_spiral_chains_link_goals_and_requirements(catalog: Catalog) -> None:
    sp = catalog.spirals[0]
    assert len(sp.steps) == 11 and [lp.id for lp in sp.loops] == ["outer", "inner"]
    assert [sp.step_name(s) for s in sp.loop("outer").steps] == ["目标", "标准", "计划", "组织", "实施", "诊断", "创新", "改进"]  # type: ignore[union-attr]
    assert len(sp.target_chain.links) == 8 and len(sp.standard_chain.links) == 7
    assert len(sp.variants) == 3 and sp.variants[2].text == "形成“目标-标准-制度-实施-诊改”工作体系"
    assert sp.standard_chain.decision[0].startswith("标准链各环节指向其支撑的目标链环节")
    assert sp.goal("goal.course-plan").refines == "goal.program-plan"  # type: ignore[union-attr]
    for goal in sp.target_chain.links:
        assert not goal.refines or sp.goal(goal.refines) is not None
    teacher = next(x for x in sp.standard_chain.links if x.id == "chain.teacher")
    assert teacher.serves == ("goal.staff-plan",)
    assert [catalog.requirement(r).name for r in teacher.standards] == ["共性标准", "发展标准"]  # type: ignore[union-attr]
    assert sum(len(x.standards) for x in sp.standard_chain.links) == 8


def test_review_procedure_is_one_model(catalog: Catalog) -> None:
    rp = catalog.review_procedures[0]
    assert {p.id: p.value for p in rp.parameters} == {"element_count": 15, "effective_min_agree": 12,
                                                      "abnormal_max_agree_exclusive": 10, "abnormal_combination": "any"}
    assert all(isinstance(c, Conclusion) for c in rp.conclusions)
    assert [(c.id, c.priority, c.combination) for c in rp.conclusions] == [
        ("abnormal", 1, "any"), ("effective", 2, "all"), ("needs-improvement", 3, "")]
    assert rp.conclusions[2].otherwise and rp.conclusions[2].conditions == ()
    assert all(isinstance(q, Consequence) for q in rp.consequences)
    assert [q.id for q in rp.consequences] == ["support", "sanction", "improvement-period", "cycle-exemption"]
    assert rp.consequences[1].measures == ("削减招生计划", "暂停备案新专业", "限制项目申报")
    assert (rp.improvement_period.months, rp.sampling.period_years, rp.sampling.min_fraction) == (12, 3, "1/4")
    assert rp.sampling.first_round_year == 2018 and rp.sampling.decision[0].startswith("最少抽样数")


def test_objectives_are_indicators(catalog: Catalog) -> None:
    obj = catalog.objectives[0]
    assert all(isinstance(o, Indicator) for o in obj.indicators)
    assert [(o.id, o.direction, o.standard, o.standard_grade)
            for o in obj.indicators] == [("customer-satisfaction", "越高越好", Decimal(85), None),
                                         ("employment-rate", "越高越好", Decimal(90), None),
                                         ("evaluation-grade", "等级", None, "合格")]
    assert obj.indicators[2].decision[0].startswith("原文只写“合格及以上等级”")
    assert obj.policy is not None and obj.policy.text


def test_roadmap_phases_and_milestones(catalog: Catalog) -> None:
    rm = catalog.roadmaps[0]
    assert (len(rm.objectives), len(rm.pilot_departments), len(rm.milestones), len(rm.phases)) == (5, 6, 3, 8)
    assert [p.order for p in rm.phases] == [1, 2, 3, 4, 5, 6, 7, 8]
    first, last = rm.phases[0], rm.phases[-1]
    assert (first.name, first.start, first.end, first.period_text) == ("酝酿准备阶段", dt.date(2015, 9, 1), dt.date(2015, 11, 30), "2015年９月至-11月")
    assert (last.name, last.end) == ("体系认证阶段", dt.date(2016, 8, 31))
    assert rm.pilot_departments[5].aliases == ("计划财务处",)


def test_a_document_with_an_error_is_left_out_and_reported(std_copy: Path) -> None:
    path = std_copy / "standards" / "catalog" / "student.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("refines: [std.student.development]", "refines: [std.student.nowhere]", 1), encoding="utf-8")
    catalog = load_standards(std_copy)
    assert "gzqg-student" not in {s.id for s in catalog.standards}
    assert len(catalog.standards) == 7
    assert any("student.yaml" in p and "std.student.nowhere" in p for p in catalog.problems), catalog.problems


def test_chain_tables_link_standards_to_their_pages() -> None:
    from zhibiao.site import render_site

    page = render_site(ROOT)["diagnosis/gzqg-improvement-spiral.md"]
    assert "[教师发展标准·共性标准](../standards/gzqg-teacher.md#std.teacher.common)" in page  # labelled by name
    assert "[课程建设标准（表6）](../standards/gzqg-course.md)" in page  # the target chain names who serves a goal
    assert '<span id="goal.course-plan"></span>' in page
    assert "[专业建设方案](#goal.program-plan)" in page  # 细化自 and 支撑目标 link within the page
    assert "原文中的其他表述" in page and "“各部门工作标准”对应部门系统工作包" in page  # variants, chain notes
    course = render_site(ROOT)["standards/gzqg-course.md"]
    assert "- 服务目标：[课程建设方案](../diagnosis/gzqg-improvement-spiral.md#goal.course-plan)" in course
