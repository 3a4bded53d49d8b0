"""The GGUF the app has loaded, if any, summarized for the calculators.

The model thread (`ctx.model`, ui/workers.py) knows which file is loaded; this module summarizes that file once
per path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.calc.gguf_types import GGUFReadError, GGUFSummary, summarize_gguf

_cache: dict[Path, GGUFSummary] = {}


def loaded_gguf_path(ctx: Any) -> Path | None:
    """The file the model thread has loaded: ctx.model.engine_info.path (ui/workers.py), or None."""
    info = getattr(getattr(ctx, "model", None), "engine_info", None)
    path = getattr(info, "path", None)
    return Path(path) if path else None


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
