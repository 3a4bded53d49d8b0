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


def write_tiny_llama(path: Path, *, block_count: int = 1, rms_eps: float = 1e-5, layers_in_file: int = 1,
                     head_count: int = 2, head_count_kv: int = 2, context_length: int = 512) -> Path:
    """A complete, runnable 1-layer llama (random weights, a character tokenizer) whose header values can be set
    to what llama.cpp chokes on: the crafted files of the fault tests."""
    rng = np.random.default_rng(0)
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("tiny llama")
    writer.add_context_length(context_length)
    embd, ff = 8, 16
    writer.add_embedding_length(embd)
    writer.add_block_count(block_count)
    writer.add_feed_forward_length(ff)
    writer.add_head_count(head_count)
    writer.add_head_count_kv(head_count_kv)
    writer.add_layer_norm_rms_eps(rms_eps)
    writer.add_rope_dimension_count(4)
    tokens: list[bytes] = [b"<unk>", b"<s>", b"</s>"]
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
    tokens += [f"<0x{b:02X}>".encode() for b in range(256)]
    types += [gguf.TokenType.BYTE] * 256
    chars = "▁abcdefghijklmnopqrstuvwxyz"
    tokens += [c.encode() for c in chars]
    types += [gguf.TokenType.NORMAL] * len(chars)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores([0.0] * len(tokens))
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    n_vocab = len(tokens)

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.1).astype(np.float32)

    writer.add_tensor("token_embd.weight", w(n_vocab, embd))
    writer.add_tensor("output_norm.weight", np.ones(embd, dtype=np.float32))
    writer.add_tensor("output.weight", w(n_vocab, embd))
    kv = embd // head_count * head_count_kv if head_count and head_count_kv else embd
    for i in range(layers_in_file):
        writer.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(embd, dtype=np.float32))
        writer.add_tensor(f"blk.{i}.attn_q.weight", w(embd, embd))
        writer.add_tensor(f"blk.{i}.attn_k.weight", w(kv, embd))
        writer.add_tensor(f"blk.{i}.attn_v.weight", w(kv, embd))
        writer.add_tensor(f"blk.{i}.attn_output.weight", w(embd, embd))
        writer.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(embd, dtype=np.float32))
        writer.add_tensor(f"blk.{i}.ffn_gate.weight", w(ff, embd))
        writer.add_tensor(f"blk.{i}.ffn_up.weight", w(ff, embd))
        writer.add_tensor(f"blk.{i}.ffn_down.weight", w(embd, ff))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
