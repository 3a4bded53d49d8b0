"""Shared fixtures: every test gets its own STUDYDESK_HOME, and no test may leave a thread running."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.model_fixtures import default_engine, default_model_path, model_ctx  # noqa: F401
from tests.server_fixtures import llama_server_url  # noqa: F401


@pytest.fixture(autouse=True)
def studydesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("STUDYDESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_thread_left_running():
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2.0
    while True:
        left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not left, f"test left threads running: {[t.name for t in left]}"
