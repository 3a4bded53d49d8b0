"""Telling real damage apart from a full disk, a read-only file or a lock.

Only SQLITE_CORRUPT and SQLITE_NOTADB (and an integrity check that finds problems) mean the file is damaged. Every
other failure — the disk is full, an I/O error, a read-only file or folder, another program holding a lock — is
a StoreError: reported with the path and the problem, and the file is left exactly as it is.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import sqlalchemy.exc

# Primary result codes (the low byte of sqlite_errorcode), https://sqlite.org/rescode.html
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_PROBLEMS = {
    SQLITE_PERM: "permission denied",
    SQLITE_BUSY: "it is locked by another program (is Study Desk open twice?)",
    SQLITE_LOCKED: "it is locked by another program (is Study Desk open twice?)",
    SQLITE_NOMEM: "the computer ran out of memory",
    SQLITE_READONLY: "it is read-only (check the permissions of the file and its folder)",
    SQLITE_IOERR: "the disk reported an input/output error",
    SQLITE_CORRUPT: "the file is damaged",
    SQLITE_FULL: "the disk is full (free some space and try again)",
    SQLITE_CANTOPEN: "it cannot be opened (check that the folder exists and is writable)",
    SQLITE_NOTADB: "it is not a database file",
}
_ERRNO_PROBLEMS = {
    errno.ENOSPC: "the disk is full (free some space and try again)",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "the disk reported an input/output error",
}


class StoreError(Exception):
    """The database could not be read or written for a reason that is not damage. The message names the path
    and the problem; nothing was changed on disk."""

    def __init__(self, path: Path, problem: str, action: str = "use") -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"cannot {action} the progress database {path}: {problem}")


def primary_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of an error (sqlite3 or SQLAlchemy-wrapped), or None."""
    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        exc = exc.orig  # type: ignore[assignment]
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_corruption(exc: BaseException) -> bool:
    if primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def describe(exc: BaseException) -> str:
    """The problem in plain words."""
    if isinstance(exc, OSError) and exc.errno in _ERRNO_PROBLEMS:
        return _ERRNO_PROBLEMS[exc.errno]
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    code = primary_code(exc)
    if code in _PROBLEMS:
        return _PROBLEMS[code]
    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        exc = exc.orig  # type: ignore[assignment]
    return str(exc) or exc.__class__.__name__


def _disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 256 * 1024
    except OSError:
        return False


def _read_only_place(path: Path) -> str:
    """Why the file cannot be written, when the reason is its disk, folder or the file itself ("" if none)."""
    try:
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return "the disk it is on is mounted read-only"
    except (OSError, AttributeError):
        pass
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only (check its permissions)"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only (check its permissions)"
    return ""


def store_error(path: Path, exc: BaseException, action: str = "use") -> StoreError:
    problem = describe(exc)
    # SQLite reports a write that ran out of space as SQLITE_FULL or, from some calls, as a plain I/O error.
    code = primary_code(exc)
    if code == SQLITE_IOERR and _disk_nearly_full(path):
        problem = "the disk is full (free some space and try again)"
    elif code in (SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM) and _read_only_place(path):
        problem = _read_only_place(path)
    return StoreError(path, problem, action)


def is_store_failure(exc: BaseException) -> bool:
    """Errors of the database or the disk (not programming errors such as a broken constraint)."""
    if isinstance(exc, sqlalchemy.exc.DBAPIError):
        return not isinstance(exc.orig, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError)
    if isinstance(exc, sqlite3.Error):
        return not isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError)
    return isinstance(exc, OSError)
