"""What changed between two sets of documents, as a list a committee member can read.

Documents are matched by kind and id (a renamed file is still the same document). Inside a document, every
list of items that carry an `id` is compared item by item; a scheme's rules are compared across categories
(a rule that moved keeps its identity). Changes are data (`Change`); `diffrender` turns them into text,
Markdown or JSON.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..load import Document
from ..numbers import fmt

META_KEYS = {"title": "标题", "version": "版本", "status": "状态", "effective": "生效日期", "owner": "责任部门",
             "level": "层面", "system": "系统", "text": "原文", "decision": "编码选择", "source": "出处"}
FIELD_LABELS = {
    "amount": "扣分分值", "unit": "单位", "cap": "扣分上限", "text": "原文措辞", "when": "扣分条件",
    "where": "记录条件", "count": "计数事实", "each": "记录清单", "decision": "编码选择", "name": "名称",
    "type": "类型", "description": "填报口径", "default": "默认值", "minimum": "最小值", "maximum": "最大值",
    "example": "示例", "values": "取值", "points": "分值", "blocks": "适用板块", "subjects": "考核对象名单",
    "fields": "字段", "derived": "推导值", "notes": "备注", "source": "出处", "group": "标准分组",
    "category": "所属考核类别", "clause": "条款序号", "full_marks": "满分", "category_floor": "类别最低分",
    "method": "计分方法", "tiers": "奖项", "scope": "范围", "basis": "评比依据", "tie_break": "同分比较",
}
SECTIONS = {"rules": "规则", "facts": "事实", "records": "记录", "parameters": "参数", "categories": "考核类别",
            "blocks": "板块", "items": "条目"}
ADDED, REMOVED, CHANGED = "新增", "删除", "修改"


@dataclass
class Change:
    section: str                 # 元数据 / 规则 / 事实 / 参数 …
    action: str                  # 新增 / 删除 / 修改
    target: str                  # the item's id (or the metadata key)
    label: str = ""              # which field, in Chinese
    old: str | None = None
    new: str | None = None
    text_diff: list[str] = field(default_factory=list)  # unified diff lines for wording changes
    name: str = ""               # the item's Chinese name or wording, for context


@dataclass
class DocumentDiff:
    kind: str
    id: str
    title: str
    old_path: str
    new_path: str
    status: str                  # 新增 / 删除 / 修改
    changes: list[Change] = field(default_factory=list)


def show(value: Any) -> str:
    """A value as the committee reads it: exact numbers, 是/否, dated values as “自 日期 起 值”."""
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, list) and value and all(isinstance(v, dict) and "from" in v for v in value):
        return "；".join(f"自 {v['from']} 起 {show(v.get('value'))}" for v in value)
    if isinstance(value, list):
        return "[" + "，".join(show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + "，".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    return str(value)


def text_diff(old: str, new: str, label: str = "") -> list[str]:
    """A unified diff of two wordings, line by line (one line per sentence for one-line texts)."""
    def lines(t: str) -> list[str]:
        out: list[str] = []
        for line in t.splitlines() or [""]:
            out += [s + "。" for s in line.split("。") if s] if len(line) > 80 else [line]
        return out
    return list(difflib.unified_diff(lines(old), lines(new), f"原{label}", f"新{label}", lineterm="", n=1))


WORDING = ("text", "description", "decision", "tasks_text", "summary")


def _is_text(key: str, a: Any, b: Any) -> bool:
    both = isinstance(a, str) and isinstance(b, str)
    return both and (key in WORDING or len(a) > 30 or len(b) > 30 or "\n" in a + b)


def _field_changes(section: str, target: str, old: dict, new: dict, name: str, skip: tuple[str, ...] = (),
                   labels: dict[str, str] = FIELD_LABELS) -> list[Change]:
    out = []
    for key in list(dict.fromkeys([*old, *new])):
        if key in skip or key == "id":
            continue
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        label = labels.get(key, key)
        diff = text_diff(a, b, label) if _is_text(key, a, b) else []
        out.append(Change(section, CHANGED, target, label, show(a) if key in old else None,
                          show(b) if key in new else None, diff, name))
    return out


def _keyed(items: Any) -> dict[str, dict]:
    if not isinstance(items, list):
        return {}
    return {str(x["id"]): x for x in items if isinstance(x, dict) and "id" in x}


def _name(item: dict) -> str:
    return str(item.get("name") or item.get("text") or "")


def _collection(section: str, old: dict[str, dict], new: dict[str, dict], skip: tuple[str, ...] = ()) -> list[Change]:
    out = []
    for key in old:
        if key not in new:
            out.append(Change(section, REMOVED, key, old=_summary(old[key]), name=_name(old[key])))
    for key in new:
        if key not in old:
            out.append(Change(section, ADDED, key, new=_summary(new[key]), name=_name(new[key])))
    for key in old:
        if key in new:
            out += _field_changes(section, key, old[key], new[key], _name(new[key]), skip)
    return out


def _summary(item: dict) -> str:
    """A one-line description of an added or removed item."""
    parts = [f"{FIELD_LABELS.get(k, k)} {show(v)}" for k, v in item.items()
             if k in ("amount", "unit", "cap", "type", "points", "values", "count", "each") and v is not None]
    head = _name(item)
    return "；".join([head, *parts]) if head else "；".join(parts)


def _rules(data: dict) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for cat in data.get("categories") or []:
        for clause in cat.get("clauses") or []:
            for r in clause.get("rules") or []:
                out[str(r["id"])] = {**r, "category": cat.get("id"), "clause": clause.get("no")}
    return out


def _categories(data: dict) -> dict[str, dict]:
    return {k: {x: y for x, y in v.items() if x not in ("clauses", "notes")}
            for k, v in _keyed(data.get("categories")).items()}


def _clauses(data: dict) -> dict[str, dict]:
    """Each clause's original wording, keyed “类别 第N条”, so a reworded clause shows as a text diff."""
    return {f"{cat.get('id')} 第{c.get('no')}条": {"text": c.get("text", "")}
            for cat in data.get("categories") or [] for c in cat.get("clauses") or []}


def _notes(data: dict) -> dict[str, dict]:
    """Notes keyed by category and position (the seed repeats some note numbers)."""
    return {f"{cat.get('id')} 备注{i + 1}": {k: v for k, v in n.items()}
            for cat in data.get("categories") or [] for i, n in enumerate(cat.get("notes") or [])}


def _metadata(old: dict, new: dict) -> list[Change]:
    out = _field_changes("元数据", "", {k: old[k] for k in META_KEYS if k in old},
                         {k: new[k] for k in META_KEYS if k in new}, "", labels=META_KEYS)
    for c in out:
        c.target = c.label
    out += _field_changes("元数据", "计分方法", old.get("scoring") or {}, new.get("scoring") or {}, "",
                          ("text", "source", "decision"))
    old_revs, new_revs = old.get("revisions") or [], new.get("revisions") or []
    for r in new_revs[len(old_revs):]:
        out.append(Change("元数据", ADDED, "修订记录", "修订记录", None,
                          f"{r.get('version')}（{r.get('date')}）：{r.get('summary')}"))
    if new_revs[:len(old_revs)] != old_revs:
        out.append(Change("元数据", CHANGED, "修订记录", "修订记录", f"{len(old_revs)} 条", "原有的修订记录被改动"))
    return out


def diff_documents(old: Document | None, new: Document | None) -> DocumentDiff:
    """Every change from `old` to `new` (either may be None: a document added or removed)."""
    o = old.data if old else {}
    n = new.data if new else {}
    ref = n or o
    status = ADDED if old is None else REMOVED if new is None else CHANGED
    dd = DocumentDiff(str(ref.get("kind", "")), str(ref.get("id", "")), str(ref.get("title", "")),
                      old.path if old else "", new.path if new else "", status)
    if old is None or new is None:
        return dd
    dd.changes += _metadata(o, n)
    if ref.get("kind") == "scheme":
        dd.changes += _collection("考核类别", _categories(o), _categories(n), ("source",))
        dd.changes += _collection("规则", _rules(o), _rules(n))
        dd.changes += _collection("条款原文", _clauses(o), _clauses(n))
        dd.changes += _collection("备注", _notes(o), _notes(n))
    for key, section in SECTIONS.items():
        if key in ("rules", "categories") and ref.get("kind") == "scheme":
            continue
        if isinstance(o.get(key), list) or isinstance(n.get(key), list):
            dd.changes += _collection(section, _keyed(o.get(key)), _keyed(n.get(key)))
    return dd


def diff_sets(old_docs: list[Document], new_docs: list[Document]) -> list[DocumentDiff]:
    """Document-by-document changes; unchanged documents are left out."""
    def key(d: Document) -> tuple[str, str]:
        return str(d.data.get("kind")), str(d.data.get("id"))
    olds = {key(d): d for d in old_docs}
    news = {key(d): d for d in new_docs}
    out = []
    for k in list(dict.fromkeys([*news, *olds])):
        dd = diff_documents(olds.get(k), news.get(k))
        if dd.status != CHANGED or dd.changes:
            out.append(dd)
    return sorted(out, key=lambda d: (d.new_path or d.old_path))
