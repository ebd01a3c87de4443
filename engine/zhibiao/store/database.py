"""The results database: every scoring run kept, append-only, in SQLite (default) or PostgreSQL.

    store = Store("sqlite:///.zhibiao/results.sqlite3")     # or postgresql+psycopg://user@host/zhibiao
    outcome = store.save(result, by="质量办 张三")           # SaveOutcome(run=RunInfo(id=1, …), created=True)
    store.save(result, by="李四").created                     # False: same facts, same rules, same date
    store.history("教务处")                                   # [HistoryPoint(period="2009", total=92.2, …), …]
    store.previous_fact("cz-quality-season", "教务处", "absent_members", before=date(2010, 10, 15))

A save is one transaction: a database that is unreachable, locked or fails half-way leaves nothing behind, and
says so in Chinese. The schema is created and upgraded by the Alembic migrations shipped in this package.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

from .. import __version__
from ..build.common import content_hash
from ..errors import Location, Problem, ZhibiaoError
from ..model.results import CategoryResult, Deduction, Result, SubjectResult
from ..model.daily import DailyReport
from ..model.runs import HistoryPoint, RunInfo, SaveOutcome, StoredRun
from ..model.submission import SubjectInput
from ..render.scores import to_plain
from .tables import VERSION_TABLE, metadata, sqlalchemy

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(ZhibiaoError):
    """The results database could not be reached, was locked, or refused a change (nothing was stored)."""


def period_key(result: Result) -> str:
    """The short name a period is compared by (`zhibiao compare 2009 2010`): the year its period starts in.

    decision: a period is keyed by its start year (2009-10-15 → “2009”), which names an academic-year
    activity by the year it starts, as the 2009 source does; `--period` on save gives another key."""
    start = result.period_start or result.as_of
    return str(start.year)


def submission_hash(result: Result) -> str:
    """sha256 of the facts as checked (what each subject gave, its records, and the previous period's values a
    change rule compared with — given or read from the results database) and the period — so the same facts typed
    in YAML, JSON or a workbook hash alike, whatever the formatting or the order of keys."""
    subjects = []
    for s in result.subjects:
        inp = s.input
        if inp is None:
            subjects.append({"name": s.name, "block": s.block})
            continue
        entry = {"name": inp.name, "block": inp.block,
                 "facts": to_plain({k: v for k, v in inp.facts.items() if k in inp.supplied}),
                 "records": to_plain(inp.records)}
        if inp.previous:  # last period's values change the result: the same facts against another year are not the same run
            entry["previous"] = to_plain(inp.previous)
        subjects.append(entry)
    return content_hash({"start": str(result.period_start), "end": str(result.period_end),
                         "college": result.college, "subjects": sorted(subjects, key=lambda x: (x["block"], x["name"]))})


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    known = (("Connection refused", "连接被拒绝（数据库服务器没有启动，或主机、端口不对）"),
             ("password authentication failed", "用户名或密码不对"),
             ("does not exist", "数据库或用户不存在"),
             ("could not translate host name", "找不到这台主机"),
             ("timeout expired", "连接超时"),
             ("unable to open database file", "无法打开数据库文件（所在文件夹不存在或没有写权限）"),
             ("database is locked", "数据库被锁定"),
             ("readonly database", "数据库文件只读"),
             ("disk I/O error", "磁盘读写出错"))
    for en, zh in known:
        if en in text:
            return zh
    return text[:200]


class Store:
    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        sa = sqlalchemy()
        self.sa = sa
        try:
            parsed = sa.engine.make_url(url)
        except Exception as exc:  # noqa: BLE001 — SQLAlchemy raises ArgumentError or ValueError for bad URLs
            raise StoreError([Problem.of("store.bad-url", Location(url), actual=url, detail=_reason(exc))]) from None
        self.url = unquote(parsed.render_as_string(hide_password=True))  # shown to people: 结果.sqlite3, not %E7…
        self.timeout = timeout
        kwargs: dict[str, Any] = {}
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": timeout}
        elif parsed.get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": max(1, int(timeout))}
        try:
            self.engine = sa.create_engine(parsed, **kwargs)
        except Exception as exc:  # noqa: BLE001 — a missing driver (psycopg) or an unknown dialect
            raise StoreError([Problem.of("store.bad-url", Location(self.url), actual=self.url,
                                         detail=_reason(exc))]) from None
        if parsed.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self._migrated = False

    # ------------------------------------------------------------------ connections and errors
    @contextlib.contextmanager
    def transaction(self, writing: bool = False) -> Iterator[Any]:
        """One transaction; any database failure becomes a Chinese StoreError and is rolled back whole."""
        sa = self.sa
        try:
            with self.engine.begin() as conn:
                if writing and self.engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock now, not half-way
                yield conn
        except ZhibiaoError:
            raise
        except sa.exc.OperationalError as exc:
            reason = _reason(exc)
            if "锁定" in reason:
                raise StoreError([Problem.of("store.locked", Location(self.url), url=self.url, timeout=self.timeout)]) \
                    from None
            code = "store.failed" if writing and self._migrated else "store.unreachable"
            raise StoreError([Problem.of(code, Location(self.url), url=self.url, reason=reason)]) from None
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError([Problem.of("store.failed", Location(self.url), url=self.url, reason=_reason(exc))]) \
                from None

    def migrate(self) -> None:
        """Create or upgrade the tables (Alembic, head of the migrations shipped in the package)."""
        if self._migrated:
            return
        from alembic import command  # part of the `db` extra, with SQLAlchemy
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.transaction(writing=True) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        self._migrated = True

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ writing
    def save(self, result: Result, *, by: str, period: str | None = None, at: dt.datetime | None = None) -> SaveOutcome:
        """Keep a run (one transaction). The same facts under the same rules, date and weight are recognised
        and not stored twice: the run already kept is returned with `created=False`."""
        self.migrate()
        md = metadata()
        runs = md.tables["runs"]
        key = period or period_key(result)
        facts_hash = submission_hash(result)
        weight = "" if result.year_end_weight is None else str(result.year_end_weight)
        fingerprint = "sha256:" + hashlib.sha256("|".join(
            (facts_hash, result.rules_hash, result.as_of.isoformat(), weight, key)).encode()).hexdigest()
        stamp = (at or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).isoformat(timespec="seconds")
        with self.transaction(writing=True) as conn:
            found = conn.execute(runs.select().where(runs.c.fingerprint == fingerprint)).mappings().first()
            if found is not None:
                return SaveOutcome(_info(found), created=False)
            row = {"fingerprint": fingerprint, "created_at": stamp, "created_by": by, "scheme_id": result.scheme_id,
                   "scheme_title": result.scheme_title, "version": result.version, "rules_hash": result.rules_hash,
                   "revision": result.revision, "period": key, "period_name": result.period,
                   "period_start": result.period_start or result.as_of, "period_end": result.period_end or result.as_of,
                   "as_of": result.as_of, "year_end_weight": result.year_end_weight,
                   "submission_hash": facts_hash, "source": result.source, "subjects": len(result.subjects),
                   "awards_note": result.awards_note, "tool_version": __version__}
            run_id = conn.execute(runs.insert().values(**row)).inserted_primary_key[0]
            self._insert_subjects(conn, run_id, result)
            stored = conn.execute(runs.select().where(runs.c.id == run_id)).mappings().one()
        return SaveOutcome(_info(stored), created=True)

    def _insert_subjects(self, conn: Any, run_id: int, result: Result) -> None:
        md = metadata()
        subjects, categories, deductions = [], [], []
        for i, s in enumerate(result.subjects):
            inp = s.input
            subjects.append({"run_id": run_id, "position": i, "subject": s.name, "subject_key": _key(s),
                             "block": s.block, "total": s.total, "rank": s.rank, "rank_note": s.rank_note,
                             "award": s.award, "award_note": s.award_note, "year_end": s.year_end,
                             "facts": to_plain(inp.facts) if inp else {},
                             "supplied": sorted(inp.supplied) if inp else [],
                             "records": to_plain(inp.records) if inp else {}})
            for j, c in enumerate(s.categories):
                categories.append({"run_id": run_id, "position": i, "category_position": j, "category_id": c.id,
                                   "name": c.name, "points": c.points, "deducted": c.deducted,
                                   "floor_cut": c.floor_cut, "score": c.score})
                for k, d in enumerate(c.deductions):
                    deductions.append({"run_id": run_id, "position": i, "category_position": j,
                                       "deduction_position": k, "subject": s.name, "block": s.block,
                                       "category_id": c.id, "rule_id": d.rule_id, "clause_no": d.clause_no,
                                       "text": d.text, "condition": d.condition, "quantity": d.quantity,
                                       "unit": d.unit, "amount": d.amount, "subtotal": d.subtotal,
                                       "capped": d.capped, "link": d.link, "evidence": to_plain(d.evidence)})
        for name, rows in (("subject_results", subjects), ("category_results", categories),
                           ("deductions", deductions)):
            if rows:
                conn.execute(md.tables[name].insert(), rows)

    # ------------------------------------------------------------------ reading
    def runs(self, scheme: str | None = None, period: str | None = None) -> list[RunInfo]:
        """Stored runs, oldest first (optionally of one scheme and/or period)."""
        self.migrate()
        runs = metadata().tables["runs"]
        q = runs.select().order_by(runs.c.id)
        if scheme:
            q = q.where(runs.c.scheme_id == scheme)
        if period:
            q = q.where(runs.c.period == period)
        with self.transaction() as conn:
            return [_info(r) for r in conn.execute(q).mappings()]

    def run(self, run_id: int) -> StoredRun:
        """A stored run with its whole result, rebuilt from the rows (deductions, evidence, facts as scored)."""
        self.migrate()
        md = metadata()
        runs, subs, cats, deds = (md.tables[n] for n in ("runs", "subject_results", "category_results", "deductions"))
        with self.transaction() as conn:
            head = conn.execute(runs.select().where(runs.c.id == run_id)).mappings().first()
            if head is None:
                known = [str(r[0]) for r in conn.execute(self.sa.select(runs.c.id).order_by(runs.c.id))]
                raise StoreError([Problem.of("store.run-unknown", Location(self.url), actual=run_id,
                                             expected="、".join(f"#{k}" for k in known[-20:]) or "无")])
            subject_rows = list(conn.execute(subs.select().where(subs.c.run_id == run_id).order_by(subs.c.position))
                                .mappings())
            cat_rows = list(conn.execute(cats.select().where(cats.c.run_id == run_id)
                                         .order_by(cats.c.position, cats.c.category_position)).mappings())
            ded_rows = list(conn.execute(deds.select().where(deds.c.run_id == run_id)
                                         .order_by(deds.c.position, deds.c.category_position,
                                                   deds.c.deduction_position)).mappings())
        info = _info(head)
        by_cat: dict[tuple[int, int], list[Deduction]] = {}
        for d in ded_rows:
            by_cat.setdefault((d["position"], d["category_position"]), []).append(Deduction(
                d["rule_id"], d["category_id"], d["clause_no"], d["text"], d["condition"], d["quantity"], d["unit"],
                d["amount"], d["subtotal"], _json(d["evidence"]), d["capped"], d["link"]))
        by_subject: dict[int, list[CategoryResult]] = {}
        for c in cat_rows:
            by_subject.setdefault(c["position"], []).append(CategoryResult(
                c["category_id"], c["name"], c["points"], c["deducted"], c["floor_cut"], c["score"],
                by_cat.get((c["position"], c["category_position"]), [])))
        subjects, facts = [], {}
        for s in subject_rows:
            plain = _json(s["facts"])
            inp = SubjectInput(name=s["subject"], block=s["block"], facts=plain, records=_json(s["records"]),
                               supplied=frozenset(_json(s["supplied"])))
            subjects.append(SubjectResult(s["subject"], s["block"], s["total"], by_subject.get(s["position"], []),
                                          s["rank"], s["rank_note"], s["award"], s["award_note"], s["year_end"], inp))
            facts[s["subject"]] = plain
        result = Result(info.scheme_id, info.scheme_title, info.version, info.rules_hash, info.as_of,
                        info.period_name, info.source, info.year_end_weight, subjects, head["awards_note"],
                        revision=info.revision, period_start=info.period_start, period_end=info.period_end)
        return StoredRun(info, result, facts)

    def resolve(self, ref: int | str | None, scheme: str | None = None) -> RunInfo:
        """A run named as people name it: a run number (12, "#12"), a period ("2009": its latest run), or
        None (the latest run of all)."""
        everything = self.runs(scheme)
        if not everything:
            raise StoreError([Problem.of("store.empty", Location(self.url), url=self.url)])
        if ref is None:
            return everything[-1]
        text = str(ref).strip()
        if isinstance(ref, int) or text.startswith("#"):
            number = int(text.lstrip("#")) if text.lstrip("#").isdigit() else -1
            found = next((r for r in everything if r.id == number), None)
            if found is None:
                raise StoreError([Problem.of("store.run-unknown", Location(self.url), actual=text.lstrip("#"),
                                             expected="、".join(f"#{r.id}" for r in everything[-20:]))])
            return found
        in_period = [r for r in everything if r.period == text]
        schemes = sorted({r.scheme_id for r in in_period})
        if len(schemes) > 1:
            raise StoreError([Problem.of("store.scheme-ambiguous", Location(self.url), actual=text, expected=schemes)])
        if in_period:
            return in_period[-1]
        by_number = next((r for r in everything if text.isdigit() and r.id == int(text)), None)
        if by_number is not None:  # a bare number that is no period: a run number
            return by_number
        raise StoreError([Problem.of("store.period-unknown", Location(self.url), actual=text,
                                     expected=list(dict.fromkeys(r.period for r in everything)))])

    def latest(self, scheme: str | None = None, period: str | None = None) -> RunInfo | None:
        found = self.runs(scheme, period)
        return found[-1] if found else None

    def periods(self, scheme: str | None = None) -> list[tuple[str, str]]:
        """(scheme id, period) pairs that have stored runs, in the order they were first stored."""
        seen: dict[tuple[str, str], None] = {}
        for r in self.runs(scheme):
            seen.setdefault((r.scheme_id, r.period), None)
        return list(seen)

    def history(self, subject: str, scheme: str | None = None) -> list[HistoryPoint]:
        """The subject in each period: the latest run of every (scheme, period), oldest period first."""
        self.migrate()
        md = metadata()
        runs, subs, cats, deds = (md.tables[n] for n in ("runs", "subject_results", "category_results", "deductions"))
        sa = self.sa
        q = (sa.select(runs, subs.c.position, subs.c.subject, subs.c.block, subs.c.total, subs.c.rank, subs.c.award)
             .join(subs, subs.c.run_id == runs.c.id)
             .where(sa.or_(subs.c.subject_key == subject, subs.c.subject == subject)).order_by(runs.c.id))
        if scheme:
            q = q.where(runs.c.scheme_id == scheme)
        with self.transaction() as conn:
            rows = list(conn.execute(q).mappings())
            if not rows:
                names = [r[0] for r in conn.execute(sa.select(subs.c.subject).distinct())]
                close = difflib.get_close_matches(subject, names, n=1, cutoff=0.4)
                raise StoreError([Problem.of("store.subject-unknown", Location(self.url), actual=subject,
                                             suggestion=close[0] if close else "")])
            latest: dict[tuple[str, str], Any] = {}
            for r in rows:
                latest[(r["scheme_id"], r["period"])] = r  # later runs of a period replace earlier ones
            out = []
            for r in sorted(latest.values(), key=lambda r: (r["period_start"], r["id"])):
                cat_rows = conn.execute(sa.select(cats.c.category_id, cats.c.name, cats.c.score)
                                        .where(cats.c.run_id == r["id"], cats.c.position == r["position"])
                                        .order_by(cats.c.category_position)).all()
                n = conn.execute(sa.select(sa.func.count()).select_from(deds)
                                 .where(deds.c.run_id == r["id"], deds.c.position == r["position"])).scalar_one()
                out.append(HistoryPoint(_info(r), r["subject"], r["block"], r["total"], r["rank"], r["award"],
                                        tuple((c[0], c[1], c[2]) for c in cat_rows), int(n)))
        return out

    def trend(self, scheme: str) -> dict[str, list[tuple[str, Decimal]]]:
        """Every subject's total in each stored period of `scheme` (the latest run of each period), oldest
        period first: subject → [(period, total)] — what the report's trend chart draws."""
        self.migrate()
        md = metadata()
        runs, subs = md.tables["runs"], md.tables["subject_results"]
        sa = self.sa
        q = (sa.select(runs.c.id, runs.c.period, runs.c.period_start, subs.c.subject, subs.c.total)
             .join(subs, subs.c.run_id == runs.c.id).where(runs.c.scheme_id == scheme).order_by(runs.c.id))
        with self.transaction() as conn:
            rows = conn.execute(q).all()
        latest: dict[str, tuple[int, Any]] = {}
        for r in rows:
            latest[r.period] = (r.id, r.period_start)  # later runs of a period replace earlier ones
        out: dict[str, list[tuple[str, Decimal]]] = {}
        for r in sorted(rows, key=lambda r: (r.period_start, r.id)):
            if latest[r.period][0] == r.id:
                out.setdefault(r.subject, []).append((r.period, r.total))
        return out

    def previous_subject(self, scheme: str, subject: str, before: dt.date) -> tuple[RunInfo, dict[str, Any], Decimal] | None:
        """`subject` of `scheme` in the previous period (`previous_period`: the stored period that ended last before
        `before`): (the latest run of that period that scored it, its facts as scored, its total) — what
        year-over-year items compare with. None when nothing earlier is stored or that period did not score it."""
        _, subjects = self.previous_period(scheme, before)
        return subjects.get("#" + subject) or subjects.get(subject)

    def previous_period(self, scheme: str, before: dt.date, version: str | None = None,
                        ) -> tuple[RunInfo | None, dict[str, tuple[RunInfo, dict[str, Any], Decimal]]]:
        """The previous period of `scheme` as year-over-year items read it: the stored period that ended last
        before `before` (only runs of `version` when given), its latest run, and every subject scored in that
        period → (the latest run that scored it, its facts as scored, its total). Subjects are found by number
        (工号…) under "#number" and by name under their name.

        decision: only the one previous period counts — a subject that period did not score has no previous
        value, even when an older period scored it (the source compares with 上一年度, not with any earlier year)."""
        self.migrate()
        md = metadata()
        runs, subs = md.tables["runs"], md.tables["subject_results"]
        sa = self.sa
        which = [runs.c.scheme_id == scheme, runs.c.period_end < before]
        if version is not None:
            which.append(runs.c.version == version)
        with self.transaction() as conn:
            end = conn.execute(sa.select(sa.func.max(runs.c.period_end)).where(*which)).scalar_one()
            if end is None:
                return None, {}
            rows = list(conn.execute(
                sa.select(runs, subs.c.subject, subs.c.subject_key, subs.c.facts, subs.c.total)
                .join(subs, subs.c.run_id == runs.c.id)
                .where(*which, runs.c.period_end == end).order_by(runs.c.id, subs.c.position)).mappings())
            last = conn.execute(runs.select().where(*which, runs.c.period_end == end)
                                .order_by(runs.c.id.desc()).limit(1)).mappings().one()
        found: dict[str, tuple[RunInfo, dict[str, Any], Decimal]] = {}
        for r in rows:  # later runs of the period replace earlier ones
            entry = (_info(r), _json(r["facts"]), r["total"])
            found[r["subject"]] = entry
            if r["subject_key"] != r["subject"]:
                found["#" + r["subject_key"]] = entry
        return _info(last), found

    def previous_fact(self, scheme: str, subject: str, fact: str, before: dt.date) -> tuple[RunInfo, Any] | None:
        """The value `subject` gave for `fact` in the latest earlier period (plain: numbers as exact text)."""
        found = self.previous_subject(scheme, subject, before)
        if found is None or fact not in found[1]:
            return None
        return found[0], found[1][fact]

    # ------------------------------------------------------------------ running state (the service's 日常考核)
    def get_state(self, scheme: str, period: str, subject: str) -> tuple[int, dict[str, Any]] | None:
        """(revision, state) of a subject's running state in a period, or None."""
        self.migrate()
        t = metadata().tables["subject_states"]
        with self.transaction() as conn:
            row = conn.execute(t.select().where(t.c.scheme_id == scheme, t.c.period == period,
                                                t.c.subject == subject)).mappings().first()
        return None if row is None else (row["revision"], _json(row["state"]))

    def put_state(self, scheme: str, period: str, subject: str, state: dict[str, Any],
                  expect: int | None = None) -> int:
        """Store a subject's running state; `expect` (the revision read) refuses a concurrent overwrite.
        Returns the new revision."""
        self.migrate()
        t = metadata().tables["subject_states"]
        stamp = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        where = (t.c.scheme_id == scheme, t.c.period == period, t.c.subject == subject)
        with self.transaction(writing=True) as conn:
            row = conn.execute(self.sa.select(t.c.revision).where(*where)).first()
            current = row[0] if row else 0
            if expect is not None and expect != current:
                raise StoreError([Problem.of("store.state-conflict", Location(self.url), subject=subject,
                                             expected=expect, actual=current)])
            value = json.loads(json.dumps(to_plain(state), ensure_ascii=False))
            if row is None:
                conn.execute(t.insert().values(scheme_id=scheme, period=period, subject=subject, revision=1,
                                               updated_at=stamp, state=value))
            else:
                conn.execute(t.update().where(*where).values(revision=current + 1, updated_at=stamp, state=value))
        return current + 1

    # ------------------------------------------------------------------ 日常考核: the append-only report log
    def daily_last(self, scheme: str, period: str, subject: str) -> tuple[int, dict[str, Any]] | None:
        """(seq, state) of the latest report `subject` received in `period` — the state it holds now — or None."""
        self.migrate()
        t = metadata().tables["daily_reports"]
        q = (self.sa.select(t.c.seq, t.c.state)
             .where(t.c.scheme_id == scheme, t.c.period == period, t.c.subject == subject)
             .order_by(t.c.seq.desc()).limit(1))
        with self.transaction() as conn:
            row = conn.execute(q).first()
        return None if row is None else (row[0], exact_load(row[1]))

    def daily_period(self, scheme: str, period: str) -> dict[str, Any] | None:
        """The state of the first report any subject received in `period` (its header fixes the period's dates)."""
        self.migrate()
        t = metadata().tables["daily_reports"]
        q = (self.sa.select(t.c.state).where(t.c.scheme_id == scheme, t.c.period == period)
             .order_by(t.c.id).limit(1))
        with self.transaction() as conn:
            row = conn.execute(q).first()
        return None if row is None else exact_load(row[0])

    def daily_states(self, scheme: str, period: str) -> list[tuple[str, int, dict[str, Any]]]:
        """(subject, seq, state) of every subject that received a report in `period`: the state it holds now,
        in the order the subjects first reported."""
        self.migrate()
        t = metadata().tables["daily_reports"]
        sa = self.sa
        last = (sa.select(t.c.subject, sa.func.max(t.c.seq).label("seq"), sa.func.min(t.c.id).label("first"))
                .where(t.c.scheme_id == scheme, t.c.period == period).group_by(t.c.subject).subquery())
        q = (sa.select(t.c.subject, t.c.seq, t.c.state)
             .join(last, sa.and_(t.c.subject == last.c.subject, t.c.seq == last.c.seq))
             .where(t.c.scheme_id == scheme, t.c.period == period).order_by(last.c.first))
        with self.transaction() as conn:
            return [(r[0], r[1], exact_load(r[2])) for r in conn.execute(q)]

    def daily_reports(self, scheme: str, period: str, subject: str, report_id: str | None = None,
                      ) -> list[DailyReport]:
        """The reports `subject` received in `period`, in order (or the one with `report_id`)."""
        self.migrate()
        t = metadata().tables["daily_reports"]
        q = t.select().where(t.c.scheme_id == scheme, t.c.period == period, t.c.subject == subject)
        if report_id is not None:
            q = q.where(t.c.report_id == report_id)
        with self.transaction() as conn:
            return [_report(r) for r in conn.execute(q.order_by(t.c.seq)).mappings()]

    def daily_append(self, scheme: str, period: str, subject: str, *, expect: int, report_id: str | None,
                     by: str, mode: str, stage: str, content: dict[str, Any], state: dict[str, Any],
                     total: Decimal | None, summary: dict[str, Any], at: dt.datetime | None = None) -> DailyReport:
        """Append a report (one transaction): its row in daily_reports and the subject's row in subject_states.
        `expect` is the seq the caller read: a report received meanwhile refuses this one (nothing stored)."""
        self.migrate()
        md = metadata()
        log, states = md.tables["daily_reports"], md.tables["subject_states"]
        stamp = (at or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).isoformat(timespec="seconds")
        row = {"scheme_id": scheme, "period": period, "subject": subject, "seq": expect + 1, "report_id": report_id,
               "received_at": stamp, "received_by": by, "mode": mode, "stage": stage, "content": exact_json(content),
               "content_hash": exact_hash(content),
               "state": exact_json(state), "total": total}
        where = (states.c.scheme_id == scheme, states.c.period == period, states.c.subject == subject)
        plain = json.loads(json.dumps(to_plain(summary), ensure_ascii=False))
        with self.transaction(writing=True) as conn:
            held = conn.execute(self.sa.select(log.c.seq).where(log.c.scheme_id == scheme, log.c.period == period,
                                                                log.c.subject == subject)
                                .order_by(log.c.seq.desc()).limit(1).with_for_update()).first()
            current = held[0] if held else 0
            if current != expect:
                raise StoreError([Problem.of("store.state-conflict", Location(self.url), subject=subject,
                                             expected=expect, actual=current)])
            try:
                conn.execute(log.insert().values(**row))
            except self.sa.exc.IntegrityError:  # another report of this subject (or with this number) came first
                raise StoreError([Problem.of("store.state-conflict", Location(self.url), subject=subject,
                                             expected=expect, actual=expect + 1)]) from None
            if current == 0:
                conn.execute(states.delete().where(*where))
                conn.execute(states.insert().values(scheme_id=scheme, period=period, subject=subject,
                                                    revision=row["seq"], updated_at=stamp, state=plain))
            else:
                conn.execute(states.update().where(*where).values(revision=row["seq"], updated_at=stamp, state=plain))
        return _report(row)


def exact_json(data: Any) -> str:
    """JSON text in which every Decimal keeps its digits (12.50 stays 12.50; no float on the way)."""
    if isinstance(data, dict):
        return "{" + ",".join(json.dumps(str(k), ensure_ascii=False) + ":" + exact_json(v)
                              for k, v in data.items()) + "}"
    if isinstance(data, (list, tuple)):
        return "[" + ",".join(exact_json(v) for v in data) + "]"
    if isinstance(data, Decimal):
        return str(data) if data.is_finite() else json.dumps(str(data))
    if isinstance(data, (dt.date, dt.datetime)):
        return json.dumps(data.isoformat())
    return json.dumps(data, ensure_ascii=False)


def exact_hash(data: Any) -> str:
    """sha256 of `exact_json(data)`: a report's content hash (a retry is recognised by it)."""
    return "sha256:" + hashlib.sha256(exact_json(data).encode("utf-8")).hexdigest()


def exact_load(text: str) -> Any:
    """What `exact_json` wrote: numbers with a point or exponent come back as Decimal."""
    return json.loads(text, parse_float=Decimal)


def _report(r: Any) -> DailyReport:
    return DailyReport(r["seq"], r["received_at"], r["received_by"], r["report_id"], r["mode"], r["stage"],
                       exact_load(r["content"]), r["content_hash"],
                       None if r["total"] is None else Decimal(str(r["total"])))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _key(s: SubjectResult) -> str:
    ident = getattr(s.input, "id", "") if s.input is not None else ""
    return ident or s.name


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _info(r: Any) -> RunInfo:
    return RunInfo(r["id"], r["created_at"], r["created_by"], r["scheme_id"], r["scheme_title"], r["version"],
                   r["rules_hash"], r["revision"], r["period"], r["period_name"], r["period_start"], r["period_end"],
                   r["as_of"], r["year_end_weight"], r["submission_hash"], r["source"], r["subjects"],
                   r["tool_version"])


__all__ = ["MIGRATIONS", "Store", "StoreError", "VERSION_TABLE", "exact_hash", "exact_json", "exact_load", "period_key", "submission_hash"]
