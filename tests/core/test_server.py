"""The inference-server backend without a real model server: recorded response shapes (llama-server, vLLM,
Ollama), every error path against a stub server, and the top-N sampler chain against the full-vocabulary one."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from desktop.cli import main
from desktop.core.llm.server import (
    ServerClient,
    ServerError,
    normalize_url,
    parse_llama_server,
    parse_ollama,
    parse_openai_completion,
)
from desktop.core.sampling import SamplerSettings, next_token_distribution
from desktop.core.topn import topn_distribution
from tests.server_stub import RECORDINGS, StubServer, dropped, recorded, slow

PROMPT = "The capital of France is"


def _recording(kind: str, route: str):
    return json.loads((RECORDINGS / f"{kind}.json").read_text("utf-8"))[route]


# -- shapes -------------------------------------------------------------------------------------------------------
def test_the_three_shapes_give_the_same_tokens() -> None:
    native = parse_llama_server(_recording("llama-server", "POST /completion"))
    old = parse_openai_completion(_recording("vllm", "POST /v1/completions"))
    ollama = parse_ollama(_recording("ollama", "POST /api/generate"))
    assert len(native) == len(old) == len(ollama) == 20
    assert [t.text for t in native] == [t.text for t in old] == [t.text for t in ollama]
    assert all(t.id is not None for t in native) and all(t.id is None for t in old)
    assert native[0].text == " the" and native[0].p == pytest.approx(0.179, abs=1e-3)


def test_new_openai_shape_and_repeated_sampled_token() -> None:
    data = {"choices": [{"logprobs": {"content": [{"token": " a", "logprob": -1.0, "top_logprobs": [
        {"token": " a", "logprob": -1.0, "bytes": [32, 97]}, {"token": " b", "logprob": -2.0, "bytes": [32, 98]},
        {"token": " a", "logprob": -1.0}]}]}}]}
    tokens = parse_openai_completion(data)
    assert [t.text for t in tokens] == [" a", " b"]


@pytest.mark.parametrize("bad", [None, {}, {"choices": []}, {"choices": [{"logprobs": None}]},
                                 {"choices": [{"logprobs": {"top_logprobs": [{" x": "nan"}]}}]}])
def test_malformed_shapes_give_no_tokens(bad) -> None:
    assert parse_openai_completion(bad) == []


def test_normalize_url() -> None:
    assert normalize_url("localhost:8080") == "http://localhost:8080"
    assert normalize_url("http://h:1/v1/") == "http://h:1"
    for bad in ("", "ftp://x", "http://", "http://h:99999"):
        with pytest.raises(ServerError):
            normalize_url(bad)


# -- each kind, recorded, over HTTP ---------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "tokenize"), [("llama-server", True), ("vllm", True), ("ollama", False)])
def test_kind_models_and_top_tokens(kind: str, tokenize: bool) -> None:
    with StubServer(recorded(kind)) as stub:
        client = ServerClient(stub.url + "/v1", timeout=5)
        info = client.check()
        assert info.kind == kind and info.tokenize is tokenize and info.models
        top = client.top_tokens(PROMPT, 20)
        assert [t.text for t in top.tokens[:3]] == [" the", " a", " Paris"]
        assert 0 < top.rest_mass < 1
        method, path, body, _ = stub.requests[-1]
        if kind == "llama-server":
            assert path == "/completion" and body["n_probs"] == 20 and body["n_predict"] == 1
        elif kind == "vllm":
            assert path == "/v1/completions" and body["logprobs"] == 20 and body["max_tokens"] == 1
            assert body["model"] == "google/gemma-3-270m" and body["temperature"] == 0 and body["seed"]
        else:
            assert path == "/api/generate" and body["raw"] is True and body["top_logprobs"] == 20
        if tokenize:
            assert [t.id for t in client.tokenize("Olá mundo")] == [28070, 13812]
        else:
            with pytest.raises(ServerError, match="no tokenizer endpoint"):
                client.tokenize("Olá mundo")


def test_server_check_cli(capsys) -> None:
    with StubServer(recorded("ollama")) as stub:
        assert main(["server", "check", stub.url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "ollama" and data["models"] == ["gemma3:270m"] and data["max_top"] == 20
    assert data["tokenize"] is False


def test_api_key_is_sent_from_the_named_variable(capsys, monkeypatch) -> None:
    routes = recorded("vllm")
    monkeypatch.setenv("MY_KEY", "s3cret")
    with StubServer(routes) as stub:
        assert main(["server", "check", stub.url, "--api-key-env", "MY_KEY", "--json"]) == 0
        assert all(h.get("Authorization") == "Bearer s3cret" for *_, h in stub.requests)
    assert "s3cret" not in capsys.readouterr().out
    assert main(["server", "check", "http://127.0.0.1:9", "--api-key-env", "UNSET_VAR_X"]) == 2
    assert "UNSET_VAR_X is not set" in capsys.readouterr().err


# -- every error path ---------------------------------------------------------------------------------------------
def _error_of(routes, timeout: float = 5.0, call=lambda c: c.top_tokens(PROMPT, 20)) -> str:
    with StubServer(routes) as stub:
        client = ServerClient(stub.url, timeout=timeout)
        with pytest.raises(ServerError) as caught:
            call(client)
    message = str(caught.value)
    assert "127.0.0.1" in message  # names the server
    return message


def test_unreachable() -> None:
    client = ServerClient("http://127.0.0.1:9", timeout=2)
    with pytest.raises(ServerError, match="connection refused.*local model"):
        client.check()


def test_timeout() -> None:
    routes = dict(recorded("vllm"))
    routes["POST /v1/completions"] = slow(1.0, (200, {}))
    assert "did not answer within 0.3 s" in _error_of(routes, timeout=0.3)


def test_401_asks_for_the_key() -> None:
    message = _error_of({"GET /props": (401, {"error": {"message": "Invalid API Key"}})}, call=lambda c: c.check())
    assert "401" in message and "API key" in message


def test_400_names_the_servers_complaint() -> None:
    routes = dict(recorded("vllm"))
    routes["POST /v1/completions"] = (400, {"object": "error", "message": "Requested logprobs of 30, which is "
                                            "greater than max allowed: 20", "type": "BadRequestError", "code": 400})
    message = _error_of(routes)
    assert "greater than max allowed: 20" in message and "fewer tokens" in message


def test_not_json() -> None:
    routes = dict(recorded("vllm"))
    routes["POST /v1/completions"] = (200, b"<html>proxy error</html>")
    assert "not JSON" in _error_of(routes)


def test_connection_dropped_mid_answer() -> None:
    routes = dict(recorded("vllm"))
    routes["POST /v1/completions"] = dropped
    assert "closed the connection" in _error_of(routes)


def test_answer_without_logprobs() -> None:
    routes = dict(recorded("vllm"))
    routes["POST /v1/completions"] = (200, {"choices": [{"index": 0, "text": " the", "logprobs": None}]})
    assert "without token probabilities" in _error_of(routes)


def test_cli_reports_server_errors_without_traceback(capsys) -> None:
    assert main(["next-token", "--server", "http://127.0.0.1:9", "--prompt", "Hi", "--timeout", "2"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: http://127.0.0.1:9") and "Traceback" not in err
    assert main(["next-token", "--server", "x", "--prompt", "Hi", "--timeout", "nan"]) == 2


# -- the chain on the top N against the chain on the whole vocabulary --------------------------------------------
CUT_INSIDE = [
    SamplerSettings(top_k=5, top_p=1.0, min_p=0.0),
    SamplerSettings(top_k=0, top_p=0.3, min_p=0.0),
    SamplerSettings(top_k=0, top_p=1.0, min_p=0.3, temperature=1.5),
    SamplerSettings(top_k=40, top_p=0.95, min_p=0.05, temperature=0.0),
    SamplerSettings(top_k=10, top_p=0.5, min_p=0.1, temperature=0.7),
]
CUT_OUTSIDE = [
    SamplerSettings(top_k=0, top_p=0.95, min_p=0.0),
    SamplerSettings(top_k=0, top_p=1.0, min_p=0.0, temperature=0.6),
    SamplerSettings(top_k=0, top_p=1.0, min_p=0.0, temperature=1.4),
    SamplerSettings(top_k=100, top_p=1.0, min_p=0.001),
]


def _logits_cases() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    return [rng.normal(0, s, 4096).astype(np.float32) for s in (1.0, 2.5, 4.0)]


@pytest.mark.parametrize("settings", CUT_INSIDE)
def test_cuts_inside_n_are_exact(settings: SamplerSettings) -> None:
    for logits in _logits_cases():
        full = next_token_distribution(logits, settings, [], top_n=20)
        p = np.exp(logits.astype(np.float64) - logits.max())
        p /= p.sum()
        top_ids = np.argsort(-p)[:20]
        dist = topn_distribution(p[top_ids], settings, vocab_size=len(p))
        if dist.reaches_unlisted:
            continue  # this case's cut fell outside the 20 for these logits
        assert dist.final_exact
        for row, tid in zip(dist.rows, top_ids, strict=True):
            assert row.p_final == pytest.approx(full.p_final(int(tid)), abs=1e-6)
            assert (row.p_final > 0) == (full.p_final(int(tid)) > 0)


@pytest.mark.parametrize("settings", CUT_OUTSIDE)
def test_cuts_outside_n_bound_the_truth(settings: SamplerSettings) -> None:
    for logits in _logits_cases():
        full = next_token_distribution(logits, settings, [], top_n=20)
        p = np.exp(logits.astype(np.float64) - logits.max())
        p /= p.sum()
        top_ids = np.argsort(-p)[:20]
        dist = topn_distribution(p[top_ids], settings, vocab_size=len(p))
        assert dist.kept_listed <= full.kept
        for row, tid in zip(dist.rows, top_ids, strict=True):
            truth = full.p_final(int(tid))
            assert row.p_final_low - 1e-9 <= truth <= row.p_final_high + 1e-9
        if dist.reaches_unlisted:
            assert dist.kept_label.startswith("≥") and not dist.final_exact


def test_draw_picks_a_survivor() -> None:
    dist = topn_distribution([0.5, 0.3, 0.1], SamplerSettings(top_k=2, top_p=1.0, min_p=0.0, temperature=1.0))
    picks = {dist.draw(u) for u in np.linspace(0, 0.999, 50)}
    assert picks == {0, 1}
    assert math.isclose(sum(r.p_final for r in dist.rows), 1.0)
