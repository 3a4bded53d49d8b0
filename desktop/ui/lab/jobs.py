"""What the lab asks the model thread for (these functions run there, never on the GUI thread)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from desktop.core.sampling import SamplerSettings, fit_prompt, top_sorted
from desktop.core.sampling_trace import TRACE_ROWS

PIECES_FOR_CHART = TRACE_ROWS  # pieces of the top raw tokens sent with the logits (the chart's labels)
ALTERNATIVES = 8


@dataclass(frozen=True)
class NextResult:
    """What a model job sends back for the chart: the logits after the current text, and token texts."""

    prompt_text: str
    prompt_ids: list[int]
    context_ids: list[int]  # prompt_ids + generated ids: what the logits are for
    cut: int  # prompt tokens cut from the left to fit the context
    n_ctx: int
    logits: np.ndarray | None  # None when the text ended with an end-of-generation token
    pieces: dict[int, str]


class LiveSettings:
    """The sampler settings a running generation reads before each token; the GUI thread replaces them when a
    slider moves, so a change applies from the next token. (One reference swap: atomic in CPython.)"""

    def __init__(self, settings: SamplerSettings) -> None:
        self._settings = settings
        self._lock = threading.Lock()

    def get(self) -> SamplerSettings:
        with self._lock:
            return self._settings

    def set(self, settings: SamplerSettings) -> None:
        with self._lock:
            self._settings = settings


class PieceCache:
    """Token texts for the chart rows of every generated position: the same few hundred tokens come back at
    nearly every position, so each is asked from llama.cpp once per run."""

    def __init__(self, engine) -> None:
        self._engine = engine
        self._pieces: dict[int, str] = {}

    def __call__(self, token_id: int) -> str:
        text = self._pieces.get(token_id)
        if text is None:
            text = self._pieces[token_id] = self._engine.piece(token_id)
        return text

    def many(self, ids) -> dict[int, str]:
        return {int(t): self(int(t)) for t in ids}


def prompt_ids(engine, prompt: str, reserve: int) -> tuple[list[int], int]:
    return fit_prompt(engine.tokenize(prompt), engine.n_ctx, reserve, keep_first=engine.bos_token_id)


def next_result(engine, prompt: str, ids: list[int], cut: int, generated: list[int]) -> NextResult:
    context = ids + generated
    logits = engine.next_logits(context)
    pieces = {int(t): engine.piece(int(t)) for t in top_sorted(logits, PIECES_FOR_CHART).tolist()}
    return NextResult(prompt, ids, context, cut, engine.n_ctx, logits, pieces)
