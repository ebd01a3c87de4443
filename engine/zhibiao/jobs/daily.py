"""日常考核 (running assessment): fold a report of facts and records into what a subject holds in a period,
then score the accumulated submission exactly as `zhibiao score` would (durable-rules decides every condition).

The 002 scheme: “日常考核与年终集中考核相结合。平时考核小组成员进行定期或不定期的检查、督促、评价……年终由考核小组
分别到各部门进行集中考核评价” (002_0760d59eef6def2d.txt, 附件 二、考核办法 第2条). Each inspection is a report:

    {"report": "检查-2009-11-03", "by": "考核小组 张三", "stage": "平时考核",
     "period": {"name": "…", "start": "2009-10-15", "end": "2010-01-15"},     (the period's first report only)
     "facts": {"absent_members": 2}, "records": {"temporary_tasks": [{…}]}}

decision (what a later report of the same fact means): `mode=add` (the default) reads a report as what one
inspection found — integer and decimal facts are added to what is held, records are appended, every other fact
(是/否, text, dates, grades) is replaced by the latest report. `mode=set` is a correction or the 年终集中考核's
final word — every fact and record list given replaces what is held (`null` removes a fact: its default applies
again). A report carrying a `report` number already received is recognised: the same content changes nothing,
other content is refused — so a platform may safely retry.

A subject's facts without a default (e.g. the 活动总结 known only at the end) may arrive late: until they have,
the report is kept and the running result says which facts are still missing (`complete: false`, no score).
Every other problem refuses the report whole, located in the request body.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from decimal import Decimal
from typing import Any

from ..errors import Location, Problem, SubmissionError, UsageError, errors_only
from ..evaluate.run import score_submission
from ..load import Document
from ..model.daily import MODES, RunningState
from ..model.results import Result
from ..model.scheme import Scheme
from ..repository import Repository

KEYS = ("report", "by", "stage", "college", "period", "name", "block", "attributes", "facts", "records")
STAGES = ("平时考核", "年终集中考核")
PENDING = "submission.fact-missing"  # a fact without default not yet reported: kept, scored once it arrives
NUMBERS = ("integer", "decimal")


@dataclasses.dataclass(frozen=True)
class Report:
    """A report as read from a request body (checked for shape; values are checked when scored)."""

    doc: Document
    report_id: str | None
    by: str
    stage: str
    header: dict[str, Any]      # college and/or period, when given
    block: str | None
    facts: dict[str, Any]
    records: dict[str, list[Any]]
    name: str | None = None     # the subject's name, when it is addressed by its number (id)
    attributes: dict[str, Any] = dataclasses.field(default_factory=dict)

    def content(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.name is not None:
            out["name"] = self.name
        if self.attributes:
            out["attributes"] = self.attributes
        if self.block is not None:
            out["block"] = self.block
        out |= self.header
        out["facts"] = self.facts
        out["records"] = self.records
        return out


def read_report(doc: Document) -> Report:
    """The report in a request body, or a UsageError with every problem located in it."""
    data = doc.data
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise UsageError([Problem.of("daily.not-object", doc.where(()), what="报送", actual=data)])
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.5)
            problems.append(Problem.of("daily.key-unknown", doc.where((key,), key=True), pointer=str(key),
                                       actual=key, expected=list(KEYS), suggestion=close[0] if close else ""))

    def text(key: str, what: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem.of("daily.not-text", doc.where((key,)), pointer=key, what=what, actual=value))
            return None
        return value.strip()

    report_id = text("report", "报送编号 report")
    by = text("by", "报送人 by") or ""
    stage = text("stage", "考核阶段 stage") or STAGES[0]
    if "stage" in data and isinstance(data["stage"], str) and stage not in STAGES:
        problems.append(Problem.of("daily.stage", doc.where(("stage",)), pointer="stage", actual=stage,
                                   expected=list(STAGES)))
    block = text("block", "板块 block")
    subject_name = text("name", "考核对象名称 name")
    attributes = data.get("attributes", {})
    if not isinstance(attributes, dict):
        problems.append(Problem.of("daily.not-object", doc.where(("attributes",)), pointer="attributes",
                                   what="属性 attributes", actual=attributes))
        attributes = {}
    college = text("college", "学校 college")
    header: dict[str, Any] = {}
    if college is not None:
        header["college"] = college
    if "period" in data:
        if isinstance(data["period"], dict):
            header["period"] = data["period"]  # its dates are checked with the submission
        else:
            problems.append(Problem.of("daily.not-object", doc.where(("period",)), pointer="period",
                                       what="考核期 period", actual=data["period"]))
    facts = data.get("facts", {})
    if not isinstance(facts, dict):
        problems.append(Problem.of("daily.not-object", doc.where(("facts",)), pointer="facts", what="事实 facts",
                                   actual=facts))
        facts = {}
    records = data.get("records", {})
    if not isinstance(records, dict):
        problems.append(Problem.of("daily.not-object", doc.where(("records",)), pointer="records",
                                   what="记录 records", actual=records))
        records = {}
    for name, rows in records.items():
        if not isinstance(rows, list):
            problems.append(Problem.of("daily.not-list", doc.where(("records", name)), pointer=f"records.{name}",
                                       name=name, actual=rows))
    if not problems and not facts and not records:
        problems.append(Problem.of("daily.empty", doc.where(())))
    if problems:
        raise UsageError(problems)
    return Report(doc, report_id, by, stage, header, block, dict(facts), {k: list(v) for k, v in records.items()},
                  subject_name, dict(attributes))


def fold(held: RunningState, report: Report, mode: str, scheme: Scheme) -> RunningState:
    """What the subject holds after `report` (see the module's decision on add and set)."""
    types = {f.id: f.type for f in scheme.facts}
    facts = dict(held.facts)
    for key, value in report.facts.items():
        before = facts.get(key)
        if value is None:
            facts.pop(key, None)
        elif mode == "add" and types.get(key) in NUMBERS and _number(value) and _number(before):
            facts[key] = before + value
        else:
            facts[key] = value
    records = {k: list(v) for k, v in held.records.items()}
    for key, rows in report.records.items():
        records[key] = (records.get(key, []) if mode == "add" else []) + list(rows)
    attributes = {k: v for k, v in {**held.attributes, **report.attributes}.items() if v is not None}
    return dataclasses.replace(held, facts=facts, records={k: v for k, v in records.items() if v},
                               block=report.block or held.block, seq=held.seq + 1, attributes=attributes,
                               name=held.name or report.name or "")


def _number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def start(scheme: Scheme, ref: str, period: str, subject: str, report: Report,
          period_state: dict[str, Any] | None) -> RunningState:
    """An empty state for a subject's first report: the period's header (registered by the period's first
    report, or given now) and the subject's block (given, or the one whose list names it)."""
    problems: list[Problem] = []
    header = dict(period_state["header"]) if period_state else {}
    if not header.get("period") and "period" not in report.header:
        problems.append(Problem.of("daily.period-missing", report.doc.where(()), pointer="period", period=period))
    block = report.block
    name = report.name or subject
    if block is None:
        listing = [b.id for b in scheme.blocks if name in b.subjects]
        if len(listing) == 1:
            block = listing[0]
        else:
            ids = [b.id for b in scheme.blocks]
            close = difflib.get_close_matches(name, [s for b in scheme.blocks for s in b.subjects], n=1, cutoff=0.4)
            problems.append(Problem.of("daily.block-unknown", report.doc.where(()), pointer="block", subject=name,
                                       expected=ids, suggestion=close[0] if close else ""))
    if problems:
        raise UsageError(problems)
    return RunningState(ref, period, subject, header, block or "", {}, {}, 0, name=report.name or "")


def check_header(state: RunningState, report: Report) -> RunningState:
    """The period's dates and college never change once registered; a later report may repeat them."""
    problems: list[Problem] = []
    header = dict(state.header)
    given = report.header.get("period")
    if given is not None:
        if header.get("period") is not None and _dates(given) != _dates(header["period"]):
            problems.append(Problem.of("daily.period-differs", report.doc.where(("period",)), pointer="period",
                                       period=state.period, expected=_dates(header["period"]), actual=_dates(given)))
        elif header.get("period") is None:
            header["period"] = given
    college = report.header.get("college")
    if college is not None:
        if header.get("college") not in (None, college):
            problems.append(Problem.of("daily.college-differs", report.doc.where(("college",)), pointer="college",
                                       period=state.period, expected=header["college"], actual=college))
        header.setdefault("college", college)
    if report.name is not None and state.seq and report.name != (state.name or state.subject):
        problems.append(Problem.of("daily.name-differs", report.doc.where(("name",)), pointer="name",
                                   subject=state.subject, expected=state.name or state.subject, actual=report.name))
    if report.block is not None and state.seq and report.block != state.block:
        problems.append(Problem.of("daily.block-differs", report.doc.where(("block",)), pointer="block",
                                   subject=state.subject, expected=state.block, actual=report.block))
    if problems:
        raise UsageError(problems)
    return dataclasses.replace(state, header=header)


def _dates(period: Any) -> str:
    return f"{period.get('start')} 至 {period.get('end')}" if isinstance(period, dict) else str(period)


_INDEX = re.compile(r"\[(\d+)\]")


def score_state(repo: Repository, state: RunningState, *, report: Report | None = None,
                held: RunningState | None = None, mode: str = "add", scheme: Scheme | None = None, as_of: Any = None,
                year_end_weight: Decimal | None = None) -> tuple[Result | None, list[Problem]]:
    """Score what the subject holds: (result, []) — or (None, the facts still missing) while facts without a
    default have not been reported. Any other problem raises, located in the report's body (values held from
    earlier reports are named as such)."""
    doc = Document(path=report.doc.path if report else f"{state.scheme}/{state.period}/{state.subject}",
                   data=state.submission())
    if report is not None:
        _locate(doc, report, held, mode)
    try:
        sub, found = repo.read_submission(doc, scheme)
    except SubmissionError as exc:
        real = errors_only([p for p in exc.problems if p.code != PENDING])
        if real:
            raise SubmissionError([_rebase(p, report, held, mode) for p in real]) from None
        pending = [dataclasses.replace(_rebase(p, report, held, mode), severity="warning") for p in exc.problems
                   if p.code == PENDING]
        return None, pending
    result = score_submission(sub, found, as_of, year_end_weight)
    return result, []


def _locate(doc: Document, report: Report, held: RunningState | None, mode: str) -> None:
    """Point every place of the accumulated submission at the request body where the value came from."""
    body = report.doc
    out = doc.locations
    root = body.where(())
    path = Location("请求路径")
    out[()] = root
    for key in ("college", "period"):
        if key in report.header:
            out[(key,)] = body.where((key,))
    for k in ("start", "end", "name"):
        if "period" in report.header:
            out[("period", k)] = body.where(("period", k))
    out[("subjects",)] = root
    out[("subjects", 0)] = root
    out[("subjects", 0, "name")] = body.where(("name",)) if report.name is not None else path
    out[("subjects", 0, "id")] = path
    out[("subjects", 0, "attributes")] = body.where(("attributes",)) if report.attributes else root
    for key in report.attributes:
        out[("subjects", 0, "attributes", key)] = body.where(("attributes", key))
    out[("subjects", 0, "block")] = body.where(("block",)) if report.block is not None else path
    out[("subjects", 0, "facts")] = body.where(("facts",)) if "facts" in body.data else root
    for key in report.facts:
        out[("subjects", 0, "facts", key)] = body.where(("facts", key))
    out[("subjects", 0, "records")] = body.where(("records",)) if "records" in body.data else root
    for name, rows in report.records.items():
        offset = _offset(held, name, mode)
        out[("subjects", 0, "records", name)] = body.where(("records", name))
        for i, row in enumerate(rows):
            out[("subjects", 0, "records", name, offset + i)] = body.where(("records", name, i))
            if isinstance(row, dict):
                for field in row:
                    out[("subjects", 0, "records", name, offset + i, field)] = body.where(("records", name, i, field))


def _offset(held: RunningState | None, name: str, mode: str) -> int:
    """Where the report's rows of record list `name` start in the accumulated list (add appends, set replaces)."""
    return len(held.records.get(name, [])) if held is not None and mode == "add" else 0


def _rebase(p: Problem, report: Report | None, held: RunningState | None, mode: str) -> Problem:
    """A problem's pointer said relative to the request body (`facts.x`, `records.r[0].f`), not to the
    accumulated submission; a value held from an earlier report keeps the stored place."""
    pointer = p.pointer
    fields = p.fields
    if pointer.startswith("subjects[0]"):
        rest = pointer[len("subjects[0]"):].lstrip(".")
        if rest.startswith("records.") and report is not None:
            parts = rest.split(".", 2)
            name = _INDEX.sub("", parts[1])
            match = _INDEX.search(parts[1])
            if match:
                index = int(match.group(1)) - _offset(held, name, mode)
                tail = parts[1][match.end():] + ("." + parts[2] if len(parts) > 2 else "")
                if index >= 0:  # a row of this report: its place and its number within the report
                    rest = f"records.{name}[{index}]{tail}"
                    held_row, own_row = f"第 {int(match.group(1)) + 1} 条", f"第 {index + 1} 条"
                    fields = tuple((k, index + 1 if k == "row" else v.replace(held_row, own_row, 1)
                                    if k == "label" and isinstance(v, str) else v) for k, v in fields)
        given_name = report is not None and report.name is not None
        pointer = "subject" if rest == "id" or (rest == "name" and not given_name) else rest
    return dataclasses.replace(p, pointer=pointer, fields=fields)


_SUBJECT = re.compile(r"^subjects\[(\d+)\]")


def period_submission(states: list[RunningState]) -> dict[str, Any]:
    """Every subject's accumulated facts and records as one submission (the period's header, each subject as
    its running state lists it), in the order given."""
    header: dict[str, Any] = {}
    for state in states:
        for key, value in state.header.items():
            header.setdefault(key, value)
    return {"kind": "submission", "scheme": states[0].scheme, **header,
            "subjects": [state.subject_data() for state in states]}


def missing_by_subject(repo: Repository, states: list[RunningState]) -> dict[int, list[Problem]]:
    """Which of the subjects still miss facts without a default (index → the facts missing, as warnings). Any
    other problem of the stored states read together (e.g. the scheme changed since) raises, located by subject."""
    doc = Document(path=f"{states[0].scheme}/{states[0].period}", data=period_submission(states))
    try:
        repo.read_submission(doc)
    except SubmissionError as exc:
        real = errors_only([p for p in exc.problems if p.code != PENDING])
        if real:
            raise
        out: dict[int, list[Problem]] = {}
        for p in exc.problems:
            match = _SUBJECT.match(p.pointer)
            if p.code == PENDING and match:
                out.setdefault(int(match.group(1)), []).append(dataclasses.replace(p, severity="warning"))
        return out
    return {}


def parse_mode(mode: str) -> str:
    if mode not in MODES:
        raise UsageError([Problem.of("daily.mode", Location("mode"), pointer="mode", actual=mode)])
    return mode


__all__ = ["KEYS", "PENDING", "Report", "STAGES", "check_header", "fold", "missing_by_subject", "parse_mode",
           "period_submission", "read_report", "score_state", "start"]
