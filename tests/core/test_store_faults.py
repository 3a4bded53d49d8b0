"""Fault injection on the store: a full disk, random bytes over the file, a failed first migration, read-only
files. Rule under test: only real damage is repaired; everything else is a StoreError naming the path, and the
file is left exactly as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core.store import backup, open_database
from desktop.core.store.database import BACKUP_EVERY_WRITES, head_revision
from desktop.core.store.errors import StoreError
from desktop.core.store.models import CardRecord, LessonProgress, ReviewLogEntry, Scenario
from tests.core.faults import scribble, small_disk

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill_with_work(db_path: Path, backups: Path, cards: int = 60, reviews: int = 400) -> None:
    db = open_database(db_path, backups, now=T0)
    with db.session() as s:
        for i in range(cards):
            s.add(CardRecord(id=f"deck::card-{i:03}", deck="deck", kind="basic", content_hash="h" * 64,
                             retired=False, state=2, stability=3.5, difficulty=5.0, due=T0 + timedelta(days=i),
                             last_review=T0, created_at=T0))
        for i in range(reviews):
            s.add(ReviewLogEntry(card_id=f"deck::card-{i % cards:03}", reviewed_at=T0 + timedelta(minutes=i),
                                 rating=3, state_before=1, state_after=2, interval_days=1.0, source="review",
                                 previous_card='{"state": 1, "padding": "' + "x" * 200 + '"}'))
        for i in range(10):
            s.add(LessonProgress(lesson_id=f"lesson-{i}", read_at=T0))
    db.engine.dispose()  # a crash-like end: no close backup


def _counts(db_path: Path, backups: Path) -> tuple[dict[str, int], list[str]]:
    db = open_database(db_path, backups)
    with db.session() as s:
        counts = {
            "card": s.scalar(select(func.count()).select_from(CardRecord)),
            "review_log": s.scalar(select(func.count()).select_from(ReviewLogEntry)),
            "lesson_progress": s.scalar(select(func.count()).select_from(LessonProgress)),
        }
    messages = list(db.report.messages)
    db.close()
    return counts, messages


# ---- a full disk is not damage ------------------------------------------------------------------------------------

def test_full_disk_at_start_is_reported_and_leaves_the_file_alone(tmp_path: Path, monkeypatch) -> None:
    with small_disk(tmp_path, monkeypatch) as disk:
        db_path, backups = disk.root / "data" / "studydesk.sqlite", disk.root / "data" / "backups"
        db = open_database(db_path, backups)
        with db.session() as s:
            s.add(LessonProgress(lesson_id="intro", read_at=T0))
        db.close()
        before = _digest(db_path)
        names_before = sorted(p.name for p in db_path.parent.iterdir())
        disk.fill(leave=2048)
        if disk.real:
            with pytest.raises(StoreError) as err:
                open_database(db_path, backups).close()
            assert str(db_path) in str(err.value) and "full" in str(err.value)
        assert _digest(db_path) == before, "a full disk must not change the database"
        assert sorted(p.name for p in db_path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
            n for n in names_before if not n.endswith(("-wal", "-shm"))]
        disk.free()
        db = open_database(db_path, backups)
        assert db.report.messages == [] and db.report.moved_aside is None
        with db.session() as s:
            assert s.get(LessonProgress, "intro") is not None
        db.close()


def test_failed_first_migration_leaves_nothing_half_built(tmp_path: Path, monkeypatch) -> None:
    with small_disk(tmp_path, monkeypatch) as disk:
        db_path, backups = disk.root / "data" / "studydesk.sqlite", disk.root / "data" / "backups"
        if disk.real:
            disk.fill(leave=40 * 1024)  # room for the file, not for the whole schema and its WAL
            with pytest.raises(StoreError, match="disk is full"):
                open_database(db_path, backups)
            disk.free()
        db = open_database(db_path, backups)  # the next start succeeds once space is back
        with db.engine.connect() as conn:
            rev = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert rev == head_revision()
        db.set_setting("x", 1)
        db.close()


def test_failed_migration_rolls_back_every_table(tmp_path: Path, monkeypatch) -> None:
    """Without a small disk: a migration that fails half-way (an injected error after the first tables) leaves
    no table behind, and the next start builds the whole schema."""
    import alembic.op

    from desktop.core.store import database

    db_path, backups = tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"
    real_create = alembic.op.create_table
    made: list[str] = []

    def failing_create(name: str, *cols, **kw):
        made.append(name)
        if len(made) == 3:
            raise sqlite3.OperationalError("database or disk is full")
        return real_create(name, *cols, **kw)

    monkeypatch.setattr(alembic.op, "create_table", failing_create)
    with pytest.raises(Exception, match="disk is full"):
        database.open_database(db_path, backups)
    monkeypatch.undo()
    with sqlite3.connect(db_path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == [], f"a failed migration left tables behind: {tables}"
    db = open_database(db_path, backups)
    db.set_setting("ok", True)
    assert db.get_setting("ok") is True
    db.close()


def test_failed_writes_raise_store_error_and_keep_earlier_work(tmp_path: Path, monkeypatch) -> None:
    with small_disk(tmp_path, monkeypatch) as disk:
        db_path, backups = disk.root / "data" / "studydesk.sqlite", disk.root / "data" / "backups"
        db = open_database(db_path, backups)
        db.set_setting("kept", "before")
        disk.fill(leave=0)
        if not disk.real:  # the page cap applies to connections made from now on
            db.close()
            db = open_database(db_path, backups)
        with pytest.raises(StoreError) as err:
            for i in range(400):  # the WAL grows until a write cannot fit
                db.set_setting(f"big-{i}", "x" * 8000)
        assert str(db_path) in str(err.value)
        disk.free()
        assert db.get_setting("kept") == "before"
        db.set_setting("after", 1)  # the store works again once there is space
        db.close()
        db = open_database(db_path, backups)
        assert db.get_setting("after") == 1 and db.report.moved_aside is None
        db.close()


def test_read_only_database_is_reported_not_repaired(tmp_path: Path, monkeypatch) -> None:
    with small_disk(tmp_path, monkeypatch) as disk:
        db_path, backups = disk.root / "data" / "studydesk.sqlite", disk.root / "data" / "backups"
        db = open_database(db_path, backups)
        db.set_setting("kept", 1)
        db.close()
        before = _digest(db_path)
        disk.make_read_only()
        try:
            try:
                db = open_database(db_path, backups)
            except StoreError as exc:
                assert str(db_path) in str(exc) and "read-only" in str(exc)
            else:  # opening may work read-only; a write must then fail cleanly
                assert db.get_setting("kept") == 1
                with pytest.raises(StoreError, match="read-only|permission|cannot"):
                    db.set_setting("new", 2)
                db.engine.dispose()
            assert _digest(db_path) == before
            assert not list(db_path.parent.glob("*.damaged-*"))
        finally:
            disk.make_writable()


# ---- damage: salvage and recent backups ---------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["header", "first-pages", "middle", "near-end", *(f"random-{n}" for n in range(8))])
def test_random_bytes_salvage_what_can_be_read(tmp_path: Path, where: str) -> None:
    db_path, backups = tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"
    _fill_with_work(db_path, backups)
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        original = {r[0]: r for r in conn.execute("SELECT id, card_id, rating, previous_card FROM review_log")}
    size = db_path.stat().st_size
    if where.startswith("random-"):  # anywhere after the 100-byte file header, as a failing disk would
        import random

        offset = random.Random(int(where.split("-")[1])).randrange(100, size - 512)
    else:
        offset = {"header": 0, "first-pages": 2 * 4096 + 100, "middle": size // 2, "near-end": size - 3000}[where]
    scribble(db_path, offset, length=512, seed=7)
    assert not backup.is_healthy(db_path) or where != "header"

    db = open_database(db_path, backups)
    report = db.report
    if report.moved_aside is None:  # the bytes landed where quick_check sees no harm (free space): nothing to do
        db.close()
        return
    assert report.salvage is not None
    assert any("recovered" in m or "Nothing could be read" in m for m in report.messages)
    with db.session() as s:
        rows = {r.id: r for r in s.scalars(select(ReviewLogEntry))}
    db.close()
    for log_id, row in rows.items():  # whatever came back is exactly what was written, never garbage
        assert original[log_id][1:] == (row.card_id, row.rating, row.previous_card)
    if where != "header":
        assert len(rows) >= len(original) // 2, f"only {len(rows)} of {len(original)} reviews were salvaged"
        assert report.salvage.tables["review_log"].recovered == len(rows)
    if report.salvage.lost is not None:
        total = sum(t.recovered + (t.lost or 0) for t in report.salvage.tables.values())
        assert total >= report.salvage.recovered


def test_recent_backups_after_writes_and_on_close(tmp_path: Path) -> None:
    db_path, backups = tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"
    db = open_database(db_path, backups)
    assert [p.name.endswith("-daily.sqlite") for p in backup.list_backups(backups)] == [True]
    for i in range(BACKUP_EVERY_WRITES):
        db.set_setting(f"k{i}", i)
    assert any(p.name.endswith("-writes.sqlite") for p in backup.list_backups(backups))
    db.set_setting("last", "write")
    db.close()
    newest = backup.list_backups(backups)[0]
    assert newest.name.endswith("-close.sqlite")
    with sqlite3.connect(newest) as conn:
        assert conn.execute("SELECT value FROM app_setting WHERE key='last'").fetchone() == ('"write"',)


def test_recent_backups_never_push_out_the_daily_ones(tmp_path: Path) -> None:
    db_path, backups = tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"
    for n in range(12):
        db = open_database(db_path, backups)
        db.set_setting("n", n)
        db.close()
    kept = backup.list_backups(backups)
    assert sum(p.name.endswith("-close.sqlite") for p in kept) == backup.KEEP_BACKUPS
    assert sum(p.name.endswith("-daily.sqlite") for p in kept) == 1


def test_damaged_header_restores_the_newest_backup(tmp_path: Path) -> None:
    db_path, backups = tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"
    db = open_database(db_path, backups)
    for i in range(5):
        db.set_setting(f"before-{i}", i)
    with db.session() as s:
        s.add(Scenario(kind="memory", name="keep me", inputs="{}", results="{}", created_at=T0, updated_at=T0))
    db.close()  # the close backup holds all of this
    db = open_database(db_path, backups)
    db.set_setting("after-backup", "still here")  # newer than every backup
    db.engine.dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    scribble(db_path, 0, length=16)  # the header: "not a database"
    db = open_database(db_path, backups)
    assert db.report.restored_from is not None
    assert db.get_setting("before-4") == 4
    with db.session() as s:
        assert s.scalar(select(Scenario.name)) == "keep me"
    db.close()


def test_a_lock_held_by_another_program_is_reported_not_repaired(tmp_path: Path) -> None:
    db_path, backups = tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"
    db = open_database(db_path, backups)
    db.set_setting("kept", 1)
    db.close()
    other = sqlite3.connect(db_path)  # another program holding an exclusive lock (SQLite waits 5 s, then gives up)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO app_setting VALUES ('other', '2')")
    try:
        with pytest.raises(StoreError, match="locked"):
            open_database(db_path, backups)
        assert not list(db_path.parent.glob("*.damaged-*"))
    finally:
        other.rollback()
        other.close()
    db = open_database(db_path, backups)
    assert db.get_setting("kept") == 1 and db.report.moved_aside is None
    db.close()


def test_damage_met_while_running_asks_the_next_start_for_a_full_check(tmp_path: Path) -> None:
    from desktop.core.store.database import needs_check_marker

    db_path, backups = tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"
    db = open_database(db_path, backups)
    error = db._failure(sqlite3.DatabaseError("database disk image is malformed"), "read")
    assert "damaged" in str(error) and needs_check_marker(db_path).exists()
    db.close()
    db = open_database(db_path, backups)  # the full check passes: nothing to repair, and the request is done
    assert db.report.moved_aside is None and not needs_check_marker(db_path).exists()
    db.close()


def test_cli_reports_a_full_disk_as_an_error_naming_the_database(tmp_path: Path, monkeypatch, capsys) -> None:
    from desktop.cli import main

    with small_disk(tmp_path, monkeypatch) as disk:
        if not disk.real:
            pytest.skip("needs a real small disk (root and mount)")
        monkeypatch.setenv("STUDYDESK_HOME", str(disk.root / "home"))
        assert main(["memory", "--params", "7B", "--save", "before", "--json"]) == 0
        db_path = disk.root / "home" / "data" / "studydesk.sqlite"
        before = _digest(db_path)
        capsys.readouterr()
        disk.fill(leave=1024)
        assert main(["scenarios", "list", "--json"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and str(db_path) in err and "full" in err and "Traceback" not in err
        assert _digest(db_path) == before
        disk.free()
        assert main(["scenarios", "list", "--json"]) == 0
        assert '"before"' in capsys.readouterr().out


def test_a_half_built_schema_left_by_an_older_version_is_rebuilt(tmp_path: Path) -> None:
    """Before migrations ran in one transaction, a full disk could leave some empty tables and no version: every
    later start failed with "table app_setting already exists". Such empty leftovers are rebuilt now."""
    db_path, backups = tmp_path / "data" / "studydesk.sqlite", tmp_path / "data" / "backups"
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE app_setting (key VARCHAR(100) PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("CREATE TABLE lesson_progress (lesson_id VARCHAR(100) PRIMARY KEY, read_at DATETIME NOT NULL)")
    db = open_database(db_path, backups)
    db.set_setting("works", True)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
    db.close()
