"""`studydesk cards list|review|stats|export|import`: the flashcards without the window (same store, same FSRS
scheduling, the same files the Browse page writes and reads)."""

from __future__ import annotations

import argparse
import sys
import zipfile

from desktop.cli import CliError, open_store, print_json, user_path


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

    ex = cards_sub.add_parser("export", help="write your cards to an Anki package or a CSV file")
    fmt = ex.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--apkg", action="store_true", help="an Anki package, with scheduling and review history")
    fmt.add_argument("--csv", action="store_true", help="a CSV file, with scheduling")
    ex.add_argument("path", metavar="PATH", help="the file to write")
    ex.add_argument("--deck", help="only this deck (a lesson id such as parameters)")
    ex.add_argument("--json", action="store_true", help="print JSON")
    ex.set_defaults(func=run_export)

    im = cards_sub.add_parser("import", help="add cards from an Anki package (.apkg) or a CSV file")
    im.add_argument("path", metavar="PATH", help="an .apkg, .csv, .tsv or .txt file")
    im.add_argument("--deck", metavar="NAME", help="put every imported card in this deck")
    im.add_argument("--json", action="store_true", help="print JSON")
    im.set_defaults(func=run_import)


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


def _language(collection) -> str:  # noqa: ANN001
    # The language the app shows cards in (the setting the window writes), for the text of exported cards.
    value = collection.db.get_setting("content_language", "pt-BR")
    return value if value in ("pt-BR", "en") else "pt-BR"


def run_export(args: argparse.Namespace) -> int:
    from desktop.core.srs import SrsError
    from desktop.core.srs.portability import ExportResult, export_apkg, export_csv

    path = user_path(args.path, "PATH")
    if not path.parent.is_dir():
        raise CliError(f"the folder {path.parent} does not exist")
    collection = _open_collection()
    language = _language(collection)
    try:
        if args.deck is not None and args.deck not in collection.deck_ids():
            raise CliError(f"unknown deck {args.deck!r}; decks: {', '.join(collection.deck_ids())}")
        decks = [args.deck] if args.deck else None
        if args.apkg:
            result = export_apkg(collection, path, language, decks)
        else:
            result = ExportResult(path, export_csv(collection, path, language, decks), 0)
    except SrsError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        collection.db.close()
    if args.json:
        print_json(result.as_json())
    else:
        print(f"wrote {result.cards} cards and {result.reviews} reviews to {path}")
        if args.apkg:
            print("In Anki: File > Import, and tick \"Import any learning progress\" to keep the scheduling.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from desktop.core.srs import SrsError
    from desktop.core.srs.anki_import import import_apkg
    from desktop.core.srs.portability import DEFAULT_IMPORT_DECK, import_csv

    path = user_path(args.path, "PATH")
    if not path.is_file():
        raise CliError(f"{path} does not exist or is not a file")
    if args.deck is not None and not args.deck.strip():
        raise CliError("--deck needs a name")
    collection = _open_collection()
    language = _language(collection)
    try:
        if path.suffix.lower() in (".apkg", ".colpkg") or zipfile.is_zipfile(path):
            data = import_apkg(collection, path, language, args.deck).as_json()
        else:
            report = import_csv(collection, path, language, args.deck.strip() if args.deck else DEFAULT_IMPORT_DECK)
            data = {"added": report.added, "updated": report.updated, "skipped": report.skipped,
                    "errors": report.errors}
    except SrsError as exc:
        raise CliError(str(exc)) from exc
    finally:
        collection.db.close()
    if args.json:
        print_json(data)
    else:
        print(f"{data['added']} added, {data['updated']} updated, {data['skipped']} already here")
        for line in data.get("notices", []):
            print(f"note: {line}")
        for line in data["errors"]:
            print(f"not imported: {line}", file=sys.stderr)
    return 0
