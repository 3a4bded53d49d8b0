"""The Lessons page: table of contents, reader, search jump, read marks, previous/next, zoom, language, links.

Most tests use three small lessons written to a temporary content folder (deterministic); the routing tests use
the real window and the real content/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextCursor

from desktop.core.lessons.progress import read_marks
from desktop.core.lessons.reader import DARK, LIGHT, point_size
from desktop.ui.context import AppContext
from desktop.ui.lessons import LessonsPage
from desktop.ui.lessons.page import TAB_CONTENTS, TAB_GLOSSARY, TAB_SEARCH
from desktop.ui.main_window import MainWindow


def lesson(lang: str, n: int, lesson_id: str, title: str, body: str, labs: str = "[]") -> str:
    return (
        f'+++\nid = "{lesson_id}"\ntitle = "{title}"\norder = {n}\ndeck = "{lesson_id}"\nlabs = {labs}\n'
        f'summary = "{title} summary"\n+++\n\n# {title} {{#{lesson_id}}}\n\n{body}\n'
    )


FILLER = "\n\n".join(f"Parágrafo de enchimento número {i}, para a página rolar." for i in range(40))
FILLER_EN = "\n\n".join(f"Filler paragraph number {i}, so that the page scrolls." for i in range(40))

PT = {
    "01-intro.md": lesson("pt-BR", 1, "intro", "Introdução", "## Prompt {#prompt}\n\nO texto enviado ao modelo."),
    "02-parameters.md": lesson(
        "pt-BR", 2, "parameters", "Parâmetros",
        f"## Escolha gulosa {{#greedy}}\n\n{FILLER}\n\n## Temperatura {{#temperature}}\n\n"
        "!!! notes \"Suas anotações\"\n    Temperature: Altera a forma da distribuição\n\n"
        "A temperatura muda a distribuição. [Experimente](studydesk://lab/sampling?prompt=Oi&temperature=0.5) "
        "ou veja o [top-p](studydesk://glossary/top-p).\n\n" + FILLER,
        labs='["studydesk://lab/sampling?prompt=Oi&temperature=0.5", "studydesk://tokenizer?text=Oi"]',
    ),
    "03-compute.md": lesson("pt-BR", 3, "compute", "Computação", "## Memória {#memory}\n\nQuatro bytes."),
}
EN = {
    "01-intro.md": lesson("en", 1, "intro", "Introduction", "## Prompt {#prompt}\n\nThe text sent to the model."),
    "02-parameters.md": lesson(
        "en", 2, "parameters", "Parameters",
        f"## Greedy {{#greedy}}\n\n{FILLER_EN}\n\n## Temperature {{#temperature}}\n\nThe temperature reshapes it.\n\n"
        + FILLER_EN,
    ),
    "03-compute.md": lesson("en", 3, "compute", "Compute", "## Memory {#memory}\n\nFour bytes."),
}
GLOSSARY = """\
[[term]]
id = "top-p"
lesson = "parameters"
anchor = "temperature"
[term.pt-BR]
term = "Top-p (amostragem por núcleo)"
definition = "Mantém o menor conjunto cuja probabilidade acumulada alcança p."
[term.en]
term = "Top-p (nucleus sampling)"
definition = "Keeps the smallest set whose cumulative probability reaches p."

[[term]]
id = "temperature"
lesson = "parameters"
anchor = "temperature"
[term.pt-BR]
term = "Temperatura"
definition = "Divide os logits."
[term.en]
term = "Temperature"
definition = "Divides the logits."
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for lang, files in (("pt-BR", PT), ("en", EN)):
        folder = root / "lessons" / lang
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    (root / "glossary.toml").write_text(GLOSSARY, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def english_first_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Overrides tests/ui/conftest.py: these tests start in pt-BR, like a student on a Portuguese desktop."""
    monkeypatch.setattr("desktop.ui.context.system_language", lambda: "pt-BR")


@pytest.fixture
def page(qtbot, ctx: AppContext, content: Path) -> LessonsPage:
    widget = LessonsPage(ctx, content)
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def toc_titles(page: LessonsPage) -> list[str]:
    return [page.toc.topLevelItem(i).text(0) for i in range(page.toc.topLevelItemCount())]


def click_link(qtbot, page: LessonsPage, prefix: str) -> None:
    """Scroll the reader to the first link whose href starts with `prefix` and click it with the mouse."""
    reader = page.reader
    block = reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref().startswith(prefix):
                cursor = QTextCursor(reader.document())
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                reader.setTextCursor(cursor)
                reader.ensureCursorVisible()
                rect = reader.cursorRect(cursor)
                point = QPoint(rect.center().x(), rect.center().y())
                qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link starting with {prefix}")


def test_table_of_contents_lists_lessons_and_sections(page: LessonsPage) -> None:
    assert toc_titles(page) == ["1. Introdução", "2. Parâmetros", "3. Computação"]
    parameters = page.toc.topLevelItem(1)
    assert [parameters.child(i).text(0) for i in range(parameters.childCount())] == ["Escolha gulosa", "Temperatura"]
    assert page.problems_banner.isHidden()
    assert page.tabs.tabText(TAB_CONTENTS) == "Sumário  0/3"


def test_first_visit_opens_the_first_lesson(page: LessonsPage) -> None:
    assert page.current.id == "intro"
    text = page.reader.toPlainText()
    assert "Introdução" in text and "Introdução summary" in text and "O texto enviado ao modelo." in text
    assert not page.prev_button.isEnabled() and page.next_button.isEnabled()
    assert page.position_label.text() == "Lição 1 de 3"


def test_clicking_a_toc_item_opens_the_lesson_and_section(qtbot, page: LessonsPage) -> None:
    item = page.toc.topLevelItem(1).child(1)  # Parâmetros › Temperatura
    page.toc.scrollToItem(item)
    rect = page.toc.visualItemRect(item)
    qtbot.mouseClick(page.toc.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current.id == "parameters"
    assert page.reader.verticalScrollBar().value() > 0  # scrolled down to the section
    assert page.ctx.db.get_setting("lessons_current") == "parameters"


def test_search_shows_snippets_and_jumps_to_the_match(qtbot, page: LessonsPage) -> None:
    qtbot.keyClicks(page.search_box, "temperatura")
    assert page.tabs.currentIndex() == TAB_SEARCH
    assert page.results.count() >= 1
    first = page.hits[0]
    assert (first.lesson_id, first.anchor) == ("parameters", "temperature")
    assert "<b>Temperatura</b>" in first.snippet_html or "<b>temperatura</b>" in first.snippet_html
    item = page.results.item(0)
    rect = page.results.visualItemRect(item)
    qtbot.mouseClick(page.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current.id == "parameters"
    assert page.reader.highlighted_text().lower() == "temperatura"
    assert page.reader.verticalScrollBar().value() > 0


def test_search_is_accent_insensitive_and_reports_nothing_found(qtbot, page: LessonsPage) -> None:
    qtbot.keyClicks(page.search_box, "memoria")
    assert [(h.lesson_id, h.anchor) for h in page.hits] == [("compute", "memory")]
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)  # Enter opens the first hit
    assert page.current.id == "compute"
    page.search_box.setText("zzzz")
    assert page.results.count() == 0 and "Nenhuma seção menciona" in page.results_status.text()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert page.search_box.text() == "" and page.tabs.currentIndex() == TAB_CONTENTS


def test_mark_as_read_is_stored_and_shown(qtbot, ctx: AppContext, page: LessonsPage, content: Path) -> None:
    page.open_lesson("parameters")
    qtbot.mouseClick(page.read_button, Qt.MouseButton.LeftButton)
    assert "parameters" in read_marks(ctx.db)
    assert page.toc.topLevelItem(1).text(1) == "✓"
    assert page.tabs.tabText(TAB_CONTENTS) == "Sumário  1/3"
    assert page.read_button.isChecked() and page.read_button.text() == "✓ Lida"
    assert "✓ Lida em" in page.reader.toPlainText()

    again = LessonsPage(ctx, content)  # a fresh page (as after a restart) reads the mark from SQLite
    qtbot.addWidget(again)
    assert again.current.id == "parameters"  # and reopens the last lesson
    assert again.read_button.isChecked() and again.toc.topLevelItem(1).text(1) == "✓"
    qtbot.mouseClick(again.read_button, Qt.MouseButton.LeftButton)
    assert "parameters" not in read_marks(ctx.db)


def test_previous_and_next_by_button_and_shortcut(qtbot, page: LessonsPage) -> None:
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.current.id == "parameters"
    page.reader.setFocus()
    qtbot.keyClick(page.reader, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.current.id == "compute"
    assert not page.next_button.isEnabled()
    qtbot.keyClick(page.reader, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.current.id == "parameters"
    qtbot.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
    assert page.current.id == "intro"


def test_reader_text_size_buttons_and_the_window_zoom(qtbot, ctx: AppContext, page: LessonsPage) -> None:
    # A− / A+ set the reader's own size (remembered); Ctrl+= / Ctrl+- / Ctrl+0 are the whole window's zoom
    # (View menu, tested in test_presentation.py), which the reader multiplies in.
    assert f"font-size: {round(point_size(100), 1)}pt" in page.reader.document().defaultStyleSheet()
    qtbot.mouseClick(page.zoom_in_button, Qt.MouseButton.LeftButton)
    assert page.zoom == 110 and page.zoom_label.text() == "110%"
    assert f"font-size: {round(point_size(110), 1)}pt" in page.reader.document().defaultStyleSheet()
    assert ctx.db.get_setting("lessons_zoom") == 110
    qtbot.mouseClick(page.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.zoom_out_button, Qt.MouseButton.LeftButton)
    assert page.zoom == 90
    page.reset_zoom()
    assert page.zoom == 100
    ctx.set_zoom(150)  # the window's zoom, e.g. Ctrl+= three times
    assert page.reader_zoom() == 150
    assert f"font-size: {round(point_size(150), 1)}pt" in page.reader.document().defaultStyleSheet()
    # The text column widens with the zoom so a line keeps the same number of characters.
    assert page.reader.column_width() > 760
    ctx.set_zoom(100)
    assert page.reader_zoom() == 100


def test_language_switch_on_the_page_follows_settings(qtbot, ctx: AppContext, page: LessonsPage) -> None:
    page.open_lesson("parameters")
    with qtbot.waitSignal(ctx.sig_language_changed) as blocker:
        page.language.setCurrentIndex(page.language.findData("en"))
    assert blocker.args == ["en"] and ctx.language == "en"
    assert page.current.id == "parameters" and page.current.lang == "en"
    assert "Parameters" in page.reader.toPlainText()
    assert toc_titles(page) == ["1. Introduction", "2. Parameters", "3. Compute"]
    ctx.set_language("pt-BR")  # e.g. from the Settings page
    assert page.language.currentData() == "pt-BR" and page.current.lang == "pt-BR"
    assert toc_titles(page)[1] == "2. Parâmetros"


def test_language_switch_keeps_the_section_being_read(page: LessonsPage) -> None:
    page.open_lesson("parameters", "temperature")
    assert page.reader.anchor_at_top(["greedy", "temperature"]) == "temperature"
    page.ctx.set_language("en")
    assert page.current.lang == "en"
    assert page.reader.anchor_at_top(["greedy", "temperature"]) == "temperature"
    assert page.reader.verticalScrollBar().value() > 0


def test_clicking_a_studydesk_link_emits_sig_open_link(qtbot, ctx: AppContext, page: LessonsPage) -> None:
    page.open_lesson("parameters", "temperature")
    with qtbot.waitSignal(ctx.sig_open_link) as blocker:
        click_link(qtbot, page, "studydesk://lab/")
    assert blocker.args == ["studydesk://lab/sampling?prompt=Oi&temperature=0.5"]
    with qtbot.waitSignal(ctx.sig_open_link) as blocker:
        page.reader.anchorClicked.emit(QUrl("studydesk://lab/sampling?prompt=A%20capital%20do%20Brasil%20%C3%A9"))
    assert blocker.args == ["studydesk://lab/sampling?prompt=A%20capital%20do%20Brasil%20%C3%A9"]


def test_external_links_are_not_opened(qtbot, ctx: AppContext, page: LessonsPage) -> None:
    with qtbot.waitSignal(ctx.sig_status_message) as blocker:
        page.reader.anchorClicked.emit(QUrl("https://example.com/paper"))
    assert "não são abertos" in blocker.args[0]


def test_try_it_menu_and_review_button_emit_links(qtbot, ctx: AppContext, page: LessonsPage) -> None:
    page.open_lesson("parameters")
    actions = page.try_menu.actions()
    assert [a.text() for a in actions] == [
        "Abrir no laboratório de amostragem — “Oi”, T 0.5",
        "Abrir no tokenizador — texto Oi",
    ]
    with qtbot.waitSignal(ctx.sig_open_link) as blocker:
        actions[1].trigger()
    assert blocker.args == ["studydesk://tokenizer?text=Oi"]
    with qtbot.waitSignal(ctx.sig_open_link) as blocker:
        qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["studydesk://cards/review?deck=parameters"]
    page.open_lesson("intro")
    assert not page.try_button.isEnabled()


def test_glossary_view_filters_and_links_back_to_the_lesson(qtbot, ctx: AppContext, page: LessonsPage) -> None:
    page.tabs.setCurrentIndex(TAB_GLOSSARY)
    qtbot.keyClicks(page.glossary_filter, "nucleo")
    assert [page.glossary_list.item(i).text() for i in range(page.glossary_list.count())] == [
        "Top-p (amostragem por núcleo)"
    ]
    page.glossary_list.setCurrentRow(0)
    assert "menor conjunto" in page.definition.toPlainText()
    with qtbot.waitSignal(ctx.sig_open_link) as blocker:
        page.definition.anchorClicked.emit(QUrl("studydesk://lesson/parameters#temperature"))
    assert blocker.args == ["studydesk://lesson/parameters#temperature"]


def test_typing_a_filter_that_hides_the_selected_term_keeps_the_text(qtbot, page: LessonsPage) -> None:
    page.tabs.setCurrentIndex(TAB_GLOSSARY)
    page.glossary_list.setCurrentRow(0)
    qtbot.keyClicks(page.glossary_filter, "zzz")
    assert page.glossary_filter.text() == "zzz"
    assert page.glossary_list.count() == 0
    assert "Nenhum termo contém “zzz”" in page.definition.toPlainText()


def test_theme_change_restyles_the_reader(page: LessonsPage) -> None:
    assert page.reader.palette_ is LIGHT
    page.ctx.sig_theme_changed.emit(True)
    assert page.reader.palette_ is DARK
    assert DARK.text in page.reader.document().defaultStyleSheet()
    assert DARK.background in page.reader.styleSheet()


def test_a_broken_lesson_is_named_and_the_others_still_load(qtbot, ctx: AppContext, content: Path) -> None:
    (content / "lessons" / "pt-BR" / "04-broken.md").write_text(
        '+++\nid = "broken"\ntitle = "Quebrada\norder = 4\n+++\n', encoding="utf-8"
    )
    widget = LessonsPage(ctx, content)
    qtbot.addWidget(widget)
    assert toc_titles(widget) == ["1. Introdução", "2. Parâmetros", "3. Computação"]
    assert not widget.problems_banner.isHidden()
    assert "content/lessons/pt-BR/04-broken.md:3:" in widget.problems_banner.text().replace("\\", "/") or (
        "04-broken.md:3:" in widget.problems_banner.text()
    )


def test_no_lessons_shows_an_empty_state(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    widget = LessonsPage(ctx, tmp_path / "empty")
    qtbot.addWidget(widget)
    assert widget.current is None
    assert "Nenhuma lição em Português (BR)" in widget.reader.toPlainText()
    assert not widget.read_button.isEnabled() and not widget.next_button.isEnabled()


# routing through the real window and the real content/ ---------------------------------------------------------------
def test_window_routes_lesson_and_glossary_links(window: MainWindow) -> None:
    window.open_link("studydesk://lesson/parameters#top-p")
    assert window.current_key() == "lessons"
    page = window.page("lessons")
    assert isinstance(page, LessonsPage)
    assert page.current.id == "parameters"
    assert page.reader.verticalScrollBar().value() > 0
    window.open_link("studydesk://glossary/top-p")
    assert page.tabs.currentIndex() == TAB_GLOSSARY
    assert page.glossary_list.currentItem().data(Qt.ItemDataRole.UserRole) == "top-p"
    assert "top-p" in page.definition.toPlainText().lower()


def test_real_lessons_search_finds_temperatura_and_temperature(window: MainWindow) -> None:
    page = window.page("lessons")
    page.search_box.setText("temperatura")
    assert page.hits and page.hits[0].lesson_id == "parameters"
    page.ctx.set_language("en")
    page.search_box.setText("temperature")
    assert page.hits and page.hits[0].lesson_id == "parameters"


def test_ctrl_1_gives_the_keyboard_to_the_lesson(qtbot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    window.show_page("lab")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    page = window.page("lessons")
    assert window.current_key() == "lessons"
    assert QApplication.focusWidget() is page.reader  # visible focus on the lesson, not on the page itself
    first = page.current.id
    qtbot.keyClick(page.reader, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.current.id != first
    qtbot.keyClick(page.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search_box


def test_reader_bar_fits_1024_wide_in_portuguese(qtbot, window: MainWindow) -> None:
    window.ctx.set_language("pt-BR")
    window.show_page("lessons")
    page = window.page("lessons")
    window.resize(1024, 600)
    button = page.read_button
    assert button.text() == "Marcar como lida"
    # it was cut to "Marcar…o lida": the "100%" label makes room, and comes back in a wide window
    qtbot.waitUntil(lambda: button.width() >= button.sizeHint().width())
    # the contents column: the language goes under the search box instead of leaving it three letters wide
    room = page.search_box.fontMetrics().averageCharWidth() * 12
    qtbot.waitUntil(lambda: page.search_box.width() >= room and page.language.width() >= page.language.sizeHint().width())
    window.resize(1500, 800)
    qtbot.waitUntil(lambda: page.zoom_label.isVisible())
