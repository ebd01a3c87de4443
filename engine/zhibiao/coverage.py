"""Rule coverage (like `opa test --coverage`): which rules of the repository did the scenarios exercise?

The rule engine records every (namespace, rule) that fires while a recorder is installed; the scenario
run saves that set to `.artifacts/rule-coverage.json`. Here we compare it with every rule that exists.
"""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .paths import repo_root
from .repository import load_scheme, scheme_files

DEFAULT_FILE = ".artifacts/rule-coverage.json"


@dataclass(frozen=True)
class KnownRule:
    namespace: str
    key: str
    text: str
    where: str


def universe() -> list[KnownRule]:
    """Every evaluable rule in the repository: scheme rules, and what the standards side declares."""
    out: list[KnownRule] = []
    for f in scheme_files():
        s = load_scheme(str(f))
        if s.meta.status != "生效":
            continue
        for r in s.rules:
            out.append(KnownRule(f"scheme:{s.id}", r.id, r.text, str(r.location)))
    try:
        std = importlib.import_module("zhibiao.standards.coverage")
    except ModuleNotFoundError:
        std = None
    if std is not None:
        out += [KnownRule(*x) for x in std.known_rules()]
    return out


def default_file() -> Path:
    return Path(os.environ.get("ZHIBIAO_COVERAGE_FILE") or repo_root() / DEFAULT_FILE)


def load_fired(path: str | Path | None = None) -> set[tuple[str, str]]:
    p = Path(path or default_file())
    data = json.loads(p.read_text(encoding="utf-8"))
    return {(x["namespace"], x["rule"]) for x in data["fired"]}


def save_fired(fired: set[tuple[str, str]], path: str | Path | None = None) -> Path:
    from .output import write_atomic

    p = Path(path or default_file())
    data = {"fired": [{"namespace": n, "rule": k} for n, k in sorted(fired)]}
    write_atomic(p, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return p


def uncovered(fired: set[tuple[str, str]], rules: list[KnownRule] | None = None) -> list[KnownRule]:
    return [r for r in (rules if rules is not None else universe()) if (r.namespace, r.key) not in fired]


def report(fired: set[tuple[str, str]], rules: list[KnownRule] | None = None) -> str:
    rules = rules if rules is not None else universe()
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
