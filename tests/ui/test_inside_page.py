"""The "Inside the model" page on the real default model: layer/head switches, token clicks, the lens position,
surprisal hover, links, and a view that says why it is unavailable."""

from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolTip

from desktop.ui.context import AppContext
from desktop.ui.inside import InsidePage
from desktop.ui.inside.attention_view import shown


def _page(qtbot, ctx: AppContext) -> InsidePage:
    page = InsidePage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: page.result is not None, timeout=30_000)
    return page


def test_layer_head_and_token_drive_the_views(qtbot, model_ctx: AppContext, default_engine) -> None:
    page = _page(qtbot, model_ctx)
    result = page.result
    assert result.tokens == default_engine.tokenize(page.text())
    a = result.attention
    assert a.shape[:2] == (18, 4)
    assert np.allclose(page.heatmap.weights, a[0].mean(axis=0))
    page.layer_box.setCurrentIndex(5)  # a global layer
    assert page.layer == 5 and np.allclose(page.heatmap.weights, a[5].mean(axis=0))
    assert "Global layer" in page.layer_note.text() and "share 1 key/value" in page.layer_note.text()
    page.head_box.setCurrentIndex(2)  # head 1
    assert page.head == 1 and np.array_equal(page.heatmap.weights, a[5][1])
    assert "K/V head 0" in page.head_box.currentText()
    # the strip: clicking the average thumbnail goes back to the average (its rectangles exist once it is painted)
    qtbot.waitUntil(lambda: bool(page.strip._rects), timeout=5_000)
    index, rect = page.strip._rects[-1]
    assert index == -1
    qtbot.mouseClick(page.strip, Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.head == -1 and page.head_box.currentIndex() == 0
    # clicking a row label of the heatmap selects the token the head view draws from
    grid, cell = page.heatmap._layout()
    qtbot.mouseClick(page.heatmap, Qt.MouseButton.LeftButton, pos=QPoint(grid.left() - 10, int(grid.top() + 3.5 * cell)))
    assert page.selected == 3 and page.head_view.selected == 3
    assert "Token 3" in page.head_caption.text()
    # clicking a token in the head view works too
    qtbot.mouseClick(page.head_view, Qt.MouseButton.LeftButton, pos=QPoint(20, 8 + 5 * page.head_view.ROW + 5))
    assert page.selected == 5
    # the keyboard: Tab reaches the map, ↑/↓/Home/End choose the token as a click does
    assert page.heatmap.focusPolicy() & Qt.FocusPolicy.TabFocus
    page.heatmap.setFocus()
    qtbot.keyClick(page.heatmap, Qt.Key.Key_Down)
    assert page.selected == 6 and page.head_view.selected == 6
    qtbot.keyClick(page.heatmap, Qt.Key.Key_Home)
    assert page.selected == 0
    qtbot.keyClick(page.heatmap, Qt.Key.Key_End)
    assert page.selected == len(result.tokens) - 1


def test_lens_position_and_surprisal_hover(qtbot, model_ctx: AppContext, default_engine) -> None:
    page = _page(qtbot, model_ctx)
    lens = page.result.lens.lens
    assert lens.position == len(page.result.tokens) - 1 and len(lens.layers) == 18
    assert page.lens_panel.table.rowCount() == 18 and page.lens_panel.series.count() == 18
    page.tabs.setCurrentIndex(1)
    page.lens_panel.position.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.lens_panel.table.rowCount() == 18 and "After" in page.lens_panel.summary.text(),
                    timeout=30_000)
    tokens = page.result.tokens
    final = int(np.argmax(default_engine.next_logits(tokens[:3])))
    assert page.lens_panel.table.item(17, 2).text() == "1"
    assert default_engine.piece(final).strip() in page.lens_panel.table.item(17, 1).text().replace("␣", " ")
    page.tabs.setCurrentIndex(2)
    view = page.surprisal_main.text_view
    qtbot.waitUntil(lambda: view.view is not None, timeout=30_000)
    assert len(view.view.scores) == len(tokens) - 1
    assert "perplexity" in page.surprisal_main.summary.text()
    rect = view._rects[1]
    qtbot.mouseMove(view, rect.center())
    view.mouseMoveEvent(_move(view, rect.center()))
    tip = QToolTip.text()
    assert "bits" in tip and "expected" in tip and tip == view.tooltip_for(1)


def _move(widget, point):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    return QMouseEvent(QEvent.Type.MouseMove, QPointF(point), QPointF(widget.mapToGlobal(point)),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)


def test_links_open_the_right_tab_layer_and_head(qtbot, model_ctx: AppContext) -> None:
    from desktop.core.links import parse_link

    page = _page(qtbot, model_ctx)
    page.open_link(parse_link("studydesk://inside/attention?prompt=O%20gato%20dorme&layer=11&head=2"))
    qtbot.waitUntil(lambda: page.result is not None and len(page.result.tokens) == 5, timeout=30_000)
    assert page.text() == "O gato dorme" and page.tabs.currentIndex() == 0
    assert page.layer == 11 and page.head == 2 and page.layer_box.currentIndex() == 11
    page.open_link(parse_link("studydesk://inside/lens?prompt=A%20capital%20do%20Brasil%20%C3%A9&position=2"))
    qtbot.waitUntil(lambda: page.result is not None and page.result.lens.lens is not None
                    and page.result.lens.lens.position == 2, timeout=30_000)
    assert page.tabs.currentIndex() == 1 and page.lens_panel.position.currentIndex() == 2
    page.open_link(parse_link("studydesk://inside/surprisal?text=Era%20uma%20vez"))
    qtbot.waitUntil(lambda: page.surprisal_main.text_view.view is not None, timeout=30_000)
    assert page.tabs.currentIndex() == 2 and page.text() == "Era uma vez"


def test_missing_attention_says_why_and_keeps_the_lens(qtbot, model_ctx: AppContext) -> None:
    page = _page(qtbot, model_ctx)
    broken = dataclasses.replace(page.result, attention=None,
                                 missing={"attention": "the graph has no kq_soft_max tensors"})
    page._on_inspection(broken)
    assert page.attention_missing.isVisibleTo(page)
    assert "kq_soft_max" in page.attention_missing.text()
    assert page.heatmap.weights is None and page.lens_panel.table.rowCount() == 18
    page._on_error("llama_decode failed (code 1)")
    assert page.result is None and page.lens_panel.table.rowCount() == 0 and "failed" in page.status.text()


def test_surprisal_side_by_side_with_a_second_model_from_disk(qtbot, model_ctx: AppContext, default_model_path,
                                                               tmp_path) -> None:
    page = _page(qtbot, model_ctx)
    second = tmp_path / "same-weights-elsewhere.gguf"
    second.symlink_to(default_model_path)  # another file on disk: loaded as a second model on the model thread
    page.tabs.setCurrentIndex(2)
    page.compare_with(str(second))
    assert page.compare.currentData() == str(second)
    main, other = page.surprisal_main.text_view, page.surprisal_other.text_view
    qtbot.waitUntil(lambda: main.view is not None and other.view is not None, timeout=60_000)
    assert page.surprisal_other.isVisibleTo(page)
    assert [s.token_id for s in other.view.scores] == [s.token_id for s in main.view.scores]
    assert np.allclose([s.p for s in other.view.scores], [s.p for s in main.view.scores], rtol=1e-4)
    assert "perplexity" in page.surprisal_other.summary.text()
    assert model_ctx.model._second is not None and model_ctx.model._second.path == second
    page.compare.setCurrentIndex(0)  # back to one model: the second one is closed on the model thread
    assert not page.surprisal_other.isVisibleTo(page)
    qtbot.waitUntil(lambda: model_ctx.model._second is None, timeout=10_000)


def test_lens_grid_of_every_position(qtbot, model_ctx: AppContext, default_engine) -> None:
    page = _page(qtbot, model_ctx)
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.lens_panel.grid_button, Qt.MouseButton.LeftButton)
    grid = page.lens_panel.grid
    n = len(page.result.tokens)
    qtbot.waitUntil(lambda: grid.columnCount() == n and grid.rowCount() == 18, timeout=60_000)
    # the top row is the last layer: the model's own next token at every position
    tokens = page.result.tokens
    for c in (0, n - 1):
        expected = int(np.argmax(default_engine.next_logits(tokens[: c + 1])))
        assert grid.item(0, c).text() == shown(default_engine.piece(expected))
        assert grid.item(0, c).font().bold()  # rank 1: it is the final prediction
    assert "ranks" in grid.item(17, 0).toolTip()


def test_heads_strip_leaves_room_for_the_head_names_at_a_large_zoom(qtbot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from desktop.ui.inside.attention_view import HeadsStrip

    strip = HeadsStrip()
    qtbot.addWidget(strip)
    font = QFont(strip.font())
    font.setPointSizeF(15)  # 150 % of the 10 pt interface font
    strip.setFont(font)
    line = QFontMetrics(font).height()
    # the "shares K/V head" line above, the thumbnail, the head name below (cut off at 150 % with a fixed height)
    assert strip.sizeHint().height() >= HeadsStrip.THUMB + 2 * line + 8
    assert strip.minimumSizeHint().height() == strip.sizeHint().height()


def test_the_first_text_is_in_the_interface_language(qtbot, ctx: AppContext) -> None:
    ctx.set_language("en")
    page = InsidePage(ctx)
    qtbot.addWidget(page)
    assert page.text() == "The cat sleeps on the sofa because it is tired."
    ctx.set_language("pt-BR")
    page_pt = InsidePage(ctx)
    qtbot.addWidget(page_pt)
    assert page_pt.text() == "O gato dorme no sofá porque ele está cansado."
    page.shutdown()
    page_pt.shutdown()


def test_erasing_the_text_while_it_is_evaluated_keeps_the_prompt_line(qtbot, model_ctx: AppContext) -> None:
    page = InsidePage(model_ctx)  # its first evaluation is on its way
    qtbot.addWidget(page)
    page.show()
    page.editor.setPlainText("")
    page.run()
    qtbot.wait(2_000)  # the first answer would have arrived by now (it took about half a second)
    assert page.result is None and page.status.text() == "Type a text to look inside the model."
    page.shutdown()


def test_in_a_short_window_the_lens_grid_takes_the_room(qtbot, model_ctx: AppContext) -> None:
    page = _page(qtbot, model_ctx)
    page.resize(1000, 540)  # the page's share of a 1024×600 window
    page.tabs.setCurrentIndex(1)
    lens = page.lens_panel
    qtbot.mouseClick(lens.grid_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lens.grid.rowCount() == 18, timeout=60_000)
    # one grid row beside a chart with its labels piled up was unreadable: the grid gets the whole height
    assert lens.vsplit.sizes()[0] == 0 and lens.grid.height() > 5 * lens.grid.rowHeight(0)
    page.run()  # the next text: the table and chart come back
    qtbot.waitUntil(lambda: not lens.grid.isVisible() and lens.vsplit.sizes()[0] > 0, timeout=30_000)


def test_heatmap_labels_follow_the_interface_zoom(qtbot) -> None:
    from PySide6.QtGui import QFont

    from desktop.ui.inside.attention_view import HeatmapView

    view = HeatmapView()
    qtbot.addWidget(view)
    before = view.font_small.pointSizeF()
    font = QFont(view.font())
    font.setPointSizeF(view.font().pointSizeF() * 1.5)  # 150 %
    view.setFont(font)
    assert view.font_small.pointSizeF() > before * 1.4  # they stayed at the 100 % size


def test_a_slow_folder_listing_leaves_the_page_responsive(qtbot, ctx: AppContext, tmp_path, monkeypatch) -> None:
    """The 'Compare with' list is filled from a listing that runs off the GUI thread (#10: never block the GUI
    thread on a file): the page is built at once and the other model appears once the folders answer."""
    import threading

    from desktop.core.llm import discovery
    from desktop.ui.workers import KEY_RECENT
    from tests.core.llm_files import write_char_tokenizer_gguf

    other = write_char_tokenizer_gguf(tmp_path / "chars.gguf")
    ctx.db.set_setting(KEY_RECENT, [str(other)])
    release = threading.Event()
    real = discovery.discover_models

    def slow(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr("desktop.ui.inside.page.discover_models", slow)
    page = InsidePage(ctx)
    qtbot.addWidget(page)
    assert page.listing and page.compare.findData(str(other)) < 0
    qtbot.wait(100)  # the event loop turns while the listing waits
    release.set()
    qtbot.waitUntil(lambda: page.compare.findData(str(other)) > 0, timeout=30_000)
    assert not page.listing
    page.shutdown()
