"""The inspector's results as plain JSON-ready dicts: what `studydesk attention|lens|surprisal --json` prints
and what the page shows (one source for both)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.core.llm.inspect import (
    Capture,
    InspectUnavailable,
    LensResult,
    ModelLayout,
    Surprisal,
    capture,
    fit_tokens,
    lens_at,
    lens_grid,
    surprisal,
)

if TYPE_CHECKING:
    from desktop.core.llm.engine import Engine


def token_texts(engine: Engine, ids: list[int]) -> list[str]:
    """Each token's own text (special tokens by name, e.g. <bos>)."""
    return [engine.piece(t) for t in ids]


def attention_report(engine: Engine, cap: Capture) -> dict[str, Any]:
    if cap.attention is None:
        raise ValueError(cap.missing.get("attention", "attention was not captured"))
    lay = cap.layout
    return {
        "model": engine.info.display_name,
        "tokens": [{"id": t, "text": s} for t, s in zip(cap.tokens, token_texts(engine, cap.tokens), strict=True)],
        "layers": lay.layers,
        "heads": lay.heads,
        "kv_heads": lay.kv_heads,
        "sliding_window": lay.sliding_window,
        "layer_kinds": list(lay.layer_kinds),
        "weights": cap.attention.astype(float).tolist(),
    }


def lens_report(engine: Engine, lens: LensResult) -> dict[str, Any]:
    def tok(i: int, p: float | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {"id": i, "text": engine.piece(i)}
        if p is not None:
            d["p"] = p
        return d

    return {
        "position": lens.position,
        "token": tok(lens.token_id),
        "final": tok(lens.final_id, lens.final_p),
        "layers": [
            {
                "layer": layer.layer,
                "top": [tok(i, p) for i, p in layer.top],
                "final_rank": layer.final_rank,
                "final_p": layer.final_p,
            }
            for layer in lens.layers
        ],
    }


def surprisal_report(engine: Engine, s: Surprisal) -> dict[str, Any]:
    return {
        "model": engine.info.display_name,
        "tokens": [{"id": x.token_id, "text": engine.piece(x.token_id), "p": x.p, "bits": x.bits} for x in s.scores],
        "mean_bits": s.mean_bits,
        "perplexity": s.perplexity,
    }


# What the page's jobs return (built on the model thread, where token texts can be looked up) ----------------

@dataclass(frozen=True)
class LensView:
    lens: LensResult | None
    texts: dict[int, str]  # token id -> text, for every id the lens names
    missing: str = ""  # why the lens is unavailable


@dataclass(frozen=True)
class PromptInspection:
    model: str
    tokens: list[int]
    texts: list[str]  # per position, <bos> first
    cut: int  # tokens cut from the end (MAX_TOKENS)
    layout: ModelLayout
    attention: Any  # np.ndarray (layers, heads, n, n) or None
    missing: dict[str, str]
    lens: LensView


def _lens_view(engine: Engine, cap: Capture, position: int, top: int) -> LensView:
    if "lens" in cap.missing:
        return LensView(None, {}, cap.missing["lens"])
    try:
        lens = lens_at(engine, cap, position, top)
    except InspectUnavailable as exc:  # e.g. no output_norm.weight: the attention view still works
        return LensView(None, {}, str(exc))
    ids = {lens.token_id, lens.final_id} | {i for layer in lens.layers for i, _ in layer.top}
    return LensView(lens, {i: engine.piece(i) for i in ids})


def inspect_prompt(engine: Engine, text: str, position: int | None = None, top: int = 5) -> PromptInspection:
    """Attention of every layer and head, and the lens at `position` (default: the last), from one decode."""
    tokens, cut = fit_tokens(engine.tokenize(text))
    if len(tokens) < 2:
        raise ValueError("type a text: the model needs at least one token after <bos>")
    pos = len(tokens) - 1 if position is None else max(0, min(position, len(tokens) - 1))
    cap = capture(engine, tokens, outputs=[pos])
    return PromptInspection(
        model=engine.info.display_name,
        tokens=tokens,
        texts=token_texts(engine, tokens),
        cut=cut,
        layout=cap.layout,
        attention=cap.attention,
        missing=dict(cap.missing),
        lens=_lens_view(engine, cap, pos, top),
    )


def lens_for(engine: Engine, tokens: list[int], position: int, top: int = 5) -> LensView:
    """The lens at another position of the same tokens (one more decode, attention not copied)."""
    cap = capture(engine, tokens, outputs=[position], attention=False)
    return _lens_view(engine, cap, position, top)


@dataclass(frozen=True)
class SurprisalView:
    model: str
    texts: list[str]  # per scored token
    scores: list[Any]  # TokenSurprisal, one per token after <bos>
    alt_texts: dict[int, str]
    mean_bits: float
    perplexity: float
    characters: int  # characters of the scored text, for bits per character across tokenizers
    cut: int

    @property
    def bits_per_character(self) -> float:
        return sum(s.bits for s in self.scores) / self.characters if self.characters else 0.0


def surprisal_view(engine: Engine, text: str) -> SurprisalView:
    s = surprisal(engine, engine.tokenize(text))
    texts = token_texts(engine, [x.token_id for x in s.scores])
    alt = {i: engine.piece(i) for x in s.scores for i, _ in x.alternatives}
    return SurprisalView(engine.info.display_name, texts, s.scores, alt, s.mean_bits, s.perplexity,
                         len("".join(texts)), s.cut)


GRID_MAX_TOKENS = 64  # every position is an output: llama.cpp then holds n × n_vocab logits (1 MB per token here)


@dataclass(frozen=True)
class LensGridView:
    texts: list[str]  # the tokens, per position
    top_texts: list[list[str]]  # [layer][position] the most likely next token
    top_p: Any  # np.ndarray (layers, n)
    final_rank: Any  # np.ndarray (layers, n)


def lens_grid_view(engine: Engine, tokens: list[int]) -> LensGridView:
    """The lens for every layer × position (one decode with every position as an output)."""
    if len(tokens) > GRID_MAX_TOKENS:
        raise ValueError(f"the grid of every position is drawn for texts up to {GRID_MAX_TOKENS} tokens "
                         f"(this one has {len(tokens)}); pick one position instead")
    cap = capture(engine, tokens, outputs="all", attention=False)
    grid = lens_grid(engine, cap)
    names = {int(i): engine.piece(int(i)) for i in set(grid.top_id.ravel().tolist())}
    top_texts = [[names[int(i)] for i in row] for row in grid.top_id]
    return LensGridView(token_texts(engine, tokens), top_texts, grid.top_p, grid.final_rank)
