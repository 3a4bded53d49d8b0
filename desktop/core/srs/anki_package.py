"""Reading an Anki package (.apkg) safely: the zip, the collection inside it (legacy `collection.anki2`/`.anki21`
or the current zstd-compressed `collection.anki21b`), and the few tables an import needs.

A package is untrusted input. It is refused, with a message that says why, when it is not a zip, when a member
unpacks to more than MAX_COLLECTION_BYTES (a zip bomb cannot fill the disk or the memory: every byte is counted as
it is unpacked), when the collection is not a SQLite database with Anki's tables, or when it holds more notes or
longer fields than any real deck (MAX_NOTES, MAX_FIELD_CHARS).
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from desktop.core.srs.collection import SrsError

MAX_COLLECTION_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 200_000
MAX_NOTES = 200_000
MAX_FIELD_CHARS = 100_000
_CHUNK = 1 << 20
# Newest format first: current Anki writes all three names, the older ones holding a "please update" stub.
_MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_REQUIRED = {
    "col": {"crt"},
    "notes": {"id", "guid", "mid", "flds"},
    "cards": {"id", "nid", "did", "ord", "type", "queue", "due", "ivl", "factor", "left", "odid", "odue", "data"},
    "revlog": {"id", "cid", "ease", "ivl", "time", "type"},
}


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    is_cloze: bool
    fields: list[str]


@dataclass
class AnkiPackage:
    """What an import needs from the package's collection, read in full (the temporary files are gone)."""

    crt: int  # the collection's creation time (epoch seconds): review due dates count days from it
    sched_ver: int
    note_types: dict[int, NoteType]
    decks: dict[int, str]  # deck id -> full name, "Parent::Child"
    notes: list[tuple[int, str, int, list[str]]]  # (id, guid, note type id, fields)
    cards: list[dict[str, Any]]
    revlog: list[tuple[int, int, int, int, int, int]] = field(default_factory=list)  # (id, cid, ease, ivl, time, type)


def read_package(path: Path, workdir: Path) -> AnkiPackage:
    """Unpack the collection of `path` into `workdir` (a private temporary folder) and read it."""
    name = path.name
    if not path.is_file():
        raise SrsError(f"{name} does not exist")
    if not zipfile.is_zipfile(path):
        raise SrsError(f"{name} is not an Anki package: an .apkg file is a zip archive, and this one is not")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise SrsError(f"{name} holds {len(infos):,} files; refusing it (no Anki deck has that many)")
            names = {i.filename for i in infos}
            member = next((m for m in _MEMBERS if m in names), None)
            if member is None:
                raise SrsError(f"{name} is a zip archive but not an Anki package (no collection.anki2 inside)")
            target = workdir / "collection.sqlite"
            with z.open(member) as raw, target.open("wb") as out:
                if member.endswith("b"):
                    _unzstd(raw, out, name)
                else:
                    _copy_capped(raw, out, name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise SrsError(f"{name} is a damaged zip archive ({exc})") from exc
    except OSError as exc:
        raise SrsError(f"{name} cannot be unpacked ({exc.strerror or exc})") from exc
    return _read_collection(target, name)


def _too_big(name: str) -> SrsError:
    return SrsError(f"{name} unpacks to more than {MAX_COLLECTION_BYTES // (1024 * 1024)} MB; refusing it "
                    "(a damaged or hostile file)")


def _copy_capped(src: IO[bytes], out: IO[bytes], name: str) -> None:
    total = 0
    while chunk := src.read(_CHUNK):
        total += len(chunk)
        if total > MAX_COLLECTION_BYTES:
            raise _too_big(name)
        out.write(chunk)


def _unzstd(src: IO[bytes], out: IO[bytes], name: str) -> None:
    import zstandard

    try:
        # A bounded window keeps a hostile frame from asking for gigabytes of memory.
        reader = zstandard.ZstdDecompressor(max_window_size=1 << 27).stream_reader(src)
        _copy_capped(reader, out, name)
    except zstandard.ZstdError as exc:
        raise SrsError(f"{name} holds a damaged compressed collection ({exc})") from exc


def _read_collection(db_path: Path, name: str) -> AnkiPackage:
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise SrsError(f"{name}: the collection cannot be opened ({exc})") from exc
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        # Anki's own collation for deck and note type names; the indexes that use it must be readable.
        conn.create_collation("unicase", _unicase)
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise SrsError(f"{name}: the collection inside is a damaged database")
        _check_schema(conn, name)
        return _load(conn, name)
    except sqlite3.DatabaseError as exc:
        raise SrsError(f"{name}: the collection inside is not a readable Anki database ({exc})") from exc
    finally:
        conn.close()


def _unicase(a: str, b: str) -> int:
    x, y = a.casefold(), b.casefold()
    return (x > y) - (x < y)


def _check_schema(conn: sqlite3.Connection, name: str) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, columns in _REQUIRED.items():
        if table not in tables:
            raise SrsError(f"{name} is not an Anki collection: it has no {table!r} table")
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        missing = columns - have
        if missing:
            raise SrsError(f"{name} is not an Anki collection: table {table!r} lacks {', '.join(sorted(missing))}")
    if "notetypes" not in tables:
        have = {r[1] for r in conn.execute("PRAGMA table_info(col)")}
        if not {"models", "decks", "conf"} <= have:
            raise SrsError(f"{name} is not an Anki collection: it has neither note types nor col.models")


def _protobuf_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while pos < len(data):
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7
    raise ValueError("truncated varint")


def notetype_kind(config: bytes) -> int:
    """Field 1 (`kind`: 0 normal, 1 cloze) of Anki's NotetypeConfig protobuf message; 0 when absent."""
    pos = 0
    try:
        while pos < len(config):
            key, pos = _protobuf_varint(config, pos)
            number, wire = key >> 3, key & 7
            if wire == 0:
                value, pos = _protobuf_varint(config, pos)
                if number == 1:
                    return value
            elif wire == 1:
                pos += 8
            elif wire == 2:
                length, pos = _protobuf_varint(config, pos)
                pos += length
            elif wire == 5:
                pos += 4
            else:
                return 0
    except ValueError:
        return 0
    return 0


def _json(text: Any, what: str, name: str) -> Any:
    try:
        return json.loads(text or "{}")
    except (TypeError, ValueError) as exc:
        raise SrsError(f"{name}: the collection's {what} are not readable ({exc})") from exc


def _load(conn: sqlite3.Connection, name: str) -> AnkiPackage:
    crt = int(conn.execute("SELECT crt FROM col").fetchone()[0] or 0)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    note_types: dict[int, NoteType] = {}
    decks: dict[int, str] = {}
    if "notetypes" in tables:  # schema 18 (current Anki)
        fields: dict[int, list[tuple[int, str]]] = {}
        for ntid, ord_, fname in conn.execute("SELECT ntid, ord, name FROM fields"):
            fields.setdefault(int(ntid), []).append((int(ord_), str(fname)))
        for ntid, nt_name, config in conn.execute("SELECT id, name, config FROM notetypes"):
            names = [f for _o, f in sorted(fields.get(int(ntid), []))]
            note_types[int(ntid)] = NoteType(int(ntid), str(nt_name), notetype_kind(bytes(config or b"")) == 1, names)
        decks = {int(i): str(n).replace("\x1f", "::") for i, n in conn.execute("SELECT id, name FROM decks")}
        row = conn.execute("SELECT val FROM config WHERE key = 'schedVer'").fetchone() if "config" in tables else None
        sched_ver = int(_json(bytes(row[0]).decode("utf-8", "replace"), "settings", name)) if row else 1
    else:  # schema 11 (legacy packages, genanki)
        models_json, decks_json, conf_json = conn.execute("SELECT models, decks, conf FROM col").fetchone()
        for key, m in _json(models_json, "note types", name).items():
            flds = sorted(m.get("flds", []), key=lambda f: f.get("ord", 0))
            note_types[int(key)] = NoteType(int(key), str(m.get("name", key)), m.get("type") == 1,
                                            [str(f.get("name", "")) for f in flds])
        decks = {int(k): str(d.get("name", k)) for k, d in _json(decks_json, "decks", name).items()}
        sched_ver = int(_json(conf_json, "settings", name).get("schedVer", 1))

    count = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    if count > MAX_NOTES:
        raise SrsError(f"{name} holds {count:,} notes; refusing it (the limit is {MAX_NOTES:,})")
    notes = []
    for nid, guid, mid, flds in conn.execute("SELECT id, guid, mid, flds FROM notes"):
        text = str(flds or "")
        values = text.split("\x1f")
        longest = max((len(v) for v in values), default=0)
        if longest > MAX_FIELD_CHARS:
            raise SrsError(f"{name}: note {nid} has a field of {longest:,} characters; refusing the file "
                           f"(the limit is {MAX_FIELD_CHARS:,})")
        notes.append((int(nid), str(guid), int(mid), values))
    cols = "id, nid, did, ord, type, queue, due, ivl, factor, left, odid, odue, data"
    cards = [dict(zip(cols.split(", "), r, strict=True)) for r in conn.execute(f"SELECT {cols} FROM cards")]
    revlog = [tuple(int(x or 0) for x in r)
              for r in conn.execute("SELECT id, cid, ease, ivl, time, type FROM revlog ORDER BY id")]
    return AnkiPackage(crt, sched_ver, note_types, decks, notes, cards, revlog)  # type: ignore[arg-type]
