"""`studydesk`: no arguments opens the GUI; subcommands are headless tools that print JSON with --json.

Each subcommand lives in a module of desktop.commands with `register(subparsers)`; list it in COMMAND_MODULES.
Errors a user can fix raise CliError: printed as `error: …` on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
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
    "desktop.commands.server",
    "desktop.commands.desktop_entry",
    "desktop.commands.inspect",
]


class CliError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""


def open_store() -> Database:
    """The user database for a subcommand; an unwritable data folder is a CliError naming the path."""
    from desktop.core.paths import DataDirError, app_paths
    from desktop.core.store import open_database
    from desktop.core.store.errors import StoreError

    paths = app_paths()
    try:
        paths.ensure()
        db = open_database(paths.db_path, paths.backups_dir)
    except (DataDirError, StoreError) as exc:
        raise CliError(str(exc)) from exc
    for message in db.report.messages:
        print(f"warning: {message}", file=sys.stderr)
    return db


def user_path(text: str, option: str) -> Path:
    """A path the user typed, with ~ expanded; an empty value or an unknown ~user is a CliError naming the option."""
    if not text.strip():
        raise CliError(f"{option} is empty; give a file path")
    if "\x00" in text:
        raise CliError(f"{option}: a file path cannot contain a NUL character")
    try:
        return Path(text).expanduser()
    except RuntimeError as exc:  # "~nosuchuser/…": no such user's home folder
        raise CliError(f"{option}: {text!r} names a home folder that does not exist") from exc


def _check_text(argv: Sequence[str]) -> None:
    """Arguments are text: bytes that are not UTF-8 arrive as lone surrogates and would break every print."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise CliError(f"the argument {shown!r} is not valid UTF-8 text") from None


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
    for stream in (sys.stdout, sys.stderr):  # odd text (a token piece, a file name) never kills a print
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    from desktop.core.store.errors import StoreError

    try:
        _check_text(sys.argv[1:] if argv is None else argv)
        args = build_parser().parse_args(argv)
        if args.command is None:
            from desktop.app import run_gui

            return run_gui()
        return int(args.func(args) or 0)
    except (CliError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `studydesk … | head`: the reader left; stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
