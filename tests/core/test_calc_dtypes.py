"""Bit layouts of FP32/FP16/BF16 and INT8 absmax quantization, against published values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.core.calc.dtypes import (
    absmax_int8,
    parse_real,
    parse_vector,
    store_all,
    store_float,
    type_table,
)
from desktop.core.calc.quantity import CalcInputError

PI = math.pi


def test_pi_in_fp32_fp16_bf16() -> None:
    # FACTS.md ("Number formats"): π stored in FP32 = 3.1415927 (3.14159274…), FP16 = 3.140625, BF16 = 3.140625.
    fp32, fp16, bf16 = store_all(PI)
    assert fp32.stored == pytest.approx(3.14159274, abs=1e-8)
    assert fp32.hex == "0x40490FDB"  # IEEE 754 single-precision π
    assert fp16.stored == 3.140625
    assert fp16.hex == "0x4248"
    assert bf16.stored == 3.140625
    assert bf16.hex == "0x4049"  # the top half of FP32's 0x40490FDB: BF16 is a (rounded) truncated FP32
    assert fp16.abs_error == pytest.approx(PI - 3.140625)


def test_layouts_split_sign_exponent_mantissa() -> None:
    # FACTS.md: FP32 1/8/23, FP16 1/5/10, BF16 1/8/7 bits.
    for s, (e, m) in zip(store_all(-2.5), [(8, 23), (5, 10), (8, 7)], strict=True):
        assert s.sign_bits == "1"
        assert len(s.exponent_bits) == e and len(s.mantissa_bits) == m
        assert s.stored == -2.5 and s.abs_error == 0
    assert store_float(1.0, "fp16").exponent_bits == "01111"  # bias 15


def test_fp16_max_is_65504_and_beyond_overflows() -> None:
    # FACTS.md: FP16 max 65,504; IEEE 754 binary16 rounds 65520 and up to infinity.
    assert store_float(65504, "fp16").stored == 65504
    assert store_float(65519, "fp16").stored == 65504
    big = store_float(70000, "fp16")
    assert big.overflow and big.category == "infinity"
    assert math.isinf(big.abs_error)
    # BF16 keeps FP32's exponent range, so 70000 is fine there (rounded to 7 mantissa bits: 70144).
    assert store_float(70000, "bf16").stored == 70144


def test_fp16_smallest_normal_and_subnormals() -> None:
    # FACTS.md: FP16 smallest normal ≈ 6.1·10⁻⁵ (2⁻¹⁴).
    assert store_float(2**-14, "fp16").category == "normal"
    assert store_float(2**-20, "fp16").category == "subnormal"
    assert store_float(1e-9, "fp16").underflow


def test_bf16_rounds_to_nearest_even_like_torch() -> None:
    # 1 + 2⁻⁸ lies exactly halfway between BF16 neighbours 1 and 1 + 2⁻⁷: ties go to the even mantissa (1.0).
    assert store_float(1 + 2**-8, "bf16").stored == 1.0
    # 1 + 3·2⁻⁸ is halfway between 1 + 2⁻⁷ (odd) and 1 + 2⁻⁶ (even): rounds up to the even one.
    assert store_float(1 + 3 * 2**-8, "bf16").stored == 1 + 2**-6
    # Random values agree with the reference definition (round the FP32 pattern's low 16 bits, ties to even).
    rng = np.random.default_rng(0)
    for v in rng.standard_normal(200) * 10.0 ** rng.integers(-20, 20, 200):
        u = int(np.float32(v).view(np.uint32))
        lower, upper = (u >> 16) << 16, ((u >> 16) + 1) << 16
        lo = float(np.array([lower], np.uint32).view(np.float32)[0])
        hi = float(np.array([upper & 0xFFFFFFFF], np.uint32).view(np.float32)[0])
        f = float(np.float32(v))
        expected = (
            lo
            if abs(f - lo) < abs(hi - f)
            else hi
            if abs(hi - f) < abs(f - lo)
            else (lo if (u >> 16) % 2 == 0 else hi)
        )
        assert store_float(float(v), "bf16").stored == expected


def test_int8_absmax_quantization() -> None:
    # Dettmers et al. 2022 (LLM.int8()), eq. 1: X_i8 = round(127 · X / max|X|). The largest value maps to 127.
    q = absmax_int8([3.14159, -1.5, 0.25, 2.0, -0.7])
    assert q.scale == pytest.approx(127 / 3.14159)
    assert q.codes == (127, -61, 10, 81, -28)
    assert q.dequantized[0] == pytest.approx(3.14159)
    assert q.max_abs_error <= q.step / 2 + 1e-12
    # The course rounds π to the integer 3; absmax spends the 8 bits on the tensor's own range instead.
    assert absmax_int8([PI]).dequantized[0] == pytest.approx(PI)


def test_int8_refuses_all_zero_vectors() -> None:
    with pytest.raises(CalcInputError, match="all zeros"):
        absmax_int8([0.0, 0.0])


def test_type_table_ranges() -> None:
    rows = {r.label: r for r in type_table()}
    assert rows["FP16"].max_value == 65504
    assert rows["FP32"].max_value == pytest.approx(3.4028235e38, rel=1e-7)
    assert rows["BF16"].max_value == pytest.approx(3.3895e38, rel=1e-4)
    assert rows["FP16"].smallest_normal == pytest.approx(6.1035e-5, rel=1e-4)
    assert rows["BF16"].epsilon == 2**-7 and rows["FP16"].epsilon == 2**-10
    assert rows["INT8"].range_text.startswith("−128")
    assert rows["FP16"].memory_vs_fp32 == "−50%" and rows["INT8"].memory_vs_fp32 == "−75%"


def test_parse_real_and_vector() -> None:
    assert parse_real("3,14159") == pytest.approx(3.14159)
    assert parse_real("-2.5e-3") == -0.0025
    assert parse_real("0") == 0.0
    assert parse_vector("3.14, -1.5, 0.25") == [3.14, -1.5, 0.25]
    assert parse_vector("3,14; -1,5; 0,25") == [3.14, -1.5, 0.25]
    for bad, words in [
        ("", "empty"),
        ("nan", "NaN"),
        ("inf", "infinity"),
        ("pi", "not a number"),
        ("1e999", "too large"),
    ]:
        with pytest.raises(CalcInputError, match=words):
            parse_real(bad)
    with pytest.raises(CalcInputError, match="32 or fewer"):
        parse_vector(", ".join(["1"] * 40))
