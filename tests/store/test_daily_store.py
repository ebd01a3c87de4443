"""日常考核 in the results database, on SQLite and PostgreSQL alike: the reports are an append-only log, the
running result is the accumulated submission scored by `api.score`, a new connection reads the same state,
a refused report or a stale writer stores nothing."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from zhibiao import api
from zhibiao.errors import SubmissionError, UsageError
from zhibiao.store import Store, StoreError

from store_support import ROOT

PERIOD = {"start": "2009-10-15", "end": "2010-01-15"}
REQUIRED = {"study_held": True, "discussion_held": True, "plan_missing_elements": 0, "summary_missing_items": 0}


def score_of(facts: dict, records: dict | None = None) -> Decimal:
    sub = {"kind": "submission", "scheme": "cz-quality-season", "period": PERIOD,
           "subjects": [{"name": "财会金融系", "block": "B", "facts": facts, **({"records": records} if records else {})}]}
    return api.score(copy.deepcopy(sub), repository=api.open_repository(ROOT)).subjects[0].total


def rows(store: Store) -> int:
    with store.transaction() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM daily_reports").scalar_one()


def test_running_state_is_kept_and_read_back_by_a_new_connection(database: str) -> None:
    repo = api.open_repository(ROOT)
    post = lambda report, **kw: api.report_facts("cz-quality-season", "2009", "财会金融系", report, store=store,  # noqa: E731
                                                 repository=repo, by="质量办", **kw)
    store = Store(database)
    first = post({"period": PERIOD, "facts": REQUIRED | {"vague_items": 2}})
    assert first.result.subjects[0].total == score_of(REQUIRED | {"vague_items": 2}) == Decimal("99.8")
    rate = {"class": "财会0901班", "semester": "2009-2010-1", "rates": [Decimal("49.5"), Decimal("45"), Decimal("40")]}
    second = post({"facts": {"vague_items": 3}, "records": {"class_attendance": [rate]}})
    want = score_of(REQUIRED | {"vague_items": 5}, {"class_attendance": [rate]})
    assert second.result.subjects[0].total == want == Decimal("98.5")  # 100 − 5 × 0.1 − 1（连续3次低于50%）
    third = post({"facts": {"vague_items": 1}}, mode="set")
    assert third.result.subjects[0].total == score_of(REQUIRED | {"vague_items": 1}, {"class_attendance": [rate]}) \
        == Decimal("98.9")
    with pytest.raises(SubmissionError) as err:
        post({"facts": {"vague_items": -4}})  # add would give −3: refused, nothing kept
    assert err.value.problems[0].code == "submission.below-minimum"
    with pytest.raises(UsageError):
        post({"facts": {"vague_items": 1}}, mode="replace")
    assert rows(store) == 3
    store.close()

    again = Store(database)  # as after a restart
    now = api.running("cz-quality-season", "2009", "财会金融系", store=again, repository=repo)
    assert now.result.subjects[0].total == Decimal("98.9") and now.state.seq == 3
    assert now.state.records["class_attendance"][0]["rates"] == [Decimal("49.5"), 45, 40]
    log = api.daily_reports("cz-quality-season", "2009", "财会金融系", store=again)
    assert [(r.seq, r.mode, r.total, r.received_by) for r in log] == [
        (1, "add", Decimal("99.8"), "质量办"), (2, "add", Decimal("98.5"), "质量办"), (3, "set", Decimal("98.9"), "质量办")]
    assert log[1].content["records"]["class_attendance"][0]["rates"][0] == Decimal("49.5")
    with again.transaction() as conn:
        state = conn.exec_driver_sql("SELECT revision FROM subject_states WHERE subject = '财会金融系'").scalar_one()
    assert state == 3

    # a writer that read seq 3 while another report was kept meanwhile is refused whole
    stale = dict(scheme="cz-quality-season", period="2009", subject="财会金融系", report_id=None, by="x", mode="add",
                 stage="平时考核", content={"facts": {}}, state={"header": {}, "block": "B", "facts": {}, "records": {}},
                 total=None, summary={})
    again.daily_append(**stale, expect=3)
    with pytest.raises(StoreError) as err:
        again.daily_append(**stale, expect=3)
    assert err.value.problems[0].code == "store.state-conflict"
    assert rows(again) == 4
    again.close()
