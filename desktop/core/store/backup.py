"""Backups of the user database with SQLite's online backup API: before a migration and once a day."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

KEEP_BACKUPS = 5
BACKUP_PREFIX = "studydesk-"
BACKUP_SUFFIX = ".sqlite"


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups, newest first (the timestamp is in the name, so names sort by time)."""
    if not backups_dir.is_dir():
        return []
    found = [p for p in backups_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def is_healthy(path: Path) -> bool:
    """True when the file opens as SQLite and passes a quick integrity check."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("PRAGMA quick_check").fetchone()
            return bool(row) and row[0] == "ok"
    except sqlite3.Error:
        return False


def make_backup(db_path: Path, backups_dir: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the live database (WAL included) into backups_dir and keep only the newest KEEP_BACKUPS."""
    now = now or datetime.now(UTC)
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"{BACKUP_PREFIX}{stamp}-{reason}{BACKUP_SUFFIX}"
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    for old in list_backups(backups_dir)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return target


def backup_due(backups_dir: Path, now: datetime | None = None) -> bool:
    """A daily backup is due when the newest backup is more than a day old (or there is none)."""
    now = now or datetime.now(UTC)
    backups = list_backups(backups_dir)
    if not backups:
        return True
    newest = datetime.fromtimestamp(backups[0].stat().st_mtime, UTC)
    return now - newest >= timedelta(days=1)
