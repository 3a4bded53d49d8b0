"""`studydesk tokenize TEXT [--model PATH] [--json]`: how a model's own tokenizer cuts a text.

Only the tokenizer is loaded (llama.cpp's vocab_only mode), so this is quick even for big models. The count is
of the text's tokens; the start-of-text token (<bos>) the model adds before a prompt is not counted."""

from __future__ import annotations

import argparse

from desktop.cli import CliError, print_json
from desktop.commands.server import add_server_options, open_server


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tokenize", help="cut a text into tokens with a model's tokenizer")
    p.add_argument("text", help="the text ('-' reads standard input)")
    p.add_argument("--model", metavar="PATH", help="a .gguf file (default: the default model)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_server_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from desktop.commands.model import load_engine

    if args.text == "-":
        try:
            text = sys.stdin.buffer.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CliError(f"standard input is not valid UTF-8 text (byte {exc.start:,} is {exc.object[exc.start]:#04x})") from None
    else:
        text = args.text
    if args.server:
        return _run_on_server(args, text)
    engine = load_engine(args.model, vocab_only=True)
    try:
        ids = engine.tokenize(text, add_bos=False)
        tokens = [{"id": i, "text": engine.piece(i)} for i in ids]
    finally:
        engine.close()
    if args.json:
        print_json({"model": str(engine.path), "count": len(ids), "characters": len(text), "tokens": tokens})
    else:
        print(f"{len(ids)} tokens, {len(text)} characters")
        for t in tokens:
            print(f"{t['id']:>8}  {t['text']!r}")
    return 0


def _run_on_server(args: argparse.Namespace, text: str) -> int:
    from desktop.core.llm.server import ServerError

    if args.model:
        raise CliError("give either --model (a local file) or --server, not both")
    client = open_server(args.server, args.api_key_env, args.timeout, args.server_model)
    try:
        got = client.tokenize(text)
    except ServerError as exc:
        raise CliError(str(exc)) from exc
    tokens = [{"id": t.id, "text": t.text} for t in got]
    if args.json:
        print_json({"model": client.model, "server": client.base_url, "count": len(tokens), "characters": len(text),
                    "tokens": tokens})
    else:
        print(f"{len(tokens)} tokens, {len(text)} characters ({client.base_url})")
        for t in tokens:
            print(f"{t['id']:>8}  {t['text']!r}")
    return 0
