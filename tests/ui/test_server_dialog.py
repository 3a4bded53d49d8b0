"""Models page → Connect to a server…: checking runs off the GUI thread, errors are said in the dialog, choosing a
model makes the server the active backend, and the local model is one click away."""

from __future__ import annotations

from desktop.ui.models_page import ModelsPage
from desktop.ui.server_dialog import KEY_URL, ServerDialog
from tests.server_stub import StubServer, recorded, slow


def test_connect_choose_and_go_back(qtbot, ctx) -> None:
    page = ModelsPage(ctx)
    qtbot.addWidget(page)
    assert not page.local_button.isVisibleTo(page)
    with StubServer(recorded("vllm")) as stub:
        dialog = ServerDialog(ctx, page)
        qtbot.addWidget(dialog)
        dialog.url.setText(stub.url)
        dialog.check_button.click()
        qtbot.waitUntil(lambda: dialog.use_button.isEnabled(), timeout=10_000)
        assert "vllm" in dialog.status.text() and dialog.models.count() == 1
        with qtbot.waitSignal(ctx.model.sig_backend_changed) as changed:
            dialog.use_button.click()
        assert changed.args[0].kind == "vllm"
        assert ctx.model.server is not None and ctx.model.server.model == "google/gemma-3-270m"
        assert ctx.db.get_setting(KEY_URL) == stub.url
        assert page.local_button.isVisibleTo(page) and "google/gemma-3-270m" in page.server_line.text()
    with qtbot.waitSignal(ctx.model.sig_backend_changed):
        page.local_button.click()
    assert ctx.model.server is None and not page.local_button.isVisibleTo(page)


def test_unreachable_server_is_said_in_the_dialog(qtbot, ctx) -> None:
    dialog = ServerDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.url.setText("http://127.0.0.1:9")
    dialog.check_button.click()
    qtbot.waitUntil(lambda: "connection refused" in dialog.status.text(), timeout=10_000)
    assert not dialog.use_button.isEnabled() and ctx.model.server is None


def test_a_slow_server_does_not_block_the_window(qtbot, ctx) -> None:
    routes = dict(recorded("vllm"))
    routes["GET /props"] = slow(1.0, (404, {}))
    with StubServer(routes) as stub:
        dialog = ServerDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.url.setText(stub.url)
        dialog.check_button.click()  # returns at once: the request runs on the model thread
        assert "Asking" in dialog.status.text() and not dialog.check_button.isEnabled()
        qtbot.waitUntil(lambda: dialog.use_button.isEnabled(), timeout=10_000)
    ctx.model.shutdown()


def test_tokenizer_page_uses_the_servers_tokenizer(qtbot, ctx) -> None:
    from desktop.core.llm.server import ServerClient
    from desktop.ui.tokenizer_page import TokenizerPage

    with StubServer(recorded("llama-server")) as stub:
        client = ServerClient(stub.url)
        client.check()
        page = TokenizerPage(ctx)
        qtbot.addWidget(page)
        ctx.model.use_server(client)
        qtbot.waitUntil(lambda: len(page.main_panel.view.chips) == 2, timeout=10_000)
        assert [c.token_id for c in page.main_panel.view.chips] == [28070, 13812]
        assert "on the server" in page.main_panel.heading.text()
        page.shutdown()
        ctx.model.shutdown()
