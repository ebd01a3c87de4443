"""`zhibiao new submission SCHEME`: a YAML (or JSON) submission to fill in, with every fact of every subject.

The first subject of each block carries each fact's 填报口径 as a comment above it (name, unit, type, range,
whether it is required or what a blank counts as); the others repeat the keys only. Values are the scheme's
defaults, or its example for facts that must be given — so the skeleton validates as written and a person
replaces values rather than inventing keys.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from ..model.scheme import TYPE_LABELS, Block, FactDef, Scheme
from ..numbers import fmt
from .layout import is_open

_PLAIN = re.compile(r"^[\w\u3400-\u9fff（）()·\-]+$")


def _yaml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, Decimal):
        return fmt(v)
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_yaml_value(x) for x in v) + "]"
    text = str(v)
    if _PLAIN.match(text) and not re.match(r"^[\d\-+.]", text) and text.lower() not in ("true", "false", "null", "yes", "no"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _value(f: FactDef) -> Any:
    if f.has_default:
        return f.default
    if f.example is not None:
        return f.example
    return {"boolean": False, "integer": 0, "decimal": 0, "decimal-list": [], "date": "2000-01-01"}.get(f.type, "")


def _comment(f: FactDef) -> str:
    kind = "是/否（true 或 false）" if f.type == "boolean" else TYPE_LABELS.get(f.type, f.type)
    bits = [kind]
    if f.unit:
        bits.append(f"单位 {f.unit}")
    if f.minimum is not None:
        bits.append(f"≥ {fmt(f.minimum)}")
    if f.maximum is not None:
        bits.append(f"≤ {fmt(f.maximum)}")
    need = f"不填按 {_yaml_value(f.default)} 计" if f.has_default else "必填"
    desc = " ".join(f.description.split())
    return f"{f.name}（{'，'.join(bits)}；{need}）：{desc}"


def _subjects(block: Block) -> list[str]:
    return list(block.subjects) or ["（请填写考核对象名称）"]


def skeleton_data(scheme: Scheme, today: dt.date | None = None) -> dict[str, Any]:
    """The skeleton as data (what the JSON form holds)."""
    start = scheme.meta.effective
    end = dt.date(start.year + 1, start.month, start.day) - dt.timedelta(days=1) if not (start.month == 2 and start.day == 29) \
        else dt.date(start.year + 1, 2, 28)
    subjects = []
    for block in scheme.blocks:
        facts = scheme.facts_for(block.id)
        records = scheme.records_for(block.id)
        if not facts and not records:
            continue
        for name in _subjects(block):
            entry: dict[str, Any] = {"name": name, "block": block.id}
            if is_open(block):
                entry["id"] = "（编号）"
            entry["facts"] = {f.id: _value(f) for f in facts}
            if records:
                entry["records"] = {r.id: [] for r in records}
            subjects.append(entry)
    return {"kind": "submission", "scheme": scheme.id, "version": scheme.version, "college": "（请填写学校名称）",
            "period": {"name": "（请填写考核期名称）", "start": start.isoformat(), "end": end.isoformat()},
            "subjects": subjects}


def skeleton_json(scheme: Scheme) -> str:
    return json.dumps(skeleton_data(scheme), ensure_ascii=False, indent=2, default=str) + "\n"


def skeleton_yaml(scheme: Scheme, schema_ref: str = "../schemas/submission.schema.json") -> str:
    data = skeleton_data(scheme)
    out = [f"# yaml-language-server: $schema={schema_ref}",
           f"# 填报：{scheme.meta.title}（{scheme.id} 版本 {scheme.version}）",
           "# 每个考核对象一段。各板块第一个考核对象的每项事实上方注明了填报口径（含义、单位、取值范围、是否必填）。",
           "# 数值为方案的默认值或示例：请逐项改为本部门的实际情况。填好后先检查：zhibiao validate 本文件；再评分：zhibiao score 本文件",
           "kind: submission", f"scheme: {scheme.id}", f"version: {_yaml_value(scheme.version)}",
           f"college: {_yaml_value(data['college'])}", "period:",
           f"  name: {_yaml_value(data['period']['name'])}",
           f"  start: {data['period']['start']}   # 考核期开始日期（请改为本次考核期的起止日期）",
           f"  end: {data['period']['end']}     # 考核期结束日期：评分采用这一天有效的分值与参数", "subjects:"]
    commented: set[str] = set()
    for s in data["subjects"]:
        block = scheme.block(s["block"])
        first = s["block"] not in commented
        if first:
            commented.add(s["block"])
            count = f"{len(block.subjects)} 个考核对象" if block and block.subjects else "名单不限，每个考核对象一段"
            out.append(f"  # —— {block.name if block else s['block']}（{count}）——")
        out.append(f"  - name: {_yaml_value(s['name'])}")
        if "id" in s:
            out.append(f"    id: {_yaml_value(s['id'])}   # 编号：同名的考核对象必须填写")
        out.append(f"    block: {_yaml_value(s['block'])}")
        out.append("    facts:")
        for fid, value in s["facts"].items():
            f = scheme.fact(fid)
            if first and f is not None:
                out.append(f"      # {_comment(f)}")
            out.append(f"      {fid}: {_yaml_value(value)}")
        if s.get("records"):
            out.append("    records:")
            for rid in s["records"]:
                rec = scheme.record(rid)
                if first and rec is not None:
                    desc = " ".join(rec.description.split())
                    out.append(f"      # {rec.name}（每条记录一行）：{desc}")
                    example = ", ".join(f"{x.id}: {_yaml_value(_value(x) if x.example is None else x.example)}"
                                        for x in rec.fields)
                    fields = "；".join(f"{x.id} {x.name}" for x in rec.fields)
                    out.append(f"      # 字段：{fields}。如：- {{{example}}}")
                out.append(f"      {rid}: []")
    return "\n".join(out) + "\n"
