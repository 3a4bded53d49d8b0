"""Alembic environment: run by desktop.core.store.database with a live connection (batch mode for SQLite)."""

from alembic import context

from desktop.core.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
