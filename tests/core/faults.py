"""Fault injection helpers: a small disk that can be filled (a tmpfs when the tests run as root, else SQLite's
max_page_count), and random bytes over a file."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


class SmallDisk:
    """A folder on a 2 MB disk. `fill(leave)` takes all but `leave` bytes of its free space; `free()` gives it back.
    Without root (or with STUDYDESK_TEST_NO_MOUNT set), the same effect comes from capping every database connection
    made after fill() at its current page count (SQLITE_FULL on growth)."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch, real: bool) -> None:
        self.root = root
        self.real = real
        self._monkeypatch = monkeypatch
        self._filler = root / ".filler"
        self._capped = False

    def fill(self, leave: int = 0) -> None:
        if self.real:
            st = os.statvfs(self.root)
            free = st.f_bavail * st.f_frsize
            with self._filler.open("ab") as f:
                f.write(b"\0" * max(0, free - leave))
            return
        from desktop.core.store import database

        original = database._on_connect

        def capped(dbapi_conn: sqlite3.Connection, record: object) -> None:
            original(dbapi_conn, record)
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {max(1, pages)}")

        self._monkeypatch.setattr(database, "_on_connect", capped)
        self._capped = True

    def free(self) -> None:
        if self.real:
            self._filler.unlink(missing_ok=True)
        elif self._capped:
            self._monkeypatch.undo()
            self._capped = False

    def make_read_only(self) -> None:
        if self.real:
            subprocess.run(["mount", "-o", "remount,ro", str(self.root)], check=True)
        else:
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                pytest.skip("root ignores file permissions, and remounting read-only is off")
            for p in self.root.rglob("*"):
                p.chmod(0o555 if p.is_dir() else 0o444)
            self.root.chmod(0o555)

    def make_writable(self) -> None:
        if self.real:
            subprocess.run(["mount", "-o", "remount,rw", str(self.root)], check=True)
        else:
            self.root.chmod(0o755)
            for p in self.root.rglob("*"):
                p.chmod(0o755 if p.is_dir() else 0o644)


@contextmanager
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: str = "2m") -> Iterator[SmallDisk]:
    root = tmp_path / "disk"
    root.mkdir()
    real = os.environ.get("STUDYDESK_TEST_NO_MOUNT") is None and _can_mount() and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(root)], capture_output=True
    ).returncode == 0
    disk = SmallDisk(root, monkeypatch, real)
    try:
        yield disk
    finally:
        disk.free()
        if real:
            subprocess.run(["umount", "-l", str(root)], capture_output=True)


def scribble(path: Path, offset: int, length: int = 64, seed: int = 0) -> None:
    """Random bytes over `length` bytes of a file at `offset` (negative: from the end)."""
    size = path.stat().st_size
    start = offset if offset >= 0 else max(0, size + offset)
    data = random.Random(seed).randbytes(length)
    with path.open("r+b") as f:
        f.seek(start)
        f.write(data)
