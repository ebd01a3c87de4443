"""What a change to the rules does to real scores: re-score submissions under the base revision's scheme
and the working tree's, and explain every moved score rule by rule.

Both schemes go through the normal engine (submission reading, durable-rules matching, Decimal scoring,
ranking, awards). The two versions coexist in one process: compiled blocks are cached per scheme object and
durable-rules rulesets are registered under a hash of their patterns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import Location, Problem, UsageError, ZhibiaoError
from ..evaluate.run import score_submission
from ..model.results import Result, SubjectResult
from ..model.scheme import Scheme
from ..repository import Repository, version_key


@dataclass
class RuleDelta:
    rule_id: str
    text: str
    old: Decimal      # points deducted by this rule under the base scheme
    new: Decimal      # … and under the working tree's

    @property
    def delta(self) -> Decimal:
        return self.new - self.old


@dataclass
class SubjectImpact:
    name: str
    block: str
    old_total: Decimal
    new_total: Decimal
    old_rank: int | None
    new_rank: int | None
    old_award: str | None
    new_award: str | None
    rules: list[RuleDelta] = field(default_factory=list)
    floor_delta: Decimal = Decimal(0)  # change in what category floors cut off

    @property
    def delta(self) -> Decimal:
        return self.new_total - self.old_total


@dataclass
class FileImpact:
    facts: str
    scheme_id: str
    old_version: str
    new_version: str
    old_hash: str
    new_hash: str
    as_of: dt.date | None
    subjects: list[SubjectImpact] = field(default_factory=list)  # only subjects whose result moved
    scored: int = 0
    note: str = ""


@dataclass
class Impact:
    base: str
    head: str
    files: list[FileImpact] = field(default_factory=list)


def default_facts(repo: Repository) -> list[str]:
    """The example submissions in examples/ (files whose kind is submission)."""
    out = []
    for f in sorted(repo.examples.glob("*.y*ml")):
        try:
            data = repo.load(f).data
        except ZhibiaoError:
            continue
        if isinstance(data, dict) and data.get("kind") == "submission":
            out.append(repo.display(f))
    return out


def pick(schemes: list[Scheme], ident: str, version: str | None = None) -> Scheme | None:
    """The scheme with this id and version; without a version, the newest in force (as Repository.scheme does)."""
    found = [s for s in schemes if s.id == ident]
    if version:
        return next((s for s in found if s.version == version), None)
    live = [s for s in found if s.meta.status == "生效"] or found
    return max(live, key=lambda s: version_key(s.version), default=None)


def _deductions(s: SubjectResult) -> dict[str, tuple[str, Decimal]]:
    out: dict[str, tuple[str, Decimal]] = {}
    for d in s.deductions:
        text, total = out.get(d.rule_id, (d.text, Decimal(0)))
        out[d.rule_id] = (text, total + d.subtotal)
    return out


def compare_subject(old: SubjectResult, new: SubjectResult) -> SubjectImpact:
    a, b = _deductions(old), _deductions(new)
    rules = []
    for rid in dict.fromkeys([*a, *b]):
        text = (b.get(rid) or a[rid])[0]
        before, after = a.get(rid, ("", Decimal(0)))[1], b.get(rid, ("", Decimal(0)))[1]
        if before != after:
            rules.append(RuleDelta(rid, text, before, after))
    floor = sum((c.floor_cut for c in new.categories), Decimal(0)) - sum((c.floor_cut for c in old.categories), Decimal(0))
    return SubjectImpact(new.name, new.block, old.total, new.total, old.rank, new.rank, old.award, new.award,
                         rules, floor)


def compare_runs(old: Result, new: Result) -> list[SubjectImpact]:
    """Subjects whose total, rank or award differ, in the submission's order."""
    out = []
    for o, n in zip(old.subjects, new.subjects):
        if (o.total, o.rank, o.award) != (n.total, n.rank, n.award) or _deductions(o) != _deductions(n):
            out.append(compare_subject(o, n))
    return out


def impact(repo: Repository, base: str, facts: list[str] | None = None, as_of: dt.date | None = None) -> Impact:
    """Re-score `facts` (default: the examples) under `base`'s schemes and the working tree's."""
    old_schemes = repo.schemes_at(base)
    new_schemes = repo.schemes_at(None)
    paths = facts if facts else default_facts(repo)
    if not paths:
        raise UsageError([Problem.of("impact.no-facts", Location("examples/"))])
    result = Impact(base, "工作区")
    for path in paths:
        doc = repo.submission_document(path)
        ident = str((doc.data or {}).get("scheme", "")).partition("@")[0] if isinstance(doc.data, dict) else ""
        old, new = pick(old_schemes, ident), pick(new_schemes, ident)
        if old is None or new is None:
            where = base if old is None else "工作区"
            result.files.append(FileImpact(path, ident, old.version if old else "", new.version if new else "",
                                           old.content_hash if old else "", new.content_hash if new else "",
                                           as_of, note=f"{where}中没有考核方案“{ident}”，无法比较"))
            continue
        before = score_submission(repo.read_submission(doc, old)[0], old, as_of)
        after = score_submission(repo.read_submission(doc, new)[0], new, as_of)
        result.files.append(FileImpact(path, ident, old.version, new.version, old.content_hash, new.content_hash,
                                       after.as_of, compare_runs(before, after), len(after.subjects)))
    return result
