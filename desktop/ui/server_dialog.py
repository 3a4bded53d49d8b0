"""Models page → "Connect to a server…": point the app at an inference server the student already runs.

The check (which kind of server, its models, how many probabilities it returns) runs as a model-thread job, so a
slow or unreachable server never blocks the window. The API key goes to the system keyring, or stays in memory for
this session where there is none; the address, model, timeout and environment variable name are remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.llm.server import DEFAULT_TIMEOUT, ServerClient, ServerError, ServerInfo
from desktop.core.llm.server_keys import keyring_status, load_key, save_key
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.i18n.core_text import core_text

KEY_URL = "server.url"
KEY_MODEL = "server.model"
KEY_ENV = "server.key_env"
KEY_TIMEOUT = "server.timeout"
DEFAULT_ENV = "STUDYDESK_SERVER_API_KEY"  # the same variable the CLI reads

class ServerDialog(Retranslating, QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client: ServerClient | None = None
        self._status: tuple[str, ...] = ()  # what the status line says, to say it again after a language switch
        self.retr(lambda: self.setWindowTitle(self.tr("Connect to a server")))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel()
        self.retr(lambda: intro.setText(self.tr(
            "Use a bigger model that runs on an inference server: llama.cpp's llama-server, vLLM, Ollama or "
            "llama-cpp-python's server. The local model stays loaded; you can go back to it at any time."
        )))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        db = ctx.db
        self.url = QLineEdit(str(db.get_setting(KEY_URL, "") or ""))
        self.url.setPlaceholderText("http://127.0.0.1:8080")
        labels = [QLabel() for _ in range(4)]
        self.retr(lambda: [label.setText(text) for label, text in zip(labels, (
            self.tr("Address:"), self.tr("API key:"), self.tr("Key from variable:"), self.tr("Timeout:")),
            strict=True)])
        form.addRow(labels[0], self.url)
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.retr(lambda: self.key.setPlaceholderText(self.tr("only if the server was started with an API key")))
        form.addRow(labels[1], self.key)
        available, where = keyring_status()
        self.remember = QCheckBox()
        self.retr(lambda: self.remember.setText(self.tr("Remember the key in the system keyring")))
        self.remember.setChecked(available)
        self.remember.setEnabled(available)
        form.addRow("", self.remember)
        self.keyring_note = QLabel()
        self.retr(lambda: self.keyring_note.setText(f"<small>{core_text(where)}</small>"))
        self.keyring_note.setWordWrap(True)
        self.env = QLineEdit(str(db.get_setting(KEY_ENV, DEFAULT_ENV) or DEFAULT_ENV))
        self.retr(lambda: self.env.setToolTip(
            self.tr("If this environment variable is set, its value is used as the API key")))
        form.addRow(labels[2], self.env)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(1, 600)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(float(db.get_setting(KEY_TIMEOUT, DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT))
        form.addRow(labels[3], self.timeout)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)

        self.check_button = QPushButton()
        self.retr(lambda: self.check_button.setText(self.tr("Check the server")))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        layout.addWidget(self.check_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.models = QListWidget()
        self.models.setVisible(False)
        self.models.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.models, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.retr(lambda: self.use_button.setText(self.tr("Use this model")))
        self.retr(self._show_status)
        self.use_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.url.text():
            self.key.setText(load_key(self.url.text().strip(), self.env.text().strip()) or "")

    def check(self) -> None:
        try:
            client = ServerClient(self.url.text(), api_key=self._key() or None, timeout=self.timeout.value(),
                                  model=self.ctx.db.get_setting(KEY_MODEL) or None)
        except ServerError as exc:
            self._failed(str(exc))
            return
        self.check_button.setEnabled(False)
        self.use_button.setEnabled(False)
        self.models.setVisible(False)
        self._set_status("asking", client.base_url)
        self.ctx.model.submit(
            "server.check", lambda _engine, _job: client.check(), lambda info: self._checked(client, info),
            self._failed, needs_engine=False,
        )

    def _key(self) -> str:
        typed = self.key.text().strip()
        if typed:
            return typed
        return load_key(self.url.text().strip(), self.env.text().strip()) or ""

    def _checked(self, client: ServerClient, info: ServerInfo) -> None:
        self.client = client
        self.check_button.setEnabled(True)
        self._set_status("checked", info.kind, info.url, str(info.max_top), "yes" if info.tokenize else "no")
        self.models.clear()
        for name in info.models:
            item = QListWidgetItem(name)
            self.models.addItem(item)
            if name == client.model:
                self.models.setCurrentItem(item)
        self.models.setVisible(bool(info.models))
        self.adjustSize()
        self.use_button.setEnabled(bool(info.models) or info.kind != "ollama")

    def _failed(self, message: str) -> None:
        self.check_button.setEnabled(True)
        self.use_button.setEnabled(False)
        self._set_status("failed", message)

    def _set_status(self, *status: str) -> None:
        self._status = status
        self._show_status()

    def _show_status(self) -> None:
        kind, *values = self._status or ("",)
        if kind == "asking":
            self.status.setText(self.tr("Asking %1…").replace("%1", values[0]))
        elif kind == "checked":
            tokenizer = self.tr("yes") if values[3] == "yes" else self.tr("no (the Tokenizer page keeps the local model)")
            self.status.setText(
                self.tr("<b>%1</b> at %2 · up to %3 probabilities per request · tokenizer: %4")
                .replace("%1", values[0]).replace("%2", values[1]).replace("%3", fmt.integer(int(values[2])))
                .replace("%4", tokenizer)
            )
        elif kind == "failed":
            self.status.setText(f"<span style='color:#c62828'>{core_text(values[0])}</span>")
        else:
            self.status.setText("")

    def accept(self) -> None:
        client = self.client
        if client is None or client.info is None:
            return
        item = self.models.currentItem()
        if item is not None:
            client.model = item.text()
        db = self.ctx.db
        db.set_setting(KEY_URL, client.base_url)
        db.set_setting(KEY_MODEL, client.model)
        db.set_setting(KEY_ENV, self.env.text().strip())
        db.set_setting(KEY_TIMEOUT, float(self.timeout.value()))
        if self.key.text().strip():
            where = save_key(client.base_url, self.key.text().strip(), self.remember.isChecked())
            self.ctx.sig_status_message.emit(core_text(where), 6000)
        self.ctx.model.use_server(client)
        super().accept()
