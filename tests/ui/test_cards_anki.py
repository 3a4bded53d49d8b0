"""The Browse tab's Anki buttons: the export tells the student which box to tick, an Anki deck imports."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop.ui.cards import CardsPage
from desktop.ui.context import AppContext
from tests.core.test_srs_support import write_decks


@pytest.fixture
def page(qtbot, ctx: AppContext, tmp_path: Path) -> CardsPage:
    ctx.set_language("en")
    widget = CardsPage(ctx, write_decks(tmp_path / "cards"))
    qtbot.addWidget(widget)
    widget.resize(1024, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_export_names_the_box_to_tick_and_an_anki_deck_imports(qtbot, page: CardsPage, ctx: AppContext,
                                                               tmp_path: Path, monkeypatch) -> None:
    browse = page.browse
    assert browse.import_anki_button.isVisibleTo(browse) and browse.import_anki_button.text() == "Import Anki deck…"
    page.collection.add_user_card("my-cards", "basic", {"front": "What is BF16?", "back": "bfloat16"}, "en")
    page.collection.grade("intro-prompt", "good")
    out = tmp_path / "out.apkg"
    with qtbot.waitSignal(ctx.sig_status_message) as blocker:
        browse.export_apkg(str(out))
    assert "Import any learning progress" in blocker.args[0] and zipfile.is_zipfile(out)

    # Into a fresh store (another computer): the own card is added, the studied card takes its scheduling.
    monkeypatch.setenv("STUDYDESK_HOME", str(tmp_path / "other"))
    from desktop.app import create_context
    from desktop.core.paths import app_paths

    other = create_context(app_paths())
    try:
        other.set_language("en")
        widget = CardsPage(other, tmp_path / "cards")
        qtbot.addWidget(widget)
        with qtbot.waitSignal(other.sig_status_message) as blocker:
            widget.browse.import_anki(str(out))
        assert "1 added, 1 updated" in blocker.args[0]
        assert widget.collection.card("intro-prompt").state_name == "learning"
        assert "What is BF16?" in [v.content.fields("en").get("front") for v in widget.browse.views]
        widget.browse.grab().save(str(tmp_path / "browse.png"))
    finally:
        other.model.shutdown()
        other.db.close()


def test_a_bad_package_is_refused_with_a_message_and_nothing_changes(qtbot, page: CardsPage, tmp_path: Path,
                                                                    monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("desktop.ui.cards.browse.QMessageBox.warning", lambda *a: shown.append(a[2]))
    before = len(page.collection.list_cards())
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"PK\x03\x04 but broken")
    page.browse.import_anki(str(bad))
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)  # the file is read off the GUI thread
    assert shown[0].startswith("Nothing was imported: bad.apkg") and not page.browse.importing
    assert len(page.collection.list_cards()) == before


def test_a_csv_import_from_the_browse_tab_reports_in_pt_br(qtbot, page: CardsPage, ctx: AppContext, tmp_path: Path,
                                                           monkeypatch) -> None:
    """The Browse tab's CSV import ran into a renamed report field (a traceback, nothing said); its summary and the
    rows it refused read in the interface language."""
    shown = []
    monkeypatch.setattr("desktop.ui.cards.browse.QMessageBox.warning", lambda *a: shown.append(a[2]))
    page.collection.add_user_card("my-cards", "basic", {"front": "What is BF16?", "back": "bfloat16"}, "en")
    out = tmp_path / "mine.csv"
    page.browse.export_csv(str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join([lines[0], lines[1], lines[1]]) + "\n", encoding="utf-8")  # one row twice
    ctx.set_language("pt-BR")
    with qtbot.waitSignal(ctx.sig_status_message) as blocker:
        page.browse.import_csv(str(out))
    assert blocker.args[0].startswith("mine.csv importado:") and "1 com problemas" in blocker.args[0]
    assert len(shown) == 1 and "linha 3: o id de cartão" in shown[0] and "aparece duas vezes" in shown[0]
    ctx.set_language("en")


def _genanki_package(path: Path, n: int) -> Path:
    import genanki

    deck = genanki.Deck(2059400110, "Vocab")
    for i in range(n):
        deck.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=[f"word {i}", f"meaning {i}"]))
    genanki.Package(deck).write_to_file(str(path))
    return path


@pytest.fixture
def slow_plan(monkeypatch):
    """Planning the package's cards waits for the test's go (a big deck on a slow machine)."""
    import threading

    from desktop.core.srs import anki_import

    go = threading.Event()
    real = anki_import._Importer.plan
    # genanki's note type is not Anki's "Basic": the report's note on it would wait for a click
    monkeypatch.setattr("desktop.ui.cards.browse.QMessageBox.information", lambda *a: None)

    def plan(self, cancelled=None, progress=None):
        if progress is not None:
            progress(0, len(self.p.notes))
        go.wait(10)
        return real(self, cancelled, progress)

    monkeypatch.setattr(anki_import._Importer, "plan", plan)
    return go


def test_an_anki_import_reads_off_the_gui_thread_with_progress(qtbot, page: CardsPage, ctx: AppContext,
                                                              tmp_path: Path, slow_plan) -> None:
    from PySide6.QtCore import QTimer

    package = _genanki_package(tmp_path / "vocab.apkg", 30)
    before = len(page.collection.list_cards())
    page.browse.import_anki(str(package))
    assert page.browse.importing and not page.browse.import_anki_button.isEnabled()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5_000)  # the event loop turns while the file is read
    timer.stop()
    dialog = page.browse._import_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5_000)  # the progress dialog, with Cancel
    assert dialog.labelText() == "Reading vocab.apkg…" and dialog.maximum() == 30
    assert len(page.collection.list_cards()) == before  # nothing written while reading
    with qtbot.waitSignal(ctx.sig_status_message, timeout=30_000) as blocker:
        slow_plan.set()
    assert "30 added" in blocker.args[0] and len(page.collection.list_cards()) == before + 30
    assert not page.browse.importing and page.browse.import_anki_button.isEnabled()
    assert "word 7" in [v.content.fields("en").get("front") for v in page.browse.views]


def test_cancelling_an_import_writes_nothing(qtbot, page: CardsPage, ctx: AppContext, tmp_path: Path,
                                            slow_plan) -> None:
    package = _genanki_package(tmp_path / "vocab.apkg", 450)
    before = len(page.collection.list_cards())
    page.browse.import_anki(str(package))
    dialog = page.browse._import_dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5_000)
    from PySide6.QtWidgets import QPushButton

    with qtbot.waitSignal(ctx.sig_status_message, timeout=10_000) as blocker:
        dialog.findChild(QPushButton).click()  # the dialog's Cancel
    assert blocker.args[0] == "Import cancelled: nothing was imported."
    assert not page.browse.importing and page.browse.import_anki_button.isEnabled()
    slow_plan.set()
    qtbot.waitUntil(lambda: not ctx.files.is_busy(f"cards.import.{id(page.browse)}"), timeout=10_000)
    qtbot.wait(50)  # a late result would arrive now; it is dropped
    assert len(page.collection.list_cards()) == before


def test_a_csv_import_goes_through_the_same_path(qtbot, page: CardsPage, ctx: AppContext, tmp_path: Path,
                                                 monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("desktop.ui.cards.browse.QMessageBox.warning", lambda *a: shown.append(a[2]))
    good = tmp_path / "mine.csv"
    good.write_text("front,back\nWhat is BF16?,bfloat16\nWhat is FP8?,8-bit floats\n,\n", encoding="utf-8")
    with qtbot.waitSignal(ctx.sig_status_message, timeout=10_000) as blocker:
        page.browse.import_csv(str(good))
    assert blocker.args[0] == "Imported mine.csv: 2 added, 0 updated, 0 already here." and not shown
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00 not text")
    page.browse.import_csv(str(bad))
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    assert shown[0].startswith("Nothing was imported: bad.csv cannot be read as UTF-8 text")
