"""`studydesk`: no arguments opens the GUI; subcommands are headless tools that print JSON with --json.

Each subcommand lives in a module of desktop.commands with `register(subparsers)`; list it in COMMAND_MODULES.
Errors a user can fix raise CliError: printed as `error: …` on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desktop import __version__

if TYPE_CHECKING:
    from desktop.core.store import Database

COMMAND_MODULES = [
    "desktop.commands.paths",
    "desktop.commands.calc",
    "desktop.commands.cards",
    "desktop.commands.sampling",
    "desktop.commands.model",
    "desktop.commands.tokenize",
    "desktop.commands.inspect",
]


class CliError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""


def open_store() -> Database:
    """The user database for a subcommand; an unwritable data folder is a CliError naming the path."""
    from desktop.core.paths import DataDirError, app_paths
    from desktop.core.store import open_database

    paths = app_paths()
    try:
        paths.ensure()
    except DataDirError as exc:
        raise CliError(str(exc)) from exc
    db = open_database(paths.db_path, paths.backups_dir)
    for message in db.report.messages:
        print(f"warning: {message}", file=sys.stderr)
    return db


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studydesk",
        description="LLM Study Desk. Without a subcommand it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"studydesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop.app import run_gui

        return run_gui()
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
