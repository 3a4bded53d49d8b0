"""Numbers the way people type them, and back.

Accepted: `7B`, `70b`, `1.5e9`, `4k`, `1T`, `350M`, `4,096`, `4 096`, `1_000`, and the pt-BR decimal comma `1,5B`.
Suffixes count things (k = 10³, M = 10⁶, B or G = 10⁹, T = 10¹²), which is how model sizes and token counts are
written; they are never binary (4k context = 4,000 here, so type 4096 when you mean it).

Every error is a `CalcInputError` naming the field, so a page can show it beside the input and the CLI can print
`error: …` without a traceback.
"""

from __future__ import annotations

import math
import re

SUFFIXES: dict[str, float] = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9, "t": 1e12}

_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([kmbgt])?$", re.IGNORECASE)
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_WORDS_NAN = {"nan", "+nan", "-nan"}
_WORDS_INF = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞"}


class CalcInputError(ValueError):
    """A value a person typed that a calculator cannot use; `field` names the input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _normalise(text: str) -> str:
    s = text.strip().replace("\u00a0", " ").replace("_", "")
    s = re.sub(r"(?<=\d) (?=\d)", "", s)  # "4 096" -> "4096"
    if "," in s:
        if _THOUSANDS_COMMA.match(s):
            s = s.replace(",", "")  # 4,096 and 1,000,000: English thousands separators
        elif s.count(",") == 1 and "." not in s:
            s = s.replace(",", ".")  # 1,5 and 0,25: the pt-BR decimal comma
    return s


def _plain(value: float) -> str:
    return f"{value:,.6g}"


def parse_quantity(
    text: str | float | int,
    field: str,
    *,
    maximum: float | None = None,
    minimum: float | None = None,
    integer: bool = False,
    allow_zero: bool = False,
) -> float:
    """The positive number in `text` (e.g. "7B" -> 7e9). Raises CalcInputError naming `field` when it is empty,
    not a number, NaN, infinite, negative, zero (unless allow_zero), below `minimum`, above `maximum`, or not a
    whole number when `integer` is set. Whole numbers come back as int when `integer` is set."""
    if isinstance(text, bool):
        raise CalcInputError(field, f"{text!r} is not a number")
    if isinstance(text, int | float):
        value = float(text)
        shown = repr(text)
    else:
        raw = str(text)
        shown = repr(raw.strip())
        s = _normalise(raw)
        if not s:
            raise CalcInputError(field, "is empty; type a number such as 7B, 1.5e9, 4k or 350M")
        if s.lower() in _WORDS_NAN:
            raise CalcInputError(field, "NaN (not a number) cannot be used")
        if s.lower() in _WORDS_INF:
            raise CalcInputError(field, "must be a finite number, not infinity")
        match = _NUMBER.match(s)
        if match is None:
            raise CalcInputError(field, f"{shown} is not a number (try 7B, 1.5e9, 4k, 350M or 4096)")
        try:
            value = float(match.group(1)) * SUFFIXES.get((match.group(2) or "").lower(), 1.0)
        except OverflowError:  # pragma: no cover - float() gives inf rather than raising
            value = math.inf
    if math.isnan(value):
        raise CalcInputError(field, "NaN (not a number) cannot be used")
    if math.isinf(value):
        raise CalcInputError(field, f"{shown} is too large to be a number here")
    if value < 0:
        raise CalcInputError(field, f"{shown} is negative; it must be a positive number")
    if value == 0 and not allow_zero:
        raise CalcInputError(field, "must be greater than zero")
    if minimum is not None and value < minimum:
        raise CalcInputError(field, f"{shown} is too small; it must be at least {_plain(minimum)}")
    if maximum is not None and value > maximum:
        raise CalcInputError(field, f"{shown} is absurdly large here; it must be at most {_plain(maximum)}")
    if integer:
        if value != math.floor(value):
            raise CalcInputError(field, f"{shown} must be a whole number")
        return int(value)
    return value


def parse_fraction(text: str | float | int, field: str, *, allow_zero: bool = False) -> float:
    """A share between 0 and 1, typed as `0.4`, `40%` or `40` (read as percent when above 1)."""
    raw = str(text).strip()
    percent = raw.endswith("%")
    value = parse_quantity(raw.rstrip("%").strip() if percent else text, field, allow_zero=allow_zero)
    if percent or value > 1:
        if value > 100:
            raise CalcInputError(field, f"{raw!r} is more than 100%")
        value /= 100
    return value


# ---- formatting ----------------------------------------------------------------------------------------------

GB = 10**9  # decimal gigabyte: the course's "1B parameters = 4 GB"
GIB = 2**30  # binary gibibyte: what operating systems and nvidia-smi count in


def format_count(value: float) -> str:
    """7e9 -> '7B', 1.4e12 -> '1.4T', 124e6 -> '124M' (the way model sizes and token counts are written)."""
    for suffix, scale in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(value) >= scale:
            return f"{value / scale:.3g}{suffix}"
    return f"{value:.3g}"


def format_bytes(n: float, binary: bool = False) -> str:
    """Bytes in GB (10⁹) or GiB (2³⁰), switching to MB/MiB or TB/TiB when that reads better."""
    if binary:
        units = (("TiB", 2.0**40), ("GiB", 2.0**30), ("MiB", 2.0**20), ("KiB", 2.0**10))
    else:
        units = (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3))
    for unit, scale in units:
        if abs(n) >= scale:
            return f"{n / scale:,.2f} {unit}"
    return f"{n:,.0f} B"


def format_flops(value: float) -> str:
    """1.21e20 -> '1.21e20 FLOPs'."""
    return f"{value:.3g}".replace("e+", "e") + " FLOPs"
