"""The results database's tables (SQLAlchemy Core), in long form so a pivot table or SQL reads them directly.

    runs               one scoring run: who, when, which scheme version and rules hash, which period, which facts
    subject_results    a subject in a run: total, rank, award, the facts as scored
    category_results   a subject's category in a run: points, deducted, floor cut, score
    deductions         one row per deduction: rule, original wording, quantity × amount = subtotal, evidence
    subject_states     running state of a subject in a period (the scoring service's 日常考核)
    daily_reports      every report of 日常考核 received, append-only: who, when, what, and what was held after
    tasks              improvement tasks (整改任务): origin and original wording, owner, deadline, progress, evidence
    task_events        every change of a task, append-only: who, when, which field, old → new, why

Exact numbers: PostgreSQL `numeric`; SQLite keeps them as text (its numbers are doubles) — both read back as the
same `Decimal`. Built on first use: SQLAlchemy is an optional extra (`zhibiao[db]`).
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from ..errors import Location, Problem, UsageError

VERSION_TABLE = "zhibiao_migrations"  # not alembic_version: a shared PostgreSQL database may hold other projects


def sqlalchemy() -> Any:
    """The sqlalchemy module, or a Chinese error naming the extra to install."""
    try:
        import sqlalchemy as sa
    except ModuleNotFoundError:
        raise UsageError([Problem.of("store.needs-extra", Location("zhibiao[db]"))]) from None
    return sa


@functools.cache
def decimal_type() -> Any:
    sa = sqlalchemy()

    class ExactDecimal(sa.types.TypeDecorator):
        """Decimal in, the same Decimal out: numeric on PostgreSQL, text on SQLite."""

        impl = sa.Numeric
        cache_ok = True

        def load_dialect_impl(self, dialect: Any) -> Any:
            if dialect.name == "sqlite":
                return dialect.type_descriptor(sa.String(64))
            return dialect.type_descriptor(sa.Numeric(asdecimal=True))

        def process_bind_param(self, value: Any, dialect: Any) -> Any:
            if value is None:
                return None
            return str(value) if dialect.name == "sqlite" else Decimal(value)

        def process_result_value(self, value: Any, dialect: Any) -> Any:
            return None if value is None else Decimal(str(value))

    return ExactDecimal


@functools.cache
def metadata() -> Any:
    sa = sqlalchemy()
    num = decimal_type()
    md = sa.MetaData()
    sa.Table(
        "runs", md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(80), nullable=False, unique=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("scheme_id", sa.String(200), nullable=False),
        sa.Column("scheme_title", sa.Text, nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("rules_hash", sa.String(80), nullable=False),
        sa.Column("revision", sa.String(80), nullable=False),
        sa.Column("period", sa.String(80), nullable=False),
        sa.Column("period_name", sa.Text, nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("year_end_weight", num, nullable=True),
        sa.Column("submission_hash", sa.String(80), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("subjects", sa.Integer, nullable=False),
        sa.Column("awards_note", sa.Text, nullable=False),
        sa.Column("tool_version", sa.String(40), nullable=False),
        sa.Index("ix_runs_scheme_period", "scheme_id", "period"),
    )
    sa.Table(
        "subject_results", md,
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("subject_key", sa.String(200), nullable=False),  # the subject's id (open lists) or its name
        sa.Column("block", sa.String(80), nullable=False),
        sa.Column("total", num, nullable=False),
        sa.Column("rank", sa.Integer, nullable=True),
        sa.Column("rank_note", sa.Text, nullable=False),
        sa.Column("award", sa.String(200), nullable=True),
        sa.Column("award_note", sa.Text, nullable=False),
        sa.Column("year_end", num, nullable=True),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("supplied", sa.JSON, nullable=False),
        sa.Column("records", sa.JSON, nullable=False),
        sa.Index("ix_subject_results_subject", "subject_key"),
    )
    sa.Table(
        "category_results", md,
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("category_position", sa.Integer, primary_key=True),
        sa.Column("category_id", sa.String(200), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("points", num, nullable=False),
        sa.Column("deducted", num, nullable=False),
        sa.Column("floor_cut", num, nullable=False),
        sa.Column("score", num, nullable=False),
    )
    sa.Table(
        "deductions", md,
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("category_position", sa.Integer, primary_key=True),
        sa.Column("deduction_position", sa.Integer, primary_key=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("block", sa.String(80), nullable=False),
        sa.Column("category_id", sa.String(200), nullable=False),
        sa.Column("rule_id", sa.String(200), nullable=False),
        sa.Column("clause_no", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("condition", sa.Text, nullable=False),
        sa.Column("quantity", num, nullable=False),
        sa.Column("unit", sa.String(80), nullable=False),
        sa.Column("amount", num, nullable=False),
        sa.Column("subtotal", num, nullable=False),
        sa.Column("capped", num, nullable=False),
        sa.Column("link", sa.Text, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Index("ix_deductions_rule", "rule_id"),
    )
    sa.Table(
        "subject_states", md,
        sa.Column("scheme_id", sa.String(200), primary_key=True),
        sa.Column("period", sa.String(80), primary_key=True),
        sa.Column("subject", sa.String(200), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
    )
    sa.Table(
        "daily_reports", md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scheme_id", sa.String(200), nullable=False),
        sa.Column("period", sa.String(80), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("report_id", sa.String(200), nullable=True),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("received_by", sa.String(200), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("content", sa.Text, nullable=False),      # exact JSON as received (numbers keep their digits)
        sa.Column("content_hash", sa.String(80), nullable=False),
        sa.Column("state", sa.Text, nullable=False),        # exact JSON: what the subject held after this report
        sa.Column("total", num, nullable=True),
        sa.UniqueConstraint("scheme_id", "period", "subject", "seq", name="uq_daily_reports_seq"),
        sa.UniqueConstraint("scheme_id", "period", "subject", "report_id", name="uq_daily_reports_report"),
    )
    sa.Table(
        "tasks", md,
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),  # registration order (the register's order)
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("origin_kind", sa.String(40), nullable=False),
        sa.Column("origin_ref", sa.String(400), nullable=False),
        sa.Column("finding", sa.Text, nullable=False),
        sa.Column("origin_text", sa.Text, nullable=False),     # the rule, conclusion or point's original wording
        sa.Column("origin_source", sa.JSON, nullable=True),    # its citation {file, section, quote}
        sa.Column("created", sa.Date, nullable=False),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("completed", sa.Date, nullable=True),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("registered_at", sa.String(40), nullable=False),
        sa.Column("registered_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Index("ix_tasks_owner", "owner"),
    )
    sa.Table(
        "task_events", md,  # append-only (migration 0004): one row per field a change touched
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.String(80), sa.ForeignKey("tasks.id"), nullable=False),
        sa.Column("event", sa.Integer, nullable=False),             # the task's n-th change (fields changed together)
        sa.Column("field", sa.String(20), nullable=False),          # registered, status, owner, deadline, …
        sa.Column("old", sa.JSON, nullable=True),
        sa.Column("new", sa.JSON, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.UniqueConstraint("task_id", "event", "field", name="uq_task_events_change"),
        sa.Index("ix_task_events_task", "task_id"),
    )
    return md
