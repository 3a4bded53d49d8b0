"""Memory calculator: every rule against a published number (source in the comment beside it)."""

from __future__ import annotations

import math

import pytest

from desktop.core.calc.memory import (
    COURSE_RULE,
    GPU_CLASSES,
    MIXED_PRECISION_RULE,
    PRECISIONS,
    PRESETS,
    MemoryInputs,
    ModelShape,
    estimate_memory,
    kv_cache_bytes,
    with_preset,
)
from desktop.core.calc.quantity import GIB, CalcInputError


def test_course_rule_is_24_bytes_per_parameter_and_24_gb_for_1b() -> None:
    # Course notes, "Desafios computacionais": weights 4 + optimizer 8 + gradients 4 + activations 8 bytes per
    # parameter; FACTS.md: "24 bytes per parameter → ~24 GB for 1B at FP32".
    e = estimate_memory(COURSE_RULE)
    assert e.weights_bytes == 4e9
    assert e.optimizer_bytes == 8e9
    assert e.gradients_bytes == 4e9
    assert e.activations_bytes == 8e9
    assert e.kv_cache_bytes == e.overhead_bytes == 0
    assert e.total_bytes == 24e9
    assert e.total_gb == pytest.approx(24.0)


def test_one_billion_fp32_weights_are_4_gb_or_3_73_gib() -> None:
    # Course notes: "1 parâmetro = 4 bytes; 1B parâmetros = 4 GB"; FACTS.md: 4·10⁹ bytes ≈ 3.73 GiB.
    e = estimate_memory(MemoryInputs(params=1e9, dtype="fp32"))
    assert e.total_bytes == 4_000_000_000
    assert e.total_gib == pytest.approx(3.725, abs=1e-3)


def test_mixed_precision_adam_is_16_bytes_per_parameter_plus_activations() -> None:
    # Rajbhandari et al. 2019 (ZeRO), §3.1: 2Ψ + 2Ψ + 12Ψ = 16Ψ bytes for mixed-precision Adam.
    e = estimate_memory(MIXED_PRECISION_RULE)
    assert e.weights_bytes + e.gradients_bytes + e.optimizer_bytes == 16e9
    assert e.activations_bytes > 0


@pytest.mark.parametrize(
    ("opt", "bytes_per_param"),
    # EleutherAI, "Transformer Math 101": optimizer memory with mixed precision — AdamW 12, 8-bit Adam 6,
    # SGD with momentum 8 bytes per parameter (each includes the 4-byte FP32 master copy).
    [("adam", 12), ("adam8bit", 6), ("sgd", 8)],
)
def test_optimizer_states_with_mixed_precision(opt: str, bytes_per_param: int) -> None:
    e = estimate_memory(
        MemoryInputs(params=1e9, dtype="bf16", mode="training", optimizer=opt, mixed_precision=True)
    )
    assert e.optimizer_bytes == bytes_per_param * 1e9


def test_llama2_7b_kv_cache_at_4096_tokens_fp16_is_2_gib() -> None:
    # FACTS.md: Llama-2-7B (32 layers, 32 KV heads, head dim 128) at 4,096 tokens in FP16 = 2 GiB
    # (2 · 32 · 32 · 128 · 2 bytes · 4096 = 2,147,483,648).
    assert kv_cache_bytes(32, 32, 128, 4096, 1, "fp16") == 2 * GIB
    e = estimate_memory(
        with_preset(MemoryInputs(params=1, dtype="fp16"), PRESETS["llama-2-7b"], context=4096)
    )
    assert e.kv_cache_bytes == 2 * GIB


def test_grouped_query_attention_divides_the_kv_cache_by_heads_over_kv_heads() -> None:
    # Llama 3 8B: 32 query heads share 8 KV heads (Meta Llama 3 config: num_key_value_heads 8), so its cache is
    # a quarter of a 32-KV-head model's at the same shape: 8192 tokens FP16 = 1 GiB.
    assert kv_cache_bytes(32, 8, 128, 8192) == 1 * GIB
    assert kv_cache_bytes(32, 32, 128, 8192) == 4 * kv_cache_bytes(32, 8, 128, 8192)


def test_kv_cache_grows_with_batch_and_shrinks_with_q8_0() -> None:
    assert kv_cache_bytes(32, 8, 128, 4096, batch=4) == 4 * kv_cache_bytes(32, 8, 128, 4096)
    # Q8_0 stores 34 bytes per 32 values (ggml-common.h block_q8_0) = 8.5 bits.
    assert kv_cache_bytes(32, 8, 128, 4096, dtype="q8_0") == kv_cache_bytes(32, 8, 128, 4096) * 8.5 / 16


def test_quantized_weights_use_their_bits_per_weight() -> None:
    # FP16/BF16 halve FP32 (−50%), INT8 quarters it, INT4 is one eighth (FACTS.md, "Storage").
    fp32 = estimate_memory(MemoryInputs(params=7e9, dtype="fp32")).weights_bytes
    assert estimate_memory(MemoryInputs(params=7e9, dtype="bf16")).weights_bytes == fp32 / 2
    assert estimate_memory(MemoryInputs(params=7e9, dtype="int8")).weights_bytes == fp32 / 4
    assert estimate_memory(MemoryInputs(params=7e9, dtype="int4")).weights_bytes == fp32 / 8
    # ggml-common.h: Q8_0 8.5, Q6_K 6.5625, Q4_0 4.5 bits per weight.
    assert PRECISIONS["q8_0"].bits_per_weight == 8.5
    assert PRECISIONS["q6_k"].bits_per_weight == 6.5625
    assert PRECISIONS["q4_0"].bits_per_weight == 4.5


def test_q4_k_m_llama_3_1_8b_size_matches_llama_cpp_table() -> None:
    # llama.cpp tools/quantize/README.md, Llama-3.1-8B: Q4_K_M 4.8944 bpw, 4.58 GiB (8.03B parameters).
    e = estimate_memory(MemoryInputs(params=PRESETS["llama-3.1-8b"].params, dtype="q4_k_m"))
    assert e.total_gib == pytest.approx(4.58, abs=0.01)


def test_preset_parameter_counts_match_their_configs() -> None:
    # Sums of tensor shapes from each Hugging Face config.json; e.g. Llama-2-7B: 2·32000·4096 (embeddings and
    # head) + 32·(4·4096² + 3·4096·11008 + 2·4096) + 4096 = 6,738,415,616.
    llama2 = 2 * 32000 * 4096 + 32 * (4 * 4096**2 + 3 * 4096 * 11008 + 2 * 4096) + 4096
    assert PRESETS["llama-2-7b"].params == llama2
    # Llama-3-8B with grouped-query attention (k/v projections 4096 → 1024): 8,030,261,248.
    llama3 = 2 * 128256 * 4096 + 32 * (2 * 4096**2 + 2 * 4096 * 1024 + 3 * 4096 * 14336 + 2 * 4096) + 4096
    assert PRESETS["llama-3-8b"].params == llama3 == 8_030_261_248
    assert PRESETS["gemma-3-270m"].params == 268_098_176  # FACTS.md, measured from the GGUF here
    for preset in PRESETS.values():
        assert preset.source
        assert preset.shape.layers > 0 and preset.shape.kv_heads > 0 and preset.shape.head_dim > 0


def test_gpus_needed_counts_whole_gpus_and_80_gb_is_one_a100() -> None:
    e = estimate_memory(COURSE_RULE)  # 24e9 bytes: fits one 24 GB card (24 GiB) and one 80 GB A100
    needed = {g.label: e.gpus_needed(g) for g in GPU_CLASSES}
    assert needed == {"8 GB": 3, "24 GB": 1, "80 GB": 1}
    big = estimate_memory(MemoryInputs(params=70e9, dtype="bf16", mode="training", mixed_precision=True))
    assert big.gpus_needed(GPU_CLASSES[2]) == math.ceil(big.total_bytes / (80 * GIB))


def test_lora_trains_only_the_adapters() -> None:
    full = estimate_memory(MemoryInputs(params=7e9, dtype="bf16", mode="training", mixed_precision=True))
    lora = estimate_memory(
        MemoryInputs(params=7e9, dtype="bf16", mode="lora", mixed_precision=True, trainable_share=0.01)
    )
    assert lora.gradients_bytes == pytest.approx(full.gradients_bytes * 0.01)
    assert lora.optimizer_bytes == pytest.approx(full.optimizer_bytes * 0.01)
    qlora = estimate_memory(MemoryInputs(params=7e9, dtype="int4", mode="qlora", trainable_share=0.01))
    assert qlora.weights_bytes < lora.weights_bytes / 3


def test_overhead_is_a_share_on_top() -> None:
    e = estimate_memory(MemoryInputs(params=1e9, dtype="fp16", overhead_share=0.2))
    assert e.overhead_bytes == pytest.approx(0.2 * 2e9)
    assert e.total_bytes == pytest.approx(2.4e9)


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        (MemoryInputs(params=-1), "Parameters"),
        (MemoryInputs(params=0), "Parameters"),
        (MemoryInputs(params=float("nan")), "Parameters"),
        (MemoryInputs(params=float("inf")), "Parameters"),
        (MemoryInputs(params=1e20), "Parameters"),
        (MemoryInputs(params=1e9, dtype="fp64"), "Precision"),
        (MemoryInputs(params=1e9, dtype="q4_k_m", mode="training"), "Precision"),
        (MemoryInputs(params=1e9, dtype="fp16", mode="qlora"), "Precision"),
        (MemoryInputs(params=1e9, dtype="fp32", mode="training", mixed_precision=True), "Precision"),
        (MemoryInputs(params=1e9, mode="training", optimizer="lion"), "Optimizer"),
        (MemoryInputs(params=1e9, mode="sleeping"), "Mode"),
        (MemoryInputs(params=1e9, batch=0), "Batch size"),
        (MemoryInputs(params=1e9, context=4096, shape=ModelShape(0, 8, 128)), "Layers"),
    ],
)
def test_nonsense_is_refused_naming_the_field(inputs: MemoryInputs, field: str) -> None:
    with pytest.raises(CalcInputError) as exc:
        estimate_memory(inputs)
    assert exc.value.field == field
    assert str(exc.value).startswith(field)


def test_inputs_round_trip_through_a_dict() -> None:
    inputs = with_preset(MemoryInputs(params=1, dtype="q4_k_m"), PRESETS["mistral-7b"], context=8192)
    assert MemoryInputs.from_dict(inputs.as_dict()) == inputs
