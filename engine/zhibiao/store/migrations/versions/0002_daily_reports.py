"""日常考核：daily_reports, the append-only log of facts and records reported during a period.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zhibiao.store.tables import decimal_type

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "daily_reports",
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
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(80), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("total", decimal_type(), nullable=True),
        sa.UniqueConstraint("scheme_id", "period", "subject", "seq", name="uq_daily_reports_seq"),
        sa.UniqueConstraint("scheme_id", "period", "subject", "report_id", name="uq_daily_reports_report"),
    )


def downgrade() -> None:
    op.drop_table("daily_reports")
