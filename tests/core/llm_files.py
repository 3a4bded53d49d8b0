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


def write_char_tokenizer_gguf(path: Path) -> Path:
    """A GGUF whose tokenizer is character-level (SentencePiece-style with byte fallback): a real, loadable
    tokenizer (llama.cpp vocab_only) that cuts text very differently from Gemma's 262,144-token vocabulary."""
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("char tokenizer")
    writer.add_context_length(512)
    writer.add_embedding_length(8)
    writer.add_block_count(1)
    writer.add_feed_forward_length(16)
    writer.add_head_count(2)
    writer.add_head_count_kv(2)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(4)
    tokens: list[bytes] = [b"<unk>", b"<s>", b"</s>"]
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
    tokens += [f"<0x{b:02X}>".encode() for b in range(256)]
    types += [gguf.TokenType.BYTE] * 256
    chars = "▁abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,!?'-0123456789"
    tokens += [c.encode() for c in chars]
    types += [gguf.TokenType.NORMAL] * len(chars)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores([0.0] * len(tokens))
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_add_bos_token(True)
    writer.add_tensor("token_embd.weight", np.zeros((len(tokens), 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
