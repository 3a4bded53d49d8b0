"""The GGUF the app has loaded, if any, summarized for the calculators.

The model thread (`ctx.model`, ui/workers.py) inspected the loaded file's header when it loaded it; the summary is
built from that, so the GUI thread never reads the file again. Files the student opens here are read once per path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.calc.gguf_types import GGUFSummary, summarize_gguf, summary_from_info

_cache: dict[Path, GGUFSummary] = {}


def summary_for(path: Path) -> GGUFSummary:
    """Raises GGUFReadError naming the file when it cannot be read."""
    if path not in _cache:
        _cache[path] = summarize_gguf(path)
    return _cache[path]


def loaded_summary(ctx: Any) -> tuple[GGUFSummary | None, str | None]:
    """(summary, None), or (None, why not) — the reason is shown to the student, never raised."""
    info = getattr(getattr(ctx, "model", None), "engine_info", None)
    if info is None:
        return None, None
    try:
        return summary_from_info(info), None
    except (KeyError, ValueError) as exc:  # a tensor type gguf-py does not know
        return None, f"{info.path}: cannot summarize its tensor types ({exc})"
