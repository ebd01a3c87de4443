"""Score a submission of any size, file in → file out, in flat memory, on one core or several.

    read (load.stream) → check each subject (schema, then build.submission) → score in chunks (evaluate)
      → write each result line to a spill file as it is produced, its rank keys to a compact table
      → rank (evaluate.standings) → copy the spill to the output with ranks and awards placed, atomically

Memory holds one chunk of subjects, the key table (a few doubles a subject) and the first names of each tie.
With `jobs` > 1, worker processes check and score chunks while this process reads, keeps the chunks in order
(a bounded window: reading never runs far ahead of scoring) and writes. Every worker registers its own
durable-rules rulesets (they belong to a process); the parent never touches the engine before forking.

Nothing is written when any subject has a problem: problems are collected (the first `MAX_PROBLEMS`, then a
count), scoring stops at the first one while checking goes on, and one SubmissionError reports them all.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import gc
import json
import multiprocessing
import os
import tempfile
from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

from .. import messages
from ..build.submission import SubjectReader, missing_from, read_header
from ..build.submission_shape import subject_keys, subject_problems
from ..errors import LoadError, Location, Problem, SubmissionError, UsageError, ZhibiaoError, errors_only
from ..evaluate.outcomes import candidates
from ..evaluate.prepare import RankTable, rank_inputs, rank_tables
from ..evaluate.ranking import AwardTable, add_award, award_keys
from ..evaluate.run import Partial, period_label, score_blocks, scoring_terms
from ..evaluate.standings import Standings, sort_key
from ..limits import DEFAULT, Limits
from ..load.stream import Fragment, Stream, fragment_document
from ..model.results import SubjectResult
from ..model.scheme import Awards, Scheme
from ..model.submission import SubjectInput
from ..progress import SCORE, WRITE, Progress
from ..render import lines
from ..repository import Repository
from ..validate.schema import SplitCheck, split_check

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
    stop: Any = None   # an Event: set once any problem is found, so scoring stops (nothing will be written)
    listed: frozenset[str] = frozenset()  # blocks whose subjects the scheme lists (a partial list is said)
    keys: tuple[str, ...] = ()             # the keys a subject may have (the submission schema's)
    reader: SubjectReader | None = None
    general: bool = False                  # awards of the general language (`AwardTable`), not `Standings`'
    ranked: dict[str, dict[str, RankTable]] | None = None  # per block, rank tables from the first pass


@dataclass
class Chunk:
    first: int
    size: int
    lines: str = ""                                   # result lines, "\n"-terminated, in input order
    placed: list[tuple[int, int, float, float, float]] = field(default_factory=list)  # index, block, keys
    awarded: list[tuple[float, ...]] = field(default_factory=list)  # per award: may compete (0/1/2), basis, tie
    identities: list[tuple[int, str]] = field(default_factory=list)
    listed: list[tuple[str, str]] = field(default_factory=list)  # (block, name) in blocks that list their subjects
    problems: list[Problem] = field(default_factory=list)
    standings: Standings | None = None


_CONTEXT: Context | None = None


def _score_chunk(frags: list[Fragment]) -> Chunk:
    assert _CONTEXT is not None
    return score_chunk(_CONTEXT, frags)


def _rank_chunk(frags: list[Fragment]) -> dict[str, dict[str, RankTable]]:
    assert _CONTEXT is not None
    return rank_chunk(_CONTEXT, frags)


def rank_chunk(ctx: Context, frags: list[Fragment]) -> dict[str, dict[str, RankTable]]:
    """The first pass of a scheme that ranks (rank rules, “the most”): what consecutive subjects are ranked by,
    per block, into rank tables (subjects with problems are left out: the second pass reports them)."""
    throwaway = Chunk(0, 0)
    inputs = _read(ctx, frags, throwaway)
    by_block: dict[str, list[tuple[int, SubjectInput]]] = {}
    for index, subject in inputs:
        by_block.setdefault(subject.block, []).append((index, subject))
    out: dict[str, dict[str, RankTable]] = {}
    for bid, items in by_block.items():
        tables = out[bid] = rank_tables(ctx.scheme, bid)
        if tables:
            rank_inputs(ctx.scheme, bid, ctx.as_of, [s for _, s in items], [i for i, _ in items], tables)
    return out


def _read(ctx: Context, frags: list[Fragment], out: "Chunk") -> list[tuple[int, SubjectInput]]:
    """Check and read consecutive subjects; their identities, listed names and problems go into `out`."""
    if ctx.reader is None:
        ctx.reader = SubjectReader(ctx.scheme)
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
    if errors_only(out.problems) and ctx.stop is not None:
        ctx.stop.set()
    if not inputs or (ctx.stop is not None and ctx.stop.is_set()):
        return out
    awards = None if ctx.general else ctx.scheme.awards
    table = Standings(awards)
    blocks = {b.id: i for i, b in enumerate(ctx.scheme.blocks)}
    results = score_blocks(ctx.scheme, [s for _, s in inputs], ctx.as_of, ranked=ctx.ranked,
                           indices=[i for i, _ in inputs])
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
    out.lines = "\n".join(text) + "\n"
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


def _first_pass(stream: Stream, jobs: int) -> dict[str, dict[str, RankTable]]:
    """Every subject's rank inputs, merged in input order, then ranked (before the second pass forks)."""
    ranked: dict[str, dict[str, RankTable]] = {}
    for part in _in_order(jobs, _chunks(stream, CHUNK), _rank_chunk):
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


def _in_order(jobs: int, work: Iterator[list[Fragment]], run: Callable[[list[Fragment]], Any] = _score_chunk
              ) -> Iterator[Any]:
    """Chunks scored (`run`) by `jobs` forked workers, yielded in input order, with at most a few in flight."""
    if jobs == 1:
        for frags in work:
            yield run(frags)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs) as pool:
        pending: collections.deque = collections.deque()
        for frags in work:
            pending.append(pool.apply_async(run, (frags,)))
            if len(pending) >= jobs * WINDOW_PER_JOB:
                yield _get(pending.popleft())
        while pending:
            yield _get(pending.popleft())


def _get(result: Any) -> Any:
    try:
        return result.get()
    except ZhibiaoError:
        raise
    except Exception as exc:  # a worker died (killed, out of memory): say so, write nothing
        raise SubmissionError([Problem.of("batch.worker-failed", Location("<评分进程>"),
                                          detail=f"{type(exc).__name__}: {exc}")]) from exc


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


def chunk_needs(scheme: Scheme) -> tuple[str, ...]:
    """What `score_file` cannot yet score chunk by chunk: roll-ups (members' results before their group's)."""
    return ("逐级汇总",) if any(m.rollup for m in scheme.measures) else ()


def refuse_whole_submission(scheme: Scheme, display: str, needs: tuple[str, ...] | None = None) -> None:
    """Chunks are scored apart: what needs every subject at once would be silently wrong, so a chunked job
    refuses a scheme that uses it, naming what it uses. `needs`: what the job cannot do (default: all of
    `Scheme.whole_submission_needs`, as the Spark job)."""
    needs = scheme.whole_submission_needs() if needs is None else needs
    if needs:
        raise UsageError([Problem.of("batch.whole-submission", Location(display), scheme=scheme.id, actual=list(needs))])


def score_file(repo: Repository, source: str | Path, output: str | Path, *, scheme: str | Scheme | None = None,
               as_of: dt.date | None = None, year_end_weight: Decimal | None = None, jobs: int = 1,
               format: str | None = None, limits: Limits = DEFAULT,
               progress: Progress | None = None) -> Summary:
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
    refuse_whole_submission(found, display, chunk_needs(found))
    header_problems: list[Problem] = []
    sub = read_header(stream.header, found, header_problems)
    if sub is None or errors_only(header_problems):
        raise SubmissionError(header_problems, summary=messages.render("submission.errors", {"file": display,
                                                                                             "count": len(header_problems)}))
    when, weight = scoring_terms(sub, found, as_of, year_end_weight)
    before = dict(stream.header.data)
    global _CONTEXT
    stop = multiprocessing.get_context("fork").Event() if jobs > 1 else None
    _CONTEXT = ctx = Context(found, when, weight, display, limits, check, stop,
                             listed=frozenset(b.id for b in found.blocks if b.subjects),
                             keys=tuple(subject_keys(repo.schemas)), general=not found.plain_awards)
    if any(rank_tables(found, b.id) for b in found.blocks):
        ctx.ranked = _first_pass(Stream(source, display, limits=limits), jobs)
    gc_was = gc.get_threshold()
    gc.freeze()  # the scheme, compiled rules and caches stay: the collector need not walk them again and again
    gc.set_threshold(50_000, 50, 100)  # scoring allocates much and leaves no cycles behind
    spill = tempfile.NamedTemporaryFile("w+", encoding="utf-8", dir=out_path.parent if out_path.parent.is_dir()
                                        else None, prefix=".zhibiao-", suffix=".spill", delete=True)
    try:
        table = Standings(None if ctx.general else found.awards, *award_names(found))
        keys = _Keys(bool(found.awards) and not ctx.general)
        general = _General(found) if ctx.general else None
        seen = _Seen()
        given: dict[str, set[str]] = {}
        kept: list[Problem] = []
        errors = count = read = 0
        by_block: collections.Counter[str] = collections.Counter()
        if progress is not None:
            progress(SCORE, 0, None)
        for chunk in _in_order(jobs, _chunks(stream, CHUNK)):
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
            if errors or chunk.standings is None:
                continue
            spill.write(chunk.lines)
            table.merge(chunk.standings)
            keys.extend(chunk.placed)
            if general is not None:
                general.extend(chunk.placed, chunk.awarded)
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
                                  jobs=jobs, format=format, limits=limits, progress=progress)
            sub = later
        short = check.check_count(stream.header, read)
        errors += len(errors_only(short))
        kept += short
        suspects = seen.suspects()
        if suspects:
            repeats = _repeats(Stream(source, display, limits=limits), suspects, ctx)
            errors += len(repeats)
            kept += repeats[:max(MAX_PROBLEMS - len(kept), 0)]
        if errors:
            raise refused(display, kept, errors)
        table.finish()
        awards_note = table.awards_note
        if general is not None:
            spill.flush()
            spill.seek(0)
            awards_note = general.finish(spill, keys)
        by_block.update({found.blocks[b].id: n for b, n in keys.block_counts().items()})
        warnings = missing_from(stream.header, found, given)
        partial = Partial(warnings, found, dict(by_block))
        head = lines.head({"id": found.id, "title": found.meta.title, "version": found.version,
                           "rules_hash": found.content_hash, "revision": found.revision}, when, period_label(sub),
                          sub.path, weight, partial.awards_note(awards_note), warnings)
        spill.flush()
        spill.seek(0)
        _write(out_path, fmt_name, head, count, spill, table, keys, found, partial, progress, general)
        return Summary(str(output), count, dict(by_block), found.id, found.version, when, jobs, fmt_name)
    finally:
        spill.close()
        _CONTEXT = None
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
    """Per subject, in input order: its block and the doubles it is ranked by (what placing needs)."""

    def __init__(self, awards: bool) -> None:
        self.block = array("B")
        self.total = array("d")
        self.basis = array("d") if awards else None
        self.tie = array("d") if awards else None

    def extend(self, placed: list[tuple[int, int, float, float, float]]) -> None:
        for _, block, total, basis, tie in placed:
            self.block.append(block)
            self.total.append(total)
            if self.basis is not None and self.tie is not None:
                self.basis.append(basis)
                self.tie.append(tie)

    def block_counts(self) -> dict[int, int]:
        return dict(collections.Counter(self.block))


class _General:
    """The awards of the general language (`AwardTable`, one per award) and, per subject in input order, what
    they need: for each award 1 byte (not in the pool / may not compete / competes) and its two keys."""

    def __init__(self, scheme: Scheme) -> None:
        self.blocks = [b.id for b in scheme.blocks]
        self.tables = [AwardTable(a, *award_names(scheme, a)) for a in scheme.award_list]
        self.flag = [array("b") for _ in self.tables]
        self.basis = [array("d") for _ in self.tables]
        self.tie = [array("d") for _ in self.tables]

    def extend(self, placed: list[tuple[int, int, float, float, float]], awarded: list[tuple[float, ...]]) -> None:
        for (_, block, *_), row in zip(placed, awarded):
            for k, t in enumerate(self.tables):
                flag, basis, tie = row[3 * k: 3 * k + 3]
                self.flag[k].append(int(flag))
                self.basis[k].append(basis)
                self.tie[k].append(tie)
                if flag:
                    t.add(self.blocks[block], flag == 2, Decimal(repr(basis)), Decimal(repr(tie)))

    def keys(self, k: int, i: int) -> tuple[bool, Decimal | None, Decimal | None]:
        if not self.flag[k][i]:
            return False, None, None
        return self.flag[k][i] == 2, Decimal(repr(self.basis[k][i])), Decimal(repr(self.tie[k][i]))

    def finish(self, spill: Any, keys: _Keys) -> str:
        """Rank every pool; read the names of tied winners from the spill (their notes name each other); return
        the note on ties at award boundaries."""
        for t in self.tables:
            t.finish()
        for i, line in enumerate(spill):
            block = self.blocks[keys.block[i]]
            for k, t in enumerate(self.tables):
                allowed, basis, tie = self.keys(k, i)
                if allowed and t.needs_name(block, allowed, basis, tie):
                    t.add_name(i, block, basis, tie, json.loads(line)["name"])
        return "；".join(n for t in self.tables if (n := t.notes()))

    def award(self, i: int, block: str) -> tuple[str | None, str]:
        placed = SubjectResult("", block, Decimal(0), [])
        for k, t in enumerate(self.tables):
            allowed, basis, tie = self.keys(k, i)
            add_award(placed, *t.award(i, block, allowed, basis, tie))
        return placed.award, placed.award_note


def _write(out_path: Path, fmt_name: str, head: dict[str, Any], count: int, spill: Any, table: Standings,
           keys: _Keys, scheme: Scheme, partial: Partial, progress: Progress | None = None,
           general: _General | None = None) -> None:
    """Copy the spill to a temporary file beside the output with ranks and awards placed; then rename it."""
    blocks = [b.id for b in scheme.blocks]
    folder = out_path.parent if str(out_path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(lines.header_line(head, count) if fmt_name == "jsonl" else lines.document_start(head))
            sep = "\n" if fmt_name == "jsonl" else ",\n"
            buffer: list[str] = []
            for i, line in enumerate(spill):
                total = Decimal(repr(keys.total[i]))
                basis = Decimal(repr(keys.basis[i])) if keys.basis is not None else None
                tie = Decimal(repr(keys.tie[i])) if keys.tie is not None else None
                p = table.place(i, "", blocks[keys.block[i]], total, basis, tie)
                if general is not None:
                    p.award, p.award_note = general.award(i, blocks[keys.block[i]])
                if i and fmt_name == "json":
                    buffer.append(sep)
                note = partial.award_note(blocks[keys.block[i]], p.award, p.award_note)
                buffer.append(lines.place(line.rstrip("\n"), p.rank, p.rank_note, p.award, note))
                if fmt_name == "jsonl":
                    buffer.append("\n")
                if len(buffer) >= 2000:
                    fh.write("".join(buffer))
                    buffer = []
                    if progress is not None:
                        progress(WRITE, i + 1, count)
            fh.write("".join(buffer))
            if progress is not None:
                progress(WRITE, count, count)
            if fmt_name == "json":
                fh.write(lines.DOCUMENT_END)
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
