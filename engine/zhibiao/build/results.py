"""A results file (what `zhibiao score --format json -o …` writes) read back into a `Result`.

The handbook site publishes results from such a file as from the results database. Only what a reader of the
results needs is rebuilt: the scheme's identity and period, and per subject its total, rank, award, category
scores and every deduction (with its wording, arithmetic and evidence). Every missing or malformed value is
reported with its file:line:column; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import Problem, SubmissionError
from ..load.document import Document
from ..model.results import CategoryResult, Deduction, Outcome, Result, SubjectResult


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def _bad(self, pointer: tuple[Any, ...], expected: str, actual: Any) -> None:
        self.problems.append(Problem.of("results-file.value", self.doc.where(pointer),
                                        pointer="/" + "/".join(str(p) for p in pointer), expected=expected,
                                        actual=actual))

    def get(self, data: Any, pointer: tuple[Any, ...], key: str, kind: type | tuple[type, ...], expected: str,
            default: Any = ...) -> Any:
        value = data.get(key, default) if isinstance(data, dict) else default
        if value is ...:
            self.problems.append(Problem.of("results-file.missing", self.doc.where(pointer),
                                            pointer="/" + "/".join(str(p) for p in (*pointer, key)), key=key,
                                            expected=expected))
            return None
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if value is not None and (not isinstance(value, kinds) or isinstance(value, bool) and bool not in kinds):
            self._bad((*pointer, key), expected, value)
            return None
        return value

    def text(self, data: Any, pointer: tuple[Any, ...], key: str, default: Any = ...) -> str:
        value = self.get(data, pointer, key, str, "文字", default)
        return value if isinstance(value, str) else ""

    def decimal(self, data: Any, pointer: tuple[Any, ...], key: str, default: Any = ...) -> Decimal | None:
        value = self.get(data, pointer, key, (str, int, Decimal), "写成文字的数字，如 \"95.6\"", default)
        if value is None:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self._bad((*pointer, key), "写成文字的数字，如 \"95.6\"", value)
            return None
        if not number.is_finite():
            self._bad((*pointer, key), "有限的数字", value)
            return None
        return number

    def items(self, data: Any, pointer: tuple[Any, ...], key: str) -> list[tuple[tuple[Any, ...], dict]]:
        value = self.get(data, pointer, key, list, "列表", [])
        out = []
        for i, item in enumerate(value or []):
            if isinstance(item, dict):
                out.append(((*pointer, key, i), item))
            else:
                self._bad((*pointer, key, i), "键值表", item)
        return out

    # ------------------------------------------------------------------ the parts of a result
    def deduction(self, p: tuple[Any, ...], d: dict) -> Deduction:
        zero = Decimal(0)
        clause = self.get(d, p, "clause_no", int, "整数", 0)
        evidence = self.get(d, p, "evidence", list, "列表", [])
        return Deduction(self.text(d, p, "rule_id"), self.text(d, p, "category_id", ""), clause or 0,
                         self.text(d, p, "text", ""), self.text(d, p, "condition", ""),
                         self.decimal(d, p, "quantity") or zero, self.text(d, p, "unit", ""),
                         self.decimal(d, p, "amount") or zero, self.decimal(d, p, "subtotal") or zero,
                         [e for e in evidence or [] if isinstance(e, dict)], self.decimal(d, p, "capped", "0") or zero,
                         self.text(d, p, "link", ""), 1 if d.get("effect") == "加分" else -1,
                         self.text(d, p, "detail", ""))

    def category(self, p: tuple[Any, ...], c: dict) -> CategoryResult:
        zero = Decimal(0)
        return CategoryResult(
            self.text(c, p, "id"), self.text(c, p, "name"), self.decimal(c, p, "points") or zero,
            self.decimal(c, p, "deducted", "0") or zero, self.decimal(c, p, "floor_cut", "0") or zero,
            self.decimal(c, p, "score") or zero, [self.deduction(q, d) for q, d in self.items(c, p, "deductions")],
            added=self.decimal(c, p, "added", "0") or zero, base=self.decimal(c, p, "base", None),
            cap_cut=self.decimal(c, p, "cap_cut", "0") or zero, weight=self.decimal(c, p, "weight", None),
            children=[self.category(q, x) for q, x in self.items(c, p, "children")])

    def outcome(self, p: tuple[Any, ...], o: dict) -> Outcome:
        return Outcome(self.text(o, p, "id", ""), self.text(o, p, "name", ""), self.text(o, p, "text", ""),
                       self.text(o, p, "detail", ""), self.decimal(o, p, "score", None), self.text(o, p, "grade", ""))

    def subject(self, p: tuple[Any, ...], s: dict) -> SubjectResult:
        rank = self.get(s, p, "rank", int, "整数名次", None)
        return SubjectResult(
            self.text(s, p, "name"), self.text(s, p, "block"), self.decimal(s, p, "total") or Decimal(0),
            [self.category(q, c) for q, c in self.items(s, p, "categories")], rank,
            self.text(s, p, "rank_note", "") or "", self.get(s, p, "award", str, "文字", None),
            self.text(s, p, "award_note", "") or "", self.decimal(s, p, "year_end", None),
            key=self.text(s, p, "id", ""), grade=self.get(s, p, "grade", str, "文字", None),
            vetoes=[self.outcome(q, o) for q, o in self.items(s, p, "vetoes")],
            limits=[self.outcome(q, o) for q, o in self.items(s, p, "limits")])

    def result(self) -> Result:
        data = self.doc.data
        if not isinstance(data, dict):
            self._bad((), "键值表（zhibiao score --format json 的输出）", data)
            raise SubmissionError(self.problems)
        scheme = self.get(data, (), "scheme", dict, "键值表（方案标识、名称、版本）") or {}
        p = ("scheme",)
        as_of_text = self.text(data, (), "as_of")
        try:
            as_of = dt.date.fromisoformat(as_of_text)
        except ValueError:
            if as_of_text:
                self._bad(("as_of",), "日期，如 2010-01-15", as_of_text)
            as_of = dt.date.min
        subjects = [self.subject(q, s) for q, s in self.items(data, (), "subjects")]
        result = Result(self.text(scheme, p, "id"), self.text(scheme, p, "title", ""),
                        self.text(scheme, p, "version", ""), self.text(scheme, p, "rules_hash", ""), as_of,
                        self.text(data, (), "period", ""), self.text(data, (), "source", ""),
                        self.decimal(data, (), "year_end_weight", None), subjects,
                        self.text(data, (), "awards_note", "") or "", revision=self.text(scheme, p, "revision", ""))
        if self.problems:
            raise SubmissionError(self.problems)
        return result


def read_result(doc: Document) -> Result:
    """The `Result` a results file holds; every problem located (file:line:column), all reported at once."""
    return _Reader(doc).result()
