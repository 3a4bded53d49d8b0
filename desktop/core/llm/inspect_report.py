"""The inspector's results as plain JSON-ready dicts: what `studydesk attention|lens|surprisal --json` prints
and what the page shows (one source for both)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.core.llm.inspect import Capture, LensResult, Surprisal

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
