"""The user data store: migrations, the schema fixture of each released version, backups and repair."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desktop.core.store import backup, open_database
from desktop.core.store.database import head_revision
from desktop.core.store.models import Base, LessonProgress

FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"


def _paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"


def test_migrate_from_empty_creates_schema_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    db_path, backups = _paths(tmp_path)
    db = open_database(db_path, backups)
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert db.report.messages == []
    db.close()


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    db = open_database(*_paths(tmp_path))
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    assert diff == [], f"models.py and the migrations disagree: {diff}"


def test_settings_roundtrip_and_survive_reopen(tmp_path: Path) -> None:
    db = open_database(*_paths(tmp_path))
    db.set_setting("content_language", "en")
    db.set_setting("threads", 2)
    db.close()
    db = open_database(*_paths(tmp_path))
    assert db.get_setting("content_language") == "en"
    assert db.all_settings()["threads"] == 2
    assert db.get_setting("missing", "fallback") == "fallback"
    db.close()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-*.sqlite")), ids=lambda p: p.stem)
def test_each_released_schema_version_opens_and_upgrades(tmp_path: Path, fixture: Path) -> None:
    db_path, backups = _paths(tmp_path)
    db_path.parent.mkdir(parents=True)
    shutil.copy(fixture, db_path)
    db = open_database(db_path, backups)
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    with db.session() as s:
        assert s.get(LessonProgress, "intro") is not None, "data in the old database must survive the upgrade"
    db.close()


def test_fixture_exists_for_the_current_head() -> None:
    assert (FIXTURES / f"schema-{head_revision()}.sqlite").exists(), (
        "add a fixture database for the new schema version: python tests/fixtures/db/make_fixture.py"
    )


def test_backup_before_migrating_an_old_database(tmp_path: Path) -> None:
    db_path, backups = _paths(tmp_path)
    db_path.parent.mkdir(parents=True)
    sqlite3.connect(db_path).execute("CREATE TABLE legacy (x INTEGER)").connection.commit()
    db = open_database(db_path, backups)
    assert db.report.migrated_from == "unversioned"
    assert any("pre-migration" in p.name for p in backup.list_backups(backups))
    db.close()


def test_daily_backup_keeps_the_newest_five(tmp_path: Path) -> None:
    db_path, backups = _paths(tmp_path)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(8):
        open_database(db_path, backups, now=start + timedelta(days=day)).close()
        # make the file times follow the simulated clock
        newest = backup.list_backups(backups)[0]
        ts = (start + timedelta(days=day)).timestamp()
        import os

        os.utime(newest, (ts, ts))
    kept = backup.list_backups(backups)
    assert len(kept) == 5
    assert kept[0].name.startswith("studydesk-20260108")
    assert all(backup.is_healthy(p) for p in kept)


def test_no_second_backup_on_the_same_day(tmp_path: Path) -> None:
    db_path, backups = _paths(tmp_path)
    open_database(db_path, backups).close()
    open_database(db_path, backups).close()
    assert len(backup.list_backups(backups)) == 1


def test_garbage_database_is_moved_aside_and_backup_restored(tmp_path: Path) -> None:
    db_path, backups = _paths(tmp_path)
    db = open_database(db_path, backups)
    with db.session() as s:
        s.add(LessonProgress(lesson_id="intro", read_at=datetime.now(UTC)))
    db.close()
    backup.make_backup(db_path, backups, "manual")  # a backup that holds the read mark

    db_path.write_bytes(b"this is not a database " * 100)
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    db = open_database(db_path, backups)
    report = db.report
    assert report.moved_aside is not None and report.moved_aside.exists()
    assert report.moved_aside.read_bytes().startswith(b"this is not a database")
    assert report.restored_from is not None
    assert any("moved aside" in m for m in report.messages)
    with db.session() as s:
        assert s.get(LessonProgress, "intro") is not None
    db.close()


def test_garbage_database_without_backups_starts_fresh_and_says_so(tmp_path: Path) -> None:
    db_path, backups = _paths(tmp_path)
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"\x00garbage" * 512)
    db = open_database(db_path, backups)
    assert db.report.moved_aside is not None and db.report.moved_aside.exists()
    assert db.report.restored_from is None
    assert any("fresh database" in m for m in db.report.messages)
    assert backup.is_healthy(db_path)
    db.close()


def test_naive_datetimes_are_refused(tmp_path: Path) -> None:
    db = open_database(*_paths(tmp_path))
    with pytest.raises(Exception, match="naive datetime"), db.session() as s:
        s.add(LessonProgress(lesson_id="x", read_at=datetime(2026, 1, 1)))
    db.close()
