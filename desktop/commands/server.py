"""`studydesk server check URL`: which inference server answers there, its models, and what the lab can ask of it.

Also the `--server URL` / `--api-key-env VAR` options that `next-token`, `generate` and `tokenize` share."""

from __future__ import annotations

import argparse
import os

from desktop.cli import CliError, print_json

# Read when --api-key-env is not given, so a key never has to appear on a command line.
DEFAULT_KEY_ENV = "STUDYDESK_SERVER_API_KEY"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("server", help="inference servers (llama-server, vLLM, Ollama, llama-cpp-python)")
    ssub = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    check = ssub.add_parser("check", help="what kind of server answers at URL, its models and limits")
    check.add_argument("url", help="the server's address, e.g. http://127.0.0.1:8080")
    add_key_option(check)
    check.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for an answer (default 10)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(func=run_check)


def add_key_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--api-key-env", metavar="VAR", default=None,
        help=f"environment variable holding the server's API key (default: {DEFAULT_KEY_ENV}, if set)",
    )


def add_server_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("inference server (instead of a local model)")
    g.add_argument("--server", metavar="URL", help="ask this server (llama-server, vLLM, Ollama, llama-cpp-python)")
    g.add_argument("--server-model", metavar="NAME", help="which of the server's models (default: its first)")
    g.add_argument("--api-key-env", metavar="VAR", default=None,
                   help=f"environment variable holding the API key (default: {DEFAULT_KEY_ENV}, if set)")
    g.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer (default 30)")


def api_key(var: str | None) -> str | None:
    if var is None:
        return os.environ.get(DEFAULT_KEY_ENV) or None
    if not var.strip():
        raise CliError("--api-key-env is empty: give the name of an environment variable")
    value = os.environ.get(var)
    if not value:
        raise CliError(f"--api-key-env: the environment variable {var} is not set or empty")
    return value


def open_server(url: str, key_env: str | None, timeout: float, model: str | None = None):
    """A checked ServerClient, or CliError with the server's problem."""
    import math

    from desktop.core.llm.server import ServerClient, ServerError

    if not math.isfinite(timeout) or not 0.1 <= timeout <= 600:
        raise CliError(f"--timeout must be between 0.1 and 600 seconds (got {timeout})")
    try:
        client = ServerClient(url, api_key=api_key(key_env), timeout=timeout, model=model)
        info = client.check()
    except ServerError as exc:
        raise CliError(str(exc)) from exc
    if model is not None and model not in info.models:
        raise CliError(f"{info.url} has no model {model!r}; it has: {', '.join(info.models) or 'none listed'}")
    return client


def run_check(args: argparse.Namespace) -> int:
    client = open_server(args.url, args.api_key_env, args.timeout)
    info = client.info
    assert info is not None
    if args.json:
        print_json(info.as_json())
        return 0
    print(f"{info.url}: {info.kind}")
    print(f"models: {', '.join(info.models) or '(none listed)'}")
    print(f"probabilities per request: up to {info.max_top}")
    print(f"tokenizer endpoint: {'yes' if info.tokenize else 'no'}")
    return 0
