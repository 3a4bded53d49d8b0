"""What a GGUF file holds, for the calculators: its shape (for the KV cache) and the share of its parameters in each
quant type (a "Q4_K_M" file is a mix: for Gemma 3 270M the big embedding table is Q8_0, so the file averages ~7.5 bits
per weight).

The shape comes from the model runtime's inspector (`desktop.core.llm.gguf_info.inspect_gguf`) when it is installed,
else from the file's own metadata. Per-type parameter counts are summed from the tensor table with gguf-py's reader,
which memory-maps the file and reads no weights. Bits per weight of each block type come from gguf-py's
GGML_QUANT_SIZES (block size, bytes per block), the same table llama.cpp's ggml-common.h defines.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.calc.memory import ModelPreset, ModelShape


class GGUFReadError(ValueError):
    """The file is missing or not a GGUF the calculators can read; the message names the file."""


@dataclass(frozen=True)
class QuantTypeShare:
    type_name: str
    tensors: int
    parameters: int
    share: float  # of all parameters
    bits_per_weight: float
    bytes: int


@dataclass(frozen=True)
class GGUFSummary:
    path: Path
    name: str
    parameters: int
    layers: int
    kv_heads: int
    head_dim: int
    context: int
    shares: tuple[QuantTypeShare, ...]

    @property
    def tensor_bytes(self) -> int:
        return sum(s.bytes for s in self.shares)

    @property
    def bits_per_weight(self) -> float:
        return 8 * self.tensor_bytes / self.parameters if self.parameters else 0.0

    def preset(self) -> ModelPreset:
        return ModelPreset(
            key="gguf",
            name=f"The loaded GGUF: {self.name}",
            params=self.parameters,
            shape=ModelShape(self.layers, self.kv_heads, self.head_dim),
            heads=0,
            context=self.context,
            source=str(self.path),
        )


def _field(reader: Any, key: str) -> Any:
    f = reader.fields.get(key)
    if f is None:
        return None
    try:
        return f.contents()
    except Exception:  # noqa: BLE001 - a malformed field is treated as missing, not a crash
        return None


def _shape_from_inspector(path: Path) -> tuple[int, int, int, int] | None:
    """(layers, kv_heads, head_dim, context) from the runtime's inspector, when it exists and answers."""
    try:
        from desktop.core.llm.gguf_info import inspect_gguf  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        info = inspect_gguf(path)
        layers, kv_heads, head_dim = int(info.layers), int(info.kv_heads), int(info.head_dim)
        context = int(getattr(info, "context_length", 0) or getattr(info, "context", 0) or 0)
    except Exception:  # noqa: BLE001 - fall back to reading the metadata ourselves
        return None
    return layers, kv_heads, head_dim, context


def summarize_gguf(path: str | Path) -> GGUFSummary:
    from gguf import GGUFReader
    from gguf.constants import GGML_QUANT_SIZES

    p = Path(path)
    if not p.is_file():
        raise GGUFReadError(f"{p}: no such file")
    try:
        reader = GGUFReader(str(p))
    except Exception as exc:  # noqa: BLE001 - gguf raises ValueError, struct errors, OSError… for broken files
        raise GGUFReadError(f"{p}: not a readable GGUF file ({exc})") from exc

    counts: dict[str, int] = defaultdict(int)
    params: dict[str, int] = defaultdict(int)
    sizes: dict[str, int] = defaultdict(int)
    bpw: dict[str, float] = {}
    for tensor in reader.tensors:
        qtype = tensor.tensor_type
        block, type_size = GGML_QUANT_SIZES[qtype]
        counts[qtype.name] += 1
        params[qtype.name] += int(tensor.n_elements)
        sizes[qtype.name] += int(tensor.n_bytes)
        bpw[qtype.name] = 8 * type_size / block
    total = sum(params.values())
    shares = tuple(
        sorted(
            (
                QuantTypeShare(
                    name,
                    counts[name],
                    params[name],
                    params[name] / total if total else 0.0,
                    bpw[name],
                    sizes[name],
                )
                for name in params
            ),
            key=lambda s: -s.parameters,
        )
    )

    arch = str(_field(reader, "general.architecture") or "")
    shape = _shape_from_inspector(p)
    if shape is None:
        layers = int(_field(reader, f"{arch}.block_count") or 0)
        heads = int(_field(reader, f"{arch}.attention.head_count") or 0)
        kv_heads = int(_field(reader, f"{arch}.attention.head_count_kv") or heads)
        embd = int(_field(reader, f"{arch}.embedding_length") or 0)
        head_dim = int(_field(reader, f"{arch}.attention.key_length") or (embd // heads if heads else 0))
        context = int(_field(reader, f"{arch}.context_length") or 0)
    else:
        layers, kv_heads, head_dim, context = shape
        context = context or int(_field(reader, f"{arch}.context_length") or 0)
    name = str(_field(reader, "general.name") or p.stem)
    return GGUFSummary(p, name, total, layers, kv_heads, head_dim, context, shares)
