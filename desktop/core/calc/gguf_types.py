"""What a GGUF file holds, for the calculators: its shape (for the KV cache) and the share of its parameters in each
quant type (a "Q4_K_M" file is a mix: for Gemma 3 270M the big embedding table is Q8_0, so the file averages ~7.5 bits
per weight).

Both come from the GGUF inspector (`desktop.core.llm.gguf_info.inspect_gguf`), which walks the header without
loading weights. Bits per weight of each block type come from gguf-py's GGML_QUANT_SIZES (block size, bytes per
block), the same table llama.cpp's ggml-common.h defines.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.calc.memory import ModelPreset, ModelShape

if TYPE_CHECKING:
    from desktop.core.llm.gguf_info import GGUFInfo


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


def _shares(counts: dict[str, int], params: dict[str, int]) -> tuple[QuantTypeShare, ...]:
    from gguf.constants import GGML_QUANT_SIZES, GGMLQuantizationType

    total = sum(params.values())
    shares = []
    for name, n in params.items():
        block, type_size = GGML_QUANT_SIZES[GGMLQuantizationType[name]]
        shares.append(
            QuantTypeShare(
                name,
                counts[name],
                n,
                n / total if total else 0.0,
                8 * type_size / block,
                n // block * type_size,
            )
        )
    return tuple(sorted(shares, key=lambda x: -x.parameters))


def summarize_gguf(path: str | Path) -> GGUFSummary:
    """The shape and quant mix of a GGUF file, read from its header (no weights are loaded)."""
    p = Path(path)
    if not p.is_file():
        raise GGUFReadError(f"{p}: no such file")
    from desktop.core.llm.gguf_info import (  # imports gguf-py: only when a file is read
        GGUFError,
        inspect_gguf,
    )

    try:
        info = inspect_gguf(p)
    except GGUFError as exc:
        raise GGUFReadError(str(exc)) from exc
    return summary_from_info(info)


def summary_from_info(info: GGUFInfo) -> GGUFSummary:
    """The calculators' view of a GGUF the inspector has already read (e.g. the loaded model's)."""
    counts = {name: t.count for name, t in info.tensor_types.items()}
    params = {name: t.parameters for name, t in info.tensor_types.items()}
    return GGUFSummary(
        path=Path(info.path),
        name=info.name or Path(info.path).stem,
        parameters=int(info.parameters),
        layers=int(info.layers or 0),
        kv_heads=int(info.kv_heads or info.heads or 0),
        head_dim=int(info.head_dim or 0),
        context=int(info.context_length or 0),
        shares=_shares(counts, params),
    )
