"""Read a facts submission and check it against its scheme, collecting every problem with its position.

What a subject submits is checked here, before anything is scored: unknown facts (with the nearest known
name), wrong types, values out of range, missing facts that have no default, a subject listed twice, a
block the scheme lacks, a department not in the block's list.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .errors import Problem, SubmissionError, errors_only
from .loading import Document, Pointer, format_pointer, load_file
from .model import FactDef, RecordDef, Scheme
from .schema_check import check as check_schema

MAX_DIGITS = 15  # beyond this a decimal no longer orders exactly as a double inside the rule engine
RESERVED = {"id", "kind", "sid"}


@dataclass
class SubjectInput:
    name: str
    block: str
    facts: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]
    pointer: Pointer = ()
    supplied: frozenset[str] = frozenset()  # facts the subject gave (others came from defaults)


@dataclass
class Submission:
    path: str
    scheme_id: str
    version: str | None
    period_name: str
    start: dt.date
    end: dt.date
    college: str
    subjects: list[SubjectInput] = field(default_factory=list)


def read_header(path: str) -> tuple[Document, str, str | None]:
    """Load the file and tell which scheme (and version) it names, before the scheme is known."""
    doc = load_file(path)
    problems = check_schema(doc, "submission.schema.json")
    if problems:
        raise SubmissionError(problems, summary=f"填报文件 {path} 的格式有误：")
    ident, _, ver = str(doc.data["scheme"]).partition("@")
    return doc, ident, ver or doc.data.get("version")


def _kind_text(v: Any) -> str:
    if isinstance(v, bool):
        return f"是/否 {str(v).lower()}"
    if isinstance(v, (int, Decimal)):
        return f"数字 {v}"
    if isinstance(v, str):
        return f"文字“{v}”"
    if isinstance(v, list):
        return "列表"
    if isinstance(v, dict):
        return "键值表"
    return "空值"


class _Reader:
    def __init__(self, doc: Document, scheme: Scheme) -> None:
        self.doc, self.scheme = doc, scheme
        self.problems: list[Problem] = []

    def err(self, ptr: Pointer, text: str, key: bool = False) -> None:
        self.problems.append(Problem(self.doc.where(ptr, key=key), text, pointer=format_pointer(ptr)))

    def value(self, ptr: Pointer, subject: str, f: FactDef, v: Any, what: str = "事实") -> Any:
        label = f"考核对象“{subject}”的{what}“{f.id}”（{f.name}）"
        t = f.type
        if t == "boolean":
            if not isinstance(v, bool):
                return self.err(ptr, f"{label}应填是/否（true 或 false），实际为{_kind_text(v)}")
            return v
        if t in ("integer", "decimal"):
            if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
                return self.err(ptr, f"{label}应填数字，实际为{_kind_text(v)}")
            if t == "integer" and v != int(v):
                return self.err(ptr, f"{label}应为整数，实际为 {v}")
            return self._range(ptr, label, f, Decimal(v) if t == "decimal" else int(v))
        if t == "decimal-list":
            if not isinstance(v, list):
                return self.err(ptr, f"{label}应填一组数字（列表），实际为{_kind_text(v)}")
            out = []
            for i, x in enumerate(v):
                if isinstance(x, bool) or not isinstance(x, (int, Decimal)):
                    self.err(ptr + (i,), f"{label}第 {i + 1} 项应填数字，实际为{_kind_text(x)}")
                else:
                    out.append(self._range(ptr + (i,), f"{label}第 {i + 1} 项", f, Decimal(x)))
            return out
        if t == "date":
            try:
                return dt.date.fromisoformat(str(v))
            except ValueError:
                return self.err(ptr, f"{label}应为日期 YYYY-MM-DD，实际为{_kind_text(v)}")
        if not isinstance(v, str):
            return self.err(ptr, f"{label}应填文字，实际为{_kind_text(v)}")
        return v

    def _range(self, ptr: Pointer, label: str, f: FactDef, v: Any) -> Any:
        if f.minimum is not None and v < f.minimum:
            hint = "，不能为负数" if f.minimum == 0 else ""
            self.err(ptr, f"{label}不能小于 {f.minimum}{hint}，实际为 {v}")
            return None
        if f.maximum is not None and v > f.maximum:
            self.err(ptr, f"{label}不能大于 {f.maximum}，实际为 {v}")
            return None
        if isinstance(v, Decimal) and len(v.as_tuple().digits) > MAX_DIGITS:
            self.err(ptr, f"{label}的有效数字超过 {MAX_DIGITS} 位：{v}")
            return None
        return v

    def subject(self, i: int, raw: dict, seen: dict[tuple[str, str], int]) -> SubjectInput | None:
        ptr: Pointer = ("subjects", i)
        name, bid = raw["name"], raw["block"]
        block = self.scheme.block(bid)
        if block is None:
            have = "、".join(b.id for b in self.scheme.blocks)
            self.err(ptr + ("block",), f"考核对象“{name}”的板块“{bid}”在方案“{self.scheme.id}”中不存在（已有板块：{have}）")
            return None
        if name not in block.subjects:
            hint = difflib.get_close_matches(name, block.subjects, n=1, cutoff=0.4)
            other = next((b.id for b in self.scheme.blocks if name in b.subjects), None)
            tip = f"，它属于{other}板块" if other else (f"，是否想写“{hint[0]}”？" if hint else "")
            self.err(ptr + ("name",), f"考核对象“{name}”不在方案{bid}板块的名单中{tip}")
        if name in {k[0] for k in seen}:
            first = self.doc.where(("subjects", seen[next(k for k in seen if k[0] == name)])).line
            self.err(ptr + ("name",), f"考核对象“{name}”重复出现（第 {first} 行已填报）")
            return None
        seen[(name, bid)] = i
        facts = self._facts(ptr, name, bid, raw.get("facts") or {})
        records = self._records(ptr, name, bid, raw.get("records") or {})
        return SubjectInput(name, bid, facts, records, ptr, frozenset((raw.get("facts") or {}).keys()))

    def _facts(self, ptr: Pointer, name: str, bid: str, given: dict) -> dict[str, Any]:
        needed = {f.id: f for f in self.scheme.facts_for(bid)}
        declared = {f.id: f for f in self.scheme.facts}
        out: dict[str, Any] = {}
        for key, v in given.items():
            fptr = ptr + ("facts", key)
            f = declared.get(key)
            if f is None:
                hint = difflib.get_close_matches(key, list(declared), n=1, cutoff=0.5)
                tip = f"，是否想写“{hint[0]}”（{declared[hint[0]].name}）？" if hint else ""
                self.err(fptr, f"考核对象“{name}”填报了方案中没有的事实“{key}”{tip}", key=True)
                continue
            if key not in needed:
                used_by = [b.id for b in self.scheme.blocks if any(x.id == key for x in self.scheme.facts_for(b.id))]
                where = f"只用于{'、'.join(used_by)}板块" if used_by else "没有规则使用"
                self.err(fptr, f"考核对象“{name}”（{bid}板块）填报了事实“{key}”（{f.name}），但该事实{where}，"
                               f"{bid}板块的考核对象不填这一项", key=True)
                continue
            value = self.value(fptr, name, f, v)
            if value is not None:
                out[key] = value
        for fid, f in needed.items():
            if fid in given:
                continue
            if f.has_default:
                out[fid] = f.default
            else:
                self.err(ptr, f"考核对象“{name}”缺少必须填报的事实“{fid}”（{f.name}）：{f.description}")
        return out

    def _records(self, ptr: Pointer, name: str, bid: str, given: dict) -> dict[str, list[dict]]:
        declared = {r.id: r for r in self.scheme.records}
        out: dict[str, list[dict]] = {}
        for key, rows in given.items():
            rptr = ptr + ("records", key)
            rec = declared.get(key)
            if rec is None:
                hint = difflib.get_close_matches(key, list(declared), n=1, cutoff=0.5)
                tip = f"，是否想写“{hint[0]}”？" if hint else ""
                self.err(rptr, f"考核对象“{name}”填报了方案中没有的记录清单“{key}”{tip}", key=True)
                continue
            if rec not in self.scheme.records_for(bid):
                used_by = [b.id for b in self.scheme.blocks if rec in self.scheme.records_for(b.id)]
                self.err(rptr, f"考核对象“{name}”（{bid}板块）填报了记录清单“{key}”（{rec.name}），但它只用于"
                               f"{'、'.join(used_by) or '（无）'}板块，{bid}板块的考核对象不填这一项", key=True)
                continue
            out[key] = [r for j, row in enumerate(rows) if (r := self._row(rptr + (j,), name, rec, row)) is not None]
        return out

    def _row(self, ptr: Pointer, name: str, rec: RecordDef, row: dict) -> dict | None:
        out: dict[str, Any] = {}
        ok = True
        for key, v in row.items():
            f = rec.field(key)
            if f is None:
                hint = difflib.get_close_matches(key, [x.id for x in rec.fields], n=1, cutoff=0.5)
                tip = f"，是否想写“{hint[0]}”？" if hint else ""
                self.err(ptr + (key,), f"考核对象“{name}”的记录“{rec.id}”中有未知字段“{key}”{tip}", key=True)
                ok = False
                continue
            value = self.value(ptr + (key,), name, f, v, what=f"记录“{rec.name}”字段")
            ok = ok and value is not None
            out[key] = value
        for f in rec.fields:
            if f.id not in row:
                self.err(ptr, f"考核对象“{name}”的记录“{rec.name}”缺少字段“{f.id}”（{f.name}）")
                ok = False
        return out if ok else None


def read_submission(doc: Document, scheme: Scheme) -> Submission:
    r = _Reader(doc, scheme)
    d = doc.data
    period = d["period"]
    try:
        start, end = dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"])
    except ValueError:
        r.err(("period",), f"考核期日期无效：{period['start']} 至 {period['end']}")
        raise SubmissionError(r.problems)
    if end < start:
        r.err(("period", "end"), f"考核期结束日期 {end} 早于开始日期 {start}")
    sub = Submission(doc.path, scheme.id, scheme.version, period.get("name", ""), start, end, d.get("college", ""))
    seen: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(d["subjects"]):
        s = r.subject(i, raw, seen)
        if s is not None:
            sub.subjects.append(s)
    if errors_only(r.problems):
        raise SubmissionError(r.problems, summary=f"填报文件 {doc.path} 有 {len(r.problems)} 处错误，未评分、未写出任何文件：")
    return sub
