"""Saved scenarios beside a calculator: save under a name, reopen, rename, delete, compare two side by side.

Used by the Memory & quantization tabs and by the Scaling laws page. The calculator hands in two callables: one
that returns its current (inputs, results) or None when its inputs are invalid, one that reopens saved inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calc.scenarios import (
    SavedScenario,
    ScenarioError,
    compare_scenarios,
    delete_scenario,
    list_scenarios,
    load_scenario,
    rename_scenario,
    save_scenario,
)
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.memory.messages import calc_message
from desktop.ui.memory.style import ERROR_STYLE, format_value, key_label
from desktop.ui.responsive import FlowRow
from desktop.ui.zoom import current_zoom


def _value_key(key: str, scenario: SavedScenario) -> str:
    """The Scaling page saves the typed number as "value" beside what it is ("given": params, tokens or flops);
    format it as that, or 5.76e23 FLOPs reads as a count of parameters."""
    given = scenario.inputs.get("given")
    return str(given) if key == "value" and isinstance(given, str) else key


class CompareDialog(Retranslating, QDialog):
    """Two scenarios' inputs and results in one table; differing rows are bold, numeric ones get B ÷ A."""

    def __init__(self, left: SavedScenario, right: SavedScenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retr(lambda: self.setWindowTitle(self.tr("Compare: {a} vs {b}").format(a=left.name, b=right.name)))
        factor = max(current_zoom(), 100) / 100  # at 150 % a 720 px table cut every value to "4,0…"
        screen = self.screen()
        size = QSize(round(720 * factor), round(520 * factor))
        self.resize(size.boundedTo(screen.availableGeometry().size() * 0.9) if screen is not None else size)
        # Results first: they are what a comparison is for; the inputs below explain the difference.
        rows = sorted(compare_scenarios(left, right), key=lambda r: r.section != "results")
        self.table = QTableWidget(len(rows), 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it), not cell by cell
        self.table.setHorizontalHeaderLabels(["", left.name, right.name, "B ÷ A"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._rows, self._left, self._right = rows, left, right
        self.retr(self._fill)
        # The labels keep their width; the two scenario columns share the rest (a long name is elided in the
        # header, its full text is in the tooltip and the window title).
        self._finish_layout(left, right)

    def _fill(self) -> None:
        left, right = self._left, self._right
        for i, row in enumerate(self._rows):
            cells = [
                key_label(row.key),
                format_value(_value_key(row.key, left), row.left),
                format_value(_value_key(row.key, right), row.right),
                "" if row.ratio is None else fmt.localize(f"{row.ratio:.3g}") + "×",
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.differs:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if j > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)

    def _finish_layout(self, left: SavedScenario, right: SavedScenario) -> None:
        header = self.table.horizontalHeader()
        for j, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                  QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(j, mode)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        for j, name in ((1, left.name), (2, right.name)):
            self.table.horizontalHeaderItem(j).setToolTip(name)
        hint = QLabel()
        self.retr(lambda: hint.setText(self.tr("Rows in bold differ between the two scenarios.")))
        hint.setObjectName("hint")
        close = QPushButton()
        self.retr(lambda: close.setText(self.tr("Close")))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(close)
        layout.addLayout(bottom)


class ScenarioPanel(Retranslating, QWidget):
    sig_opened = Signal(object)  # SavedScenario

    def __init__(
        self,
        ctx: AppContext,
        kind: str,
        current: Callable[[], tuple[dict[str, Any], dict[str, Any]] | None],
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self._current = current
        self.compare_dialog: CompareDialog | None = None

        heading = self.heading = QLabel(title or self.tr("Saved scenarios"))
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)  # the panel is narrow; at a large zoom the title takes two lines
        self.name_edit = QLineEdit()
        self.name_edit.returnPressed.connect(self.save_current)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_current)
        # Rows that stack in a narrow panel, so a 1024 px window leaves the calculator's chart more room.
        self.name_edit.setMinimumWidth(6 * self.name_edit.fontMetrics().height())  # room to read a name typed
        save_row = FlowRow(6)
        save_row.add(self.name_edit, 1)
        save_row.add(self.save_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.list = QListWidget()
        self.list.setWordWrap(True)  # long names wrap instead of hiding behind a horizontal scroll bar
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setObjectName("hint")

        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.rename_button = QPushButton()
        self.rename_button.clicked.connect(self._ask_rename)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(lambda: self.delete_selected(confirm=True))
        self.compare_button = QPushButton()
        self.compare_button.clicked.connect(self.compare_selected)
        button_rows = []
        for pair in ((self.open_button, self.rename_button), (self.delete_button, self.compare_button)):
            row = FlowRow(6)
            for b in pair:
                row.add(b, 1)
            button_rows.append(row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(save_row)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        for row in button_rows:
            layout.addWidget(row)

        QShortcut(
            QKeySequence.StandardKey.Save,
            self,
            activated=self.save_current,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.list,
            activated=lambda: self.delete_selected(confirm=True),
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Return),
            self.list,
            activated=self.open_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.retr(self._static_texts)
        self.refresh()

    def set_title(self, title: str) -> None:
        self.heading.setText(title)

    def _static_texts(self) -> None:
        self.name_edit.setPlaceholderText(self.tr("Name…"))
        self.name_edit.setToolTip(self.tr("A name for the current calculation; Save (Ctrl+S) keeps it"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the current inputs and results (Ctrl+S)"))
        self.empty.setText(self.tr("Nothing saved yet. Type a name above and press Save to keep this calculation."))
        self.open_button.setText(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Reopen the selected scenario (double-click, or Enter)"))
        self.rename_button.setText(self.tr("Rename…"))
        self.delete_button.setText(self.tr("Delete"))
        self.compare_button.setText(self.tr("Compare"))
        self.compare_button.setToolTip(self.tr("Select two scenarios (Ctrl+click) to compare them side by side"))

    def retranslate(self) -> None:
        super().retranslate()
        selected = self.selected_ids()
        self.refresh(select_id=selected[0] if len(selected) == 1 else None)

    # ---- list ----------------------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        self.list.clear()
        for s in list_scenarios(self.ctx.db, self.kind):
            item = QListWidgetItem(f"{s.name}\n{fmt.date_time(s.updated_at)}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(s.name)
            self.list.addItem(item)
            if s.id == select_id:
                item.setSelected(True)
                self.list.setCurrentItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()]

    def _update_buttons(self) -> None:
        n = len(self.selected_ids())
        self.open_button.setEnabled(n == 1)
        self.rename_button.setEnabled(n == 1)
        self.delete_button.setEnabled(n >= 1)
        self.compare_button.setEnabled(n == 2)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setVisible(bool(text))

    # ---- actions -------------------------------------------------------------------------------------------
    def save_current(self) -> SavedScenario | None:
        current = self._current()
        if current is None:
            self._say(self.tr("Fix the highlighted input first: only a valid calculation can be saved."), error=True)
            return None
        inputs, results = current
        try:
            saved = save_scenario(self.ctx.db, self.kind, self.name_edit.text(), inputs, results)
        except ScenarioError as exc:
            self._say(calc_message(str(exc)), error=True)
            return None
        self.name_edit.clear()
        self._say(self.tr("Saved “{name}”.").format(name=saved.name))
        self.ctx.sig_status_message.emit(self.tr("Saved scenario “{name}”").format(name=saved.name), 4000)
        self.refresh(select_id=saved.id)
        return saved

    def open_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        try:
            scenario = load_scenario(self.ctx.db, ids[0])
        except ScenarioError as exc:
            self._say(calc_message(str(exc)), error=True)
            self.refresh()
            return
        self._say(self.tr("Opened “{name}”.").format(name=scenario.name))
        self.sig_opened.emit(scenario)

    def _ask_rename(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        old = self.list.selectedItems()[0].toolTip()
        name, ok = QInputDialog.getText(self, self.tr("Rename scenario"), self.tr("New name:"), text=old)
        if ok:
            self.rename_selected(name)

    def rename_selected(self, name: str) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        try:
            renamed = rename_scenario(self.ctx.db, ids[0], name)
        except ScenarioError as exc:
            self._say(calc_message(str(exc)), error=True)
            return
        self._say(self.tr("Renamed to “{name}”.").format(name=renamed.name))
        self.refresh(select_id=renamed.id)

    def delete_selected(self, confirm: bool = True) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if confirm:
            names = ", ".join(f"“{i.toolTip()}”" for i in self.list.selectedItems())
            answer = QMessageBox.question(self, self.tr("Delete scenarios"),
                                          self.tr("Delete {names}? This cannot be undone.").format(names=names))
            if answer != QMessageBox.StandardButton.Yes:
                return
        for scenario_id in ids:
            try:
                delete_scenario(self.ctx.db, scenario_id)
            except ScenarioError as exc:
                self._say(calc_message(str(exc)), error=True)
        self._say(self.tr("Deleted %n scenario(s).", "", len(ids)))
        self.refresh()

    def compare_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            self._say(self.tr("Select two scenarios (Ctrl+click) to compare them."), error=True)
            return
        try:
            a, b = (load_scenario(self.ctx.db, i) for i in sorted(ids))
            self.compare_dialog = CompareDialog(a, b, self)
        except ScenarioError as exc:
            self._say(calc_message(str(exc)), error=True)
            return
        self.compare_dialog.show()
