"""Score a partitioned dataset on Apache Spark, with the same results, subject by subject, as `zhibiao batch`.

    zhibiao spark 全省填报/ -o 结果/ --master local[2]       # or spark-submit, see docs/manual/scale.md

A dataset is a folder holding `header.json` (the submission's header: kind, scheme, period, college — what the
first line of a JSON Lines submission holds) and part files `*.jsonl`, one subject a line, read in the order of
their names; or one JSON Lines submission (header line first). Results: a folder of part files in input order
beside `header.json` (the result header), or, when the output name ends in .jsonl, one file exactly as
`zhibiao batch` writes it.

How the work is split, and why the results are the same as one process's:
1. Spark reads the lines; one pass counts the lines of each partition, so every line knows its file line number
   and every subject its position in the whole input — the index a local run gives it.
2. Each partition is checked and scored by `jobs.batch.score_chunk` (the function `zhibiao batch` runs in its
   workers): result lines with rank and award still to be placed, rank keys, identities, located problems.
   Every executor process registers its own durable-rules rulesets.
3. The ranking table (`evaluate.standings.Standings`) of each partition is merged by Spark (`treeReduce`; the
   merge keeps the lowest indices whatever the order), finished on the driver, and broadcast back; repeated
   subjects are found by Spark (`reduceByKey` on identities).
4. Each partition places ranks and awards into its lines; the driver writes the header and the lines in order.
Awards of the general language (several awards, shares, grades, eligibility) are given on the driver by
`evaluate.ranking.AwardTable` from every subject's award keys (three numbers an award), collected in input
order, and broadcast with the ranking table. What needs a pass over every subject before scoring (rank rules,
“the most”, roll-ups) is refused (`jobs.batch.spark_needs`); `zhibiao batch` scores it.

pyspark is an optional extra (`pip install 'zhibiao[spark]'`, Java 17+), imported when a job runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from .. import messages
from ..build.submission import SubjectReader, missing_from, read_header
from ..build.submission_shape import subject_keys
from ..errors import LoadError, Location, Problem, SubmissionError, UsageError, errors_only
from ..evaluate.ranking import AwardTable, add_award
from ..evaluate.run import Partial, period_label, scoring_terms
from ..evaluate.standings import Standings
from ..jobs import batch
from ..limits import DEFAULT, Limits
from ..load import Document, load_file, load_text
from ..load.stream import Fragment, fragment_document, is_json_lines
from ..model.results import SubjectResult
from ..model.scheme import Scheme
from ..render import lines
from ..repository import Repository
from ..validate.schema import split_check

HEADER = "header.json"
SCHEMA = "submission.schema.json"


@dataclass(frozen=True)
class Payload:
    """What every executor needs, broadcast once: the scheme, the date and weight, the schemas' texts."""

    scheme: Scheme
    as_of: dt.date
    weight: Decimal | None
    schemas: tuple[tuple[str, str], ...]
    names: tuple[str, ...]          # each input file as messages name it
    limits: Limits


@dataclass(frozen=True)
class Start:
    """Where a partition starts: its file, the file line of its first line, the index of its first subject, and
    whether its first non-blank line is the header of a one-file submission."""

    file: int
    line: int
    index: int
    header: bool


# ------------------------------------------------------------------ executor side (pure Python over iterators)
_contexts: dict[int, batch.Context] = {}


def _context(payload: Payload) -> batch.Context:
    key = id(payload)
    found = _contexts.get(key)
    if found is None:
        digest = hashlib.sha256(json.dumps(payload.schemas).encode()).hexdigest()[:16]
        folder = Path(tempfile.gettempdir()) / f"zhibiao-schemas-{digest}"
        if not (folder / SCHEMA).exists():
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in payload.schemas:
                (folder / name).write_text(text, encoding="utf-8")
        check = split_check(folder, SCHEMA, "subjects")
        _contexts.clear()
        found = _contexts[key] = batch.Context(payload.scheme, payload.as_of, payload.weight, "", payload.limits, check,
                                               listed=frozenset(b.id for b in payload.scheme.blocks if b.subjects),
                                               keys=tuple(subject_keys(folder)),
                                               general=not payload.scheme.plain_awards)
    return found


def count_lines(lines_: Iterator[str]) -> Iterator[tuple[int, int]]:
    total = blank = 0
    for text in lines_:
        total += 1
        if not text.strip():
            blank += 1
    yield total, total - blank


def score_partition(payload: Payload, starts: list[Start], part: int, lines_: Iterator[str]) -> Iterator[tuple]:
    """Records: ("r", index, identity, block, total, basis, tie, line, awarded), ("p", problem), ("s", standings),
    ("i", index, identity), ("l", block, name). `awarded`: the general language's award keys (`award_entries`)."""
    start = starts[part]
    ctx = _context(payload)
    ctx.path = payload.names[start.file]
    frags: list[Fragment] = []
    index, skip_header = start.index, start.header
    table = Standings(None if not payload.scheme.plain_awards else payload.scheme.awards)
    for n, text in enumerate(lines_, start.line):
        stripped = text.lstrip(" \t\r\n")
        if not stripped.strip():
            continue
        if skip_header:
            skip_header = False
            continue
        frags.append(Fragment(index, stripped, n, len(text) - len(stripped) + 1))
        index += 1
        if len(frags) >= batch.CHUNK:
            yield from _scored(ctx, frags, table)
            frags = []
    if frags:
        yield from _scored(ctx, frags, table)
    yield ("s", table)


def _scored(ctx: batch.Context, frags: list[Fragment], table: Standings) -> Iterator[tuple]:
    chunk = batch.score_chunk(ctx, frags)
    for p in chunk.problems:
        yield ("p", p)
    if chunk.standings is not None:
        table.merge(chunk.standings)
    by_index = dict(chunk.identities)
    texts = chunk.lines.decode("utf-8").split("\n")
    awarded = chunk.awarded or [()] * len(chunk.placed)
    for (index, block, total, basis, tie), line, row in zip(chunk.placed, texts, awarded):
        yield ("r", index, by_index[index], block, total, basis, tie, line, row)
    scored = {i for i, *_ in chunk.placed}
    for index, identity in chunk.identities:  # checked but not scored (scoring stopped): still counted for repeats
        if index not in scored:
            yield ("i", index, identity)
    for block, name in chunk.listed:  # subjects of blocks that list theirs: a partial list is said, as locally
        yield ("l", block, name)


def place_partition(table: Standings, partial: Partial, blocks: list[str], general: list[AwardTable] | None,
                    records: Iterator[tuple]) -> Iterator[str]:
    for rec in records:
        if rec[0] != "r":
            continue
        _, index, _, block, total, basis, tie, line, row = rec
        p = table.place(index, "", blocks[block], Decimal(repr(total)),
                        Decimal(repr(basis)) if table.awards else None, Decimal(repr(tie)) if table.awards else None)
        if general is not None:
            placed = SubjectResult("", blocks[block], Decimal(0), [])
            for k, t in enumerate(general):
                add_award(placed, *t.award(index, blocks[block], *_award_keys(row, k)))
            p.award, p.award_note = placed.award, placed.award_note
        note = partial.award_note(blocks[block], p.award, p.award_note)
        yield lines.place(line, p.rank, p.rank_note, p.award, note)


def _merge(a: Standings, b: Standings) -> Standings:
    return a.merge(b)


def _award_keys(row: tuple, k: int) -> tuple[bool, Decimal | None, Decimal | None]:
    """A subject's keys for the k-th award of the general language (see `batch.award_entries`)."""
    flag, basis, tie = row[3 * k: 3 * k + 3]
    if not flag:
        return False, None, None
    return flag == 2, Decimal(repr(basis)), Decimal(repr(tie))


def _general_awards(found: Scheme, scored: Any, blocks: list[str]) -> tuple[list[AwardTable], str]:
    """The awards of the general language: every subject's keys (a few doubles each) come to the driver in
    input order and fill `AwardTable`s, as `zhibiao batch` fills them; the names of tied winners follow."""
    tables = [AwardTable(a, *batch.award_names(found, a)) for a in found.award_list]
    rows = sorted(scored.filter(lambda r: r[0] == "r").map(lambda r: (r[1], r[3], r[8])).collect())
    for _, block, row in rows:
        for k, t in enumerate(tables):
            allowed, basis, tie = _award_keys(row, k)
            if basis is not None:
                t.add(blocks[block], allowed, basis, tie)
    for t in tables:
        t.finish()
    wanted = {index for index, block, row in rows
              if any(t.needs_name(blocks[block], *_award_keys(row, k)) for k, t in enumerate(tables))}
    names = sorted(scored.filter(lambda r: r[0] == "r" and r[1] in wanted)
                   .map(lambda r: (r[1], json.loads(r[7])["name"])).collect()) if wanted else []
    by_index = {index: (block, row) for index, block, row in rows if index in wanted}
    for index, name in names:
        block, row = by_index[index]
        for k, t in enumerate(tables):
            allowed, basis, tie = _award_keys(row, k)
            if allowed and t.needs_name(blocks[block], allowed, basis, tie):
                t.add_name(index, blocks[block], basis, tie, name)
    return tables, "；".join(n for t in tables if (n := t.notes()))


# ------------------------------------------------------------------ driver side
def _dataset(repo: Repository, source: Path, limits: Limits) -> tuple[Document, list[Path], bool]:
    """The header document, the input files in order, and whether the header is the first line of the only file."""
    if source.is_dir():
        header = source / HEADER
        if not header.is_file():
            raise UsageError([Problem.of("spark.header-missing", Location(str(source)), expected=HEADER)])
        files = sorted(p for p in source.iterdir() if p.is_file() and is_json_lines(p))
        if not files:
            raise UsageError([Problem.of("spark.no-parts", Location(str(source)))])
        doc = load_file(header, repo.display(header), limits=limits)
        if isinstance(doc.data, dict):
            doc.data = dict(doc.data, subjects=[])
        return doc, files, False
    if not is_json_lines(source):
        raise UsageError([Problem.of("spark.input", Location(str(source)))])
    with open(source, encoding="utf-8-sig") as fh:
        for n, text in enumerate(fh, 1):
            if text.strip():
                first = load_text(text, repo.display(source), limits=limits, json=True)
                break
        else:
            raise LoadError([Problem.of("load.empty", Location(repo.display(source)), expected="第一行为填报头")])
    if n > 1:
        first = load_text("\n" * (n - 1) + text, repo.display(source), limits=limits, json=True)
    if isinstance(first.data, dict):
        first.data = dict(first.data, subjects=[])
    return first, [source], True


def score_dataset(repo: Repository, source: str | Path, output: str | Path, *, scheme: str | Scheme | None = None,
                  as_of: dt.date | None = None, year_end_weight: Decimal | None = None, master: str | None = None,
                  partitions: int | None = None, limits: Limits = DEFAULT, spark: Any = None) -> batch.Summary:
    """Score a dataset with Spark (see the module's description); returns what was written."""
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    src = Path(source)
    header, files, header_line = _dataset(repo, src, limits)
    check = split_check(repo.schemas, SCHEMA, "subjects")
    problems = check.check_header(header)
    if problems:
        raise SubmissionError(problems, summary=messages.render("submission.header", {"file": header.path}))
    found = repo.scheme_for(header.data, scheme)
    batch.refuse_whole_submission(found, header.path)
    header_problems: list[Problem] = []
    sub = read_header(header, found, header_problems)
    if sub is None or errors_only(header_problems):
        raise SubmissionError(header_problems, summary=messages.render("submission.errors", {
            "file": header.path, "count": len(header_problems)}))
    when, weight = scoring_terms(sub, found, as_of, year_end_weight)

    if spark is None:
        if (master or "").startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # executors run this Python (zhibiao installed)
        builder = SparkSession.builder.appName("zhibiao").config("spark.ui.enabled", "false")
        spark = (builder.master(master) if master else builder).getOrCreate()
    sc = spark.sparkContext
    payload = Payload(found, when, weight,
                      tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted(repo.schemas.glob("*.schema.json"))),
                      tuple(repo.display(f) for f in files), limits)
    per_file = [sc.textFile(str(f.resolve()), partitions or sc.defaultParallelism) for f in files]
    owner = [i for i, r in enumerate(per_file) for _ in range(r.getNumPartitions())]
    text = sc.union(per_file) if len(per_file) > 1 else per_file[0]
    counts = text.mapPartitions(count_lines).collect()
    starts, index, line, header_left = [], 0, 1, header_line
    for part, (total, nonblank) in enumerate(counts):
        if part and owner[part] != owner[part - 1]:
            line = 1
        has_header = header_left and nonblank > 0
        starts.append(Start(owner[part], line, index, has_header))
        if has_header:
            header_left = False
            nonblank -= 1
        index += nonblank
        line += total
    shared = sc.broadcast(payload)
    where = sc.broadcast(starts)
    scored = text.mapPartitionsWithIndex(
        lambda part, it: score_partition(shared.value, where.value, part, it)).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        found_problems = scored.filter(lambda r: r[0] == "p").map(lambda r: r[1])
        kept = found_problems.take(batch.MAX_PROBLEMS)
        errors = found_problems.filter(lambda p: p.severity == "error").count() if kept else 0
        repeats = (scored.filter(lambda r: r[0] in ("r", "i")).map(lambda r: (r[2], [r[1]]))
                   .reduceByKey(lambda a, b: sorted(a + b)[:batch.MAX_PROBLEMS]).filter(lambda kv: len(kv[1]) > 1)
                   .take(batch.MAX_PROBLEMS))
        if repeats:
            found_repeats = _repeat_problems(payload, starts, text, repeats)
            errors += len(found_repeats)
            kept += found_repeats[:max(batch.MAX_PROBLEMS - len(kept), 0)]
        kept += check.check_count(header, index)
        errors += len(errors_only(check.check_count(header, index)))
        if errors:
            raise batch.refused(header.path, kept, errors)
        table = scored.filter(lambda r: r[0] == "s").map(lambda r: r[1]).treeReduce(_merge)
        table.awards_note = ""
        final = Standings(found.awards if found.plain_awards else None, *batch.award_names(found))
        final.merge(table)
        final.finish()
        blocks = [b.id for b in found.blocks]
        general, awards_note = (None, final.awards_note) if found.plain_awards else _general_awards(found, scored,
                                                                                                    blocks)
        counted = (scored.filter(lambda r: r[0] == "r").map(lambda r: (blocks[r[3]], 1)).reduceByKey(lambda a, b: a + b)
                   .collectAsMap())
        given: dict[str, set[str]] = {}
        for _, block, name in scored.filter(lambda r: r[0] == "l").collect():
            given.setdefault(block, set()).add(name)
        warnings = missing_from(header, found, given)
        partial = Partial(warnings, found, dict(counted))
        ranked = sc.broadcast((final, partial, general))
        placed = scored.mapPartitions(lambda it: place_partition(ranked.value[0], ranked.value[1], blocks,
                                                                 ranked.value[2], it))
        head = lines.head({"id": found.id, "title": found.meta.title, "version": found.version,
                           "rules_hash": found.content_hash, "revision": found.revision}, when, period_label(sub),
                          sub.path if not header_line else repo.display(src), weight,
                          partial.awards_note(awards_note), warnings)
        _write(Path(output), head, index, placed)
        by_block = {b: counted[b] for b in blocks if b in counted}
        return batch.Summary(str(output), index, by_block, found.id, found.version, when, sc.defaultParallelism,
                             "jsonl")
    finally:
        scored.unpersist()


def _repeat_problems(payload: Payload, starts: list[Start], text: Any, repeats: list) -> list[Problem]:
    """Subjects listed twice: located at the second listing, naming the line of the first."""
    wanted = {i for _, indices in repeats for i in indices}
    found = (text.mapPartitionsWithIndex(lambda part, it: _frags_at(starts, part, it, wanted))
             .collect())
    frags = {f.index: (file, f) for file, f in found}
    reader = SubjectReader(payload.scheme)
    out: list[Problem] = []
    for identity, indices in repeats:
        first_file, first = frags[indices[0]]
        for i in indices[1:]:
            file, frag = frags[i]
            doc = fragment_document(frag, payload.names[file], payload.limits)
            reader.doc, reader.problems = doc, out
            if file == first_file:
                reader.repeated(i, doc.data["name"], first.line)
            else:  # in another part file: name it
                reader.err(("subjects", i, "name"), "submission.subject-twice-at", subject=doc.data["name"],
                           first=f"{payload.names[first_file]}:{first.line}")
    return out


def _frags_at(starts: list[Start], part: int, lines_: Iterator[str], wanted: set[int]) -> Iterator[tuple[int, Fragment]]:
    start = starts[part]
    index, skip = start.index, start.header
    for n, text in enumerate(lines_, start.line):
        stripped = text.lstrip(" \t\r\n")
        if not stripped.strip():
            continue
        if skip:
            skip = False
            continue
        if index in wanted:
            yield start.file, Fragment(index, stripped, n, len(text) - len(stripped) + 1)
        index += 1


def _write(out: Path, head: dict[str, Any], count: int, placed: Any) -> None:
    """One JSON Lines file (as `zhibiao batch` writes it) or a folder: header.json and part files in order."""
    if is_json_lines(out):
        folder = out.parent if str(out.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(lines.header_line(head, count))
                for line in placed.toLocalIterator():
                    fh.write(line + "\n")
            os.chmod(tmp, 0o644)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return
    if out.exists():
        raise UsageError([Problem.of("spark.output-exists", Location(str(out)))])
    placed.saveAsTextFile(str(out.resolve()))
    (out / HEADER).write_text(lines.header_line(head, count), encoding="utf-8")
