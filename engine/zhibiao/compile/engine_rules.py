"""What the compiler hands to the engine: rules as plain data (durable-rules conditions per alias), named by a
hash of their content so a process registers each distinct program once, whatever loads it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class MatchRule:
    key: str                                 # our rule id (any text); several engine rules may share one key
    conditions: tuple[tuple[str, dict], ...]  # (alias, durable-rules pattern); alias `m` is the fact reported
    tag: tuple = ()                          # reported with every match of this engine rule (e.g. the window
                                             # of positions an unrolled sequence condition tested)


@dataclass(frozen=True)
class Program:
    name: str          # unique per content: registering the same rules twice reuses the ruleset
    namespace: str     # the rules' owner, for coverage reports (e.g. scheme:cz-quality-season)
    rules: tuple[MatchRule, ...]


def program(prefix: str, rules: Sequence[MatchRule], namespace: str = "") -> Program:
    digest = hashlib.sha256(json.dumps([(r.key, r.conditions, r.tag) for r in rules], sort_keys=True,
                                       ensure_ascii=False).encode()).hexdigest()[:12]
    return Program(f"{prefix}_{digest}", namespace or prefix, tuple(rules))


def single(key: str, pattern: dict) -> MatchRule:
    """A rule over one fact."""
    return MatchRule(key, (("m", pattern),))
