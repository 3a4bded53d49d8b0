"""Nothing lost: a process grading a stream of reviews is SIGKILLed; every review it acknowledged is in the database
and the database is intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.store.models import ReviewLogEntry
from tests.core.test_srs_support import open_db, write_decks

GRADER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    from desktop.core.paths import app_paths
    from desktop.core.srs import Collection
    from desktop.core.store import open_database

    paths = app_paths()
    paths.ensure()
    collection = Collection.open(open_database(paths.db_path, paths.backups_dir), Path(sys.argv[1]))
    ids = [v.id for v in collection.list_cards()]
    when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    n = 0
    while True:  # until killed
        result = collection.grade(ids[n % len(ids)], ("again", "hard", "good", "easy")[n % 4], when, duration_ms=900)
        print(f"ack {result.log_id} {result.card_id}", flush=True)  # printed only after the commit returned
        n += 1
        when += timedelta(minutes=7)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_acknowledged_review_survives_sigkill(tmp_path: Path) -> None:
    cards = write_decks(tmp_path / "cards")
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    proc = subprocess.Popen([sys.executable, "-c", GRADER, str(cards)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=repo)
    acked: list[tuple[int, str]] = []
    try:
        assert proc.stdout is not None
        while len(acked) < 60:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"grader stopped early: {proc.stderr.read() if proc.stderr else ''}")
            _, log_id, card_id = line.split()
            acked.append((int(log_id), card_id))
        proc.send_signal(signal.SIGKILL)  # in the middle of the stream: it is grading the next card right now
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -signal.SIGKILL

    db = open_db()  # the same STUDYDESK_HOME as the killed process
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        with db.session() as s:
            stored = {(r.id, r.card_id) for r in s.execute(select(ReviewLogEntry.id, ReviewLogEntry.card_id))}
        missing = [a for a in acked if a not in stored]
        assert not missing, f"acknowledged reviews lost: {missing}"
        assert len(stored) >= len(acked)
    finally:
        db.close()
