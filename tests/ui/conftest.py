"""GUI fixtures: an AppContext on a fresh STUDYDESK_HOME and the real main window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.app import create_context, create_window
from desktop.core.paths import app_paths
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.zoom import DEFAULT_ZOOM, apply_zoom


@pytest.fixture(autouse=True)
def english_first_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh home starts in English whatever the machine's locale, so tests do not depend on it (the first
    start's choice from the system locale has its own test)."""
    monkeypatch.setattr("desktop.ui.context.system_language", lambda: "en")


@pytest.fixture
def ctx(qapp) -> Iterator[AppContext]:
    apply_zoom(DEFAULT_ZOOM)  # every test starts from the same interface font (10 pt at least, see zoom.py)
    context = create_context(app_paths())
    yield context
    context.model.shutdown()  # a no-op unless the test used the model thread
    context.files.shutdown()  # file jobs (model listings, imports) still running
    apply_zoom(DEFAULT_ZOOM)  # the application font outlives the test: the next one starts at 100 %
    context.db.close()


@pytest.fixture
def window(qtbot, ctx: AppContext) -> Iterator[MainWindow]:
    win = create_window(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
