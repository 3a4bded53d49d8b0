"""Numbers the way people type them, and the errors for the ones that are not numbers."""

from __future__ import annotations

import pytest

from desktop.core.calc.quantity import (
    CalcInputError,
    format_bytes,
    format_count,
    format_flops,
    parse_fraction,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7B", 7e9),
        ("70b", 70e9),
        ("1.5e9", 1.5e9),
        ("4k", 4000),
        ("1T", 1e12),
        ("350M", 350e6),
        ("1.4t", 1.4e12),
        (" 13 B ", 13e9),
        ("4,096", 4096),
        ("1,000,000", 1e6),
        ("4 096", 4096),
        ("1_000", 1000),
        ("1,5B", 1.5e9),  # pt-BR decimal comma
        ("0,25", 0.25),
        ("3e23", 3e23),
        ("5.76E+23", 5.76e23),
        (".5", 0.5),
        (7, 7.0),
        (2.5, 2.5),
    ],
)
def test_accepts_what_people_type(text: str | float, value: float) -> None:
    assert parse_quantity(text, "Parameters") == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "not a number"),
        ("7 billion", "not a number"),
        ("1.2.3", "not a number"),
        ("7BB", "not a number"),
        ("nan", "NaN"),
        ("NaN", "NaN"),
        ("inf", "infinity"),
        ("-inf", "infinity"),
        ("1e400", "too large"),
        ("-5", "negative"),
        ("-7B", "negative"),
        ("0", "greater than zero"),
        ("0B", "greater than zero"),
        (float("nan"), "NaN"),
        (True, "not a number"),
    ],
)
def test_refuses_nonsense_with_the_field_named(text: str | float, words: str) -> None:
    with pytest.raises(CalcInputError) as exc:
        parse_quantity(text, "Parameters")
    assert exc.value.field == "Parameters"
    assert str(exc.value).startswith("Parameters: ")
    assert words in str(exc.value)


def test_absurd_and_fractional_values() -> None:
    with pytest.raises(CalcInputError, match="absurdly large"):
        parse_quantity("1e20", "Parameters", maximum=1e14)
    with pytest.raises(CalcInputError, match="whole number"):
        parse_quantity("2.5", "Layers", integer=True)
    assert parse_quantity("4k", "Context length", integer=True) == 4000
    assert isinstance(parse_quantity("32", "Layers", integer=True), int)
    assert parse_quantity("0", "Activations", allow_zero=True) == 0


@pytest.mark.parametrize(
    ("text", "value"), [("40%", 0.4), ("0.4", 0.4), ("40", 0.4), ("100%", 1.0), ("1", 1.0)]
)
def test_fractions_and_percentages(text: str, value: float) -> None:
    assert parse_fraction(text, "Utilization") == pytest.approx(value)


def test_fraction_over_100_percent_is_refused() -> None:
    with pytest.raises(CalcInputError, match="more than 100%"):
        parse_fraction("150%", "Utilization")


def test_formatting() -> None:
    assert format_count(7e9) == "7B"
    assert format_count(1.4e12) == "1.4T"
    assert format_count(124e6) == "124M"
    assert format_bytes(24e9) == "24.00 GB"
    assert format_bytes(2**31, binary=True) == "2.00 GiB"
    assert format_flops(1.21e20) == "1.21e20 FLOPs"
