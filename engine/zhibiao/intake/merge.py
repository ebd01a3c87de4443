"""Several submission files — one per department, workbooks or YAML/JSON alike — as one submission.

They must name the same scheme and the same period; their subjects are put one after the other. The merged
document keeps, for every pointer, where it came from (file and line/column, or file, sheet and cell), so a
subject given twice or a wrong value is reported in the file where it stands.
"""

from __future__ import annotations

from typing import Any

from ..errors import Location, Problem, SubmissionError
from ..load import Document, Pointer
from ..messages import render


def _located(doc: Document) -> dict[Pointer, Location]:
    """Every pointer of `doc` with its full location (text positions turned into Locations)."""
    doc.where(())  # computes JSON positions on first need
    out = {p: Location(doc.path, line, col) for p, (line, col) in doc.positions.items()}
    out.update(doc.locations)
    if () not in out:
        out[()] = Location(doc.path)
    return out


def _period(d: Any) -> tuple[str, str]:
    p = d.get("period") if isinstance(d, dict) else None
    return (str(p.get("start", "")), str(p.get("end", ""))) if isinstance(p, dict) else ("", "")


def merge_documents(docs: list[Document]) -> Document:
    """One submission from several; a single document is returned as it is."""
    if len(docs) == 1:
        return docs[0]
    first = docs[0]
    problems: list[Problem] = []
    data: dict[str, Any] = {k: v for k, v in first.data.items() if k != "subjects"} if isinstance(first.data, dict) else {}
    subjects: list[Any] = []
    locations: dict[Pointer, Location] = {}
    for doc in docs:
        d = doc.data if isinstance(doc.data, dict) else {}
        where = _located(doc)
        if doc is not first:
            problems += _same(first, doc, where)
        offset = len(subjects)
        for ptr, loc in where.items():
            if len(ptr) >= 2 and ptr[0] == "subjects" and isinstance(ptr[1], int):
                locations[("subjects", ptr[1] + offset, *ptr[2:])] = loc
            elif doc is first or ptr[:1] != ("subjects",):
                locations.setdefault(ptr, loc)
        given = d.get("subjects")
        subjects += given if isinstance(given, list) else []
        if not data.get("college") and d.get("college"):
            data["college"] = d["college"]
    if problems:
        raise SubmissionError(problems, summary=render("submission.errors", {"file": "、".join(x.path for x in docs),
                                                                            "count": len(problems)}))
    data["subjects"] = subjects
    return Document(path=" + ".join(x.path for x in docs), data=data, locations=locations)


def _same(first: Document, doc: Document, where: dict[Pointer, Location]) -> list[Problem]:
    out = []
    a, b = first.data, doc.data
    if not isinstance(b, dict) or not isinstance(a, dict):
        return out
    if str(a.get("scheme", "")).partition("@")[0] != str(b.get("scheme", "")).partition("@")[0] or \
            (a.get("version") and b.get("version") and a.get("version") != b.get("version")):
        out.append(Problem.of("intake.merge-scheme", where.get(("scheme",), where[()]), first=first.path,
                              expected=_ref(a), actual=_ref(b)))
    if _period(a) != _period(b):
        out.append(Problem.of("intake.merge-period", where.get(("period", "start"), where.get(("period",), where[()])),
                              first=first.path, expected=" 至 ".join(_period(a)), actual=" 至 ".join(_period(b))))
    return out


def _ref(d: dict) -> str:
    return str(d.get("scheme", "")) + (f"@{d['version']}" if d.get("version") else "")
