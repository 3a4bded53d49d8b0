"""The sampler chain on only the N most likely tokens, as a server returns them, saying what is exact.

A server gives the probabilities p_1 ≥ … ≥ p_N of its N most likely next tokens (before any sampler) and nothing
about the rest of the vocabulary except its total mass R = 1 − Σp. The chain is llama.cpp's
(desktop/core/sampling.py): top-k → top-p → min-p → temperature. What can be known from N probabilities
(../shared/FACTS.md → Inference servers):

- top-k with k ≤ N is exact (the k most likely are listed);
- top-p is exact when its cut falls inside the N (the cumulative sum reaches p there);
- min-p is exact when the last listed token is already below min_p · p_max (every unlisted one is below it too);
- with temperature last, a kept set that lies inside the N makes the final distribution exact.

Otherwise the kept set reaches into tokens the server did not list: the result gives the smallest number kept
(the listed survivors) and, for each listed token, the range its final probability lies in. A draw then picks
among the listed survivors only (the unlisted ones cannot be named), which the caller says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.sampling import GREEDY, MIN_P, TOP_K, TOP_P, SamplerSettings


@dataclass(frozen=True)
class TopNRow:
    index: int  # position in the server's list (highest first)
    p_raw: float
    p_final: float  # 0 when removed; the midpoint of the range when not exact
    p_final_low: float
    p_final_high: float
    removed_by: str | None


@dataclass(frozen=True)
class TopNDistribution:
    settings: SamplerSettings
    rows: tuple[TopNRow, ...]
    rest_mass: float  # raw probability of every unlisted token
    kept_listed: int  # listed tokens that survive
    reaches_unlisted: bool  # True when some unlisted tokens may survive too (kept is then a lower bound)
    exact: dict[str, bool]  # per active stage: whether its cut is known exactly
    final_exact: bool  # every listed final probability is exact

    @property
    def kept(self) -> int:
        return self.kept_listed

    @property
    def kept_label(self) -> str:
        return f"≥{self.kept_listed}" if self.reaches_unlisted else str(self.kept_listed)

    def draw(self, u: float) -> int:
        """The row index picked by a uniform number u in [0, 1), among the listed survivors."""
        weights = [r.p_final for r in self.rows]
        total = sum(weights)
        if total <= 0:
            return 0
        target = u * total
        acc = 0.0
        last = 0
        for i, w in enumerate(weights):
            if w <= 0:
                continue
            acc += w
            last = i
            if target < acc:
                return i
        return last


def topn_distribution(
    p_listed: Sequence[float], settings: SamplerSettings, vocab_size: int | None = None,
    recent: Sequence[int] = (), ids: Sequence[int | None] = (),
) -> TopNDistribution:
    """The chain on the listed probabilities (highest first). `vocab_size` bounds the unlisted count when known.
    `recent` and `ids` let a repetition penalty apply to the listed tokens the server gave ids for."""
    p = [max(0.0, float(x)) for x in p_listed]
    n = len(p)
    rest = max(0.0, 1.0 - sum(p))
    unlisted = (vocab_size - n) if vocab_size else None  # None: unknown, at least one when rest > 0
    if settings.temperature_first and not settings.is_greedy and n:
        return _temperature_first(p, rest, settings, vocab_size, recent, ids)
    has_tail = rest > 1e-12 and (unlisted is None or unlisted > 0)
    exact: dict[str, bool] = {}
    removed: list[str | None] = [None] * n

    logits = [math.log(x) if x > 0 else -math.inf for x in p]
    if settings.repeat_penalty != 1.0 and recent:
        window = set(recent[-settings.repeat_last_n:]) if settings.repeat_last_n > 0 else set()
        for i, tid in enumerate(ids):
            if tid is not None and tid in window:
                logits[i] = logits[i] / settings.repeat_penalty if logits[i] > 0 else logits[i] * settings.repeat_penalty
        exact["penalty"] = False  # unlisted tokens may be penalised too: their mass is not known
        order = sorted(range(n), key=lambda i: -logits[i])
    else:
        order = list(range(n))

    if settings.is_greedy:
        best = order[0]
        for i in range(n):
            if i != best:
                removed[i] = GREEDY
        rows = tuple(
            TopNRow(i, p[i], 1.0 if i == best else 0.0, 1.0 if i == best else 0.0, 1.0 if i == best else 0.0,
                    removed[i])
            for i in range(n)
        )
        return TopNDistribution(settings, rows, rest, 1, False, {GREEDY: True}, True)

    # Which listed tokens are candidates, and whether unlisted ones still are.
    cand = list(order)
    tail_in = has_tail  # unlisted tokens still among the candidates
    tail_mass_low = tail_mass_high = rest if has_tail else 0.0
    # 1. top-k
    if settings.top_k > 0:
        if settings.top_k <= n:
            for i in cand[settings.top_k:]:
                removed[i] = TOP_K
            cand = cand[: settings.top_k]
            tail_in = False
            tail_mass_low = tail_mass_high = 0.0
            exact[TOP_K] = True
        elif tail_in:
            extra = settings.top_k - n
            if unlisted is None or extra < unlisted:
                # k reaches past the list but not over the whole vocabulary: only part of the rest is kept
                tail_mass_low = 0.0
                tail_mass_high = min(rest, extra * (p[order[-1]] if n else 0.0))
            exact[TOP_K] = unlisted is not None and extra >= unlisted
    # 2. top-p over the current candidates (renormalised by their total mass)
    if settings.top_p < 1.0:
        known = sum(p[i] for i in cand)
        cut = None
        acc = 0.0
        for j, i in enumerate(cand):
            acc += p[i]
            # the cumulative share is acc / (known + tail); it reaches top_p for sure with the largest tail
            if acc / (known + tail_mass_high) >= settings.top_p:
                cut = j + 1
                break
        if cut is not None:
            # With a smaller tail the cut could come earlier: exact only when the tail mass is exact.
            exact[TOP_P] = tail_mass_low == tail_mass_high
            for i in cand[cut:]:
                removed[i] = TOP_P
            cand = cand[:cut]
            tail_in = False
            tail_mass_low = tail_mass_high = 0.0
        else:
            exact[TOP_P] = not tail_in
    # 3. min-p relative to the most likely candidate
    if settings.min_p > 0.0 and cand:
        threshold = settings.min_p * p[cand[0]]
        kept = [i for i in cand if p[i] >= threshold]
        for i in cand:
            if p[i] < threshold:
                removed[i] = MIN_P
        if tail_in and kept == cand and p[cand[-1]] >= threshold:
            exact[MIN_P] = False  # unlisted tokens just below the last listed one may pass too
        else:
            exact[MIN_P] = True
            if tail_in:
                tail_in = False
                tail_mass_low = tail_mass_high = 0.0
        cand = kept or cand[:1]
    # 4. temperature over the survivors
    inv_t = 1.0 / settings.temperature
    weights = {i: p[i] ** inv_t for i in cand}
    s = sum(weights.values())
    if tail_in:
        # Bounds on Σ q^(1/T) over an unlisted mass m whose tokens are each ≤ p_N.
        p_n = p[order[-1]] if n else 0.0
        tail_low = _tail_power_bounds(tail_mass_low, p_n, inv_t, unlisted)[0]
        tail_high = _tail_power_bounds(tail_mass_high, p_n, inv_t, unlisted)[1]
    else:
        tail_low = tail_high = 0.0
    rows = []
    for i in range(n):
        if i in weights:
            hi = weights[i] / (s + tail_low) if s + tail_low > 0 else 0.0
            lo = weights[i] / (s + tail_high) if math.isfinite(tail_high) else 0.0
            rows.append(TopNRow(i, p[i], (lo + hi) / 2, lo, hi, None))
        else:
            rows.append(TopNRow(i, p[i], 0.0, 0.0, 0.0, removed[i]))
    final_exact = not tail_in
    return TopNDistribution(settings, tuple(rows), rest, len(cand), tail_in, exact, final_exact)


def _tail_power_bounds(mass: float, p_n: float, inv_t: float, count: int | None) -> tuple[float, float]:
    """Bounds on Σ q^(1/T) over unlisted tokens of total probability `mass`, each at most p_n."""
    if mass <= 0:
        return 0.0, 0.0
    concentrated = mass * p_n ** (inv_t - 1.0) if p_n > 0 else 0.0
    spread = count * (mass / count) ** inv_t if count else (0.0 if inv_t >= 1.0 else math.inf)
    return (spread, concentrated) if inv_t >= 1.0 else (concentrated, spread)


def _temperature_first(
    p: list[float], rest: float, settings: SamplerSettings, vocab_size: int | None,
    recent: Sequence[int], ids: Sequence[int | None],
) -> TopNDistribution:
    """The textbook order: temperature reshapes the whole distribution first, so the listed tokens' shares depend
    on the unlisted ones: computed with the middle of the possible range, and never called exact."""
    n = len(p)
    inv_t = 1.0 / settings.temperature
    unlisted = (vocab_size - n) if vocab_size else None
    low, high = _tail_power_bounds(rest, p[-1], inv_t, unlisted)
    tail = (low + high) / 2 if math.isfinite(high) else low
    w = [x**inv_t for x in p]
    total = sum(w) + tail
    scaled = [x / total for x in w]
    plain = SamplerSettings(
        temperature=1.0, top_k=settings.top_k, top_p=settings.top_p, min_p=settings.min_p,
        repeat_penalty=settings.repeat_penalty, repeat_last_n=settings.repeat_last_n,
    )
    dist = topn_distribution(scaled, plain, vocab_size, recent, ids)
    rows = tuple(
        TopNRow(r.index, p[r.index], r.p_final, r.p_final_low, r.p_final_high, r.removed_by) for r in dist.rows
    )
    inexact = {stage: (stage == TOP_K and ok) for stage, ok in dist.exact.items()}
    return TopNDistribution(settings, rows, rest, dist.kept_listed, dist.reaches_unlisted, inexact, False)
