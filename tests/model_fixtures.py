"""Session fixtures for tests that need the real default model (imported by tests/conftest.py).

- `default_model_path`: the Gemma 3 270M GGUF, assembled once from the installed package into a folder that
  outlives test sessions (beside pytest's own temporary folders), so later sessions reuse it without rehashing.
- `default_engine`: that model loaded once per test session (an Engine; read-only use please: do not close it).
  It runs on one thread at a time: a UI test that hands it to the model thread (`model_ctx`) gets it back
  when the ModelService shuts down.
- `model_ctx`: a GUI AppContext (needs tests/ui's `ctx`) whose ModelService uses `default_engine`.

Tests skip with a clear reason when the model package is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

TEST_LOAD_THREADS = 1  # the test machine's 2 cores are shared; 1 thread degrades least under contention


@pytest.fixture(scope="session")
def default_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from desktop.core.llm.catalog import ModelPackageMissing, default_model_path

    folder = tmp_path_factory.getbasetemp().parent / "studydesk-models"
    try:
        return default_model_path(folder)
    except ModelPackageMissing as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def default_engine(default_model_path: Path):
    from desktop.core.llm.engine import Engine, LoadOptions

    engine = Engine.load(default_model_path, LoadOptions(n_ctx=4096, n_threads=TEST_LOAD_THREADS))
    yield engine
    engine.close()


@pytest.fixture
def model_ctx(ctx, qtbot, default_engine) -> Iterator:
    """`ctx` with the session's engine on its model thread (no second load); shut down after the test."""
    with qtbot.waitSignal(ctx.model.sig_loaded, timeout=30_000):
        ctx.model.use_engine(default_engine)
    yield ctx
    ctx.model.shutdown()
