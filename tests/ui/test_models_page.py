"""The Models page: lists and explains the default model, loads choices, refuses broken files inline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.llm.catalog import DEFAULT_MODEL
from desktop.core.llm.discovery import SOURCE_DEFAULT, SOURCE_OPENED
from desktop.ui.context import AppContext
from desktop.ui.model_facts import explain
from desktop.ui.model_settings import ModelSettingsBox
from desktop.ui.models_page import ModelsPage
from desktop.ui.workers import KEY_N_CTX, KEY_PATH, KEY_THREADS


@pytest.fixture
def linked_default(ctx: AppContext, default_model_path: Path) -> Path:
    """The session's default model linked into this test's models folder, verified (no second assembly)."""
    models = ctx.paths.models_dir
    models.mkdir(parents=True, exist_ok=True)
    (models / DEFAULT_MODEL.file).symlink_to(default_model_path)
    shutil.copy(default_model_path.with_name(DEFAULT_MODEL.file + ".verified"), models)
    return models / DEFAULT_MODEL.file


def _page(qtbot, ctx: AppContext) -> ModelsPage:
    page = ModelsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.listing and bool(page.models()), timeout=30_000)  # the folders are listed off the GUI thread
    return page


def test_default_model_is_listed_and_explained(qtbot, ctx: AppContext, linked_default: Path) -> None:
    page = _page(qtbot, ctx)
    first = page.models()[0]
    assert first.source == SOURCE_DEFAULT and first.path == linked_default
    qtbot.waitUntil(lambda: page.facts.values["parameters"].text() == "268,098,176", timeout=30_000)
    values = {k: v.text() for k, v in page.facts.values.items()}
    assert values["bits_per_weight"] == "7.55" and values["vocab_size"] == "262,144"
    assert values["layers"] == "18" and values["kv_heads"] == "1" and values["head_dim"] == "256"
    assert page.facts.types.rowCount() == 5
    assert page.facts.types.item(0, 0).text().startswith("Q8_0")
    assert page.facts.chart_box.isVisible() and page.facts.types.isVisible()
    text = page.facts.explanation.text()
    assert "7.55 bits" in text and "262,144" in text and "63%" in text and "Q4_K_M" in text
    # a message (here: a file that cannot be read) comes right under the title, without the empty grid and ring
    page.facts.show_message("x.gguf", "<p>why</p>")
    assert not page.facts.chart_box.isVisible() and not page.facts.grid_box.isVisible()
    assert not page.facts.types.isVisible() and page.facts.explanation.isVisible()


def test_explanation_reads_the_numbers(default_engine) -> None:
    text = explain(default_engine.info)
    assert "Why not ~4.5 bits" in text and "output layer" in text and "base model" in text


def test_loading_from_the_page_updates_page_and_status_bar(qtbot, window, linked_default: Path) -> None:
    window.show_page("models")
    page = window.page("models")
    qtbot.waitUntil(lambda: not page.listing and bool(page.models()), timeout=30_000)
    with qtbot.waitSignal(window.ctx.model.sig_loaded, timeout=60_000):
        page.load_selected()
    assert "Gemma 3 270m" in page.current.text() and "CPU" in page.current.text()
    assert window.model_label.text().startswith("Model: Gemma 3 270m · CPU · loaded in ")
    qtbot.waitUntil(lambda: page.list.topLevelItem(0).text(0).startswith("●"), timeout=30_000)  # listed again


def test_a_broken_file_is_refused_inline_and_the_model_stays(qtbot, model_ctx: AppContext, tmp_path: Path) -> None:
    page = _page(qtbot, model_ctx)
    before = model_ctx.model.engine_info
    for name, content, expected in [
        ("notes.gguf", b"Temperature: altera a forma da distribuicao", "not a GGUF file"),
        ("empty.gguf", b"", "empty"),
        ("cut.gguf", b"GGUF\x03\x00\x00\x00\x05\x00", "truncated"),
    ]:
        bad = tmp_path / name
        bad.write_bytes(content)
        page.open_path(bad)
        qtbot.waitUntil(lambda bad=bad: str(bad) in page.error.text(), timeout=30_000)
        assert expected in page.error.text() and page.error.isVisible()
    page.open_path(tmp_path)
    qtbot.waitUntil(lambda: "folder" in page.error.text(), timeout=30_000)
    assert model_ctx.model.engine_info is before
    assert model_ctx.db.get_setting(KEY_PATH) is None


def test_open_gguf_remembers_the_file_and_loads_it(qtbot, ctx: AppContext, default_model_path: Path,
                                                   tmp_path: Path) -> None:
    copy = tmp_path / "my-model.gguf"
    copy.symlink_to(default_model_path)
    page = _page(qtbot, ctx)
    with qtbot.waitSignal(ctx.model.sig_loaded, timeout=60_000):
        page.open_path(copy)
    assert ctx.db.get_setting(KEY_PATH) == str(copy)
    qtbot.waitUntil(lambda: not page.listing, timeout=30_000)
    assert any(m.source == SOURCE_OPENED and m.path == copy for m in page.models())
    again = _page(qtbot, ctx)  # a new page (next start) lists it too
    assert any(m.path == copy for m in again.models())


def test_settings_boxes_save_and_stay_in_step(qtbot, model_ctx: AppContext) -> None:
    one, two = ModelSettingsBox(model_ctx), ModelSettingsBox(model_ctx)
    qtbot.addWidget(one)
    qtbot.addWidget(two)
    one.threads.setValue(1)
    one.context.setCurrentIndex(one.context.findData(2048))
    with qtbot.waitSignal(model_ctx.model.sig_loaded, timeout=60_000):
        one.apply.click()  # saves and reloads the current model with these options
    assert model_ctx.db.get_setting(KEY_THREADS) == 1 and model_ctx.db.get_setting(KEY_N_CTX) == 2048
    assert two.threads.value() == 1 and two.context.currentData() == 2048
    assert model_ctx.model.loaded_options.n_ctx == 2048


def test_settings_page_has_the_model_box(qtbot, window) -> None:
    window.show_page("settings")
    box = window.page("settings").model_settings
    assert isinstance(box, ModelSettingsBox)
    assert box.gpu_layers.minimum() == -1 and box.gpu_note.text()


def test_a_file_that_would_abort_llama_cpp_is_tried_apart_and_refused(qtbot, model_ctx: AppContext, tmp_path: Path,
                                                                       monkeypatch) -> None:
    """A NaN RMS epsilon makes llama.cpp abort the process on the first token. Even with our header check switched
    off, the trial load in a child process takes the hit: the page shows llama.cpp's reason, the loaded model
    stays, and the file is not remembered."""
    from desktop.core.llm import gguf_info, probe
    from tests.core.llm_files import write_tiny_llama

    real_probe = probe.probe_model
    monkeypatch.setattr(gguf_info, "_check_hyperparameters", lambda *_args: None)
    monkeypatch.setattr(probe, "probe_model", lambda *a, **kw: real_probe(*a, **{**kw, "header_check": False}))
    bad = write_tiny_llama(tmp_path / "nan-eps.gguf", rms_eps=float("nan"))
    page = _page(qtbot, model_ctx)
    before = model_ctx.model.engine_info
    with qtbot.waitSignal(model_ctx.model.sig_load_failed, timeout=60_000) as failed:
        page.open_path(bad)
    assert "GGML_ASSERT(eps >= 0.0f)" in failed.args[0] and str(bad) in failed.args[0]
    assert "GGML_ASSERT" in page.error.text()
    assert model_ctx.model.engine_info is before
    assert model_ctx.db.get_setting(KEY_PATH) is None
    page.set_error("")
    page.inspect(bad)  # choosing it again: the remembered verdict is shown beside its header facts
    qtbot.waitUntil(lambda: "GGML_ASSERT" in page.error.text(), timeout=30_000)


def test_facts_fit_a_narrow_column(qtbot, ctx: AppContext, linked_default: Path) -> None:
    """At 1024×600 the four columns of facts were wider than their column: the right half was cut off."""
    page = _page(qtbot, ctx)
    page.resize(790, 560)  # the page's share of a 1024×600 window
    qtbot.waitUntil(lambda: page.facts.values["parameters"].text() == "268,098,176", timeout=30_000)
    # the two halves of the facts go one above the other: the column may be as narrow as one half
    assert page.facts.minimumSizeHint().width() < page.facts.grid_box.row_width()
    viewport = page.facts.parentWidget()
    for label in page.facts.values.values():
        qtbot.waitUntil(lambda label=label: label.mapTo(viewport, label.rect().topRight()).x() <= viewport.width())
    assert page.facts.chart_view.minimumWidth() >= page.facts.chart_view.fontMetrics().horizontalAdvance(
        page.facts.chart.title()) * 0.8  # the ring's title is not cut either


def test_a_slow_folder_listing_leaves_the_window_responsive(qtbot, ctx: AppContext, tmp_path: Path,
                                                            monkeypatch) -> None:
    """Listing a folder that takes seconds (a network drive, a huge Hugging Face cache) runs off the GUI thread:
    the page is built at once, says it is looking, a timer fires meanwhile, and the list fills in afterwards with
    the selection kept."""
    import threading
    import time

    from PySide6.QtCore import QTimer

    from desktop.core.llm import discovery

    models = ctx.paths.models_dir
    models.mkdir(parents=True, exist_ok=True)
    (models / "slow-one.gguf").write_bytes(b"GGUF" + bytes(60))
    release = threading.Event()
    real = discovery._ggufs_under

    def slow(root: Path, recursive: bool = True):
        release.wait(10)  # the folder answers only when the test says so
        return real(root, recursive)

    monkeypatch.setattr(discovery, "_ggufs_under", slow)
    started = time.monotonic()
    page = ModelsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert time.monotonic() - started < 5  # built without waiting for the folders
    assert page.listing and page.looking.isVisibleTo(page) and page.looking.text() == "Looking for models…"
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5_000)  # the event loop runs while the listing waits
    assert page.listing and page.models() == []
    release.set()
    qtbot.waitUntil(lambda: not page.listing, timeout=30_000)
    timer.stop()
    names = [m.path.name for m in page.models()]
    assert "slow-one.gguf" in names and not page.looking.isVisibleTo(page)
    page.select_path(models / "slow-one.gguf")
    release.clear()
    page.refresh()  # F5 / Rescan: the rows and the selection stay while the folders are listed again
    assert page.listing and page.selected_path() == models / "slow-one.gguf"
    release.set()
    qtbot.waitUntil(lambda: not page.listing, timeout=30_000)
    assert page.selected_path() == models / "slow-one.gguf"
