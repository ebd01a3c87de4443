"""Alembic environment: always run by `zhibiao.store` with an open connection (no alembic.ini, no URL here)."""

from __future__ import annotations

from alembic import context

from zhibiao.store.tables import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata(), version_table=VERSION_TABLE,
                  render_as_batch=connection.dialect.name == "sqlite", transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
