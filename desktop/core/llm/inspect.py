"""Inside the model: attention maps, the logit lens and per-token surprisal, from llama.cpp's own graph.

llama-cpp-python never passes a graph callback, so a second, short-lived "inspect" context is created on the
model the Engine already loaded (`llama_init_from_model`), with `cb_eval` set, flash attention off (its fused
kernel has no attention-probability tensor) and `n_batch = n_ubatch = n_ctx`, so a prompt is one graph and KV
cell i is position i. While that one decode runs, the callback copies:

- `kq_soft_max-<l>` (op SOFT_MAX): the attention probabilities of layer l, ggml shape (n_kv, n_tokens, n_head)
  with the key axis padded — every head, query × key, causal (future keys are exactly 0);
- `l_out-<l>`: the residual stream after layer l (the last layer keeps only the rows asked as outputs:
  llama.cpp drops the others before the last feed-forward block);
- optionally `Qcur-<l>`/`Kcur-<l>` after RoPE (op ROPE; the same names also label the MUL_MAT and RESHAPE).

The callback runs on the decoding thread (the model thread), is called twice per node (ask, then data), only
copies, and never raises into C: an exception is stored and the capture fails with it afterwards (an exception
or a False for a tensor's data would silently cancel the rest of the graph and leave inf logits). It stays
referenced until the context is freed, and the context is freed before this function returns — always before the
model. Recipe and pitfalls: ../shared/FACTS.md, "Inside the model".
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import llama_cpp
import numpy as np

from desktop.core.llm.inspect_ggml import (
    InspectUnavailable,
    OutputHead,
    ggml,
    tensor_name,
    tensor_struct,
)

if TYPE_CHECKING:
    from desktop.core.llm.engine import Engine

MAX_TOKENS = 512  # captures for 512 tokens: 18 × 4 × 512² attention + 17 × 512 × 640 hidden floats ≈ 98 MB
SURPRISAL_BATCH = 128  # logits rows llama.cpp holds at once for surprisal (1 MB each for a 262k vocabulary)
CTX_PAD = 256

# Layers with a sliding window, by architecture: llama.cpp hard-codes the pattern (src/llama-model.cpp,
# hparams.set_swa_pattern(n): every n-th layer is global, the others slide).
SWA_PATTERN = {"gemma2": 2, "gemma3": 6, "gemma-embedding": 6, "gemma3n": 5, "cohere2": 4, "gpt-oss": 2}


class CaptureError(RuntimeError):
    """The capture did not produce trustworthy numbers; the message says why. Nothing partial is returned."""


__all__ = [
    "CaptureError",
    "InspectUnavailable",
    "MAX_TOKENS",
    "Capture",
    "ModelLayout",
    "capture",
    "lens_at",
    "lens_grid",
    "surprisal",
    "fit_tokens",
    "output_head",
]


@dataclass(frozen=True)
class ModelLayout:
    layers: int
    heads: int
    kv_heads: int
    head_dim: int
    n_embd: int
    sliding_window: int | None
    layer_kinds: list[str]  # "sliding" or "global" per layer

    @property
    def group(self) -> int:
        """Query heads per key/value head (4 for Gemma 3 270M: multi-query attention)."""
        return max(1, self.heads // max(1, self.kv_heads))

    def kv_head_of(self, head: int) -> int:
        return head // self.group


def model_layout(engine: Engine) -> ModelLayout:
    info = engine.info
    model = engine._llm.model
    layers = int(llama_cpp.llama_model_n_layer(model))
    heads = int(llama_cpp.llama_model_n_head(model))
    kv_heads = int(llama_cpp.llama_model_n_head_kv(model)) or heads
    n_embd = int(llama_cpp.llama_model_n_embd(model))
    head_dim = int(info.head_dim or (n_embd // max(1, heads)))
    window = int(llama_cpp.llama_model_n_swa(model)) or (info.sliding_window or 0)
    pattern = SWA_PATTERN.get(info.architecture)
    if not window:
        kinds = ["global"] * layers
    elif pattern:
        kinds = ["global" if (il + 1) % pattern == 0 else "sliding" for il in range(layers)]
    else:
        kinds = ["sliding"] * layers
    return ModelLayout(layers, heads, kv_heads, head_dim, n_embd, window or None, kinds)


def fit_tokens(tokens: list[int], limit: int = MAX_TOKENS) -> tuple[list[int], int]:
    """The first `limit` tokens and how many were cut (the start of a text is what the views explain)."""
    tokens = list(tokens)
    if len(tokens) <= limit:
        return tokens, 0
    return tokens[:limit], len(tokens) - limit


@dataclass
class Capture:
    tokens: list[int]
    layout: ModelLayout
    outputs: list[int]  # positions whose logits (and last-layer rows) were computed
    attention: np.ndarray | None = None  # (layers, heads, n, n) float32; None when not asked or missing
    hidden: np.ndarray | None = None  # (layers - 1, n, n_embd): residual stream after each layer but the last
    last_hidden: np.ndarray | None = None  # (len(outputs), n_embd): after the last layer, output rows only
    logits: np.ndarray | None = None  # (len(outputs), n_vocab) from llama.cpp
    q: dict[int, np.ndarray] = field(default_factory=dict)  # layer -> (n, heads, head_dim) after RoPE
    k: dict[int, np.ndarray] = field(default_factory=dict)  # layer -> (n, kv_heads, head_dim) after RoPE
    missing: dict[str, str] = field(default_factory=dict)  # view ("attention", "lens") -> why it is missing
    decode_seconds: float = 0.0

    @property
    def n(self) -> int:
        return len(self.tokens)

    def nbytes(self) -> int:
        arrays = [self.attention, self.hidden, self.last_hidden]
        return sum(a.nbytes for a in arrays if a is not None)

    def hidden_at(self, position: int) -> np.ndarray:
        """(layers, n_embd): the residual stream at `position` after every layer."""
        if self.hidden is None or self.last_hidden is None:
            raise InspectUnavailable(self.missing.get("lens", "the layer outputs were not captured"))
        if position not in self.outputs:
            raise ValueError(f"position {position} was not captured as an output (outputs: {self.outputs})")
        last = self.last_hidden[self.outputs.index(position)]
        return np.vstack([self.hidden[:, position, :], last[None, :]])


class _Recorder:
    """The graph callback's state. __call__ is what ggml calls; it copies and never raises."""

    PREFIXES = (b"kq_soft_max-", b"l_out-", b"Qcur-", b"Kcur-")

    def __init__(self, n: int, layout: ModelLayout, n_outputs: int, attention: bool, hidden: bool, qk: bool):
        self.n = n
        self.layout = layout
        self.n_outputs = n_outputs
        self.want = {b"kq_soft_max-": attention, b"l_out-": hidden, b"Qcur-": qk, b"Kcur-": qk}
        self.lib = ggml()
        self.error: str | None = None
        self.attention: np.ndarray | None = None
        self.hidden: np.ndarray | None = None
        self.last_hidden: np.ndarray | None = None
        self.q: dict[int, np.ndarray] = {}
        self.k: dict[int, np.ndarray] = {}
        self.seen_attention: set[int] = set()
        self.seen_hidden: set[int] = set()
        self.nodes = 0

    def _match(self, ptr: int) -> tuple[bytes, int] | None:
        name = tensor_name(ptr)
        for prefix in self.PREFIXES:
            if name.startswith(prefix) and self.want[prefix]:
                rest = name[len(prefix):]
                if not rest.isdigit():
                    return None
                layer = int(rest)
                if not 0 <= layer < self.layout.layers:
                    return None
                if prefix in (b"Qcur-", b"Kcur-") and self.lib.op_desc(ptr) != b"ROPE":
                    return None  # the same name labels the projection and the reshape before RoPE
                return prefix, layer
        return None

    def __call__(self, ptr: int, ask: bool, _user_data: int) -> bool:
        try:
            self.nodes += 1
            match = self._match(ptr)
            if ask:
                return match is not None
            if match is not None:
                self._copy(match[0], match[1], ptr)
        except BaseException as exc:  # noqa: BLE001 - nothing may propagate into C
            if self.error is None:
                self.error = f"{type(exc).__name__}: {exc}"
            return not ask  # False for the data would cancel the graph and leave inf logits behind
        return True

    def _read(self, ptr: int, shape: tuple[int, ...]) -> np.ndarray:
        s = tensor_struct(ptr)
        if s.type != 0:
            raise CaptureError(f"{tensor_name(ptr).decode()} is not float32")
        if not self.lib.is_contiguous(ptr):
            raise CaptureError(f"{tensor_name(ptr).decode()} is not contiguous")
        buf = np.empty(shape, dtype=np.float32)
        if buf.size != self.lib.nelements(ptr):
            raise CaptureError(f"{tensor_name(ptr).decode()} has an unexpected shape {list(s.ne)}")
        self.lib.tensor_get(ptr, buf.ctypes.data, 0, buf.nbytes)
        return buf

    def _copy(self, kind: bytes, layer: int, ptr: int) -> None:
        ne = tensor_struct(ptr).ne
        n, lay = self.n, self.layout
        if kind == b"kq_soft_max-":
            n_kv, n_tok, n_head = int(ne[0]), int(ne[1]), int(ne[2])
            if self.lib.op_desc(ptr) != b"SOFT_MAX" or n_tok != n or n_kv < n:
                raise CaptureError(f"kq_soft_max-{layer} is not the expected attention softmax")
            buf = self._read(ptr, (n_head, n_tok, n_kv))
            if self.attention is None:
                self.attention = np.zeros((lay.layers, n_head, n, n), dtype=np.float32)
            self.attention[layer] = buf[:, :, :n]
            self.seen_attention.add(layer)
        elif kind == b"l_out-":
            n_embd, rows = int(ne[0]), int(ne[1])
            buf = self._read(ptr, (rows, n_embd))
            if layer == lay.layers - 1:
                if rows != self.n_outputs:
                    raise CaptureError(f"l_out-{layer} has {rows} rows, expected {self.n_outputs}")
                self.last_hidden = buf
            else:
                if rows != n:
                    raise CaptureError(f"l_out-{layer} has {rows} rows, expected {n}")
                if self.hidden is None:
                    self.hidden = np.zeros((lay.layers - 1, n, n_embd), dtype=np.float32)
                self.hidden[layer] = buf
            self.seen_hidden.add(layer)
        else:
            head_dim, heads, n_tok = int(ne[0]), int(ne[1]), int(ne[2])
            buf = self._read(ptr, (n_tok, heads, head_dim))
            (self.q if kind == b"Qcur-" else self.k)[layer] = buf


# Tests replace this to check that an exception inside the callback cannot corrupt a decode.
_copy_hook: Callable[[_Recorder, bytes, int, int], None] | None = None


def _context(engine: Engine, n_ctx: int, n_batch: int, callback: object | None) -> int:
    p = llama_cpp.llama_context_default_params()
    p.n_ctx = n_ctx
    p.n_batch = n_batch
    p.n_ubatch = n_batch
    p.n_seq_max = 1
    p.n_threads = engine.n_threads
    p.n_threads_batch = engine.n_threads
    p.flash_attn_type = llama_cpp.LLAMA_FLASH_ATTN_TYPE_DISABLED  # the fused kernel has no softmax tensor
    p.swa_full = True  # sliding-window layers keep every cell too: cell i = position i in every layer
    p.no_perf = True
    if callback is not None:
        p.cb_eval = callback
        p.cb_eval_user_data = None
    ctx = llama_cpp.llama_init_from_model(engine._llm.model, p)
    if not ctx:
        raise InspectUnavailable("llama.cpp could not create a second context on the loaded model")
    return ctx


def _decode(ctx: int, tokens: list[int], start: int, outputs: Iterable[int]) -> None:
    wanted = set(outputs)
    batch = llama_cpp.llama_batch_init(len(tokens), 0, 1)
    try:
        for i, token in enumerate(tokens):
            batch.token[i] = token
            batch.pos[i] = start + i
            batch.n_seq_id[i] = 1
            batch.seq_id[i][0] = 0
            batch.logits[i] = (start + i) in wanted
        batch.n_tokens = len(tokens)
        rc = llama_cpp.llama_decode(ctx, batch)
    finally:
        llama_cpp.llama_batch_free(batch)
    if rc != 0:
        raise CaptureError(f"llama_decode failed (code {rc})")


def _padded(n: int) -> int:
    return max(CTX_PAD, -(-n // CTX_PAD) * CTX_PAD)


def _read_logits(ctx: int, index: int, n_vocab: int) -> np.ndarray:
    ptr = llama_cpp.llama_get_logits_ith(ctx, index)
    if not ptr:
        raise CaptureError(f"llama.cpp has no logits for batch row {index}")
    return np.ctypeslib.as_array(ptr, shape=(n_vocab,)).astype(np.float32, copy=True)


def _check_tokens(engine: Engine, tokens: list[int]) -> list[int]:
    engine._require_model()
    tokens = [int(t) for t in tokens]
    if not tokens:
        raise ValueError("the prompt has no tokens")
    if len(tokens) > MAX_TOKENS:
        raise ValueError(f"{len(tokens)} tokens is more than the inspector's limit of {MAX_TOKENS}")
    for t in tokens:
        if not 0 <= t < engine.n_vocab:
            raise ValueError(f"token id {t} is outside the vocabulary (0…{engine.n_vocab - 1})")
    return tokens


def capture(
    engine: Engine,
    tokens: list[int],
    outputs: str | Iterable[int] = "last",
    attention: bool = True,
    hidden: bool = True,
    qk: bool = False,
) -> Capture:
    """Evaluate `tokens` (positions 0…n-1, <bos> first) as one batch and copy what was asked.

    outputs: "last", "all" or positions — the rows whose logits llama.cpp computes (and that the last layer keeps).
    Raises CaptureError when the decode or the callback failed; missing tensors are listed in `missing`.
    """
    tokens = _check_tokens(engine, tokens)
    n = len(tokens)
    layout = model_layout(engine)
    if outputs == "last":
        out = [n - 1]
    elif outputs == "all":
        out = list(range(n))
    else:
        out = sorted({int(i) for i in outputs})  # type: ignore[union-attr]
        if not out or out[0] < 0 or out[-1] >= n:
            raise ValueError(f"output positions must be between 0 and {n - 1}")
    recorder = _Recorder(n, layout, len(out), attention, hidden, qk)
    if _copy_hook is not None:
        original = recorder._copy
        hook = _copy_hook

        def hooked(kind: bytes, layer: int, ptr: int) -> None:
            hook(recorder, kind, layer, ptr)
            original(kind, layer, ptr)

        recorder._copy = hooked  # type: ignore[method-assign]
    callback = llama_cpp.ggml_backend_sched_eval_callback(recorder)
    ctx = _context(engine, _padded(n), _padded(n), callback)
    try:
        start = time.perf_counter()
        _decode(ctx, tokens, 0, out)
        seconds = time.perf_counter() - start
        logits = np.stack([_read_logits(ctx, i, engine.n_vocab) for i in out])
    finally:
        llama_cpp.llama_free(ctx)
        del callback  # only now: the context held a pointer to it
    if recorder.error is not None:
        raise CaptureError(f"the capture failed while copying a tensor ({recorder.error})")
    if not np.isfinite(logits).all():
        raise CaptureError("the decode produced non-finite logits (the graph did not finish)")
    for name, array in (("attention", recorder.attention), ("layer outputs", recorder.hidden),
                        ("last layer", recorder.last_hidden)):
        if array is not None and not np.isfinite(array).all():
            raise CaptureError(f"the captured {name} hold non-finite numbers")
    cap = Capture(tokens=tokens, layout=layout, outputs=out, logits=logits, decode_seconds=seconds)
    if attention:
        if len(recorder.seen_attention) == layout.layers and recorder.attention is not None:
            cap.attention = recorder.attention
        else:
            cap.missing["attention"] = (
                f"this model's graph has no attention probabilities to copy (found {len(recorder.seen_attention)} "
                f"of {layout.layers} kq_soft_max tensors): another architecture, or a build whose attention "
                "kernel is fused (flash attention) keeps them inside one operation"
            )
    if hidden:
        if len(recorder.seen_hidden) == layout.layers and recorder.last_hidden is not None:
            cap.hidden = recorder.hidden if recorder.hidden is not None else np.zeros((0, n, layout.n_embd), np.float32)
            cap.last_hidden = recorder.last_hidden
        else:
            cap.missing["lens"] = (
                f"this model's graph does not name its layer outputs l_out-<layer> (found "
                f"{len(recorder.seen_hidden)} of {layout.layers})"
            )
    if qk:
        cap.q, cap.k = recorder.q, recorder.k
    return cap


# The logit lens ----------------------------------------------------------------------------------------------

_heads: dict[Path, OutputHead] = {}
_heads_lock = threading.Lock()


def output_head(engine: Engine) -> OutputHead:
    """The loaded model's final norm + output matrix (memory-mapped once per file; at most two kept)."""
    key = Path(engine.path)
    with _heads_lock:
        head = _heads.get(key)
        if head is None or head.closed:
            while len(_heads) >= 2:
                _heads.pop(next(iter(_heads))).close()
            head = OutputHead(key, engine.info.architecture, engine.n_threads)
            _heads[key] = head
        return head


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits.astype(np.float64)
    z -= z.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z


def _top(p: np.ndarray, k: int) -> list[tuple[int, float]]:
    k = min(k, p.shape[-1])
    idx = np.argpartition(-p, k - 1)[:k]
    idx = idx[np.argsort(-p[idx], kind="stable")]
    return [(int(i), float(p[i])) for i in idx]


@dataclass(frozen=True)
class LensLayer:
    layer: int
    top: list[tuple[int, float]]  # (token id, probability), most likely first
    final_rank: int  # 1-based rank of the model's final prediction at this layer
    final_p: float


@dataclass(frozen=True)
class LensResult:
    position: int
    token_id: int  # the token at `position`; the lens predicts the one after it
    final_id: int  # the model's own most likely next token (the last layer's top)
    final_p: float
    layers: list[LensLayer]


def lens_at(engine: Engine, cap: Capture, position: int, top: int = 5) -> LensResult:
    """Each layer's next-token distribution at `position`, read through the final norm and output matrix."""
    if not 0 <= position < cap.n:
        raise ValueError(f"position must be between 0 and {cap.n - 1} (got {position})")
    states = cap.hidden_at(position)
    # The last layer's lens is the model's own logits (test_last_lens_layer_is_the_models_logits): reuse them.
    logits = output_head(engine).logits(states[:-1])
    assert cap.logits is not None
    logits = np.vstack([logits, cap.logits[cap.outputs.index(position)][None, :]])
    probs = _softmax(logits)
    final_id = int(np.argmax(probs[-1]))
    layers = []
    for layer, p in enumerate(probs):
        pf = float(p[final_id])
        layers.append(LensLayer(layer, _top(p, top), int((p > pf).sum()) + 1, pf))
    return LensResult(position, cap.tokens[position], final_id, float(probs[-1][final_id]), layers)


@dataclass(frozen=True)
class LensGrid:
    top_id: np.ndarray  # (layers, n) the most likely next token per layer and position
    top_p: np.ndarray  # (layers, n)
    final_rank: np.ndarray  # (layers, n) rank of that position's final prediction


def lens_grid(engine: Engine, cap: Capture) -> LensGrid:
    """The lens for every layer × position (needs a capture with outputs="all")."""
    if cap.outputs != list(range(cap.n)):
        raise ValueError("the lens grid needs a capture with every position as an output")
    if cap.hidden is None or cap.last_hidden is None:
        raise InspectUnavailable(cap.missing.get("lens", "the layer outputs were not captured"))
    layers, n = cap.layout.layers, cap.n
    assert cap.logits is not None
    top_id = np.zeros(layers * n, dtype=np.int64)
    top_p = np.zeros(layers * n, dtype=np.float64)
    ranks = np.zeros(layers * n, dtype=np.int64)
    finals = np.argmax(cap.logits, axis=1)

    def fill(start: int, logits: np.ndarray) -> None:
        # Only the top token, its probability and a rank are needed: no full softmax (ranks are the same on logits).
        rows = np.arange(start, start + len(logits))
        local = np.arange(len(logits))
        best = np.argmax(logits, axis=1)
        z = np.exp(logits - logits[local, best][:, None]).sum(axis=1)
        top_id[rows] = best
        top_p[rows] = 1.0 / z
        lf = logits[local, finals[rows % n]]
        ranks[rows] = (logits > lf[:, None]).sum(axis=1) + 1

    # Layers 0…L-2 through the output head; the last layer's lens is the model's own logits (tested equal).
    for start, logits in output_head(engine).iter_logits(cap.hidden.reshape(-1, cap.hidden.shape[-1]), chunk=64):
        fill(start, logits)
    fill((layers - 1) * n, cap.logits)
    return LensGrid(top_id.reshape(layers, n), top_p.reshape(layers, n), ranks.reshape(layers, n))


# Surprisal ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TokenSurprisal:
    token_id: int
    p: float  # probability the model gave this token, given the tokens before it
    bits: float  # -log2 p
    alternatives: list[tuple[int, float]]  # the model's most likely tokens at that point


@dataclass(frozen=True)
class Surprisal:
    tokens: list[int]  # every token, <bos> first
    scores: list[TokenSurprisal]  # one per token after <bos>
    cut: int  # tokens cut from the end of the text to fit MAX_TOKENS

    @property
    def mean_bits(self) -> float:
        return float(np.mean([s.bits for s in self.scores])) if self.scores else 0.0

    @property
    def perplexity(self) -> float:
        return float(2.0 ** self.mean_bits)


def surprisal(engine: Engine, tokens: list[int], alternatives: int = 5) -> Surprisal:
    """How surprised the model is by each token: p(token | tokens before), from the model's own logits.

    Up to SURPRISAL_BATCH tokens are one batch; a longer text continues in batches of that size over the same
    cache (the same numbers as one batch, FACTS "Same text, different numbers"), so llama.cpp holds at most
    SURPRISAL_BATCH rows of logits at a time."""
    tokens, cut = fit_tokens(tokens)
    tokens = _check_tokens(engine, tokens)
    n = len(tokens)
    if n < 2:
        raise ValueError("the text needs at least one token after <bos>")
    n_batch = min(_padded(n), SURPRISAL_BATCH)
    ctx = _context(engine, _padded(n), n_batch, None)
    scores: list[TokenSurprisal] = []
    try:
        for start in range(0, n - 1, n_batch):
            chunk = tokens[start : min(start + n_batch, n - 1)]  # the last token predicts nothing we score
            _decode(ctx, chunk, start, range(start, start + len(chunk)))
            for i in range(len(chunk)):
                logits = _read_logits(ctx, i, engine.n_vocab)
                if not np.isfinite(logits).all():
                    raise CaptureError("the decode produced non-finite logits")
                p = _softmax(logits)
                nxt = tokens[start + i + 1]
                pt = float(p[nxt])
                bits = -math.log2(pt) if pt > 0 else math.inf
                if not math.isfinite(bits):
                    raise CaptureError(f"token {nxt} got probability 0 (float underflow)")
                scores.append(TokenSurprisal(nxt, pt, bits, _top(p, alternatives)))
    finally:
        llama_cpp.llama_free(ctx)
    return Surprisal(tokens, scores, cut)


def attention_from_qk(q: np.ndarray, k: np.ndarray, scale: float, window: int | None) -> np.ndarray:
    """softmax(Q Kᵀ · scale + causal mask) for every head (heads sharing a K head use it): (heads, n, n)."""
    n, heads, _ = q.shape
    group = heads // k.shape[1]
    out = np.zeros((heads, n, n))
    mask = np.triu(np.ones((n, n), dtype=bool), 1)
    if window:
        mask |= np.tril(np.ones((n, n), dtype=bool), -window)
    for h in range(heads):
        s = (q[:, h, :].astype(np.float64) @ k[:, h // group, :].astype(np.float64).T) * scale
        s[mask] = -np.inf
        out[h] = _softmax(s)
    return out
