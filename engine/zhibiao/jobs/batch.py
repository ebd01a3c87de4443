"""Score a submission of any size, file in → file out, in flat memory, on one core or several.

    read (load.stream) → check each subject (schema, then build.submission) → score in chunks (evaluate)
      → write each result line to a spill file as it is produced, its rank keys to a compact table
      → rank (evaluate.standings) → copy the spill to the output with ranks and awards placed, atomically

Schemes of the general language may need every subject before a subject can be scored, or after:
- rank rules and eligibility for “the most”: a first pass fills rank tables (`evaluate.prepare.RankTable`: per
  distinct value a count and the first names), then the chunks are scored against them;
- roll-ups (teachers → 系部 → 学院): one pass per level (`block_stages`); a pass keeps, per roll-up measure and
  group, what the next level reads of each member (`prepare.member_entries`), and checks memberships as `score`
  does; each level's lines go to a spill of their own, merged back into input order when written;
- awards of the general language: the key table holds per award whether a subject competes and its two keys;
  `evaluate.ranking.AwardTable` gives the awards after scoring (the names of tied winners read from the spill).
Every pass runs the functions `zhibiao score` runs (`evaluate.run.score_blocks`), so results are the same.

Memory holds one chunk of subjects, the key table (a few doubles a subject), the first names of each tie, and
for roll-ups what the next level lists of each member (its name and value).
With `jobs` > 1, worker processes check and score chunks while this process reads, keeps the chunks in order
(a bounded window: reading never runs far ahead of scoring) and writes. Every worker registers its own
durable-rules rulesets (they belong to a process); the parent never touches the engine before forking.

Nothing is written when any subject has a problem: problems are collected (the first `MAX_PROBLEMS`, then a
count), scoring stops at the first one while checking goes on, and one SubmissionError reports them all.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import datetime as dt
import gc
import json
import multiprocessing
import os
import shutil
import tempfile
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

from .. import messages
from ..build.submission import SubjectReader, missing_from, read_header
from ..build.submission_shape import subject_keys, subject_problems
from ..errors import LoadError, Location, Problem, SubmissionError, UsageError, errors_only
from ..evaluate.outcomes import candidates
from ..evaluate.prepare import Entry, RankTable, member_entries, rank_inputs, rank_tables, rollup_groups
from ..evaluate.ranking import AwardTable, add_award, award_keys
from ..evaluate.run import Partial, period_label, score_blocks, scoring_terms
from ..evaluate.standings import Standings, sort_key
from ..limits import DEFAULT, Limits
from ..load import Document
from ..load.stream import Fragment, Stream, fragment_document
from ..model.results import SubjectResult
from ..model.scheme import Awards, Scheme
from ..model.submission import PreviousSource, SubjectInput
from ..progress import SCORE, WRITE, Progress
from ..render import lines
from ..repository import Repository
from ..validate.schema import SplitCheck, split_check
from .workers import WorkerFailed, Workers

CHUNK = 200            # subjects scored together (one engine session holds several)
WINDOW_PER_JOB = 3     # chunks in flight per worker
MAX_PROBLEMS = 1000
FORMATS = ("jsonl", "json")


@dataclass
class Summary:
    """What a batch job did (the CLI prints it; the output file holds the results)."""

    output: str
    count: int
    blocks: dict[str, int]
    scheme: str
    version: str
    as_of: dt.date
    jobs: int
    format: str


@dataclass
class Context:
    """What checking and scoring a chunk needs; built in the parent, inherited by forked workers."""

    scheme: Scheme
    as_of: dt.date
    weight: Decimal | None
    path: str
    limits: Limits
    check: SplitCheck
    stop: Any = None   # a _Flag: set once any problem is found, so scoring stops (nothing will be written)
    listed: frozenset[str] = frozenset()  # blocks whose subjects the scheme lists (a partial list is said)
    keys: tuple[str, ...] = ()             # the keys a subject may have (the submission schema's)
    reader: SubjectReader | None = None
    general: bool = False                  # awards of the general language (`AwardTable`), not `Standings`'
    ranked: dict[str, dict[str, RankTable]] | None = None  # per block, rank tables from the first pass
    previous: PreviousSource | None = None  # last period's values a subject does not give (results database)
    before: dt.date | None = None           # the period's first day (the previous period ended before it)
    stage: frozenset[str] | None = None     # the blocks this pass scores (None: all; see `block_stages`)
    rolled: dict[str, dict[Any, list[Entry]]] | None = None  # per roll-up measure, its members' entries
    links: tuple[tuple[str, str, str], ...] = ()  # (group block, member block, by) of every roll-up


@dataclass
class Chunk:
    first: int
    size: int
    lines: bytes = b""                                # result lines, UTF-8, "\n"-terminated, in input order
    placed: list[tuple[int, int, float, float, float]] = field(default_factory=list)  # index, block, keys
    awarded: list[tuple[float, ...]] = field(default_factory=list)  # per award: may compete (0/1/2), basis, tie
    identities: list[tuple[int, str]] = field(default_factory=list)
    listed: list[tuple[str, str]] = field(default_factory=list)  # (block, name) in blocks that list their subjects
    problems: list[Problem] = field(default_factory=list)
    standings: Standings | None = None
    blocks: bytes = b""                               # the block of every subject read (several passes only)
    entries: dict[str, dict[Any, list[Entry]]] = field(default_factory=dict)  # roll-ups' member entries
    groups: list[tuple[str, str]] = field(default_factory=list)   # (block, name) of subjects that roll up
    members: collections.Counter = field(default_factory=collections.Counter)  # (block, by, value) → count


def rank_chunk(ctx: Context, frags: list[Fragment]) -> dict[str, dict[str, RankTable]]:
    """The first pass of a scheme that ranks (rank rules, “the most”): what consecutive subjects are ranked by,
    per block, into rank tables (subjects with problems are left out: the second pass reports them)."""
    throwaway = Chunk(0, 0)
    inputs = _read(ctx, frags, throwaway)
    by_block: dict[str, list[tuple[int, SubjectInput]]] = {}
    for index, subject in inputs:
        if ctx.stage is None or subject.block in ctx.stage:
            by_block.setdefault(subject.block, []).append((index, subject))
    out: dict[str, dict[str, RankTable]] = {}
    for bid, items in by_block.items():
        tables = out[bid] = rank_tables(ctx.scheme, bid)
        if tables:
            rank_inputs(ctx.scheme, bid, ctx.as_of, [s for _, s in items], [i for i, _ in items], tables,
                        ctx.rolled)
    return out


def block_stages(scheme: Scheme) -> list[frozenset[str]]:
    """Blocks in passes: first those that roll up nothing, then those that roll up only blocks of earlier
    passes… (one pass, all blocks, for a scheme without roll-ups)."""
    level: dict[str, int] = {}
    for bid in scheme.block_order:  # members before the groups that roll them up
        level[bid] = max((level[mb] + 1 for mb in rollup_groups(scheme, bid)), default=0)
    return [frozenset(b for b, n in level.items() if n == k) for k in range(max(level.values(), default=0) + 1)]


def _links(scheme: Scheme) -> tuple[tuple[str, str, str], ...]:
    return tuple(dict.fromkeys((b.id, m.members, m.by) for b in scheme.blocks for m in scheme.measures_for(b.id)
                               if m.rollup))


def _memberships_seen(ctx: Context, inputs: list[tuple[int, SubjectInput]], out: Chunk) -> None:
    """What the membership check needs (`_memberships`): names of groups, and how many members name each."""
    groups = {g for g, _, _ in ctx.links}
    for _, s in inputs:
        if s.block in groups:
            out.groups.append((s.block, s.name))
        for g, mb, by in ctx.links:
            if s.block == mb:
                out.members[mb, by, s.attributes.get(by) if by else ""] += 1


def _entries(ctx: Context, results: list[SubjectResult]) -> dict[str, dict[Any, list[Entry]]]:
    """The roll-up entries of the members among `results` (blocks a later pass rolls up)."""
    out: dict[str, dict[Any, list[Entry]]] = {}
    for b in ctx.scheme.blocks:
        for member_block, measures in rollup_groups(ctx.scheme, b.id).items():
            mine = [r for r in results if r.block == member_block]
            if mine:
                out.update(member_entries(ctx.scheme, ctx.as_of, measures, mine))
    return out


def _memberships(stream: Stream, ctx: Context, groups: list[tuple[str, str]],
                 members: collections.Counter) -> list[Problem]:
    """Members naming no group, groups without members — said and located as `zhibiao score` says them: the
    subjects concerned (each group, each member naming no group, one member of each group) are read again and
    checked by `SubjectReader.memberships`."""
    names: dict[str, set[str]] = {}
    for g, name in groups:
        names.setdefault(g, set()).add(name)
    trouble = False
    for g, mb, by in ctx.links:
        have = names.get(g, set())
        if not have:
            continue
        values = {v for (b, a, v) in members if (b, a) == (mb, by)}
        if not by:
            trouble |= not values
            continue
        trouble |= any(v is not None and v not in have for v in values) or any(n not in values for n in have)
    if not trouble:
        return []
    reader = SubjectReader(ctx.scheme, None, ctx.previous)
    reader.before = ctx.before
    merged = Document(path=ctx.path, data=None)
    chosen: list[SubjectInput] = []
    first: set[tuple[str, str, Any]] = set()
    groups_blocks = {g for g, _, _ in ctx.links}
    for frag in stream:
        doc = fragment_document(frag, ctx.path, ctx.limits)
        reader.doc, reader.problems = doc, []
        s = reader.subject(frag.index, doc.data, None)
        if s is None:
            continue
        keep = s.block in groups_blocks
        for g, mb, by in ctx.links:
            if s.block == mb:
                key = (mb, by, s.attributes.get(by) if by else "")
                orphan = bool(by) and key[2] is not None and key[2] not in names.get(g, set())
                if orphan or key not in first:
                    first.add(key)
                    keep = True
        if keep:
            chosen.append(s)
            positions, key_positions = doc.positions_now()
            merged.positions.update(positions)
            merged.key_positions.update(key_positions)
    reader.doc, reader.problems = merged, []
    reader.memberships(chosen)
    return sorted(reader.problems, key=lambda p: (p.location.line or 0, p.location.column or 0))


def _read(ctx: Context, frags: list[Fragment], out: "Chunk") -> list[tuple[int, SubjectInput]]:
    """Check and read consecutive subjects; their identities, listed names and problems go into `out`."""
    if ctx.reader is None:  # in each process: a database of previous values is opened there, when first asked
        ctx.reader = SubjectReader(ctx.scheme, None, ctx.previous)
        ctx.reader.before = ctx.before
    reader = ctx.reader
    inputs = []
    for frag in frags:
        try:
            doc = fragment_document(frag, ctx.path, ctx.limits)
        except LoadError as exc:
            out.problems += exc.problems
            continue
        found = ctx.check.check_item(doc, frag.index, doc.data)
        if found:  # said as `zhibiao score` says it (a fact under its Chinese name, a key one level off…)
            out.problems += subject_problems(doc, ctx.scheme, list(ctx.keys), frag.index, doc.data, found)
            continue
        reader.doc, reader.problems = doc, out.problems
        before = len(out.problems)
        subject = reader.subject(frag.index, doc.data, None)
        out.identities.append((frag.index, reader.identity(doc.data)))
        if subject is not None and not errors_only(out.problems[before:]):
            inputs.append((frag.index, subject))
            if subject.block in ctx.listed:
                out.listed.append((subject.block, subject.name))
    return inputs


def score_chunk(ctx: Context, frags: list[Fragment]) -> Chunk:
    """Check and score consecutive subjects: their result lines (rank and award not yet placed), their keys,
    identities and problems. What every worker runs: a forked process here, a Spark executor (`zhibiao.spark`)."""
    out = Chunk(frags[0].index if frags else 0, len(frags))
    inputs = _read(ctx, frags, out)
    if ctx.links:
        _memberships_seen(ctx, inputs, out)
        numbers = {b.id: i for i, b in enumerate(ctx.scheme.blocks)}
        out.blocks = bytes(numbers[s.block] for _, s in inputs)
    if ctx.stage is not None:
        inputs = [(i, s) for i, s in inputs if s.block in ctx.stage]
    if errors_only(out.problems) and ctx.stop is not None:
        ctx.stop.set()
    if not inputs or (ctx.stop is not None and ctx.stop.is_set()):
        return out
    awards = None if ctx.general else ctx.scheme.awards
    table = Standings(awards)
    blocks = {b.id: i for i, b in enumerate(ctx.scheme.blocks)}
    results = score_blocks(ctx.scheme, [s for _, s in inputs], ctx.as_of, ranked=ctx.ranked,
                           indices=[i for i, _ in inputs], rolled=ctx.rolled)
    if ctx.links:
        out.entries = _entries(ctx, results)
    if ctx.general:
        out.awarded = award_entries(ctx.scheme, results)
    text = []
    for (index, _), r in zip(inputs, results):
        if ctx.weight is not None:
            r.year_end = r.total * ctx.weight
        text.append(lines.subject_line(r))
        basis, tie = award_keys(r, awards)
        table.add(index, r.name, r.block, r.total, basis, tie)
        out.placed.append((index, blocks[r.block], sort_key(r.total), sort_key(basis) if basis is not None else 0.0,
                           sort_key(tie) if tie is not None else 0.0))
    text.append("")  # the last line's "\n", without copying the joined text again
    out.lines = "\n".join(text).encode("utf-8")  # encoded once, where it is made: sent and spilled as is
    out.standings = table
    return out


def award_entries(scheme: Scheme, results: list[SubjectResult]) -> list[tuple[float, ...]]:
    """Per subject, per award of the general language: 0 (not for its block), 1 (in the pool, may not compete:
    the engine's candidacy) or 2 (competes), then its two keys as exactly ordered doubles."""
    allowed = candidates(scheme, results)
    out = []
    for i, r in enumerate(results):
        row: list[float] = []
        for a, ok in zip(scheme.award_list, allowed):
            if a.blocks and r.block not in a.blocks:
                row += (0, 0.0, 0.0)
                continue
            basis, tie = award_keys(r, a)
            assert basis is not None and tie is not None
            row += (2 if i in ok else 1, sort_key(basis), sort_key(tie))
        out.append(tuple(row))
    return out


def _first_pass(stream: Stream, jobs: int, ctx: Context) -> dict[str, dict[str, RankTable]]:
    """Every subject's rank inputs, merged in input order, then ranked (before the second pass forks)."""
    ranked: dict[str, dict[str, RankTable]] = {}
    for part in _in_order(jobs, _chunks(stream, CHUNK), lambda frags: rank_chunk(ctx, frags)):
        for bid, tables in part.items():
            mine = ranked.setdefault(bid, {})
            for key, table in tables.items():
                mine[key] = mine[key].merge(table) if key in mine else table
    for tables in ranked.values():
        for table in tables.values():
            table.finish()
    return ranked


def _chunks(stream: Stream, size: int) -> Iterator[list[Fragment]]:
    chunk: list[Fragment] = []
    for frag in stream:
        chunk.append(frag)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(jobs: int, work: Iterator[list[Fragment]], run: Callable[[list[Fragment]], Any]) -> Iterator[Any]:
    """Chunks scored (`run`) by `jobs` forked workers (`workers.Workers`), yielded in input order, with at most
    a few in flight."""
    if jobs == 1:
        for frags in work:
            yield run(frags)
        return
    with _failed_worker(), Workers(jobs, lambda packed: _unpacked(run, packed)) as pool:
        yield from pool.map((_packed(frags) for frags in work), jobs * WINDOW_PER_JOB)


def _packed(frags: list[Fragment]) -> tuple[list, ...]:
    """Fragments as four lists: pickled five times faster than as objects (every chunk crosses to a worker)."""
    return [f.index for f in frags], [f.text for f in frags], [f.line for f in frags], [f.column for f in frags]


def _unpacked(run: Callable[[list[Fragment]], Any], packed: tuple[list, ...]) -> Any:
    return run([Fragment(*fields) for fields in zip(*packed)])


def _keep_freed_memory() -> None:
    """Ask glibc to keep freed memory for reuse: scoring makes and drops a megabyte of text per chunk, which
    glibc would otherwise hand back to the system and then fault in again page by page (twice the system time
    of a run, and 3–5 % of its CPU). The peak memory is unchanged. Elsewhere than glibc: nothing to do."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(-1, 256 << 20)  # M_TRIM_THRESHOLD: free space kept at the top of the heap
    mallopt(-3, 32 << 20)   # M_MMAP_THRESHOLD: blocks below 32 MB come from the heap, reused


class _Flag:
    """One shared byte the parent and the workers set and read. Lock-free on purpose: a worker killed while it
    held an Event's lock would leave every later set() or is_set() waiting for ever."""

    def __init__(self) -> None:
        self.value = multiprocessing.get_context("fork").RawValue("b", 0)

    def set(self) -> None:
        self.value.value = 1

    def is_set(self) -> bool:
        return bool(self.value.value)


@contextlib.contextmanager
def _failed_worker() -> Iterator[None]:
    """A worker that died (killed, out of memory) is said as a problem of the job: nothing is written."""
    try:
        yield
    except WorkerFailed as exc:
        raise SubmissionError([Problem.of("batch.worker-failed", Location("<评分进程>"), detail=str(exc))]) from exc


class _Seen:
    """Which subjects were read, to refuse one listed twice, in 8 bytes a subject: the 64-bit hash of each
    identity, kept in 256 arrays by its low byte. After reading, each array is checked on its own (so the check
    never holds more than a small part of them as Python objects); a hash found twice marks a suspect, which
    reading the file again confirms (or clears: two identities can share a hash) and locates."""

    def __init__(self) -> None:
        self.buckets = [array("q") for _ in range(256)]

    def add(self, identity: str) -> None:
        h = hash(identity)
        self.buckets[h & 0xFF].append(h)

    def suspects(self) -> set[int]:
        out: set[int] = set()
        for bucket in self.buckets:
            once = set(bucket)
            if len(once) != len(bucket):
                seen: set[int] = set()
                out.update(h for h in bucket if h in seen or seen.add(h))
        return out


def _repeats(stream: Stream, suspects: set[int], ctx: Context) -> list[Problem]:
    """Each subject whose identity an earlier one had, located, with the line of the first."""
    first: dict[str, int] = {}
    reader = SubjectReader(ctx.scheme)
    problems: list[Problem] = []
    for frag in stream:
        try:
            doc = fragment_document(frag, ctx.path, ctx.limits)
        except LoadError:
            continue
        if not isinstance(doc.data, dict) or not isinstance(doc.data.get("name"), str):
            continue
        identity = reader.identity(doc.data)
        if hash(identity) not in suspects:
            continue
        if identity not in first:
            first[identity] = frag.line
        else:
            reader.doc, reader.problems = doc, problems
            reader.repeated(frag.index, doc.data["name"], first[identity])
    return problems


def spark_needs(scheme: Scheme) -> tuple[str, ...]:
    """What the Spark job cannot score yet: what needs a pass over every subject before scoring (rank rules,
    “the most”) or one per level (roll-ups). (`score_file` scores all of them, in passes.)"""
    found = [("排名计分", any(r.mode == "rank" for r in scheme.rules)),
             ("逐级汇总", any(m.rollup for m in scheme.measures)),
             ("评优限制中的“最多的前几名”", any(e.most for e in scheme.eligibility))]
    return tuple(name for name, used in found if used)


def refuse_whole_submission(scheme: Scheme, display: str) -> None:
    """A job that scores chunks apart without the passes `score_file` makes (the Spark job) would get what
    `spark_needs` names silently wrong: it refuses a scheme that uses it, naming what it uses."""
    needs = spark_needs(scheme)
    if needs:
        raise UsageError([Problem.of("batch.whole-submission", Location(display), scheme=scheme.id, actual=list(needs))])


def score_file(repo: Repository, source: str | Path, output: str | Path, *, scheme: str | Scheme | None = None,
               as_of: dt.date | None = None, year_end_weight: Decimal | None = None, jobs: int = 1,
               format: str | None = None, limits: Limits = DEFAULT,
               progress: Progress | None = None, previous: PreviousSource | None = None) -> Summary:
    """Score every subject of `source` (JSON Lines or JSON) into `output` (JSON Lines, or JSON when the name
    ends in .json or `format` says so). See the module's description. `progress(stage, done, total)` hears how
    many subjects are read and scored (total unknown: the input is a stream) and how many rows are written."""
    out_path = Path(output)
    fmt_name = format or ("json" if out_path.suffix.lower() == ".json" else "jsonl")
    if fmt_name not in FORMATS:
        raise UsageError([Problem.of("batch.format", Location("--format"), actual=fmt_name, expected=list(FORMATS))])
    limit = max(1, os.cpu_count() or 1) * 4
    if not 1 <= jobs <= limit:
        raise UsageError([Problem.of("batch.jobs", Location("--jobs"), actual=jobs, expected=limit)])
    if out_path.exists() and Path(source).exists() and out_path.resolve() == Path(source).resolve():
        raise UsageError([Problem.of("batch.output-in-input", Location(str(output)), actual=str(output))])
    display = repo.display(source)
    stream = Stream(source, display, limits=limits)
    check = split_check(repo.schemas, "submission.schema.json", "subjects")
    problems = check.check_header(stream.header)
    if problems:
        raise SubmissionError(problems, summary=messages.render("submission.header", {"file": display}))
    found = repo.scheme_for(stream.header.data, scheme)
    header_problems: list[Problem] = []
    sub = read_header(stream.header, found, header_problems)
    if sub is None or errors_only(header_problems):
        raise SubmissionError(header_problems, summary=messages.render("submission.errors", {"file": display,
                                                                                             "count": len(header_problems)}))
    when, weight = scoring_terms(sub, found, as_of, year_end_weight)
    before = dict(stream.header.data)
    stop = _Flag() if jobs > 1 else None
    ctx = Context(found, when, weight, display, limits, check, stop,
                             listed=frozenset(b.id for b in found.blocks if b.subjects),
                             keys=tuple(subject_keys(repo.schemas)), general=not found.plain_awards,
                             previous=previous, before=sub.start)
    stages = block_stages(found)
    if len(stages) > 1:
        ctx.stage, ctx.links, ctx.rolled = stages[0], _links(found), {}
    if any(rank_tables(found, b) for b in stages[0]):
        ctx.ranked = _first_pass(Stream(source, display, limits=limits), jobs, ctx)
    _keep_freed_memory()
    gc_was = gc.get_threshold()
    gc.freeze()  # the scheme, compiled rules and caches stay: the collector need not walk them again and again
    gc.set_threshold(50_000, 50, 100)  # scoring allocates much and leaves no cycles behind
    spill = _spill(out_path)
    spills = [spill]
    try:
        table = Standings(None if ctx.general else found.awards, *award_names(found))
        keys = _Keys(bool(found.awards) and not ctx.general, len(found.award_list) if ctx.general else 0)
        general = _General(found) if ctx.general else None
        order = array("B")                                     # every subject's block (several passes)
        groups: list[tuple[str, str]] = []
        members: collections.Counter = collections.Counter()
        seen = _Seen()
        given: dict[str, set[str]] = {}
        kept: list[Problem] = []
        errors = count = read = 0
        by_block: collections.Counter[str] = collections.Counter()
        if progress is not None:
            progress(SCORE, 0, None)
        for chunk in _in_order(jobs, _chunks(stream, CHUNK), lambda frags: score_chunk(ctx, frags)):
            read += chunk.size
            for _, identity in chunk.identities:
                seen.add(identity)
            for bid, name in chunk.listed:
                given.setdefault(bid, set()).add(name)
            if chunk.problems:
                errors += len(errors_only(chunk.problems))
                room = MAX_PROBLEMS - len(kept)
                kept += chunk.problems[:max(room, 0)]
                if stop is not None:
                    stop.set()
            if errors:
                continue
            if ctx.links:
                order.frombytes(chunk.blocks)
                groups += chunk.groups
                members.update(chunk.members)
                _gather(ctx.rolled, chunk.entries)
            if chunk.standings is None:
                continue
            _keep(chunk, spill, table, keys)
            count += len(chunk.placed)
            if progress is not None:
                progress(SCORE, count, None)
        if stream.header.data != before:  # keys after the list: check them, and score again if they matter
            problems = check.check_header(stream.header)
            if problems:
                raise SubmissionError(problems, summary=messages.render("submission.header", {"file": display}))
            late_problems: list[Problem] = []
            later = read_header(stream.header, found, late_problems)
            if later is None or errors_only(late_problems):
                raise SubmissionError(late_problems, summary=messages.render(
                    "submission.errors", {"file": display, "count": len(late_problems)}))
            if repo.scheme_for(stream.header.data, scheme) is not found or (later.start, later.end) != (sub.start, sub.end):
                spill.close()
                return score_file(repo, source, output, scheme=scheme, as_of=as_of, year_end_weight=year_end_weight,
                                  jobs=jobs, format=format, limits=limits, progress=progress, previous=previous)
            sub = later
        short = check.check_count(stream.header, read)
        errors += len(errors_only(short))
        kept += short
        suspects = seen.suspects()
        if suspects:
            repeats = _repeats(Stream(source, display, limits=limits), suspects, ctx)
            errors += len(repeats)
            kept += repeats[:max(MAX_PROBLEMS - len(kept), 0)]
        if ctx.links and not errors:
            found_problems = _memberships(Stream(source, display, limits=limits), ctx, groups, members)
            errors += len(errors_only(found_problems))
            kept += found_problems[:max(MAX_PROBLEMS - len(kept), 0)]
        if errors:
            raise refused(display, kept, errors)
        for stage in stages[1:]:  # the blocks that roll up the blocks scored before
            ctx.stage = stage
            if any(rank_tables(found, b) for b in stage):
                ctx.ranked = {**(ctx.ranked or {}), **_first_pass(Stream(source, display, limits=limits), jobs, ctx)}
            _later_pass(Stream(source, display, limits=limits), jobs, ctx, table, keys, out_path, spills)
            count = len(keys.block)
            if progress is not None:
                progress(SCORE, count, None)
        stage_of = {i: next(k for k, s in enumerate(stages) if b.id in s) for i, b in enumerate(found.blocks)}
        if len(spills) > 1:
            keys = keys.in_order(order, stage_of)
        ordered = _Lines(spills, order, stage_of)
        table.finish()
        awards_note = table.awards_note
        if general is not None:
            awards_note = general.finish(ordered.lines(), keys)
        by_block.update({found.blocks[b].id: n for b, n in keys.block_counts().items()})
        warnings = missing_from(stream.header, found, given)
        partial = Partial(warnings, found, dict(by_block))
        head = lines.head({"id": found.id, "title": found.meta.title, "version": found.version,
                           "rules_hash": found.content_hash, "revision": found.revision}, when, period_label(sub),
                          sub.path, weight, partial.awards_note(awards_note), warnings)
        placing = _Placing(fmt_name, [b.id for b in found.blocks], ordered, table, keys, partial, general)
        _write(out_path, placing, head, count, jobs, progress)
        return Summary(str(output), count, dict(by_block), found.id, found.version, when, jobs, fmt_name)
    finally:
        for s in spills:
            s.close()
        gc.unfreeze()
        gc.set_threshold(*gc_was)


def award_names(scheme: Scheme, awards: Awards | None = None) -> tuple[str, str]:
    awards = awards or scheme.awards
    if awards is None:
        return "", ""
    names = {c.id: c.name for c in scheme.all_categories}
    return tuple("总分" if k == "total" else names.get(k, k) for k in (awards.basis, awards.tie_break))  # type: ignore[return-value]


def refused(display: str, kept: list[Problem], errors: int) -> SubmissionError:
    shown = errors_only(kept)
    problems = list(kept)
    if errors > len(shown):
        problems.append(Problem.of("batch.more-problems", Location(display), actual=errors - len(shown),
                                   expected=MAX_PROBLEMS))
    return SubmissionError(problems, summary=messages.render("batch.errors", {"file": display, "count": errors}))


class _Keys:
    """Per subject, in input order: its block and the doubles it is ranked by (what placing needs): the total,
    the two keys of a plain scheme's award, or for each award of the general language 1 byte (0: not for its
    block, 1: may not compete, 2: competes) and its two keys."""

    def __init__(self, awards: bool, general: int = 0) -> None:
        self.block = array("B")
        self.total = array("d")
        self.basis = array("d") if awards else None
        self.tie = array("d") if awards else None
        self.flag = [array("b") for _ in range(general)]
        self.award_basis = [array("d") for _ in range(general)]
        self.award_tie = [array("d") for _ in range(general)]

    def extend(self, placed: list[tuple[int, int, float, float, float]],
               awarded: list[tuple[float, ...]] = ()) -> None:
        for _, block, total, basis, tie in placed:
            self.block.append(block)
            self.total.append(total)
            if self.basis is not None and self.tie is not None:
                self.basis.append(basis)
                self.tie.append(tie)
        for row in awarded:
            for k in range(len(self.flag)):
                self.flag[k].append(int(row[3 * k]))
                self.award_basis[k].append(row[3 * k + 1])
                self.award_tie[k].append(row[3 * k + 2])

    def in_order(self, order: array, stage_of: dict[int, int]) -> "_Keys":
        """The keys of several passes (each pass's subjects after the previous pass's) in input order; `order`:
        every subject's block, `stage_of`: the pass of each block."""
        sizes = collections.Counter(stage_of[b] for b in order)
        cursors = [sum(sizes[k] for k in range(s)) for s in range(max(stage_of.values()) + 1)]
        out = _Keys(self.basis is not None, len(self.flag))
        columns = [(out.block, self.block), (out.total, self.total)]
        if self.basis is not None and self.tie is not None and out.basis is not None and out.tie is not None:
            columns += [(out.basis, self.basis), (out.tie, self.tie)]
        for k in range(len(self.flag)):
            columns += [(out.flag[k], self.flag[k]), (out.award_basis[k], self.award_basis[k]),
                        (out.award_tie[k], self.award_tie[k])]
        for b in order:
            s = stage_of[b]
            j = cursors[s]
            cursors[s] += 1
            for mine, theirs in columns:
                mine.append(theirs[j])
        return out

    def block_counts(self) -> dict[int, int]:
        return dict(collections.Counter(self.block))


class _General:
    """The awards of the general language: one `AwardTable` per award, filled from the key table."""

    def __init__(self, scheme: Scheme) -> None:
        self.blocks = [b.id for b in scheme.blocks]
        self.tables = [AwardTable(a, *award_names(scheme, a)) for a in scheme.award_list]

    @staticmethod
    def keys(keys: _Keys, k: int, i: int) -> tuple[bool, Decimal | None, Decimal | None]:
        if not keys.flag[k][i]:
            return False, None, None
        return (keys.flag[k][i] == 2, Decimal(repr(keys.award_basis[k][i])),
                Decimal(repr(keys.award_tie[k][i])))

    def finish(self, lines_in_order: Iterator[str], keys: _Keys) -> str:
        """Add every subject in input order and rank every pool; read the names of tied winners from the
        results (their notes name each other); return the note on ties at award boundaries."""
        for i, block in enumerate(keys.block):
            for k, t in enumerate(self.tables):
                allowed, basis, tie = self.keys(keys, k, i)
                if basis is not None:
                    t.add(self.blocks[block], allowed, basis, tie)
        for t in self.tables:
            t.finish()
        for i, line in enumerate(lines_in_order):
            block = self.blocks[keys.block[i]]
            for k, t in enumerate(self.tables):
                allowed, basis, tie = self.keys(keys, k, i)
                if allowed and t.needs_name(block, allowed, basis, tie):
                    t.add_name(i, block, basis, tie, json.loads(line)["name"])
        return "；".join(n for t in self.tables if (n := t.notes()))

    def award(self, keys: _Keys, i: int, block: str) -> tuple[str | None, str]:
        placed = SubjectResult("", block, Decimal(0), [])
        for k, t in enumerate(self.tables):
            allowed, basis, tie = self.keys(keys, k, i)
            add_award(placed, *t.award(i, block, allowed, basis, tie))
        return placed.award, placed.award_note


class _Lines:
    """The result lines of every pass, in input order (each pass's spill holds its blocks' lines in order)."""

    def __init__(self, spills: list[Any], order: array, stage_of: dict[int, int]) -> None:
        self.spills, self.order, self.stage_of = spills, order, stage_of

    def lines(self) -> Iterator[str]:
        """From handles of our own (a forked writer reads the spills while others do: a shared handle's position
        would move under it), decoded in large blocks."""
        for s in self.spills:
            s.flush()
        with contextlib.ExitStack() as stack:
            files = [stack.enter_context(open(s.name, encoding="utf-8", newline="\n")) for s in self.spills]
            if len(files) == 1:
                yield from files[0]
                return
            readers = [iter(f) for f in files]
            for b in self.order:
                yield next(readers[self.stage_of[b]])


def _spill(out_path: Path) -> Any:
    return tempfile.NamedTemporaryFile("w+b", dir=out_path.parent if out_path.parent.is_dir()
                                       else None, prefix=".zhibiao-", suffix=".spill", delete=True)


def _gather(rolled: dict[str, dict[Any, list[Entry]]] | None, entries: dict[str, dict[Any, list[Entry]]]) -> None:
    if rolled is None:
        return
    for measure, groups in entries.items():
        mine = rolled.setdefault(measure, {})
        for group, items in groups.items():
            mine.setdefault(group, []).extend(items)


def _later_pass(stream: Stream, jobs: int, ctx: Context, table: Standings, keys: _Keys, out_path: Path,
                spills: list[Any]) -> None:
    """Score the blocks of `ctx.stage` (their members were scored by an earlier pass) into a spill of their own."""
    spill = _spill(out_path)
    spills.append(spill)
    for chunk in _in_order(jobs, _chunks(stream, CHUNK), lambda frags: score_chunk(ctx, frags)):
        _gather(ctx.rolled, chunk.entries)
        if chunk.standings is not None:
            _keep(chunk, spill, table, keys)


def _keep(chunk: Chunk, spill: Any, table: Standings, keys: _Keys) -> None:
    """A scored chunk's lines to the spill, its standings and rank keys to the tables."""
    assert chunk.standings is not None
    spill.write(chunk.lines)
    table.merge(chunk.standings)
    keys.extend(chunk.placed, chunk.awarded)


@dataclass
class _Placing:
    """What placing ranks and awards into the result lines needs; forked writers inherit it."""

    fmt: str
    blocks: list[str]
    lines: _Lines
    table: Standings
    keys: _Keys
    partial: Partial
    general: _General | None
    done: Any = None  # per writer, lines written so far (a shared array: the parent shows the progress)

    def line(self, i: int, line: str) -> str:
        keys, block = self.keys, self.blocks[self.keys.block[i]]
        total = Decimal(repr(keys.total[i]))
        basis = Decimal(repr(keys.basis[i])) if keys.basis is not None else None
        tie = Decimal(repr(keys.tie[i])) if keys.tie is not None else None
        p = self.table.place(i, "", block, total, basis, tie)
        if self.general is not None:
            p.award, p.award_note = self.general.award(keys, i, block)
        note = self.partial.award_note(block, p.award, p.award_note)
        text = lines.place(line.rstrip("\n"), p.rank, p.rank_note, p.award, note)
        if self.fmt == "jsonl":
            return text + "\n"
        return ",\n" + text if i else text

    def write(self, fh: Any, start: int, stop: int, report: Callable[[int], None]) -> None:
        """Lines `start` to `stop` (input order), placed, into the binary file `fh`."""
        buffer: list[str] = []
        for i, line in enumerate(self.lines.lines()):
            if i >= stop:
                break
            if i < start:
                continue
            buffer.append(self.line(i, line))
            if len(buffer) >= 2000:
                fh.write("".join(buffer).encode("utf-8"))
                buffer = []
                report(i + 1 - start)
        fh.write("".join(buffer).encode("utf-8"))
        report(stop - start)


def _write_part(placing: _Placing, k: int, start: int, stop: int, path: str) -> None:
    """A forked writer: one part of the output, placed, into a file of its own."""
    done = placing.done

    def report(n: int) -> None:
        done[k] = n

    with open(path, "wb") as fh:
        placing.write(fh, start, stop, report)


def _write(out_path: Path, placing: _Placing, head: dict[str, Any], count: int, jobs: int,
           progress: Progress | None = None) -> None:
    """Write the output to a temporary file beside it, then rename it. The lines are placed (ranks, awards)
    by this process, or with `jobs` > 1 by as many forked writers, each its share into a part file of its own,
    the parts then copied in order: placing is a fifth of a run's time, and would otherwise run on one core
    while the others wait."""
    folder = out_path.parent if str(out_path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=folder)
    parts: list[str] = []
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write((lines.header_line(head, count) if placing.fmt == "jsonl" else lines.document_start(head))
                     .encode("utf-8"))
            writers = min(jobs, count // CHUNK)
            if writers > 1:
                for k in range(writers):
                    pfd, part = tempfile.mkstemp(prefix=f".{out_path.name}.{k}.", suffix=".part", dir=folder)
                    os.close(pfd)
                    parts.append(part)
                placing.done = multiprocessing.get_context("fork").RawArray("q", writers)
                _write_parts(placing, parts, count, progress)
                for part in parts:
                    _append(fh, part)
            else:
                placing.write(fh, 0, count, lambda n: progress(WRITE, n, count) if progress is not None else None)
            if placing.fmt == "json":
                fh.write(lines.DOCUMENT_END.encode("utf-8"))
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        for part in parts:
            Path(part).unlink(missing_ok=True)


def _append(fh: Any, path: str) -> None:
    """Copy the file `path` to the end of `fh`, in the kernel where it can (no pass through Python)."""
    fh.flush()
    start = fh.tell()
    with open(path, "rb") as src:
        try:
            size, sent = os.fstat(src.fileno()).st_size, 0
            while sent < size:
                n = os.sendfile(fh.fileno(), src.fileno(), sent, size - sent)
                if not n:
                    break
                sent += n
            fh.seek(0, os.SEEK_END)
        except OSError:  # a file system that does not allow it: the same bytes through a buffer
            src.seek(0)
            fh.seek(start)
            fh.truncate()  # nothing half-copied stays ahead of the copy
            shutil.copyfileobj(src, fh, 1 << 22)


def _write_parts(placing: _Placing, parts: list[str], count: int, progress: Progress | None) -> None:
    writers = len(parts)
    bounds = [count * k // writers for k in range(writers + 1)]
    shares = [(k, bounds[k], bounds[k + 1], part) for k, part in enumerate(parts)]

    def waiting() -> None:
        if progress is not None:
            progress(WRITE, sum(placing.done), count)

    with _failed_worker(), Workers(writers, lambda share: _write_part(placing, *share)) as pool:
        for _ in pool.map(shares, writers, waiting):
            pass
    waiting()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
