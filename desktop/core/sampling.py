"""The sampler math on one logits vector, in llama.cpp's order and with llama.cpp's rules.

Chain (llama.cpp common/sampling.cpp, src/llama-sampling.cpp):
    repetition penalty -> top-k -> top-p -> min-p -> temperature -> draw
- penalty: a logit of a token seen in the last N tokens is divided by the penalty when positive and multiplied
  by it when negative (so the token always becomes less likely).
- top-k <= 0 is off; otherwise keep the k highest logits.
- top-p >= 1 is off; otherwise softmax over the current candidates and keep the smallest prefix (highest first)
  whose cumulative probability reaches p, the crossing token included.
- min-p <= 0 is off; otherwise keep logits >= max_logit + ln(min_p), i.e. p_i >= min_p * p_max.
- temperature <= 0 keeps only the highest logit (greedy); otherwise logits are divided by it. Because it comes
  after the truncation stages, temperature changes the shares among the survivors, not which tokens survive.

The truncation decisions are made in float32 with the same summation order as llama.cpp (its softmax and
cumulative sum are float32 loops), so the kept set matches llama.cpp's even when a cumulative sum lands very
close to top-p. `temperature_first=True` is the textbook order (temperature -> top-k -> top-p -> min-p), offered
to show what changes: there, temperature also changes which tokens top-p and min-p keep.

Every stage keeps a prefix of the candidates sorted by logit, so the result is described by a few cut points
over one sorted prefix; nothing sorts the whole vocabulary (262,144 entries for Gemma 3) unless a setting truly
needs it. Draws take a uniform number from `draw_uniform(seed, position)`, so a run is reproducible and Step,
Generate and a side-by-side comparison all see the same random numbers at the same position.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
IdArray = npt.NDArray[np.int64]

if TYPE_CHECKING:
    from desktop.core.sampling_trace import PositionTrace

# Names used for `removed_by`. Penalties only reweight, they never remove a token.
TOP_K = "top-k"
TOP_P = "top-p"
MIN_P = "min-p"
GREEDY = "greedy"  # temperature 0 or greedy mode: everything but the highest logit is removed

LN2 = math.log(2.0)


class SettingsError(ValueError):
    """A sampler setting outside its range; the message names the setting and the range."""


@dataclass(frozen=True)
class Limit:
    low: float
    high: float
    label: str


# The ranges the lab offers and the CLI accepts (llama.cpp itself accepts more, but these cover every effect
# the lessons talk about and keep the sliders meaningful).
LIMITS: dict[str, Limit] = {
    "temperature": Limit(0.0, 2.0, "temperature"),
    "top_k": Limit(0, 200, "top-k"),
    "top_p": Limit(0.0, 1.0, "top-p"),
    "min_p": Limit(0.0, 1.0, "min-p"),
    "repeat_penalty": Limit(1.0, 2.0, "repetition penalty"),
    "repeat_last_n": Limit(0, 4096, "repetition window"),
}


@dataclass(frozen=True)
class SamplerSettings:
    """llama.cpp's defaults (common/common.h): temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no penalty."""

    temperature: float = 0.8
    top_k: int = 40
    top_p: float = 0.95
    min_p: float = 0.05
    repeat_penalty: float = 1.0
    repeat_last_n: int = 64
    greedy: bool = False  # mode: always take the most likely token, whatever the other settings say
    temperature_first: bool = False

    @property
    def is_greedy(self) -> bool:
        return self.greedy or self.temperature <= 0.0

    def check(self) -> SamplerSettings:
        """Return self, or raise SettingsError naming the first setting outside LIMITS."""
        for name, limit in LIMITS.items():
            value = getattr(self, name)
            if not isinstance(value, int | float) or math.isnan(value) or not limit.low <= value <= limit.high:
                raise SettingsError(
                    f"{limit.label} must be between {_fmt(limit.low)} and {_fmt(limit.high)} (got {value})"
                )
        return self

    def clamped(self) -> SamplerSettings:
        """The nearest settings inside LIMITS (what the GUI does with an out-of-range link parameter)."""
        values = {}
        for name, limit in LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, float) and math.isnan(value):
                value = getattr(SamplerSettings(), name)
            value = min(max(value, limit.low), limit.high)
            values[name] = int(value) if name in ("top_k", "repeat_last_n") else float(value)
        return replace(self, **values)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class TokenRow:
    """One token of the distribution as the chart and the CLI show it."""

    id: int
    logit: float  # the model's raw logit
    p_raw: float  # plain softmax of the raw logits
    p_final: float  # after the samplers (0 when removed)
    removed_by: str | None  # None when the token survives



@dataclass
class NextTokenDistribution:
    """The next-token distribution before and after the samplers, with what each stage removed."""

    settings: SamplerSettings
    vocab_size: int
    kept: int  # tokens with p_final > 0
    mass_kept: float  # raw probability mass of the kept tokens
    entropy_before: float  # bits, of the raw softmax
    entropy_after: float  # bits, of the final distribution
    stage_counts: dict[str, int]  # candidates left after each active stage, in chain order
    survivors: IdArray  # kept token ids (highest first when the chain sorted them)
    p_survivors: npt.NDArray[np.float64]  # their final probabilities, same order
    top_raw: IdArray  # ids of the highest raw probabilities, highest first (len = top_n asked)
    logits: FloatArray = field(repr=False)  # the raw logits (not copied)
    _z: FloatArray = field(repr=False)  # the logits the truncation stages saw (penalised, maybe scaled)
    _prefix: IdArray = field(repr=False)  # the candidates sorted by (-z, id), as far as the chain needed
    _cuts: list[tuple[str, int]] = field(repr=False)  # (stage, candidates left) as a prefix of _prefix
    _min_p_threshold: float | None = field(repr=False)  # min-p on unsorted candidates: a logit threshold
    _raw_max: float = field(repr=False)
    _raw_log_z: float = field(repr=False)
    _final_scale: float = field(repr=False)  # divide z by this before the final softmax
    _final_max: float = field(repr=False)
    _final_log_w: float = field(repr=False)

    # -- per-token questions -----------------------------------------------------------------------------
    def p_raw(self, token_id: int) -> float:
        return math.exp(float(self.logits[token_id]) - self._raw_max - self._raw_log_z)

    def _survives(self, token_id: int, left: int) -> bool:
        """Whether the token is among the first `left` of the sorted candidates: compare it with the last one
        kept, in the (-logit, id) order the prefix is sorted by."""
        if left >= self.vocab_size:
            return True
        boundary = int(self._prefix[left - 1])
        zt, zb = self._z[token_id], self._z[boundary]
        return bool(zt > zb or (zt == zb and token_id <= boundary))

    def removed_by(self, token_id: int) -> str | None:
        token_id = int(token_id)
        for stage, left in self._cuts:
            if stage == MIN_P and self._min_p_threshold is not None:
                if float(self._z[token_id]) < self._min_p_threshold:
                    return MIN_P
            elif not self._survives(token_id, left):
                return stage
        return None

    def p_final(self, token_id: int) -> float:
        if self.removed_by(token_id) is not None:
            return 0.0
        if self.kept == 1:
            return 1.0
        zt = np.float32(self._z[token_id])
        if self._final_scale != 1.0:
            zt = np.float32(zt / np.float32(self._final_scale))
        return math.exp(float(zt) - self._final_max - self._final_log_w)

    def row(self, token_id: int) -> TokenRow:
        return TokenRow(
            id=int(token_id),
            logit=float(self.logits[token_id]),
            p_raw=self.p_raw(token_id),
            p_final=self.p_final(token_id),
            removed_by=self.removed_by(token_id),
        )

    def top_rows(self, n: int | None = None) -> list[TokenRow]:
        ids = self.top_raw if n is None else self.top_raw[:n]
        return [self.row(int(t)) for t in ids.tolist()]

    def most_likely(self) -> int:
        """The token greedy decoding takes: the highest logit after the penalty."""
        return int(self._prefix[0])

    def draw(self, u: float) -> int:
        """The token at uniform number u in [0, 1) under the final distribution (inverse CDF, like llama.cpp's
        dist sampler: the first token whose running sum reaches u * total)."""
        if self.kept == 1:
            return int(self.survivors[0])
        cum = np.cumsum(self.p_survivors)
        i = int(np.searchsorted(cum, u * cum[-1], side="left"))
        return int(self.survivors[min(i, self.kept - 1)])


def draw_uniform(seed: int, position: int) -> float:
    """The uniform number for generated position `position` (0 = first new token) of a run with `seed`.

    Derived from (seed, position) rather than from a running generator, so the same seed gives the same text
    whether it is generated in one go or step by step, after an undo, or in either pane of a comparison."""
    return float(np.random.default_rng([int(seed) & 0xFFFFFFFF, int(position)]).random())


def choose_token(dist: NextTokenDistribution, seed: int, position: int) -> int:
    if dist.settings.is_greedy:
        return dist.most_likely()
    return dist.draw(draw_uniform(seed, position))


# -- the chain ---------------------------------------------------------------------------------------------


def top_sorted(values: FloatArray, count: int) -> IdArray:
    """Indices of the `count` largest values, largest first; ties go to the lower index.

    A strided sample gives a threshold that lets only a few times `count` values through, so the partition and
    the sort run on a small set instead of the whole vocabulary (np.argpartition over 262,144 floats alone
    costs ~2.5 ms on the 2-core machine, close to the whole budget)."""
    n = values.size
    count = max(0, min(int(count), n))
    if count == 0:
        return np.empty(0, dtype=np.int64)
    cand: IdArray | None = None
    if n > 8192 and count * 16 < n:
        stride = 16
        sample = values[::stride]
        r = min(sample.size - 1, 2 * (count // stride) + 16)
        thr = np.partition(sample, sample.size - 1 - r)[sample.size - 1 - r]
        hits = np.flatnonzero(values >= thr)
        if hits.size >= count:
            cand = hits
    if cand is None:
        cand = np.arange(n, dtype=np.int64)
    vals = values[cand]
    if cand.size > count:
        kth = np.partition(vals, cand.size - count)[cand.size - count]
        above = np.flatnonzero(vals > kth)
        equal = np.flatnonzero(vals == kth)[: count - above.size]  # ascending ids: ties to the lower id
        keep = np.concatenate([above, equal])
        cand, vals = cand[keep], vals[keep]
    order = np.lexsort((cand, -vals))
    return cand[order].astype(np.int64, copy=False)


def _softmax_f32(sorted_vals: FloatArray) -> FloatArray:
    """llama.cpp's float32 softmax over a sorted candidate list: expf(l - max), float32 running sum, divide.

    exp is taken in float64 and rounded, which equals a correctly rounded expf."""
    e = np.exp((sorted_vals - sorted_vals[0]).astype(np.float64)).astype(np.float32)
    total = np.cumsum(e, dtype=np.float32)[-1]
    return (e / total).astype(np.float32)


def _top_p_cut(z: FloatArray, top_p: float, k_sorted: IdArray | None, min_len: int) -> tuple[int, IdArray]:
    """How many candidates top-p keeps, and the sorted prefix it looked at.

    k_sorted: the top-k survivors (sorted) when top-k ran, else None (the whole vocabulary, unsorted)."""
    p32 = np.float32(top_p)
    if k_sorted is not None:
        cum = np.cumsum(_softmax_f32(z[k_sorted]), dtype=np.float32)
        hit = np.flatnonzero(cum >= p32)
        return (int(hit[0]) + 1 if hit.size else k_sorted.size), k_sorted
    # Unsorted full vocabulary: llama.cpp normalises in index order (float32 running sum), then walks the sorted
    # order, sorting 256 candidates first and more only when they do not reach p.
    e = np.exp((z - np.float32(z.max())).astype(np.float64)).astype(np.float32)
    total = np.cumsum(e, dtype=np.float32)[-1]
    length = max(256, min_len)
    estimated = False
    while True:
        prefix = top_sorted(z, length)
        cum = np.cumsum((e[prefix] / total).astype(np.float32), dtype=np.float32)
        hit = np.flatnonzero(cum >= p32)
        if hit.size:
            return int(hit[0]) + 1, prefix
        if prefix.size >= z.size:
            return z.size, prefix
        if not estimated:
            # A wide nucleus (flat distribution): guess its size from every 16th token instead of growing
            # blindly, so the one sort that follows is not much longer than needed.
            estimated = True
            sample = np.sort(e[::16].astype(np.float64))[::-1]
            reach = np.searchsorted(np.cumsum(sample) * 16.0, float(top_p) * float(total))
            length = max(length * 2, int(reach * 16 * 1.25) + 512)
        else:
            length *= 2


def next_token_distribution(
    logits: npt.ArrayLike,
    settings: SamplerSettings = SamplerSettings(),
    history: Sequence[int] = (),
    top_n: int = 20,
) -> NextTokenDistribution:
    """Run the sampler chain on `logits` (the model's output for the next position).

    history: the tokens so far (prompt and generated), for the repetition penalty.
    top_n: how many of the highest raw-probability tokens to list in `top_raw`.
    Raises ValueError for logits that are empty, not 1-D, or contain NaN/+inf.
    """
    x = np.asarray(logits, dtype=np.float32)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"logits must be a non-empty 1-D vector, got shape {x.shape}")
    vocab = int(x.size)
    top_n = max(0, min(int(top_n), vocab))
    raw_max = float(x.max())
    if not math.isfinite(raw_max):
        raise ValueError("all logits are -inf" if raw_max == -math.inf else "logits contain NaN or +inf")

    # Raw softmax: the chart's grey bars and the entropy before sampling (H = ln Z - sum(e*d)/Z).
    d = x - np.float32(raw_max)
    e_raw = np.exp(d)
    z_raw = float(e_raw.sum(dtype=np.float64))
    raw_log_z = math.log(z_raw)
    with np.errstate(invalid="ignore"):
        dot = float(np.dot(e_raw, d))
    if math.isnan(dot):  # -inf logits: 0 * -inf; they carry no mass, leave them out
        ok = e_raw > 0
        dot = float(np.dot(e_raw[ok], d[ok]))
    entropy_before = max(0.0, (raw_log_z - dot / z_raw) / LN2)

    # Penalty: only the logits of recently seen tokens change.
    z = x
    if settings.repeat_penalty != 1.0 and settings.repeat_last_n > 0 and len(history) > 0:
        recent = np.unique(np.asarray(list(history)[-int(settings.repeat_last_n) :], dtype=np.int64))
        recent = recent[(recent >= 0) & (recent < vocab)]
        if recent.size:
            z = x.copy()
            pen = np.float32(settings.repeat_penalty)
            vals = z[recent]
            z[recent] = np.where(vals <= 0, vals * pen, vals / pen).astype(np.float32)
    penalised = z is not x

    temp = float(np.float32(settings.temperature))  # a float in llama.cpp: 1e-300 is 0 there, so greedy
    cuts: list[tuple[str, int]] = []
    stage_counts: dict[str, int] = {}
    min_p_threshold: float | None = None
    prefix: IdArray = np.empty(0, dtype=np.int64)
    final_scale = 1.0

    if settings.greedy or (settings.temperature_first and temp <= 0.0):
        # Greedy mode (llama.cpp's greedy sampler) or temperature 0 applied first: only the argmax is left.
        prefix = top_sorted(z, max(top_n, 1))
        survivors = prefix[:1]
        cuts.append((GREEDY, 1))
        stage_counts[GREEDY] = 1
    else:
        if settings.temperature_first:
            z = (z / np.float32(temp)).astype(np.float32)
        sorted_len = 0  # > 0 once a stage left the candidates sorted (llama.cpp's cur_p->sorted)
        k_sorted: IdArray | None = None
        if settings.top_k > 0:
            left = min(int(settings.top_k), vocab)
            prefix = top_sorted(z, max(left, top_n))
            k_sorted = prefix[:left]
            sorted_len = left
            cuts.append((TOP_K, left))
            stage_counts[TOP_K] = left
        if settings.top_p < 1.0:
            left, looked = _top_p_cut(z, settings.top_p, k_sorted, top_n)
            if looked.size > prefix.size:
                prefix = looked
            sorted_len = left
            cuts.append((TOP_P, left))
            stage_counts[TOP_P] = left
        if np.float32(settings.min_p) > 0.0:  # llama.cpp keeps min_p as a float: 1e-300 is 0, off
            log_mp = np.float32(math.log(np.float32(settings.min_p)))
            if sorted_len:
                # Sorted candidates: walk from the top; the first token always stays.
                head = prefix[:sorted_len]
                thr = np.float32(z[head[0]]) + log_mp
                below = np.flatnonzero(z[head] < thr)
                sorted_len = max(1, int(below[0]) if below.size else sorted_len)
                cuts.append((MIN_P, sorted_len))
                stage_counts[MIN_P] = sorted_len
            else:
                # Unsorted full vocabulary: llama.cpp keeps every logit >= max + ln(min_p), in index order.
                thr = np.float32(z.max()) + log_mp
                n_pass = int(np.count_nonzero(z >= thr))
                if n_pass >= 1:
                    min_p_threshold = float(thr)
                    cuts.append((MIN_P, n_pass))
                    stage_counts[MIN_P] = n_pass
                else:  # min-p > 1: llama.cpp falls back to its sorted path, which keeps the top token
                    sorted_len = 1
                    cuts.append((MIN_P, 1))
                    stage_counts[MIN_P] = 1
        if prefix.size < max(top_n, 1):
            prefix = top_sorted(z, max(top_n, sorted_len, 1))
        if sorted_len:
            survivors = prefix[:sorted_len]
        elif min_p_threshold is not None:
            survivors = np.flatnonzero(z >= np.float32(min_p_threshold)).astype(np.int64)
        else:
            survivors = np.arange(vocab, dtype=np.int64)
        if not settings.temperature_first:
            if temp <= 0.0:
                # llama.cpp's temperature 0: keep the highest logit (the first one on a tie).
                survivors = prefix[:1]
                cuts.append((GREEDY, 1))
                stage_counts[GREEDY] = 1
            else:
                final_scale = temp

    # Final softmax over the survivors (llama.cpp's dist: float32 logit/temp, exp, double sum).
    zs = z[survivors]
    if survivors.size > 1 and zs.min() == -np.inf:
        # -inf logits (tokens the model rules out) stay in llama.cpp's list with p = 0; they are not "kept".
        finite = np.isfinite(zs)
        survivors, zs = survivors[finite], zs[finite]
    if survivors.size == 1:
        p_surv = np.ones(1, dtype=np.float64)
        final_max, final_log_w, entropy_after = 0.0, 0.0, 0.0
    else:
        if final_scale != 1.0:
            zs = (zs / np.float32(final_scale)).astype(np.float32)
        final_max = float(zs.max())
        shifted = zs.astype(np.float64) - final_max
        w = np.exp(shifted)
        w_sum = float(w.sum())
        p_surv = w / w_sum
        final_log_w = math.log(w_sum)
        # H = ln W - sum(w * shifted) / W: one dot product instead of a log per survivor
        entropy_after = max(0.0, (final_log_w - float(np.dot(w, shifted)) / w_sum) / LN2)
    mass_kept = float(e_raw[survivors].sum(dtype=np.float64) / z_raw)

    # The chart lists the highest *raw* probabilities; the sorted prefix already is that order unless the
    # penalty reordered the logits (temperature is monotone and keeps the order).
    if top_n == 0:
        top_raw = np.empty(0, dtype=np.int64)
    elif not penalised and prefix.size >= top_n:
        top_raw = prefix[:top_n]
    else:
        top_raw = top_sorted(x, top_n)
    return NextTokenDistribution(
        settings=settings,
        vocab_size=vocab,
        kept=int(survivors.size),
        mass_kept=mass_kept,
        entropy_before=entropy_before,
        entropy_after=entropy_after,
        stage_counts=stage_counts,
        survivors=survivors,
        p_survivors=p_surv,
        top_raw=top_raw,
        logits=x,
        _z=z,
        _prefix=prefix,
        _cuts=cuts,
        _min_p_threshold=min_p_threshold,
        _raw_max=raw_max,
        _raw_log_z=raw_log_z,
        _final_scale=final_scale,
        _final_max=final_max,
        _final_log_w=final_log_w,
    )


# -- generation with the lab's sampler (shared by the lab page, the CLI and the benchmark) -------------------


class StepLike(Protocol):
    token_id: int
    text: str


class StreamingModel(Protocol):
    """What generation needs from desktop.core.llm.engine.Engine (kept structural so this module stays
    numpy-only)."""

    n_ctx: int

    def stream(
        self,
        tokens: list[int],
        choose: Callable[[np.ndarray], int],
        max_new_tokens: int,
        should_stop: Callable[[], bool] = ...,
    ) -> Iterator[StepLike]: ...

    def piece(self, token_id: int) -> str: ...

    def is_end_of_generation(self, token_id: int) -> bool: ...


@dataclass(frozen=True)
class Alternative:
    id: int
    text: str
    p_raw: float
    p_final: float
    removed_by: str | None


@dataclass(frozen=True)
class GeneratedToken:
    """One generated token with the distribution it was drawn from (for colouring, hovering and branching)."""

    id: int
    text: str  # the text it adds to the output
    position: int  # 0 = first token after the prompt
    p: float  # its probability after the samplers when it was chosen
    p_raw: float  # its plain softmax probability
    alternatives: tuple[Alternative, ...]  # the most likely tokens at that position (raw order)
    kept: int  # how many tokens the samplers left at that position
    end: bool = False  # an end-of-generation token (it adds no text)
    trace: PositionTrace | None = field(default=None, repr=False, compare=False)  # the distribution it came from


def alternatives_of(dist: NextTokenDistribution, piece: Callable[[int], str], n: int) -> tuple[Alternative, ...]:
    return tuple(
        Alternative(r.id, piece(r.id), r.p_raw, r.p_final, r.removed_by) for r in dist.top_rows(n)
    )


def generate_tokens(
    model: StreamingModel,
    tokens: Sequence[int],
    settings: SamplerSettings,
    seed: int,
    max_new_tokens: int,
    start_position: int = 0,
    alternatives: int = 8,
    should_stop: Callable[[], bool] = lambda: False,
    trace_rows: int = 0,
    live_settings: Callable[[], SamplerSettings] | None = None,
) -> Iterator[GeneratedToken]:
    """Generate after `tokens` (prompt plus anything generated before), choosing every token with this module's
    chain and the seeded draw for its position; yields each token with its probability and alternatives.

    start_position: the position of the first new token (the number already generated after the prompt), so
    that continuing, stepping and branching draw the same numbers a single run would.
    trace_rows > 0: attach a PositionTrace with that many rows to each token (the lab's timeline).
    live_settings: asked before each token, so settings changed during a run apply from the next token."""
    from desktop.core.sampling_trace import trace_of

    seq = [int(t) for t in tokens]
    last: list[NextTokenDistribution] = []

    def choose(logits: np.ndarray) -> int:
        current = live_settings() if live_settings is not None else settings
        dist = next_token_distribution(logits, current, seq, top_n=max(alternatives, trace_rows))
        last[:] = [dist]
        return choose_token(dist, seed, start_position + len(seq) - len(tokens))

    for step in model.stream(seq, choose, max_new_tokens, should_stop):
        dist = last[0]
        token_id = int(step.token_id)
        yield GeneratedToken(
            id=token_id,
            text=step.text,
            position=start_position + len(seq) - len(tokens),
            p=dist.p_final(token_id),
            p_raw=dist.p_raw(token_id),
            alternatives=alternatives_of(dist, model.piece, alternatives),
            kept=dist.kept,
            end=model.is_end_of_generation(token_id),
            trace=trace_of(dist, trace_rows, token_id) if trace_rows > 0 else None,
        )
        seq.append(token_id)


def fit_prompt(tokens: Sequence[int], n_ctx: int, reserve: int, keep_first: int | None = None) -> tuple[list[int], int]:
    """Cut a prompt from the left so that it and `reserve` new tokens fit the context window.

    keep_first: a token to keep at the very start (the BOS token) when cutting. Returns (tokens, how many were
    cut)."""
    tokens = [int(t) for t in tokens]
    room = max(1, n_ctx - max(0, reserve))
    if len(tokens) <= room:
        return tokens, 0
    head = [tokens[0]] if keep_first is not None and tokens and tokens[0] == keep_first else []
    tail = tokens[len(tokens) - (room - len(head)) :]
    return head + tail, len(tokens) - len(head) - len(tail)
