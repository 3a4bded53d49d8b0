"""The Engine on the real default model (loaded once per session by the `default_engine` fixture)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from desktop.core.llm.engine import (
    GPU_HELP,
    ContextOverflow,
    Engine,
    LoadOptions,
    ModelLoadError,
    gpu_offload_supported,
)
from desktop.core.llm.gguf_info import GGUFError
from tests.core.llm_files import write_gguf


def _probs(logits: np.ndarray) -> np.ndarray:
    p = np.exp(logits - logits.max())
    return p / p.sum()


def _top(engine: Engine, logits: np.ndarray, k: int) -> list[str]:
    return [engine.piece(int(i)) for i in np.argsort(-logits)[:k]]


def test_loaded_model_matches_its_file(default_engine: Engine) -> None:
    assert default_engine.n_vocab == 262_144
    assert default_engine.n_ctx == 4096
    assert default_engine.info.parameters == 268_098_176
    assert default_engine.load_seconds > 0
    assert default_engine.on_gpu is False or gpu_offload_supported()
    assert default_engine.device_label in ("CPU",) or default_engine.device_label.startswith("GPU")


def test_next_token_distribution_of_a_base_model(default_engine: Engine) -> None:
    logits = default_engine.next_logits(default_engine.tokenize("The capital of France is"))
    assert logits.dtype == np.float32 and logits.shape == (262_144,)
    top = _top(default_engine, logits, 3)
    assert top[0] == " the" and " Paris" in top  # FACTS.md: " the" 0.18, " a" 0.11, " Paris" 0.09
    p = _probs(logits)
    paris = default_engine.tokenize(" Paris", add_bos=False)[0]
    assert 0.05 < p[paris] < 0.15


def test_it_continues_portuguese(default_engine: Engine) -> None:
    logits = default_engine.next_logits(default_engine.tokenize("A capital do Brasil é"))
    assert _top(default_engine, logits, 2) == [" o", " a"]


def test_kv_cache_reuse_gives_the_same_distribution(default_engine: Engine, default_model_path: Path) -> None:
    short = default_engine.tokenize("The capital of France is")
    longer = short + default_engine.tokenize(" Paris. The capital of Germany is", add_bos=False)
    default_engine.next_logits(short)
    extended = default_engine.next_logits(longer)  # only the suffix is evaluated
    back = default_engine.next_logits(short)  # a prefix of what is cached
    default_engine.next_logits([default_engine.bos_token_id])  # forget everything but <bos>
    fresh_longer = default_engine.next_logits(longer)
    fresh_short = default_engine.next_logits(short)
    # Batched and one-token-at-a-time evaluation round differently in quantized kernels: compare what a
    # student sees (the ranking and the probabilities), not the last bit.
    assert _top(default_engine, extended, 3) == _top(default_engine, fresh_longer, 3)
    assert np.abs(_probs(extended) - _probs(fresh_longer)).max() < 0.02
    assert np.abs(_probs(back) - _probs(fresh_short)).max() < 0.02
    assert _top(default_engine, extended, 1) == [" Berlin"]


def test_same_prompt_twice_is_not_evaluated_again(default_engine: Engine) -> None:
    tokens = default_engine.tokenize("Sampling picks the next token")
    first = default_engine.next_logits(tokens)
    with pytest.raises(ValueError, match="read-only"):
        first[0] = 1e9  # the cached logits cannot be spoiled by a caller
    again = default_engine.next_logits(tokens)
    assert np.array_equal(again, first)


def test_context_overflow_is_a_clear_error(default_engine: Engine) -> None:
    with pytest.raises(ContextOverflow, match="4,096"):
        default_engine.next_logits([default_engine.bos_token_id] * 4097)
    with pytest.raises(ValueError, match="outside the vocabulary"):
        default_engine.next_logits([2, 999_999])


def test_tokenize_roundtrip_pt_br_and_english(default_engine: Engine) -> None:
    for text in ("É importante manter sempre o mesmo tokenizer.", "Always keep the same tokenizer 🙂\n\tok"):
        ids = default_engine.tokenize(text, add_bos=False)
        assert default_engine.detokenize(ids) == text
        assert b"".join(default_engine.piece_bytes(i) for i in ids).decode("utf-8") == text
    with_bos = default_engine.tokenize("olá")
    assert with_bos[0] == default_engine.bos_token_id and default_engine.piece(with_bos[0]) == "<bos>"
    assert default_engine.token_kind(default_engine.bos_token_id) == "control"
    assert default_engine.token_text(default_engine.tokenize(" capital", add_bos=False)[0]) == "▁capital"


def test_piece_of_a_bad_id(default_engine: Engine) -> None:
    with pytest.raises(ValueError, match="outside the vocabulary"):
        default_engine.piece(-1)


def test_stream_picks_with_our_choice_and_stops_at_max(default_engine: Engine) -> None:
    prompt = default_engine.tokenize("The capital of France is")
    seen: list[np.ndarray] = []

    def greedy(logits: np.ndarray) -> int:
        seen.append(logits)
        return int(np.argmax(logits))

    steps = list(default_engine.stream(prompt, greedy, max_new_tokens=8))
    assert len(steps) == 8 and len(seen) == 8
    assert all(s.token_id == int(np.argmax(s.logits)) for s in steps)
    ids = [s.token_id for s in steps]
    assert "".join(s.text for s in steps) == default_engine.detokenize(ids)
    assert ids == default_engine.greedy(prompt, 8)  # deterministic


def test_stream_stops_within_one_token(default_engine: Engine) -> None:
    prompt = default_engine.tokenize("Once upon a time")
    stop = {"now": False}
    count = 0
    for _step in default_engine.stream(prompt, lambda lg: int(np.argmax(lg)), 50, lambda: stop["now"]):
        count += 1
        if count == 3:
            stop["now"] = True
    assert count == 3


def test_stream_ends_at_end_of_generation(default_engine: Engine) -> None:
    eos = default_engine.eos_token_id
    steps = list(default_engine.stream(default_engine.tokenize("Hi"), lambda _lg: eos, 10))
    assert [s.token_id for s in steps] == [eos] and steps[0].text == ""


def test_utf8_split_over_byte_tokens_is_emitted_whole(default_engine: Engine) -> None:
    # Feed the bytes of "ã" as two byte-fallback tokens chosen by hand.
    byte_ids = [i for i in range(default_engine.n_vocab) if default_engine.token_kind(i) == "byte"][:256]
    by_text = {default_engine.token_text(i): i for i in byte_ids}
    wanted = [by_text["<0xC3>"], by_text["<0xA3>"]]
    picks = iter(wanted)
    steps = list(default_engine.stream(default_engine.tokenize("x"), lambda _lg: next(picks), 2))
    assert [s.text for s in steps] == ["", "ã"]


def test_gpu_help_names_each_backend() -> None:
    assert isinstance(gpu_offload_supported(), bool)
    for flag in ("-DGGML_CUDA=on", "-DGGML_METAL=on", "-DGGML_VULKAN=on", "--force-reinstall"):
        assert flag in GPU_HELP


def test_broken_files_never_reach_llama_cpp(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"PK\x03\x04 a zip, not a model")
    with pytest.raises(GGUFError, match="not a GGUF file"):
        Engine.load(bad)


def test_a_file_llama_cpp_cannot_load_is_a_load_error(tmp_path: Path) -> None:
    # Well-formed GGUF of a known architecture, but without the hyperparameters llama.cpp needs.
    path = write_gguf(tmp_path / "hollow.gguf", "llama")
    with pytest.raises(ModelLoadError) as err:
        Engine.load(path, LoadOptions(n_ctx=256))
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert "llama.context_length" in str(err.value)  # llama.cpp's own reason, caught from its log


def test_seed_zero_is_refused(default_model_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="seed"):
        Engine.load(default_model_path, LoadOptions(seed=0))


def test_vocab_only_engine_tokenizes_like_the_full_model(default_engine: Engine, default_model_path: Path) -> None:
    vocab = Engine.load(default_model_path, vocab_only=True)
    try:
        text = "A temperatura altera a forma da distribuição."
        assert vocab.tokenize(text) == default_engine.tokenize(text)
        with pytest.raises(RuntimeError, match="tokenizer only"):
            vocab.next_logits([2])
    finally:
        vocab.close()
