"""Flashcard benchmarks (DESIGN.md budgets), printed as JSON:

- grade_p95_ms: one grade = FSRS schedule + review_log row + commit (budget p95 <= 10 ms), on the real decks;
- open_10k_ms: open a 10,000-card collection = open the database, load 10,000 cards from their deck files (through
  the parse cache, as the app does after the first start), sync them with the store and count new/learning/due per
  deck (budget <= 300 ms). Every card has a review history. open_10k_cold_ms is the same without the cache and
  with the sync forced (first start, or after the deck files changed): every deck file is read by the fast reader
  of the deck-file TOML subset (desktop/core/srs/deck_toml.py), not tomllib.

Run: .venv/bin/python tests/bench/bench_srs.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fsrs import Rating  # noqa: E402

from desktop.core.srs import Collection  # noqa: E402
from desktop.core.srs.decks import CARDS_DIR  # noqa: E402
from desktop.core.store import open_database  # noqa: E402

GRADES = 400
BIG = 10_000
DECKS = 8


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(round(q * (len(ordered) - 1))), len(ordered) - 1)]


def bench_grade(tmp: Path) -> dict[str, float]:
    db = open_database(tmp / "grade.sqlite", tmp / "backups-grade")
    c = Collection.open(db, CARDS_DIR)
    ids = [v.id for v in c.list_cards()]
    when = datetime.now(UTC)
    ratings = [Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Easy]
    times = []
    for n in range(GRADES):
        start = time.perf_counter()
        c.grade(ids[n % len(ids)], ratings[n % len(ratings)], when, duration_ms=5000)
        times.append((time.perf_counter() - start) * 1000)
        when += timedelta(minutes=3)
    db.close()
    return {"grades": GRADES, "grade_p50_ms": round(_p(times, 0.5), 3), "grade_p95_ms": round(_p(times, 0.95), 3),
            "grade_max_ms": round(max(times), 3)}


def _write_big_decks(folder: Path) -> None:
    folder.mkdir()
    per = BIG // DECKS
    for d in range(DECKS):
        lines = [f'deck = "deck{d}"', "[title]", f'pt-BR = "Baralho {d}"', f'en = "Deck {d}"', ""]
        for i in range(per):
            cid = f"deck{d}-card{i}"
            if i % 3 == 0:
                lines += ["[[cards]]", f'id = "{cid}"', 'kind = "cloze"', "[cards.pt-BR]",
                          f'text = "Cartão {i}: o {{{{c1::token {i}}}}} vem do tokenizer."', "[cards.en]",
                          f'text = "Card {i}: the {{{{c1::token {i}}}}} comes from the tokenizer."', ""]
            else:
                lines += ["[[cards]]", f'id = "{cid}"', 'kind = "basic"', "[cards.pt-BR]",
                          f'front = "Pergunta {i} do baralho {d}?"', f'back = "Resposta {i}."', "[cards.en]",
                          f'front = "Question {i} of deck {d}?"', f'back = "Answer {i}."', ""]
        (folder / f"deck{d}.toml").write_text("\n".join(lines), encoding="utf-8")


def bench_open(tmp: Path) -> dict[str, float]:
    cards = tmp / "cards"
    _write_big_decks(cards)
    db_path, backups = tmp / "big.sqlite", tmp / "backups-big"
    db = open_database(db_path, backups)
    c = Collection.open(db, cards, cache_dir=tmp / "cache")
    sched = c.scheduler()
    when = datetime.now(UTC) - timedelta(days=30)
    with db.session() as s:  # setup only: a real FSRS history for every card, in one transaction
        for n, card_id in enumerate(v.id for v in c.list_cards()):
            t = when + timedelta(seconds=n)
            c._grade_in(s, sched, card_id, Rating.Good, t, 4000, "review")
            c._grade_in(s, sched, card_id, Rating.Good if n % 5 else Rating.Again, t + timedelta(minutes=10), 4000,
                        "review")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()

    times = []
    for _ in range(5):
        start = time.perf_counter()
        db = open_database(db_path, backups)
        c = Collection.open(db, cards, cache_dir=tmp / "cache")
        summaries = c.deck_summaries()
        times.append((time.perf_counter() - start) * 1000)
        assert sum(s.total for s in summaries) == BIG
        db.close()
    cold, cold_cpu = [], []
    for _ in range(3):
        db = open_database(db_path, backups)
        db.set_setting("cards_synced_fingerprint", None)
        start, start_cpu = time.perf_counter(), time.process_time()
        c = Collection.open(db, cards)
        c.deck_summaries()
        cold.append((time.perf_counter() - start) * 1000)
        cold_cpu.append((time.process_time() - start_cpu) * 1000)
        db.close()
    # CPU time too: on a shared machine the wall clock also counts other processes' turns.
    return {"cards": BIG, "reviews": 2 * BIG, "open_10k_median_ms": round(statistics.median(times), 1),
            "open_10k_max_ms": round(max(times), 1), "open_10k_cold_ms": round(min(cold), 1),
            "open_10k_cold_cpu_ms": round(min(cold_cpu), 1)}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ["STUDYDESK_HOME"] = str(tmp / "home")
        result = {"benchmark": "srs", "cpu_count": os.cpu_count(), **bench_grade(tmp), **bench_open(tmp),
                  "budgets": {"grade_p95_ms": 10, "open_10k_ms": 300}}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
