"""Browse / Add tab: every card with its state, your own cards added and edited here, CSV and Anki deck import,
CSV and Anki .apkg export (with scheduling).

An import reads, checks and plans the whole file as a file job (ctx.files, off the GUI thread) under a progress
dialog with Cancel; only then does one short transaction write it, here on the GUI thread where the store is
used. A cancel or an error before that point writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.srs import CardView, Collection, SrsError
from desktop.core.srs.decks import CLOZE_RE
from desktop.core.srs.portability import (
    DEFAULT_IMPORT_DECK,
    PreparedApkg,
    PreparedCsv,
    card_sides,
    export_apkg,
    export_csv,
    prepare_apkg,
    prepare_csv,
)
from desktop.ui.background import FileJob
from desktop.ui.cards.labels import KINDS, kind_label, state_label
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.i18n.core_text import core_text

KIND_LABELS = list(KINDS.items())  # (kind, English source of its label)


class CardDialog(QDialog):
    """Add or edit one of the student's own cards."""

    def __init__(self, parent: QWidget, decks: list[tuple[str, str]], view: CardView | None = None,
                 language: str = "en", default_deck: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit card") if view else self.tr("Add a card"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.deck = QComboBox()
        self.deck.setEditable(True)
        for deck_id, title in decks:
            self.deck.addItem(f"{title}  ({deck_id})" if title != deck_id else deck_id, deck_id)
        if DEFAULT_IMPORT_DECK not in [d for d, _ in decks]:
            self.deck.addItem(DEFAULT_IMPORT_DECK, DEFAULT_IMPORT_DECK)
        wanted = view.deck if view else (default_deck or DEFAULT_IMPORT_DECK)
        self.deck.setCurrentIndex(max(self.deck.findData(wanted), 0))
        form.addRow(self.tr("Deck:"), self.deck)
        self.kind = QComboBox()
        for kind, _label in KIND_LABELS:
            self.kind.addItem(kind_label(kind), kind)
        form.addRow(self.tr("Kind:"), self.kind)
        layout.addLayout(form)

        self.pages = QStackedWidget()
        basic = QWidget()
        bf = QFormLayout(basic)
        self.front = QPlainTextEdit()
        self.back = QPlainTextEdit()
        for w in (self.front, self.back):
            w.setMaximumHeight(90)
        bf.addRow(self.tr("Front:"), self.front)
        bf.addRow(self.tr("Back:"), self.back)
        cloze = QWidget()
        cf = QFormLayout(cloze)
        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(110)
        self.text.setPlaceholderText(self.tr("Top-k keeps the {{c1::k most likely}} tokens."))
        cf.addRow(self.tr("Text:"), self.text)
        cf.addRow("", QLabel(self.tr("Hide a part with {{c1::…}}; add a hint with {{c1::answer::hint}}.")))
        choice = QWidget()
        chf = QFormLayout(choice)
        self.question = QLineEdit()
        self.answer = QLineEdit()
        self.distractors = [QLineEdit() for _ in range(3)]
        self.explanation = QPlainTextEdit()
        self.explanation.setMaximumHeight(70)
        chf.addRow(self.tr("Question:"), self.question)
        chf.addRow(self.tr("Right answer:"), self.answer)
        for n, d in enumerate(self.distractors, start=1):
            chf.addRow(self.tr("Wrong answer {n}:").format(n=n), d)
        chf.addRow(self.tr("Explanation:"), self.explanation)
        for page in (basic, cloze, choice):
            self.pages.addWidget(page)
        layout.addWidget(self.pages)
        self.kind.currentIndexChanged.connect(self.pages.setCurrentIndex)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d93025;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        if view is not None and view.content is not None:
            self.kind.setCurrentIndex([k for k, _ in KIND_LABELS].index(view.kind))
            f = view.content.fields(language)
            if view.kind == "basic":
                self.front.setPlainText(str(f["front"]))
                self.back.setPlainText(str(f["back"]))
            elif view.kind == "cloze":
                self.text.setPlainText(str(f["text"]))
            else:
                self.question.setText(str(f["question"]))
                self.answer.setText(str(f["answer"]))
                for box, value in zip(self.distractors, f["distractors"], strict=True):
                    box.setText(str(value))
                self.explanation.setPlainText(str(f.get("explanation", "")))

    def show_error(self, message: str) -> None:
        """A problem with the fields (desktop.core.srs.decks.validate_fields, in English) in the interface language."""
        names = {"front": self.tr("Front"), "back": self.tr("Back"), "text": self.tr("Text"),
                 "question": self.tr("Question"), "answer": self.tr("Right answer"),
                 "explanation": self.tr("Explanation")}
        known = {
            "choose a deck for the card": self.tr("Choose a deck for the card."),
            "distractors must be a list of exactly three non-empty strings": self.tr("Fill in the three wrong answers."),
            "a cloze text needs at least one {{c1::…}} deletion": self.tr(
                "A cloze text needs at least one {{c1::…}} deletion."),
            "the answer is also listed among the distractors": self.tr(
                "The right answer is also one of the wrong answers."),
        }
        missing = re.fullmatch(r"(\w+) is missing or empty", message)
        if missing and missing.group(1) in names:
            message = self.tr("{field} is empty.").format(field=names[missing.group(1)])
        self.error.setText(known.get(message, message))

    def deck_id(self) -> str:
        text = self.deck.currentText().strip()
        index = self.deck.findText(text)
        return str(self.deck.itemData(index)) if index >= 0 else text

    def kind_id(self) -> str:
        return str(self.kind.currentData())

    def fields(self) -> dict[str, object]:
        kind = self.kind_id()
        if kind == "basic":
            return {"front": self.front.toPlainText(), "back": self.back.toPlainText()}
        if kind == "cloze":
            return {"text": self.text.toPlainText()}
        return {"question": self.question.text(), "answer": self.answer.text(),
                "distractors": [d.text() for d in self.distractors], "explanation": self.explanation.toPlainText()}


class BrowseTab(Retranslating, QWidget):
    sig_changed = Signal()  # cards were added, edited, imported or retired

    COLUMNS = 5  # deck, kind, question, state, due

    def __init__(self, ctx: AppContext, collection: Collection) -> None:
        super().__init__()
        self.ctx = ctx
        self.collection = collection
        self.views: list[CardView] = []
        self._import_dialog: QProgressDialog | None = None  # while an import's file is being read
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.deck_filter = QComboBox()
        self.deck_filter.setMinimumWidth(200)
        self.deck_filter.currentIndexChanged.connect(lambda _i: self.fill())
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.fill())
        bar.addWidget(self.deck_filter)
        bar.addWidget(self.search, 1)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_card)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_card)
        self.retire_button = QPushButton()
        self.retire_button.clicked.connect(self.retire_card)
        for b in (self.add_button, self.edit_button, self.retire_button):
            bar.addWidget(b)
        layout.addLayout(bar)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it), not cell by cell
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 240)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_card())
        layout.addWidget(self.table, 1)

        io_bar = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)  # beside the import/export buttons of a 1024 px window: two lines
        io_bar.addWidget(self.count_label)
        io_bar.addStretch(1)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_csv)
        self.import_anki_button = QPushButton()
        self.import_anki_button.clicked.connect(self.import_anki)
        self.export_csv_button = QPushButton()
        self.export_csv_button.clicked.connect(self.export_csv)
        self.export_apkg_button = QPushButton()
        self.export_apkg_button.clicked.connect(self.export_apkg)
        for b in (self.import_button, self.import_anki_button, self.export_csv_button, self.export_apkg_button):
            io_bar.addWidget(b)
        layout.addLayout(io_bar)
        self.retr(self._static_texts)
        self.refresh()

    def _static_texts(self) -> None:
        self.search.setPlaceholderText(self.tr("Search cards…"))
        self.add_button.setText(self.tr("Add card…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.retire_button.setText(self.tr("Retire"))
        self.retire_button.setToolTip(self.tr("Hide one of your own cards; its review history stays in the statistics"))
        self.table.setHorizontalHeaderLabels([self.tr("Deck"), self.tr("Kind"), self.tr("Question"), self.tr("State"),
                                              self.tr("Due")])
        self.import_button.setText(self.tr("Import CSV…"))
        self.import_anki_button.setText(self.tr("Import Anki deck…"))
        self.import_anki_button.setToolTip(self.tr("Add the notes of an Anki package (.apkg) as your own cards, "
                                                   "with their scheduling and review history"))
        self.export_csv_button.setText(self.tr("Export CSV…"))
        self.export_apkg_button.setText(self.tr("Export to Anki (.apkg)…"))
        self.export_apkg_button.setToolTip(self.tr(
            "In Anki, tick \u201cImport any learning progress\u201d when importing, or Anki drops the scheduling"))

    def retranslate(self) -> None:
        super().retranslate()
        self.refresh()

    # listing -----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        lang = self.ctx.language
        current = self.deck_filter.currentData()
        self.deck_filter.blockSignals(True)
        self.deck_filter.clear()
        self.deck_filter.addItem(self.tr("All decks"), None)
        for deck in self.collection.deck_ids():
            self.deck_filter.addItem(self.collection.deck_title(deck, lang), deck)
        self.deck_filter.setCurrentIndex(max(self.deck_filter.findData(current), 0))
        self.deck_filter.blockSignals(False)
        self.fill()

    def fill(self) -> None:
        lang = self.ctx.language
        deck = self.deck_filter.currentData()
        needle = self.search.text().strip().casefold()
        rows = []
        for v in self.collection.list_cards(deck):
            if v.content is None:
                continue
            front, back = card_sides(v.content, lang)
            if needle and needle not in front.casefold() and needle not in back.casefold():
                continue
            rows.append((v, front))
        self.views = [v for v, _ in rows]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for r, (v, front) in enumerate(rows):
            due = fmt.date_time(v.due) if v.due else ""
            title = self.collection.deck_title(v.deck, lang) + ("  ✎" if v.source == "user" else "")
            shown = CLOZE_RE.sub(lambda m: f"[{m.group(2)}]", front) if v.kind == "cloze" else front
            cells = [title, kind_label(v.kind), shown.split("\n", 1)[0], state_label(v.state_name), due]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v.id)
                if c == 2:
                    item.setToolTip(front)
                self.table.setItem(r, c, item)
        own = sum(1 for v in self.views if v.source == "user")
        if not rows and needle:  # an empty table says why
            self.count_label.setText(self.tr("No card contains “{text}”.").format(text=self.search.text().strip()))
        else:
            self.count_label.setText(self.tr("%n card(s)", "", len(self.views)) + " "
                                     + self.tr("({own} of your own; ✎ marks them)").format(own=fmt.integer(own)))
        self._selection_changed()

    def selected(self) -> CardView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.views[rows[0].row()]

    def _selection_changed(self) -> None:
        v = self.selected()
        own = v is not None and v.source == "user"
        self.edit_button.setEnabled(own)
        self.retire_button.setEnabled(own)
        self.edit_button.setToolTip("" if own else self.tr("Lesson cards change with the lessons; you can edit your own "
                                                           "cards"))

    # own cards ---------------------------------------------------------------------------------------------------
    def _deck_choices(self) -> list[tuple[str, str]]:
        lang = self.ctx.language
        return [(d, self.collection.deck_title(d, lang)) for d in self.collection.deck_ids()]

    def add_card(self) -> None:
        dialog = CardDialog(self, self._deck_choices(), language=self.ctx.language,
                            default_deck=self.deck_filter.currentData())
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.collection.add_user_card(dialog.deck_id(), dialog.kind_id(), dialog.fields(), self.ctx.language)
            except SrsError as exc:
                dialog.show_error(str(exc))
                continue
            self.ctx.sig_status_message.emit(self.tr("Card added: it will come up as a new card in reviews."), 4000)
            self._changed()
            return

    def edit_card(self) -> None:
        v = self.selected()
        if v is None or v.source != "user":
            return
        dialog = CardDialog(self, self._deck_choices(), view=v, language=self.ctx.language)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.collection.edit_user_card(v.id, dialog.deck_id(), dialog.kind_id(), dialog.fields(),
                                               self.ctx.language)
            except SrsError as exc:
                dialog.show_error(str(exc))
                continue
            self.ctx.sig_status_message.emit(self.tr("Card saved; its review history is kept."), 4000)
            self._changed()
            return

    def retire_card(self) -> None:
        v = self.selected()
        if v is None or v.source != "user":
            return
        self.collection.set_user_card_retired(v.id, True)
        self.ctx.sig_status_message.emit(self.tr("Card retired (its reviews stay in the statistics)."), 4000)
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.sig_changed.emit()

    # files -------------------------------------------------------------------------------------------------------
    def import_csv(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import cards from CSV"), str(Path.home()),
                                                  self.tr("CSV files (*.csv *.txt *.tsv);;All files (*)"))
        if not path:
            return
        file, collection, language = Path(path), self.collection, self.ctx.language

        def read(job: FileJob) -> PreparedCsv:
            return prepare_csv(collection, file, language, cancelled=lambda: job.cancelled, progress=job.progress)

        self._start_import(self.tr("Import CSV"), file, read, self._csv_read)

    def _csv_read(self, file: Path, prepared: PreparedCsv) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # one transaction
        try:
            report = prepared.write()
        except SrsError as exc:
            QMessageBox.warning(self, self.tr("Import CSV"), core_text(str(exc)))
            return
        finally:
            QApplication.restoreOverrideCursor()
        parts = [self.tr("{n} added").format(n=fmt.integer(report.added)),
                 self.tr("{n} updated").format(n=fmt.integer(report.updated)),
                 self.tr("{n} already here").format(n=fmt.integer(report.skipped))]
        if report.errors:
            parts.append(self.tr("{n} with problems").format(n=fmt.integer(len(report.errors))))
        message = self.tr("Imported {file}: {summary}.").format(file=file.name, summary=", ".join(parts))
        if report.errors:
            shown = "\n".join(map(core_text, report.errors[:12])) + ("\n…" if len(report.errors) > 12 else "")
            QMessageBox.warning(self, self.tr("Import CSV"), message + "\n\n" + self.tr("Rows not imported:") + "\n"
                                + shown)
        self.ctx.sig_status_message.emit(message, 6000)
        self._changed()

    def import_anki(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import an Anki deck"), str(Path.home()),
                                                  self.tr("Anki packages (*.apkg);;All files (*)"))
        if not path:
            return
        file, collection, language = Path(path), self.collection, self.ctx.language
        scheduler = collection.scheduler()  # its settings are read here, so the job touches no database

        def read(job: FileJob) -> PreparedApkg:
            return prepare_apkg(collection, file, language, scheduler=scheduler,
                                cancelled=lambda: job.cancelled, progress=job.progress)

        self._start_import(self.tr("Import Anki deck"), file, read, self._anki_read)

    def _anki_read(self, file: Path, prepared: PreparedApkg) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # one transaction
        try:
            report = prepared.write()
        except (OSError, SrsError) as exc:
            QMessageBox.warning(self, self.tr("Import Anki deck"),
                                self.tr("Nothing was imported: %1").replace("%1", core_text(str(exc))))
            return
        finally:
            QApplication.restoreOverrideCursor()
        message = self.tr("Imported %1: %2 added, %3 updated, %4 already here, %5 reviews.")
        counts = [fmt.integer(n) for n in (report.added, report.updated, report.skipped, report.reviews)]
        for n, value in enumerate((file.name, *counts), 1):
            message = message.replace(f"%{n}", value)
        details = [core_text(d) for d in report.notices + report.errors[:12]] + (["…"] if len(report.errors) > 12 else [])
        if details:
            QMessageBox.information(self, self.tr("Import Anki deck"), message + "\n\n" + "\n".join(details))
        self.ctx.sig_status_message.emit(message, 8000)
        self._changed()

    # reading an import off the GUI thread --------------------------------------------------------------------------
    @property
    def importing(self) -> bool:
        return self._import_dialog is not None

    def _start_import(self, title: str, file: Path, read: Callable[[FileJob], Any],
                      done: Callable[[Path, Any], None]) -> None:
        """Run `read` as a file job under a progress dialog (shown after a moment; Cancel stops it, nothing is
        written), then `done(file, prepared)` on the GUI thread."""
        if self.importing:
            return
        dialog = QProgressDialog(self.tr("Reading {file}…").format(file=file.name), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(400)  # a small file is read before the dialog would even show
        self._import_dialog = dialog
        for b in (self.import_button, self.import_anki_button):
            b.setEnabled(False)

        def progress(n: int, total: int) -> None:
            if self._import_dialog is dialog and total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(n, total))

        def finish() -> None:
            self._import_dialog = None
            dialog.canceled.disconnect()
            dialog.close()
            dialog.deleteLater()
            for b in (self.import_button, self.import_anki_button):
                b.setEnabled(True)

        def ok(prepared: Any) -> None:
            finish()
            done(file, prepared)

        def failed(message: str) -> None:
            finish()
            QMessageBox.warning(self, title, self.tr("Nothing was imported: %1").replace("%1", message))

        def cancel() -> None:
            job.cancel()
            finish()
            self.ctx.sig_status_message.emit(self.tr("Import cancelled: nothing was imported."), 6000)

        job = self.ctx.files.submit(f"cards.import.{id(self)}", read, ok, failed, progress, owner=self)
        dialog.canceled.connect(cancel)
        QTimer.singleShot(400, dialog, lambda: dialog.show() if self._import_dialog is dialog else None)

    def _export_decks(self) -> list[str] | None:
        deck = self.deck_filter.currentData()
        return [deck] if deck else None

    def export_csv(self, path: str | None = None) -> None:
        if not path:
            name = f"studydesk-{self.deck_filter.currentData() or 'all'}.csv"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export cards to CSV"), str(Path.home() / name),
                                                  self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            n = export_csv(self.collection, Path(path), self.ctx.language, self._export_decks())
        except (OSError, SrsError) as exc:
            QMessageBox.warning(self, self.tr("Export CSV"), self.tr("Could not write {path}: {error}").format(
                path=path, error=core_text(str(exc))))
            return
        self.ctx.sig_status_message.emit(self.tr("Exported %n card(s) with their scheduling to {path}.", "", n).format(
            path=path), 6000)

    def export_apkg(self, path: str | None = None) -> None:
        if not path:
            name = f"studydesk-{self.deck_filter.currentData() or 'all'}.apkg"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Anki"), str(Path.home() / name),
                                                  self.tr("Anki packages (*.apkg)"))
        if not path:
            return
        try:
            n = export_apkg(self.collection, Path(path), self.ctx.language, self._export_decks()).cards
        except (OSError, SrsError) as exc:
            QMessageBox.warning(self, self.tr("Export to Anki"), self.tr("Could not write {path}: {error}").format(
                path=path, error=core_text(str(exc))))
            return
        message = self.tr("Exported %n card(s) to {path}. In Anki: File → Import, and tick \u201cImport any learning "
                          "progress\u201d to keep their scheduling and history.", "", n).format(path=path)
        self.ctx.sig_status_message.emit(message, 15000)
