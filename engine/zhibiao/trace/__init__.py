"""Stage 6 — trace: the explanation of a subject's score as data (OPA's --explain, OpenFisca's traces).

`explain(result, subject)` builds a `Trace` from a `Result`: for every rule of the subject's block, whether the
engine applied it, the facts and records it read, the quantity, amount, caps; per category the floor; then the
total, rank and award. Nothing is decided again: what applied is what the engine matched during scoring.
Renderers (text for `--explain`, JSON, Markdown, the site) live in `zhibiao.render`."""

from .explain import explain
from .model import CategoryTrace, FactRead, RecordRead, RuleTrace, Trace

__all__ = ["CategoryTrace", "FactRead", "RecordRead", "RuleTrace", "Trace", "explain"]
