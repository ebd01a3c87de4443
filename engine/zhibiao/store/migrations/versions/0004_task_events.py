"""整改任务的变更记录：task_events, append-only — one row per field a change touched (who, when, which field, old →
new, why). Tasks kept before this revision get one “registered” event each, from their registered_at/by: what
changed on them before the upgrade was not recorded (their row holds the current values).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BEFORE = "结果库升级（迁移 0004）之前登记；此前的进度变化没有逐项记录"


def upgrade() -> None:
    op.create_table(
        "task_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task_id", sa.String(80), sa.ForeignKey("tasks.id"), nullable=False),
        sa.Column("event", sa.Integer, nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("old", sa.JSON, nullable=True),
        sa.Column("new", sa.JSON, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.UniqueConstraint("task_id", "event", "field", name="uq_task_events_change"),
    )
    op.create_index("ix_task_events_task", "task_events", ["task_id"])
    tasks = sa.table("tasks", sa.column("id"), sa.column("registered_at"), sa.column("registered_by"))
    events = sa.table("task_events", sa.column("task_id"), sa.column("event"), sa.column("field"),
                      sa.column("reason"), sa.column("at"), sa.column("by"))
    op.execute(events.insert().from_select(
        ["task_id", "event", "field", "reason", "at", "by"],
        sa.select(tasks.c.id, sa.literal(1), sa.literal("registered"), sa.literal(BEFORE), tasks.c.registered_at,
                  tasks.c.registered_by)))


def downgrade() -> None:
    op.drop_table("task_events")
