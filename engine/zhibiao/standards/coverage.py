"""The evaluable rules of standards/ for the rule-coverage report: review conclusions and consequences,
and each indicator's states (namespaces as registered with the rule engine)."""

from __future__ import annotations

from ..paths import relative, repo_root
from .common import find_document, load_controlled
from .indicators import build_indicators
from .review import load_procedure


def known_rules() -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []
    proc_path = find_document("review-procedure", None, "review-procedure.yaml")
    proc = load_procedure(proc_path)
    where = relative(proc_path)
    out += [("review_conclusion", c.id, f"复核结论“{c.name}”：{c.text}", where) for c in proc.conclusions]
    out += [("review_consequence", q.id, f"{q.name}：{q.text}", where) for q in proc.consequences]
    for path in sorted((repo_root() / "standards").rglob("*.yaml")):
        if "\nkind: objectives\n" not in path.read_text(encoding="utf-8"):
            continue
        for ind in build_indicators(load_controlled(path, "objectives")):
            for state, _ in ind.rules():
                out.append(("indicator_state", f"{ind.id}:{state}", f"指标“{ind.name}”{state}", relative(path)))
    return out
