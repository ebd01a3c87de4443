"""The one place that talks to durable-rules: register a ruleset once, stream facts through it.

What the measurements in shared/notes and our own tests showed, and what this module does about it:
- events are consumed by the first matching rule, so we assert *facts*, which every rule sees;
- a ruleset keeps at most ~1024 live sessions: each chunk of subjects gets a fresh sid that is deleted
  as soon as it has been matched, so any number of subjects can stream through;
- an action call per match costs ~50 µs; rules are registered with a `cap`, so one Python call receives
  every match of a rule in a chunk;
- sessions are bounded to MAX_FACTS_PER_SESSION facts, and every fact carries an explicit `id`
  (content-hashed ids collide);
- durable's default host runs background threads that dispatch actions concurrently with our calls:
  we use a host without them and dispatch actions ourselves (see _QuietHost);
- a fact that matches no rule raises MessageNotHandledException, so a catch-all rule observes every fact —
  and doubles as a check that nothing was dropped;
- rulesets cannot be unregistered: names carry a content hash and are registered once per process.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
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

# Rule coverage: when a set is installed here, every (namespace, rule key) that fires is added to it.
RECORDER: set[tuple[str, str]] | None = None


class _QuietHost:
    """A durable-rules host without its background dispatch threads.

    `durable.lang.get_host()` starts timer threads that call `dispatch()` on every ruleset every 0.2 s,
    concurrently with our own calls into the (not thread-safe) C engine. That race is what produced the
    error 307 (node deleted while dispatching), segfaults and lost or doubled matches we measured with
    large sessions. Our host never starts those threads; all engine calls happen under one lock.
    """

    _instance = None

    @classmethod
    def get(cls):
        if cls._instance is None:
            from durable import engine

            class Host(engine.Host):
                def _run(self) -> None:  # no dispatch/timer threads
                    pass

            cls._instance = Host()
        return cls._instance


_ID = re.compile(r'\{"m":\{"id": "([^"\\]*)"')


class Ruleset:
    """A compiled, registered durable-rules ruleset. Obtain through `ruleset()`."""

    def __init__(self, name: str, rules: Sequence[MatchRule], namespace: str = "") -> None:
        self.name = name
        self.namespace = namespace or name
        self.rules = list(rules)
        self._sid = 0
        definition: dict[str, Any] = {}
        self._keys: dict[str, str] = {}
        for i, rule in enumerate(self.rules):
            definition[f"r{i}"] = {"all": [{"m": copy.deepcopy(rule.pattern)}], "cap": _CAP, "run": _never}
            self._keys[f"r{i}"] = rule.key
        definition["observed"] = {"all": [{"m": {"$ex": {KIND: 1}}}], "cap": _CAP, "run": _never}
        self._keys["observed"] = ""
        host = _QuietHost.get()
        host.set_rulesets({name: definition})
        self._rs = host.get_ruleset(name)

    def _dispatch(self, facts: list[dict]) -> list[tuple[str, str]]:
        """Assert the facts and run every resulting action ourselves: one call per rule with all its matches
        (`cap`), reading only the fact ids from the engine's answer instead of decoding whole states."""
        import durable_rules_engine as dre

        offset = self._rs.assert_facts(facts)
        started = dre.start_action_for_state(self._rs._handle, offset)
        message = started[1] if started else None
        found: list[tuple[str, str]] = []
        while message:
            action = message[2:message.index('"', 2)]
            ids = _ID.findall(message)
            if not ids:  # unexpected layout: fall back to a full decode
                ids = [m["m"]["id"] for m in json.loads(message)[action]]
            key = self._keys[action]
            found += [(key, i) for i in ids]
            message = dre.complete_and_start_action(self._rs._handle, offset)
        return found

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
                    fact["sid"] = sid  # groups are built fresh for the engine; no copy needed
                    facts.append(fact)
                    owner[fact["id"]] = gi
            try:
                found = self._dispatch(facts)
            finally:
                self._rs.delete_state(sid)
        if RECORDER is not None:
            RECORDER.update((self.namespace, key) for key, _ in found if key)
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


def _never(c: Any) -> None:
    raise RuntimeError("actions are dispatched by zhibiao.rete, never by durable's own loop")


def ruleset(prefix: str, rules: Sequence[MatchRule], namespace: str = "") -> Ruleset:
    """The registered ruleset for these rules, registering it on first use in this process.

    `namespace` names the rules' owner for coverage reports (default: the prefix)."""
    digest = hashlib.sha256(
        json.dumps([(r.key, r.pattern) for r in rules], sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:12]
    name = f"{prefix}_{digest}"
    with _lock:
        found = _registered.get(name)
        if found is None:
            found = _registered[name] = Ruleset(name, rules, namespace or prefix)
    return found
