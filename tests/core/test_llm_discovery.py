"""Model discovery: the models folder, the Hugging Face cache, LM Studio and Ollama's blob store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.llm.catalog import DEFAULT_MODEL
from desktop.core.llm.discovery import (
    SOURCE_DEFAULT,
    SOURCE_HF,
    SOURCE_LMSTUDIO,
    SOURCE_MODELS_DIR,
    SOURCE_OLLAMA,
    SOURCE_OPENED,
    discover_models,
)
from tests.core.llm_files import write_gguf


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "user"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("HF_HUB_CACHE", "HF_HOME", "OLLAMA_MODELS"):
        monkeypatch.delenv(var, raising=False)
    return home


def test_default_model_is_listed_first_even_before_assembly(home: Path, tmp_path: Path) -> None:
    found = discover_models(tmp_path / "models", include_user_tools=False)
    assert found[0].source == SOURCE_DEFAULT and found[0].path.name == DEFAULT_MODEL.file
    assert not found[0].exists


def test_every_place_is_searched(home: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    write_gguf(models / "mine.gguf", "llama")
    (models / "notes.txt").write_text("not a model")
    # Hugging Face: snapshots hold symlinks to blobs.
    repo = home / ".cache/huggingface/hub/models--someone--tiny-GGUF"
    (repo / "blobs").mkdir(parents=True)
    blob = write_gguf(repo / "blobs" / "abc123", "llama")
    snap = repo / "snapshots" / "rev1"
    snap.mkdir(parents=True)
    (snap / "tiny.Q4_K_M.gguf").symlink_to(blob)
    (snap / "mmproj-tiny.gguf").symlink_to(blob)  # a vision projector: skipped
    # LM Studio: publisher/model/file.gguf
    lms = home / ".lmstudio/models/lmstudio-community/Tiny-GGUF"
    lms.mkdir(parents=True)
    write_gguf(lms / "tiny-00001-of-00002.gguf", "llama")
    write_gguf(lms / "tiny-00002-of-00002.gguf", "llama")  # second part of a split model: skipped
    # Ollama: a manifest names the model layer's blob by digest.
    ollama = home / ".ollama/models"
    (ollama / "blobs").mkdir(parents=True)
    blob = "feedbeef" + "0" * 56  # a real digest: 64 hex digits
    write_gguf(ollama / "blobs" / f"sha256-{blob}", "llama")
    (ollama / "blobs" / "sha256-0000").write_text("a license, not a model")
    manifest = ollama / "manifests/registry.ollama.ai/library/tinyllama/latest"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({"layers": [
        {"mediaType": "application/vnd.ollama.image.model", "digest": f"sha256:{blob}"},
        {"mediaType": "application/vnd.ollama.image.license", "digest": "sha256:0000"},
    ]}))
    opened = write_gguf(tmp_path / "elsewhere.gguf", "llama")

    found = discover_models(models, [opened])
    by_source = {}
    for m in found:
        by_source.setdefault(m.source, []).append(m)
    assert [m.label for m in by_source[SOURCE_MODELS_DIR]] == ["mine.gguf"]
    assert [m.label for m in by_source[SOURCE_HF]] == ["someone/tiny-GGUF: tiny.Q4_K_M.gguf"]
    assert [m.label for m in by_source[SOURCE_LMSTUDIO]] == ["lmstudio-community/Tiny-GGUF/tiny-00001-of-00002.gguf"]
    assert [(m.label, m.path.name) for m in by_source[SOURCE_OLLAMA]] == [("tinyllama:latest", f"sha256-{blob}")]
    assert [m.path for m in by_source[SOURCE_OPENED]] == [opened]
    assert all(m.exists and m.size_bytes for m in found[1:])


def test_hf_home_and_ollama_models_variables_are_honoured(home: Path, tmp_path: Path, monkeypatch) -> None:
    hf = tmp_path / "hf"
    snapshot = hf / "hub/models--a--b/snapshots/x"
    snapshot.mkdir(parents=True)
    write_gguf(snapshot / "m.gguf", "llama")
    monkeypatch.setenv("HF_HOME", str(hf))
    found = discover_models(tmp_path / "models")
    assert any(m.source == SOURCE_HF and m.label == "a/b: m.gguf" for m in found)
