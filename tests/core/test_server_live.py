"""The server backend against a real server: llama-cpp-python's own `python -m llama_cpp.server` with the default
model, started once per test session on a free port of 127.0.0.1 and stopped by its process id
(tests/server_fixtures.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from desktop.cli import main
from desktop.core.llm.server import ServerClient

pytest.importorskip("llama_cpp.server.app", reason="llama-cpp-python's [server] extra is not installed")

PROMPT = "O céu do Rio de Janeiro hoje está"  # no other test evaluates this prompt on the shared engine


@pytest.fixture
def server_url(llama_server_url: str) -> str:
    """The session's llama_cpp.server (tests/server_fixtures.py)."""
    return llama_server_url


def _cli_json(capsys, argv: list[str]) -> dict:
    assert main(argv) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_top20_equals_the_local_engine(server_url: str, default_engine) -> None:
    client = ServerClient(server_url)
    info = client.check()
    assert info.kind == "llama-cpp-python" and info.tokenize
    top = client.top_tokens(PROMPT, 20)  # the server's first look at this prompt: evaluated in one batch
    logits = default_engine.next_logits(default_engine.tokenize(PROMPT)).astype(np.float64)
    p = np.exp(logits - logits.max())
    p /= p.sum()
    local = {default_engine.piece(int(i)): float(p[i]) for i in np.argsort(-p)[:20]}
    assert len(top.tokens) == 20
    for token in top.tokens:
        assert token.text in local, token.text
        assert token.p == pytest.approx(local[token.text], abs=1e-4)


@pytest.mark.parametrize("flags", [["--top-k", "5"], ["--top-k", "0", "--top-p", "0.4"],
                                   ["--top-k", "0", "--top-p", "1", "--min-p", "0.3"]])
def test_next_token_on_server_keeps_what_local_keeps(capsys, server_url: str, default_model_path: Path,
                                                     flags: list[str]) -> None:
    common = ["next-token", "--prompt", PROMPT, "--top", "20", "--json", *flags]
    remote = _cli_json(capsys, [*common, "--server", server_url])
    local = _cli_json(capsys, [*common, "--model", str(default_model_path), "--threads", "1"])
    assert remote["kept_is_lower_bound"] is False and remote["final_exact"] is True
    kept_remote = {t["text"]: t["p_final"] for t in remote["tokens"] if t["p_final"] > 0}
    kept_local = {t["text"]: t["p_final"] for t in local["tokens"] if t["p_final"] > 0}
    assert kept_remote.keys() == kept_local.keys() and remote["kept"] == local["kept"]
    for text, p in kept_local.items():
        assert kept_remote[text] == pytest.approx(p, abs=1e-3)
    assert remote["prompt_tokens"] == local["prompt_tokens"]


def test_generation_with_a_seed_is_reproducible(capsys, server_url: str) -> None:
    argv = ["generate", "--server", server_url, "--prompt", "Era uma vez", "--max-new-tokens", "5",
            "--seed", "7", "--json"]
    first = _cli_json(capsys, argv)
    second = _cli_json(capsys, argv)
    assert first["text"] == second["text"] and len(first["tokens"]) == 5
    assert all(0 < t["p"] <= 1 for t in first["tokens"])


def test_tokenize_on_server_equals_local(capsys, server_url: str, default_model_path: Path) -> None:
    remote = _cli_json(capsys, ["tokenize", "Olá, mundo!", "--server", server_url, "--json"])
    local = _cli_json(capsys, ["tokenize", "Olá, mundo!", "--model", str(default_model_path), "--json"])
    assert [t["id"] for t in remote["tokens"]] == [t["id"] for t in local["tokens"]]
    assert remote["count"] == local["count"]
