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
from pathlib import Path

from ..errors import Location, Problem, UsageError, ZhibiaoError
from ..loading import load_file
from ..paths import relative, repo_root
from ..results import Run, SubjectResult
from ..submission import read_header
from ..run import score_with
from .versions import pick, schemes_at


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


def default_facts(root: Path | None = None) -> list[str]:
    """The example submissions in examples/ (files whose kind is submission)."""
    out = []
    for f in sorted((root or repo_root()).joinpath("examples").glob("*.y*ml")):
        try:
            data = load_file(f).data
        except ZhibiaoError:
            continue
        if isinstance(data, dict) and data.get("kind") == "submission":
            out.append(relative(f))
    return out


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


def compare_runs(old: Run, new: Run) -> list[SubjectImpact]:
    """Subjects whose total, rank or award differ, in the submission's order."""
    out = []
    for o, n in zip(old.subjects, new.subjects):
        if (o.total, o.rank, o.award) != (n.total, n.rank, n.award) or _deductions(o) != _deductions(n):
            out.append(compare_subject(o, n))
    return out


def impact(base: str, facts: list[str] | None = None, as_of: dt.date | None = None,
           root: Path | None = None) -> Impact:
    """Re-score `facts` (default: the examples) under `base`'s schemes and the working tree's."""
    old_schemes = schemes_at(base, root)
    new_schemes = schemes_at(None, root)
    paths = facts if facts else default_facts(root)
    if not paths:
        raise UsageError([Problem(Location("examples/"), "没有可用于比较的填报文件：请在命令后列出填报文件")])
    result = Impact(base, "工作区")
    for path in paths:
        _, ident, _ = read_header(path)
        old, new = pick(old_schemes, ident), pick(new_schemes, ident)
        if old is None or new is None:
            where = base if old is None else "工作区"
            result.files.append(FileImpact(path, ident, old.version if old else "", new.version if new else "",
                                           old.content_hash if old else "", new.content_hash if new else "",
                                           as_of, note=f"{where}中没有考核方案“{ident}”，无法比较"))
            continue
        before, after = score_with(path, old, as_of), score_with(path, new, as_of)
        result.files.append(FileImpact(path, ident, old.version, new.version, old.content_hash, new.content_hash,
                                       after.as_of, compare_runs(before, after), len(after.subjects)))
    return result
