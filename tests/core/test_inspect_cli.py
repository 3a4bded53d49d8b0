"""`studydesk attention|lens|surprisal --json` on the real default model: the documented JSON, exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from desktop.cli import main

PROMPT = "O gato dorme no sofá."


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_attention_json(capsys, default_model_path: Path, default_engine) -> None:
    data = run_json(capsys, ["attention", "--prompt", PROMPT, "--model", str(default_model_path), "--json"])
    assert set(data) == {"model", "tokens", "layers", "heads", "kv_heads", "sliding_window", "layer_kinds", "weights"}
    ids = default_engine.tokenize(PROMPT)
    assert [t["id"] for t in data["tokens"]] == ids and data["tokens"][0]["text"] == "<bos>"
    assert (data["layers"], data["heads"], data["kv_heads"], data["sliding_window"]) == (18, 4, 1, 512)
    assert set(data["layer_kinds"]) == {"sliding", "global"} and len(data["layer_kinds"]) == 18
    w = np.array(data["weights"])
    n = len(ids)
    assert w.shape == (18, 4, n, n)
    assert np.abs(w.sum(-1) - 1).max() <= 1e-5
    assert np.all(w[:, :, np.triu(np.ones((n, n), bool), 1)] == 0)


def test_lens_json(capsys, default_model_path: Path, default_engine) -> None:
    data = run_json(capsys, ["lens", "--prompt", PROMPT, "--model", str(default_model_path), "--top", "3", "--json"])
    assert set(data) == {"position", "token", "final", "layers"}
    ids = default_engine.tokenize(PROMPT)
    assert data["position"] == len(ids) - 1 and data["token"]["id"] == ids[-1]
    assert len(data["layers"]) == 18
    last = data["layers"][-1]
    assert set(last) == {"layer", "top", "final_rank", "final_p"} and len(last["top"]) == 3
    assert last["final_rank"] == 1 and last["top"][0]["id"] == data["final"]["id"]
    logits = default_engine.next_logits(ids)
    assert data["final"]["id"] == int(np.argmax(logits))
    data = run_json(capsys, ["lens", "--prompt", PROMPT, "--model", str(default_model_path), "--position", "2", "--json"])
    assert data["position"] == 2 and data["token"]["id"] == ids[2]


def test_surprisal_json(capsys, default_model_path: Path, default_engine) -> None:
    data = run_json(capsys, ["surprisal", "--text", PROMPT, "--model", str(default_model_path), "--json"])
    assert set(data) == {"model", "tokens", "mean_bits", "perplexity"}
    ids = default_engine.tokenize(PROMPT)
    assert [t["id"] for t in data["tokens"]] == ids[1:]
    for t in data["tokens"]:
        assert 0 < t["p"] <= 1 and t["bits"] == pytest.approx(-np.log2(t["p"]))
    assert data["mean_bits"] == pytest.approx(np.mean([t["bits"] for t in data["tokens"]]))
    assert data["perplexity"] == pytest.approx(2 ** data["mean_bits"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lens", "--prompt", "Oi", "--position", "7"], "--position must be between 0 and"),
        (["lens", "--prompt", "Oi", "--top", "0"], "--top must be between"),
        (["attention", "--prompt", "  "], "--prompt is empty"),
        (["surprisal", "--text", ""], "--text is empty"),
        (["surprisal", "--text", "Oi", "--model", "/nonexistent/model.gguf"], "model.gguf"),
    ],
)
def test_bad_input_is_error_exit_2(capsys, default_model_path: Path, argv: list[str], message: str) -> None:
    if "--model" not in argv:
        argv = [*argv, "--model", str(default_model_path)]
    assert main([*argv, "--json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err


def test_inside_links_resolve_for_lessons() -> None:
    from desktop.core.lessons.linkcheck import LinkTargets, check_link
    from desktop.core.links import parse_link

    targets = LinkTargets()
    for url in (
        "studydesk://inside/attention?prompt=O%20gato%20dorme&layer=5&head=avg",
        "studydesk://inside/attention?prompt=O%20gato&head=2",
        "studydesk://inside/lens?prompt=A%20capital%20do%20Brasil%20%C3%A9&position=3",
        "studydesk://inside/lens?prompt=Oi",
        "studydesk://inside/surprisal?text=Era%20uma%20vez",
    ):
        assert check_link(url, targets) is None, url
        assert parse_link(url).page == "inside"
    assert "bad value" in check_link("studydesk://inside/attention?prompt=x&head=all", targets)
    assert "bad value" in check_link("studydesk://inside/lens?prompt=x&position=-1", targets)
    assert "do not take the parameter" in check_link("studydesk://inside/surprisal?prompt=x", targets)
    assert "not a known place" in check_link("studydesk://inside/grid?prompt=x", targets)
