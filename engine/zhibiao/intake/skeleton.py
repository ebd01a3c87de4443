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


def _attribute_value(a: FactDef) -> Any:
    if a.has_default or a.example is not None:
        return _value(a)
    return a.values[0] if a.values else "（请填写）"


def _compared(scheme: Scheme, block: Block) -> list[FactDef]:
    """The facts a change rule of the block compares with the previous period (each once, in rule order)."""
    out: list[FactDef] = []
    for r in scheme.rules_for(block.id):
        f = scheme.fact(r.fact) if r.mode == "change" else None
        if f is not None and f not in out:
            out.append(f)
    return out


def _subjects(scheme: Scheme, block: Block) -> list[str]:
    """The listed names, else one placeholder — for a group its members name by an attribute (teachers' 所属系部),
    the value the members' skeleton gives that attribute, so the roll-up finds its members as written."""
    if block.subjects:
        return list(block.subjects)
    for m in scheme.measures_for(block.id):
        member = scheme.block(m.members) if m.rollup and m.by else None
        attr = member.attribute(m.by) if member is not None else None
        if attr is not None:
            return [str(_attribute_value(attr))]
    return ["（请填写考核对象名称）"]


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
        for name in _subjects(scheme, block):
            entry: dict[str, Any] = {"name": name, "block": block.id}
            if is_open(block):
                entry["id"] = "（编号）"
            if block.attributes:
                entry["attributes"] = {a.id: _attribute_value(a) for a in block.attributes}
            entry["facts"] = {f.id: _value(f) for f in facts}
            compared = _compared(scheme, block)
            if compared:
                entry["previous"] = {f.id: _value(f) for f in compared}
            if records:
                entry["records"] = {r.id: [] for r in records}
            subjects.append(entry)
    return {"kind": "submission", "scheme": scheme.id, "version": scheme.version, "college": "（请填写学校名称）",
            "period": {"name": "（请填写考核期名称）", "start": start.isoformat(), "end": end.isoformat()},
            "subjects": subjects}


def skeleton_json(scheme: Scheme) -> str:
    return json.dumps(skeleton_data(scheme), ensure_ascii=False, indent=2, default=_json_value) + "\n"


def _json_value(v: Any) -> Any:
    """Numbers stay numbers (an example such as 88.5 written "88.5" would be refused as text); dates as text."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(fmt(v))
    return str(v)


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
        if s.get("attributes"):
            out.append("    attributes:")
            for aid, value in s["attributes"].items():
                a = block.attribute(aid) if block else None
                if first and a is not None:
                    choices = f"，可填：{'、'.join(map(str, a.values))}" if a.values else ""
                    desc = " ".join(a.description.split())
                    out.append(f"      # {a.name}（属性{choices}）：{desc}")
                out.append(f"      {aid}: {_yaml_value(value)}")
        out.append("    facts:")
        for fid, value in s["facts"].items():
            f = scheme.fact(fid)
            if first and f is not None:
                out.append(f"      # {_comment(f)}")
            out.append(f"      {fid}: {_yaml_value(value)}")
        if s.get("previous"):
            out.append("    previous:")
            for fid, value in s["previous"].items():
                f = scheme.fact(fid)
                if first and f is not None:
                    out.append(f"      # 上期的{f.name}（与上期比较）：上一考核期的值。不写时，评分可从结果库读取上一期保存的评分"
                               "（zhibiao score --previous-from 结果库，或 --save）")
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
