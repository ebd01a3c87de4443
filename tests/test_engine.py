"""The durable-rules engine against a plain-Python reading of the same rules, on random submissions.

If durable-rules ever drops or duplicates a match (it did above ~100 facts per session in our
measurements), these tests fail: every subject's deductions must equal the reference evaluation.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from zhibiao.compile.python import holds, longest_run_below
from zhibiao.compile.scheme import compile_block, resolver
from zhibiao.evaluate.scoring import python_decisions, score_subjects
from zhibiao.model.submission import SubjectInput
from zhibiao.render.scores import to_plain
from zhibiao.repository import PACKAGE_CHECKOUT, Repository


def find_scheme(ident: str):
    return Repository(PACKAGE_CHECKOUT).scheme(ident)

AS_OF = dt.date(2010, 1, 15)


def _random_subject(rng: random.Random, scheme, block: str, i: int) -> SubjectInput:
    facts = {}
    for f in scheme.facts_for(block):
        if f.type == "boolean":
            facts[f.id] = rng.random() < 0.2 if f.id not in ("study_held", "discussion_held", "discussion_substantive") else rng.random() < 0.85
        else:
            hi = int(f.maximum) if f.maximum is not None else 4
            facts[f.id] = rng.choice([0, 0, 0, rng.randint(0, hi)])
    records = {}
    for rec in scheme.records_for(block):
        rows = []
        for j in range(rng.randint(0, 4)):
            if rec.id == "teacher_evaluations":
                rows.append({"teacher": f"t{j}", "semester": "s", "satisfaction": Decimal(rng.choice(["59.99", "60", "45", "88.5", "60.01"]))})
            elif rec.id == "class_attendance":
                rows.append({"class": f"c{j}", "semester": "s", "rates": [Decimal(rng.choice([40, 49, 50, 51, 90])) for _ in range(rng.randint(2, 7))]})
            else:
                rows.append({"task": f"k{j}", "completed": rng.random() < 0.8, "delay_days": rng.choice([0, 1, 7, 8, 30])})
        records[rec.id] = rows
    return SubjectInput(f"{block}{i}", block, facts, records, supplied=frozenset(facts))


def _reference(scheme, subject: SubjectInput) -> dict[str, Decimal]:
    """Plain-Python reading of each rule: rule id → deducted points (before floors)."""
    resolve = resolver(scheme, AS_OF)
    out = {}
    for rule in scheme.rules_for(subject.block):
        amount = rule.amount.at(AS_OF)
        if rule.mode == "count":
            qty = Decimal(subject.facts[rule.count_fact])
        elif rule.mode == "when":
            qty = Decimal(1 if holds(rule.condition, subject.facts, resolve) else 0)
        else:
            rec = scheme.record(rule.record)
            n = 0
            for row in subject.records.get(rule.record, []):
                full = dict(row)
                for d in rec.derived:
                    full[d.id] = longest_run_below(row[d.field], resolve(d.threshold["param"]))
                n += holds(rule.condition, full, resolve)
            qty = Decimal(n)
        if qty:
            out[rule.id] = qty * amount
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_engine_agrees_with_reference(seed):
    scheme = find_scheme("cz-quality-season")
    rng = random.Random(seed)
    subjects = [_random_subject(rng, scheme, rng.choice("AB"), i) for i in range(1500)]
    fired: set[str] = set()
    results = score_subjects(scheme, subjects, AS_OF, fired)
    mismatches = 0
    for s, r in zip(subjects, results):
        got = {d.rule_id: d.subtotal for d in r.deductions}
        if got != _reference(scheme, s):
            mismatches += 1
    assert mismatches == 0
    assert len(fired) >= 30  # the random data exercises most rules


@pytest.mark.parametrize("seed", [4, 5])
def test_engine_and_compiled_python_give_identical_results(seed):
    """The whole result (amounts, evidence, floors), not only the deductions, with the engine deciding and with the
    compiled plain-Python reading deciding: the benchmark's floor computes exactly what the engine path does."""
    scheme = find_scheme("cz-quality-season")
    rng = random.Random(seed)
    subjects = [_random_subject(rng, scheme, rng.choice("AB"), i) for i in range(800)]
    by_engine = score_subjects(scheme, subjects, AS_OF)
    by_python = score_subjects(scheme, subjects, AS_OF, decide=python_decisions)
    differ = [s.name for s, a, b in zip(subjects, by_engine, by_python)
              if _without_positions(to_plain(a)) != _without_positions(to_plain(b))]
    assert differ == []


def _without_positions(data):
    """The engine's evidence names which checks formed a run (the joined positions); the Python reading does not
    know them. Everything else must be equal."""
    for cat in data["categories"]:
        for d in cat["deductions"]:
            for e in d["evidence"]:
                if "row" in e:
                    e["row"].pop("low_attendance_run", None)
    return data


def test_more_subjects_than_live_sessions():
    """1,024 live sessions is durable-rules' limit: 5,000 single-subject blocks must still score."""
    scheme = find_scheme("cz-quality-season")
    subjects = [SubjectInput(f"A{i}", "A", {"study_held": True, "discussion_held": True, "plan_missing_elements": 0,
                                           "summary_missing_items": 0, "absent_members": i % 3}, {}) for i in range(5000)]
    for s in subjects:
        s.facts.update({f.id: f.default for f in scheme.facts_for("A") if f.id not in s.facts})
    results = score_subjects(scheme, subjects, AS_OF)
    assert [r.total for r in results[:3]] == [Decimal("100"), Decimal("99.5"), Decimal("99")]
    assert sum(r.total for r in results) == Decimal(5000 * 100) - Decimal("0.5") * sum(i % 3 for i in range(5000))


def test_exact_decimal_arithmetic():
    scheme = find_scheme("cz-quality-season")
    s = SubjectInput("教务处", "A", {f.id: f.default for f in scheme.facts_for("A")}, {})
    s.facts.update(study_held=True, discussion_held=True, plan_missing_elements=0, summary_missing_items=0, vague_items=7)
    [r] = score_subjects(scheme, [s], AS_OF)
    plan = r.category("plan")
    assert plan.deducted == Decimal("0.7") and str(plan.deducted) == "0.7"
    assert plan.score == Decimal("19.3")


def test_compiled_block_is_reused():
    scheme = find_scheme("cz-quality-season")
    assert compile_block(scheme, "A", AS_OF) is compile_block(scheme, "A", AS_OF)


@pytest.mark.parametrize("function", ["count_below", "longest_run_below"])
def test_sequence_conditions_agree_with_reference(repo_copy, function):
    """Both sequence readings — runs (unrolled into windows) and counts anywhere (joins of element facts) — are
    decided by the engine exactly as the plain-Python reading decides them, on lists of every length up to 12."""
    path = repo_copy / "rules" / "cz-quality-season.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("function: longest_run_below", f"function: {function}"), encoding="utf-8")
    scheme = Repository(repo_copy).scheme("cz-quality-season")
    rng = random.Random(11)
    subjects = []
    for i in range(600):
        s = _random_subject(rng, scheme, "B", i)
        s.records["class_attendance"] = [
            {"class": f"c{j}", "semester": "s", "rates": [Decimal(rng.choice([40, 49, 50, 51, 90])) for _ in range(rng.randint(0, 12))]}
            for j in range(rng.randint(0, 3))]
        subjects.append(s)
    by_engine = score_subjects(scheme, subjects, AS_OF)
    by_python = score_subjects(scheme, subjects, AS_OF, decide=python_decisions)
    got = [{d.rule_id: d.subtotal for d in r.deductions} for r in by_engine]
    want = [{d.rule_id: d.subtotal for d in r.deductions} for r in by_python]
    assert got == want
    assert sum("b-exec-7" in g for g in got) > 50  # the sequence rule fired often enough to mean something


def test_a_list_longer_than_the_compiled_positions_is_refused(tmp_path):
    """Run conditions are unrolled over `limits.list_items` positions: a longer list is refused with a located
    message, never scored with its tail silently ignored."""
    from zhibiao import api
    from zhibiao.errors import SubmissionError
    from zhibiao.limits import DEFAULT

    data = {"kind": "submission", "scheme": "cz-quality-season", "period": {"start": "2009-10-15", "end": "2010-01-15"},
            "subjects": [{"name": "基础部", "block": "B", "facts": {"study_held": True, "discussion_held": True,
                                                               "plan_missing_elements": 0, "summary_missing_items": 0},
                          "records": {"class_attendance": [{"class": "甲班", "semester": "s",
                                                            "rates": [90] * DEFAULT.list_items + [40, 40, 40]}]}}]}
    with pytest.raises(SubmissionError) as err:
        api.score(data)
    [p] = err.value.problems
    assert p.code == "submission.list-too-long"
    assert p.message == (f"考核对象“基础部”的记录清单“class_attendance”（班级学生到课率检查）第 1 条的字段“rates”"
                         f"（各次检查到课率（%））最多填 "
                         f"{DEFAULT.list_items} 项，实际 {DEFAULT.list_items + 3} 项（如确需更多，请联系质量办调整上限）")
    assert p.pointer == "subjects[0].records.class_attendance[0].rates"
