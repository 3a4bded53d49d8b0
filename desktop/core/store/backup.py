"""Backups of the user database with SQLite's online backup API.

Two kinds, each keeping its newest few:
- "recent" backups, made on close and after a number of writes (see Database), so a damaged file costs minutes
  of work at worst (and the salvage in salvage.py usually recovers even those);
- "daily" and "pre-migration" backups, which older damage that went unnoticed for a while cannot push out.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.core.store.errors import StoreError, describe, is_corruption, store_error

KEEP_BACKUPS = 5  # per kind
BACKUP_PREFIX = "studydesk-"
BACKUP_SUFFIX = ".sqlite"
RECENT_REASONS = ("close", "writes")


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups, newest first (the timestamp is in the name, so names sort by time)."""
    try:
        if not backups_dir.is_dir():
            return []
        found = [p for p in backups_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}") if p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def _is_recent_kind(path: Path) -> bool:
    return path.name.removesuffix(BACKUP_SUFFIX).rsplit("-", 1)[-1] in RECENT_REASONS


def check_health(path: Path, full: bool = False) -> bool:
    """True when the file opens as SQLite and passes a quick integrity check (the full one with `full`), False
    when it is damaged (SQLITE_CORRUPT, SQLITE_NOTADB or a failed check). Raises StoreError for anything else — a
    full disk, an I/O error, a lock, no permission — because those say nothing about the file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        if is_corruption(exc):
            return False
        raise store_error(path, exc, "open") from exc
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        return bool(rows) and rows[0][0] == "ok"
    except sqlite3.Error as exc:
        if is_corruption(exc):
            return False
        raise store_error(path, exc, "open") from exc
    finally:
        conn.close()


def is_healthy(path: Path) -> bool:
    """True when the file opens as SQLite and passes a quick integrity check (any failure counts as not)."""
    try:
        return check_health(path)
    except StoreError:
        return False


def make_backup(db_path: Path, backups_dir: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the live database (WAL included) into backups_dir and keep only the newest KEEP_BACKUPS of its kind.
    Raises StoreError (and leaves no partial file) when the copy cannot be written."""
    now = now or datetime.now(UTC)
    stamp = now.strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"{BACKUP_PREFIX}{stamp}-{reason}{BACKUP_SUFFIX}"
    # Written under a temporary name and renamed when complete: a backup cut short (a crash, a full disk) is never
    # mistaken for a good one.
    partial = target.with_name(target.name + ".partial")
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(db_path)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        for p in (partial, partial.with_name(partial.name + "-journal")):
            p.unlink(missing_ok=True)
        raise StoreError(target, describe(exc), "write the backup") from exc
    for stale in backups_dir.glob(f"{BACKUP_PREFIX}*.partial*"):  # left by a crash during an earlier backup
        try:
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink()
        except OSError:
            pass
    recent = _is_recent_kind(target)
    same_kind = [p for p in list_backups(backups_dir) if _is_recent_kind(p) == recent]
    for old in same_kind[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return target


def backup_due(backups_dir: Path, now: datetime | None = None) -> bool:
    """A daily backup is due when the newest daily (or pre-migration) backup is more than a day old, or none."""
    now = now or datetime.now(UTC)
    backups = [p for p in list_backups(backups_dir) if not _is_recent_kind(p)]
    if not backups:
        return True
    try:
        newest = datetime.fromtimestamp(backups[0].stat().st_mtime, UTC)
    except OSError:
        return True
    return now - newest >= timedelta(days=1)
