"""Opening the user database: repair if damaged, back up, migrate, then hand out short sessions.

Order at start (open_database):
1. If the file exists but is not a healthy SQLite database, move it (and its -wal/-shm) aside with a timestamp and
   restore the newest healthy backup, or start fresh when there is none. The caller shows `report.messages`.
2. If the schema is behind, back it up, then run the Alembic migrations (batch mode for SQLite).
3. Once a day, back it up.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.store import backup
from desktop.core.store.models import AppSetting

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


@dataclass
class OpenReport:
    """What happened while opening the database, in plain words for the student."""

    messages: list[str] = field(default_factory=list)
    moved_aside: Path | None = None
    restored_from: Path | None = None
    migrated_from: str | None = None
    backups_made: list[Path] = field(default_factory=list)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}")
    event.listen(engine, "connect", _on_connect)
    return engine


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _move_aside(db_path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{n}")
    shutil.move(db_path, target)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            shutil.move(side, target.with_name(target.name + suffix))
    return target


def _repair_if_damaged(db_path: Path, backups_dir: Path, report: OpenReport, now: datetime) -> None:
    if not db_path.exists() or backup.is_healthy(db_path):
        return
    report.moved_aside = _move_aside(db_path, now)
    report.messages.append(
        f"Your progress database could not be read, so it was moved aside to {report.moved_aside}."
    )
    for candidate in backup.list_backups(backups_dir):
        if backup.is_healthy(candidate):
            shutil.copy2(candidate, db_path)
            report.restored_from = candidate
            report.messages.append(
                f"Your data was restored from the backup of {candidate.name}; anything newer than that backup "
                "is still in the moved file."
            )
            return
    report.messages.append("No good backup was found, so a fresh database was started.")


class Database:
    """The open user database. Use `session()` for one short unit of work; each commit is durable."""

    def __init__(self, engine: Engine, db_path: Path, report: OpenReport) -> None:
        self.engine = engine
        self.path = db_path
        self.report = report
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s, s.begin():
            yield s

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._sessions() as s:
            row = s.get(AppSetting, key)
            return default if row is None else json.loads(row.value)

    def set_setting(self, key: str, value: Any) -> None:
        with self.session() as s:
            s.merge(AppSetting(key=key, value=json.dumps(value)))

    def all_settings(self) -> dict[str, Any]:
        with self._sessions() as s:
            return {row.key: json.loads(row.value) for row in s.scalars(select(AppSetting))}

    def close(self) -> None:
        self.engine.dispose()


def open_database(db_path: Path, backups_dir: Path, now: datetime | None = None) -> Database:
    now = now or datetime.now(UTC)
    report = OpenReport()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _repair_if_damaged(db_path, backups_dir, report, now)

    existed = db_path.exists()
    engine = make_engine(db_path)
    current = _current_revision(engine) if existed else None
    head = head_revision()
    if current != head:
        if existed and db_path.stat().st_size > 0:
            report.backups_made.append(backup.make_backup(db_path, backups_dir, "pre-migration", now))
            report.migrated_from = current or "unversioned"
        cfg = _alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    if backup.backup_due(backups_dir, now):
        report.backups_made.append(backup.make_backup(db_path, backups_dir, "daily", now))
    return Database(engine, db_path, report)
