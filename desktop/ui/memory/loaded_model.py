"""The GGUF the app has loaded, if any, summarized for the calculators.

The model runtime puts its model on `ctx.model`; this module only reads a path from it (duck-typed, so the page
works whether or not the runtime is there) and summarizes the file once per path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.calc.gguf_types import GGUFReadError, GGUFSummary, summarize_gguf

_cache: dict[Path, GGUFSummary] = {}


def loaded_gguf_path(ctx: Any) -> Path | None:
    model = getattr(ctx, "model", None)
    if model is None:
        return None
    # ModelService.engine_info is the loaded file's GGUFInfo (ui/workers.py); the others are fallbacks.
    holders = (getattr(model, "engine_info", None), model, getattr(model, "info", None))
    for holder in holders:
        if holder is None:
            continue
        for attr in ("path", "model_path", "gguf_path"):
            value = getattr(holder, attr, None)
            if callable(value):
                continue
            if isinstance(value, str | Path) and str(value).endswith(".gguf"):
                return Path(value)
    return None


def summary_for(path: Path) -> GGUFSummary:
    """Raises GGUFReadError naming the file when it cannot be read."""
    if path not in _cache:
        _cache[path] = summarize_gguf(path)
    return _cache[path]


def loaded_summary(ctx: Any) -> tuple[GGUFSummary | None, str | None]:
    """(summary, None), or (None, why not) — the reason is shown to the student, never raised."""
    path = loaded_gguf_path(ctx)
    if path is None:
        return None, None
    try:
        return summary_for(path), None
    except GGUFReadError as exc:
        return None, str(exc)
