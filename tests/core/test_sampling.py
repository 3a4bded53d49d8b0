"""desktop.core.sampling against llama.cpp's own sampler chain, on random and real logits.

The reference runs llama.cpp's samplers (llama_sampler_init_top_k/top_p/min_p/temp/penalties/dist through
llama-cpp-python's LlamaSampler) on a llama_token_data_array with llama_sampler_apply, and reads back the
candidates that are left and the probabilities the dist sampler gave them.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Sequence

import llama_cpp
import numpy as np
import pytest
from llama_cpp._internals import LlamaSampler, LlamaTokenDataArray

from desktop.core.sampling import (
    GREEDY,
    MIN_P,
    TOP_K,
    TOP_P,
    SamplerSettings,
    SettingsError,
    choose_token,
    draw_uniform,
    next_token_distribution,
    top_sorted,
)


def llama_reference(
    logits: np.ndarray, s: SamplerSettings, history: Sequence[int] = (), seed: int = 7
) -> dict[int, float]:
    """{token id: probability} of the candidates llama.cpp's chain leaves, for the same settings.

    Candidates whose logit is -inf (temperature 0 sets every other token to -inf; a model can rule tokens out)
    are not kept: their probability is exactly 0 there."""
    vocab = logits.size
    chain = LlamaSampler()
    try:
        if s.repeat_penalty != 1.0:
            chain.add_penalties(vocab, s.repeat_last_n, s.repeat_penalty, 0.0, 0.0)
            for token in history:
                chain.accept(int(token))
        if s.greedy:
            chain.add_greedy()
        else:
            if s.temperature_first:
                chain.add_temp(s.temperature)
            chain.add_top_k(s.top_k)
            chain.add_top_p(s.top_p, 1)
            chain.add_min_p(s.min_p, 1)
            if not s.temperature_first:
                chain.add_temp(s.temperature)
            chain.add_dist(seed)
        cands = LlamaTokenDataArray(n_vocab=vocab)
        cands.copy_logits(np.ascontiguousarray(logits, dtype=np.float32))
        llama_cpp.llama_sampler_apply(chain.sampler, ctypes.byref(cands.candidates))
        if s.greedy:
            return {int(cands.candidates_data.id[cands.candidates.selected]): 1.0}
        left = cands.candidates_data[: cands.candidates.size]
        return {
            int(t): float(p)
            for t, p, lg in zip(left.id, left.p, left.logit, strict=True)
            if lg > -np.inf
        }
    finally:
        chain.close()


def ours(logits: np.ndarray, s: SamplerSettings, history: Sequence[int] = ()) -> dict[int, float]:
    dist = next_token_distribution(logits, s, history)
    return {int(t): float(p) for t, p in zip(dist.survivors, dist.p_survivors, strict=True)}


def has_tie_at_cut(logits: np.ndarray, kept: dict[int, float]) -> bool:
    """True when a removed token has exactly the logit of the weakest kept one: then which of the tied tokens
    stays is an accident of llama.cpp's sort (std::partial_sort is not stable), not a rule."""
    if not kept:
        return False
    weakest = min(logits[t] for t in kept)
    return int(np.count_nonzero(logits == weakest)) > sum(1 for t in kept if logits[t] == weakest)


def assert_same(logits: np.ndarray, s: SamplerSettings, history: Sequence[int] = ()) -> None:
    ref = llama_reference(logits, s, history)
    mine = ours(logits, s, history)
    if set(ref) != set(mine):
        z = np.asarray(logits, dtype=np.float32)
        assert len(ref) == len(mine) and has_tie_at_cut(z, ref), (
            f"{s}: llama.cpp keeps {len(ref)} tokens, we keep {len(mine)}; "
            f"only in llama.cpp: {sorted(set(ref) - set(mine))[:10]}, only here: {sorted(set(mine) - set(ref))[:10]}"
        )
        return
    worst = max(abs(ref[t] - mine[t]) for t in ref)
    assert worst < 2e-6, f"{s}: probabilities differ by {worst}"
    assert math.isclose(sum(mine.values()), 1.0, abs_tol=1e-9)


def random_settings(rng: np.random.Generator) -> SamplerSettings:
    return SamplerSettings(
        temperature=float(rng.choice([0.0, 0.05, 0.5, 0.8, 1.0, 1.5, 2.0, 10.0, 1000.0])),
        top_k=int(rng.choice([0, 1, 2, 5, 40, 100, 200])),
        top_p=float(rng.choice([1.0, 0.999, 0.95, 0.9, 0.5, 0.1, 1e-6, 0.0, rng.random()])),
        min_p=float(rng.choice([0.0, 1e-4, 0.05, 0.1, 0.5, 1.0, rng.random()])),
        repeat_penalty=float(rng.choice([1.0, 1.0, 1.1, 1.5])),
        repeat_last_n=int(rng.choice([0, 8, 64])),
        greedy=bool(rng.random() < 0.08),
        temperature_first=bool(rng.random() < 0.3),
    )


def random_logits(rng: np.random.Generator, vocab: int, kind: str) -> np.ndarray:
    if kind == "normal":
        return (rng.standard_normal(vocab) * rng.choice([0.3, 2.0, 5.0])).astype(np.float32)
    if kind == "peaked":
        x = rng.standard_normal(vocab).astype(np.float32)
        x[rng.integers(vocab)] += 25.0
        return x
    if kind == "ties":  # many exactly equal logits
        return np.round(rng.standard_normal(vocab) * 2).astype(np.float32)
    if kind == "neginf":  # tokens the model rules out
        x = (rng.standard_normal(vocab) * 3).astype(np.float32)
        x[rng.random(vocab) < 0.3] = -np.inf
        x[rng.integers(vocab)] = 4.0
        return x
    raise AssertionError(kind)


# -- against llama.cpp ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("vocab", [2, 37, 3000, 262_144])
@pytest.mark.parametrize("kind", ["normal", "peaked", "ties", "neginf"])
def test_matches_llama_cpp_on_random_logits(vocab: int, kind: str) -> None:
    rng = np.random.default_rng(vocab * 31 + len(kind))
    cases = 12 if vocab == 262_144 else 40
    for _ in range(cases):
        logits = random_logits(rng, vocab, kind)
        history = rng.integers(0, vocab, 30).tolist()
        assert_same(logits, random_settings(rng), history)


EDGE_SETTINGS = [
    SamplerSettings(top_k=0),  # top-k off
    SamplerSettings(top_k=1),
    SamplerSettings(top_k=0, top_p=1.0, min_p=0.0),  # nothing truncates
    SamplerSettings(top_p=1.0),  # top-p off
    SamplerSettings(top_k=0, top_p=1e-6, min_p=0.0),  # tiny top-p keeps only the top token
    SamplerSettings(top_k=0, top_p=0.0, min_p=0.0),
    SamplerSettings(min_p=0.0),
    SamplerSettings(top_k=0, top_p=1.0, min_p=1.0),  # min-p 1 keeps only tokens tied with the top
    SamplerSettings(temperature=0.0),  # greedy
    SamplerSettings(temperature=0.0, top_k=0, top_p=1.0, min_p=0.0),
    SamplerSettings(temperature=100.0, top_k=0, top_p=0.95, min_p=0.0),  # very hot
    SamplerSettings(temperature=100.0, top_k=0, top_p=1.0, min_p=0.0),
    SamplerSettings(temperature=2.0, temperature_first=True, top_k=0, top_p=0.95, min_p=0.0),
    SamplerSettings(temperature=0.0, temperature_first=True),
    SamplerSettings(top_k=10**6),  # more than the vocabulary
    SamplerSettings(greedy=True),
]


@pytest.mark.parametrize("settings", EDGE_SETTINGS, ids=lambda s: repr(s)[16:90])
def test_matches_llama_cpp_at_the_edges(settings: SamplerSettings) -> None:
    rng = np.random.default_rng(11)
    for vocab in (5, 5000, 262_144):
        for kind in ("normal", "peaked"):
            assert_same(random_logits(rng, vocab, kind), settings)


def test_repetition_penalty_matches_llama_cpp() -> None:
    rng = np.random.default_rng(5)
    for _ in range(30):
        logits = random_logits(rng, 2000, "normal")
        history = rng.integers(0, 60, 100).tolist()  # repeats, and tokens outside the last-n window
        s = SamplerSettings(repeat_penalty=float(rng.choice([1.1, 1.3, 2.0])), repeat_last_n=int(rng.choice([1, 16, 64])))
        assert_same(logits, s, history)
    # the penalty lowers every recent token's odds against an unseen one, whatever the sign of its logit
    logits = random_logits(rng, 2000, "normal")
    history = list(range(60))
    plain = SamplerSettings(top_k=0, top_p=1, min_p=0)
    before = next_token_distribution(logits, plain)
    after = next_token_distribution(logits, SamplerSettings(top_k=0, top_p=1, min_p=0, repeat_penalty=1.5), history)
    unseen = 1000
    for t in history:
        odds_before = before.p_final(t) / before.p_final(unseen)
        odds_after = after.p_final(t) / after.p_final(unseen)
        assert odds_after < odds_before or logits[t] == 0


@pytest.fixture(scope="module")
def real_logits(default_engine) -> list[tuple[str, np.ndarray, list[int]]]:
    prompts = [
        "The capital of France is",
        "A capital do Brasil é",
        "Era uma vez um",
        "def fibonacci(n):",
        "1, 2, 3, 4,",
        "The three primary colors are",
    ]
    out = []
    for prompt in prompts:
        tokens = default_engine.tokenize(prompt)
        out.append((prompt, default_engine.next_logits(tokens), tokens))
    return out


def test_matches_llama_cpp_on_real_logits(real_logits) -> None:
    rng = np.random.default_rng(2024)
    for _prompt, logits, tokens in real_logits:
        for s in EDGE_SETTINGS:
            assert_same(logits, s, tokens)
        for _ in range(60):
            assert_same(logits, random_settings(rng), tokens)


def test_real_distribution_reads_like_the_notes(real_logits, default_engine) -> None:
    """Base Gemma 3 270M continues text; the figures are in FACTS.md."""
    by_prompt = {p: (lg, t) for p, lg, t in real_logits}
    dist = next_token_distribution(by_prompt["The capital of France is"][0], SamplerSettings(), top_n=5)
    top = {default_engine.piece(r.id): r for r in dist.top_rows()}
    assert " Paris" in top and top[" Paris"].removed_by is None
    assert 0.05 < top[" Paris"].p_raw < 0.15
    # greedy takes the single most likely token; temperature after truncation keeps the same survivors
    assert next_token_distribution(by_prompt["A capital do Brasil é"][0], SamplerSettings(temperature=0)).kept == 1
    cold = next_token_distribution(by_prompt["Era uma vez um"][0], SamplerSettings(temperature=0.3))
    hot = next_token_distribution(by_prompt["Era uma vez um"][0], SamplerSettings(temperature=1.7))
    assert cold.kept == hot.kept and cold.entropy_after < hot.entropy_after


# -- the stages, by construction --------------------------------------------------------------------------------


def test_removed_by_names_the_stage_that_removed_each_token() -> None:
    # probabilities ~ e^(6,5,4,3,2,1,0,...): top-k 5 drops ranks 5+, top-p 0.9 keeps 3, min-p 0.2 keeps 2
    logits = np.array([6, 5, 4, 3, 2, 1, 0, -1], dtype=np.float32)
    dist = next_token_distribution(logits, SamplerSettings(top_k=5, top_p=0.9, min_p=0.2, temperature=1.0), top_n=8)
    rows = dist.top_rows()
    assert [r.removed_by for r in rows] == [None, None, MIN_P, TOP_P, TOP_P, TOP_K, TOP_K, TOP_K]
    assert dist.stage_counts == {TOP_K: 5, TOP_P: 3, MIN_P: 2}
    assert dist.kept == 2
    p0, p1 = math.exp(6), math.exp(5)
    assert rows[0].p_final == pytest.approx(p0 / (p0 + p1))
    assert sum(r.p_raw for r in rows) == pytest.approx(1.0)
    assert dist.mass_kept == pytest.approx(rows[0].p_raw + rows[1].p_raw)
    greedy = next_token_distribution(logits, SamplerSettings(temperature=0.0), top_n=8)
    assert [r.removed_by for r in greedy.top_rows(3)] == [None, GREEDY, GREEDY]
    assert greedy.top_rows(1)[0].p_final == 1.0 and greedy.entropy_after == 0.0


def test_temperature_last_changes_shares_not_survivors_and_first_changes_both() -> None:
    logits = np.log(np.array([0.5, 0.2, 0.15, 0.1, 0.05], dtype=np.float64)).astype(np.float32)
    base = dict(top_k=0, top_p=0.8, min_p=0.0)
    survivors = {t: next_token_distribution(logits, SamplerSettings(temperature=t, **base)).kept for t in (0.5, 1, 2)}
    assert survivors == {0.5: 3, 1: 3, 2: 3}  # 0.5 + 0.2 + 0.15 reaches 0.8
    first_cold = next_token_distribution(logits, SamplerSettings(temperature=0.5, temperature_first=True, **base))
    first_hot = next_token_distribution(logits, SamplerSettings(temperature=2.0, temperature_first=True, **base))
    assert first_cold.kept < 3 < first_hot.kept


def test_entropy_in_bits() -> None:
    flat = np.zeros(1024, dtype=np.float32)
    dist = next_token_distribution(flat, SamplerSettings(top_k=0, top_p=1.0, min_p=0.0, temperature=1.0))
    assert dist.entropy_before == pytest.approx(10.0)
    assert dist.entropy_after == pytest.approx(10.0)
    assert dist.kept == 1024 and dist.mass_kept == pytest.approx(1.0)
    dist = next_token_distribution(flat, SamplerSettings(top_k=4, top_p=1.0, min_p=0.0))
    assert dist.entropy_after == pytest.approx(2.0) and dist.mass_kept == pytest.approx(4 / 1024)


def test_minus_infinity_logits_are_never_kept() -> None:
    logits = np.array([1.0, -np.inf, 0.5, -np.inf], dtype=np.float32)
    dist = next_token_distribution(logits, SamplerSettings(top_k=0, top_p=1.0, min_p=0.0), top_n=4)
    assert sorted(dist.survivors.tolist()) == [0, 2]
    assert dist.p_final(1) == 0.0 and dist.p_raw(1) == 0.0


def test_top_sorted_is_a_stable_descending_selection() -> None:
    rng = np.random.default_rng(3)
    for vocab, count in ((262_144, 20), (262_144, 4000), (100, 100), (50_000, 1)):
        x = np.round(rng.standard_normal(vocab) * 4, 1).astype(np.float32)  # plenty of ties
        expected = np.lexsort((np.arange(vocab), -x))[:count]
        assert top_sorted(x, count).tolist() == expected.tolist()


# -- draws ------------------------------------------------------------------------------------------------------


def test_draws_are_reproducible_and_follow_the_distribution() -> None:
    logits = np.log(np.array([0.4, 0.3, 0.2, 0.1], dtype=np.float64)).astype(np.float32)
    dist = next_token_distribution(logits, SamplerSettings(top_k=0, top_p=1.0, min_p=0.0, temperature=1.0))
    picks = [choose_token(dist, seed=42, position=i) for i in range(20_000)]
    assert picks == [choose_token(dist, seed=42, position=i) for i in range(20_000)]
    assert picks != [choose_token(dist, seed=43, position=i) for i in range(20_000)]
    freq = np.bincount(picks, minlength=4) / len(picks)
    assert np.allclose(freq, [0.4, 0.3, 0.2, 0.1], atol=0.015)
    assert draw_uniform(42, 7) == draw_uniform(42, 7) and 0.0 <= draw_uniform(42, 7) < 1.0


def test_greedy_always_takes_the_top_token() -> None:
    rng = np.random.default_rng(8)
    logits = random_logits(rng, 5000, "normal")
    for s in (SamplerSettings(temperature=0.0), SamplerSettings(greedy=True, temperature=1.5)):
        dist = next_token_distribution(logits, s)
        assert {choose_token(dist, seed=1, position=i) for i in range(50)} == {int(np.argmax(logits))}


# -- settings and bad input ---------------------------------------------------------------------------------------


def test_settings_out_of_range_name_the_setting() -> None:
    assert SamplerSettings().check() == SamplerSettings()
    with pytest.raises(SettingsError, match="temperature must be between 0 and 2"):
        SamplerSettings(temperature=3.0).check()
    with pytest.raises(SettingsError, match="top-p"):
        SamplerSettings(top_p=-0.1).check()
    with pytest.raises(SettingsError, match="top-k"):
        SamplerSettings(top_k=201).check()
    with pytest.raises(SettingsError, match="min-p"):
        SamplerSettings(min_p=float("nan")).check()
    clamped = SamplerSettings(temperature=9.0, top_k=-3, top_p=1.5, min_p=-1.0, repeat_penalty=0.2).clamped()
    assert (clamped.temperature, clamped.top_k, clamped.top_p, clamped.min_p, clamped.repeat_penalty) == (
        2.0, 0, 1.0, 0.0, 1.0,
    )


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.array([], dtype=np.float32), "non-empty 1-D"),
        (np.zeros((2, 3), dtype=np.float32), "non-empty 1-D"),
        (np.array([0.0, np.nan], dtype=np.float32), "NaN"),
        (np.array([-np.inf, -np.inf], dtype=np.float32), "-inf"),
    ],
)
def test_bad_logits_are_refused_with_a_reason(bad: np.ndarray, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        next_token_distribution(bad)
