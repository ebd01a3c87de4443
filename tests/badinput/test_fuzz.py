"""Property: for any input — a submission mutated the way people mistype, data a platform sends, a mutated scheme —
zhibiao gives a result or located Chinese problems, never another exception, within 5 seconds.

The quick profile here runs in the normal suite (about a minute); bench/fuzz.py runs the long one (10,000 inputs)
through the same `fuzzing.attempt`. hypothesis shrinks any failure to the smallest edit that causes it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from badinput_cases import BASE, BASE_JSON
from fuzzing import OPS, PIECES, ROOT, SCHEME_TEXT, Tally, apply_edits, attempt, attempt_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhibiao.repository import Repository

def quick(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))

edits = st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 10 ** 6),
                           st.one_of(st.sampled_from(PIECES), st.text(max_size=6))), min_size=1, max_size=4)

scalars = st.one_of(st.booleans(), st.none(), st.integers(-10 ** 20, 10 ** 20), st.text(max_size=20),
                    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["是", "否", "教务处", "A", "B"]),
                    st.decimals(allow_nan=True, allow_infinity=True), st.just(Decimal("-0")))
keys = st.one_of(st.sampled_from(["name", "block", "facts", "records", "study_held", "absent_members", "rates",
                                  "temporary_tasks", "kind", "scheme", "period", "subjects", "学习"]), st.text(max_size=8))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(keys, inner, max_size=4)), max_leaves=12)


@pytest.fixture(scope="module")
def repo() -> Repository:
    """The repository, warmed up: the first scheme and submission read once (caches, imports) is start-up, not the
    cost of an input, and under a loaded CI machine it alone can pass the 5 s bound."""
    found = Repository(ROOT)
    attempt(found, "rules/试改.yaml", "：" + SCHEME_TEXT, Tally(), kind="scheme")
    attempt(found, "填报.yaml", BASE, Tally())
    return found


def _check(tally: Tally) -> None:
    assert not tally.crashes, tally.crashes
    assert not tally.slow, tally.slow


@quick(1500)
@given(edits=edits, as_json=st.booleans())
def test_mutated_submission_text(repo, edits, as_json):
    tally = Tally()
    base, name = (BASE_JSON, "填报.json") if as_json else (BASE, "填报.yaml")
    text = apply_edits(base, edits)
    if attempt(repo, name, text, tally) == "result" or len(edits) == 1:
        attempt_cli(repo, name, text, tally, "markdown" if as_json else "table")
    _check(tally)


@quick(600)
@given(subject=st.dictionaries(keys, values, max_size=5), where=st.sampled_from(["subject", "facts", "top"]))
def test_generated_submission_data(repo, subject, where):
    tally = Tally()
    data = {"kind": "submission", "scheme": "cz-quality-season", "period": {"start": "2009-10-15", "end": "2010-01-15"},
            "subjects": [{"name": "教务处", "block": "A", "facts": {"study_held": True, "discussion_held": True,
                                                                  "plan_missing_elements": 0, "summary_missing_items": 0}}]}
    if where == "subject":
        data["subjects"].append(subject)
    elif where == "facts":
        data["subjects"][0]["facts"].update(subject)
    else:
        data.update(subject)
    attempt(repo, "<数据>", data, tally)
    _check(tally)


@quick(60)
@given(edits=edits)
def test_mutated_scheme(repo, edits):
    tally = Tally()
    attempt(repo, "rules/试改.yaml", apply_edits(SCHEME_TEXT, edits), tally, kind="scheme")
    _check(tally)
