"""What the lab keeps of each generated position, and two texts generated in turn on one model.

`PositionTrace` is the distribution a generated token was drawn from, kept compactly so that the lab can show
it again later (the timeline): the top rows by raw probability with their probability after the samplers and the
stage that removed them, the chosen token's row, the funnel counts, entropies and the settings in force.

Why not the logits: the default model's vocabulary is 262,144 tokens, so one position's logits are 1 MiB in
float32 (512 KiB in float16) and a 512-token run would hold 256–512 MiB — more than the whole app's memory budget.
The chart never shows more than 60 rows, and every number the readouts show (kept, mass, entropies, what each
stage left) is a scalar computed once over the whole vocabulary when the token is drawn. So a trace keeps those
scalars plus `rows` top rows (about 1.2 KiB for 60 rows: ids int32, logits/probabilities float32, stage int8):
~0.6 MiB for 512 positions. The price: a past position cannot be recomputed with *other* settings (that needs
all its logits); the lab says that past positions show the settings they were drawn with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from desktop.core.sampling import MIN_P, NextTokenDistribution, SamplerSettings, TokenRow, top_sorted

TRACE_ROWS = 60  # the lab chart's most bars (desktop/ui/lab/controls.py MAX_BARS)


@dataclass(frozen=True)
class PositionTrace:
    """The distribution at one generated position, as it was when its token was drawn."""

    settings: SamplerSettings
    vocab_size: int
    kept: int
    mass_kept: float
    entropy_before: float
    entropy_after: float
    stage_counts: dict[str, int]
    ids: npt.NDArray[np.int32] = field(repr=False)  # the highest raw probabilities, highest first
    logits: npt.NDArray[np.float32] = field(repr=False)
    p_raw: npt.NDArray[np.float32] = field(repr=False)
    p_final: npt.NDArray[np.float32] = field(repr=False)
    removed: npt.NDArray[np.int8] = field(repr=False)  # index into `stages`, -1 = kept
    stages: tuple[str, ...]
    extra: TokenRow | None = None  # the chosen token's row when it is not among `ids`
    extra_rank: int = 0  # its rank by raw probability (1 = most likely), when `extra` is set

    def top_rows(self, n: int | None = None) -> list[TokenRow]:
        count = len(self.ids) if n is None else min(n, len(self.ids))
        return [
            TokenRow(
                id=int(self.ids[i]),
                logit=float(self.logits[i]),
                p_raw=float(self.p_raw[i]),
                p_final=float(self.p_final[i]),
                removed_by=self.stages[self.removed[i]] if self.removed[i] >= 0 else None,
            )
            for i in range(count)
        ]

    def rank_of(self, token_id: int) -> int | None:
        """1-based rank by raw probability, when known."""
        hits = np.flatnonzero(self.ids == token_id)
        if hits.size:
            return int(hits[0]) + 1
        if self.extra is not None and self.extra.id == token_id:
            return self.extra_rank
        return None

    def row_of(self, token_id: int) -> TokenRow | None:
        rank = self.rank_of(token_id)
        if rank is None:
            return None
        if self.extra is not None and self.extra.id == token_id:
            return self.extra
        return self.top_rows(rank)[rank - 1]

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.ids, self.logits, self.p_raw, self.p_final, self.removed))


def trace_of(dist: NextTokenDistribution, rows: int = TRACE_ROWS, chosen: int | None = None) -> PositionTrace:
    """The compact record of `dist`; rows equal `dist.top_rows(rows)` (computed in a few vectorised steps, since
    this runs once per generated token on the model thread)."""
    n = min(rows, dist.vocab_size)
    ids = dist.top_raw[:n] if dist.top_raw.size >= n else top_sorted(dist.logits, n)
    ids = np.asarray(ids, dtype=np.int64)
    stages = tuple(stage for stage, _left in dist._cuts)
    z = dist._z[ids]
    removed = np.full(ids.size, -1, dtype=np.int8)
    for si, (stage, left) in enumerate(dist._cuts):
        if stage == MIN_P and dist._min_p_threshold is not None:
            fail = z < np.float32(dist._min_p_threshold)
        elif left >= dist.vocab_size:
            continue
        else:
            boundary = int(dist._prefix[left - 1])
            zb = dist._z[boundary]
            fail = ~((z > zb) | ((z == zb) & (ids <= boundary)))
        removed[fail & (removed < 0)] = si
    logits = dist.logits[ids].astype(np.float32)
    p_raw = np.exp(logits.astype(np.float64) - dist._raw_max - dist._raw_log_z)
    if dist.kept == 1:
        p_final = np.where(removed < 0, 1.0, 0.0)
    else:
        zt = z.astype(np.float32)
        if dist._final_scale != 1.0:
            zt = (zt / np.float32(dist._final_scale)).astype(np.float32)
        p_final = np.where(removed < 0, np.exp(zt.astype(np.float64) - dist._final_max - dist._final_log_w), 0.0)
    extra, extra_rank = None, 0
    if chosen is not None and not np.any(ids == chosen):
        extra = dist.row(chosen)
        logit = dist.logits[chosen]
        extra_rank = int(np.count_nonzero(dist.logits > logit)) + 1
    return PositionTrace(
        settings=dist.settings,
        vocab_size=dist.vocab_size,
        kept=dist.kept,
        mass_kept=dist.mass_kept,
        entropy_before=dist.entropy_before,
        entropy_after=dist.entropy_after,
        stage_counts=dict(dist.stage_counts),
        ids=ids.astype(np.int32),
        logits=logits,
        p_raw=p_raw.astype(np.float32),
        p_final=p_final.astype(np.float32),
        removed=removed,
        stages=stages,
        extra=extra,
        extra_rank=extra_rank,
    )


# -- two texts in turn on one model --------------------------------------------------------------------------------


class SequenceModel(Protocol):
    """What lockstep generation needs from desktop.core.llm.engine.Engine."""

    def save_sequence(self) -> Any: ...

    def restore_sequence(self, state: Any) -> None: ...


def lockstep(model: SequenceModel, streams: Sequence[Iterator[Any]],
             should_stop: Callable[[], bool] = lambda: False) -> Iterator[tuple[int, Any]]:
    """Advance several token generators on one model in turn, one token each per round, yielding (which, item).

    Each generator evaluates its own text; the model's cache holds one text at a time, so before a generator's
    step its own cache is put back (`restore_sequence`) and after it the cache is saved again. A step then costs
    one decode, as in a single run, instead of re-evaluating everything since the texts diverged. A generator that
    ends drops out; the others go on."""
    states: list[Any] = [None] * len(streams)
    live = list(range(len(streams)))
    while live and not should_stop():
        for i in list(live):
            if should_stop():
                return
            if states[i] is not None:
                # (A generator's first step needs nothing put back: the cache then holds the shared prompt.)
                model.restore_sequence(states[i])
            try:
                item = next(streams[i])
            except StopIteration:
                live.remove(i)
                continue
            states[i] = model.save_sequence()
            yield i, item
