"""How one number is stored in FP32, FP16, BF16 and INT8 — the bits, the value kept and the rounding error.

FP32 and FP16 conversions are numpy's (IEEE 754 round-to-nearest-even). numpy has no bfloat16, so BF16 is made the
way hardware and PyTorch make it from FP32: keep the top 16 bits of the FP32 pattern, rounding to nearest-even on the
dropped 16 (BF16 is "a truncated FP32", as the course notes say, but rounded rather than chopped).
INT8 uses symmetric absmax quantization (Dettmers et al. 2022, LLM.int8(), eq. 1): scale = 127 / max|x|,
code = round(x · scale), value kept = code / scale.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from desktop.core.calc.quantity import CalcInputError


@dataclass(frozen=True)
class FloatFormat:
    key: str
    label: str
    exponent_bits: int
    mantissa_bits: int

    @property
    def total_bits(self) -> int:
        return 1 + self.exponent_bits + self.mantissa_bits

    @property
    def bias(self) -> int:
        return 2 ** (self.exponent_bits - 1) - 1

    @property
    def bytes(self) -> int:
        return self.total_bits // 8


FLOAT_FORMATS: dict[str, FloatFormat] = {
    "fp32": FloatFormat("fp32", "FP32", 8, 23),
    "fp16": FloatFormat("fp16", "FP16", 5, 10),
    "bf16": FloatFormat("bf16", "BF16", 8, 7),
}


@dataclass(frozen=True)
class StoredFloat:
    """`value` as the format stores it."""

    fmt: FloatFormat
    value: float
    pattern: int  # the raw bits as an unsigned integer
    stored: float
    category: str  # "normal", "subnormal", "zero", "infinity"

    @property
    def bits(self) -> str:
        return format(self.pattern, f"0{self.fmt.total_bits}b")

    @property
    def sign_bits(self) -> str:
        return self.bits[0]

    @property
    def exponent_bits(self) -> str:
        return self.bits[1 : 1 + self.fmt.exponent_bits]

    @property
    def mantissa_bits(self) -> str:
        return self.bits[1 + self.fmt.exponent_bits :]

    @property
    def hex(self) -> str:
        return f"0x{self.pattern:0{self.fmt.total_bits // 4}X}"

    @property
    def overflow(self) -> bool:
        return self.category == "infinity"

    @property
    def underflow(self) -> bool:
        return self.category == "zero" and self.value != 0

    @property
    def abs_error(self) -> float:
        return math.inf if self.overflow else abs(self.stored - self.value)

    @property
    def rel_error(self) -> float | None:
        return None if self.value == 0 else self.abs_error / abs(self.value)

    def formula(self) -> str:
        """How the bits make the number, e.g. (-1)^0 × 2^(128−127) × 1.5707964 = 3.1415927."""
        if self.category in ("zero", "infinity"):
            return (
                f"{'−' if self.sign_bits == '1' else '+'}{self.category}: exponent bits all "
                f"{'0' if self.category == 'zero' else '1'}, mantissa 0"
            )
        e = int(self.exponent_bits, 2)
        m = int(self.mantissa_bits, 2) / 2**self.fmt.mantissa_bits
        if self.category == "subnormal":
            return (
                f"(−1)^{self.sign_bits} × 2^(1−{self.fmt.bias}) × {m:.10g} = {self.stored:.10g}"
                "  (subnormal: no hidden 1)"
            )
        return f"(−1)^{self.sign_bits} × 2^({e}−{self.fmt.bias}) × {1 + m:.10g} = {self.stored:.10g}"


def _category(fmt: FloatFormat, pattern: int) -> str:
    exp = (pattern >> fmt.mantissa_bits) & ((1 << fmt.exponent_bits) - 1)
    man = pattern & ((1 << fmt.mantissa_bits) - 1)
    if exp == (1 << fmt.exponent_bits) - 1:
        return "infinity"  # NaN never reaches here: inputs are checked to be finite
    if exp == 0:
        return "zero" if man == 0 else "subnormal"
    return "normal"


def _bf16_pattern(value: float) -> int:
    with np.errstate(over="ignore"):
        u32 = int(np.array([value], dtype=np.float32).view(np.uint32)[0])
    if (u32 & 0x7F800000) == 0x7F800000:  # already ±inf in FP32
        return u32 >> 16
    rounding = 0x7FFF + ((u32 >> 16) & 1)  # round to nearest, ties to even, on the 16 dropped bits
    return ((u32 + rounding) >> 16) & 0xFFFF


def store_float(value: float, fmt_key: str) -> StoredFloat:
    fmt = FLOAT_FORMATS[fmt_key]
    if not math.isfinite(value):
        raise CalcInputError("Number", "must be a finite number")
    with np.errstate(over="ignore"):
        if fmt_key == "fp32":
            arr32 = np.array([value], dtype=np.float32)
            pattern, stored = int(arr32.view(np.uint32)[0]), float(arr32[0])
        elif fmt_key == "fp16":
            arr16 = np.array([value], dtype=np.float16)
            pattern, stored = int(arr16.view(np.uint16)[0]), float(arr16[0])
        else:
            pattern = _bf16_pattern(value)
            stored = float(np.array([pattern << 16], dtype=np.uint32).view(np.float32)[0])
    return StoredFloat(fmt, float(value), pattern, stored, _category(fmt, pattern))


def store_all(value: float) -> list[StoredFloat]:
    return [store_float(value, key) for key in FLOAT_FORMATS]


def parse_real(text: str | float, field: str = "Number") -> float:
    """Any finite real number (negative and zero allowed), with the pt-BR decimal comma accepted."""
    s = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("_", "")
    if not s:
        raise CalcInputError(field, "is empty; type a number such as 3.14159")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    low = s.lower().lstrip("+-")
    if low == "nan":
        raise CalcInputError(field, "NaN (not a number) cannot be used")
    if low in ("inf", "infinity", "∞"):
        raise CalcInputError(field, "must be a finite number, not infinity")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?", s, re.IGNORECASE):
        raise CalcInputError(field, f"{str(text).strip()!r} is not a number")
    value = float(s)
    if not math.isfinite(value):
        raise CalcInputError(field, f"{str(text).strip()!r} is too large even for a 64-bit float")
    return value


# ---- INT8 absmax ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AbsmaxQuantization:
    values: tuple[float, ...]
    scale: float  # codes per unit: 127 / max|x|
    codes: tuple[int, ...]
    dequantized: tuple[float, ...]

    @property
    def errors(self) -> tuple[float, ...]:
        return tuple(abs(d - v) for d, v in zip(self.dequantized, self.values, strict=True))

    @property
    def max_abs_error(self) -> float:
        return max(self.errors)

    @property
    def step(self) -> float:
        """The gap between neighbouring codes, in the values' units: the worst rounding error is half of it."""
        return 1 / self.scale


MAX_VECTOR = 32


def parse_vector(text: str, field: str = "Vector") -> list[float]:
    """`3.14, -1.5, 0.25` or, with decimal commas, `3,14; -1,5; 0,25` (semicolons or spaces then separate)."""
    s = text.strip()
    if not s:
        raise CalcInputError(field, "is empty; type a few numbers separated by commas")
    parts = re.split(r"[;\s]+", s) if ";" in s else re.split(r"[,\s]+", s)
    values = [parse_real(p, field) for p in parts if p]
    if not values:
        raise CalcInputError(field, "has no numbers")
    if len(values) > MAX_VECTOR:
        raise CalcInputError(field, f"has {len(values)} numbers; keep it to {MAX_VECTOR} or fewer")
    return values


def absmax_int8(values: list[float] | tuple[float, ...]) -> AbsmaxQuantization:
    x = np.asarray(values, dtype=np.float64)
    if x.size == 0:
        raise CalcInputError("Vector", "has no numbers")
    if not np.all(np.isfinite(x)):
        raise CalcInputError("Vector", "contains NaN or infinity")
    absmax = float(np.max(np.abs(x)))
    if absmax == 0:
        raise CalcInputError("Vector", "is all zeros, so absmax scaling has nothing to scale by")
    scale = 127.0 / absmax
    codes = np.clip(np.rint(x * scale), -127, 127).astype(
        np.int64
    )  # rint: round half to even, as torch.round
    return AbsmaxQuantization(
        values=tuple(float(v) for v in x),
        scale=scale,
        codes=tuple(int(c) for c in codes),
        dequantized=tuple(float(c) / scale for c in codes),
    )


# ---- the types table -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeInfo:
    label: str
    bits: float
    layout: str
    range_text: str
    max_value: float
    smallest_normal: float | None
    epsilon: float | None  # gap between 1 and the next number: relative precision
    decimal_digits: float | None
    memory_vs_fp32: str


def _float_info(fmt: FloatFormat) -> TypeInfo:
    max_value = (2 - 2.0**-fmt.mantissa_bits) * 2.0**fmt.bias
    smallest = 2.0 ** (1 - fmt.bias)
    saving = {32: "—", 16: "−50%"}[fmt.total_bits]
    return TypeInfo(
        label=fmt.label,
        bits=fmt.total_bits,
        layout=f"1 sign · {fmt.exponent_bits} exponent · {fmt.mantissa_bits} mantissa",
        range_text=f"±{max_value:.5g}",
        max_value=max_value,
        smallest_normal=smallest,
        epsilon=2.0**-fmt.mantissa_bits,
        decimal_digits=(fmt.mantissa_bits + 1) * math.log10(2),
        memory_vs_fp32=saving,
    )


def type_table() -> list[TypeInfo]:
    rows = [_float_info(fmt) for fmt in FLOAT_FORMATS.values()]
    rows.append(
        TypeInfo(
            "INT8",
            8,
            "8-bit integer code × a scale per tensor or block",
            "−128 … 127 codes",
            127,
            None,
            None,
            None,
            "−75%",
        )
    )
    rows.append(
        TypeInfo(
            "INT4", 4, "4-bit integer code × a scale per block", "−8 … 7 codes", 7, None, None, None, "−87.5%"
        )
    )
    return rows
