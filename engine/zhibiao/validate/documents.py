"""Checks of one document as a file of the repository: its kind, its schema line, its schema, its semantics.

Controlled documents (schemes and standards) declare their schema on the first line so editors complete and
explain them; submissions may (editors help there too) but need not — `score` and `validate` agree on that.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Callable

from ..errors import Problem
from ..load import Document
from . import schema
from .objectives import check_objectives
from .operations import CHECKS as OPERATIONS_CHECKS
from .operations import LENIENT as OPERATIONS_LENIENT
from .operations import check_procedure_elements, institution_checks
from .review import check_review_procedure
from .scheme import check_scheme
from .standards import CHECKS as STANDARDS_CHECKS
from .tasks import CHECKS as TASKS_CHECKS

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")
# Submission kinds: documents people fill in, checked against a controlled document rather than on their own.
SUBMISSION_KINDS = ("submission", "review-submission", "indicator-submission")
KEYLESS_KINDS = ("review-submission", "indicator-submission")  # these carry no `kind:` key
# Records people keep (a task register): checked on their own, but like submissions they need no schema line.
RECORD_KINDS = ("tasks",)

Check = Callable[[Document, list[Document]], list[Problem]]


def check_procedure(doc: Document, docs: list[Document]) -> list[Problem]:
    """The review procedure's own rules (validate.review) and its link to the declared elements (validate.operations)."""
    return check_review_procedure(doc, docs) + check_procedure_elements(doc, docs)


CHECKS: dict[str, Check] = {"scheme": lambda doc, _all: check_scheme(doc), **STANDARDS_CHECKS, **OPERATIONS_CHECKS,
                            "review-procedure": check_procedure,
                            "objectives": check_objectives, **TASKS_CHECKS}


def declared_kind(doc: Document) -> str:
    """The kind named by the schema line (`…/review-submission.schema.json` → review-submission)."""
    m = SCHEMA_LINE.match(doc.first_line)
    return Path(m.group(1)).name.removesuffix(".schema.json") if m else ""


def kind_of(doc: Document, kinds: list[str]) -> tuple[str | None, list[Problem]]:
    """The document's kind, or the problem saying why it has none."""
    declared = declared_kind(doc)
    if isinstance(doc.data, dict) and "kind" not in doc.data and declared in KEYLESS_KINDS:
        return declared, []
    if not isinstance(doc.data, dict):
        return None, [Problem.of("doc.not-mapping", doc.where(()), actual=doc.data)]
    if "kind" not in doc.data:
        if {"scheme", "subjects"} <= set(doc.data):  # plainly a submission: checked as scoring reads it
            return "submission", []
        if "colleges" in doc.data:  # a review or indicator submission without its (optional) schema line
            return "review-submission", []
        if "values" in doc.data:
            return "indicator-submission", []
        return None, [Problem.of("doc.kind-missing", doc.where(()), expected=kinds)]
    kind = doc.data["kind"]
    if kind not in kinds:
        hint = difflib.get_close_matches(str(kind), kinds, n=1)
        return None, [Problem.of("doc.kind-unknown", doc.where(("kind",)), actual=kind, expected=kinds,
                                 suggestion=hint[0] if hint else "")]
    return kind, []


def _kind_by_keys(data: dict) -> str | None:
    """The form whose own keys a document has (forms may leave out `kind:`)."""
    keys = set(data)
    if "subjects" in keys:
        return "submission" if "scheme" in keys else None
    if "colleges" in keys:
        return "review-submission"
    if "values" in keys and "procedure" not in keys:
        return "indicator-submission"
    return None


def evident_kind(doc: Document, kinds: list[str]) -> str | None:
    """The kind a document plainly is — its `kind:`, else its schema line, else keys only one form has — or None
    when that is not plain (a broken file then gets the reader's own messages, not a guess)."""
    if not isinstance(doc.data, dict):
        return None
    if "kind" in doc.data:
        kind = doc.data["kind"]
        return kind if isinstance(kind, str) and kind in kinds else None
    declared = declared_kind(doc)
    return declared if declared in kinds else _kind_by_keys(doc.data)


def other_kind(doc: Document, wanted: str, kinds: list[str]) -> list[Problem]:
    """A document of another kind given where a `wanted` one is read (a review form to `indicators`, a scheme to
    `score`): one problem naming what the file is and which command reads it, instead of its keys as unknown.
    A document with the wanted form's own keys is that form with a wrong `kind:`, which its reader reports."""
    kind = evident_kind(doc, kinds)
    if kind is None or kind == wanted or _kind_by_keys(doc.data) == wanted:
        return []
    where = doc.where(("kind",)) if "kind" in doc.data else doc.where(())
    return [Problem.of("doc.other-kind", where, actual=kind, expected=wanted)]


def schema_line(doc: Document, kind: str) -> list[Problem]:
    m = SCHEMA_LINE.match(doc.first_line)
    if not m:
        if kind in SUBMISSION_KINDS + RECORD_KINDS:
            return []
        want = f"# yaml-language-server: $schema=…/schemas/{kind}.schema.json"
        return [Problem.of("doc.schema-line-missing", doc.where(()), expected=want)]
    name = Path(m.group(1)).name
    if doc.file is not None and "://" not in m.group(1) and not (doc.file.parent / m.group(1)).resolve().is_file():
        return [Problem.of("doc.schema-file-missing", doc.where(()), actual=m.group(1))]
    if name != f"{kind}.schema.json":
        return [Problem.of("doc.schema-line-kind", doc.where(()), actual=name, kind=kind,
                           expected=f"{kind}.schema.json")]
    return []


def check_document(doc: Document, kind: str, schemas: Path) -> list[Problem]:
    """Schema line and JSON Schema of one document of a known kind."""
    return schema_line(doc, kind) + schema.check(doc, schemas, f"{kind}.schema.json")


def semantic_checks(docs: list[tuple[Document, str]], context: list[Document] | None = None,
                    broken: list[Document] | None = None) -> list[Problem]:
    """Semantic checks of schema-valid controlled documents, each seeing all the others (cross-file links).

    `context`: other valid documents of the repository (not reported on) that links may point to, so that a file
    checked on its own — an overlay in examples/, one timetable — is checked against its base and registry.
    `broken`: loaded documents that failed their schema; the operations checks (written to read any mapping
    defensively) still look names up in them, so one broken file is reported once, not again in each file
    that links to it."""
    everything = [d for d, _ in docs]
    paths = {d.path for d in everything}
    extra = [d for d in context or [] if d.path not in paths]
    lenient = [d for d in broken or [] if d.path not in paths and isinstance(d.data, dict)]
    out: list[Problem] = []
    for doc, kind in docs:
        check = CHECKS.get(kind)
        if check is not None:
            out += check(doc, everything + extra + (lenient if kind in OPERATIONS_LENIENT else []))
    return out + institution_checks(docs, extra) + duplicate_documents(docs)


def duplicate_documents(docs: list[tuple[Document, str]]) -> list[Problem]:
    seen: dict[tuple[str, str, str], Document] = {}
    out = []
    for doc, kind in docs:
        if kind in SUBMISSION_KINDS or "id" not in doc.data:
            continue
        key = (kind, doc.data["id"], str(doc.data.get("version", "")))
        if key in seen:
            out.append(Problem.of("doc.duplicate-id", doc.where(("id",)), id=key[1], version=key[2],
                                  other=seen[key].path))
        else:
            seen[key] = doc
    return out
