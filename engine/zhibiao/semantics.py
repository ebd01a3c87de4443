"""Semantic checks on a scheme that a schema cannot express. Every problem is collected, none stops the rest."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from decimal import Decimal
from typing import Any, Iterable

from .conditions import COMBINATORS, OPS, params_used
from .errors import Problem
from .loading import Document, Pointer, format_pointer


class _Checker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.d = doc.data
        self.problems: list[Problem] = []

    def err(self, pointer: Pointer, message: str, severity: str = "error", key: bool = False) -> None:
        self.problems.append(Problem(self.doc.where(pointer, key=key), message, severity,  # type: ignore[arg-type]
                                     format_pointer(pointer)))

    def suggest(self, name: str, known: Iterable[str]) -> str:
        hit = difflib.get_close_matches(name, list(known), n=1, cutoff=0.5)
        return f"，是否想写“{hit[0]}”？" if hit else ""


def check_scheme(doc: Document) -> list[Problem]:
    c = _Checker(doc)
    d = c.d
    _unique(c)
    _dates(c)
    facts = {f["id"]: f for f in d.get("facts", [])}
    records = {r["id"]: r for r in d.get("records", [])}
    params = {p["id"]: p for p in d.get("parameters", [])}
    blocks = [b["id"] for b in d["blocks"]]
    used_facts: set[str] = set()

    for pi, p in enumerate(d.get("parameters", [])):
        starts = [v["from"] for v in p["values"]]
        if starts != sorted(starts):
            c.err(("parameters", pi, "values"), f"参数“{p['id']}”的取值应按日期先后排列")
    for fi, f in enumerate(d.get("facts", [])):
        _fact_def(c, ("facts", fi), f)
    for ri, r in enumerate(d.get("records", [])):
        fields = {x["id"]: x for x in r["fields"]}
        for xi, x in enumerate(r.get("derived", [])):
            src = fields.get(x["field"])
            if src is None:
                c.err(("records", ri, "derived", xi, "field"),
                      f"推导值“{x['id']}”引用的字段“{x['field']}”不在记录“{r['id']}”中{c.suggest(x['field'], fields)}")
            elif src["type"] != "decimal-list":
                c.err(("records", ri, "derived", xi, "field"), f"推导函数 {x['function']} 需要一组小数（decimal-list）字段")
            for name in params_used(x["threshold"]):
                if name not in params:
                    c.err(("records", ri, "derived", xi, "threshold"), f"引用了未声明的参数“{name}”{c.suggest(name, params)}")

    totals: dict[str, Decimal] = {b: Decimal(0) for b in blocks}
    rule_block: dict[str, set[str]] = {}
    for ci, cat in enumerate(d["categories"]):
        for b in cat["blocks"]:
            if b not in totals:
                c.err(("categories", ci, "blocks"), f"考核类别“{cat['name']}”引用了不存在的板块“{b}”（已有：{'、'.join(blocks)}）")
            else:
                totals[b] += Decimal(str(cat["points"]))
        cat_rules: set[str] = set()
        for ki, k in enumerate(cat["clauses"]):
            for ri, r in enumerate(k["rules"]):
                ptr: Pointer = ("categories", ci, "clauses", ki, "rules", ri)
                cat_rules.add(r["id"])
                rule_block[r["id"]] = set(cat["blocks"])
                used_facts |= _rule(c, ptr, r, facts, records, params, Decimal(str(cat["points"])))
        for ni, n in enumerate(cat.get("notes", [])):
            ptr = ("categories", ci, "notes", ni)
            for ai, ref in enumerate(n["applies_to"]):
                if ref not in cat_rules:
                    where = "、".join(sorted(rule_block.get(ref, set())))
                    extra = f"（该条款属于{where}板块）" if where else c.suggest(ref, cat_rules)
                    c.err(ptr + ("applies_to", ai),
                          f"备注{n['no']}引用的条款“{ref}”在考核类别“{cat['name']}”（{'、'.join(cat['blocks'])}板块）中不存在{extra}")
            if not n["applies_to"] and n.get("unmatched"):
                c.err(ptr, f"备注{n['no']}“{n['text']}”在{'、'.join(cat['blocks'])}板块没有对应条款：{n['unmatched']}",
                      "warning")
    full = Decimal(str(d["scoring"]["full_marks"]))
    for b, total in totals.items():
        if total != full:
            bi = blocks.index(b)
            c.err(("blocks", bi), f"{b}板块各考核类别分值合计 {total} 分，与满分 {full} 分不一致")
    for fi, f in enumerate(d.get("facts", [])):
        if f["id"] not in used_facts:
            c.err(("facts", fi), f"事实“{f['id']}”（{f['name']}）已声明但没有规则使用它", "warning")
    _awards(c, [cat["id"] for cat in d["categories"]])
    _revisions(c)
    return c.problems


def _unique(c: _Checker) -> None:
    d = c.d
    groups: dict[str, list[tuple[str, Pointer]]] = {"规则": [], "事实": [], "记录": [], "参数": [], "考核类别": [], "板块": []}
    for ci, cat in enumerate(d["categories"]):
        groups["考核类别"].append((cat["id"], ("categories", ci, "id")))
        for ki, k in enumerate(cat["clauses"]):
            for ri, r in enumerate(k["rules"]):
                groups["规则"].append((r["id"], ("categories", ci, "clauses", ki, "rules", ri, "id")))
    for key, label in (("facts", "事实"), ("records", "记录"), ("parameters", "参数"), ("blocks", "板块")):
        for i, x in enumerate(d.get(key, [])):
            groups[label].append((x["id"], (key, i, "id")))
    for label, items in groups.items():
        first: dict[str, Pointer] = {}
        for ident, ptr in items:
            if ident in first:
                line = c.doc.where(first[ident]).line
                c.err(ptr, f"{label}标识“{ident}”重复（第 {line} 行已使用）")
            else:
                first[ident] = ptr
    for i, b in enumerate(d["blocks"]):
        dup = [s for s, n in Counter(b["subjects"]).items() if n > 1]
        for s in dup:
            c.err(("blocks", i, "subjects"), f"{b['id']}板块名单中“{s}”重复")


def _dates(c: _Checker) -> None:
    def walk(node: Any, ptr: Pointer) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("effective", "date", "from") and isinstance(v, str):
                    try:
                        dt.date.fromisoformat(v)
                    except ValueError:
                        c.err(ptr + (k,), f"日期“{v}”不存在（格式 YYYY-MM-DD，月 01–12，日按当月天数）")
                else:
                    walk(v, ptr + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, ptr + (i,))
    walk(c.d, ())


_PY_TYPES = {"integer": (int,), "decimal": (int, Decimal), "boolean": (bool,), "text": (str,)}


def _value_ok(ftype: str, value: Any) -> bool:
    if ftype in ("integer", "decimal") and isinstance(value, bool):
        return False
    return isinstance(value, _PY_TYPES.get(ftype, (object,)))


def _fact_def(c: _Checker, ptr: Pointer, f: dict) -> None:
    if "default" in f and f["default"] is not None and not _value_ok(f["type"], f["default"]):
        c.err(ptr + ("default",), f"事实“{f['id']}”的默认值与类型“{f['type']}”不符")
    lo, hi = f.get("minimum"), f.get("maximum")
    if lo is not None and hi is not None and lo > hi:
        c.err(ptr + ("minimum",), f"事实“{f['id']}”的最小值 {lo} 大于最大值 {hi}")


def _rule(c: _Checker, ptr: Pointer, r: dict, facts: dict, records: dict, params: dict, points: Decimal) -> set[str]:
    used: set[str] = set()
    rid = r["id"]
    if "count" in r:
        name = r["count"]
        used.add(name)
        f = facts.get(name)
        if f is None:
            c.err(ptr + ("count",), f"规则“{rid}”按数量扣分所用的事实“{name}”未在 facts 中声明{c.suggest(name, facts)}")
        elif f["type"] not in ("integer", "decimal"):
            c.err(ptr + ("count",), f"规则“{rid}”按数量扣分，事实“{name}”应为整数或小数类型，实际为 {f['type']}")
    if "when" in r:
        used |= _condition(c, ptr + ("when",), r["when"], facts, params, rid, "事实")
    if "each" in r:
        rec = records.get(r["each"])
        if rec is None:
            c.err(ptr + ("each",), f"规则“{rid}”引用的记录清单“{r['each']}”未在 records 中声明{c.suggest(r['each'], records)}")
        else:
            fields = {x["id"]: x for x in rec["fields"]}
            fields |= {x["id"]: {"id": x["id"], "type": "integer"} for x in rec.get("derived", [])}
            _condition(c, ptr + ("where",), r["where"], fields, params, rid, f"记录“{rec['id']}”的字段")
    amounts = r["amount"] if isinstance(r["amount"], list) else [{"value": r["amount"]}]
    for ai, a in enumerate(amounts):
        if a["value"] is not None and Decimal(str(a["value"])) > points:
            c.err(ptr + ("amount",), f"规则“{rid}”一次扣 {a['value']} 分，超过所在类别的分值 {points} 分", "warning")
    if isinstance(r["amount"], list):
        starts = [a["from"] for a in r["amount"]]
        if starts != sorted(starts):
            c.err(ptr + ("amount",), f"规则“{rid}”的分值应按日期先后排列")
    return used


def _condition(c: _Checker, ptr: Pointer, cond: dict, known: dict, params: dict, rid: str, what: str) -> set[str]:
    used: set[str] = set()
    for key, value in cond.items():
        if key in COMBINATORS:
            for i, sub in enumerate(value):
                used |= _condition(c, ptr + (key, i), sub, known, params, rid, what)
            continue
        used.add(key)
        f = known.get(key)
        if f is None:
            c.err(ptr + (key,), f"规则“{rid}”的条件使用了未声明的{what}“{key}”{c.suggest(key, known)}", key=True)
            continue
        tests = value.items() if isinstance(value, dict) and set(value) <= set(OPS) else [("eq", value)]
        for op, v in tests:
            if isinstance(v, dict) and set(v) == {"param"}:
                if v["param"] not in params:
                    c.err(ptr + (key,), f"规则“{rid}”引用了未声明的参数“{v['param']}”{c.suggest(v['param'], params)}")
                continue
            if not _value_ok(f["type"], v):
                c.err(ptr + (key,), f"规则“{rid}”把{what}“{key}”（{f['type']}）与不同类型的值 {v!r} 比较")
            elif op not in ("eq", "ne") and f["type"] in ("boolean", "text"):
                c.err(ptr + (key,), f"规则“{rid}”对{what}“{key}”使用了大小比较，但它是 {f['type']} 类型")
    return used


def _awards(c: _Checker, categories: list[str]) -> None:
    aw = c.d.get("awards")
    if not aw:
        return
    for key in ("basis", "tie_break"):
        v = aw.get(key)
        if v is not None and v != "total" and v not in categories:
            c.err(("awards", key), f"评比依据“{v}”既不是 total 也不是考核类别标识{c.suggest(v, categories + ['total'])}")


def _revisions(c: _Checker) -> None:
    revs = c.d["revisions"]
    if revs and revs[-1]["version"] != c.d["version"]:
        c.err(("revisions", len(revs) - 1, "version"),
              f"最后一条修订记录的版本 {revs[-1]['version']} 与文件版本 {c.d['version']} 不一致：修改文件时请同时提高版本并补充修订记录")
