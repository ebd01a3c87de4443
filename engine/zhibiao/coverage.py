"""Rule coverage (like `opa test --coverage`): which rules of the repository did the scenarios exercise?

The rule engine records every (namespace, rule) that fires while a recorder is installed; the scenario
run saves that set to `.artifacts/rule-coverage.json`. Here we compare it with every rule that exists.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .model.objectives import STATES
from .render.output import write_atomic
from .repository import Repository

DEFAULT_FILE = ".artifacts/rule-coverage.json"


@dataclass(frozen=True)
class KnownRule:
    namespace: str
    key: str
    text: str
    where: str


def universe(repo: Repository) -> list[KnownRule]:
    """Every evaluable rule in the repository: scheme rules in force, review conclusions and consequences, and
    each indicator's states (namespaces as the engine programs name them)."""
    out: list[KnownRule] = []
    for s in repo.schemes():
        if s.meta.status != "生效":
            continue
        out += [KnownRule(f"scheme:{s.id}", r.id, r.text, str(r.location)) for r in s.rules]
    for proc in repo.catalog.review_procedures:
        out += [KnownRule("review_conclusion", c.id, f"复核结论“{c.name}”：{c.text}", proc.meta.path)
                for c in proc.conclusions]
        out += [KnownRule("review_consequence", q.id, f"{q.name}：{q.text}", proc.meta.path) for q in proc.consequences]
    for objectives in repo.catalog.objectives:
        for ind in objectives.indicators:
            out += [KnownRule("indicator_state", f"{ind.id}:{state}", f"指标“{ind.name}”{state}", objectives.meta.path)
                    for state, _ in ind.rules() if state in STATES]
    return out


def default_file(repo: Repository) -> Path:
    return Path(os.environ.get("ZHIBIAO_COVERAGE_FILE") or repo.root / DEFAULT_FILE)


def load_fired(path: str | Path) -> set[tuple[str, str]]:
    p = Path(path)
    data = json.loads(p.read_text(encoding="utf-8"))
    return {(x["namespace"], x["rule"]) for x in data["fired"]}


def save_fired(fired: set[tuple[str, str]], path: str | Path) -> Path:
    p = Path(path)
    data = {"fired": [{"namespace": n, "rule": k} for n, k in sorted(fired)]}
    write_atomic(p, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return p


def uncovered(fired: set[tuple[str, str]], rules: list[KnownRule]) -> list[KnownRule]:
    return [r for r in rules if (r.namespace, r.key) not in fired]


def report(fired: set[tuple[str, str]], rules: list[KnownRule]) -> str:
    lines = []
    by_ns: dict[str, list[KnownRule]] = {}
    for r in rules:
        by_ns.setdefault(r.namespace, []).append(r)
    total = covered = 0
    for ns, items in by_ns.items():
        hit = [r for r in items if (r.namespace, r.key) in fired]
        total += len(items)
        covered += len(hit)
        lines.append(f"{ns}：{len(hit)}/{len(items)} 条规则被场景覆盖")
        for r in items:
            mark = "✓" if (r.namespace, r.key) in fired else "✗ 未覆盖"
            lines.append(f"  {mark}  {r.key}  {r.text}  （{r.where}）")
    pct = 100 * covered / total if total else 100
    lines.append(f"合计：{covered}/{total} 条规则被覆盖（{pct:.1f}%）")
    return "\n".join(lines) + "\n"
