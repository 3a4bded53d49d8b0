"""`studydesk desktop-entry install [--uninstall]`: add the app (with its icon) to the desktop's application menu."""

from __future__ import annotations

import argparse

from desktop.cli import CliError, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("desktop-entry", help="add LLM Study Desk to your desktop's application menu (Linux)")
    dsub = p.add_subparsers(dest="entry_command", metavar="ACTION", required=True)
    ins = dsub.add_parser("install", help="write a .desktop launcher and the icon under $XDG_DATA_HOME")
    ins.add_argument("--uninstall", action="store_true", help="remove the launcher and the icon instead")
    ins.add_argument("--json", action="store_true", help="print JSON")
    ins.set_defaults(func=run_install)


def run_install(args: argparse.Namespace) -> int:
    from desktop.core import desktop_entry

    try:
        if args.uninstall:
            removed = desktop_entry.uninstall()
            data = {"removed": [str(p) for p in removed]}
            text = "\n".join(f"removed {p}" for p in removed) or "no launcher was installed"
        else:
            files = desktop_entry.install()
            data = files.as_json()
            text = f"launcher: {files.desktop_file}\nicon: {files.icon}"
    except OSError as exc:
        where = exc.filename or "the data folder"
        raise CliError(f"cannot write {where} ({exc.strerror or exc})") from exc
    if args.json:
        print_json(data)
    else:
        print(text)
    return 0
