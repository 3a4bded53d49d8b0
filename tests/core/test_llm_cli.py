"""`studydesk model info|list` and `studydesk tokenize`: JSON shapes, real numbers, bad input exits 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.llm.catalog import DEFAULT_MODEL
from desktop.core.paths import app_paths
from tests.core.llm_files import write_char_tokenizer_gguf


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def run_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    return err


@pytest.fixture
def default_in_models_dir(default_model_path: Path) -> Path:
    """The session's default model linked into this test's models folder (no second assembly)."""
    models = app_paths().models_dir
    models.mkdir(parents=True, exist_ok=True)
    (models / DEFAULT_MODEL.file).symlink_to(default_model_path)
    shutil.copy(default_model_path.with_name(DEFAULT_MODEL.file + ".verified"), models)
    return models / DEFAULT_MODEL.file


def test_model_info_json(capsys, default_model_path: Path) -> None:
    data = run_json(capsys, ["model", "info", str(default_model_path), "--json"])
    assert {"path", "architecture", "name", "parameters", "file_bytes", "bits_per_weight", "context_length",
            "vocab_size", "layers", "heads", "kv_heads", "head_dim", "embedding_length", "tensor_types"} <= set(data)
    assert data["parameters"] == 268_098_176 and data["file_bytes"] == 253_113_024
    assert data["bits_per_weight"] == pytest.approx(7.5528, abs=1e-4)
    assert (data["layers"], data["heads"], data["kv_heads"], data["head_dim"]) == (18, 4, 1, 256)
    assert data["tensor_types"]["F32"] == {"count": 109, "parameters": 55_936}
    assert {k: v["count"] for k, v in data["tensor_types"].items()} == {
        "F32": 109, "Q5_0": 81, "Q4_K": 27, "Q8_0": 10, "Q6_K": 9}


def test_model_info_without_path_is_the_default_model(capsys, default_in_models_dir: Path) -> None:
    data = run_json(capsys, ["model", "info", "--json"])
    assert data["path"] == str(default_in_models_dir) and data["vocab_size"] == 262_144


def test_model_info_text(capsys, default_model_path: Path) -> None:
    assert main(["model", "info", str(default_model_path)]) == 0
    out = capsys.readouterr().out
    assert "268,098,176" in out and "7.55" in out and "Q8_0" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "empty"), (b"hello, not a model", "not a GGUF file"), (b"GGUF\x03\x00\x00\x00\x01", "truncated")],
)
def test_model_info_bad_files(capsys, tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(content)
    err = run_error(capsys, ["model", "info", str(bad), "--json"])
    assert str(bad) in err and expected in err


def test_model_info_on_a_folder(capsys, tmp_path: Path) -> None:
    assert "folder" in run_error(capsys, ["model", "info", str(tmp_path)])


def test_model_list_json(capsys, default_in_models_dir: Path) -> None:
    data = run_json(capsys, ["model", "list", "--json"])
    assert data[0]["source"] == "Default" and data[0]["exists"] and data[0]["size_bytes"] == 253_113_024


def test_tokenize_json_pt_br(capsys, default_model_path: Path, default_engine) -> None:
    text = "É importante manter sempre o mesmo tokenizer"
    data = run_json(capsys, ["tokenize", text, "--model", str(default_model_path), "--json"])
    assert data["count"] == len(data["tokens"]) == len(default_engine.tokenize(text, add_bos=False))
    assert all(set(t) == {"id", "text"} for t in data["tokens"])
    assert "".join(t["text"] for t in data["tokens"]) == text
    assert [t["text"] for t in data["tokens"]][:2] == ["É", " importante"]


def test_tokenize_default_model(capsys, default_in_models_dir: Path) -> None:
    data = run_json(capsys, ["tokenize", "The capital of France is", "--json"])
    assert [t["text"] for t in data["tokens"]] == ["The", " capital", " of", " France", " is"]


def test_another_tokenizer_cuts_the_same_text_differently(capsys, tmp_path: Path, default_model_path: Path) -> None:
    other = write_char_tokenizer_gguf(tmp_path / "chars.gguf")
    text = "tokenizer"
    gemma = run_json(capsys, ["tokenize", text, "--model", str(default_model_path), "--json"])
    chars = run_json(capsys, ["tokenize", text, "--model", str(other), "--json"])
    assert gemma["count"] == 1 and chars["count"] == 10  # Gemma knows the word; the other: "▁" + 9 letters
    assert {t["id"] for t in gemma["tokens"]}.isdisjoint({t["id"] for t in chars["tokens"]})


def test_tokenize_bad_model(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "x.gguf"
    bad.write_text("nope")
    assert "not a GGUF file" in run_error(capsys, ["tokenize", "olá", "--model", str(bad)])
