"""Rule coverage (like `opa test --coverage`): which rules of the repository did the scenarios exercise?

The rule engine records every (namespace, rule) that fires while a recorder is installed; the scenario run saves
that set to `.artifacts/rule-coverage.json` together with WHEN it was recorded, WHETHER every scenario ran, and a
fingerprint of the rules it was recorded against. A record made against other rules, or by a partial run, says
nothing about the rules as they are now: `check_record` refuses it with the reason, instead of printing a number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .compile.outcomes import grade_key
from .compile.scheme import branch_key
from .errors import Location, Problem, UsageError
from .model.objectives import STATES
from .model.scheme import Rule, Scheme
from .numbers import fmt
from .render.output import write_atomic
from .repository import Repository

DEFAULT_FILE = ".artifacts/rule-coverage.json"


@dataclass(frozen=True)
class KnownRule:
    namespace: str
    key: str
    text: str
    where: str
    group: str = ""  # the namespace as people name it: 考核方案“…”、复核结论…


def universe(repo: Repository) -> list[KnownRule]:
    """Every evaluable rule in the repository: scheme rules in force, review conclusions and consequences, and
    each indicator's states (namespaces as the engine programs name them)."""
    out: list[KnownRule] = []
    for s in repo.schemes():
        if s.meta.status != "生效":
            continue
        out += scheme_rules(s)
    for proc in repo.catalog.review_procedures:
        out += [KnownRule("review_conclusion", c.id, f"复核结论“{c.name}”：{c.text}", proc.meta.path,
                          f"复核结论（{proc.meta.title}）") for c in proc.conclusions]
        out += [KnownRule("review_consequence", q.id, f"{q.name}：{q.text}", proc.meta.path,
                          f"复核后果（{proc.meta.title}）") for q in proc.consequences]
    for objectives in repo.catalog.objectives:
        for ind in objectives.indicators:
            out += [KnownRule("indicator_state", f"{ind.id}:{state}", f"指标“{ind.name}”{state}", objectives.meta.path,
                              f"质量目标指标状态（{objectives.meta.title}）")
                    for state, _ in ind.rules() if state in STATES]
    return out


def scheme_rules(s: Scheme) -> list[KnownRule]:
    """A scheme's rules as the engine names them: a rule whose amount depends on an alternative (a band, a grade,
    a level, a rank band, gain or loss) counts once per alternative — each must be exercised; so must every veto,
    eligibility limit and grade."""
    ns, group = f"scheme:{s.id}", f"考核方案“{s.meta.title}”（{s.id} {s.version}）"
    out: list[KnownRule] = []
    for r in s.rules:
        where = str(r.location)
        for key, text in alternatives(s, r):
            out.append(KnownRule(ns, key, f"{r.text}【{text}】" if text else r.text, where, group))
    out += [KnownRule(ns, f"veto:{v.id}", f"一票否决：{v.text}", str(v.location), group) for v in s.vetoes]
    out += [KnownRule(ns, f"elig:{e.id}", f"评优限制：{e.text}", str(e.location), group) for e in s.eligibility]
    for g in s.gradings:
        for i, (grade, at_least) in enumerate(g.levels):
            limit = f"总分 ≥ {fmt(at_least)}" if at_least is not None else "其余"
            out.append(KnownRule(ns, grade_key(s, g, i), f"考核等级“{grade}”（{limit}）", s.meta.path, group))
    return out


def alternatives(s: Scheme, r: Rule) -> list[tuple[str, str]]:
    """(engine key, what it stands for) of each alternative of a rule; one plain key for a plain rule."""
    if r.mode == "bands":
        return [(branch_key(r.id, i), f"{b} 计 {fmt(b.amount)} 分") for i, b in enumerate(r.bands)]
    if r.mode == "grade":
        fact = s.fact(r.fact)
        scale = s.grade_scale(fact.scale) if fact else None
        return [(branch_key(r.id, i), f"等级“{g}”") for i, g in enumerate(scale.names() if scale else ())]
    if r.mode == "each" and r.by:
        return [(branch_key(r.id, i), f"“{level}”") for i, (level, _) in enumerate(r.amounts)]
    if r.mode == "rank" and r.rank is not None:
        out = [(branch_key(r.id, i), r.rank.band_text(i)) for i in range(len(r.rank.ranks))]
        if r.rank.zero_amount is not None:
            out.append((branch_key(r.id, "zero"), "原始值为0"))
        return out
    if r.mode == "change":
        return [(branch_key(r.id, "gain"), "进步"), (branch_key(r.id, "loss"), "退步")]
    return [(r.id, "")]
def fingerprint(rules: list[KnownRule]) -> dict[str, str]:
    """Per namespace, a hash of its rules (ids and wording): a record is valid only for the same rules."""
    by_ns: dict[str, list[str]] = {}
    for r in rules:
        by_ns.setdefault(r.namespace, []).append(f"{r.key}\t{r.text}")
    return {ns: hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:16] for ns, keys in by_ns.items()}


@dataclass
class Record:
    fired: set[tuple[str, str]]
    recorded_at: str = ""
    complete: bool = False
    scenarios: int = 0
    rules: dict[str, str] = field(default_factory=dict)


def default_file(repo: Repository) -> Path:
    return Path(os.environ.get("ZHIBIAO_COVERAGE_FILE") or repo.root / DEFAULT_FILE)


def load_record(path: str | Path) -> Record:
    """The record a scenario run left, or a UsageError saying there is none (or that it cannot be read)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        fired = {(x["namespace"], x["rule"]) for x in data["fired"]}
    except FileNotFoundError:
        raise UsageError([Problem.of("coverage.no-record", Location(str(path)))]) from None
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError([Problem.of("coverage.unreadable", Location(str(path)))]) from None
    return Record(fired, str(data.get("recorded_at", "")), bool(data.get("complete", False)),
                  int(data.get("scenarios", 0) or 0), dict(data.get("rules") or {}))


def load_fired(path: str | Path) -> set[tuple[str, str]]:
    return load_record(path).fired


def save_fired(fired: set[tuple[str, str]], path: str | Path, *, rules: list[KnownRule] | None = None,
               complete: bool = False, scenarios: int = 0) -> Path:
    """Save what fired, when, after how many scenarios, whether that was all of them, and against which rules."""
    p = Path(path)
    data = {"recorded_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "complete": complete,
            "scenarios": scenarios, "rules": fingerprint(rules or []),
            "fired": [{"namespace": n, "rule": k} for n, k in sorted(fired)]}
    write_atomic(p, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return p


def check_record(record: Record, rules: list[KnownRule], path: str | Path) -> None:
    """Refuse a record that does not describe the rules as they are now, saying why (UsageError)."""
    where = Location(str(path))
    when = record.recorded_at.replace("T", " ")[:16] or "时间不明"
    if not record.rules:
        raise UsageError([Problem.of("coverage.old-format", where)])
    now = fingerprint(rules)
    titles = {r.namespace: r.group or r.namespace for r in rules}
    changed = sorted(ns for ns in set(now) | set(record.rules) if now.get(ns) != record.rules.get(ns))
    if changed:
        raise UsageError([Problem.of("coverage.stale", where, recorded_at=when,
                                     changed=[titles.get(ns, f"已删除的 {ns}") for ns in changed])])
    if not record.complete:
        raise UsageError([Problem.of("coverage.partial", where, recorded_at=when, actual=record.scenarios)])


def uncovered(fired: set[tuple[str, str]], rules: list[KnownRule]) -> list[KnownRule]:
    return [r for r in rules if (r.namespace, r.key) not in fired]


def report(fired: set[tuple[str, str]], rules: list[KnownRule], record: Record | None = None) -> str:
    lines = []
    if record is not None:
        lines.append(f"覆盖记录：{record.recorded_at.replace('T', ' ')[:19]}，运行了全部 {record.scenarios} 个场景，"
                     "规则与现在的仓库一致")
    by_ns: dict[str, list[KnownRule]] = {}
    for r in rules:
        by_ns.setdefault(r.namespace, []).append(r)
    total = covered = 0
    for ns, items in by_ns.items():
        hit = [r for r in items if (r.namespace, r.key) in fired]
        total += len(items)
        covered += len(hit)
        lines.append(f"{items[0].group or ns}：{len(hit)}/{len(items)} 条规则被场景覆盖")
        for r in items:
            mark = "✓" if (r.namespace, r.key) in fired else "✗ 未覆盖"
            lines.append(f"  {mark}  {r.key}  {r.text}  （{r.where}）")
    pct = 100 * covered / total if total else 100
    lines.append(f"合计：{covered}/{total} 条规则被覆盖（{pct:.1f}%）")
    return "\n".join(lines) + "\n"
