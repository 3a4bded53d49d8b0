"""The only writer of user data: SQLite through SQLAlchemy 2.0, migrated by Alembic, backed up daily."""

from desktop.core.store.database import Database, OpenReport, open_database

__all__ = ["Database", "OpenReport", "open_database"]
