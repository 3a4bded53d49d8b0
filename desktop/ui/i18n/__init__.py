"""The interface language: one setting for interface and content, Qt translators loaded from the compiled `.qm`
files beside this module (sources: the `.ts` files, see `make translations`), Qt's own `qtbase` translation for
standard widgets, and the default QLocale that formats numbers and dates.

Installing a translator makes Qt send LanguageChange to every widget; pages re-set their texts from
`changeEvent` (see `Retranslating`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from desktop.ui.i18n.terms import KEEP_IN_ENGLISH

__all__ = ["KEEP_IN_ENGLISH", "LANGUAGES", "Retranslating", "install_language", "qt_locale", "system_language"]

HERE = Path(__file__).resolve().parent
LANGUAGES: list[tuple[str, str]] = [("pt-BR", "Português (Brasil)"), ("en", "English")]
CODES = [code for code, _ in LANGUAGES]
SETTING = "content_language"  # the one language setting (its name predates the interface translation)

_installed: list[QTranslator] = []
_current: list[str] = []


def qt_locale(lang: str) -> QLocale:
    if lang == "pt-BR":
        return QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def system_language(locale: QLocale | None = None) -> str:
    """The first start's choice: Portuguese desktops get pt-BR, every other language gets English."""
    locale = locale or QLocale.system()
    return "pt-BR" if locale.language() == QLocale.Language.Portuguese else "en"


def qm_file(lang: str) -> Path:
    return HERE / f"studydesk_{lang.replace('-', '_')}.qm"


def current_language() -> str:
    return _current[-1] if _current else "en"


def previous_language() -> str:
    """The interface language before the last switch (the current one when there was no switch)."""
    return _current[0] if _current else "en"


def install_language(lang: str) -> None:
    """Make `lang` the interface language: swap the translators and the default locale. Qt then posts
    LanguageChange to every widget. Works before the first window too."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QCoreApplication")
    if lang not in CODES:
        raise ValueError(f"unknown interface language {lang!r}; known: {', '.join(CODES)}")
    if _current and _current[-1] == lang and QLocale().name() == qt_locale(lang).name():
        return  # already in place: no LanguageChange storm for every window
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    QLocale.setDefault(qt_locale(lang))
    from PySide6.QtWidgets import QApplication

    if isinstance(app, QApplication):  # widgets built earlier keep the locale they were built with otherwise
        for widget in app.topLevelWidgets():
            widget.setLocale(qt_locale(lang))
    files = [qm_file(lang)]
    if lang != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        files.append(Path(qt_dir) / f"qtbase_{lang.replace('-', '_')}.qm")
    for path in files:
        translator = QTranslator(app)
        if path.is_file() and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
    _current[:] = [current_language(), lang]


class Retranslating:
    """Mixin for QWidget pages and panels: a text set through `self.retr(lambda: ...)` is set now and set again
    on every LanguageChange, so the lambda's `self.tr(...)` reads the new language. Override `retranslate()`
    (calling super) to refresh texts built from data."""

    def retr(self, apply: Callable[[], object]) -> None:
        apply()
        self.__dict__.setdefault("_retranslators", []).append(apply)

    def retranslate(self) -> None:
        alive = []
        for apply in self.__dict__.get("_retranslators", []):
            try:
                apply()
            except RuntimeError as exc:  # a widget it set is gone (its C++ object was deleted)
                if "already deleted" not in str(exc):
                    raise
                continue
            alive.append(apply)
        self.__dict__["_retranslators"] = alive

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            # A widget whose window is not on screen (not shown yet, or closed and waiting to be deleted) catches
            # up when it is shown: a closed page must not touch data that may be gone.
            if self.window().isVisible():  # type: ignore[attr-defined]
                self.__dict__["_language_stale"] = False
                self.retranslate()
            else:
                self.__dict__["_language_stale"] = True
        super().changeEvent(event)  # type: ignore[misc]

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if self.__dict__.get("_language_stale"):
            self.__dict__["_language_stale"] = False
            self.retranslate()
        super().showEvent(event)  # type: ignore[misc]


_by_language: dict[str, QTranslator | None] = {}


def translate_in(lang: str, context: str, source: str) -> str:
    """`source` translated into `lang` whatever the installed language (for code that is handed a language)."""
    if lang == "en":
        return source
    if lang not in _by_language:
        translator = QTranslator()
        _by_language[lang] = translator if translator.load(str(qm_file(lang))) else None
    translator = _by_language[lang]
    text = translator.translate(context, source) if translator is not None else ""
    return text or source
