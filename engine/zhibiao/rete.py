"""The one place that talks to durable-rules: register a ruleset once, stream facts through it.

What the measurements in shared/notes and our own tests showed, and what this module does about it:
- events are consumed by the first matching rule, so we assert *facts*, which every rule sees;
- a ruleset keeps at most ~1024 live sessions: each chunk of subjects gets a fresh sid that is deleted
  as soon as it has been matched, so any number of subjects can stream through;
- an action call per match costs ~50 µs; rules are registered with a `cap`, so one Python call receives
  every match of a rule in a chunk;
- large sessions are unreliable in 2.0.28 (error 307, segfaults, and lost matches seen above ~100 facts
  per sid): chunks hold at most MAX_FACTS_PER_SESSION facts, and every fact carries an explicit `id`
  (content-hashed ids collide);
- a fact that matches no rule raises MessageNotHandledException, so a catch-all rule observes every fact —
  and doubles as a check that nothing was dropped;
- rulesets cannot be unregistered: names carry a content hash and are registered once per process.
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from .errors import Location, Problem, ZhibiaoError

MAX_FACTS_PER_SESSION = 64
_CAP = 1000
KIND = "kind"  # every fact names its kind; the catch-all rule tests this field ($ex on `id` loops forever)


class EngineError(ZhibiaoError):
    """durable-rules misbehaved; never silently produce a score in that case."""


@dataclass(frozen=True)
class MatchRule:
    key: str        # our rule id (any text)
    pattern: dict   # durable-rules expression for one fact, e.g. {"$lt": {"satisfaction": 60}}


@dataclass(frozen=True)
class Match:
    rule: str
    fact_id: str


_lock = threading.Lock()
_registered: dict[str, "Ruleset"] = {}


class Ruleset:
    """A compiled, registered durable-rules ruleset. Obtain through `ruleset()`."""

    def __init__(self, name: str, rules: Sequence[MatchRule]) -> None:
        self.name = name
        self.rules = list(rules)
        self._sid = 0
        self._sink: list[tuple[str, str]] = []
        definition: dict[str, Any] = {}
        for i, rule in enumerate(self.rules):
            definition[f"r{i}"] = {"all": [{"m": copy.deepcopy(rule.pattern)}], "cap": _CAP,
                                   "run": self._action(rule.key)}
        definition["observed"] = {"all": [{"m": {"$ex": {KIND: 1}}}], "cap": _CAP,
                                  "run": self._action("")}
        import durable.lang  # imported late: it starts host threads

        durable.lang.get_host().set_rulesets({name: definition})
        self._host = durable.lang.get_host()

    def _action(self, key: str):
        sink = self._sink

        def run(c: Any) -> None:
            ms = c.m if isinstance(c.m, list) else [c.m]
            for m in ms:
                sink.append((key, m["id"]))

        return run

    def match_groups(self, groups: Iterable[Sequence[dict]]) -> Iterator[list[Match]]:
        """For each group (one subject's facts, each with unique `id` and `kind`), yield its matches.

        A group is never split across sessions; groups are packed into sessions of bounded size.
        """
        pending: list[Sequence[dict]] = []
        size = 0
        for group in groups:
            if pending and size + len(group) > MAX_FACTS_PER_SESSION:
                yield from self._run(pending)
                pending, size = [], 0
            pending.append(group)
            size += len(group)
        if pending:
            yield from self._run(pending)

    def _run(self, groups: list[Sequence[dict]]) -> Iterator[list[Match]]:
        with _lock:
            sid = str(self._sid)
            self._sid += 1
            facts = []
            owner: dict[str, int] = {}
            for gi, group in enumerate(groups):
                for fact in group:
                    f = dict(fact)
                    f["sid"] = sid
                    facts.append(f)
                    owner[f["id"]] = gi
            self._sink.clear()
            try:
                self._host.assert_facts(self.name, facts)
            finally:
                self._host.delete_state(self.name, sid)
            found = list(self._sink)
            self._sink.clear()
        per_group: list[set[tuple[str, str]]] = [set() for _ in groups]
        observed: set[str] = set()
        for key, fid in found:
            if key == "":
                observed.add(fid)
            else:
                per_group[owner[fid]].add((key, fid))  # a set: a duplicate firing must not deduct twice
        if len(observed) != len(owner):
            missing = sorted(set(owner) - observed)[:5]
            raise EngineError([Problem(Location("<engine>"),
                                       f"规则引擎漏看了 {len(owner) - len(observed)} 条事实（如 {missing}），已停止评分")])
        for matches in per_group:
            yield [Match(k, f) for k, f in sorted(matches)]


def ruleset(prefix: str, rules: Sequence[MatchRule]) -> Ruleset:
    """The registered ruleset for these rules, registering it on first use in this process."""
    digest = hashlib.sha256(
        json.dumps([(r.key, r.pattern) for r in rules], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:12]
    name = f"{prefix}_{digest}"
    with _lock:
        found = _registered.get(name)
        if found is None:
            found = _registered[name] = Ruleset(name, rules)
    return found
