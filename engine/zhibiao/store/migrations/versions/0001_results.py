"""评分结果：runs, subject_results, category_results, deductions, subject_states.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zhibiao.store.tables import decimal_type

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    num = decimal_type()
    op.create_table(
        "runs",
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
    )
    op.create_index("ix_runs_scheme_period", "runs", ["scheme_id", "period"])
    op.create_table(
        "subject_results",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("subject_key", sa.String(200), nullable=False),
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
    )
    op.create_index("ix_subject_results_subject", "subject_results", ["subject_key"])
    op.create_table(
        "category_results",
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
    op.create_table(
        "deductions",
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
    )
    op.create_index("ix_deductions_rule", "deductions", ["rule_id"])
    op.create_table(
        "subject_states",
        sa.Column("scheme_id", sa.String(200), primary_key=True),
        sa.Column("period", sa.String(80), primary_key=True),
        sa.Column("subject", sa.String(200), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in ("subject_states", "deductions", "category_results", "subject_results", "runs"):
        op.drop_table(table)
