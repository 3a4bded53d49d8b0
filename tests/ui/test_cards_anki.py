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


def test_a_bad_package_is_refused_with_a_message_and_nothing_changes(page: CardsPage, tmp_path: Path,
                                                                    monkeypatch) -> None:
    shown = []
    monkeypatch.setattr("desktop.ui.cards.browse.QMessageBox.warning", lambda *a: shown.append(a[2]))
    before = len(page.collection.list_cards())
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(b"PK\x03\x04 but broken")
    page.browse.import_anki(str(bad))
    assert len(shown) == 1 and shown[0].startswith("Nothing was imported: bad.apkg")
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
