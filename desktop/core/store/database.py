"""Opening the user database: repair if damaged, back up, migrate, then hand out short sessions.

Order at start (open_database):
1. If the file exists but is damaged (SQLITE_CORRUPT, SQLITE_NOTADB, a failed quick_check), build a replacement
   from the newest healthy backup (or a fresh database) plus every row still readable from the damaged file, then
   move the damaged file (and its -wal/-shm) aside with a timestamp. The caller shows `report.messages`.
   Anything else (a full disk, a read-only file, an I/O error, a lock) is a StoreError and the file is untouched.
2. If the schema is behind, back it up, then run the Alembic migrations in one transaction.
3. Once a day, back it up; "recent" backups follow on close and every BACKUP_EVERY_WRITES writes.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.store import backup
from desktop.core.store.errors import StoreError, describe, is_corruption, is_store_failure, store_error
from desktop.core.store.models import AppSetting, Base
from desktop.core.store.salvage import SalvageReport, salvage_rows

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BACKUP_EVERY_WRITES = 30  # units of work that wrote something between two "recent" backups
log = logging.getLogger(__name__)


@dataclass
class OpenReport:
    """What happened while opening the database, in plain words for the student."""

    messages: list[str] = field(default_factory=list)
    moved_aside: Path | None = None
    restored_from: Path | None = None
    migrated_from: str | None = None
    backups_made: list[Path] = field(default_factory=list)
    salvage: SalvageReport | None = None  # what was rescued from a damaged file


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


def _has_tables(db_path: Path) -> bool:
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0


def migrate(db_path: Path) -> None:
    """Bring the schema to the newest revision in ONE transaction: a failure (a full disk, say) leaves the
    previous state, so the next start simply tries again.

    Python's sqlite3 does not open a transaction before DDL by itself, so CREATE TABLE would commit one statement
    at a time; this engine hands transaction control to SQLAlchemy and begins explicitly."""
    engine = make_engine(db_path)

    @event.listens_for(engine, "connect")
    def _autocommit_off(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        cfg = _alembic_config()
        with engine.begin() as conn:
            if MigrationContext.configure(conn).get_current_revision() is None:
                _drop_empty_leftovers(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()


def _drop_empty_leftovers(conn: Any) -> None:
    """Empty tables of ours in an unversioned file are what an older version left when its first migration failed
    half-way (it ran DDL outside a transaction): drop them so the migration can build the schema. Any row in them
    means real data, which is never dropped (the migration then fails and says so)."""
    existing = set(sa_inspect(conn).get_table_names())
    ours = [t for t in reversed(Base.metadata.sorted_tables) if t.name in existing]
    if not ours:
        return
    if any(conn.execute(select(func.count()).select_from(t)).scalar() for t in ours):
        return
    for table in ours:
        table.drop(conn)


def _move_aside(db_path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{n}")
    os.replace(db_path, target)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def _side_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _recover(db_path: Path, backups_dir: Path, report: OpenReport, now: datetime) -> None:
    """Replace a damaged file: build the replacement beside it (newest healthy backup, else a fresh database,
    migrated, plus every row still readable from the damaged file), and only then move the damaged file aside
    and put the replacement in its place. If anything fails before that swap, nothing on disk has changed."""
    building = db_path.with_name(db_path.name + ".restoring")
    for p in _side_files(building):
        p.unlink(missing_ok=True)
    restored_from = None
    try:
        for candidate in backup.list_backups(backups_dir):
            if backup.is_healthy(candidate):
                with closing(sqlite3.connect(candidate)) as src, closing(sqlite3.connect(building)) as dst:
                    src.backup(dst)
                restored_from = candidate
                break
        migrate(building)
        salvaged = salvage_rows(db_path, building)
        _checkpoint(building)
        report.moved_aside = _move_aside(db_path, now)
        os.replace(building, db_path)
    except (sqlite3.Error, OSError, SQLAlchemyError) as exc:
        for p in _side_files(building):
            p.unlink(missing_ok=True)
        raise StoreError(db_path, f"it is damaged, and repairing it failed: {describe(exc)}", "repair") from exc
    report.restored_from = restored_from
    report.salvage = salvaged
    report.messages.append(
        f"Your progress database was damaged, so it was moved aside to {report.moved_aside}."
    )
    if restored_from is not None:
        report.messages.append(f"It was replaced by the backup of {restored_from.name}.")
    else:
        report.messages.append("No good backup was found, so a fresh database was started.")
    report.messages.append(salvaged.summary())


def _checkpoint(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # folds the WAL into the file, so one file can be moved


class Database:
    """The open user database. Use `session()` for one short unit of work; each commit is durable.

    A read or write that fails because of the disk (full, read-only, I/O error) or a lock raises StoreError, and
    the unit of work is rolled back: nothing half-done is kept. After every BACKUP_EVERY_WRITES units of work that
    wrote something, and on close, a "recent" backup is made (its failure never loses or blocks anything)."""

    def __init__(self, engine: Engine, db_path: Path, report: OpenReport, backups_dir: Path | None = None) -> None:
        self.engine = engine
        self.path = db_path
        self.report = report
        self.backups_dir = backups_dir
        self.backup_error: str | None = None  # the last automatic backup that could not be written
        self._writes_since_backup = 0
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _failure(self, exc: BaseException, action: str) -> StoreError:
        if is_corruption(exc):
            try:  # the next start runs the full integrity check, which sees what the quick one may miss
                needs_check_marker(self.path).touch()
            except OSError:
                pass
            return StoreError(self.path, "the file is damaged (restart the app to repair it from the backups)", action)
        return store_error(self.path, exc, action)

    @contextmanager
    def session(self) -> Iterator[Session]:
        wrote = False
        try:
            with self._sessions() as s, s.begin():
                before = _total_changes(s)
                yield s
                s.flush()
                wrote = _total_changes(s) != before
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            if is_store_failure(exc):
                raise self._failure(exc, "save to") from exc
            raise
        if wrote:
            self._writes_since_backup += 1
            if self._writes_since_backup >= BACKUP_EVERY_WRITES:
                self.backup_now("writes")

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        try:
            with self._sessions() as s:
                yield s
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            if is_store_failure(exc):
                raise self._failure(exc, "read") from exc
            raise

    def backup_now(self, reason: str) -> Path | None:
        """A backup of the current state; None (and backup_error set) when it could not be written."""
        if self.backups_dir is None:
            return None
        try:
            made = backup.make_backup(self.path, self.backups_dir, reason)
        except StoreError as exc:
            self.backup_error = str(exc)
            log.warning("%s", exc)
            return None
        self.backup_error = None
        self._writes_since_backup = 0
        return made

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._reading() as s:
            row = s.get(AppSetting, key)
            return default if row is None else json.loads(row.value)

    def set_setting(self, key: str, value: Any) -> None:
        with self.session() as s:
            s.merge(AppSetting(key=key, value=json.dumps(value)))

    def all_settings(self) -> dict[str, Any]:
        with self._reading() as s:
            return {row.key: json.loads(row.value) for row in s.scalars(select(AppSetting))}

    def close(self) -> None:
        if self._writes_since_backup:
            self.backup_now("close")
        self.engine.dispose()


def needs_check_marker(db_path: Path) -> Path:
    """A file beside the database that asks the next start for a full integrity check (set when a read or write
    met SQLITE_CORRUPT while the app ran)."""
    return db_path.with_name(db_path.name + ".needs-check")


def _total_changes(s: Session) -> int:
    raw = s.connection().connection.dbapi_connection
    return int(raw.total_changes) if raw is not None else 0


def open_database(db_path: Path, backups_dir: Path, now: datetime | None = None) -> Database:
    """Open (repairing and migrating as needed) the database. Raises StoreError — and changes nothing on disk —
    when the file cannot be used for a reason that is not damage: a full disk, a read-only file or folder, an I/O
    error, a lock."""
    now = now or datetime.now(UTC)
    report = OpenReport()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise store_error(db_path, exc, "create") from exc
    marker = needs_check_marker(db_path)
    if db_path.exists() and not backup.check_health(db_path, full=marker.exists()):
        _recover(db_path, backups_dir, report, now)
    marker.unlink(missing_ok=True)
    try:
        engine = _open_engine(db_path, backups_dir, report, now)
    except _MissedDamage:
        # quick_check passed, yet reading the schema hit SQLITE_CORRUPT: repair it like any other damage.
        _recover(db_path, backups_dir, report, now)
        engine = _open_engine(db_path, backups_dir, report, now)
    db = Database(engine, db_path, report, backups_dir)
    if backup.backup_due(backups_dir, now):
        try:
            report.backups_made.append(backup.make_backup(db_path, backups_dir, "daily", now))
        except StoreError as exc:
            db.backup_error = str(exc)
            report.messages.append(f"The daily backup could not be written: {exc.problem}.")
    return db


class _MissedDamage(Exception):
    pass


def _open_engine(db_path: Path, backups_dir: Path, report: OpenReport, now: datetime) -> Engine:
    """The engine on a healthy file, migrated to the newest schema (backed up first)."""
    engine = make_engine(db_path)
    try:
        existed = db_path.exists() and db_path.stat().st_size > 0
        current = _current_revision(engine) if existed else None
        head = head_revision()
        if current != head:
            if existed and (current is not None or _has_tables(db_path)):
                # No migration without a backup to go back to (a StoreError if it cannot be written).
                report.backups_made.append(backup.make_backup(db_path, backups_dir, "pre-migration", now))
                report.migrated_from = current or "unversioned"
            engine.dispose()
            migrate(db_path)
    except StoreError:
        engine.dispose()
        raise
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        if is_corruption(exc) and report.moved_aside is None:
            raise _MissedDamage from exc
        raise store_error(db_path, exc, "open") from exc
    return engine
