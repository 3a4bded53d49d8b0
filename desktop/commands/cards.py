"""`studydesk cards list|review|stats`: the flashcards without the window (same store, same FSRS scheduling)."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import CliError, open_store, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cards", help="list, grade and count your flashcards")
    cards_sub = p.add_subparsers(dest="cards_command", metavar="ACTION", required=True)

    ls = cards_sub.add_parser("list", help="cards with their state and due time")
    ls.add_argument("--deck", help="only this deck (a lesson id such as parameters)")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(func=run_list)

    rv = cards_sub.add_parser("review", help="grade one card now, as the review page would")
    rv.add_argument("card_id", metavar="ID")
    rv.add_argument("--rating", required=True, help="again, hard, good or easy")
    rv.add_argument("--json", action="store_true", help="print JSON")
    rv.set_defaults(func=run_review)

    st = cards_sub.add_parser("stats", help="due forecast, streak, retention and progress per deck")
    st.add_argument("--json", action="store_true", help="print JSON")
    st.set_defaults(func=run_stats)


def _open_collection():  # noqa: ANN202 (Collection; imported lazily so `studydesk --help` stays fast)
    from desktop.core.paths import app_paths
    from desktop.core.srs import Collection

    db = open_store()
    collection = Collection.open(db, cache_dir=app_paths().cache_dir)
    for error in collection.errors:
        print(f"warning: {error}", file=sys.stderr)
    return collection


def run_list(args: argparse.Namespace) -> int:
    collection = _open_collection()
    try:
        if args.deck is not None and args.deck not in collection.deck_ids():
            raise CliError(f"unknown deck {args.deck!r}; decks: {', '.join(collection.deck_ids())}")
        rows = [
            {"id": v.id, "deck": v.deck, "kind": v.kind, "state": v.state_name,
             "due": v.due.isoformat() if v.due else None}
            for v in collection.list_cards(args.deck)
        ]
    finally:
        collection.db.close()
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['id']:45} {r['deck']:18} {r['kind']:7} {r['state']:10} {r['due'] or '-'}")
    return 0


def run_review(args: argparse.Namespace) -> int:
    from desktop.core.srs import SrsError

    collection = _open_collection()
    try:
        result = collection.grade(args.card_id, args.rating)
    except SrsError as exc:
        raise CliError(str(exc)) from exc
    finally:
        collection.db.close()
    data = result.as_json()
    if args.json:
        print_json(data)
    else:
        print(f"{data['id']}: {data['state']}, due {data['due']} (in {data['interval_days']:g} days)")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from desktop.core.srs.stats import compute_stats

    collection = _open_collection()
    try:
        data = compute_stats(collection).as_json()
    finally:
        collection.db.close()
    if args.json:
        print_json(data)
    else:
        month = data["retention"]["last_30_days"]
        rate = "-" if month["rate"] is None else f"{100 * month['rate']:.1f}%"
        print(f"due today {data['due_today']}, reviews today {data['reviews_today']}, streak {data['streak_days']} "
              f"days, retention (30 days) {rate}")
        for d in data["decks"]:
            print(f"  {d['deck']:18} new {d['new']:4} learning {d['learning']:4} young {d['young']:4} "
                  f"mature {d['mature']:4}")
    return 0
