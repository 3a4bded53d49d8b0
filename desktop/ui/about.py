"""Help → About: versions and licenses, including the default model's terms."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import APP_NAME, __version__
from desktop.core.about import DEFAULT_MODEL_LICENSE, component_versions


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.resize(620, 560)
        rows = "".join(
            f"<tr><td><b>{escape(n)}</b></td><td>{escape(v)}</td><td>{escape(r)}</td><td>{escape(lic)}</td></tr>"
            for n, v, r, lic in component_versions()
        )
        html = (
            f"<h2>{APP_NAME} {__version__}</h2>"
            "<p>Learn how large language models work — on your own computer, offline, with a real model you can "
            "poke at.</p>"
            "<table cellspacing='0' cellpadding='4'>"
            "<tr><th align='left'>Component</th><th align='left'>Version</th><th align='left'>Role</th>"
            f"<th align='left'>License</th></tr>{rows}</table>"
            f"<h3>Default model</h3><p>{escape(DEFAULT_MODEL_LICENSE)}</p>"
        )
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
