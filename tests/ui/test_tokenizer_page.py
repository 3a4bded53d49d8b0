"""The Tokenizer page: chips with ids, counts, and another model's tokenizer cutting the same text."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.context import AppContext
from desktop.ui.tokenizer_page import TokenizerPage, visible_piece
from desktop.ui.workers import KEY_RECENT
from tests.core.llm_files import write_char_tokenizer_gguf


def _page(qtbot, ctx: AppContext) -> TokenizerPage:
    page = TokenizerPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.listing, timeout=30_000)  # the models to compare with are listed off the GUI thread
    return page


def test_whitespace_and_partial_bytes_are_visible() -> None:
    assert visible_piece(b" the", "normal") == "␣the"
    assert visible_piece(b"\n", "normal") == "↵"
    assert visible_piece(b"\xc3", "byte") == "<0xC3>"
    assert visible_piece(b"<bos>", "control") == "<bos>"


def test_pt_br_text_becomes_chips_and_counts(qtbot, model_ctx: AppContext, default_engine) -> None:
    page = _page(qtbot, model_ctx)
    text = "É importante manter sempre o mesmo tokenizer."
    page.editor.setPlainText(text)
    ids = default_engine.tokenize(text, add_bos=False)
    qtbot.waitUntil(lambda: [c.token_id for c in page.main_panel.chips] == ids, timeout=30_000)
    assert [c.shown for c in page.main_panel.chips][:3] == ["É", "␣importante", "␣manter"]
    counts = page.main_panel.counts.text()
    assert f"<b>{len(ids)}</b> tokens" in counts and f"{len(text)} characters" in counts and "7 words" in counts
    assert "Gemma 3 270m" in page.main_panel.heading.text()


def test_english_text_and_tooltips(qtbot, model_ctx: AppContext) -> None:
    page = _page(qtbot, model_ctx)
    page.editor.setPlainText("Always keep the same tokenizer 🙂")
    qtbot.waitUntil(lambda: bool(page.main_panel.chips) and page.main_panel.chips[0].shown == "Always", timeout=30_000)
    view = page.main_panel.view
    assert view.chip_at(view._rects[0].center().x(), view._rects[0].center().y()) is page.main_panel.chips[0]


def test_another_tokenizer_cuts_the_same_text_differently(qtbot, model_ctx: AppContext, tmp_path: Path) -> None:
    other = write_char_tokenizer_gguf(tmp_path / "chars.gguf")
    model_ctx.db.set_setting(KEY_RECENT, [str(other)])
    page = _page(qtbot, model_ctx)
    page.editor.setPlainText("tokenizer")
    qtbot.waitUntil(lambda: len(page.main_panel.chips) == 1, timeout=30_000)
    page.compare.setCurrentIndex(page.compare.findData(str(other)))
    qtbot.waitUntil(lambda: len(page.other_panel.chips) == 10, timeout=30_000)
    assert page.other_panel.isVisible()
    assert [c.shown for c in page.other_panel.chips][1:4] == ["t", "o", "k"]


def test_without_a_model_the_page_says_so(qtbot, ctx: AppContext) -> None:
    page = _page(qtbot, ctx)
    assert "No model is loaded" in page.main_panel.counts.text()
    assert page.main_panel.chips == []


def test_the_loaded_model_is_not_offered_to_compare_with_itself(qtbot, model_ctx: AppContext) -> None:
    page = _page(qtbot, model_ctx)
    loaded = model_ctx.model.engine_info.path.resolve()
    listed = [page.compare.itemData(i) for i in range(page.compare.count())]
    assert all(Path(p).resolve() != loaded for p in listed if p)
    if not any(listed):
        assert "No other model found" in page.compare.itemText(1)
        assert not page.compare.model().item(1).isEnabled()


def test_tab_leaves_the_editor_instead_of_typing_a_tab(qtbot, ctx: AppContext) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    page = _page(qtbot, ctx)
    page.activateWindow()
    page.editor.setFocus()
    qtbot.waitUntil(lambda: page.editor.hasFocus())
    before = page.text()
    qtbot.keyClick(page.editor, Qt.Key.Key_Tab)
    assert page.text() == before and "\t" not in page.text()
    assert QApplication.focusWidget() is not page.editor


def test_a_slow_folder_listing_leaves_the_page_responsive(qtbot, ctx: AppContext, tmp_path: Path,
                                                          monkeypatch) -> None:
    """The compare list is filled from a listing that runs off the GUI thread: "Looking for models…" meanwhile,
    the other model afterwards."""
    import threading

    from desktop.core.llm import discovery

    other = write_char_tokenizer_gguf(tmp_path / "chars.gguf")
    ctx.db.set_setting(KEY_RECENT, [str(other)])
    release = threading.Event()
    real = discovery.discover_models

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr("desktop.ui.tokenizer_page.discover_models", slow)
    page = TokenizerPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.listing and page.compare.itemText(1) == "Looking for models…"
    qtbot.wait(100)  # the event loop turns while the listing waits
    release.set()
    qtbot.waitUntil(lambda: page.compare.findData(str(other)) > 0, timeout=30_000)
    assert not page.listing
