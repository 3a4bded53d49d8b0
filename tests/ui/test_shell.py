"""The app shell: navigation by click and shortcut, remembered size and page, About, clean close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import create_window
from desktop.ui.about import AboutDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import PAGES

EXPECTED = ["Lessons", "Sampling lab", "Tokenizer", "Memory & quantization", "Scaling laws",
            "Flashcards & quiz", "Models", "Settings", "Inside the model"]


def test_sidebar_lists_every_page_of_the_design(window: MainWindow) -> None:
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == EXPECTED


def test_each_page_is_reached_by_click(qtbot, window: MainWindow) -> None:
    for row, spec in enumerate(PAGES):
        item = window.sidebar.item(row)
        rect = window.sidebar.visualItemRect(item)
        qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_key() == spec.key
        assert window.stack.currentWidget() is window.page(spec.key)
        assert window.stack.currentWidget().objectName() == f"page-{spec.key}"


def test_each_page_is_reached_by_shortcut(qtbot, window: MainWindow) -> None:
    for n, spec in reversed(list(enumerate(PAGES, start=1))):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + n), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == spec.key, f"Ctrl+{n}"


def test_window_size_and_last_page_are_remembered(qtbot, ctx, window: MainWindow) -> None:
    window.resize(1234, 777)
    window.show_page("scaling")
    window.close()
    again = create_window(ctx)
    qtbot.addWidget(again)
    assert again.current_key() == "scaling"
    assert (again.width(), again.height()) == (1234, 777)
    again.close()


def test_links_are_routed_to_their_page(window: MainWindow) -> None:
    window.open_link("studydesk://memory?preset=course")
    assert window.current_key() == "memory"
    window.open_link("studydesk://nowhere/at-all")
    assert window.current_key() == "memory"
    assert "unknown place" in window.statusBar().currentMessage()


def test_status_bar_shows_model_state(window: MainWindow) -> None:
    window.ctx.sig_model_status.emit("Model: gemma-3-270m (CPU)")
    assert window.model_label.text() == "Model: gemma-3-270m (CPU)"


def test_about_box_lists_versions_and_the_model_license(qtbot, window: MainWindow) -> None:
    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "PySide6" in text and "llama_cpp_python" in text and "SQLAlchemy" in text
    assert "Gemma Terms of Use" in text
    assert dialog.terms_path is not None, "the default model package ships the full terms"
    dialog.show_terms()
    assert "Gemma" in dialog.terms_text.toPlainText() and len(dialog.terms_text.toPlainText()) > 2000


def test_settings_page_switches_language_and_theme(qtbot, window: MainWindow) -> None:
    window.show_page("settings")
    page = window.page("settings")
    with qtbot.waitSignal(window.ctx.sig_language_changed) as blocker:
        page.language.setCurrentIndex(page.language.findData("pt-BR"))
    assert blocker.args == ["pt-BR"]
    assert window.ctx.db.get_setting("content_language") == "pt-BR"
    with qtbot.waitSignal(window.ctx.sig_theme_changed) as blocker:
        page.theme.setCurrentIndex(page.theme.findData("dark"))
    assert blocker.args == [True]
    assert QApplication.instance().palette().base().color().lightness() < 80


def test_the_window_follows_the_desktop_colour_scheme(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    assert window.ctx.db.get_setting("theme", "system") == "system"
    with qtbot.waitSignal(window.ctx.sig_theme_changed):
        QApplication.instance().styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)


def test_damaged_database_is_reported_to_the_user(qtbot, ctx, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    win = create_window(ctx)
    qtbot.addWidget(win)
    win.report_startup(["Your progress database could not be read, so it was moved aside to X."])
    assert shown and "moved aside" in shown[0]
    # In pt-BR the core's report reads in Portuguese (desktop/ui/i18n/core_text.py).
    ctx.set_language("pt-BR")
    win.report_startup(["Your progress database was damaged, so it was moved aside to /tmp/x.db.",
                        "No good backup was found, so a fresh database was started."])
    assert shown[-1] == ("Seu banco de dados de progresso estava danificado, então foi movido para /tmp/x.db.\n\n"
                         "Nenhum backup bom foi encontrado, então um banco de dados novo foi criado.")
    ctx.set_language("en")
    win.close()


def test_quit_has_a_key_on_every_platform(window: MainWindow) -> None:
    assert window.quit_action.shortcuts(), "File → Quit shows no key (none on Windows or a bare desktop)"


def test_gui_with_unwritable_data_dir_shows_dialog_and_quits(tmp_path: Path, qapp, monkeypatch) -> None:
    from desktop.app import run_gui

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("STUDYDESK_HOME", str(blocker / "home"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    assert run_gui() == 2
    assert shown and str(blocker) in shown[0]



@pytest.mark.parametrize("mode", ["light", "dark"])
def test_disabled_controls_are_greyed_in_both_themes(qapp, mode: str) -> None:
    from PySide6.QtGui import QPalette

    from desktop.ui.theme import apply_theme

    before = qapp.palette()
    try:
        apply_theme(qapp, mode)
        palette = qapp.palette()
        for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
            active = palette.color(QPalette.ColorGroup.Active, role)
            disabled = palette.color(QPalette.ColorGroup.Disabled, role)
            assert abs(active.lightness() - disabled.lightness()) >= 60, (mode, role)
    finally:
        qapp.setPalette(before)


def test_dark_theme_check_box_and_radio_rims_show(qtbot, qapp) -> None:
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    from desktop.ui.theme import apply_theme

    before = qapp.palette()
    try:
        apply_theme(qapp, "dark")
        window_lightness = qapp.palette().color(qapp.palette().ColorRole.Window).lightness()
        for widget in (QCheckBox("x"), QRadioButton("x")):
            qtbot.addWidget(widget)
            image = widget.grab().toImage()
            rim = max(image.pixelColor(x, y).lightness() for x in range(min(16, image.width()))
                      for y in range(image.height()))
            assert rim >= window_lightness + 50, type(widget).__name__
    finally:
        apply_theme(qapp, "light")
        qapp.setPalette(before)


def test_a_deleted_page_ignores_app_wide_signals(qtbot, ctx) -> None:  # noqa: ANN001
    # Pages connect to signals of the context, which outlives them; a lambda holding the page would keep firing
    # into its deleted widgets (pytest-qt fails the test on the RuntimeError raised in the slot).
    from PySide6.QtCore import QCoreApplication, QEvent

    from desktop.ui.pages import PAGES

    for spec in PAGES:
        spec.build(ctx).deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ctx.sig_model_status.emit("Model: not loaded")
    ctx.sig_theme_changed.emit(True)
    ctx.sig_language_changed.emit("en")
    ctx.model.sig_loading.emit("model.gguf")
    ctx.model.sig_progress.emit(0.5)
    ctx.model.sig_options_changed.emit(ctx.model.settings_options())
