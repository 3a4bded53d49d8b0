"""The main window: a sidebar of pages, a stack that builds each page on first visit, a status bar with the
model state, and the router for studydesk:// links."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.links import LinkError, parse_link
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating
from desktop.ui.i18n.core_text import core_text
from desktop.ui.pages import PAGES, PageSpec
from desktop.ui.zoom import DEFAULT_ZOOM, ZOOM_STEPS, set_relative_font, step_in, step_out


def _unique_keys(*keys: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    """Each key sequence once: the platform's standard zoom keys are often Ctrl++ / Ctrl+- again, and one
    sequence bound twice is ambiguous (neither fires)."""
    found: list[QKeySequence] = []
    for keys_ in keys:
        sequences = QKeySequence.keyBindings(keys_) if isinstance(keys_, QKeySequence.StandardKey) else [
            QKeySequence(keys_)]
        for sequence in sequences:
            if sequence.toString() and sequence not in found:
                found.append(sequence)
    return found


MIN_WIDTH, MIN_HEIGHT = 1000, 560
COMPACT_BELOW = 1200  # window width under which the sidebar packs its entries closer


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, ctx: AppContext, settings: QSettings) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        # Every page fits 1024×600 (a 1366×768 laptop at 125 % scaling, less its panel): columns stack or scroll.
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self._pages: dict[str, QWidget] = {}

        self._compact_sidebar = False
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
            shortcut.activated.connect(lambda key=spec.key: self.arrive(key))
        self.sidebar.currentRowChanged.connect(self._on_row_changed)
        # A click on a page's name also hands the keyboard to that page (Space on the review card works at
        # once); arrowing through the list keeps the focus in the list.
        self.sidebar.itemPressed.connect(lambda _item: self.focus_page())

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        side = self.side_pane = QWidget()
        side.setObjectName("sidebarPane")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 14, 0, 8)
        side_layout.setSpacing(4)
        brand = self.brand = QLabel(APP_NAME)
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
        ctx.sig_zoom_changed.connect(self._on_zoom)
        self._on_zoom(ctx.zoom)

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

    def arrive(self, key: str) -> None:
        """Show a page and give it the keyboard (Ctrl+1 … Ctrl+8, a click in the sidebar)."""
        self.show_page(key)
        self.focus_page()

    def focus_page(self) -> None:
        page = self.stack.currentWidget()
        focus = getattr(page, "focus_on_arrival", None)
        if focus is not None:
            focus()
        elif page is not None and not page.isAncestorOf(QApplication.focusWidget()):
            page.setFocus()

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
        # The platform's quit key, and Ctrl+Q where it has none (Windows, a desktop without a platform theme).
        quit_action.setShortcuts(_unique_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.go_menu = self.menuBar().addMenu("")
        self.go_actions: list[QAction] = []
        for n, spec in enumerate(PAGES, start=1):
            action = QAction(spec.label(), self)
            self.go_actions.append(action)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the QShortcut above does the work
            action.triggered.connect(lambda _=False, key=spec.key: self.arrive(key))
            go_menu.addAction(action)
        self._build_view_menu()
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
        self.view_menu.setTitle(self.tr("&View"))
        self.full_screen_action.setText(self.tr("&Full screen"))
        self.zoom_in_action.setText(self.tr("Zoom &in"))
        self.zoom_out_action.setText(self.tr("Zoom &out"))
        self.zoom_reset_action.setText(self.tr("&Actual size"))
        self.about_action.setText(self.tr("&About {app}").format(app=APP_NAME))
        for n, (spec, action) in enumerate(zip(PAGES, self.go_actions, strict=True), start=1):
            action.setText(spec.label())
            item = self.sidebar.item(n - 1)
            item.setText(spec.label())
            item.setToolTip(f"{spec.label()}  (Ctrl+{n})")
        self.model_label.setText(self.ctx.model.state_text())

    def _build_view_menu(self) -> None:
        """Presentation mode: full screen and a zoom of the whole interface, on every page."""
        view = self.view_menu = QMenu(self.tr("&View"), self)
        self.menuBar().addMenu(view)
        self.full_screen_action = QAction(self.tr("&Full screen"), self)
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.full_screen_action.triggered.connect(self.set_full_screen)
        view.addAction(self.full_screen_action)
        view.addSeparator()
        self.zoom_in_action = QAction(self.tr("Zoom &in"), self)
        self.zoom_in_action.setShortcuts(_unique_keys("Ctrl+=", "Ctrl++", QKeySequence.StandardKey.ZoomIn))
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_action = QAction(self.tr("Zoom &out"), self)
        self.zoom_out_action.setShortcuts(_unique_keys("Ctrl+-", QKeySequence.StandardKey.ZoomOut))
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.zoom_reset_action = QAction(self.tr("&Actual size"), self)
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        self.zoom_reset_action.triggered.connect(self.reset_zoom)
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view.addAction(action)

    # presentation mode ---------------------------------------------------------------------------------------
    def set_full_screen(self, on: bool) -> None:
        if on == self.isFullScreen():
            self.full_screen_action.setChecked(on)
            return
        if on:
            self._was_maximized = self.isMaximized()
            self.showFullScreen()
        elif getattr(self, "_was_maximized", False):
            self.showMaximized()
        else:
            self.showNormal()
        self.full_screen_action.setChecked(on)

    def toggle_full_screen(self) -> None:
        self.set_full_screen(not self.isFullScreen())

    def zoom_in(self) -> None:
        self._set_zoom(step_in(self.ctx.zoom))

    def zoom_out(self) -> None:
        self._set_zoom(step_out(self.ctx.zoom))

    def reset_zoom(self) -> None:
        self._set_zoom(DEFAULT_ZOOM)

    def _set_zoom(self, percent: int) -> None:
        self.ctx.set_zoom(percent)
        self.statusBar().showMessage(self.tr("Zoom: %1%").replace("%1", str(self.ctx.zoom)), 2500)

    def _on_zoom(self, percent: int) -> None:
        set_relative_font(self.brand, 16 / 12, bold=True)
        set_relative_font(self.sidebar, 14 / 12)
        self._fit_sidebar()
        self.zoom_in_action.setEnabled(percent < ZOOM_STEPS[-1])
        self.zoom_out_action.setEnabled(percent > ZOOM_STEPS[0])

    def _fit_sidebar(self) -> None:
        """The sidebar is as wide as its longest page name at this zoom; in a narrow window (under 1200 px) its
        entries sit closer, which leaves a 1024 px window's pages ~50 px more."""
        compact = self.width() < COMPACT_BELOW
        if compact != self._compact_sidebar or not self.side_pane.styleSheet():
            self._compact_sidebar = compact
            self._apply_sidebar_style()
        metrics = self.sidebar.fontMetrics()
        longest = max(metrics.horizontalAdvance(self.sidebar.item(i).text()) for i in range(self.sidebar.count()))
        self.side_pane.setFixedWidth(max(150, longest + (40 if compact else 68)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if (event.size().width() < COMPACT_BELOW) != self._compact_sidebar:
            self._fit_sidebar()

    def _on_theme(self, _dark: bool) -> None:
        self._apply_sidebar_style()

    def _apply_sidebar_style(self) -> None:
        item = "padding: 8px 10px; margin: 1px 4px;" if self._compact_sidebar else "padding: 10px 16px; margin: 2px 8px;"
        self.side_pane.setStyleSheet(
            "QWidget#sidebarPane { background: palette(alternate-base);"
            " border-right: 1px solid palette(mid); }"
            "QListWidget#sidebar { border: none; padding-top: 4px; outline: 0;"
            " background: palette(alternate-base); }"
            f"QListWidget#sidebar::item {{ {item} border-radius: 6px; border: none; }}"
            "QListWidget#sidebar::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )

    def show_about(self) -> None:
        from desktop.ui.about import AboutDialog

        AboutDialog(self).exec()

    def report_startup(self, messages: list[str]) -> None:
        if messages:
            QMessageBox.warning(self, APP_NAME, "\n\n".join(core_text(m) for m in messages))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.isFullScreen():  # remember the window the student will want back, not the projector's size
            self.set_full_screen(False)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/size", self.size())
        self.settings.setValue("window/page", self.current_key())
        for widget in self._pages.values():
            stop = getattr(widget, "shutdown", None)
            if stop is not None:
                stop()
        super().closeEvent(event)
