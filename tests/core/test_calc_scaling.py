"""Scaling laws against Chinchilla's Table 3 and published training runs."""

from __future__ import annotations

import pytest

from desktop.core.calc.quantity import CalcInputError
from desktop.core.calc.scaling import (
    ACCELERATORS,
    CHINCHILLA_TABLE3,
    KNOWN_MODELS,
    compute_optimal,
    training_flops,
    training_time,
)


@pytest.mark.parametrize("row", CHINCHILLA_TABLE3, ids=lambda r: f"{r.params:.3g}")
def test_c_equals_6nd_reproduces_chinchilla_table_3_flops(row) -> None:  # noqa: ANN001
    # Hoffmann et al. 2022, Table 3: FLOPs = 6 · parameters · tokens within the table's own rounding
    # (the 67B row's 1.5T is rounded from ~1.43T, hence 5%).
    assert training_flops(row.params, row.tokens) == pytest.approx(row.flops, rel=0.05)


@pytest.mark.parametrize("row", CHINCHILLA_TABLE3, ids=lambda r: f"{r.params:.3g}")
def test_twenty_tokens_per_parameter_reproduces_table_3_tokens(row) -> None:  # noqa: ANN001
    # Table 3's compute-optimal tokens are 20–22.4 tokens per parameter; the 20:1 rule is within 11%.
    assert compute_optimal(params=row.params).tokens == pytest.approx(row.tokens, rel=0.11)


def test_table_3_small_rows_exactly() -> None:
    # Hoffmann et al. 2022, Table 3: 400M → 8.0B tokens, 1.92e19 FLOPs; 1B → 20.2B tokens, 1.21e20 FLOPs.
    p = compute_optimal(params="400M")
    assert p.tokens == pytest.approx(8.0e9)
    assert p.flops == pytest.approx(1.92e19)
    assert compute_optimal(params="1B").flops == pytest.approx(1.21e20, rel=0.01)


def test_from_compute_and_from_tokens() -> None:
    # Table 3: 5.76e23 FLOPs ↔ a 67B model; the 20:1 rule gives ~69B on ~1.39T tokens.
    p = compute_optimal(flops="5.76e23")
    assert p.params == pytest.approx(69.3e9, rel=0.01)
    assert p.tokens == pytest.approx(20 * p.params)
    assert p.flops == pytest.approx(5.76e23)
    # Chinchilla itself: 70B on 1.4T tokens (Hoffmann et al. 2022) is exactly 20:1.
    assert compute_optimal(tokens="1.4T").params == pytest.approx(70e9)


def test_gpt3_training_compute() -> None:
    # Brown et al. 2020, Table D.1: GPT-3 175B trained with 3.14e23 FLOPs on 300B tokens.
    gpt3 = next(m for m in KNOWN_MODELS if m.name == "GPT-3")
    assert gpt3.flops == pytest.approx(3.14e23, rel=0.01)
    # "Over-parameterized and under-trained": 300B tokens is ~1.7 per parameter, far below 20.
    assert gpt3.tokens_per_param < 2


def test_chinchilla_and_gopher_same_compute() -> None:
    # Hoffmann et al. 2022: Chinchilla (70B, 1.4T) used the same compute budget as Gopher (280B, 300B),
    # 5.88e23 vs 5.04e23 by 6ND (the paper: "the same compute budget as Gopher").
    models = {m.name: m for m in KNOWN_MODELS}
    assert models["Chinchilla"].flops == pytest.approx(models["Gopher"].flops, rel=0.2)
    assert models["Chinchilla"].tokens_per_param == pytest.approx(20)
    for m in KNOWN_MODELS:
        assert m.source


def test_training_time_llama_65b() -> None:
    # Touvron et al. 2023 (LLaMA): 65.2B model, 1.4T tokens, 2048 A100-80GB at ~380 tokens/s/GPU ≈ 21 days.
    flops = training_flops(65.2e9, 1.4e12)
    utilization = 6 * 65.2e9 * 380 / ACCELERATORS["a100"].peak_flops  # what 380 tokens/s/GPU means in FLOP/s
    t = training_time(flops, 2048, utilization, ACCELERATORS["a100"].peak_flops)
    assert t.days == pytest.approx(21, abs=0.5)
    assert t.gpu_hours == pytest.approx(t.days * 24 * 2048)


def test_peak_flops_datasheets() -> None:
    # NVIDIA datasheets: A100 312 TFLOPS BF16 dense; H100 SXM 989 TFLOPS BF16 dense.
    assert ACCELERATORS["a100"].peak_flops == 312e12
    assert ACCELERATORS["h100"].peak_flops == 989e12


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"params": "-7B"}, "Parameters"),
        ({"tokens": "0"}, "Tokens"),
        ({"flops": "nan"}, "Compute (FLOPs)"),
        ({"params": "1e30"}, "Parameters"),
        ({}, "Scaling"),
        ({"params": "7B", "tokens": "1T"}, "Scaling"),
    ],
)
def test_bad_scaling_inputs(kwargs: dict[str, str], field: str) -> None:
    with pytest.raises(CalcInputError) as exc:
        compute_optimal(**kwargs)
    assert exc.value.field == field


def test_bad_training_time_inputs() -> None:
    with pytest.raises(CalcInputError, match="GPUs"):
        training_time(1e23, "2.5", 0.4, 312e12)
    with pytest.raises(CalcInputError, match="Utilization"):
        training_time(1e23, 8, "150%", 312e12)
    with pytest.raises(CalcInputError, match="Utilization"):
        training_time(1e23, 8, "0", 312e12)
