"""The lab's per-position traces and lockstep generation of two texts on one model."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.core.sampling import SamplerSettings, generate_tokens, next_token_distribution
from desktop.core.sampling_trace import TRACE_ROWS, lockstep, trace_of

SETTINGS = [
    SamplerSettings(),
    SamplerSettings(greedy=True),
    SamplerSettings(top_k=0, top_p=0.5, min_p=0.0, temperature=1.3),
    SamplerSettings(top_k=0, top_p=1.0, min_p=0.1, temperature=0.7),
    SamplerSettings(top_k=5, repeat_penalty=1.5),
    SamplerSettings(temperature=1.5, temperature_first=True),
    SamplerSettings(temperature=0.0),
]


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: repr(s)[15:60])
def test_a_trace_keeps_exactly_the_rows_the_chart_showed(settings: SamplerSettings) -> None:
    rng = np.random.default_rng(5)
    logits = (rng.standard_normal(50_000) * 3).astype(np.float32)
    history = [int(t) for t in np.argsort(logits)[-10:]]  # the penalty hits some of the top tokens
    dist = next_token_distribution(logits, settings, history, top_n=TRACE_ROWS)
    chosen = int(np.argsort(logits)[1000])  # far outside the top rows
    trace = trace_of(dist, TRACE_ROWS, chosen)
    expected = dist.top_rows(TRACE_ROWS)
    got = trace.top_rows()
    assert [r.id for r in got] == [r.id for r in expected]
    assert [r.removed_by for r in got] == [r.removed_by for r in expected]
    assert [r.p_raw for r in got] == pytest.approx([r.p_raw for r in expected], rel=1e-6)
    assert [r.p_final for r in got] == pytest.approx([r.p_final for r in expected], rel=1e-6, abs=1e-12)
    assert (trace.kept, trace.stage_counts, trace.entropy_after) == (dist.kept, dist.stage_counts,
                                                                     dist.entropy_after)
    # the chosen token outside the top rows is kept with its rank
    assert trace.row_of(chosen) == dist.row(chosen)
    assert trace.rank_of(chosen) == int(np.count_nonzero(logits > logits[chosen])) + 1
    assert trace.nbytes < 2_000  # vs 200 KB for these logits (1 MiB for the default model's vocabulary)


def test_lockstep_gives_each_text_what_a_run_of_its_own_gives(default_engine) -> None:
    ids = default_engine.tokenize("A capital do Brasil é")
    plans = [SamplerSettings(greedy=True), SamplerSettings(temperature=1.2)]
    alone = [[t.id for t in generate_tokens(default_engine, ids, s, 3, 12)] for s in plans]
    streams = [generate_tokens(default_engine, ids, s, 3, 12) for s in plans]
    order, out = [], [[], []]
    for which, tok in lockstep(default_engine, streams):
        order.append(which)
        out[which].append(tok.id)
    assert out == alone
    assert alone[0] != alone[1]  # they diverge, so the KV cache really was swapped
    assert order == [0, 1] * 12


def test_live_settings_apply_from_the_next_token(default_engine) -> None:
    ids = default_engine.tokenize("Once upon a time")
    current = [SamplerSettings(temperature=1.0)]
    tokens = []
    for tok in generate_tokens(default_engine, ids, current[0], 5, 6, trace_rows=20,
                               live_settings=lambda: current[0]):
        tokens.append(tok)
        if len(tokens) == 2:
            current[0] = SamplerSettings(greedy=True)
    assert [t.trace.settings.greedy for t in tokens] == [False, False, True, True, True, True]
    assert all(t.id == t.trace.top_rows(1)[0].id for t in tokens[2:])
