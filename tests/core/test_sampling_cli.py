"""`studydesk next-token` and `studydesk generate` on the real default model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.sampling import SamplerSettings, fit_prompt, next_token_distribution


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_next_token_json_is_the_lab_distribution(
    capsys: pytest.CaptureFixture[str], default_model_path: Path, default_engine
) -> None:
    prompt = "The capital of France is"
    data = run_json(capsys, ["next-token", "--prompt", prompt, "--model", str(default_model_path), "--top", "30", "--json"])
    assert set(data) == {"prompt_tokens", "vocab_size", "kept", "tokens"}
    assert data["vocab_size"] == 262_144 and data["prompt_tokens"] == len(default_engine.tokenize(prompt))
    rows = data["tokens"]
    assert len(rows) == 30
    assert all(set(r) == {"id", "text", "logit", "p_raw", "p_final", "removed_by"} for r in rows)
    assert [r["p_raw"] for r in rows] == sorted((r["p_raw"] for r in rows), reverse=True)
    assert all((r["p_final"] == 0) == (r["removed_by"] is not None) for r in rows)
    assert {r["removed_by"] for r in rows} <= {None, "top-k", "top-p", "min-p"}
    assert " Paris" in [r["text"] for r in rows]
    # the same numbers the lab computes from the same logits with llama.cpp's defaults
    dist = next_token_distribution(default_engine.next_logits(default_engine.tokenize(prompt)), SamplerSettings())
    assert data["kept"] == dist.kept
    assert sum(r["p_final"] for r in rows) == pytest.approx(1.0)  # all 17 survivors are among the top 30
    for r in rows[:5]:
        assert r["p_final"] == pytest.approx(dist.p_final(r["id"]), rel=1e-6)


def test_next_token_settings_change_what_is_kept(capsys: pytest.CaptureFixture[str], default_model_path: Path) -> None:
    base = ["next-token", "--prompt", "Era uma vez", "--model", str(default_model_path), "--json"]
    greedy = run_json(capsys, [*base, "--temperature", "0"])
    assert greedy["kept"] == 1 and greedy["tokens"][0]["p_final"] == 1.0
    top1 = run_json(capsys, [*base, "--top-k", "1"])
    assert top1["kept"] == 1 and top1["tokens"][1]["removed_by"] == "top-k"
    wide = run_json(capsys, [*base, "--top-k", "0", "--top-p", "1", "--min-p", "0"])
    assert wide["kept"] == 262_144 and all(r["removed_by"] is None for r in wide["tokens"])


def test_generate_same_seed_same_text(capsys: pytest.CaptureFixture[str], default_model_path: Path) -> None:
    argv = ["generate", "--prompt", "A capital do Brasil é", "--model", str(default_model_path),
            "--max-new-tokens", "12", "--temperature", "1.2", "--json"]
    first = run_json(capsys, [*argv, "--seed", "7"])
    again = run_json(capsys, [*argv, "--seed", "7"])
    other = run_json(capsys, [*argv, "--seed", "8"])
    assert set(first) == {"text", "tokens", "tokens_per_second"}
    assert first["text"] == again["text"] and first["tokens"] == again["tokens"]
    assert other["text"] != first["text"]
    assert 1 <= len(first["tokens"]) <= 12 and first["tokens_per_second"] > 0
    assert "".join(t["text"] for t in first["tokens"]) == first["text"]
    assert all(0 < t["p"] <= 1 for t in first["tokens"])


def test_generate_greedy_is_the_argmax_chain(
    capsys: pytest.CaptureFixture[str], default_model_path: Path, default_engine
) -> None:
    prompt = "The three primary colors are"
    data = run_json(capsys, ["generate", "--prompt", prompt, "--model", str(default_model_path),
                             "--max-new-tokens", "10", "--temperature", "0", "--json"])
    assert [t["id"] for t in data["tokens"]] == default_engine.greedy(default_engine.tokenize(prompt), 10)


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--temperature", "2.5"], "temperature must be between 0 and 2"),
        (["--top-k", "-1"], "top-k must be between 0 and 200"),
        (["--top-p", "1.5"], "top-p must be between 0 and 1"),
        (["--min-p", "-0.1"], "min-p must be between 0 and 1"),
        (["--repeat-penalty", "0.5"], "repetition penalty must be between 1 and 2"),
    ],
)
def test_out_of_range_settings_exit_2(capsys: pytest.CaptureFixture[str], extra: list[str], message: str) -> None:
    assert main(["next-token", "--prompt", "Hi", *extra]) == 2
    assert f"error: {message}" in capsys.readouterr().err


def test_bad_prompt_count_and_model_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["generate", "--prompt", "   "]) == 2
    assert "the prompt is empty" in capsys.readouterr().err
    assert main(["generate", "--prompt", "Hi", "--max-new-tokens", "0"]) == 2
    assert "--max-new-tokens must be between 1" in capsys.readouterr().err
    assert main(["next-token", "--prompt", "Hi", "--top", "0"]) == 2
    assert "--top must be between 1 and 200" in capsys.readouterr().err
    assert main(["next-token", "--prompt", "Hi", "--model", str(tmp_path / "missing.gguf")]) == 2
    assert "missing.gguf" in capsys.readouterr().err
    not_gguf = tmp_path / "notes.gguf"
    not_gguf.write_text("hello")
    assert main(["next-token", "--prompt", "Hi", "--model", str(not_gguf)]) == 2
    assert "notes.gguf" in capsys.readouterr().err


def test_fit_prompt_cuts_from_the_left_and_keeps_bos() -> None:
    tokens = [2] + list(range(100, 200))
    kept, cut = fit_prompt(tokens, n_ctx=64, reserve=14, keep_first=2)
    assert len(kept) == 50 and cut == 51 and kept[0] == 2 and kept[-1] == 199
    assert fit_prompt(tokens, n_ctx=4096, reserve=32) == (tokens, 0)
