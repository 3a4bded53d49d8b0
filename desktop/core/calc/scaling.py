"""Compute-optimal training: about 20 tokens per parameter, and C ≈ 6·N·D FLOPs.

Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (Chinchilla): parameters and tokens should grow
in equal proportion with compute; their Table 3 works out to about 20 tokens per parameter. The training compute of a
dense transformer is C ≈ 6·N·D (forward 2·N·D + backward 4·N·D; Kaplan et al. 2020, §2.1). The paper's fitted loss
constants do not reproduce the 20:1 ratio (Besiroglu et al. 2024), so this module teaches with Table 3 and 20:1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.core.calc.quantity import CalcInputError, parse_fraction, parse_quantity

TOKENS_PER_PARAM = 20.0
FLOPS_PER_PARAM_TOKEN = 6.0
MAX_PARAMS = 1e14
MAX_TOKENS = 1e17
MAX_FLOPS = 1e32
SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class ScalingPoint:
    params: float
    tokens: float
    flops: float

    @property
    def tokens_per_param(self) -> float:
        return self.tokens / self.params

    def as_json(self) -> dict[str, float]:
        return {"params": self.params, "tokens": self.tokens, "flops": self.flops}


def training_flops(params: float, tokens: float) -> float:
    """C ≈ 6·N·D."""
    return FLOPS_PER_PARAM_TOKEN * params * tokens


def compute_optimal(
    *, params: float | str | None = None, tokens: float | str | None = None, flops: float | str | None = None
) -> ScalingPoint:
    """From exactly one of parameters, tokens or a compute budget, the compute-optimal other two (D = 20·N,
    C = 6·N·D, so N = √(C / 120))."""
    given = [name for name, v in (("params", params), ("tokens", tokens), ("flops", flops)) if v is not None]
    if len(given) != 1:
        raise CalcInputError("Scaling", "give exactly one of parameters, tokens or compute")
    if params is not None:
        n = parse_quantity(params, "Parameters", minimum=1, maximum=MAX_PARAMS)
        d = TOKENS_PER_PARAM * n
    elif tokens is not None:
        d = parse_quantity(tokens, "Tokens", minimum=TOKENS_PER_PARAM, maximum=MAX_TOKENS)
        n = d / TOKENS_PER_PARAM
    else:
        # At least the compute of a one-parameter model: below that the answer rounds to nothing.
        c = parse_quantity(flops, "Compute (FLOPs)", minimum=FLOPS_PER_PARAM_TOKEN * TOKENS_PER_PARAM,
                           maximum=MAX_FLOPS)
        n = math.sqrt(c / (FLOPS_PER_PARAM_TOKEN * TOKENS_PER_PARAM))
        d = TOKENS_PER_PARAM * n
    return ScalingPoint(params=n, tokens=d, flops=training_flops(n, d))


# ---- training time -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Accelerator:
    key: str
    label: str
    peak_flops: float  # dense BF16/FP16 tensor-core peak, FLOP/s
    source: str


ACCELERATORS: dict[str, Accelerator] = {
    a.key: a
    for a in (
        Accelerator("a100", "NVIDIA A100", 312e12, "NVIDIA A100 datasheet: 312 TFLOPS BF16 tensor, dense"),
        Accelerator(
            "h100",
            "NVIDIA H100 SXM",
            989e12,
            "NVIDIA H100 datasheet: 1,979 TFLOPS BF16 with sparsity, 989 dense",
        ),
        Accelerator("v100", "NVIDIA V100", 125e12, "NVIDIA V100 SXM2 datasheet: 125 TFLOPS tensor (FP16)"),
    )
}


@dataclass(frozen=True)
class TrainingTime:
    flops: float
    gpus: int
    utilization: float
    peak_flops: float

    @property
    def seconds(self) -> float:
        return self.flops / (self.gpus * self.peak_flops * self.utilization)

    @property
    def days(self) -> float:
        return self.seconds / SECONDS_PER_DAY

    @property
    def gpu_hours(self) -> float:
        return self.seconds * self.gpus / 3600


def training_time(
    flops: float, gpus: int | str, utilization: float | str, peak_flops: float | str
) -> TrainingTime:
    """Wall-clock time for `flops` on `gpus` accelerators each sustaining `utilization` of `peak_flops`
    (model FLOPs utilization; 30–50% is typical for large runs)."""
    c = parse_quantity(flops, "Compute (FLOPs)", maximum=MAX_FLOPS)
    g = int(parse_quantity(gpus, "GPUs", maximum=10_000_000, integer=True))
    u = parse_fraction(utilization, "Utilization")
    peak = parse_quantity(peak_flops, "Peak FLOP/s per GPU", maximum=1e18)
    return TrainingTime(flops=c, gpus=g, utilization=u, peak_flops=peak)


# ---- known models --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownModel:
    name: str
    params: float
    tokens: float
    year: int
    source: str

    @property
    def flops(self) -> float:
        return training_flops(self.params, self.tokens)

    @property
    def tokens_per_param(self) -> float:
        return self.tokens / self.params


KNOWN_MODELS: tuple[KnownModel, ...] = (
    KnownModel(
        "GPT-3", 175e9, 300e9, 2020, "Brown et al. 2020, 'Language Models are Few-Shot Learners', Table D.1"
    ),
    KnownModel(
        "Gopher",
        280e9,
        300e9,
        2021,
        "Rae et al. 2021, 'Scaling Language Models: Methods, Analysis & Insights from Training Gopher'",
    ),
    KnownModel(
        "MT-NLG",
        530e9,
        270e9,
        2022,
        "Smith et al. 2022, 'Using DeepSpeed and Megatron to Train Megatron-Turing NLG 530B'",
    ),
    KnownModel(
        "PaLM", 540e9, 780e9, 2022, "Chowdhery et al. 2022, 'PaLM: Scaling Language Modeling with Pathways'"
    ),
    KnownModel(
        "Chinchilla",
        70e9,
        1.4e12,
        2022,
        "Hoffmann et al. 2022, 'Training Compute-Optimal Large Language Models'",
    ),
    KnownModel(
        "LLaMA-7B",
        6.7e9,
        1.0e12,
        2023,
        "Touvron et al. 2023, 'LLaMA: Open and Efficient Foundation Language Models', Table 2",
    ),
    KnownModel("LLaMA-13B", 13.0e9, 1.0e12, 2023, "Touvron et al. 2023 (LLaMA), Table 2"),
    KnownModel("LLaMA-33B", 32.5e9, 1.4e12, 2023, "Touvron et al. 2023 (LLaMA), Table 2"),
    KnownModel("LLaMA-65B", 65.2e9, 1.4e12, 2023, "Touvron et al. 2023 (LLaMA), Table 2"),
    KnownModel(
        "Llama-2-7B",
        7e9,
        2.0e12,
        2023,
        "Touvron et al. 2023, 'Llama 2: Open Foundation and Fine-Tuned Chat Models', Table 1",
    ),
    KnownModel("Llama-2-70B", 70e9, 2.0e12, 2023, "Touvron et al. 2023 (Llama 2), Table 1"),
    KnownModel("Llama-3-8B", 8e9, 15e12, 2024, "Meta, 'Introducing Meta Llama 3' (2024): over 15T tokens"),
    KnownModel("Llama-3-70B", 70e9, 15e12, 2024, "Meta, 'Introducing Meta Llama 3' (2024): over 15T tokens"),
)


@dataclass(frozen=True)
class ChinchillaRow:
    params: float
    flops: float
    tokens: float


# Hoffmann et al. 2022, Table 3: "Estimated optimal training FLOPs and training tokens for various model sizes"
# (approach 1). Checked in /work/shared/FACTS.md.
CHINCHILLA_TABLE3: tuple[ChinchillaRow, ...] = (
    ChinchillaRow(400e6, 1.92e19, 8.0e9),
    ChinchillaRow(1e9, 1.21e20, 20.2e9),
    ChinchillaRow(10e9, 1.23e22, 205.1e9),
    ChinchillaRow(67e9, 5.76e23, 1.5e12),
    ChinchillaRow(175e9, 3.85e24, 3.7e12),
    ChinchillaRow(280e9, 9.90e24, 5.9e12),
    ChinchillaRow(520e9, 3.43e25, 11.0e12),
    ChinchillaRow(1e12, 1.27e26, 21.2e12),
)
