"""Rescuing the rows that can still be read from a damaged database.

A few bad bytes usually spoil one or two pages; the rest of the file is fine. When a damaged file is replaced
(from the newest healthy backup, or a fresh database when there is none), every row that still reads back is
copied into the replacement, table by table and row by row, skipping what fails:

- rows are read in rowid order in batches; when a batch fails the rows are read one at a time, and past a row
  that cannot be read the reader jumps ahead (1, 2, 4, … rowids) until it finds readable rows again;
- a row must fit its column's type (an integer column holds an integer, a date a date) or it counts as lost;
- rows from the damaged file win over the backup's copy of the same row (they are newer); when a table could be
  read to its end without a failure, rows the backup has but the damaged file no longer has (an undone grade, a
  deleted scenario) go too, so nothing deleted comes back.

The counts say how many rows were recovered and how many were lost (when the damaged file still knows how many
rows a table had; otherwise the loss is reported as unknown).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

# Parents before children, so foreign keys hold while rows go in.
TABLE_ORDER = ("app_setting", "lesson_progress", "card", "review_log", "quiz_answer", "scenario")
_BATCH = 256
_MAX_SKIP = 1 << 62


@dataclass
class TableSalvage:
    recovered: int = 0
    lost: int | None = 0  # None: unknown (the damaged table could not even be counted)


@dataclass
class SalvageReport:
    tables: dict[str, TableSalvage] = field(default_factory=dict)
    unreadable: bool = False  # nothing at all could be read (the file's header or schema is gone)

    @property
    def recovered(self) -> int:
        return sum(t.recovered for t in self.tables.values())

    @property
    def lost(self) -> int | None:
        if self.unreadable or any(t.lost is None for t in self.tables.values()):
            return None
        return sum(t.lost or 0 for t in self.tables.values())

    def summary(self) -> str:
        if self.unreadable:
            return "Nothing could be read from the damaged file."
        lost = self.lost
        lost_text = "an unknown number of rows could not be read" if lost is None else (
            f"{lost:,} could not be read" if lost else "none was lost")
        return f"{self.recovered:,} rows were recovered from the damaged file; {lost_text}."


@dataclass
class _Column:
    name: str
    declared: str
    notnull: bool
    pk: bool


def _columns(conn: sqlite3.Connection, table: str) -> list[_Column]:
    rows = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    return [_Column(r[1], str(r[2] or "").upper(), bool(r[3]), bool(r[5])) for r in rows]


def _fits(value: Any, col: _Column) -> bool:
    """Whether a value read from the damaged file can be what this column holds."""
    if value is None:
        return not col.notnull or col.pk
    t = col.declared
    if t.startswith(("INTEGER", "BOOLEAN")):
        return isinstance(value, int) and (not t.startswith("BOOLEAN") or value in (0, 1))
    if t.startswith(("FLOAT", "REAL")):
        return isinstance(value, int | float)
    if t.startswith(("DATETIME", "TIMESTAMP")):
        if not isinstance(value, str):
            return False
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
        return True
    if t.startswith(("VARCHAR", "TEXT", "CHAR")):
        return isinstance(value, str)
    return True


def _read_rows(conn: sqlite3.Connection, table: str, names: list[str]) -> tuple[list[tuple], bool]:
    """Every readable row of `table` (rowid first); second value: True when the table read to its end cleanly."""
    cols = ", ".join(f'"{n}"' for n in names)
    after = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT ?'
    from_ = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1'
    rows: list[tuple] = []
    clean = True
    last = -(1 << 63)
    while True:
        try:
            batch = conn.execute(after, (last, _BATCH)).fetchall()
        except sqlite3.DatabaseError:
            batch = None
        if batch == []:
            return rows, clean
        if batch is not None:
            rows.extend(batch)
            last = batch[-1][0]
            continue
        # The batch holds an unreadable row: take the rows one at a time up to it.
        clean = False
        while True:
            try:
                one = conn.execute(after, (last, 1)).fetchall()
            except sqlite3.DatabaseError:
                break
            if not one:
                return rows, clean
            rows.append(one[0])
            last = one[0][0]
        # Jump over the damage: 1, 2, 4, … rowids ahead until something reads again.
        skip = 1
        found = None
        while skip < _MAX_SKIP and last + skip < (1 << 63):
            try:
                found = conn.execute(from_, (last + skip,)).fetchall()
                break
            except sqlite3.DatabaseError:
                skip *= 2
        if not found:
            return rows, clean
        rows.append(found[0])
        last = found[0][0]


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    except sqlite3.DatabaseError:
        return None


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def salvage_rows(damaged: Path, target: Path) -> SalvageReport:
    """Copy every readable row of `damaged` into `target` (a healthy database with the current schema)."""
    report = SalvageReport()
    try:
        src = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    except sqlite3.Error:
        report.unreadable = True
        return report
    dst = sqlite3.connect(target)
    try:
        try:
            src.execute("PRAGMA cell_size_check=ON")
            present = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError:
            report.unreadable = True
            return report
        dst.execute("PRAGMA foreign_keys=ON")
        read: dict[str, tuple[list[_Column], list[tuple], bool, int | None]] = {}
        for table in TABLE_ORDER:
            if table not in present:
                continue
            target_cols = _columns(dst, table)
            try:
                source_names = {c.name for c in _columns(src, table)}
            except sqlite3.DatabaseError:
                source_names = {c.name for c in target_cols}
            cols = [c for c in target_cols if c.name in source_names]
            if not cols:
                continue
            rows, clean = _read_rows(src, table, [c.name for c in cols])
            read[table] = (cols, rows, clean, _count(src, table))
        with dst:  # one transaction: all of it or nothing
            # Children first: rows the damaged file cleanly no longer has were deleted after the backup.
            for table in reversed(TABLE_ORDER):
                if table not in read:
                    continue
                cols, rows, clean, _n = read[table]
                pk = [i for i, c in enumerate(cols) if c.pk]
                if clean and pk and len(pk) == 1:
                    keep = [row[1 + pk[0]] for row in rows]
                    name = cols[pk[0]].name
                    dst.execute("CREATE TEMP TABLE IF NOT EXISTS _keep (k PRIMARY KEY)")
                    dst.execute("DELETE FROM _keep")
                    dst.executemany("INSERT OR IGNORE INTO _keep VALUES (?)", [(k,) for k in keep])
                    dst.execute(f'DELETE FROM "{table}" WHERE "{name}" NOT IN (SELECT k FROM _keep)')
            for table in TABLE_ORDER:
                if table not in read:
                    continue
                cols, rows, _clean, count = read[table]
                names = ", ".join(f'"{c.name}"' for c in cols)
                marks = ", ".join("?" for _ in cols)
                pk_names = [c.name for c in cols if c.pk]
                updates = ", ".join(f'"{c.name}" = excluded."{c.name}"' for c in cols if not c.pk)
                sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
                if pk_names and updates:
                    sql += f' ON CONFLICT ({", ".join(pk_names)}) DO UPDATE SET {updates}'
                elif pk_names:
                    sql += " ON CONFLICT DO NOTHING"
                done = 0
                for row in rows:
                    values = row[1:]
                    if not all(_fits(v, c) for v, c in zip(values, cols, strict=True)):
                        continue
                    try:
                        dst.execute(sql, values)
                    except sqlite3.DatabaseError:
                        continue  # e.g. a review of a card whose row was lost
                    done += 1
                lost = None if count is None else max(0, count - done)
                report.tables[table] = TableSalvage(recovered=done, lost=lost)
            dst.execute("DROP TABLE IF EXISTS temp._keep")
    finally:
        src.close()
        dst.close()
    return report
