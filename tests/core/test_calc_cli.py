"""`studydesk memory | kv-cache | scaling | scenarios`: the same numbers as the pages, JSON keys as documented,
`error: …` and exit 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

MEMORY_KEYS = {
    "weights_bytes",
    "gradients_bytes",
    "optimizer_bytes",
    "activations_bytes",
    "kv_cache_bytes",
    "overhead_bytes",
    "total_bytes",
}


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]):  # noqa: ANN202
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_memory_course_rule(capsys: pytest.CaptureFixture[str]) -> None:
    # Course notes: 4 + 8 + 4 + 8 = 24 bytes per parameter, 24 GB for 1B parameters at FP32 with Adam.
    data = _json(
        [
            "memory",
            "--params",
            "1e9",
            "--mode",
            "training",
            "--dtype",
            "fp32",
            "--optimizer",
            "adam",
            "--json",
        ],
        capsys,
    )
    assert set(data) == MEMORY_KEYS
    assert data["total_bytes"] == 24_000_000_000
    assert (
        data["weights_bytes"],
        data["gradients_bytes"],
        data["optimizer_bytes"],
        data["activations_bytes"],
    ) == (4e9, 4e9, 8e9, 8e9)
    assert _json(["memory", "--preset", "course", "--json"], capsys)["total_bytes"] == 24_000_000_000


def test_memory_accepts_typed_sizes_and_kv_cache_flags(capsys: pytest.CaptureFixture[str]) -> None:
    # Llama-2-7B shape at 4,096 tokens in FP16: KV cache 2 GiB (FACTS.md).
    data = _json(
        [
            "memory",
            "--params",
            "7B",
            "--dtype",
            "fp16",
            "--context",
            "4096",
            "--layers",
            "32",
            "--kv-heads",
            "32",
            "--head-dim",
            "128",
            "--json",
        ],
        capsys,
    )
    assert data["weights_bytes"] == 14e9
    assert data["kv_cache_bytes"] == 2**31
    assert data["total_bytes"] == 14e9 + 2**31


def test_memory_text_output_shows_gb_gib_and_gpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["memory", "--params", "1B", "--mode", "training"]) == 0
    out = capsys.readouterr().out
    assert "24.00 GB" in out and "22.35 GiB" in out
    assert "3 × 8 GB, 1 × 24 GB, 1 × 80 GB" in out


def test_kv_cache_command(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(
        [
            "kv-cache",
            "--layers",
            "32",
            "--kv-heads",
            "32",
            "--head-dim",
            "128",
            "--context",
            "4096",
            "--json",
        ],
        capsys,
    )
    assert data == {"bytes": 2 * 2**30}
    gqa = _json(
        [
            "kv-cache",
            "--layers",
            "32",
            "--kv-heads",
            "8",
            "--head-dim",
            "128",
            "--context",
            "8192",
            "--batch",
            "2",
            "--dtype",
            "fp16",
            "--json",
        ],
        capsys,
    )
    assert gqa == {"bytes": 2 * 2**30}


def test_scaling_command(capsys: pytest.CaptureFixture[str]) -> None:
    # Hoffmann et al. 2022, Table 3: 400M parameters → 8.0B tokens, 1.92e19 FLOPs.
    data = _json(["scaling", "--params", "400M", "--json"], capsys)
    assert set(data) == {"params", "tokens", "flops"}
    assert data["tokens"] == pytest.approx(8e9) and data["flops"] == pytest.approx(1.92e19)
    assert _json(["scaling", "--tokens", "1.4T", "--json"], capsys)["params"] == pytest.approx(70e9)
    assert _json(["scaling", "--compute", "1.21e20", "--json"], capsys)["params"] == pytest.approx(
        1.004e9, rel=1e-3
    )
    timed = _json(
        ["scaling", "--params", "70B", "--gpus", "1024", "--gpu", "a100", "--utilization", "40%", "--json"],
        capsys,
    )
    assert timed["training_days"] == pytest.approx(5.88e23 / (1024 * 312e12 * 0.4) / 86400)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["memory", "--params=-7B"], "Parameters: '-7B' is negative"),
        (["memory", "--params", "abc", "--json"], "Parameters: 'abc' is not a number"),
        (["memory", "--params", "nan"], "NaN"),
        (["memory", "--params", "inf"], "infinity"),
        (["memory", "--params", "0"], "greater than zero"),
        (["memory", "--params", "1e20"], "absurdly large"),
        (["memory"], "give --params"),
        (["memory", "--params", "7B", "--dtype", "fp8"], "unknown precision"),
        (["memory", "--params", "7B", "--mode", "training", "--dtype", "q4_k_m"], "Precision"),
        (["memory", "--params", "7B", "--context", "4096"], "needs --layers"),
        (["memory", "--params", "7B", "--layers", "32"], "missing --kv-heads, --head-dim"),
        (["memory", "--preset", "gpt-5"], "unknown preset"),
        (
            ["kv-cache", "--layers", "32", "--kv-heads", "8", "--head-dim", "128", "--context", "-1"],
            "Context length",
        ),
        (
            ["kv-cache", "--layers", "2.5", "--kv-heads", "8", "--head-dim", "128", "--context", "4k"],
            "whole number",
        ),
        (["scaling", "--params", "zero"], "Parameters"),
        (["scaling", "--compute=-1e23"], "negative"),
        (["scaling", "--params", "7B", "--gpus", "0"], "GPUs"),
        (["scaling", "--params", "7B", "--gpus", "8", "--utilization", "300%"], "more than 100%"),
        (["scenarios", "show", "999"], "no saved scenario"),
    ],
)
def test_bad_input_is_error_and_exit_2(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert words in err
    assert "Traceback" not in err


def test_save_and_list_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert _json(["scenarios", "list", "--json"], capsys) == []
    assert main(["memory", "--preset", "course", "--save", "course rule", "--json"]) == 0
    assert main(["scaling", "--params", "70B", "--save", "chinchilla", "--json"]) == 0
    assert (
        main(
            [
                "kv-cache",
                "--layers",
                "32",
                "--kv-heads",
                "32",
                "--head-dim",
                "128",
                "--context",
                "4k",
                "--save",
                "llama kv",
            ]
        )
        == 0
    )
    capsys.readouterr()
    items = _json(["scenarios", "list", "--json"], capsys)
    assert {i["name"]: i["kind"] for i in items} == {
        "course rule": "memory",
        "chinchilla": "scaling",
        "llama kv": "kv-cache",
    }
    course = next(i for i in items if i["name"] == "course rule")
    assert course["results"]["total_bytes"] == 24_000_000_000
    assert course["results"]["gpus_needed"]["80 GB"] == 1
    assert main(["memory", "--preset", "course", "--save", "course rule"]) == 2  # names are not overwritten
    assert "already exists" in capsys.readouterr().err
    assert main(["scenarios", "rename", str(course["id"]), "the 24 GB rule"]) == 0
    assert main(["scenarios", "delete", str(course["id"])]) == 0
    capsys.readouterr()
    assert [i["name"] for i in _json(["scenarios", "list", "--kind", "memory", "--json"], capsys)] == []


def test_cli_in_a_subprocess(studydesk_home: Path) -> None:
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "memory",
            "--params",
            "1e9",
            "--mode",
            "training",
            "--dtype",
            "fp32",
            "--optimizer",
            "adam",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["total_bytes"] == 24_000_000_000
    bad = subprocess.run(
        [sys.executable, "-m", "desktop", "scaling", "--tokens", "lots"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: Tokens:")
