"""Steps for 运行与扩展: the calendar (api.calendar) and overlays (api.validate / api.overlay) — thin callers of
zhibiao.api. Overlays and review submissions are written into a throw-away copy of the repository."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from zhibiao import api
from zhibiao.errors import ZhibiaoError, errors_only

ROOT = Path(__file__).resolve().parents[2]

OVERLAY = """\
# yaml-language-server: $schema=../schemas/overlay.schema.json
kind: overlay
id: {inst}-scenario
title: 场景中的校本扩展
version: 1.0.0
status: 草案
effective: 2019-01-01
owner: 质量办
institution: {inst}
base: {{kind: {kind}, id: {base}}}
source: {{file: 004_d6f85537f62519a6.txt, section: 附件 三、（二）}}
revisions:
  - {{version: 1.0.0, date: 2026-11-23, summary: 场景。}}
"""


@dataclass
class OperationsContext:
    events: dict[str, dt.date] = field(default_factory=dict)
    calendar: api.Calendar | None = None
    root: Path | None = None
    overlay: Path | None = None
    problems: list[Any] = field(default_factory=list)
    resolved: Any = None
    failure: str = ""


@pytest.fixture
def ops(tmp_path: Path) -> OperationsContext:
    return OperationsContext(root=tmp_path)


def _copy(ctx: OperationsContext) -> Path:
    assert ctx.root is not None
    if not (ctx.root / "schemas").exists():
        for name in ("standards", "schemas", "examples"):
            shutil.copytree(ROOT / name, ctx.root / name)
    return ctx.root


def _entry(ctx: OperationsContext, name: str):
    assert ctx.calendar is not None
    found = [e for e in ctx.calendar.entries if e.obligation.name == name]
    assert found, f"日历中没有“{name}”：{[e.obligation.name for e in ctx.calendar.entries]}"
    return found[0]


# ------------------------------------------------------------------ the calendar


@given(parsers.parse("“{event}”的日期为 {day}"))
def _ops_event(ops: OperationsContext, event: str, day: str) -> None:
    repo = api.open_repository(ROOT)
    ident = next(e.id for t in repo.catalog.timetables for e in t.events if e.name == event)
    ops.events[ident] = dt.date.fromisoformat(day)


@when(parsers.parse("查看 {day} 的工作日历"))
def _ops_calendar(ops: OperationsContext, day: str) -> None:
    ops.calendar = api.calendar(dt.date.fromisoformat(day), events=ops.events, repository=api.open_repository(ROOT))


@when(parsers.parse("以部门“{department}”查看 {day} 的工作日历"))
def _ops_department_calendar(ops: OperationsContext, department: str, day: str) -> None:
    ops.calendar = api.calendar(dt.date.fromisoformat(day), department=department, events=ops.events,
                                repository=api.open_repository(ROOT))


@then(parsers.parse("“{name}”的状态为“{status}”，截止日 {due}，{when}"))
def _ops_status_due(ops: OperationsContext, name: str, status: str, due: str, when: str) -> None:
    e = _entry(ops, name)
    assert (e.status, str(e.due), e.when) == (status, due, when)


@then(parsers.parse("“{name}”的状态为“{status}”"))
def _ops_status(ops: OperationsContext, name: str, status: str) -> None:
    assert _entry(ops, name).status == status


@then(parsers.parse("它要交的证据包括“{evidence}”，交“{to}”"))
def _ops_evidence(ops: OperationsContext, evidence: str, to: str) -> None:
    assert ops.calendar is not None
    assert any(ev.name == evidence and to in ev.submit_to for e in ops.calendar.entries for ev in e.obligation.evidence)


@then(parsers.parse("预警中有“{name}”"))
def _ops_warned(ops: OperationsContext, name: str) -> None:
    assert ops.calendar is not None and name in [e.obligation.name for e in ops.calendar.warnings()]


@then(parsers.parse("“{name}”来自“{origin}”"))
def _ops_origin(ops: OperationsContext, name: str, origin: str) -> None:
    o = _entry(ops, name).obligation.origin
    assert f"{o.institution_name}（{o.tier}）" == origin


@then(parsers.parse("日历中没有“{name}”"))
def _ops_absent(ops: OperationsContext, name: str) -> None:
    assert ops.calendar is not None and name not in [e.obligation.name for e in ops.calendar.entries]


@then(parsers.parse("日历中有“{name}”，本部门“{role}”"))
def _ops_role(ops: OperationsContext, name: str, role: str) -> None:
    assert _entry(ops, name).role == role


# ------------------------------------------------------------------ overlays


def _write_overlay(ops: OperationsContext, inst: str, base: str, body: str) -> None:
    root = _copy(ops)
    kind = "timetable" if base.endswith("timetable") else "diagnosis-elements"
    ops.overlay = root / "examples" / f"{inst}-scenario.yaml"
    ops.overlay.write_text(OVERLAY.format(inst=inst, kind=kind, base=base) + body, encoding="utf-8")


@given(parsers.parse("院校“{inst}”扩展上级文件“{base}”，增加诊断要素“{name}”"))
def _ops_add(ops: OperationsContext, inst: str, base: str, name: str) -> None:
    _write_overlay(ops, inst, base, f"add:\n  - id: school-element\n    order: 16\n    name: {name}\n    item: 校本特色\n"
                                    "    source: {file: 000_54a45781a78ff778.txt, section: 四、第七阶段, quote: 首次内审培训及实施}\n")


@given(parsers.parse("院校“{inst}”扩展上级文件“{base}”，删除“{target}”"))
def _ops_drop(ops: OperationsContext, inst: str, base: str, target: str) -> None:
    _write_overlay(ops, inst, base, f"drop:\n  - {{target: {target}, reason: 本校另行安排}}\n")


@given(parsers.parse("院校“{inst}”扩展上级文件“{base}”，把“{target}”改为复核开始前 {days:d} 日公示"))
def _ops_tighten(ops: OperationsContext, inst: str, base: str, target: str, days: int) -> None:
    _write_overlay(ops, inst, base, f"modify:\n  - {{target: {target}, set: {{schedule: {{offset_days: {-days}}}}}, "
                                    "reason: 本校的公示时间}\n")


@when("校验这份扩展")
def _ops_validate(ops: OperationsContext) -> None:
    assert ops.overlay is not None and ops.root is not None
    repo = api.Repository(ops.root)
    ops.problems = errors_only(api.validate([ops.overlay], repository=repo))
    if not ops.problems:
        ops.resolved = api.overlay(ops.overlay, repository=repo)


@then("扩展通过校验")
def _ops_passes(ops: OperationsContext) -> None:
    assert ops.problems == [], [str(p) for p in ops.problems]


@then(parsers.parse("校验结果为“{outcome}”"))
def _ops_outcome(ops: OperationsContext, outcome: str) -> None:
    assert ("通过" if not ops.problems else "不通过") == outcome, [str(p) for p in ops.problems]


@then(parsers.parse("扩展没有通过校验，第 {line:d} 行报告“{text}”"))
def _ops_refused(ops: OperationsContext, line: int, text: str) -> None:
    assert any(p.location.line == line and text in p.message for p in ops.problems), [str(p) for p in ops.problems]


@then(parsers.parse("扩展后共有 {count:d} 项"))
def _ops_count(ops: OperationsContext, count: int) -> None:
    assert ops.resolved is not None and len(ops.resolved.elements) == count


@then(parsers.parse("扩展后的“{name}”来自“{origin}”"))
def _ops_element_origin(ops: OperationsContext, name: str, origin: str) -> None:
    o = next(e for e in ops.resolved.elements if e.name == name).origin
    assert f"{o.institution_name}（{o.tier}）" == origin


# ------------------------------------------------------------------ review submissions


@given(parsers.parse("复核填报中“{college}”把“{element}”写作“{written}”"))
def _ops_review_name(ops: OperationsContext, college: str, element: str, written: str) -> None:
    root = _copy(ops)
    text = (root / "examples" / "review-2019.yaml").read_text(encoding="utf-8")
    start = text.index(f"college: {college}")
    end = text.find("  - college:", start)
    end = len(text) if end < 0 else end
    part = text[start:end].replace(f"{{element: {element},", f"{{element: {written},")
    (root / "examples" / "review-2019.yaml").write_text(text[:start] + part + text[end:], encoding="utf-8")


@when("读取复核填报")
def _ops_read_review(ops: OperationsContext) -> None:
    assert ops.root is not None
    try:
        api.review(ops.root / "examples" / "review-2019.yaml", repository=api.Repository(ops.root))
    except ZhibiaoError as exc:
        ops.failure = str(exc)


@then(parsers.parse("复核填报被拒绝，错误信息包含“{text}”"))
def _ops_review_refused(ops: OperationsContext, text: str) -> None:
    assert text in ops.failure, ops.failure
