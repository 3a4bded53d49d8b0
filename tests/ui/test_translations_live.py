"""A live language switch with the model at work: the Sampling lab (after a generation and a comparison, and on an
inference server's model), Inside the model, Models and Tokenizer say nothing in the previous language."""

from __future__ import annotations

import pytest

from desktop.core.llm.server import ServerClient
from desktop.ui.main_window import MainWindow
from tests.server_stub import StubServer, recorded
from tests.ui.test_translations import CHANGED_SOURCES, EN_ONLY, PT_ONLY, left_in, settle, texts_of

KEYS = ["lab", "inside", "models", "tokenizer"]
WAIT = 60_000


def _stale(window: MainWindow, first: str, then: str) -> dict[str, list[str]]:
    window.ctx.set_language(first)
    settle()
    before = {key: texts_of(window.page(key)) for key in KEYS}
    window.ctx.set_language(then)
    settle()
    words, sources = (EN_ONLY, CHANGED_SOURCES) if then == "pt-BR" else (PT_ONLY, set())
    problems = {}
    for key in KEYS:
        # the chart's token labels ("␣and") are the model's text, not interface
        stale = [t for t in left_in(words, before[key], texts_of(window.page(key)), sources) if "␣" not in t]
        if stale:
            problems[key] = stale
    return problems


@pytest.mark.parametrize("on_server", [False, True], ids=["local", "server"])
def test_a_live_switch_reaches_the_model_pages(qtbot, window: MainWindow, model_ctx, on_server: bool) -> None:
    ctx = window.ctx
    for key in KEYS:
        window.show_page(key)
    lab, inside = window.page("lab"), window.page("inside")
    qtbot.waitUntil(lambda: inside.result is not None, timeout=WAIT)
    with StubServer(recorded("llama-server")) as server:
        window.show_page("lab")
        if on_server:
            client = ServerClient(server.url)
            client.check()
            with qtbot.waitSignal(ctx.model.sig_backend_changed):
                ctx.model.use_server(client)
            qtbot.waitUntil(lambda: lab.server_lab.dist is not None, timeout=WAIT)
        else:
            qtbot.waitUntil(lambda: lab.distribution() is not None, timeout=WAIT)
            lab.generate()
            qtbot.waitUntil(lambda: not lab.is_busy, timeout=WAIT)
            lab.compare()
            qtbot.waitUntil(lambda: not lab.compare_tab.busy, timeout=WAIT)
            assert lab.compare_tab.pane_a.summary.text()
        for first, then in (("en", "pt-BR"), ("pt-BR", "en")):
            problems = _stale(window, first, then)
            assert not problems, f"still in the previous language after switching to {then}: {problems}"
        if on_server:
            ctx.model.use_local()
