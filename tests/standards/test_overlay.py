"""Layered tailoring: a college's overlay on a provincial document. It may add and tighten, never drop a required
item or loosen one, and only a college under that province may extend it. The resolved list says, for every item,
which institution (and tier) it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhibiao import api
from zhibiao.cli import main
from zhibiao.errors import ValidationError

ROOT = Path(__file__).resolve().parents[2]
HEAD = """\
# yaml-language-server: $schema=../schemas/overlay.schema.json
kind: overlay
id: {id}
title: 测试扩展
version: 1.0.0
status: 草案
effective: 2019-01-01
owner: 质量办
institution: {inst}
base: {{kind: {kind}, id: {base}}}
source: {{file: 004_d6f85537f62519a6.txt, section: 附件 三、（二）}}
revisions:
  - {{version: 1.0.0, date: 2026-11-23, summary: 测试。}}
"""


def write(root: Path, body: str, *, ident: str = "st-test", inst: str = "st", kind: str = "diagnosis-elements",
          base: str = "gd-diagnosis-elements") -> Path:
    path = root / "examples" / f"{ident}.yaml"
    path.write_text(HEAD.format(id=ident, inst=inst, kind=kind, base=base) + body, encoding="utf-8")
    return path


def at(path: Path, needle: str) -> str:
    """“examples/x.yaml:15:14”: where `needle` (the value a message is about) stands, as validate reports it."""
    for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return f"examples/{path.name}:{i}:{text.index(needle) + 1}"
    raise AssertionError(needle)


def test_the_example_overlay_resolves_with_origins(capsys) -> None:
    resolved = api.overlay(ROOT / "examples" / "st-diagnosis-elements.yaml")
    assert resolved.count == len(resolved.elements) == 16 and resolved.base == "gd-diagnosis-elements"
    assert [(e.origin.institution, e.origin.tier) for e in resolved.elements] == [("gd", "省")] * 15 + [("st", "校")]
    assert resolved.elements[-1].name == "ISO 9001 质量管理体系运行"
    assert main(["overlay", str(ROOT / "examples" / "st-diagnosis-elements.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("共 16 项：15 项来自 广东省教育厅（省）· gd-diagnosis-elements；"
                                 "1 项来自 汕头职业技术学院（校）· st-diagnosis-elements。")


def test_dropping_a_required_element_is_refused(std_copy, capsys) -> None:
    path = write(std_copy, "drop:\n  - {target: information-system, reason: 本校信息化另行考核}\n")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{at(path, 'information-system')} 不能删除诊断要素“信息系统”：它是广东省教育厅规定的必选项（gd-diagnosis-elements 中 required: true），"
        "院校只能增加或收紧，不能删去")
    with pytest.raises(ValidationError):
        api.overlay(path)


def test_dropping_an_optional_element_is_allowed_and_leaves_it_out(std_copy) -> None:
    base = std_copy / "standards" / "diagnosis-elements.yaml"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("    table_code: \"1.4\"\n    required: true", "    table_code: \"1.4\"\n    required: false"),
                    encoding="utf-8")
    path = write(std_copy, "drop:\n  - {target: information-system, reason: 本校信息化另行考核}\n")
    resolved = api.overlay(path)
    assert "信息系统" not in resolved.names and resolved.count == 14


def test_an_added_element_may_not_reuse_a_provincial_name(std_copy, capsys) -> None:
    path = write(std_copy, "add:\n  - {id: my-philosophy, order: 16, name: 质量保证理念, item: 校本特色,\n"
                           "     source: {file: 000_54a45781a78ff778.txt, section: 二、工作目标}}\n")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{at(path, '质量保证理念')} 增加的诊断要素“质量保证理念”与上级文件“gd-diagnosis-elements”中的名称重复")


def test_only_a_college_under_that_province_may_extend_it(std_copy, capsys) -> None:
    path = write(std_copy, "add:\n  - {id: extra, order: 16, name: 校本要素, item: 校本特色,\n"
                           "     source: {file: 001_eeafa781316cf98f.txt, section: 五、诊改运行}}\n",
                 ident="gzqg-test", inst="gzqg")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{at(path, '{kind:')} 贵州轻工职业技术学院（校）只能扩展其上级机构的文件；“gd-diagnosis-elements”属于广东省教育厅（省），"
        "不在其上级之列（贵州省教育厅（省）、教育部（国家））")


TIMETABLE = dict(kind="timetable", base="gd-timetable")


def test_a_college_may_publish_earlier_but_not_later(std_copy, capsys) -> None:
    ok = write(std_copy, "modify:\n  - {target: publish-materials, set: {schedule: {offset_days: -45}}, reason: 本校提前公示}\n",
               **TIMETABLE)
    assert main(["validate", str(ok)]) == 0
    capsys.readouterr()
    resolved = api.overlay(ok)
    changed = next(o for o in resolved.obligations if o.id == "publish-materials")
    assert changed.schedule.offset_days == -45 and changed.origin.institution == "st"
    assert next(o for o in resolved.obligations if o.id == "publish-review-list").origin.institution == "gd"
    late = write(std_copy, "modify:\n  - {target: publish-materials, set: {schedule: {offset_days: -20}}, reason: 来不及}\n",
                 ident="st-late", **TIMETABLE)
    assert main(["validate", str(late)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{at(late, '-20')} 对职责“复核工作开始前30日在校园网上公示材料”的修改放宽了上级要求：schedule.offset_days 由 -30 改为 -20"
        "（只能离事件更早（公示类）或更快（整改类））")


def test_only_requirements_may_be_changed_not_their_wording(std_copy, capsys) -> None:
    path = write(std_copy, "modify:\n  - {target: publish-review-list, set: {text: 本校自定}, reason: 改写}\n", **TIMETABLE)
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{at(path, '本校自定')} 不能修改职责“公布下一年度接受复核的院校名单”的“text”：只能收紧 schedule.due、schedule.offset_days、"
        "schedule.offset_months、schedule.times、schedule.every、responsible、evidence")


def test_a_provincial_obligation_cannot_be_dropped(std_copy, capsys) -> None:
    path = write(std_copy, "drop:\n  - {target: annual-self-diagnosis, reason: 不做}\n", **TIMETABLE)
    assert main(["validate", str(path)]) == 1
    assert "不能删除职责“每年定期自主诊改并写入本校年度质量报告”：它是广东省教育厅规定的必选项" in capsys.readouterr().err


def test_a_changed_base_version_is_a_warning(std_copy, capsys) -> None:
    path = write(std_copy, "add:\n  - {id: extra, order: 16, name: 校本要素, item: 校本特色,\n"
                           "     source: {file: 000_54a45781a78ff778.txt, section: 二、工作目标}}\n")
    text = path.read_text(encoding="utf-8").replace("id: gd-diagnosis-elements}", "id: gd-diagnosis-elements, version: 0.9.0}")
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "警告：上级文件“gd-diagnosis-elements”现为 1.0.0 版，本扩展锁定的是 0.9.0 版" in capsys.readouterr().out


def test_an_unknown_base_is_named_with_a_suggestion(std_copy, capsys) -> None:
    path = write(std_copy, "add:\n  - {id: extra, order: 16, name: 校本要素, item: 校本特色,\n"
                           "     source: {file: 000_54a45781a78ff778.txt, section: 二、工作目标}}\n",
                 base="gd-diagnosis-element")
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{at(path, 'gd-diagnosis-element}')} 扩展的上级文件“gd-diagnosis-element”（diagnosis-elements）不存在，是否想写“gd-diagnosis-elements”？")
