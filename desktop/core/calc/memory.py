"""How much memory a model needs to load, to run with a context, and to train.

The course (week 1, "Computational challenges of training LLMs") counts, per parameter at FP32:
weights 4 + Adam's two states 8 + gradients 4 + activations and temporaries 8 = 24 bytes, so 24 GB for 1B
parameters. Mixed precision (ZeRO paper, Rajbhandari et al. 2019, §3.1) keeps FP16/BF16 weights (2) and gradients (2)
and an FP32 master copy plus Adam's two FP32 states (12): 16 bytes per parameter plus activations.
Every other rule here is cited where it is used; see /work/shared/FACTS.md for the checked figures.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from desktop.core.calc.quantity import GB, GIB, CalcInputError, parse_fraction, parse_quantity

# ---- precisions ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Precision:
    key: str
    label: str
    bits_per_weight: float
    kind: str  # "float" (trainable), "int" (plain integer quantization) or "gguf" (llama.cpp block/mix types)
    source: str

    @property
    def bytes_per_weight(self) -> float:
        return self.bits_per_weight / 8


_GGML = "ggml/src/ggml-common.h block layout"
_QUANTIZE = "llama.cpp tools/quantize/README.md, measured on Llama-3.1-8B"
PRECISIONS: dict[str, Precision] = {
    p.key: p
    for p in (
        Precision("fp32", "FP32", 32, "float", "IEEE 754 binary32"),
        Precision("fp16", "FP16", 16, "float", "IEEE 754 binary16"),
        Precision("bf16", "BF16", 16, "float", "bfloat16: FP32's 8-bit exponent, 7-bit mantissa"),
        Precision("int8", "INT8", 8, "int", "one byte per weight (scales not counted)"),
        Precision("int4", "INT4", 4, "int", "half a byte per weight (scales not counted)"),
        # Q8_0: blocks of 32 int8 + one FP16 scale = 34 bytes / 32 weights = 8.5 bits (ggml-common.h block_q8_0).
        Precision("q8_0", "Q8_0", 8.5, "gguf", _GGML + " (34 bytes per 32 weights)"),
        # Q6_K: 210 bytes per super-block of 256 weights = 6.5625 bits (ggml-common.h block_q6_K).
        Precision("q6_k", "Q6_K", 6.5625, "gguf", _GGML + " (210 bytes per 256 weights)"),
        # The _M and plain Q2_K files are mixes of block types chosen per tensor; their average differs by model.
        Precision("q5_k_m", "Q5_K_M", 5.7036, "gguf", _QUANTIZE + " (a mix of Q5_K and Q6_K tensors)"),
        Precision("q4_k_m", "Q4_K_M", 4.8944, "gguf", _QUANTIZE + " (a mix of Q4_K and Q6_K tensors)"),
        # Q4_0: blocks of 32 4-bit codes + one FP16 scale = 18 bytes / 32 weights = 4.5 bits (block_q4_0).
        Precision("q4_0", "Q4_0", 4.5, "gguf", _GGML + " (18 bytes per 32 weights)"),
        Precision(
            "q2_k",
            "Q2_K",
            3.1593,
            "gguf",
            _QUANTIZE + " (Q2_K blocks are 2.625 bits; the file mixes in Q3_K+)",
        ),
    )
}
KV_CACHE_DTYPES = ("fp32", "fp16", "bf16", "q8_0", "q4_0")  # cache types llama.cpp accepts (-ctk/-ctv)


def precision(key: str, field_name: str = "Precision") -> Precision:
    k = key.strip().lower().replace("-", "_")
    k = {"float32": "fp32", "f32": "fp32", "float16": "fp16", "f16": "fp16", "bfloat16": "bf16"}.get(k, k)
    if k not in PRECISIONS:
        known = ", ".join(p.label for p in PRECISIONS.values())
        raise CalcInputError(field_name, f"unknown precision {key!r}; choose one of {known}")
    return PRECISIONS[k]


# ---- modes and optimizers ------------------------------------------------------------------------------------

MODES = {
    "inference": "Inference (load and run)",
    "training": "Full training",
    "lora": "LoRA fine-tuning",
    "qlora": "QLoRA fine-tuning",
}


@dataclass(frozen=True)
class Optimizer:
    key: str
    label: str
    state_bytes: float  # bytes per trained parameter for the optimizer's own state
    source: str


# EleutherAI, "Transformer Math 101" (2023): AdamW keeps momentum + variance (4 + 4 bytes in FP32); bitsandbytes'
# 8-bit Adam keeps them in one byte each (1 + 1); SGD with momentum keeps one FP32 momentum (4). Mixed precision adds
# the FP32 master copy (4) on top, giving their 12 / 6 / 8 bytes per parameter.
OPTIMIZERS: dict[str, Optimizer] = {
    o.key: o
    for o in (
        Optimizer("adam", "Adam / AdamW", 8, "two FP32 states: momentum and variance"),
        Optimizer("adam8bit", "8-bit Adam", 2, "two 8-bit states (bitsandbytes)"),
        Optimizer("sgd", "SGD with momentum", 4, "one FP32 momentum"),
    )
}
MASTER_COPY_BYTES = 4  # mixed precision's FP32 copy of the trained weights (ZeRO paper §3.1)


def optimizer(key: str) -> Optimizer:
    k = key.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
    k = {"adamw": "adam", "adam8": "adam8bit", "8bitadam": "adam8bit", "adamw8bit": "adam8bit"}.get(k, k)
    if k not in OPTIMIZERS:
        raise CalcInputError("Optimizer", f"unknown optimizer {key!r}; choose adam, adam8bit or sgd")
    return OPTIMIZERS[k]


# ---- GPUs ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GpuClass:
    label: str
    capacity_bytes: int
    examples: str


# GPU memory is sold in binary units: nvidia-smi shows an "80GB" A100 as 81920 MiB = 80 GiB.
GPU_CLASSES = (
    GpuClass("8 GB", 8 * GIB, "RTX 3070, RTX 4060 Ti 8 GB"),
    GpuClass("24 GB", 24 * GIB, "RTX 3090, RTX 4090"),
    GpuClass("80 GB", 80 * GIB, "A100 80GB, H100"),
)


# ---- model presets -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelShape:
    """What the KV cache depends on. With grouped-query attention kv_heads < attention heads."""

    layers: int
    kv_heads: int
    head_dim: int


@dataclass(frozen=True)
class ModelPreset:
    key: str
    name: str
    params: int
    shape: ModelShape
    heads: int
    context: int
    source: str


_HF = "Hugging Face config.json of "
PRESETS: dict[str, ModelPreset] = {
    p.key: p
    for p in (
        # Parameter counts are the sums of the tensors' elements (checked from each config's shapes).
        ModelPreset(
            "gpt2",
            "GPT-2 (124M)",
            124_439_808,
            ModelShape(12, 12, 64),
            12,
            1024,
            "Radford et al. 2019; " + _HF + "openai-community/gpt2",
        ),
        ModelPreset(
            "bert-base",
            "BERT-base (110M, encoder: no KV cache in use)",
            109_482_240,
            ModelShape(12, 12, 64),
            12,
            512,
            "Devlin et al. 2018; " + _HF + "google-bert/bert-base-uncased",
        ),
        ModelPreset(
            "gemma-3-270m",
            "Gemma 3 270M",
            268_098_176,
            ModelShape(18, 1, 256),
            4,
            32_768,
            "gemma-3-270m-q4_k_m.gguf metadata, measured here (FACTS.md)",
        ),
        ModelPreset(
            "llama-2-7b",
            "Llama 2 7B",
            6_738_415_616,
            ModelShape(32, 32, 128),
            32,
            4096,
            "Touvron et al. 2023 (Llama 2); " + _HF + "meta-llama/Llama-2-7b-hf",
        ),
        ModelPreset(
            "llama-2-13b",
            "Llama 2 13B",
            13_015_864_320,
            ModelShape(40, 40, 128),
            40,
            4096,
            "Touvron et al. 2023 (Llama 2); " + _HF + "meta-llama/Llama-2-13b-hf",
        ),
        ModelPreset(
            "llama-2-70b",
            "Llama 2 70B (GQA)",
            68_976_648_192,
            ModelShape(80, 8, 128),
            64,
            4096,
            "Touvron et al. 2023 (Llama 2); " + _HF + "meta-llama/Llama-2-70b-hf",
        ),
        ModelPreset(
            "mistral-7b",
            "Mistral 7B (GQA)",
            7_241_732_096,
            ModelShape(32, 8, 128),
            32,
            8192,
            "Jiang et al. 2023, Table 1; " + _HF + "mistralai/Mistral-7B-v0.1",
        ),
        ModelPreset(
            "llama-3-8b",
            "Llama 3 8B (GQA)",
            8_030_261_248,
            ModelShape(32, 8, 128),
            32,
            8192,
            "Meta Llama 3 model card; " + _HF + "meta-llama/Meta-Llama-3-8B",
        ),
        ModelPreset(
            "llama-3.1-8b",
            "Llama 3.1 8B (GQA, 128k context)",
            8_030_261_248,
            ModelShape(32, 8, 128),
            32,
            131_072,
            "Meta Llama 3.1 model card; " + _HF + "meta-llama/Llama-3.1-8B",
        ),
        ModelPreset(
            "llama-3-70b",
            "Llama 3 70B (GQA)",
            70_553_706_496,
            ModelShape(80, 8, 128),
            64,
            8192,
            "Meta Llama 3 model card; " + _HF + "meta-llama/Meta-Llama-3-70B",
        ),
        ModelPreset(
            "gpt-3",
            "GPT-3 175B",
            175_000_000_000,
            ModelShape(96, 96, 128),
            96,
            2048,
            "Brown et al. 2020, Table 2.1 (d_model 12288, 96 layers, 96 heads of 128)",
        ),
    )
}

# ---- inputs and result ---------------------------------------------------------------------------------------

MAX_PARAMS = 1e14  # 100T: far beyond any model yet trained; anything larger is a typo
MAX_CONTEXT = 100_000_000
MAX_BATCH = 100_000


@dataclass(frozen=True)
class MemoryInputs:
    params: float
    dtype: str = "fp32"
    mode: str = "inference"
    optimizer: str = "adam"
    mixed_precision: bool = False
    trainable_share: float = 0.01  # LoRA/QLoRA: the adapters' parameters as a share of the model's
    # None: the course's allowance (two values per parameter in the compute precision: 8 bytes at FP32) when
    # training, nothing at inference. A number overrides it.
    activation_bytes_per_param: float | None = None
    batch: int = 1
    context: int | None = None
    shape: ModelShape | None = None
    kv_dtype: str = "fp16"
    overhead_share: float = 0.0  # framework, CUDA context, fragmentation: a share added on top

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MemoryInputs:
        data = dict(data)
        shape = data.pop("shape", None)
        known = {f for f in cls.__dataclass_fields__}
        clean = {k: v for k, v in data.items() if k in known}
        return cls(shape=ModelShape(**shape) if shape else None, **clean)


COURSE_RULE = MemoryInputs(params=1e9, dtype="fp32", mode="training", optimizer="adam", mixed_precision=False)
MIXED_PRECISION_RULE = MemoryInputs(
    params=1e9, dtype="bf16", mode="training", optimizer="adam", mixed_precision=True
)


PART_LABELS = {
    "weights": "Weights",
    "gradients": "Gradients",
    "optimizer": "Optimizer states",
    "activations": "Activations & temporaries",
    "kv_cache": "KV cache",
    "overhead": "Overhead",
}


@dataclass(frozen=True)
class MemoryEstimate:
    weights_bytes: int
    gradients_bytes: int
    optimizer_bytes: int
    activations_bytes: int
    kv_cache_bytes: int
    overhead_bytes: int
    notes: tuple[str, ...] = field(default=())

    @property
    def total_bytes(self) -> int:
        return sum(self.parts().values())

    @property
    def total_gb(self) -> float:
        return self.total_bytes / GB

    @property
    def total_gib(self) -> float:
        return self.total_bytes / GIB

    def parts(self) -> dict[str, int]:
        return {name: getattr(self, f"{name}_bytes") for name in PART_LABELS}

    def gpus_needed(self, gpu: GpuClass) -> int:
        """How many GPUs of this size hold the total, if it could be split perfectly (it never quite can)."""
        return math.ceil(self.total_bytes / gpu.capacity_bytes) if self.total_bytes else 0

    def as_json(self) -> dict[str, int]:
        data = {f"{name}_bytes": value for name, value in self.parts().items()}
        data["total_bytes"] = self.total_bytes
        return data


def kv_cache_bytes(
    layers: int, kv_heads: int, head_dim: int, context: int, batch: int = 1, dtype: str = "fp16"
) -> int:
    """Keys and values for every layer, KV head and position: 2 · layers · kv_heads · head_dim · bytes · context ·
    batch (llama.cpp sizes its cache from n_embd_k_gqa = head_dim · n_head_kv, so grouped-query attention shrinks
    it by heads / kv_heads)."""
    p = precision(dtype, "KV cache precision")
    if p.key not in KV_CACHE_DTYPES:
        raise CalcInputError(
            "KV cache precision", f"{p.label} is not a KV cache type; choose FP32, FP16, BF16, Q8_0 or Q4_0"
        )
    layers = int(parse_quantity(layers, "Layers", maximum=1000, integer=True))
    kv_heads = int(parse_quantity(kv_heads, "KV heads", maximum=1024, integer=True))
    head_dim = int(parse_quantity(head_dim, "Head dim", maximum=16384, integer=True))
    context = int(parse_quantity(context, "Context length", maximum=MAX_CONTEXT, integer=True))
    batch = int(parse_quantity(batch, "Batch size", maximum=MAX_BATCH, integer=True))
    return round(2 * layers * kv_heads * head_dim * context * batch * p.bits_per_weight / 8)


def _check(inputs: MemoryInputs) -> tuple[Precision, Optimizer]:
    parse_quantity(inputs.params, "Parameters", maximum=MAX_PARAMS)
    if inputs.params < 1:
        raise CalcInputError("Parameters", "a model needs at least one parameter")
    dtype = precision(inputs.dtype)
    opt = optimizer(inputs.optimizer)
    if inputs.mode not in MODES:
        raise CalcInputError(
            "Mode", f"unknown mode {inputs.mode!r}; choose inference, training, lora or qlora"
        )
    if inputs.mode in ("training", "lora") and dtype.kind != "float":
        hint = (
            "QLoRA trains adapters on a quantized base"
            if inputs.mode == "lora"
            else "quantize after training"
        )
        raise CalcInputError(
            "Precision", f"{MODES[inputs.mode]} needs FP32, FP16 or BF16 weights, not {dtype.label} ({hint})"
        )
    if inputs.mode == "qlora" and dtype.kind == "float":
        raise CalcInputError(
            "Precision",
            f"QLoRA keeps the base model quantized; choose INT4, INT8 or a GGUF "
            f"type instead of {dtype.label} (or pick LoRA)",
        )
    if inputs.mode == "training" and inputs.mixed_precision and dtype.key == "fp32":
        raise CalcInputError(
            "Precision",
            "mixed precision keeps FP16 or BF16 weights and an FP32 master copy; "
            "choose FP16 or BF16, or turn mixed precision off",
        )
    if inputs.mode in ("lora", "qlora"):
        share = parse_fraction(inputs.trainable_share, "Trainable share")
        if share <= 0:
            raise CalcInputError("Trainable share", "must be greater than zero")
    if inputs.activation_bytes_per_param is not None:
        parse_quantity(
            inputs.activation_bytes_per_param,
            "Activations (bytes per parameter)",
            maximum=1000,
            allow_zero=True,
        )
    parse_quantity(inputs.batch, "Batch size", maximum=MAX_BATCH, integer=True)
    if not 0 <= inputs.overhead_share <= 1:
        raise CalcInputError("Overhead", f"{inputs.overhead_share!r} must be between 0% and 100%")
    return dtype, opt


def estimate_memory(inputs: MemoryInputs) -> MemoryEstimate:
    """The memory breakdown for `inputs`; raises CalcInputError naming the field for nonsense."""
    dtype, opt = _check(inputs)
    n = float(inputs.params)
    notes: list[str] = []
    weights = n * dtype.bytes_per_weight
    gradients = optimizer_states = 0.0
    compute_bytes = 4.0  # bytes of one activation value

    if inputs.mode == "inference":
        notes.append(f"Weights: {dtype.bits_per_weight:g} bits per parameter ({dtype.label}).")
    elif inputs.mode == "training":
        if inputs.mixed_precision:
            gradients = n * 2
            optimizer_states = n * (opt.state_bytes + MASTER_COPY_BYTES)
            compute_bytes = 2.0
            notes.append(
                "Mixed precision: 16-bit weights and gradients, FP32 master copy kept with the optimizer."
            )
        else:
            gradients = n * dtype.bytes_per_weight
            optimizer_states = n * opt.state_bytes
            compute_bytes = dtype.bytes_per_weight
        notes.append(f"Optimizer: {opt.label}, {opt.source}.")
    else:  # lora / qlora: the base is frozen; only the adapters get gradients and optimizer states
        trainable = n * parse_fraction(inputs.trainable_share, "Trainable share")
        if inputs.mode == "qlora" or inputs.mixed_precision:
            adapter_bytes, grad_bytes, master = 2, 2, (MASTER_COPY_BYTES if inputs.mode == "lora" else 0)
            compute_bytes = 2.0
        else:
            adapter_bytes, grad_bytes, master = 4, 4, 0
            compute_bytes = dtype.bytes_per_weight
        weights += trainable * adapter_bytes
        gradients = trainable * grad_bytes
        optimizer_states = trainable * (opt.state_bytes + master)
        notes.append(
            f"{MODES[inputs.mode]}: the {dtype.label} base is frozen; {trainable:,.0f} adapter parameters get "
            f"gradients and {opt.label} states."
        )

    if inputs.activation_bytes_per_param is not None:
        act_per_param = float(inputs.activation_bytes_per_param)
    elif inputs.mode == "inference":
        act_per_param = 0.0
    else:
        # The course's "activations and temporary memory: 8 bytes per parameter" at FP32 is two values per
        # parameter; in 16-bit compute the same two values take 4 bytes.
        act_per_param = 2 * compute_bytes
        notes.append(
            f"Activations: the course's high-end allowance, {act_per_param:g} bytes per parameter; the real amount "
            "depends on batch, context and activation checkpointing."
        )
    activations = n * act_per_param

    kv = 0
    if inputs.mode == "inference" and inputs.shape is not None and inputs.context:
        kv = kv_cache_bytes(
            inputs.shape.layers,
            inputs.shape.kv_heads,
            inputs.shape.head_dim,
            inputs.context,
            inputs.batch,
            inputs.kv_dtype,
        )
        notes.append(
            f"KV cache: 2 × {inputs.shape.layers} layers × {inputs.shape.kv_heads} KV heads × "
            f"{inputs.shape.head_dim} head dim × {precision(inputs.kv_dtype).bytes_per_weight:g} bytes × "
            f"{inputs.context:,} tokens × batch {inputs.batch}."
        )
    elif inputs.mode != "inference" and inputs.context:
        notes.append("Training keeps no KV cache; keys and values are part of the activations.")

    subtotal = weights + gradients + optimizer_states + activations + kv
    overhead = subtotal * inputs.overhead_share
    return MemoryEstimate(
        weights_bytes=round(weights),
        gradients_bytes=round(gradients),
        optimizer_bytes=round(optimizer_states),
        activations_bytes=round(activations),
        kv_cache_bytes=round(kv),
        overhead_bytes=round(overhead),
        notes=tuple(notes),
    )


def with_preset(inputs: MemoryInputs, preset: ModelPreset, context: int | None = None) -> MemoryInputs:
    return replace(inputs, params=preset.params, shape=preset.shape, context=context or inputs.context)
