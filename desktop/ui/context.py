"""What every page receives: the database, the paths and the app-wide signals. Pages never talk to each other;
they emit on the context and app.py / the window route it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop.core.paths import AppPaths
from desktop.core.store import Database
from desktop.ui.i18n import CODES, SETTING, install_language, system_language
from desktop.ui.theme import apply_theme
from desktop.ui.workers import ModelService


class AppContext(QObject):
    sig_open_link = Signal(str)  # a page asks the window to open a studydesk:// link
    sig_language_changed = Signal(str)  # the one language of interface and content: "pt-BR" or "en"
    sig_theme_changed = Signal(bool)  # True when the dark palette is on
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
        self.sig_theme_changed.emit(self.dark)

    def set_language(self, lang: str) -> None:
        """Switch interface and content live: the translators first (Qt posts LanguageChange to every widget),
        then the signal for pages that rebuild content."""
        if lang not in CODES:
            raise ValueError(f"unknown language {lang!r}; known: {', '.join(CODES)}")
        if lang != self.language:
            self.db.set_setting(SETTING, lang)
            install_language(lang)
            self.sig_language_changed.emit(lang)
