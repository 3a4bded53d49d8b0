"""One local model, run by llama.cpp through llama-cpp-python.

An Engine owns one `llama_cpp.Llama`, which is not thread safe: create it, use it and close it on one thread
(the app's model thread, desktop/ui/workers.py). The Engine adds what the lessons and the sampling lab need and
what `Llama`'s completion API hides:

- the full next-token logits after a prompt, read with `llama_get_logits_ith(ctx, -1)` (`Llama.scores` is
  only filled with `logits_all=True`, which would cost n_ctx × n_vocab floats — 4 GiB for this vocabulary);
- KV-cache reuse: a prompt that extends the previous one only evaluates its new suffix;
- token-by-token generation where *our* code picks each token from those logits (`choose`), so the lab can
  show every step's distribution and stop within one token;
- token pieces as bytes, so byte-fallback tokens and spaces can be shown as they really are.

Seeds are always explicit: in llama-cpp-python seed 0 silently becomes 0xFFFFFFFF and None a fixed chain.
"""

from __future__ import annotations

import ctypes
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import llama_cpp
import numpy as np

from desktop.core.llm.gguf_info import GGUFInfo, inspect_gguf

GPU_HELP = (
    "This llama-cpp-python was built for the CPU only. To use a GPU, rebuild it into the app's virtual "
    "environment with the backend for your card, then set GPU layers in Settings:\n"
    '  NVIDIA (CUDA):  CMAKE_ARGS="-DGGML_CUDA=on" .venv/bin/pip install --force-reinstall --no-cache-dir '
    "llama-cpp-python\n"
    '  Apple (Metal):  CMAKE_ARGS="-DGGML_METAL=on" .venv/bin/pip install --force-reinstall --no-cache-dir '
    "llama-cpp-python\n"
    '  AMD/Intel (Vulkan):  CMAKE_ARGS="-DGGML_VULKAN=on" .venv/bin/pip install --force-reinstall '
    "--no-cache-dir llama-cpp-python"
)
MIN_CONTEXT = 64
MAX_CONTEXT = 1 << 20  # beyond any released model; larger values only exhaust memory
_ATTR_CONTROL = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL
_ATTR_BYTE = llama_cpp.LLAMA_TOKEN_ATTR_BYTE
_ATTR_UNKNOWN = llama_cpp.LLAMA_TOKEN_ATTR_UNKNOWN


class ModelLoadError(Exception):
    """llama.cpp could not load a file that looked like a GGUF model; the message names the file."""


class ContextOverflow(ValueError):
    """More tokens than the loaded context window holds."""


def gpu_offload_supported() -> bool:
    """Whether this llama-cpp-python build can put layers on a GPU (CUDA, Metal, Vulkan…)."""
    return bool(llama_cpp.llama_supports_gpu_offload())


def max_threads() -> int:
    """More threads than this only slows llama.cpp down (and 100,000 of them exhaust memory)."""
    return max(16, 4 * (os.cpu_count() or 1))


def default_threads() -> int:
    # llama.cpp runs best on physical cores; logical CPUs above 8 rarely help a model this small.
    return max(1, min(os.cpu_count() or 1, 8))


@dataclass(frozen=True)
class LoadOptions:
    n_ctx: int = 4096
    n_threads: int | None = None  # None: default_threads()
    n_gpu_layers: int = 0  # -1: every layer
    seed: int = 1234


@dataclass(frozen=True)
class TokenStep:
    token_id: int
    text: str  # the text this token adds to the output (a UTF-8 character split over tokens appears once whole)
    logits: np.ndarray  # the logits this token was chosen from (float32, n_vocab)
    piece: str = ""  # the token's own text; bytes that are not whole UTF-8 show as U+FFFD


# llama.cpp reports why a load failed only through its log; keep its last error lines for our message.
_LOG_LINES: deque[str] = deque(maxlen=12)
_log_installed = False


@llama_cpp.llama_log_callback
def _capture_log(level: int, text: bytes, _user_data: ctypes.c_void_p) -> None:
    if level in (3, 4):  # ggml_log_level WARN and ERROR; info/debug are noise for a student
        line = text.decode("utf-8", errors="replace").strip()
        if line:
            _LOG_LINES.append(line)


def _install_log_capture() -> None:
    global _log_installed
    if not _log_installed:
        llama_cpp.llama_log_set(_capture_log, ctypes.c_void_p(0))
        _log_installed = True


def _load_reason() -> str:
    # The most specific line is the last one that says "error"; "failed to load model" only repeats it.
    for words in (("error",), ("unknown", "failed")):
        for line in reversed(_LOG_LINES):
            if any(w in line.lower() for w in words):
                return line.removeprefix("llama_model_load: ").removeprefix("error loading model: ")
    return "llama.cpp gave no reason"


class Engine:
    """One loaded model. Not thread safe: use it from the thread that loaded it."""

    def __init__(
        self, llm: llama_cpp.Llama, path: Path, info: GGUFInfo, options: LoadOptions, load_seconds: float,
        vocab_only: bool = False,
    ) -> None:
        self._llm = llm
        self.path = path
        self.info = info
        self.options = options
        self.load_seconds = load_seconds
        self.vocab_only = vocab_only
        self.n_vocab: int = llm.n_vocab()
        self.n_ctx: int = llm.n_ctx() if not vocab_only else 0
        self.n_threads: int = llm.n_threads
        self.on_gpu: bool = options.n_gpu_layers != 0 and gpu_offload_supported() and not vocab_only
        self._vocab = llama_cpp.llama_model_get_vocab(llm.model)
        self._evaluated: list[int] = []  # the tokens whose keys/values are in the KV cache, in order
        self._last_logits: np.ndarray | None = None
        self.eos_token_id: int = llm.token_eos()
        self.bos_token_id: int = llm.token_bos()
        self.closed = False

    # loading --------------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path, options: LoadOptions = LoadOptions(), vocab_only: bool = False) -> Engine:
        """Check the file with the GGUF inspector, then load it. `vocab_only` loads just the tokenizer
        (fast, little memory), for comparing how two models cut the same text."""
        path = Path(path).expanduser()
        info = inspect_gguf(path)  # raises GGUFError naming the file and the problem
        if options.seed <= 0 or options.seed >= 0xFFFFFFFF:
            raise ModelLoadError(f"{path.name}: seed must be between 1 and 4294967294, not {options.seed}")
        if not MIN_CONTEXT <= options.n_ctx <= MAX_CONTEXT:
            raise ModelLoadError(
                f"{path.name}: context size must be between {MIN_CONTEXT} and {MAX_CONTEXT:,} tokens"
            )
        if options.n_threads is not None and not 1 <= options.n_threads <= max_threads():
            raise ModelLoadError(f"{path.name}: threads must be between 1 and {max_threads()} on this computer "
                                 f"(got {options.n_threads})")
        if not -1 <= options.n_gpu_layers <= 100_000:
            raise ModelLoadError(f"{path.name}: GPU layers must be -1 (all), 0 (none) or a layer count")
        n_ctx = options.n_ctx
        if info.context_length:
            n_ctx = min(n_ctx, info.context_length)  # beyond what it was trained on the model degrades
        threads = options.n_threads or default_threads()
        _install_log_capture()
        _LOG_LINES.clear()
        start = time.perf_counter()
        try:
            llm = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_batch=min(512, n_ctx),
                n_threads=threads,
                n_threads_batch=threads,
                n_gpu_layers=options.n_gpu_layers,
                seed=options.seed,
                logits_all=False,
                vocab_only=vocab_only,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelLoadError(f"{path}: llama.cpp could not load it ({_load_reason()})") from exc
        seconds = time.perf_counter() - start
        used = LoadOptions(n_ctx=n_ctx, n_threads=threads, n_gpu_layers=options.n_gpu_layers, seed=options.seed)
        return cls(llm, path, info, used, seconds, vocab_only=vocab_only)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._llm.close()

    @property
    def device_label(self) -> str:
        if self.on_gpu:
            layers = "all" if self.options.n_gpu_layers < 0 else str(self.options.n_gpu_layers)
            return f"GPU ({layers} layers)"
        return "CPU"

    # tokens ---------------------------------------------------------------------------------------------------
    def tokenize(self, text: str, add_bos: bool = True) -> list[int]:
        return list(self._llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=False))

    def detokenize(self, ids: list[int]) -> str:
        return self._llm.detokenize(list(ids)).decode("utf-8", errors="replace")

    def _check_id(self, token_id: int) -> int:
        token_id = int(token_id)
        if not 0 <= token_id < self.n_vocab:
            raise ValueError(f"token id {token_id} is outside the vocabulary (0…{self.n_vocab - 1})")
        return token_id

    def piece_bytes(self, token_id: int) -> bytes:
        """The bytes one token stands for (special tokens such as <bos> are rendered by name)."""
        token_id = self._check_id(token_id)
        size = 64
        while True:
            buf = ctypes.create_string_buffer(size)
            n = llama_cpp.llama_token_to_piece(self._vocab, token_id, buf, size, 0, True)
            if n >= 0:
                return buf.raw[:n]
            size = -n  # a negative result is the size it needs

    def piece(self, token_id: int) -> str:
        return self.piece_bytes(token_id).decode("utf-8", errors="replace")

    def token_text(self, token_id: int) -> str:
        """The token as the vocabulary spells it (e.g. '▁the', '<0x0A>'), before any decoding."""
        raw = llama_cpp.llama_vocab_get_text(self._vocab, self._check_id(token_id))
        return raw.decode("utf-8", errors="replace") if raw else ""

    def token_kind(self, token_id: int) -> str:
        """'control' (e.g. <bos>), 'byte' (byte fallback like <0xE2>), 'unknown' or 'normal'."""
        attr = int(llama_cpp.llama_vocab_get_attr(self._vocab, self._check_id(token_id)))
        if attr & _ATTR_CONTROL:
            return "control"
        if attr & _ATTR_BYTE:
            return "byte"
        if attr & _ATTR_UNKNOWN:
            return "unknown"
        return "normal"

    def is_end_of_generation(self, token_id: int) -> bool:
        return bool(llama_cpp.llama_vocab_is_eog(self._vocab, int(token_id)))

    # evaluation -----------------------------------------------------------------------------------------------
    def _require_model(self) -> None:
        if self.vocab_only:
            raise RuntimeError(f"{self.path.name} was loaded for its tokenizer only")
        if self.closed:
            raise RuntimeError(f"{self.path.name} is closed")

    def next_logits(self, tokens: list[int]) -> np.ndarray:
        """The logits (float32, n_vocab, read-only) for the token after `tokens`.

        Only the part of `tokens` that differs from the previous call is evaluated: the KV cache keeps the
        common prefix. Raises ContextOverflow when `tokens` do not fit the context window.
        """
        self._require_model()
        tokens = list(map(int, tokens))
        if not tokens:
            raise ValueError("the prompt has no tokens")
        if len(tokens) > self.n_ctx:
            raise ContextOverflow(
                f"the prompt has {len(tokens):,} tokens but the context holds {self.n_ctx:,}; "
                "shorten it or raise the context size in Settings"
            )
        # Generation calls this once per token with the previous tokens plus one: find that common prefix with one
        # list comparison and check only the tokens not evaluated yet, instead of walking the whole context in
        # Python every token.
        evaluated = self._evaluated
        if tokens[: len(evaluated)] == evaluated:
            keep = len(evaluated)
        else:
            keep = 0
            for a, b in zip(evaluated, tokens, strict=False):
                if a != b:
                    break
                keep += 1
        for t in tokens[keep:]:
            if not 0 <= t < self.n_vocab:
                raise ValueError(f"token id {t} is outside the vocabulary (0…{self.n_vocab - 1})")
        if keep == len(tokens) == len(evaluated) and self._last_logits is not None:
            return self._last_logits
        if keep == len(tokens):
            keep -= 1  # the logits after the last token are needed again: evaluate it once more
        llm = self._llm
        if not llm._ctx.kv_cache_seq_rm(-1, keep, -1):
            # A cache that cannot drop a suffix (e.g. a recurrent model) has to start over.
            llm._ctx.kv_cache_clear()
            keep = 0
        llm.n_tokens = keep
        self._evaluated = []
        self._last_logits = None
        try:
            llm.eval(tokens[keep:])
        except RuntimeError:
            llm.n_tokens = 0
            llm._ctx.kv_cache_clear()
            raise
        self._evaluated = tokens
        ptr = llama_cpp.llama_get_logits_ith(llm.ctx, -1)
        logits = np.ctypeslib.as_array(ptr, shape=(self.n_vocab,)).astype(np.float32, copy=True)
        # One copy per token (llama.cpp reuses its buffer); read-only, so it can be handed out and cached without
        # another 1 MB copy on the generation hot path.
        logits.flags.writeable = False
        self._last_logits = logits
        return logits

    def stream(
        self,
        tokens: list[int],
        choose: Callable[[np.ndarray], int],
        max_new_tokens: int,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> Iterator[TokenStep]:
        """Generate up to max_new_tokens after `tokens`; `choose(logits)` picks each token.

        Stops at an end-of-generation token (which is yielded), at max_new_tokens, when the context is full,
        or when should_stop() is true — checked before each token, so Stop takes effect within one token.
        """
        self._require_model()
        seq = [int(t) for t in tokens]
        pending = b""  # bytes of a UTF-8 character split across tokens, waiting for the rest
        for _ in range(max(0, max_new_tokens)):
            if should_stop() or len(seq) >= self.n_ctx:
                return
            logits = self.next_logits(seq)
            token_id = self._check_id(int(choose(logits)))
            eog = self.is_end_of_generation(token_id)
            raw = b"" if eog else self.piece_bytes(token_id)
            text, pending = _decode_available(pending + raw)
            yield TokenStep(token_id=token_id, text=text, logits=logits, piece=raw.decode("utf-8", "replace"))
            if eog:
                return
            seq.append(token_id)

    def greedy(self, tokens: list[int], max_new_tokens: int) -> list[int]:
        """Plain argmax generation (a reference for tests and benchmarks)."""
        return [s.token_id for s in self.stream(tokens, lambda lg: int(np.argmax(lg)), max_new_tokens)]

    # two texts in turn (the lab's side-by-side comparison) ---------------------------------------------------------
    def save_sequence(self) -> SequenceState:
        """The KV cache of the text evaluated now (~18 KB per token for the default model), to come back to with
        restore_sequence() after evaluating another text — instead of re-evaluating where the two differ."""
        self._require_model()
        ctx = self._llm.ctx
        size = llama_cpp.llama_state_seq_get_size(ctx, 0)
        buffer = (ctypes.c_uint8 * max(1, size))()
        written = llama_cpp.llama_state_seq_get_data(ctx, buffer, size, 0) if size else 0
        return SequenceState(tuple(self._evaluated), buffer, written, self._last_logits)

    def restore_sequence(self, state: SequenceState) -> None:
        """Put back a cache saved by save_sequence(); if llama.cpp refuses, the next call re-evaluates the text."""
        self._require_model()
        if list(state.tokens) == self._evaluated and self._last_logits is state.logits:
            return
        llm = self._llm
        ok = state.size > 0 and llama_cpp.llama_state_seq_set_data(llm.ctx, state.data, state.size, 0) > 0
        if not ok:
            llm._ctx.kv_cache_clear()
            llm.n_tokens = 0
            self._evaluated, self._last_logits = [], None
            return
        n = len(state.tokens)
        llm.input_ids[:n] = state.tokens
        llm.n_tokens = n
        self._evaluated = list(state.tokens)
        self._last_logits = state.logits


@dataclass(frozen=True)
class SequenceState:
    tokens: tuple[int, ...]
    data: ctypes.Array  # the bytes llama_state_seq_get_data wrote
    size: int
    logits: np.ndarray | None  # the logits after `tokens` (read-only), when known


def _decode_available(data: bytes) -> tuple[str, bytes]:
    """Decode as much of `data` as forms whole UTF-8 characters; return (text, leftover bytes)."""
    try:
        return data.decode("utf-8"), b""
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and len(data) - exc.start < 4:
            return data[: exc.start].decode("utf-8", errors="replace"), data[exc.start :]
        return data.decode("utf-8", errors="replace"), b""
