"""The operations layer as data (timetables, the declared review elements, institutions, overlays): counts that
the sources state match the lists, every cross-reference resolves, every institution is the one the source
belongs to, and every quotation is verbatim in the cited source.

These read the YAML through the loader that `zhibiao validate` uses; the semantic checks with located errors
live in the engine and have their own broken-fixture tests."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from zhibiao.cli import main
from zhibiao.load import load_file

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("ZHIBIAO_SEEDS", "/work/shared/seeds"))


def data(rel: str) -> dict:
    return load_file(ROOT / rel).data


def controlled_documents() -> list[tuple[str, dict]]:
    out = []
    for folder in ("standards", "rules"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            out.append((path.relative_to(ROOT).as_posix(), load_file(path).data))
    return out


TIMETABLES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "standards" / "timetables").glob("*.yaml"))


# ------------------------------------------------------------------ counts the sources state


def test_work_items_per_level_match_the_counts_printed_in_001() -> None:
    groups = data("standards/timetables/gzqg-operation.yaml")["work_items"]
    assert {g["level"]: g["count"] for g in groups} == {"学校": 5, "专业": 9, "课程": 9, "教师": 9, "学生": 10}
    for g in groups:
        assert [it["order"] for it in g["items"]] == list(range(1, g["count"] + 1)), g["id"]
        assert f"{g['count']}" in g["text"].replace(" ", ""), g["id"]  # the count is in the quoted sentence


def test_checklists_have_the_number_of_items_their_name_says() -> None:
    (eight,) = data("standards/timetables/cz-quality-season.yaml")["checklists"]
    assert eight["name"] == "八个有" and eight["count"] == len(eight["items"]) == 8
    assert all(item.startswith("有") and item in eight["text"] for item in eight["items"])


def test_the_declared_review_elements_are_the_fifteen_the_procedure_counts() -> None:
    elements = data("standards/diagnosis-elements.yaml")
    procedure = data("standards/review-procedure.yaml")
    count = next(p["value"] for p in procedure["parameters"] if p["id"] == "element_count")
    names = [e["name"] for e in elements["elements"]]
    assert procedure["elements"] == elements["id"]
    assert elements["count"]["value"] == count == len(names) == len(set(names)) == 15
    assert [e["order"] for e in elements["elements"]] == list(range(1, 16))
    assert all(e["required"] for e in elements["elements"])
    # every element of 003's table is covered, and only 2.3 is split in two
    table = data("standards/diagnosis-table.yaml")
    codes = [el["code"] for it in table["items"] for el in it["elements"]]
    used = [e["table_code"] for e in elements["elements"]]
    assert sorted(set(used)) == sorted(codes) and len(codes) == 14
    assert [c for c in codes if used.count(c) != 1] == ["2.3"]
    # a name that is not an element name of 003 must say why (decision) and that no source prints it
    by_name = {el["name"] for it in table["items"] for el in it["elements"]}
    invented = [e for e in elements["elements"] if e["name"] not in by_name]
    assert [e["name"] for e in invented] == ["课程建设规划", "课程诊改"]
    assert all(e.get("decision") for e in invented)


def test_the_review_example_lists_exactly_the_declared_elements() -> None:
    declared = [e["name"] for e in data("standards/diagnosis-elements.yaml")["elements"]]
    for college in data("examples/review-2019.yaml")["colleges"]:
        assert sorted(e["element"] for e in college["elements"]) == sorted(declared), college["college"]


def test_element_3_2_prints_zhengai_once_as_the_source_does() -> None:
    table = data("standards/diagnosis-table.yaml")
    el = next(el for it in table["items"] for el in it["elements"] if el["code"] == "3.2")
    assert [p["name"] for p in el["points"]] == ["诊改制度", "工作实施效果"]
    assert f"{el['code']} {el['name']}{el['points'][1]['name']}" == "3.2 师资建设诊改工作实施效果"


# ------------------------------------------------------------------ institutions


PROJECT_EXAMPLES = "examples/documents/"  # documents this project wrote to show the assessment language


def test_every_controlled_document_belongs_to_a_registered_institution() -> None:
    registry = {i["id"]: i for i in data("standards/institutions.yaml")["institutions"]}
    assert {i["tier"] for i in registry.values()} == {"国家", "省", "校"}
    for parent in (i.get("parent") for i in registry.values()):
        assert parent is None or parent in registry
    seen: dict[str, str] = {}
    for rel, d in controlled_documents():
        if d["kind"] == "institutions" or d["source"]["file"].startswith(PROJECT_EXAMPLES):
            continue  # the project's own example schemes are of a fictional college: no institution of a source
        inst = registry.get(d.get("institution", ""))
        assert inst is not None, f"{rel}: institution {d.get('institution')!r}"
        assert d["id"].startswith(inst["id"] + "-"), rel
        # the five frameworks stay with their institutions: only 001's college has 五纵 systems
        if "system" in d:
            assert "五纵五横一平台" in inst.get("frameworks", []), rel
        seen[d["source"]["file"][:3]] = inst["id"]
    assert seen == {"000": "st", "001": "gzqg", "002": "cz", "003": "sxqg", "004": "gd"}


def test_the_manual_no_longer_places_chenzhou_departments_in_guizhou_systems() -> None:
    text = (ROOT / "docs" / "manual" / "organization.md").read_text(encoding="utf-8")
    assert "督导室等监督控制系统" not in text
    assert "督导室" in text and "郴州职业技术学院" in text and "贵州轻工职业技术学院" in text


# ------------------------------------------------------------------ references inside timetables


def _names_of_institution(inst: str) -> set[str]:
    """Departments and bodies a timetable of `inst` may name without declaring them itself."""
    names: set[str] = set()
    for rel, d in controlled_documents():
        if d.get("institution") != inst:
            continue
        if d["kind"] == "system-map":
            for dep in d["departments"]:
                names |= {dep["name"], *dep.get("aliases", [])}
        if d["kind"] == "organization":
            for body in d["bodies"]:
                names |= {body["name"], *([body["short_name"]] if "short_name" in body else [])}
        if d["kind"] == "scheme":
            names |= {s for block in d["blocks"] for s in block["subjects"]}
    return names


@pytest.mark.parametrize("rel", TIMETABLES)
def test_timetable_references_resolve(rel: str) -> None:
    d = data(rel)
    ids = [o["id"] for o in d["obligations"]]
    assert len(ids) == len(set(ids))
    phases = {p["id"] for p in d.get("phases", [])}
    events = {e["id"] for e in d.get("events", [])}
    forms = {f["id"] for f in d.get("forms", [])}
    checklists = {c["id"] for c in d.get("checklists", [])}
    work_items = {it["id"] for g in d.get("work_items", []) for it in g["items"]}
    scheme_rules = {r["id"] for cat in data("rules/cz-quality-season.yaml")["categories"]
                    for clause in cat["clauses"] for r in clause["rules"]}
    known = (_names_of_institution(d["institution"])
             | {g["name"] for g in d.get("groups", [])}
             | {a["name"] for a in d.get("aliases", [])}
             | {n for b in d.get("bodies", []) for n in (b["name"], *b.get("aliases", []))})
    for a in d.get("aliases", []):
        assert a["same_as"] in known, (rel, a)
    for g in d.get("groups", []):
        assert all(m in known or m.startswith("各") for m in g["members"]), (rel, g["name"])
    for o in d["obligations"]:
        where = f"{rel}: {o['id']}"
        assert set(o["responsible"]) <= known, (where, set(o["responsible"]) - known)
        assert o.get("phase", next(iter(phases), None)) in phases | {None}, where
        assert set(o.get("after", [])) <= set(ids), where
        assert o.get("work_item") in work_items | {None}, where
        assert o.get("checklist") in checklists | {None}, where
        assert all(e.get("form") in forms | {None} for e in o.get("evidence", [])), where
        sched = o["schedule"]
        assert (sched["repeat"] == "随事件") == ("event" in sched), where
        assert sched.get("event") in events | {None}, where
        for ref in o.get("rules", []):
            scheme, _, rule = ref.partition(":")
            assert scheme == "cz-quality-season" and rule in scheme_rules, (where, ref)
        if o.get("phase"):  # a task of a phase is due within (or, for 002's plan, shortly after) its phase
            phase = next(p for p in d["phases"] if p["id"] == o["phase"])
            if sched["repeat"] == "一次" and "due" in sched:
                assert str(phase["start"]) <= str(sched["due"]), where
    for p in d.get("phases", []):
        assert str(p["start"]) <= str(p["end"]), (rel, p["id"])
        assert str(d["period"]["start"]) <= str(p["start"]) and str(p["end"]) <= str(d["period"]["end"]), (rel, p["id"])


def test_the_example_overlay_extends_the_provincial_list_without_dropping_anything(capsys) -> None:
    overlay = data("examples/st-diagnosis-elements.yaml")
    base = data("standards/diagnosis-elements.yaml")
    registry = {i["id"]: i for i in data("standards/institutions.yaml")["institutions"]}
    assert (overlay["base"]["id"], overlay["base"]["version"]) == (base["id"], base["version"])
    assert registry[overlay["institution"]]["parent"] == base["institution"]  # a college of that province
    assert registry[overlay["institution"]]["tier"] == "校" and registry[base["institution"]]["tier"] == "省"
    assert "drop" not in overlay
    assert not {e["id"] for e in overlay["add"]} & {e["id"] for e in base["elements"]}
    assert main(["validate", str(ROOT / "examples" / "st-diagnosis-elements.yaml")]) == 0
    assert "校验通过：1 个文件，0 个错误" in capsys.readouterr().out


# ------------------------------------------------------------------ quotations are verbatim


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _occurs(quoted: str, source: str) -> bool:
    """`quoted` occurs in `source` (whitespace ignored); “……” marks an omission, the pieces must occur in order."""
    pos = 0
    for piece in (p for p in _norm(quoted).split("……") if p):
        found = source.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


# Texts next to a source that are deliberately not quotations (each says so in its own wording).
NOT_QUOTATIONS = {("standards/review-procedure.yaml", "measures_assessments[2].text")}


def _quotations(node: Any, path: str, file: str | None) -> Iterator[tuple[str, str, str]]:
    if isinstance(node, dict):
        src = node.get("source") if isinstance(node.get("source"), dict) else None
        here = src["file"] if src and "file" in src else file
        if src and "file" in src:
            if isinstance(src.get("quote"), str):
                yield f"{path}source.quote", here, src["quote"]
            if isinstance(node.get("text"), str):
                yield f"{path}text", here, node["text"]
            for i, ev in enumerate(node.get("evidence") or []):
                if isinstance(ev, dict) and isinstance(ev.get("text"), str):
                    yield f"{path}evidence[{i}].text", here, ev["text"]
            sched = node.get("schedule")
            if isinstance(sched, dict) and sched.get("text") not in (None, "原文未写时间"):
                for part in sched["text"].split("；"):
                    yield f"{path}schedule.text", here, part
        elif here and "order" in node and "id" in node:  # a work item inherits its group's source
            for key in ("name", "text"):
                if isinstance(node.get(key), str):
                    yield f"{path}{key}", here, node[key]
        for key, value in node.items():
            yield from _quotations(value, f"{path}{key}.", here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _quotations(value, f"{path.rstrip('.')}[{i}].", file)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="源文件目录不在本机（设置 ZHIBIAO_SEEDS 指向 shared/seeds）")
def test_every_quotation_is_verbatim_in_its_source() -> None:
    seeds = {p.name: _norm(p.read_text(encoding="utf-8")) for p in SEEDS.glob("0*.txt")}
    seeds |= {p.relative_to(ROOT).as_posix(): _norm(p.read_text(encoding="utf-8"))  # the project's example originals
              for p in (ROOT / PROJECT_EXAMPLES).glob("*.md")}
    files = [(rel, d) for rel, d in controlled_documents()]
    files.append(("examples/st-diagnosis-elements.yaml", data("examples/st-diagnosis-elements.yaml")))
    wrong, checked = [], 0
    for rel, d in files:
        for where, file, quoted in _quotations(d, "", None):
            checked += 1
            if (rel, where) not in NOT_QUOTATIONS and not _occurs(quoted, seeds[file]):
                wrong.append(f"{rel}: {where} [{file}] {quoted[:40]}")
    assert wrong == []
    assert checked > 400  # the walk really reaches the documents' quotations
