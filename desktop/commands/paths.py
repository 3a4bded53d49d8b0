"""`studydesk paths [--json]`: where user data lives."""

from __future__ import annotations

import argparse

from desktop.cli import print_json
from desktop.core.paths import app_paths


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("paths", help="show where user data, settings, cache, database and models live")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = app_paths().as_json()
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            print(f"{key:11} {value}")
    return 0
