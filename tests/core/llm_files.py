"""Broken and odd GGUF files for the model tests, generated on the fly (nothing binary is committed)."""

from __future__ import annotations

from pathlib import Path

import gguf
import numpy as np


def write_gguf(path: Path, arch: str, tensors: bool = True, extra: dict[str, int] | None = None) -> Path:
    """A small but well-formed GGUF file with the given architecture (not a runnable model)."""
    writer = gguf.GGUFWriter(str(path), arch)
    writer.add_name(f"tiny {arch}")
    for key, value in (extra or {}).items():
        writer.add_uint32(key, value)
    if tensors:
        writer.add_tensor("token_embd.weight", np.zeros((8, 4), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def truncated_copy(source: Path, target: Path, keep_bytes: int) -> Path:
    with source.open("rb") as src:
        target.write_bytes(src.read(keep_bytes))
    return target
