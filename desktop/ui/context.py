"""What every page receives: the database, the paths and the app-wide signals. Pages never talk to each other;
they emit on the context and app.py / the window route it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop.core.paths import AppPaths
from desktop.core.store import Database
from desktop.ui import zoom as interface_zoom
from desktop.ui.background import FileJobs
from desktop.ui.i18n import CODES, SETTING, install_language, system_language
from desktop.ui.theme import apply_theme, restyle_widgets
from desktop.ui.workers import ModelService


class AppContext(QObject):
    sig_open_link = Signal(str)  # a page asks the window to open a studydesk:// link
    sig_language_changed = Signal(str)  # the one language of interface and content: "pt-BR" or "en"
    sig_theme_changed = Signal(bool)  # True when the dark palette is on
    sig_zoom_changed = Signal(int)  # whole-interface zoom in percent (the application font is already scaled)
    sig_model_status = Signal(str)  # one line for the status bar
    sig_status_message = Signal(str, int)  # transient status-bar message, milliseconds

    def __init__(self, db: Database, paths: AppPaths) -> None:
        super().__init__()
        self.db = db
        self.paths = paths
        self.dark = False
        # The one model thread (ui/workers.py). Nothing starts until a page or app.py asks for a model.
        self.model = ModelService(db, paths, parent=self)
        self.model.sig_state.connect(self.sig_model_status)
        # File work that must not block the GUI thread nor queue behind the model (ui/background.py).
        self.files = FileJobs(parent=self)
        if QCoreApplication.instance() is not None:
            install_language(self.language)

    @property
    def language(self) -> str:
        """The interface and content language. The first start follows the system locale (Portuguese -> pt-BR,
        anything else -> English) and remembers it."""
        lang = self.db.get_setting(SETTING, None)
        if lang not in CODES:
            lang = system_language()
            self.db.set_setting(SETTING, lang)
        return str(lang)

    def apply_theme(self, *_scheme: object) -> None:
        """Apply the saved theme ("system", "light" or "dark") and tell the pages. Also a slot for the desktop's
        colorSchemeChanged (bound to this object, so it goes when the context does)."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.dark = apply_theme(app, str(self.db.get_setting("theme", "system")))
        # Qt hands the new palette to each widget through posted events: deliver them now, so that pages reading
        # their own palette in the slots below see the new colours, not the old theme's.
        QCoreApplication.sendPostedEvents()
        restyle_widgets()  # style sheets resolved palette(...) colours when they were set: resolve them again
        self.sig_theme_changed.emit(self.dark)

    @property
    def zoom(self) -> int:
        """The whole-interface zoom in percent (presentation mode), remembered in the settings."""
        value = self.db.get_setting(interface_zoom.SETTING_ZOOM, interface_zoom.DEFAULT_ZOOM)
        return interface_zoom.nearest_step(value) if isinstance(value, int | float) else interface_zoom.DEFAULT_ZOOM

    def apply_zoom(self) -> None:
        """Scale the application font to the saved zoom and tell the pages (charts restyle their labels)."""
        interface_zoom.apply_zoom(self.zoom)
        QCoreApplication.sendPostedEvents()  # widgets take the new font through posted events (as the palette)
        restyle_widgets()  # a widget with a style sheet keeps the font it had when the sheet was applied
        self.sig_zoom_changed.emit(self.zoom)

    def set_zoom(self, percent: int) -> None:
        percent = interface_zoom.nearest_step(percent)
        if percent != self.zoom or percent != interface_zoom.current_zoom():
            self.db.set_setting(interface_zoom.SETTING_ZOOM, percent)
            self.apply_zoom()

    def set_language(self, lang: str) -> None:
        """Switch interface and content live: the translators first (Qt posts LanguageChange to every widget),
        then the signal for pages that rebuild content."""
        if lang not in CODES:
            raise ValueError(f"unknown language {lang!r}; known: {', '.join(CODES)}")
        if lang != self.language:
            self.db.set_setting(SETTING, lang)
            install_language(lang)
            self.sig_language_changed.emit(lang)
