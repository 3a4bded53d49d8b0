"""The GGUF inspector: the default model's measured facts (FACTS.md) and a clear message for broken files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core.llm.gguf_info import GGUFError, inspect_gguf
from tests.core.llm_files import truncated_copy, write_gguf


def test_default_model_facts(default_model_path: Path) -> None:
    info = inspect_gguf(default_model_path)
    assert info.architecture == "gemma3"
    assert info.name == "Gemma 3 270m"
    assert info.size_label == "270M"
    assert info.file_type == "Q4_K_M"
    assert info.file_bytes == 253_113_024
    assert info.parameters == 268_098_176
    assert round(info.bits_per_weight, 2) == 7.55
    assert (info.layers, info.embedding_length, info.heads, info.kv_heads, info.head_dim) == (18, 640, 4, 1, 256)
    assert info.context_length == 32_768
    assert info.vocab_size == 262_144
    counts = {name: share.count for name, share in info.tensor_types.items()}
    assert counts == {"F32": 109, "Q5_0": 81, "Q4_K": 27, "Q8_0": 10, "Q6_K": 9}
    assert sum(s.parameters for s in info.tensor_types.values()) == info.parameters
    assert info.tensor_count == 236
    assert info.has_chat_template is False  # a base model
    assert info.license == "gemma"


def test_embedding_table_explains_the_bits_per_weight(default_model_path: Path) -> None:
    info = inspect_gguf(default_model_path)
    assert info.embedding_parameters == 262_144 * 640
    assert info.embedding_type == "Q8_0"
    assert info.output_shares_embedding  # Gemma ties the output layer to the embedding table
    assert 0.6 < info.embedding_share < 0.65


def test_json_has_the_documented_keys(default_model_path: Path) -> None:
    data = inspect_gguf(default_model_path).to_json()
    for key in ("path", "architecture", "name", "parameters", "file_bytes", "bits_per_weight", "context_length",
                "vocab_size", "layers", "heads", "kv_heads", "head_dim", "embedding_length", "tensor_types"):
        assert key in data
    assert data["tensor_types"]["Q4_K"] == {"count": 27, "parameters": 23_592_960}


def _message(path: Path) -> str:
    with pytest.raises(GGUFError) as err:
        inspect_gguf(path)
    message = str(err.value)
    assert "\n" not in message and str(path) in message
    return message


def test_not_a_gguf_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.gguf"
    path.write_text("Geralmente o output do modelo é chamado de completion\n", encoding="utf-8")
    assert "not a GGUF file" in _message(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.gguf"
    path.write_bytes(b"")
    assert "empty" in _message(path)


def test_truncated_inside_the_header(tmp_path: Path, default_model_path: Path) -> None:
    path = truncated_copy(default_model_path, tmp_path / "cut.gguf", 1_000_000)
    assert "truncated" in _message(path)


def test_truncated_inside_the_weights(tmp_path: Path, default_model_path: Path) -> None:
    path = truncated_copy(default_model_path, tmp_path / "half.gguf", 120_000_000)
    message = _message(path)
    assert "truncated" in message and "120,000,000" in message


def test_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "model.gguf"
    folder.mkdir()
    assert "folder" in _message(folder)


def test_a_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _message(tmp_path / "missing.gguf")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = write_gguf(tmp_path / "locked.gguf", "llama")
    path.chmod(0)
    try:
        assert "permission denied" in _message(path)
    finally:
        path.chmod(0o600)


def test_unknown_architecture(tmp_path: Path) -> None:
    message = _message(write_gguf(tmp_path / "odd.gguf", "notamodel"))
    assert "'notamodel'" in message and "not known" in message


def test_vision_projector_is_not_a_language_model(tmp_path: Path) -> None:
    assert "vision projector" in _message(write_gguf(tmp_path / "mmproj.gguf", "clip"))


def test_a_gguf_without_tensors(tmp_path: Path) -> None:
    assert "no tensors" in _message(write_gguf(tmp_path / "vocab.gguf", "llama", tensors=False))


def test_a_small_wellformed_file_is_described(tmp_path: Path) -> None:
    info = inspect_gguf(write_gguf(tmp_path / "tiny.gguf", "llama", extra={"llama.block_count": 2}))
    assert info.architecture == "llama" and info.name == "tiny llama"
    assert info.parameters == 32 and info.layers == 2
    assert info.tensor_types["F32"].count == 1
