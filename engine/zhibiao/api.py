"""The library API of zhibiao: what data platforms, the scenario steps, the site, the CLI and the service call.

    from zhibiao import api
    result = api.score("examples/cz-quality-season-2009.yaml")      # a path, or already-parsed data
    result.subject("教务处").total                                   # Decimal('92.2')
    trace = api.explain(result, "教务处")                            # every rule, applied or not, as data
    print(api.render(result, "json"))                                # the same bytes as `zhibiao score --format json`
    problems = api.validate(["rules/"])                              # located Problems, errors and warnings

A scheme may be named (`"cz-quality-season"`, `"cz-quality-season@1.0.0"`) or given as a loaded `Scheme`.
Without a `repository`, the one holding the submission file is used (else ZHIBIAO_ROOT, else the checkout this
package came from) — never the current working directory. Errors are `ZhibiaoError`s carrying `Problem`s.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
import dataclasses
import difflib
import os
from typing import Any, Iterable, Mapping

from .build import tasks as _tasks
from .build.results import read_result as _read_result
from .errors import Location, Problem, UsageError, ValidationError, ZhibiaoError, errors_only
from .evaluate.calendar import build_calendar
from .evaluate.calendar import names as calendar_names
from .evaluate.objectives import evaluate_indicators
from .evaluate.tasks import task_list as _task_list
from .evaluate.review import evaluate_reviews
from .evaluate.run import score_submission
from .intake import template_bytes
from .intake.layout import OPEN_ROWS
from .intake.skeleton import skeleton_json, skeleton_yaml
from .jobs import batch
from .jobs import daily as _daily
from .load import Document, load_data, load_file
from .model.objectives import IndicatorResult
from .model.operations import Calendar, ElementList, SamplingPlan, Timetable
from .model.tasks import CANCELLED, Task, TaskEvent, TaskList
from .model.results import Result
from .model.review import ReviewResult
from .model.scheme import Scheme
from .model.submission import PreviousSource, Submission
from .render import explain as explain_render
from .render import report as report_render
from .render import report_html, report_pdf
from .render import scores as score_render
from .render.tasks import tasks_yaml
from .model.daily import DailyReport, PeriodStandings, RunningResult, RunningState
from .progress import Progress, reporting
from .model.runs import Comparison, HistoryPoint, PublishedRun, RunInfo, SaveOutcome, StoredRun
from .repository import Repository, version_key
from .store import Store, StorePrevious, compare_runs, exact_hash, settings
from .store import tasks as _task_store
from .store.config import STORE, default_author, site_as_of, site_results, site_tasks
from .trace import Trace
from .trace import explain as _explain
from .validate.checkup import SchemeCheckup, scheme_bounds

Source = str | Path | Document | dict[str, Any] | list[str | Path] | tuple[str | Path, ...]

__all__ = ["BatchSummary", "Calendar", "Problem", "Repository", "Result", "SchemeCheckup", "Trace", "ZhibiaoError",
           "calendar", "check", "errors_only", "explain", "indicators", "open_repository", "overlay", "read", "read_tasks",
           "register_tasks", "render", "render_trace", "review", "sampling", "scheme", "scheme_versions", "schemes",
           "score", "score_file", "submission_skeleton", "task_list", "tasks_from", "template", "validate",
           "open_store", "save", "runs", "stored", "history", "compare", "previous", "previous_source", "report",
           "report_facts", "running", "daily_reports", "daily_standings", "PeriodStandings", "read_result",
           "published_results", "save_tasks", "stored_tasks", "update_task", "import_tasks", "export_tasks",
           "published_tasks", "site_day", "withdraw_task", "task_history"]

BatchSummary = batch.Summary

_repositories: dict[Path, Repository] = {}


def open_repository(root: str | Path | None = None) -> Repository:
    """The repository at `root` (cached per root), or the default one (ZHIBIAO_ROOT, else this checkout)."""
    repo = Repository(root) if root is not None else Repository.discover(None)
    return _repositories.setdefault(repo.root, repo)


def _repo_for(source: Any, given: Repository | None) -> Repository:
    if given is not None:
        return given
    if isinstance(source, (list, tuple)) and source:
        source = source[0]
    if isinstance(source, (str, Path)):
        found = Repository.containing(Path(source).parent)
        if found is not None:
            return _repositories.setdefault(found.root, found)
    return open_repository()


def schemes(*, repository: Repository | None = None) -> list[Scheme]:
    """Every scheme (each version) in the repository's rules/."""
    return (repository or open_repository()).schemes()


def scheme(source: str | Path | Document | dict[str, Any] | Scheme, *, repository: Repository | None = None) -> Scheme:
    """A checked scheme: by reference (`"id"`, `"id@version"` — any status when the version is given), from a file,
    or from a loaded document or data (e.g. a scheme written in a scenario). Refuses one with errors, located."""
    if isinstance(source, Scheme):
        return source
    repo = repository or open_repository()
    if isinstance(source, dict):
        return repo.scheme_from_document(load_data(source))
    if isinstance(source, Document):
        return repo.scheme_from_document(source)
    path = Path(source)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        return repo.scheme_file(path)
    return repo.scheme(str(source))


def scheme_versions(ident: str, *, repository: Repository | None = None) -> list[str]:
    """Every version of a scheme: in rules/ now, and in the git history of rules/."""
    repo = repository or open_repository()
    have = {s.version for s in repo.schemes() if s.id == ident} | set(repo.history_versions(ident))
    return sorted(have, key=version_key)


PreviousFrom = Store | str | bool | None


def read(submission: Source, scheme: str | Scheme | None = None, *, repository: Repository | None = None,
         progress: Progress | None = None, previous_from: PreviousFrom = None,
         previous_match: str = "scheme") -> Submission:
    """Read and check a submission against its scheme, without scoring (what `zhibiao validate FILE` does).

    A submission is a YAML or JSON file, a filled workbook (.xlsx, from `template`), parsed data, or a list of
    files — one per department — read as one submission (same scheme and period, subjects put together).
    `progress(stage, done, total)` hears how far reading (files) and checking (subjects) are.
    `previous_from`, `previous_match`: as for `score`."""
    repo = _repo_for(submission, repository)
    with reporting(progress):
        return repo.read_submission(submission, scheme, previous_source(previous_from, previous_match, repo))[0]


def score(submission: Source, scheme: str | Scheme | None = None, *, as_of: dt.date | None = None,
          year_end_weight: Decimal | None = None, repository: Repository | None = None,
          progress: Progress | None = None, previous_from: PreviousFrom = None,
          previous_match: str = "scheme") -> Result:
    """Score every subject of a submission: totals, categories, ranks, awards, every deduction with its evidence.
    `progress(stage, done, total)` hears how far reading (files), checking and scoring (subjects) are —
    stages `zhibiao.progress.READ`, `CHECK`, `SCORE`; the CLI draws it as a bar on a terminal.

    Year-over-year items (与上期比较) compare with the values in the submission's `previous:`; with
    `previous_from` — a `Store`, a database URL or SQLite path, or True for the repository's results database —
    the values a subject does not give are read from the previous stored period of the scheme (`previous_match`
    "scheme": any version, "version": only runs of the version scored). The trace cites the run each came from."""
    repo = _repo_for(submission, repository)
    with reporting(progress):
        sub, found = repo.read_submission(submission, scheme, previous_source(previous_from, previous_match, repo))
        return score_submission(sub, found, as_of, year_end_weight)


def previous_source(previous_from: PreviousFrom, match: str = "scheme", repository: Repository | None = None,
                    ) -> PreviousSource | None:
    """Where last period's values are read when a submission does not give them: None (nowhere), a Store, a
    database (URL or SQLite path) or True (the repository's results database), opened only if a change rule asks."""
    if previous_from is None or previous_from is False:
        return None
    if isinstance(previous_from, Store):
        return StorePrevious(previous_from, match)
    database = None if previous_from is True else str(previous_from)
    return StorePrevious(lambda: open_store(database, repository=repository), match)


def template(scheme: str | Scheme, *, repository: Repository | None = None, college: str = "",
             period_name: str = "", start: dt.date | None = None, end: dt.date | None = None,
             filled: Source | None = None, rows: int = OPEN_ROWS) -> bytes:
    """The fill-in workbook (.xlsx bytes) of a scheme: 说明, one sheet per block, one per record list, with
    填报口径 comments and data validation. `filled`: a submission whose values are written in (e.g. last
    period's, or a YAML submission moved to Excel)."""
    repo = repository or open_repository()
    found = repo.scheme(scheme)
    data = repo.submission_document(filled, found).data if filled is not None else None
    return template_bytes(found, college=college, period_name=period_name, start=start, end=end, rows=rows,
                          filled=data)


def submission_skeleton(scheme: str | Scheme, format: str = "yaml", *, repository: Repository | None = None,
                        schema_ref: str = "../schemas/submission.schema.json") -> str:
    """A submission to fill in (YAML with each fact's 填报口径 as comments, or JSON) for every subject."""
    found = (repository or open_repository()).scheme(scheme)
    return skeleton_json(found) if format == "json" else skeleton_yaml(found, schema_ref)


def score_file(submission: str | Path, output: str | Path, scheme: str | Scheme | None = None, *,
               as_of: dt.date | None = None, year_end_weight: Decimal | None = None, jobs: int = 1,
               format: str | None = None, repository: Repository | None = None,
               progress: Progress | None = None, previous_from: PreviousFrom = None,
               previous_match: str = "scheme") -> BatchSummary:
    """Score a submission of any size (JSON Lines or JSON) into a results file (JSON Lines, or JSON when the
    name ends in .json), streaming: memory stays flat, `jobs` processes score in parallel, and the results are
    the same, subject by subject, as `score` gives (and byte for byte the same whatever `jobs`).
    `previous_from`, `previous_match`: as for `score` (each scoring process opens the database itself)."""
    repo = _repo_for(submission, repository)
    return batch.score_file(repo, submission, output, scheme=scheme, as_of=as_of, year_end_weight=year_end_weight,
                            jobs=jobs, format=format, progress=progress,
                            previous=previous_source(previous_from, previous_match, repo))


def explain(result: Result, subject: str) -> Trace:
    """The full trace of one subject: every rule of its block, applied or not, the facts read, the arithmetic."""
    return _explain(result, subject)


def validate(paths_or_documents: Iterable[str | Path] | None = None, *, repository: Repository | None = None,
             base: str | None = None, scheme: str | Scheme | None = None, previous_from: PreviousFrom = None,
             previous_match: str = "scheme") -> list[Problem]:
    """Every problem (errors and warnings, located) in the given files or folders; by default rules/ and
    standards/. Submissions are checked against their scheme (or `scheme`) exactly as `score` reads them
    (`previous_from`, `previous_match`: as for `score`)."""
    items = list(paths_or_documents) if paths_or_documents is not None else None
    repo = repository or (_repo_for(items[0], None) if items else open_repository())
    return repo.validate(items, base=base, scheme=scheme,
                         previous=previous_source(previous_from, previous_match, repo))[0]


def check(paths: Iterable[str | Path] | None = None, *, repository: Repository | None = None,
          ) -> tuple[list[SchemeCheckup], list[Problem]]:
    """The checkup (体检) before anyone is scored: for each scheme (default every scheme in rules/), the bounds
    every category and total can take over all possible submissions and every problem `validate` finds in it;
    and the checkup's findings in standards/ (cycles in the reference graphs)."""
    items = list(paths) if paths is not None else None
    repo = repository or (_repo_for(items[0], None) if items else open_repository())
    files = repo.yaml_files([Path(p) for p in items]) if items else repo.scheme_files()
    out: list[SchemeCheckup] = []
    for f in files:
        problems, _ = repo.validate([f])
        try:
            doc = repo.load(f)
        except ZhibiaoError:
            out.append(SchemeCheckup(repo.display(f), None, problems))
            continue
        if not isinstance(doc.data, dict) or doc.data.get("kind") != "scheme":
            continue
        # the checkup's own errors are findings about the bounds: the table still shows them
        blocking = [p for p in errors_only(problems) if not p.code.startswith("checkup.")]
        out.append(SchemeCheckup(doc.path, None if blocking else scheme_bounds(doc.data), problems))
    others: list[Problem] = []
    if items is None and repo.standards_dir.is_dir():
        others = [p for p in repo.validate([repo.standards_dir])[0] if p.code.startswith("checkup.")]
    return out, others


def review(submission: str | Path, *, procedure: str | Path | None = None, overrides: dict[str, Any] | None = None,
           repository: Repository | None = None) -> list[ReviewResult]:
    """Review conclusions (有效/异常/待改进), consequences and improvement periods of each college."""
    repo = _repo_for(submission, repository)
    reviews, proc = repo.read_reviews(submission, procedure, overrides)
    return evaluate_reviews(reviews, proc)


def indicators(submission: str | Path, *, objectives: str | Path | None = None,
               repository: Repository | None = None) -> list[IndicatorResult]:
    """Each indicator's state (达标/预警/未达标) against 标准值/预警值, with its explanation."""
    repo = _repo_for(submission, repository)
    values, found = repo.read_indicator_values(submission, objectives)
    return evaluate_indicators(values, found.indicators)


def render(result: Result, format: str = "json", *, progress: Progress | None = None, **options: Any) -> str:
    """A result as text: json, table, csv or markdown (`site=` for links), as the CLI prints it.
    `progress(stage, done, total)` hears how many subjects are written (stage `zhibiao.progress.WRITE`)."""
    with reporting(progress):
        return score_render.RENDERERS[format](result, **options)


def render_trace(trace: Trace, format: str = "text") -> str:
    return explain_render.RENDERERS[format](trace)


MAX_DAYS = 3660


def _hint(value: str, options: Iterable[str]) -> str:
    found = difflib.get_close_matches(value, sorted(options), n=1, cutoff=0.4)
    return found[0] if found else ""


def calendar(as_of: dt.date | None = None, *, department: str = "", institution: str = "",
             events: Mapping[str, dt.date] | None = None, horizon: int = 30, lookback: int = 30,
             repository: Repository | None = None) -> Calendar:
    """What is due, due soon, in progress and overdue (预警) on `as_of` (default today), from every timetable in
    standards/timetables/ (or one institution's): each entry with its obligation, status, due day, evidence, the
    original wording and where it comes from. `department` keeps what that department must do or receives;
    `events` gives the days of events obligations depend on (e.g. {"review-start": date(2019, 5, 20)})."""
    repo = repository or open_repository()
    tables = list(repo.catalog.timetables)
    problems: list[Problem] = []
    where = Location("zhibiao calendar")
    known_inst = sorted({t.institution for t in tables})
    if institution and institution not in known_inst:
        problems.append(Problem.of("calendar.institution-unknown", where, actual=institution, expected=known_inst,
                                   suggestion=_hint(institution, known_inst)))
    tables = [t for t in tables if not institution or t.institution == institution]
    for what, value in (("--within（即将到期天数）", horizon), ("--lookback（逾期列出天数）", lookback)):
        if not 0 <= value <= MAX_DAYS:
            problems.append(Problem.of("calendar.days", where, what=what, actual=value, expected=MAX_DAYS))
    names = calendar_names(tables)
    if department and department not in names:
        problems.append(Problem.of("calendar.department-unknown", where, actual=department,
                                   suggestion=_hint(department, names)))
    event_ids = sorted({e.id for t in tables for e in t.events})
    for ident in events or {}:
        if ident not in event_ids:
            problems.append(Problem.of("calendar.event-unknown", where, actual=ident, expected=event_ids,
                                       suggestion=_hint(ident, event_ids)))
    if problems:
        raise UsageError(problems)
    return build_calendar(tables, as_of or dt.date.today(), horizon=horizon, lookback=lookback,
                          department=department, events=events)


def overlay(path: str | Path, *, repository: Repository | None = None) -> ElementList | Timetable:
    """A college's overlay (校本扩展) resolved against its provincial base: the base's items with the overlay's
    tightenings, then its additions; every item carries its `origin` (institution, tier, document). An overlay that
    drops a required item, loosens one, or extends a document of an authority not above it is refused."""
    return _repo_for(path, repository).overlay(path)


def sampling(colleges: int, year: int, *, repository: Repository | None = None) -> SamplingPlan:
    """The review procedure's sampling for `year`: its three-year period, the fewest colleges to review in it out of
    `colleges` (“不少于总数的1/4”, rounded up), and the day by which the list of that year's colleges is published."""
    repo = repository or open_repository()
    s = repo.procedure().sampling
    where = Location("zhibiao sampling")
    problems = []
    if isinstance(colleges, bool) or not isinstance(colleges, int) or colleges < 1:
        problems.append(Problem.of("sampling.colleges", where, actual=colleges))
    if s.first_round_year and year < s.first_round_year:
        problems.append(Problem.of("sampling.before-first-round", where, actual=year, expected=s.first_round_year))
    if problems:
        raise UsageError(problems)
    notes = ()
    deadline = None
    if s.first_round_year and year > s.first_round_year:
        deadline = dt.date(year - 1, 12, 31)
    elif s.first_round_year:
        notes = ("首轮（{}年）的复核名单何时公布，原文没有写；“每年12月31日之前”公布的是下一年度的名单（见 DECISIONS.md 第 29 条）。"
                 .format(year),)
    return SamplingPlan(year, colleges, s.period_of(year), s.minimum_sample(colleges), s.min_fraction,
                        s.first_round_year, deadline, s.text, s.list_text, s.source, notes)


def tasks_from(finding: Any, *, owner: str = "", created: dt.date | None = None, deadline: dt.date | None = None,
               subject: str = "", rule: str = "", element: str = "", point: str = "", note: str = "",
               repository: Repository | None = None) -> list[Task]:
    """Improvement tasks (整改任务) created from a finding:
    - a scoring `Result` with `subject` (and optionally `rule`): one task per deduction of that subject;
    - a list of `ReviewResult`s: one task per 待改进/异常 conclusion, due when the improvement period ends;
    - a list of `IndicatorResult`s with `owner`: one task per indicator in 预警 or 未达标;
    - the text of a finding (`str`) with `element` and `point` of the diagnosis table and `owner`.
    Each task keeps where it comes from and the original wording it answers to."""
    repo = repository or open_repository()
    day = created or dt.date.today()
    if isinstance(finding, Result):
        subj = finding.subject(subject)
        try:
            scheme: Scheme | None = repo.scheme(finding.scheme_id, finding.version)
        except ZhibiaoError:
            scheme = None  # a result of a scheme this repository does not hold: tasks without the citation
        return [_tasks.from_deduction(finding.scheme_id, subject, d, day, deadline,
                                      _tasks.rule_source(scheme, d.category_id, d.clause_no) if scheme else None)
                for d in subj.deductions if not rule or d.rule_id == rule]
    if isinstance(finding, str):
        return [_tasks.from_diagnosis_point(repo.catalog.diagnosis_tables[0], element, point, owner, finding, day, deadline)]
    items = list(finding)
    if items and isinstance(items[0], ReviewResult):
        proc = repo.procedure()
        return [t for r in items if (t := _tasks.from_review(r, proc)) is not None]
    objectives = repo.objectives()
    return [t for r in items if (t := _tasks.from_indicator(r, objectives.id, owner, day, deadline)) is not None]


def task_list(tasks: Iterable[Task], as_of: dt.date | None = None, *, horizon: int = 30, owner: str = "") -> TaskList:
    """Open tasks by urgency on `as_of` (overdue ones are the 预警), as the engine decides; closed ones apart."""
    return _task_list(tasks, as_of or dt.date.today(), horizon=horizon, owner=owner)


def read_tasks(register: str | Path | Document, *, repository: Repository | None = None) -> tuple[Task, ...]:
    """The tasks of a task register (YAML, kind: tasks), validated like any document first: a register with any
    error is refused as a whole, every problem located."""
    repo = _repo_for(register, repository)
    doc = register if isinstance(register, Document) else repo.load(register)
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    if kind != "tasks":
        where = doc.where(("kind",)) if isinstance(doc.data, dict) and "kind" in doc.data else doc.where(())
        raise ValidationError([Problem.of("tasks.not-register", where, actual=kind or "（没有 kind）")])
    errors = errors_only(repo.validate([doc])[0])
    if errors:
        raise ValidationError(errors)
    return _tasks.build_tasks(doc)


def register_tasks(register: str | Path, new: Iterable[Task], *,
                   repository: Repository | None = None) -> tuple[tuple[Task, ...], tuple[Task, ...], str]:
    """Add tasks to a register (a new one if the file does not exist yet): (all tasks, those added, the register's
    new YAML text to write). Tasks already registered — the same finding, owner and day — keep what people
    recorded; nothing is written here (the caller writes the text atomically)."""
    path = Path(register)
    repo = _repo_for(path, repository)
    head: dict[str, Any] = {}
    existing: tuple[Task, ...] = ()
    if path.exists():
        doc = repo.load(path)
        existing = read_tasks(doc, repository=repo)
        head = doc.data  # its title and institution are kept
    everything, added = _tasks.merge(existing, list(new))
    schema = Path(os.path.relpath(repo.schemas / "tasks.schema.json", path.resolve().parent)).as_posix()
    return everything, added, tasks_yaml(everything, schema, head.get("title", ""), head.get("institution", ""))


# ---------------------------------------------------------------------- improvement tasks in the results database
def save_tasks(new: Iterable[Task], *, by: str | None = None, store: Store | None = None,
               repository: Repository | None = None) -> tuple[tuple[Task, ...], tuple[Task, ...]]:
    """Register tasks in the results database (one transaction): (all tasks kept, those added). As with a YAML
    register, a task already kept — the same finding, owner and day — stays as recorded, progress and evidence
    included. `by`: who registers (default: git user.name, else the login name)."""
    repo = repository or open_repository()
    db = store or open_store(repository=repo)
    added = _task_store.save_tasks(db, list(new), by=by or default_author(repo.root))
    return _task_store.read_tasks(db), added


def stored_tasks(*, owner: str = "", store: Store | None = None,
                 repository: Repository | None = None) -> tuple[Task, ...]:
    """The tasks kept in the results database, in the order they were registered (pass them to `task_list`)."""
    return _task_store.read_tasks(store or open_store(repository=repository), owner=owner)


def update_task(task_id: str, *, status: str | None = None, completed: dt.date | None = None,
                evidence: Iterable[str] = (), note: str | None = None, owner: str | None = None,
                deadline: dt.date | None = None, reason: str | None = None, by: str | None = None,
                store: Store | None = None, repository: Repository | None = None) -> Task:
    """Record a change of a kept task (one transaction, its event kept in the task's history): status, completion
    date, evidence added, note, a new owner or deadline, and why (`reason`). Checked like a register (已完成
    needs its completion date; dates never before creation); withdrawing (status 已撤销) needs a reason; a
    refused change stores nothing. Tasks are never deleted: withdraw one instead."""
    repo = repository or open_repository()
    return _task_store.update_task(store or open_store(repository=repo), task_id, status=status,
                                   completed=completed, evidence=evidence, note=note, owner=owner,
                                   deadline=deadline, reason=reason, by=by or default_author(repo.root))


def withdraw_task(task_id: str, *, reason: str, by: str | None = None, store: Store | None = None,
                  repository: Repository | None = None) -> Task:
    """Withdraw a kept task (status 已撤销) for a stated reason, kept in its history."""
    return update_task(task_id, status=CANCELLED, reason=reason, by=by, store=store, repository=repository)


def task_history(task_id: str, *, store: Store | None = None,
                 repository: Repository | None = None) -> tuple[TaskEvent, ...]:
    """Every recorded change of a kept task, oldest first: its registration, then who changed what, when, from
    which value to which, and why."""
    return _task_store.task_history(store or open_store(repository=repository), task_id)


def import_tasks(register: str | Path, *, by: str | None = None, store: Store | None = None,
                 repository: Repository | None = None) -> tuple[tuple[Task, ...], tuple[Task, ...]]:
    """A YAML task register (validated first, refused whole on any error) into the results database, with the
    progress it records: (all tasks kept, those added). Tasks already kept keep what the database holds."""
    repo = _repo_for(register, repository)
    return save_tasks(read_tasks(register, repository=repo), by=by, store=store, repository=repo)


def published_tasks(sources: Iterable[str] | None = None, *,
                    repository: Repository | None = None) -> tuple[tuple[Task, ...], dict[str, str]]:
    """The tasks kept in the results databases the handbook site's 整改任务 page publishes, and the reason each
    withdrawn one was withdrawn (task id → reason): `sources` ("store": the configured results database, or
    database URLs), else the project's setting (ZHIBIAO_SITE_TASKS, else [site] tasks in zhibiao.toml); nothing
    configured gives ((), {}). Each database's tasks in registration order; a task kept in two of them (same id)
    is listed once, as the later source holds it."""
    repo = repository or open_repository()
    chosen = site_tasks(repo.root) if sources is None else list(sources)
    found: dict[str, Task] = {}
    reasons: dict[str, str] = {}
    for source in chosen:
        if source != STORE and "://" not in source:
            raise UsageError([Problem.of("site.tasks-config", Location("--tasks"), actual=source)])
        db = open_store(None if source == STORE else source, repository=repo)
        for t in stored_tasks(store=db, repository=repo):
            found[t.id] = t
        reasons.update(_task_store.withdrawal_reasons(db))
    return tuple(found.values()), {i: r for i, r in reasons.items() if i in found}


def site_day(*, repository: Repository | None = None) -> dt.date:
    """The day the handbook site computes statuses for: ZHIBIAO_SITE_AS_OF, else [site] as_of, else today."""
    repo = repository or open_repository()
    return site_as_of(repo.root) or dt.date.today()


def export_tasks(register: str | Path, *, title: str = "", institution: str = "", store: Store | None = None,
                 repository: Repository | None = None) -> str:
    """The tasks kept in the results database as a YAML task register to be written at `register` (its schema
    line points to tasks.schema.json from there): the same text `zhibiao tasks FILE --from-…` writes."""
    repo = repository or open_repository()
    schema = Path(os.path.relpath(repo.schemas / "tasks.schema.json", Path(register).resolve().parent)).as_posix()
    return tasks_yaml(stored_tasks(store=store, repository=repo), schema, title, institution)


# ---------------------------------------------------------------------- the results database
_stores: dict[str, Store] = {}


def open_store(database: str | None = None, *, repository: Repository | None = None, timeout: float = 5.0) -> Store:
    """The results database: `database` (a URL or an SQLite file path), else ZHIBIAO_DATABASE, else the
    repository's zhibiao.toml ([results] database), else .zhibiao/results.sqlite3 in the repository.
    Opened once per URL; its tables are created or upgraded on first use (Alembic)."""
    repo = repository or open_repository()
    url = settings(repo.root, database=database).database
    if url not in _stores:
        _stores[url] = Store(url, timeout=timeout)
    return _stores[url]


def save(result: Result, *, by: str | None = None, period: str | None = None, store: Store | None = None,
         repository: Repository | None = None) -> SaveOutcome:
    """Keep a scoring run (one transaction). `by`: who (default: git user.name, else the login name);
    `period`: the key it is compared by (default: the year the period starts). The same facts under the same
    rules, date and weight are recognised: the run already kept is returned with `created=False`."""
    repo = repository or open_repository()
    db = store or open_store(repository=repo)
    return db.save(result, by=by or default_author(repo.root), period=period)


def runs(*, scheme: str | None = None, period: str | None = None, store: Store | None = None,
         repository: Repository | None = None) -> list[RunInfo]:
    """Stored runs, oldest first."""
    return (store or open_store(repository=repository)).runs(scheme, period)


def stored(run: int | str | None = None, *, scheme: str | None = None, store: Store | None = None,
           repository: Repository | None = None) -> StoredRun:
    """A stored run with its whole result: by number (12, "#12"), by period ("2009": its latest run), or the
    latest of all (None)."""
    db = store or open_store(repository=repository)
    return db.run(db.resolve(run, scheme).id)


def history(subject: str, *, scheme: str | None = None, store: Store | None = None,
            repository: Repository | None = None) -> list[HistoryPoint]:
    """A subject in every stored period (the latest run of each), oldest first."""
    return (store or open_store(repository=repository)).history(subject, scheme)


def compare(old: int | str, new: int | str, *, scheme: str | None = None, store: Store | None = None,
            repository: Repository | None = None) -> Comparison:
    """Two stored runs (numbers or periods) per subject and per rule: what changed, and why (facts, amounts)."""
    repo = repository or open_repository()
    db = store or open_store(repository=repo)
    a, b = db.run(db.resolve(old, scheme).id), db.run(db.resolve(new, scheme).id)
    names: dict[str, str] = {}
    for info in (a.info, b.info):
        try:
            names.update({f.id: f.name for f in repo.scheme(f"{info.scheme_id}@{info.version}").facts})
        except ZhibiaoError:
            pass  # a scheme no longer in the repository: evidence still names the facts rules read
    return compare_runs(a, b, names)


def previous(scheme: str, subject: str, before: dt.date, fact: str | None = None, *, store: Store | None = None,
             repository: Repository | None = None) -> Any:
    """What the previous period holds for `subject` of `scheme` (the stored period that ended last before `before`,
    as year-over-year items read it; its latest run that scored the subject): with `fact`, (run, value as scored) — numbers as exact text, e.g. "94.1"; without, (run, facts,
    total). None when nothing earlier is stored, or that period did not score the subject."""
    db = store or open_store(repository=repository)
    if fact is None:
        return db.previous_subject(scheme, subject, before)
    return db.previous_fact(scheme, subject, fact, before)


REPORT_FORMATS = ("xlsx", "html", "pdf")


def report(result: Result, format: str = "xlsx", *, site: str = "", store: Store | None = None) -> bytes:
    """A report of a scoring run as file content: "xlsx" (ranked summary, category scores, one row per deduction)
    or "html" (one self-contained page with charts), or "pdf" (that page printed by headless Chromium). `site`: the handbook's address, to link each deduction
    to its rule. With `store`, the HTML report draws the trend of every subject across the stored periods."""
    if format == "xlsx":
        return report_render.report_xlsx(result, site=site)
    if format in ("html", "pdf"):
        trend = store.trend(result.scheme_id) if store is not None else None
        page = report_html.report_html(result, site=site, trend=trend)
        return page.encode("utf-8") if format == "html" else report_pdf.html_to_pdf(page)
    raise UsageError([Problem.of("report.format", Location("--format"), actual=format, expected=list(REPORT_FORMATS))])


# ---------------------------------------------------------------------- 日常考核 (running assessment)
def report_facts(scheme: str, period: str, subject: str, report: str | Path | Document | dict[str, Any], *,
                 mode: str = "add", by: str | None = None, as_of: dt.date | None = None,
                 year_end_weight: Decimal | None = None, store: Store | None = None,
                 repository: Repository | None = None) -> RunningResult:
    """Receive a report of facts and records for `subject` in `period` (a key such as "2009") of `scheme`, keep
    it (append-only, one transaction) and return the subject's running result. `mode`: "add" — integer and
    decimal facts add to what is held, records are appended, other facts replaced; "set" — what is given
    replaces what is held. A report the scheme refuses is not kept (located problems, in the report). Until the
    facts without a default have all arrived, the report is kept and `result` is None (`pending` says which)."""
    repo = repository or open_repository()
    db = store or open_store(repository=repo)
    found = repo.scheme(scheme)
    doc = report if isinstance(report, Document) else repo.load(report) if isinstance(report, (str, Path)) \
        else load_data(report, "报送")
    rep = _daily.read_report(doc)
    mode = _daily.parse_mode(mode)
    if rep.report_id is not None:
        seen = db.daily_reports(scheme, period, subject, rep.report_id)
        if seen:
            if seen[0].content_hash != exact_hash(rep.content()):
                raise UsageError([Problem.of("daily.report-reused", doc.where(("report",)), pointer="report",
                                             actual=rep.report_id, expected=seen[0].seq)])
            return dataclasses.replace(running(scheme, period, subject, as_of=as_of, year_end_weight=year_end_weight,
                                               store=db, repository=repo), report=seen[0], created=False)
    last = db.daily_last(scheme, period, subject)
    held = (_state(scheme, period, subject, *last) if last is not None
            else _daily.start(found, scheme, period, subject, rep, db.daily_period(scheme, period)))
    held = _daily.check_header(held, rep)
    new = _daily.fold(held, rep, mode, found)
    result, pending = _daily.score_state(repo, new, report=rep, held=held, mode=mode, as_of=as_of,
                                         year_end_weight=year_end_weight)
    total = result.subjects[0].total if result is not None else None
    kept = db.daily_append(scheme, period, subject, expect=held.seq, report_id=rep.report_id,
                           by=rep.by or by or default_author(repo.root), mode=mode, stage=rep.stage,
                           content=rep.content(), state=_stored(new), total=total,
                           summary={"block": new.block, "total": total, "facts": new.facts, "records": new.records,
                                    "missing": [p.get("expected") for p in pending]})
    return RunningResult(new, result, kept, True, tuple(pending))


def running(scheme: str, period: str, subject: str, *, as_of: dt.date | None = None,
            year_end_weight: Decimal | None = None, store: Store | None = None,
            repository: Repository | None = None) -> RunningResult:
    """The running result of `subject` in `period`: everything it holds, scored now (durable-rules, exact)."""
    repo = repository or open_repository()
    db = store or open_store(repository=repo)
    last = db.daily_last(scheme, period, subject)
    if last is None:
        raise UsageError([Problem.of("daily.subject-empty", Location("请求路径"), subject=subject, period=period,
                                     scheme=scheme)])
    state = _state(scheme, period, subject, *last)
    result, pending = _daily.score_state(repo, state, as_of=as_of, year_end_weight=year_end_weight)
    return RunningResult(state, result, None, True, tuple(pending))


def daily_reports(scheme: str, period: str, subject: str, *, store: Store | None = None,
                  repository: Repository | None = None) -> list[DailyReport]:
    """Every report `subject` received in `period`, in order: who, when, what, the running total after it."""
    return (store or open_store(repository=repository)).daily_reports(scheme, period, subject)


def daily_standings(scheme: str, period: str, *, as_of: dt.date | None = None,
                    year_end_weight: Decimal | None = None, store: Store | None = None,
                    repository: Repository | None = None) -> PeriodStandings:
    """The whole period of 日常考核 scored together: every subject's stored state put in one submission and
    scored by `score` — so ranks, grades and awards are exactly those of `zhibiao score` on the accumulated
    submission. Subjects still missing facts without a default are not scored; `incomplete` lists them with the
    facts they miss. Subjects of a list that never reported are named in the result's partial-list warning."""
    repo = repository or open_repository()
    db = store or open_store(repository=repo)
    states = [_state(scheme, period, subject, seq, data) for subject, seq, data in db.daily_states(scheme, period)]
    if not states:
        raise UsageError([Problem.of("daily.period-empty", Location("请求路径"), period=period, scheme=scheme)])
    missing = _daily.missing_by_subject(repo, states)
    complete = [s for i, s in enumerate(states) if i not in missing]
    name = f"日常考核 {scheme} {period}"
    result = score(load_data(_daily.period_submission(complete), name), repository=repo, as_of=as_of,
                   year_end_weight=year_end_weight) if complete else None
    return PeriodStandings(scheme, period, tuple(states), result,
                           tuple((states[i], tuple(problems)) for i, problems in sorted(missing.items())))


def _state(scheme: str, period: str, subject: str, seq: int, data: dict[str, Any]) -> RunningState:
    return RunningState(scheme, period, subject, data["header"], data["block"], data["facts"], data["records"], seq,
                        name=data.get("name", ""), attributes=data.get("attributes", {}))


def _stored(state: RunningState) -> dict[str, Any]:
    extra = {"name": state.name} if state.name else {}
    if state.attributes:
        extra["attributes"] = state.attributes
    return {"header": state.header, "block": state.block, "facts": state.facts, "records": state.records, **extra}


def read_result(path: str | Path) -> Result:
    """A results file written by `zhibiao score --format json -o …`, read back as a `Result` (totals, ranks,
    categories, every deduction); a malformed file gives located Chinese errors."""
    return _read_result(load_file(path))


def _file_period(result: Result) -> str:
    """decision: a results file's period key is the year its period name starts with (“2009年…” → “2009”), as
    the results database keys a period by its start year; a name without one gives the scoring date's year."""
    head = result.period.strip()[:4]
    return head if len(head) == 4 and head.isdigit() else str(result.as_of.year)


def published_results(sources: Iterable[str] | None = None, *,
                      repository: Repository | None = None) -> list[PublishedRun]:
    """What the handbook site's 考核结果 section shows: per scheme and period, the latest stored run (source
    "store": the configured results database; or a database URL) or a results file. Without `sources`, the
    project's setting (ZHIBIAO_SITE_RESULTS, else [site] results in zhibiao.toml). A later source replaces an
    earlier one's period. Ordered by scheme, then period start."""
    repo = repository or open_repository()
    chosen = site_results(repo.root) if sources is None else list(sources)
    found: dict[tuple[str, str], PublishedRun] = {}
    for source in chosen:
        if source == STORE or "://" in source:
            db = open_store(None if source == STORE else source, repository=repo)
            for scheme_id, period in db.periods():
                info = db.runs(scheme_id, period)[-1]  # the latest run of the period counts
                found[(scheme_id, period)] = PublishedRun(period, db.run(info.id).result, f"结果库第 {info.id} 次评分",
                                                          info)
        else:
            result = _read_result(load_file(source, Path(source).name))
            found[(result.scheme_id, _file_period(result))] = PublishedRun(_file_period(result), result,
                                                                           Path(source).name)
    return sorted(found.values(), key=lambda p: (p.result.scheme_id, p.start, p.period))
