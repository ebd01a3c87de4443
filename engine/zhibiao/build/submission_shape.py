"""The shape of a submission, said in the submitter's terms before the JSON Schema speaks.

The schema's own words for the usual first-hour mistakes are unhelpful: a fact written by its Chinese name is
“格式不对（^[a-z0-9]…）”, a fact indented one level too little is “subjects[0]中有未知的键”. Here those cases are
recognised with the scheme in hand — the nearest fact id and its Chinese name, the department the mistake is in,
where the key belongs — and the schema check runs afterwards for everything else, its problems dropped where a
clearer one was already given. Every problem is located.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from ..errors import Problem
from ..load import Document, Pointer, format_pointer
from ..model.scheme import FactDef, Scheme
from ..validate import schema

FACT_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
# Characters that look like punctuation but are not: a value holding one was probably mistyped.
LOOKALIKES = "：，“”‘’［］【】\u00a0\u3000\u200b"


def lookalike(text: Any) -> str:
    """The first look-alike punctuation character in a text value, or ''."""
    if not isinstance(text, str):
        return ""
    return next((ch for ch in text if ch in LOOKALIKES), "")


def is_fact_id(key: str) -> bool:
    return bool(key) and key[0] not in "._-" and set(key) <= FACT_ID_CHARS


def nearest_fact(key: str, facts: list[FactDef], preferred: list[FactDef] = ()) -> FactDef | None:
    """The fact a mistyped key most likely means: by id (typo), else by Chinese name (exact, contained, similar);
    facts the subject's block uses win ties."""
    if not facts:
        return None
    by_id = {f.id: f for f in facts}
    hit = difflib.get_close_matches(key.lower(), list(by_id), n=1, cutoff=0.6)
    if hit:
        return by_id[hit[0]]
    order = list(preferred) + [f for f in facts if f not in preferred]
    for f in order:
        if f.name == key:
            return f
    scored = [(difflib.SequenceMatcher(None, key, f.name).ratio() + (0.5 if key in f.name or f.name in key else 0)
               + (0.01 if f in preferred else 0), -i, f) for i, f in enumerate(order)]
    best = max(scored, key=lambda t: (t[0], t[1]))
    return best[2] if best[0] >= 0.45 else None


class Shape:
    """Collects the structural problems of one submission document."""

    def __init__(self, doc: Document, scheme: Scheme | None, subject_keys: list[str]) -> None:
        self.doc, self.scheme, self.subject_keys = doc, scheme, subject_keys
        self.problems: list[Problem] = []
        self.covered: set[str] = set()  # pointers whose schema problems a clearer problem here replaces
        self.required: set[tuple[str, str]] = set()  # (pointer, key) of "required" problems replaced

    def err(self, ptr: Pointer, code: str, *, key: bool = False, cover: Pointer | None = None,
            required: str = "", **fields: Any) -> None:
        self.problems.append(Problem.of(code, self.doc.where(ptr, key=key), pointer=format_pointer(ptr), **fields))
        if required:
            self.required.add((format_pointer(ptr), required))
        else:
            self.covered.add(format_pointer(ptr if cover is None else cover))

    def check(self) -> None:
        d = self.doc.data
        if not isinstance(d, dict):  # said as `validate` says it of any document
            self.err((), "doc.not-mapping", cover=(), actual=d)
            self.covered.add("")
            return
        subjects = d.get("subjects")
        if isinstance(subjects, list):
            for i, raw in enumerate(subjects):
                self.subject(i, raw)

    def subject(self, i: int, raw: Any) -> None:
        ptr: Pointer = ("subjects", i)
        if not isinstance(raw, dict):
            self.err(ptr, "submission.subject-not-mapping", index=i + 1, actual=raw, char=lookalike(raw))
            return
        name = raw.get("name") if isinstance(raw.get("name"), str) else ""
        who = name or f"第 {i + 1} 个考核对象"
        if "name" not in raw:
            self.err(ptr, "submission.name-missing", index=i + 1, required="name")
        if "block" not in raw and name:
            home = self._home_block(name)
            self.err(ptr, "submission.block-missing", subject=who, block=home or "", required="block",
                     expected=[b.id for b in self.scheme.blocks] if self.scheme else [])
        for key in raw:
            if key not in self.subject_keys:
                self.misplaced(ptr, who, str(key), raw.get("block"))
        facts = raw.get("facts")
        if isinstance(facts, dict):
            for key in facts:
                if not is_fact_id(str(key)):
                    self.fact_by_name(ptr + ("facts", key), who, str(key), raw.get("block"))
        elif "facts" in raw and facts is not None:
            self.err(ptr + ("facts",), "submission.facts-not-mapping", subject=who, actual=facts,
                     char=lookalike(facts))
        records = raw.get("records")
        if records is not None and not isinstance(records, dict):
            self.err(ptr + ("records",), "submission.records-not-mapping", subject=who, actual=records)
        elif isinstance(records, dict):
            for key, rows in records.items():
                if not isinstance(rows, list):
                    continue  # the schema says it (a list of records)
                for j, row in enumerate(rows):
                    if not isinstance(row, dict):
                        self.err(ptr + ("records", key, j), "submission.record-not-mapping", subject=who,
                                 record=key, row=j + 1, actual=row, char=lookalike(row))

    def _home_block(self, name: str) -> str:
        if self.scheme is None:
            return ""
        return next((b.id for b in self.scheme.blocks if name in b.subjects), "")

    def _facts(self, block: Any) -> tuple[list[FactDef], list[FactDef]]:
        if self.scheme is None:
            return [], []
        used = list(self.scheme.facts_for(block)) if isinstance(block, str) and self.scheme.block(block) else []
        return list(self.scheme.facts), used

    def misplaced(self, ptr: Pointer, who: str, key: str, block: Any) -> None:
        """A key the subject level does not have: a fact or record indented too little, or a typo."""
        facts, used = self._facts(block)
        records = {r.id: r for r in self.scheme.records} if self.scheme else {}
        kptr = ptr + (key,)
        fact = next((f for f in facts if f.id == key or f.name == key), None)
        if fact is not None:
            self.err(kptr, "submission.fact-misplaced", key=True, subject=who, actual=key, fact=fact.id, name=fact.name)
            return
        if key in records:
            self.err(kptr, "submission.record-misplaced", key=True, subject=who, actual=key, name=records[key].name)
            return
        hint = difflib.get_close_matches(key, self.subject_keys, n=1, cutoff=0.5)
        self.err(kptr, "submission.subject-key-unknown", key=True, subject=who, actual=key,
                 suggestion=hint[0] if hint else "", expected=self.subject_keys)

    def fact_by_name(self, kptr: Pointer, who: str, key: str, block: Any) -> None:
        """A fact key that is not an id (Chinese name, capitals, spaces): name the id it most likely means."""
        facts, used = self._facts(block)
        f = nearest_fact(key.strip(), facts, used)
        self.err(kptr, "submission.fact-not-id", key=True, cover=kptr[:-1], subject=who, actual=key,
                 suggestion=f.id if f else "", suggestion_label=f"（{f.name}）" if f else "",
                 char=lookalike(key))


def subject_keys(schemas: Path) -> list[str]:
    """The keys a subject may have, as the submission schema declares them."""
    root = schema.validator(schemas, "submission.schema.json").schema
    return list(root["properties"]["subjects"]["items"]["properties"])


def _without_rows(doc: Document) -> Document:
    """The document as the schema needs to see it: record rows, checked above one by one, left out — a province's
    file holds millions of them, and JSON Schema takes seconds per hundred thousand."""
    d = doc.data
    if not isinstance(d, dict) or not isinstance(d.get("subjects"), list):
        return doc
    subjects = [{**s, "records": {k: ([] if isinstance(v, list) else v) for k, v in s["records"].items()}}
                if isinstance(s, dict) and isinstance(s.get("records"), dict) else s for s in d["subjects"]]
    return replace(doc, data={**d, "subjects": subjects})


def shape_problems(doc: Document, scheme: Scheme | None, schemas: Path) -> list[Problem]:
    """Structural problems: the clear cases first, then the schema's for whatever remains."""
    shape = Shape(doc, scheme, subject_keys(schemas))
    shape.check()
    subjects = doc.data.get("subjects") if isinstance(doc.data, dict) else None
    at = (lambda i: subjects[i] if i < len(subjects) else None) if isinstance(subjects, list) else (lambda i: None)
    return _merged(shape, schema.check_split(_without_rows(doc), schemas, "submission.schema.json", "subjects"), at)


def subject_problems(doc: Document, scheme: Scheme, keys: list[str], index: int, raw: Any,
                     found: list[Problem]) -> list[Problem]:
    """One streamed subject's structural problems, worded as `shape_problems` words them in a whole document;
    `found`: what the schema says of it."""
    shape = Shape(doc, scheme, keys)
    shape.subject(index, raw)
    return _merged(shape, found, lambda i: raw if i == index else None)


def _merged(shape: Shape, found: list[Problem], subject_at: Callable[[int], Any]) -> list[Problem]:
    """`subject_at(i)`: the raw i-th subject, so a schema problem inside it can name it."""
    out = list(shape.problems)
    for p in found:
        if p.code == "schema.required" and (p.pointer, p.get("expected")) in shape.required:
            continue
        if "" not in shape.covered and not any(
                p.pointer == c or p.pointer.startswith(c + ".") or p.pointer.startswith(c + "[") for c in shape.covered):
            out.append(_named(p, subject_at))
    return out


_SUBJECT = re.compile(r"^subjects\[(\d+)\]\.?")


def _named(p: Problem, subject_at: Callable[[int], Any]) -> Problem:
    """A schema problem inside a subject names the subject (“考核对象“教务处”的 records.x”), not `subjects[0]`."""
    m = _SUBJECT.match(p.pointer)
    if not m:
        return p
    i = int(m.group(1))
    raw = subject_at(i)
    name = raw.get("name") if isinstance(raw, dict) else None
    who = f"考核对象“{name}”" if isinstance(name, str) and name.strip() else f"第 {i + 1} 个考核对象"
    rest = p.pointer[m.end():]
    fields = dict(p.fields, where=f"{who}的“{rest}”" if rest else who)
    return replace(p, fields=tuple(fields.items()))
