"""Settings: the language (interface and content, one setting), the theme, flashcards and the model. Other
features add their own group box here."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.context import AppContext
from desktop.ui.i18n import LANGUAGES, Retranslating

THEME_LABELS = [("system", QT_TRANSLATE_NOOP("SettingsPage", "Follow the system")),
                ("light", QT_TRANSLATE_NOOP("SettingsPage", "Light")),
                ("dark", QT_TRANSLATE_NOOP("SettingsPage", "Dark"))]


class SettingsPage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        # The groups scroll on a short window (1024×600) or at a large zoom instead of being squeezed.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(32, 24, 32, 24)
        body = QWidget()
        body.setMaximumWidth(760)
        outer.addWidget(body)
        outer.addStretch(1)
        layout = self.sections = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        title = QLabel()
        self.retr(lambda: title.setText("<h2>{}</h2>".format(self.tr("Settings"))))
        layout.addWidget(title)

        content = QGroupBox()
        self.retr(lambda: content.setTitle(self.tr("Language")))
        form = QFormLayout(content)
        self.language = QComboBox()
        for code, label in LANGUAGES:  # each language named in itself
            self.language.addItem(label, code)
        self.language.setCurrentIndex([c for c, _ in LANGUAGES].index(ctx.language))
        self.language.currentIndexChanged.connect(lambda _i: ctx.set_language(self.language.currentData()))
        ctx.sig_language_changed.connect(self._sync_language)
        form.addRow("Idioma / Language:", self.language)  # bilingual on purpose: findable in either language
        note = QLabel()
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        self.retr(lambda: note.setText(self.tr(
            "One setting for the whole app: menus and pages, lessons, cards and quizzes, numbers and dates. "
            "It changes at once, no restart needed.")))
        form.addRow("", note)
        layout.addWidget(content)

        look = QGroupBox()
        self.retr(lambda: look.setTitle(self.tr("Appearance")))
        form = QFormLayout(look)
        self.theme = QComboBox()
        for code, label in THEME_LABELS:
            self.theme.addItem(QCoreApplication.translate("SettingsPage", label), code)
        current = str(ctx.db.get_setting("theme", "system"))
        self.theme.setCurrentIndex([c for c, _ in THEME_LABELS].index(current))
        self.theme.currentIndexChanged.connect(self._theme_changed)
        theme_label = QLabel()
        self.retr(lambda: theme_label.setText(self.tr("Theme:")))
        form.addRow(theme_label, self.theme)
        layout.addWidget(look)

        from desktop.ui.cards.settings import FlashcardSettings

        self.flashcards = FlashcardSettings(ctx)
        layout.addWidget(self.flashcards)

        from desktop.ui.model_settings import ModelSettingsBox

        self.model_settings = ModelSettingsBox(ctx)  # the same box as on the Models page; both stay in step
        layout.addWidget(self.model_settings)
        layout.addStretch(1)

    def focus_on_arrival(self) -> None:
        """Ctrl+8 lands on the first setting (the page's scroll area took the keyboard and showed no focus)."""
        self.language.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def retranslate(self) -> None:
        super().retranslate()
        for i, (_code, label) in enumerate(THEME_LABELS):
            self.theme.setItemText(i, QCoreApplication.translate("SettingsPage", label))

    def _sync_language(self, lang: str) -> None:
        index = self.language.findData(lang)
        if index >= 0 and index != self.language.currentIndex():
            self.language.setCurrentIndex(index)

    def _theme_changed(self, _index: int) -> None:
        self.ctx.db.set_setting("theme", self.theme.currentData())
        self.ctx.apply_theme()
