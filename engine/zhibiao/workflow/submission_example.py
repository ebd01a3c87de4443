"""The worked example of the 填报口径 page's 填报示例 section: a submission written from the scheme itself (one
subject per block, its required facts and a row of each record), so the page and what scoring reads cannot drift
apart; it scores as written (tests/badinput/test_first_hour.py reads it back from the page)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model.scheme import FactDef, RecordDef, Scheme
from ..numbers import fmt


def written(value: Any) -> str:
    """A value as a person writes it in a submission: 是/否 (what the 填报口径 page asks for), exact numbers."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(written(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return fmt(value)
    return str(value)


def sample(f: FactDef) -> Any:
    """A valid value for the example: the scheme's own example, else the smallest allowed one."""
    if f.example is not None:
        return f.example
    if f.type == "boolean":
        return True
    if f.type in ("integer", "decimal"):
        return f.minimum if f.minimum is not None else 0
    if f.type == "decimal-list":
        return []
    return f.name  # a text field (a teacher's name…): its own name stands in for it


def _header(scheme: Scheme, title: str) -> list[str]:
    start = scheme.meta.effective.isoformat()
    return [
        f"# {title}", "# 写法：每行“标识: 值”，冒号用半角并在后面加一个空格；缩进只用空格（每级两格）；是/否 填 是 或 否。",
        "kind: submission", f"scheme: {scheme.id}", "period:",
        "  name: （本次考核期的名称）", f"  start: {start}          # 考核期开始日期，YYYY-MM-DD",
        f"  end: {start}            # 考核期最后一天：评分按这一天有效的分值与参数", "subjects:"]


def _record_rows(record: RecordDef) -> str:
    return "{" + ", ".join(f"{f.id}: {written(sample(f))}" for f in record.fields) + "}"


def example(scheme: Scheme) -> str:
    """A complete submission for the first subject of each block: required facts and one row of each record."""
    out = _header(scheme, f"{scheme.meta.title}：填报示例（每个板块一个部门）")
    for block in scheme.blocks:
        if not block.subjects:
            continue
        out += [f"  - name: {block.subjects[0]}", f"    block: {block.id}", "    facts:"]
        out += [f"      {f.id}: {written(sample(f))}" for f in scheme.facts_for(block.id) if not f.has_default]
        records = scheme.records_for(block.id)
        if records:
            out.append("    records:")
            for r in records:
                out += [f"      {r.id}:", f"        - {_record_rows(r)}"]
    return "\n".join(out) + "\n"
