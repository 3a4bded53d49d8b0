"""The main window: a sidebar of pages, a stack that builds each page on first visit, a status bar with the
model state, and the router for studydesk:// links."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.links import LinkError, parse_link
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating
from desktop.ui.pages import PAGES, PageSpec


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(1180, 720)  # the lab and the calculators need this much to show chart and inputs
        self._pages: dict[str, QWidget] = {}

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        for n, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(spec.label())
            item.setToolTip(f"{spec.label()}  (Ctrl+{n})")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the real page on first visit
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            shortcut.activated.connect(lambda key=spec.key: self.show_page(key))
        self.sidebar.currentRowChanged.connect(self._on_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        side = self.side_pane = QWidget()
        side.setObjectName("sidebarPane")
        side.setFixedWidth(220)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 14, 0, 8)
        side_layout.setSpacing(4)
        brand = QLabel(APP_NAME)
        brand.setObjectName("brand")
        brand.setContentsMargins(22, 0, 0, 6)
        side_layout.addWidget(brand)
        side_layout.addWidget(self.sidebar, 1)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.model_label = QLabel(ctx.model.state_text())
        self.statusBar().addPermanentWidget(self.model_label)
        ctx.sig_model_status.connect(self.model_label.setText)
        ctx.sig_status_message.connect(self.statusBar().showMessage)
        ctx.sig_open_link.connect(self.open_link)
        self._build_menu()
        self._apply_sidebar_style()
        ctx.sig_theme_changed.connect(self._on_theme)

        # The size is kept apart from the geometry blob: restoreGeometry clamps to the current screen, and a
        # window reopened on a smaller screen should still get the size the student chose where it fits.
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        size = settings.value("window/size")
        self.resize(size if isinstance(size, QSize) else QSize(1280, 820))
        last = str(settings.value("window/page", PAGES[0].key))
        self.show_page(last if last in self.page_keys() else PAGES[0].key)

    # pages ---------------------------------------------------------------------------------------------------
    @staticmethod
    def page_keys() -> list[str]:
        return [spec.key for spec in PAGES]

    def current_key(self) -> str:
        return PAGES[self.stack.currentIndex()].key

    def page(self, key: str) -> QWidget:
        """The page widget for `key`, built now if it was never shown."""
        if key not in self._pages:
            index = self.page_keys().index(key)
            spec: PageSpec = PAGES[index]
            widget = spec.build(self.ctx)
            widget.setObjectName(f"page-{key}")
            old = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(old)
            old.deleteLater()
            self._pages[key] = widget
        return self._pages[key]

    def show_page(self, key: str) -> None:
        index = self.page_keys().index(key)
        self.page(key)
        self.stack.setCurrentIndex(index)
        if self.sidebar.currentRow() != index:
            self.sidebar.setCurrentRow(index)
        self.settings.setValue("window/page", key)

    def _on_row_changed(self, row: int) -> None:
        if row >= 0:
            self.show_page(PAGES[row].key)

    def open_link(self, url: str) -> None:
        try:
            link = parse_link(url)
        except LinkError as exc:
            self.statusBar().showMessage(self.tr("Cannot open link: {error}").format(error=exc), 8000)
            return
        self.show_page(link.page)
        handler = getattr(self.page(link.page), "open_link", None)
        if handler is not None:
            handler(link)

    # chrome --------------------------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu("")
        quit_action = self.quit_action = QAction(self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.go_menu = self.menuBar().addMenu("")
        self.go_actions: list[QAction] = []
        for n, spec in enumerate(PAGES, start=1):
            action = QAction(spec.label(), self)
            self.go_actions.append(action)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the QShortcut above does the work
            action.triggered.connect(lambda _=False, key=spec.key: self.show_page(key))
            go_menu.addAction(action)
        help_menu = self.help_menu = self.menuBar().addMenu("")
        about = self.about_action = QAction(self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.retr(self._translate_chrome)

    def _translate_chrome(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About {app}").format(app=APP_NAME))
        for n, (spec, action) in enumerate(zip(PAGES, self.go_actions, strict=True), start=1):
            action.setText(spec.label())
            item = self.sidebar.item(n - 1)
            item.setText(spec.label())
            item.setToolTip(f"{spec.label()}  (Ctrl+{n})")
        self.model_label.setText(self.ctx.model.state_text())

    def _on_theme(self, _dark: bool) -> None:
        self._apply_sidebar_style()

    def _apply_sidebar_style(self) -> None:
        self.side_pane.setStyleSheet(
            "QWidget#sidebarPane { background: palette(alternate-base);"
            " border-right: 1px solid palette(mid); }"
            "QLabel#brand { font-size: 16px; font-weight: 700; }"
            "QListWidget#sidebar { border: none; padding-top: 4px; font-size: 14px; outline: 0;"
            " background: palette(alternate-base); }"
            "QListWidget#sidebar::item { padding: 10px 16px; border-radius: 6px; margin: 2px 8px; border: none; }"
            "QListWidget#sidebar::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )

    def show_about(self) -> None:
        from desktop.ui.about import AboutDialog

        AboutDialog(self).exec()

    def report_startup(self, messages: list[str]) -> None:
        if messages:
            QMessageBox.warning(self, APP_NAME, "\n\n".join(messages))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/size", self.size())
        self.settings.setValue("window/page", self.current_key())
        for widget in self._pages.values():
            stop = getattr(widget, "shutdown", None)
            if stop is not None:
                stop()
        super().closeEvent(event)
