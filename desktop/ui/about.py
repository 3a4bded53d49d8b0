"""Help → About: versions and licenses, including the default model's terms."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop import APP_NAME, __version__
from desktop.core.about import DEFAULT_MODEL_LICENSE, component_versions
from desktop.core.llm.catalog import license_path


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.resize(620, 560)
        rows = "".join(
            f"<tr><td><b>{escape(n)}</b></td><td>{escape(v)}</td><td>{escape(r)}</td><td>{escape(lic)}</td></tr>"
            for n, v, r, lic in component_versions()
        )
        intro = self.tr("Learn how large language models work — on your own computer, offline, with a real model you "
                        "can poke at.")
        heads = "".join(f"<th align='left'>{escape(h)}</th>" for h in (
            self.tr("Component"), self.tr("Version"), self.tr("Role"), self.tr("License")))
        html = (
            f"<h2>{APP_NAME} {__version__}</h2><p>{escape(intro)}</p>"
            f"<table cellspacing='0' cellpadding='4'><tr>{heads}</tr>{rows}</table>"
            + "<h3>{}</h3><p>{}</p>".format(escape(self.tr("Default model")), escape(DEFAULT_MODEL_LICENSE))
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def show_terms(self) -> None:
        assert self.terms_path is not None
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Gemma Terms of Use"))
        dialog.resize(760, 640)
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
