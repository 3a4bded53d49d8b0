"""The inspector on the real default model: attention probabilities, the logit lens and surprisal, checked
against llama.cpp's own numbers from the same batch."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.llm import inspect as insp
from desktop.core.llm.inspect import (
    MAX_TOKENS,
    CaptureError,
    attention_from_qk,
    capture,
    fit_tokens,
    lens_at,
    lens_grid,
    output_head,
    surprisal,
)

PROMPT = "The capital of France is Paris, and the capital of Brazil is"


@pytest.fixture(scope="module")
def full_capture(default_engine):
    """One batch with every position as an output, Q and K included."""
    return capture(default_engine, default_engine.tokenize(PROMPT), outputs="all", qk=True)


def softmax(x: np.ndarray) -> np.ndarray:
    z = x.astype(np.float64) - x.max()
    e = np.exp(z)
    return e / e.sum()


def test_attention_rows_are_causal_probabilities(full_capture) -> None:
    a = full_capture.attention
    n = full_capture.n
    assert a.shape == (18, 4, n, n) and a.dtype == np.float32
    assert np.abs(a.sum(axis=-1) - 1.0).max() <= 1e-5  # every layer, head and query
    assert np.all(a >= 0)
    future = np.triu(np.ones((n, n), dtype=bool), 1)
    assert np.all(a[:, :, future] == 0)  # no query looks ahead
    assert np.all(a[:, :, 0, 0] == pytest.approx(1.0))  # <bos> can only look at itself


def test_attention_is_softmax_of_captured_queries_and_keys(full_capture) -> None:
    lay = full_capture.layout
    assert (lay.heads, lay.kv_heads, lay.head_dim, lay.group) == (4, 1, 256, 4)
    for layer in range(lay.layers):
        q, k = full_capture.q[layer], full_capture.k[layer]
        assert q.shape == (full_capture.n, 4, 256) and k.shape == (full_capture.n, 1, 256)
        k16 = k.astype(np.float16).astype(np.float32)  # the KV cache stores keys as f16
        ref = attention_from_qk(q, k16, 1 / np.sqrt(lay.head_dim), None)  # Gemma 3: query_pre_attn_scalar = 256
        assert np.abs(ref - full_capture.attention[layer]).max() <= 1e-3, layer


def test_layer_kinds_follow_gemma3_pattern(full_capture) -> None:
    kinds = full_capture.layout.layer_kinds
    assert [i for i, k in enumerate(kinds) if k == "global"] == [5, 11, 17]
    assert full_capture.layout.sliding_window == 512


def test_last_lens_layer_is_the_models_logits(default_engine, full_capture) -> None:
    assert full_capture.logits.shape == (full_capture.n, default_engine.n_vocab)
    lens_logits = output_head(default_engine).logits(full_capture.last_hidden)
    assert np.abs(lens_logits - full_capture.logits).max() <= 1e-4
    # and the plain engine (one batch, last row) agrees with the capture's last row
    plain = default_engine.next_logits(full_capture.tokens)
    assert np.abs(plain - full_capture.logits[-1]).max() <= 1e-4


def test_lens_at_a_position_and_grid(default_engine, full_capture) -> None:
    n = full_capture.n
    lens = lens_at(default_engine, full_capture, n - 1, top=5)
    assert len(lens.layers) == 18
    last = lens.layers[-1]
    assert last.final_rank == 1 and last.top[0][0] == lens.final_id == int(np.argmax(full_capture.logits[-1]))
    assert last.final_p == pytest.approx(softmax(full_capture.logits[-1])[lens.final_id], rel=1e-5)
    assert lens.layers[0].final_rank > 100  # the embedding layer does not know the answer yet
    for layer in lens.layers:
        assert [p for _, p in layer.top] == sorted((p for _, p in layer.top), reverse=True)
    grid = lens_grid(default_engine, full_capture)
    assert grid.top_id.shape == (18, n)
    assert np.array_equal(grid.top_id[-1], np.argmax(full_capture.logits, axis=1))
    assert np.all(grid.final_rank[-1] == 1)
    assert [int(r) for r in grid.final_rank[:, -1]] == [layer.final_rank for layer in lens.layers]
    assert grid.top_p[-1, -1] == pytest.approx(last.top[0][1], rel=1e-4)


def test_lens_at_a_middle_position_with_one_output(default_engine) -> None:
    tokens = default_engine.tokenize(PROMPT)
    cap = capture(default_engine, tokens, outputs=[3], attention=False)
    assert cap.last_hidden.shape == (1, 640) and cap.logits.shape == (1, default_engine.n_vocab)
    lens = lens_at(default_engine, cap, 3)
    assert lens.token_id == tokens[3] and lens.final_id == int(np.argmax(cap.logits[0]))
    with pytest.raises(ValueError):
        lens_at(default_engine, cap, 4)  # not captured


def test_surprisal_is_softmax_of_previous_logits(default_engine, full_capture) -> None:
    s = surprisal(default_engine, full_capture.tokens)
    assert len(s.scores) == full_capture.n - 1 and s.cut == 0
    for i, score in enumerate(s.scores):
        p = softmax(full_capture.logits[i])
        assert score.token_id == full_capture.tokens[i + 1]
        assert score.p == pytest.approx(p[score.token_id], rel=1e-4, abs=1e-9)
        assert score.bits == pytest.approx(-np.log2(score.p))
        assert score.alternatives[0][0] == int(np.argmax(p))
    assert s.perplexity == pytest.approx(2 ** s.mean_bits)
    assert np.isfinite(s.mean_bits)


def test_long_surprisal_runs_in_batches_with_the_same_numbers(default_engine) -> None:
    tokens = default_engine.tokenize(" ".join(["o gato dorme no sofá e o cão late no quintal"] * 20))[:150]
    s = surprisal(default_engine, tokens)  # 150 > SURPRISAL_BATCH: two batches over one cache
    cap = capture(default_engine, tokens, outputs="all", attention=False, hidden=False)
    ps = np.array([x.p for x in s.scores])
    ref = np.array([softmax(cap.logits[i])[tokens[i + 1]] for i in range(len(tokens) - 1)])
    assert np.abs(ps - ref).max() <= 1e-3


def test_an_exception_inside_the_callback_fails_the_capture(default_engine, monkeypatch) -> None:
    tokens = default_engine.tokenize(PROMPT)

    def broken(_recorder, kind, layer, _ptr):
        if kind == b"kq_soft_max-" and layer == 7:
            raise RuntimeError("boom in our own copy")

    monkeypatch.setattr(insp, "_copy_hook", broken)
    with pytest.raises(CaptureError, match="boom in our own copy"):
        capture(default_engine, tokens)
    monkeypatch.setattr(insp, "_copy_hook", None)
    cap = capture(default_engine, tokens)  # the next capture is whole and finite
    assert np.isfinite(cap.logits).all() and cap.attention is not None and not cap.missing


def test_a_graph_without_attention_tensors_says_so(default_engine, monkeypatch) -> None:
    real = insp.tensor_name

    def fused(ptr):  # as a build with a fused attention kernel would name its nodes
        name = real(ptr)
        return b"fattn-" + name.split(b"-")[-1] if name.startswith(b"kq_soft_max-") else name

    monkeypatch.setattr(insp, "tensor_name", fused)
    cap = capture(default_engine, default_engine.tokenize(PROMPT))
    assert cap.attention is None and "kq_soft_max" in cap.missing["attention"]
    assert cap.hidden is not None and "lens" not in cap.missing  # the lens still works


def test_limits_and_bad_input(default_engine) -> None:
    tokens, cut = fit_tokens(list(range(MAX_TOKENS + 9)))
    assert len(tokens) == MAX_TOKENS and cut == 9
    with pytest.raises(ValueError, match="limit"):
        capture(default_engine, [2] * (MAX_TOKENS + 1))
    with pytest.raises(ValueError, match="vocabulary"):
        capture(default_engine, [2, 10**9])
    with pytest.raises(ValueError, match="no tokens"):
        capture(default_engine, [])
    with pytest.raises(ValueError, match="at least one token"):
        surprisal(default_engine, [2])


def test_a_model_without_an_output_norm_keeps_its_attention(default_engine, monkeypatch) -> None:
    from desktop.core.llm import inspect_report
    from desktop.core.llm.inspect_ggml import InspectUnavailable

    def no_head(_engine):
        raise InspectUnavailable("model.gguf has no tensor output_norm.weight for the logit lens")

    monkeypatch.setattr(insp, "output_head", no_head)
    result = inspect_report.inspect_prompt(default_engine, "O gato dorme")
    assert result.attention is not None and result.lens.lens is None
    assert "output_norm.weight" in result.lens.missing
