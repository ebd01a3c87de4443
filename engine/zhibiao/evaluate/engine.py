"""The one place that talks to durable-rules: its C engine (`durable_rules_engine`), used directly.

durable's Python layer (`durable.lang` / `durable.engine`) adds a host whose timer threads call `dispatch()`
every few tenths of a second concurrently with our calls into the (not thread-safe) C engine; that race produced
error 307, segfaults and lost or doubled matches in our measurements. The C API is small and is what that layer
wraps: create a ruleset from its JSON definition, assert a batch of facts into a session, take each resulting
action (one per rule, every match of the rule at once thanks to `cap`), delete the session. All calls happen
under one lock, so any number of threads may score.

What else the measurements (shared/notes/durable-rules.md and our tests) taught, and what this module does:
- events are consumed by the first matching rule: we assert *facts*, which every rule sees;
- a ruleset keeps at most ~1024 live sessions: each batch of subjects gets a fresh session, deleted at once;
- facts carry explicit ids (content-derived ids collide) and a kind field `$k`;
- a fact matching no rule is refused: a catch-all rule observes every fact, and doubles as a check that the
  engine saw every fact it was given (it stops scoring otherwise);
- rulesets are registered once per process under a name carrying a hash of their content;
- facts go in as compact JSON text made by orjson (the standard encoder took a tenth of a province job's time),
  and the engine hands each matched fact back exactly as given: `_ID` reads that compact text;
- its JSON reader does not know exponent notation: `1e-07` in a fact is error 204, and a batch holding one
  crashed the whole process (a 学生评教 of 0.0000001 did). Every number, in rules and in facts, is written in
  positional form (`_number`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from decimal import Decimal
from typing import Iterable, Iterator, NamedTuple, Sequence

import durable_rules_engine as dre
import orjson

from ..compile.conditions import KIND
from ..compile.engine_rules import Program
from ..errors import EngineError, Location, Problem

MAX_FACTS_PER_SESSION = 64
_CAP = 1000
_OBSERVED = "observed"
_ID = re.compile(r'\{"m":\{"id":"([^"\\]*)"')  # the engine returns each fact as we gave it: orjson's compact text

# Rule coverage (like `opa test --coverage`): while a set is installed here, every (namespace, rule) that fires
# is added to it. Process-wide instrumentation, installed by the scenario run.
RECORDER: set[tuple[str, str]] | None = None

_lock = threading.Lock()
_registered: dict[str, "Ruleset"] = {}


class Match(NamedTuple):
    rule: str
    fact_id: str                                  # the fact of alias `m`
    joined: tuple[tuple[str, int], ...] = ()      # positions a sequence condition used: (alias, position) pairs


def _number(v: Decimal | float) -> orjson.Fragment:
    """A number in positional form (0.0000001, never 1e-07), as a double like before (an integral value keeps
    its `.0`): durable-rules compares integers and doubles numerically, and ≤15 significant digits order exactly."""
    text = format(v if type(v) is Decimal else Decimal(repr(v)), "f")
    return orjson.Fragment(text if "." in text else text + ".0")


def _fact_value(v: object) -> object:
    """orjson's `default` for fact values, which stay as checked: Decimals and dates."""
    if type(v) is Decimal:
        return _number(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    raise TypeError(f"{type(v).__name__} is not JSON serializable")


def _positional(node: object) -> object:
    """A rule definition with every float written positionally (thresholds such as 0.00001)."""
    if type(node) is float:
        return _number(node)
    if isinstance(node, dict):
        return {k: _positional(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_positional(v) for v in node]
    return node


def _failed(detail: str) -> EngineError:
    return EngineError([Problem.of("engine.failed", Location("<规则引擎>"), detail=detail)])


class Ruleset:
    """A program registered with the engine. Obtain through `ruleset(program)`."""

    def __init__(self, program: Program) -> None:
        self.program = program
        definition: dict[str, dict] = {}
        self._keys: dict[str, tuple[str, tuple]] = {}
        self._joins: set[str] = set()
        for i, rule in enumerate(program.rules):
            name = f"r{i}"
            definition[name] = {"all": [{alias: pattern} for alias, pattern in rule.conditions], "cap": _CAP}
            self._keys[name] = (rule.key, rule.tag)
            if len(rule.conditions) > 1:
                self._joins.add(name)
        definition[_OBSERVED] = {"all": [{"m": {"$ex": {KIND: 1}}}], "cap": _CAP}
        try:
            self._handle = dre.create_ruleset(program.name, orjson.dumps(_positional(definition)).decode())
        except Exception as exc:  # the C engine raises its own error type with English text
            raise _failed(f"无法注册规则集 {program.name}：{exc}") from exc
        self._session = 0

    def match_groups(self, groups: Iterable[Sequence[dict]]) -> Iterator[list[Match]]:
        """For each group (one subject's facts, each with a unique `id`), yield its matches, in order.

        Groups are packed into sessions of bounded size; a group is never split across sessions."""
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
        owner: dict[str, int] = {}
        with _lock:
            sid = str(self._session)
            self._session += 1
            facts = []
            for gi, group in enumerate(groups):
                for fact in group:
                    fact["sid"] = sid  # groups are built fresh for the engine; no copy needed
                    facts.append(fact)
                    owner[fact["id"]] = gi
            try:
                found, observed = self._dispatch(facts)
            finally:
                dre.delete_state(self._handle, sid)
        if len(observed) != len(owner):
            missing = sorted(set(owner) - observed)[:5]
            raise EngineError([Problem.of("engine.dropped", Location("<规则引擎>"), actual=len(owner) - len(observed),
                                          examples="、".join(missing))])
        if RECORDER is not None:
            RECORDER.update((self.program.namespace, m.rule) for m in found)
        per_group: list[list[Match]] = [[] for _ in groups]
        for m in found:
            per_group[owner[m.fact_id]].append(m)  # consumers count distinct facts: a repeat adds nothing
        yield from per_group

    def _dispatch(self, facts: list[dict]) -> tuple[list[Match], set[str]]:
        """Assert the facts and take every resulting action ourselves, reading only what we need from each."""
        try:
            code, offset = dre.assert_facts(self._handle, orjson.dumps(facts, default=_fact_value).decode())
            if code not in (0, 3):
                raise _failed(f"断言事实时返回代码 {code}")
            found: list[Match] = []
            observed: set[str] = set()
            started = dre.start_action_for_state(self._handle, offset)
            message = started[1] if started else None
            while message:
                action = message[2:message.index('"', 2)]
                if action == _OBSERVED:
                    observed.update(_ID.findall(message))
                elif action in self._joins:
                    key, _ = self._keys[action]
                    for match in json.loads(message)[action]:
                        joined = tuple(sorted((a, f["n"]) for a, f in match.items() if a != "m"))
                        found.append(Match(key, match["m"]["id"], joined))
                else:
                    key, tag = self._keys[action]
                    found += [Match(key, i, tag) for i in _ID.findall(message)]
                message = dre.complete_and_start_action(self._handle, offset)
        except EngineError:
            raise
        except Exception as exc:
            raise _failed(str(exc)) from exc
        return found, observed


def ruleset(program: Program) -> Ruleset:
    """The registered ruleset of this program, registering it on first use in this process."""
    with _lock:
        found = _registered.get(program.name)
        if found is None:
            found = _registered[program.name] = Ruleset(program)
    return found
