"""Read a facts submission and check it against its scheme, collecting every problem with its position.

What a subject submits is checked here, before anything is scored: unknown facts (with the nearest known
name), wrong types, values out of range, missing facts that have no default, a subject listed twice, a
block the scheme lacks, a department not in the block's list.
"""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .. import messages, progress
from ..errors import Problem, SubmissionError, errors_only
from ..limits import DEFAULT
from ..load import Document, Pointer, format_pointer
from ..model.scheme import Block, FactDef, RecordDef, Scheme
from ..model.submission import PreviousRun, PreviousSource, SubjectInput, Submission
from .submission_shape import is_fact_id, lookalike, nearest_fact, shape_problems

MAX_DIGITS = DEFAULT.digits  # beyond this a decimal no longer orders exactly as a double inside the rule engine


class _Label:
    """Who and what a value is, made into words only when a problem is reported (not for every good value)."""

    __slots__ = ("subject", "what", "fact", "item")

    def __init__(self, subject: str, what: str, fact: FactDef, item: int = 0) -> None:
        self.subject, self.what, self.fact, self.item = subject, what, fact, item

    def __str__(self) -> str:
        text = f"考核对象“{self.subject}”的{self.what}“{self.fact.id}”（{self.fact.name}）"
        return f"{text}第 {self.item} 项" if self.item else text


class _RowWhat:
    __slots__ = ("rec", "index")

    def __init__(self, rec: RecordDef, index: int) -> None:
        self.rec, self.index = rec, index

    def __str__(self) -> str:
        return f"记录清单“{self.rec.id}”（{self.rec.name}）第 {self.index + 1} 条的字段"


class SubjectReader:
    """Checks one subject at a time against the scheme, so a province-wide job can read a million subjects one
    by one (`jobs.batch`) with exactly the checks and messages of a whole-file read.

    `doc` gives positions for pointers `("subjects", i, …)`: the whole submission, or one subject's fragment of it
    (`load.stream`). What each block allows is worked out once per block, not once per subject."""

    def __init__(self, scheme: Scheme, doc: Document | None = None, previous: PreviousSource | None = None) -> None:
        self.scheme = scheme
        self.doc = doc if doc is not None else Document(path="", data=None)
        self.previous_source = previous   # last period's values the submission does not give (results database)
        self.before: dt.date | None = None  # the period's first day: the previous period ended before it
        self.problems: list[Problem] = []
        self._declared = {f.id: f for f in scheme.facts}
        self._record_defs = {r.id: r for r in scheme.records}
        self._needed: dict[str, dict[str, Spec]] = {}
        self._blocks: dict[str, Block] = {}
        for b in scheme.blocks:
            self._blocks.setdefault(b.id, b)  # the first of a name, as `Scheme.block`
        self._changes: dict[str, dict[str, Any]] = {}   # per block: fact → its change rule (与上期比较)
        self._block_records: dict[str, set[str]] = {}   # per block: the record lists its subjects may give
        self._fields: dict[str, dict[str, Spec]] = {r.id: {f.id: _spec(f) for f in r.fields} for r in scheme.records}

    def err(self, ptr: Pointer, code: str, *, key: bool = False, **fields: Any) -> None:
        if isinstance(fields.get("label"), _Label):
            fields["label"] = str(fields["label"])
        self.problems.append(Problem.of(code, self.doc.where(ptr, key=key), pointer=format_pointer(ptr), **fields))

    @staticmethod
    def identity(raw: dict) -> str:
        """What makes two entries the same subject (listed twice is an error)."""
        key = raw.get("id")
        return f"{raw['block']}\x00{key}" if key not in (None, "") else raw["name"]

    def value(self, ptr: Pointer, subject: str, f: FactDef, v: Any, what: str = "事实") -> Any:
        t = f.type
        if t == "text" and type(v) is str and not f.values:  # the common case first: a province has millions
            return v
        label = _Label(subject, what, f)
        if v is None:  # nothing after the colon: said at the key, the value has no position of its own
            return self.err(ptr, "submission.empty-value", key=True, label=label, subject=subject,
                            expected=TYPE_WORDS.get(t, "值"))
        if t == "boolean":
            if isinstance(v, str) and v.strip() in YES_NO:
                return YES_NO[v.strip()]  # the 填报口径 page says 是/否; unambiguous, so accepted as written
            if not isinstance(v, bool):
                return self.err(ptr, "submission.bool", label=label, subject=subject, actual=v,
                                hint=_text_hint(v, boolean=True))
            return v
        if t in ("integer", "decimal"):
            if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
                return self.err(ptr, "submission.number", label=label, subject=subject, actual=v,
                                hint=_text_hint(v))
            if t == "integer" and v != int(v):
                return self.err(ptr, "submission.integer", label=label, subject=subject, actual=v)
            return self._range(ptr, label, subject, f, Decimal(v) if t == "decimal" else int(v))
        if t == "decimal-list":
            if not isinstance(v, list):
                return self.err(ptr, "submission.list", label=label, subject=subject, actual=v, hint=_text_hint(v))
            if len(v) > DEFAULT.list_items:
                return self.err(ptr, "submission.list-too-long", label=label, subject=subject, actual=len(v),
                                expected=DEFAULT.list_items)
            out = []
            for i, x in enumerate(v):
                if isinstance(x, bool) or not isinstance(x, (int, Decimal)):
                    self.err(ptr + (i,), "submission.list-item", label=label, subject=subject, index=i + 1, actual=x,
                             hint=_text_hint(x))
                else:
                    out.append(self._range(ptr + (i,), _Label(subject, what, f, i + 1), subject, f, Decimal(x)))
            return out
        if t == "date":
            try:
                return dt.date.fromisoformat(str(v))
            except ValueError:
                return self.err(ptr, "submission.date", label=label, subject=subject, actual=v)
        if not isinstance(v, str):
            return self.err(ptr, "submission.text", label=label, subject=subject, actual=v)
        choices = self.choices(f)
        if choices and v not in choices:
            return self.err(ptr, "submission.choice", label=label, subject=subject, expected=list(choices), actual=v)
        return v

    def choices(self, f: FactDef) -> tuple[str, ...]:
        """The values a text (its `values`) or a grade (its scale's grades) may take; () for any text."""
        if f.type == "grade":
            scale = self.scheme.grade_scale(f.scale)
            return scale.names() if scale else ()
        return f.values

    def _range(self, ptr: Pointer, label: "_Label", subject: str, f: FactDef, v: Any) -> Any:
        if f.minimum is not None and v < f.minimum:
            hint = "，不能为负数" if f.minimum == 0 else ""
            self.err(ptr, "submission.below-minimum", label=label, subject=subject, expected=f.minimum, hint=hint,
                     actual=v)
            return None
        if f.maximum is not None and v > f.maximum:
            self.err(ptr, "submission.above-maximum", label=label, subject=subject, expected=f.maximum, actual=v)
            return None
        if isinstance(v, Decimal) and len(v.as_tuple().digits) > MAX_DIGITS:
            self.err(ptr, "submission.too-many-digits", label=label, subject=subject, expected=MAX_DIGITS, actual=v)
            return None
        return v

    def subject(self, i: int, raw: dict, seen: dict[str, Any] | None) -> SubjectInput | None:
        """Check subject `i`; `seen` maps the identity of each subject read so far to its index (None: the
        caller checks repeats itself, as the streaming job does with a compact table)."""
        ptr: Pointer = ("subjects", i)
        name, bid = raw["name"], raw["block"]
        key = str(raw.get("id", ""))
        block = self._blocks.get(bid)
        if block is None:
            self.err(ptr + ("block",), "submission.block-unknown", subject=name, actual=bid, scheme=self.scheme.id,
                     expected=[b.id for b in self.scheme.blocks])
            return None
        if not block.open and name not in block.subjects:
            bare = name.strip().strip("“”‘’\"'「」『』").strip()
            other = next((b.id for b in self.scheme.blocks if bare in b.subjects), "")
            if bare != name and other == bid:
                self.err(ptr + ("name",), "submission.subject-quoted", subject=name, suggestion=bare)
            elif other:
                self.err(ptr + ("name",), "submission.subject-unknown", subject=name, block=bid, other=other,
                         suggestion=bare if bare != name else "")
            else:
                near, home = self._nearest_subject(bare, block)
                self.err(ptr + ("name",), "submission.subject-unknown", subject=name, block=bid,
                         suggestion=near, suggestion_label=f"（{home}板块）" if home and home != bid else "",
                         expected=[] if near or len(block.subjects) > 30 else list(block.subjects))
        if seen is not None:
            # A subject is known by its number when it has one; two of the same name need two numbers.
            ident = f"{bid}\x00{key}" if key else name
            same_name = seen.get(f"\x01{name}")
            twice = seen.get(ident)
            if twice is None and same_name is not None and (not key or not same_name[1]):
                twice = same_name[0]
            if twice is not None:
                first = self.doc.where(("subjects", twice))
                at = ptr + ("id",) if key else ptr + ("name",)
                shown = f"{name}（{key}）" if key else name
                hint = "；同名的考核对象请填写编号 id（如工号）" if block.open and not key else ""
                if first.line is not None and first.file == self.doc.where(ptr).file:
                    self.err(at, "submission.subject-twice", subject=shown, first_line=first.line, hint=hint)
                else:  # a workbook, or another file of a merged submission
                    self.err(at, "submission.subject-twice-at", subject=shown, first=str(first), hint=hint)
                return None
            seen[ident] = i
            seen[f"\x01{name}"] = (i, bool(key))  # type: ignore[assignment]
        facts = self._facts(ptr, name, bid, raw.get("facts") or {})
        records = self._records(ptr, name, bid, raw.get("records") or {})
        attributes = self._attributes(ptr, name, block, raw.get("attributes") or {})
        previous, cited = self._previous(ptr, name, key, bid, raw.get("previous") or {})
        return SubjectInput(name, bid, facts, records, ptr, frozenset((raw.get("facts") or {}).keys()), key,
                            attributes, previous, cited)

    def _attributes(self, ptr: Pointer, name: str, block: Block, given: dict) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, v in given.items():
            a = block.attribute(key)
            if a is None:
                hint = difflib.get_close_matches(key, [x.id for x in block.attributes], n=1, cutoff=0.5)
                self.err(ptr + ("attributes", key), "submission.attribute-unknown", key=True, subject=name,
                         block=block.id, actual=key, suggestion=hint[0] if hint else "")
                continue
            value = self.value(ptr + ("attributes", key), name, a, v, what="属性")
            if value is not None:
                out[key] = value
        for a in block.attributes:
            if a.id not in given:
                if a.has_default:
                    out[a.id] = a.default
                else:
                    self.err(ptr, "submission.attribute-missing", subject=name, expected=a.id, name=a.name,
                             description=a.description)
        return out

    def memberships(self, subjects: list[SubjectInput]) -> None:
        """Roll-ups need every member in a group of the submission, and every group at least one member: a
        teacher whose 所属系部 names no 系部 of the submission is almost always a typing slip, and so is a 系部
        without any teacher. Checked once per (member block, attribute), whatever the number of measures."""
        by_block: dict[str, list[SubjectInput]] = {}
        for s in subjects:
            by_block.setdefault(s.block, []).append(s)
        for group_block in self.scheme.blocks:
            groups = by_block.get(group_block.id, [])
            if not groups:
                continue
            links: dict[tuple[str, str], str] = {}
            for m in self.scheme.measures_for(group_block.id):
                if m.rollup:
                    links.setdefault((m.members, m.by), m.name)
            for (member_block, by), measure in links.items():
                members = by_block.get(member_block, [])
                if not by:
                    if not members:
                        for g in groups:
                            self.err(g.pointer + ("name",), "rollup.empty-all", subject=g.name,
                                     block_name=group_block.name, members=member_block, measure=measure)
                    continue
                attr = self.scheme.block(member_block).attribute(by)  # type: ignore[union-attr]
                label = attr.name if attr else by
                names = {g.name for g in groups}
                for s in members:
                    v = s.attributes.get(by)
                    if v is not None and v not in names:
                        hint = difflib.get_close_matches(str(v), sorted(names), n=1, cutoff=0.3)
                        self.err(s.pointer + ("attributes", by), "rollup.orphan", subject=s.name, attribute=by,
                                 name=label, actual=v, block=group_block.id, suggestion=hint[0] if hint else "")
                for g in groups:
                    if not any(s.attributes.get(by) == g.name for s in members):
                        self.err(g.pointer + ("name",), "rollup.empty", subject=g.name, block_name=group_block.name,
                                 members=member_block, by_name=label, measure=measure)

    def _previous(self, ptr: Pointer, name: str, key: str, bid: str, given: dict,
                  ) -> tuple[dict[str, Any], dict[str, PreviousRun]]:
        """Last period's values of the facts a change rule of this block compares: those the submission gives,
        then (for the others) those the previous period's stored run holds, each with the run it came from.

        decision: a value given in the submission wins over the stored one (a correction of last year's figure
        is written there); when the two differ the reader warns, naming both."""
        wanted = self._changes.get(bid)
        if wanted is None:
            wanted = self._changes[bid] = {r.fact: r for r in self.scheme.rules_for(bid) if r.mode == "change"}
        if not wanted and not given:
            return {}, {}
        out: dict[str, Any] = {}
        for k, v in given.items():
            r = wanted.get(k)
            f = self.scheme.fact(k)
            if r is None or f is None:
                hint = difflib.get_close_matches(k, list(wanted), n=1, cutoff=0.5)
                self.err(ptr + ("previous", k), "submission.previous-unknown", key=True, subject=name, actual=k,
                         suggestion=hint[0] if hint else "")
                continue
            value = self.value(ptr + ("previous", k), name, f, v, what="上期事实")
            if value is not None:
                out[k] = value
        cited: dict[str, PreviousRun] = {}
        run, stored = None, None
        if wanted and self.previous_source is not None and self.before is not None:
            run, stored = self.previous_source.find(self.scheme.id, self.scheme.version, self.before, key, name)
        for fact, r in wanted.items():
            f = self.scheme.fact(fact)
            if f is None:
                continue
            held = (stored or {}).get(fact)
            if fact in given:
                if held is not None and fact in out and run is not None and not _same(out[fact], held):
                    self.err(ptr + ("previous", fact), "submission.previous-differs", severity="warning",
                             subject=name, fact=fact, name=f.name, actual=out[fact], expected=held, run=run.label)
                continue
            if held is not None and run is not None:
                value = self.value(ptr, name, f, _typed(f.type, held), what=f"上期事实（{run.label}）")
                if value is not None:
                    out[fact], cited[fact] = value, run
                continue
            if r.change is not None and r.change.if_no_previous == "报错":
                if self.previous_source is None:
                    self.err(ptr, "submission.previous-missing", subject=name, fact=fact, name=f.name, rule=r.id)
                else:
                    reason = messages.render("submission.previous-none" if run is None else
                                             "submission.previous-not-scored" if stored is None else
                                             "submission.previous-no-fact",
                                             {"before": self.before, "scheme": self.scheme.id,
                                              "run": run.label if run else ""})
                    self.err(ptr, "submission.previous-missing-stored", subject=name, fact=fact, name=f.name,
                             rule=r.id, database=self.previous_source.where, reason=reason)
        return out, cited

    def repeated(self, i: int, name: str, first_line: int | None) -> None:
        self.err(("subjects", i, "name"), "submission.subject-twice", subject=name, first_line=first_line, hint="")

    def _needed_for(self, bid: str) -> dict[str, Spec]:
        found = self._needed.get(bid)
        if found is None:
            found = self._needed[bid] = {f.id: _spec(f) for f in self.scheme.facts_for(bid)}
        return found

    def _nearest_subject(self, name: str, block: Any) -> tuple[str, str]:
        """The listed subject a mistyped name most likely means (its own block first), and that block's id."""
        for candidates in ([block], [b for b in self.scheme.blocks if b is not block]):
            names = {n: b.id for b in candidates for n in b.subjects}
            hit = difflib.get_close_matches(name, list(names), n=1, cutoff=0.5)
            if hit:
                return hit[0], names[hit[0]]
        return "", ""

    def _facts(self, ptr: Pointer, name: str, bid: str, given: dict) -> dict[str, Any]:
        needed = self._needed_for(bid)
        declared = self._declared
        out: dict[str, Any] = {}
        for key, v in given.items():
            spec = needed.get(key)
            if spec is not None:
                f, kind, lo, hi = spec
                # the common cases checked inline (what `value` would accept, without a call)
                if kind == "i" and type(v) is int and (lo is None or v >= lo) and (hi is None or v <= hi) \
                        or kind == "b" and (v is True or v is False) or kind == "s" and type(v) is str:
                    out[key] = v
                    continue
                if kind == "d" and (d := _decimal(v, lo, hi)) is not None \
                        or kind == "l" and (d := _decimals(v, lo, hi)) is not None:
                    out[key] = d
                    continue
            fptr = ptr + ("facts", key)
            f = declared.get(key)
            if f is None:
                if not is_fact_id(key):
                    continue  # reported by the shape check, with the id it most likely means
                near = nearest_fact(key, list(declared.values()), [spec[0] for spec in needed.values()])
                self.err(fptr, "submission.fact-unknown", key=True, subject=name, actual=key,
                         suggestion=near.id if near else "", suggestion_label=f"（{near.name}）" if near else "")
                continue
            if key not in needed:
                used_by = [b.id for b in self.scheme.blocks if any(x.id == key for x in self.scheme.facts_for(b.id))]
                where = f"只用于{'、'.join(used_by)}板块" if used_by else "没有规则使用"
                self.err(fptr, "submission.fact-other-block", key=True, subject=name, block=bid, fact=key, name=f.name,
                         used_by=where)
                continue
            value = self.value(fptr, name, f, v)
            if value is not None:
                out[key] = value
        if len(out) == len(needed):
            return out
        for fid, (f, *_) in needed.items():
            if fid in given:
                continue
            if f.has_default:
                out[fid] = f.default
            else:  # at the blank cell when a workbook located it, else at the subject
                at = ptr + ("facts", fid) if ptr + ("facts", fid) in self.doc.locations else ptr
                self.err(at, "submission.fact-missing", subject=name, expected=fid, name=f.name,
                         description=f.description)
        return out

    def _records(self, ptr: Pointer, name: str, bid: str, given: dict) -> dict[str, list[dict]]:
        declared = self._record_defs
        out: dict[str, list[dict]] = {}
        for key, rows in given.items():
            rptr = ptr + ("records", key)
            rec = declared.get(key)
            if rec is None:
                hint = difflib.get_close_matches(key, list(declared), n=1, cutoff=0.5)
                self.err(rptr, "submission.record-unknown", key=True, subject=name, actual=key,
                         suggestion=hint[0] if hint else "")
                continue
            allowed = self._block_records.get(bid)
            if allowed is None:
                allowed = self._block_records[bid] = {r.id for r in self.scheme.records_for(bid)}
            if rec.id not in allowed:
                used_by = [b.id for b in self.scheme.blocks if rec in self.scheme.records_for(b.id)]
                self.err(rptr, "submission.record-other-block", key=True, subject=name, block=bid, record=key,
                         name=rec.name, used_by="、".join(used_by) or "（无）")
                continue
            out[key] = [r for j, row in enumerate(rows) if (r := self._row(rptr + (j,), name, rec, row)) is not None]
        return out

    def _row(self, ptr: Pointer, name: str, rec: RecordDef, row: dict) -> dict | None:
        fields = self._fields[rec.id]
        out: dict[str, Any] = {}
        ok = True
        for key, v in row.items():
            spec = fields.get(key)
            if spec is not None:
                f, kind, lo, hi = spec
                if kind == "s" and type(v) is str or kind == "b" and (v is True or v is False) or \
                        kind == "i" and type(v) is int and (lo is None or v >= lo) and (hi is None or v <= hi):
                    out[key] = v
                    continue
                if kind == "d" and (d := _decimal(v, lo, hi)) is not None \
                        or kind == "l" and (d := _decimals(v, lo, hi)) is not None:
                    out[key] = d
                    continue
            f = rec.field(key)
            if f is None:
                hint = difflib.get_close_matches(key, [x.id for x in rec.fields], n=1, cutoff=0.5)
                self.err(ptr + (key,), "submission.field-unknown", key=True, subject=name, record=rec.id,
                         name=rec.name, row=ptr[-1] + 1, actual=key, suggestion=hint[0] if hint else "")
                ok = False
                continue
            value = self.value(ptr + (key,), name, f, v, what=_RowWhat(rec, ptr[-1]))
            ok = ok and value is not None
            out[key] = value
        if len(out) == len(fields) and ok:
            return out
        for f in rec.fields:
            if f.id not in row:
                self.err(ptr + (f.id,) if ptr + (f.id,) in self.doc.locations else ptr, "submission.field-missing", subject=name, record=rec.id, record_name=rec.name,
                         row=ptr[-1] + 1, expected=f.id, name=f.name)
                ok = False
        return out if ok else None


Spec = tuple[FactDef, str, Any, Any]


def _decimal(v: Any, lo: Any, hi: Any) -> Decimal | None:
    """`v` as the decimal `SubjectReader.value` makes of a good number within [lo, hi] and the digits limit;
    None when it is anything else (then `value` checks it again and says what is wrong)."""
    t = type(v)
    if t is not Decimal and t is not int:
        return None
    d = Decimal(v)
    if (lo is not None and d < lo) or (hi is not None and d > hi):
        return None
    if len(str(d)) > MAX_DIGITS and len(d.as_tuple().digits) > MAX_DIGITS:  # a short text has few digits
        return None
    return d


def _decimals(v: Any, lo: Any, hi: Any) -> list[Decimal] | None:
    if type(v) is not list or len(v) > DEFAULT.list_items:
        return None
    out = [d for x in v if (d := _decimal(x, lo, hi)) is not None]
    return out if len(out) == len(v) else None


def _spec(f: FactDef) -> Spec:
    """A fact with what the inline checks need: kind i (whole number within whole-number bounds), b (是/否),
    s (free text), d (a number, as a decimal, within bounds and digits), l (a list of such), or "" (anything
    else: checked by `SubjectReader.value`, which also reports)."""
    lo, hi = f.minimum, f.maximum
    if f.type == "integer" and all(b is None or b == int(b) for b in (lo, hi)):
        return f, "i", None if lo is None else int(lo), None if hi is None else int(hi)
    if f.type == "decimal":
        return f, "d", lo, hi
    if f.type == "decimal-list":
        return f, "l", lo, hi
    if f.type == "text" and f.values:  # a text with a list of allowed values is checked by `value`
        return f, "", None, None
    return f, {"boolean": "b", "text": "s"}.get(f.type, ""), None, None


def read_submission(doc: Document, scheme: Scheme | None, schemas: Path,
                    scheme_problems: list[Problem] = (), previous: PreviousSource | None = None) -> Submission:
    """Check a submission completely — shape, then every value against `scheme` — and build it; or raise one
    SubmissionError carrying every problem, in file order. `scheme_problems`: why the scheme it names could not
    be found. `previous`: where last period's values not given in the submission are read (the results
    database). Values of well-formed subjects are checked even when others are malformed: one round of fixes."""
    problems = shape_problems(doc, scheme, schemas) + list(scheme_problems)
    sub = None
    warnings: list[Problem] = []
    if scheme is not None and _period_ok(doc.data):
        r = SubjectReader(scheme, doc, previous)
        sub = _read(r, doc, scheme, dates_reported=any(p.pointer.startswith("period") for p in problems))
        problems += r.problems
        warnings = [p for p in r.problems if p.severity == "warning"]
    if sub is None and not problems:  # cannot happen with the schema as it is; never score without saying why
        problems.append(Problem.of("submission.unreadable", doc.where(())))
    if errors_only(problems) or sub is None:
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        raise SubmissionError(problems, summary=messages.render("submission.errors", {"file": doc.path,
                                                                                       "count": len(problems)}))
    sub.warnings.extend(warnings + missing_subjects(doc, scheme, sub))
    return sub


def _period_ok(d: Any) -> bool:
    return isinstance(d, dict) and isinstance(d.get("period"), dict) and isinstance(d.get("subjects"), list) \
        and all(isinstance(d["period"].get(k), str) for k in ("start", "end"))


def _well_formed(raw: Any) -> bool:
    """A subject whose values can be read (its shape problems, if any, are reported by the shape check)."""
    return isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"].strip() != "" \
        and isinstance(raw.get("block"), str) \
        and isinstance(raw.get("facts") or {}, dict) and isinstance(raw.get("records") or {}, dict) \
        and isinstance(raw.get("attributes") or {}, dict) and isinstance(raw.get("previous") or {}, dict) \
        and all(isinstance(rows, list) and all(isinstance(x, dict) for x in rows)
                for rows in (raw.get("records") or {}).values())


def read_header(doc: Document, scheme: Scheme, problems: list[Problem],
                dates_reported: bool = False) -> Submission | None:
    """The submission without its subjects: scheme, period, college (checked; problems are appended).
    None when the period's dates cannot be read."""
    r = SubjectReader(scheme, doc)
    r.problems = problems
    d = doc.data
    period = d["period"]
    dates = {}
    for key, which in (("start", "开始"), ("end", "结束")):
        try:
            dates[key] = dt.date.fromisoformat(period[key])
        except ValueError:
            if not dates_reported:
                r.err(("period", key), "submission.period-invalid", which=which, actual=period[key])
    if len(dates) < 2:
        return None
    start, end = dates["start"], dates["end"]
    if end < start:
        r.err(("period", "end"), "submission.period-order", actual=end, expected=start)
    name = d.get("period", {}).get("name", "")
    return Submission(doc.path, scheme.id, scheme.version, name if isinstance(name, str) else "", start, end,
                      d.get("college", "") if isinstance(d.get("college", ""), str) else "")


def _read(r: SubjectReader, doc: Document, scheme: Scheme, dates_reported: bool) -> Submission | None:
    sub = read_header(doc, scheme, r.problems, dates_reported)
    if sub is None:
        return None
    r.before = sub.start
    d = doc.data
    if len(d["subjects"]) > DEFAULT.subjects:
        r.err(("subjects",), "submission.too-many-subjects", actual=len(d["subjects"]), expected=DEFAULT.subjects)
        return None
    seen: dict[str, Any] = {}
    progress.begin(progress.CHECK, len(d["subjects"]))
    for i, raw in enumerate(d["subjects"]):
        if _well_formed(raw):
            s = r.subject(i, raw, seen)
            if s is not None:
                sub.subjects.append(s)
        progress.advance(progress.CHECK)
    if not errors_only(r.problems):
        r.memberships(sub.subjects)
    return sub


def missing_subjects(doc: Document, scheme: Scheme, sub: Submission) -> list[Problem]:
    """A warning per block whose list of subjects the submission does not cover completely: ranks and awards
    then compare only those submitted, and the result says so."""
    given: dict[str, set[str]] = {}
    for s in sub.subjects:
        given.setdefault(s.block, set()).add(s.name)
    return missing_from(doc, scheme, given)


def missing_from(doc: Document, scheme: Scheme, given: dict[str, set[str]]) -> list[Problem]:
    """`missing_subjects` from the names submitted per block (the streaming job keeps them for listed blocks)."""
    out = []
    for b in scheme.blocks:
        if not b.subjects or b.id not in given:
            continue
        missing = [name for name in b.subjects if name not in given[b.id]]
        if missing:
            out.append(Problem.of("submission.partial", doc.where(("subjects",)), pointer="subjects", severity="warning",
                                  block=b.name, block_id=b.id, actual=len(given[b.id]), expected=len(b.subjects),
                                  missing=missing))
    absent = [b.name for b in scheme.blocks if b.subjects and b.id not in given]
    if absent and given:
        out.append(Problem.of("submission.block-absent", doc.where(("subjects",)), pointer="subjects",
                              severity="warning", blocks=absent,
                              block_ids=[b.id for b in scheme.blocks if b.subjects and b.id not in given]))
    return out


def _typed(kind: str, stored: Any) -> Any:
    """A value as the results database keeps it (numbers as exact text) in the type the fact is read as."""
    if kind in ("integer", "decimal") and isinstance(stored, str):
        try:
            return Decimal(stored)
        except InvalidOperation:
            return stored  # refused by `value`, naming the run
    return stored


def _same(given: Any, stored: Any) -> bool:
    if isinstance(given, (int, Decimal)) and not isinstance(given, bool):
        try:
            return Decimal(given) == Decimal(str(stored))
        except InvalidOperation:
            return False
    return given == stored


def _text_hint(v: Any, boolean: bool = False) -> str:
    """Why a text was not read as a number or 是/否: quotes around a number, full-width digits, a look-alike."""
    if not isinstance(v, str):
        return ""
    text = v.strip()
    if not boolean:
        try:
            Decimal(text.translate(FULL_WIDTH_DIGITS))
        except (InvalidOperation, ValueError):
            pass
        else:
            return "full-width" if text.translate(FULL_WIDTH_DIGITS) != text else "quoted"
    return "lookalike:" + lookalike(text) if lookalike(text) else ""


FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
YES_NO = {"是": True, "否": False}
TYPE_WORDS = {"boolean": "是 或 否", "integer": "整数", "decimal": "数字", "decimal-list": "一组数字 [数字, 数字, …]",
              "date": "日期 YYYY-MM-DD", "text": "文字"}
