"""Fault injection on the model side: crafted GGUF headers that make llama.cpp abort the process, the child-process
trial load, and a FIFO where discovery expects a model. The test process must survive all of it."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from desktop.core.llm import probe
from desktop.core.llm.discovery import discover_models, find_ollama, ollama_blob
from desktop.core.llm.engine import Engine, LoadOptions, ModelLoadError
from desktop.core.llm.gguf_info import GGUFError, inspect_gguf
from desktop.core.llm.probe import ModelRefused, check_loadable, load_checked, probe_model, remembered_verdict
from tests.core.llm_files import write_tiny_llama

CRAFTED = {
    "block_count 0": ({"block_count": 0}, "block_count is 0"),
    "block_count 1000": ({"block_count": 1000}, "block_count is 1,000"),
    "NaN RMS epsilon": ({"rms_eps": float("nan")}, "not a finite number"),
    "negative RMS epsilon": ({"rms_eps": -1.0}, "epsilon"),
    "infinite RMS epsilon": ({"rms_eps": float("inf")}, "not a finite number"),
    "zero KV heads": ({"head_count_kv": 0}, "head_count_kv is 0"),
    "zero heads": ({"head_count": 0, "head_count_kv": 0}, "head_count is 0"),
    "more layers than tensors": ({"block_count": 2}, "tensors for 1 layers"),
    "zero context": ({"context_length": 0}, "context_length is 0"),
}


@pytest.mark.parametrize("case", list(CRAFTED))
def test_crafted_headers_are_refused_by_the_header_reader(tmp_path: Path, case: str) -> None:
    kwargs, message = CRAFTED[case]
    path = write_tiny_llama(tmp_path / "crafted.gguf", **kwargs)
    with pytest.raises(GGUFError, match=message) as err:
        inspect_gguf(path)
    assert str(path) in str(err.value)
    with pytest.raises(GGUFError):  # and the engine never hands it to llama.cpp
        Engine.load(path, LoadOptions(n_ctx=256, n_threads=1))


def test_a_sound_tiny_model_passes_the_checks_and_its_trial(tmp_path: Path) -> None:
    path = write_tiny_llama(tmp_path / "tiny.gguf")
    assert inspect_gguf(path).layers == 1
    verdict = probe_model(path, n_threads=1)
    assert verdict.ok, verdict.reason
    engine = load_checked(path, LoadOptions(n_ctx=256, n_threads=1), tmp_path / "cache")
    try:
        assert engine.next_logits([1]).shape == (engine.n_vocab,)
    finally:
        engine.close()
    assert remembered_verdict(path, tmp_path / "cache") == probe.Verdict(True)


@pytest.mark.parametrize("kwargs", [{"rms_eps": float("nan")}, {"block_count": 1000}, {"block_count": 0}])
def test_what_would_abort_llama_cpp_only_kills_the_child(tmp_path: Path, kwargs: dict) -> None:
    """Without our header checks llama.cpp aborts on these files (GGML_ASSERT on the first token, or while
    loading); in the child process that is a verdict with a reason, and this process lives on."""
    path = write_tiny_llama(tmp_path / "abort.gguf", **kwargs)
    verdict = probe_model(path, n_threads=1, header_check=False)
    assert not verdict.ok
    assert verdict.reason
    if "rms_eps" in kwargs:
        assert "GGML_ASSERT(eps >= 0.0f)" in verdict.reason  # llama.cpp's own words reach the student


def test_a_refused_file_is_remembered_by_path_size_and_mtime(tmp_path: Path, monkeypatch) -> None:
    path = write_tiny_llama(tmp_path / "bad.gguf", rms_eps=float("nan"))
    cache = tmp_path / "cache"
    calls = []
    real = probe.probe_model

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **{**kwargs, "header_check": False})

    monkeypatch.setattr(probe, "probe_model", counting)
    for _ in range(2):
        with pytest.raises(ModelRefused, match="GGML_ASSERT") as err:
            check_loadable(path, cache, n_threads=1)
        assert str(path) in str(err.value)
    assert len(calls) == 1, "the verdict must be remembered"
    data = json.loads((cache / probe.VERDICTS_FILE).read_text())
    assert any(key.startswith(str(path.resolve())) for key in data)
    write_tiny_llama(path)  # the file changes (size/mtime): it is tried again
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    check_loadable(path, cache, n_threads=1)
    assert len(calls) == 2


def test_thread_and_context_ranges_are_checked_before_llama_cpp(tmp_path: Path) -> None:
    path = write_tiny_llama(tmp_path / "tiny.gguf")
    with pytest.raises(ModelLoadError, match="threads"):
        Engine.load(path, LoadOptions(n_ctx=256, n_threads=100_000))
    with pytest.raises(ModelLoadError, match="context size"):
        Engine.load(path, LoadOptions(n_ctx=1 << 40, n_threads=1))


# ---- discovery: FIFOs and digests --------------------------------------------------------------------------------

def _listing_returns(fn, seconds: float = 5.0):
    out: list = []
    t = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        # Unblock the stuck open() so the thread ends, then fail.
        pytest.fail(f"listing did not return within {seconds} s")
    return out[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_by_an_ollama_manifest_does_not_hang_the_listing(tmp_path: Path) -> None:
    root = tmp_path / "ollama"
    digest = "a" * 64
    (root / "blobs").mkdir(parents=True)
    fifo = root / "blobs" / f"sha256-{digest}"
    os.mkfifo(fifo)
    manifest = root / "manifests" / "registry.ollama.ai" / "library" / "trap" / "latest"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({"layers": [
        {"mediaType": "application/vnd.ollama.image.model", "digest": f"sha256:{digest}"}]}))
    os.mkfifo(manifest.with_name("fifo-tag"))  # a FIFO as a manifest too
    models = tmp_path / "models"
    models.mkdir()
    os.mkfifo(models / "fifo.gguf")  # and as a model file
    assert _listing_returns(lambda: list(find_ollama([root]))) == []
    items = _listing_returns(lambda: discover_models(models, opened=[models / "fifo.gguf"], include_user_tools=False))
    assert all(m.path.name != "fifo.gguf" for m in items)
    with pytest.raises(GGUFError, match="not a regular file"):
        inspect_gguf(models / "fifo.gguf")


def test_ollama_digests_resolve_inside_blobs_only(tmp_path: Path) -> None:
    root = tmp_path / "ollama"
    (root / "blobs").mkdir(parents=True)
    assert ollama_blob(root, "sha256:" + "0" * 64) == root / "blobs" / ("sha256-" + "0" * 64)
    for digest in ("../../etc/passwd", "sha256:../../x", "sha256-" + "0" * 63, "", "md5:" + "0" * 32,
                   "sha256:" + "0" * 64 + "/../../x"):
        assert ollama_blob(root, digest) is None, digest
    outside = tmp_path / "outside.gguf"
    outside.write_bytes(b"GGUF")
    link = root / "blobs" / ("sha256-" + "1" * 64)
    link.symlink_to(outside)
    assert ollama_blob(root, "sha256:" + "1" * 64) is None


def test_a_recurrent_model_may_have_zero_attention_heads(tmp_path: Path) -> None:
    """Mamba and RWKV converters write head_count 0 on purpose: that is not a crafted header."""
    import gguf
    import numpy as np

    path = tmp_path / "mamba.gguf"
    writer = gguf.GGUFWriter(str(path), "mamba")
    writer.add_block_count(1)
    writer.add_context_length(1024)
    writer.add_embedding_length(8)
    writer.add_head_count(0)
    writer.add_head_count_kv(0)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_tensor("token_embd.weight", np.zeros((4, 8), dtype=np.float32))
    writer.add_tensor("blk.0.ssm_in.weight", np.zeros((16, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    assert inspect_gguf(path).architecture == "mamba"


def test_a_trial_cut_short_is_not_remembered(tmp_path: Path, monkeypatch) -> None:
    """A timeout (or the process killed from outside, or memory running out) says nothing lasting about the
    file: it is refused now, and tried again next time."""
    path = write_tiny_llama(tmp_path / "tiny.gguf")
    real = probe.probe_model
    monkeypatch.setattr(probe, "probe_model", lambda *a, **kw: real(*a, **{**kw, "timeout": 0.0}))
    with pytest.raises(ModelRefused, match="did not finish"):
        check_loadable(path, tmp_path / "cache", n_threads=1)
    assert remembered_verdict(path, tmp_path / "cache") is None
    monkeypatch.undo()
    check_loadable(path, tmp_path / "cache", n_threads=1)
    assert remembered_verdict(path, tmp_path / "cache").ok
