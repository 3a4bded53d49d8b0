"""The Models page: the default model, every GGUF found on disk, what is inside the selected file, and how the
model is run (threads, context size, GPU layers).

File checks and loads run on the model thread (ctx.model). Listing the folders (discovery) runs as a file job
(ctx.files, ui/background.py): a slow or hung folder leaves the window responsive while "Looking for models…"
shows. A bad file gets a one-line message under the list; the loaded model stays loaded.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.llm.catalog import DEFAULT_MODEL, INSTALL_HELP, is_default_model_ready, package_installed
from desktop.core.llm.discovery import SOURCE_DEFAULT, ModelFile, discover_models
from desktop.core.llm.gguf_info import GGUFInfo, inspect_gguf
from desktop.core.llm.probe import remembered_verdict
from desktop.ui.charts import theme_chart
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.model_facts import FactsView, human_bytes, license_name
from desktop.ui.model_settings import ModelSettingsBox
from desktop.ui.responsive import VerticalScrollArea
from desktop.ui.workers import KEY_RECENT

ERROR_STYLE = "color: #c0392b; font-weight: 600;"

SOURCES = {  # discovery's source names (desktop.core.llm.discovery) as the list shows them
    "Default": QT_TRANSLATE_NOOP("ModelFacts", "Default"),
    "Models folder": QT_TRANSLATE_NOOP("ModelFacts", "Models folder"),
    "Hugging Face cache": QT_TRANSLATE_NOOP("ModelFacts", "Hugging Face cache"),
    "Opened": QT_TRANSLATE_NOOP("ModelFacts", "Opened"),
}


def source_label(source: str) -> str:
    return QCoreApplication.translate("ModelFacts", SOURCES[source]) if source in SOURCES else source


class ModelsPage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.model
        self._info_cache: dict[tuple[str, int, int], GGUFInfo] = {}
        self._list_key = f"models.list.{id(self)}"
        self.listing = False  # True while a listing runs (the list shows the previous one meanwhile)
        self._select_after: Path | None = None  # the row to select once the listing arrives (a file just opened)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 12)
        header = QHBoxLayout()
        title = QLabel()
        self.retr(lambda: title.setText("<h2 style='margin:0'>{}</h2>".format(self.tr("Models"))))
        header.addWidget(title)
        header.addStretch(1)
        self.current = QLabel()
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.current)
        outer.addLayout(header)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        outer.addWidget(self.progress)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(False)
        self.list.currentItemChanged.connect(lambda _c, _p: self._selection_changed())
        self.list.itemActivated.connect(lambda _item, _col: self.load_selected())
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.load_button = QPushButton()
        self.load_button.clicked.connect(self.load_selected)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_file)
        self.rescan_button = QPushButton()
        self.rescan_button.clicked.connect(self.refresh)
        for b in (self.load_button, self.open_button, self.rescan_button):
            buttons.addWidget(b)
        self.looking = QLabel()  # "Looking for models…" while the folders are listed
        self.looking.setStyleSheet("color: palette(placeholder-text);")
        self.looking.setVisible(False)
        buttons.addWidget(self.looking)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        server_row = QHBoxLayout()
        self.server_button = QPushButton(self.tr("Connect to a server…"))
        self.server_button.setToolTip(self.tr("Use a model on llama-server, vLLM, Ollama or llama-cpp-python's server"))
        self.server_button.clicked.connect(self.connect_server)
        self.local_button = QPushButton(self.tr("Use the local model"))
        self.local_button.clicked.connect(self.service.use_local)
        server_row.addWidget(self.server_button)
        server_row.addWidget(self.local_button)
        server_row.addStretch(1)
        left_layout.addLayout(server_row)
        self.server_line = QLabel()
        self.server_line.setWordWrap(True)
        self.server_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left_layout.addWidget(self.server_line)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setVisible(False)
        left_layout.addWidget(self.error)
        self.where = QLabel()
        self.where.setWordWrap(True)
        left_layout.addWidget(self.where)
        self.settings_box = ModelSettingsBox(ctx)
        left_layout.addWidget(self.settings_box)
        splitter.addWidget(left)

        self.facts = FactsView()
        ctx.sig_theme_changed.connect(self._restyle_chart)
        ctx.sig_zoom_changed.connect(self._restyle_chart)
        self._restyle_chart()
        scroll = VerticalScrollArea(self.facts)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # when both columns cannot fit (1024×600 in pt-BR) the facts scroll sideways instead of being cut off
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 840])
        outer.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.Open, self, activated=self.open_file)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.refresh)

        self.service.sig_loading.connect(self._on_loading)
        self.service.sig_progress.connect(self._on_progress)
        self.service.sig_loaded.connect(self._on_loaded)
        self.service.sig_load_failed.connect(self._on_failed)
        self.service.sig_backend_changed.connect(self._on_backend)
        self.retr(self._static_texts)
        self.refresh()

    def _static_texts(self) -> None:
        self.progress.setFormat(self.tr("Preparing the default model from its package… %p%"))
        self.list.setHeaderLabels([self.tr("Model"), self.tr("Found in"), self.tr("Size")])
        self.load_button.setText(self.tr("Load"))
        self.load_button.setToolTip(self.tr("Load the selected model (Enter)"))
        self.open_button.setText(self.tr("Open GGUF file…"))
        self.open_button.setToolTip(self.tr("Open any GGUF file on disk (Ctrl+O)"))
        self.rescan_button.setText(self.tr("Rescan"))
        self.rescan_button.setToolTip(self.tr("Look for GGUF files again (F5)"))
        self.looking.setText(self.tr("Looking for models…"))
        self.server_button.setText(self.tr("Connect to a server…"))
        self.server_button.setToolTip(self.tr("Use a model on llama-server, vLLM, Ollama or llama-cpp-python's server"))
        self.local_button.setText(self.tr("Use the local model"))
        self.where.setText("<small>{}</small>".format(self.tr(
            "Looked in: the app's models folder, the Hugging Face cache, LM Studio's and Ollama's model folders. Any "
            "other .gguf: <b>Open GGUF file…</b>")))
        self._on_backend(None)
        self._show_current()

    def retranslate(self) -> None:
        """New words only; nothing is sent to the model thread (the facts view re-says what it shows)."""
        super().retranslate()
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            entry: ModelFile = item.data(0, Qt.ItemDataRole.UserRole)
            item.setText(1, source_label(entry.source))
            item.setText(2, self._size_text(entry))
        model = self.selected()
        if self.facts._info is None and model is not None and model.source == SOURCE_DEFAULT and not model.exists:
            self._selection_changed()  # the default model's "not prepared yet" note

    # servers ---------------------------------------------------------------------------------------------------
    def connect_server(self) -> None:
        from desktop.ui.server_dialog import ServerDialog

        ServerDialog(self.ctx, self).open()

    def _on_backend(self, _info: object) -> None:
        server = self.service.server
        self.local_button.setVisible(server is not None)
        if server is None or server.info is None:
            self.server_line.setText("")
            self.server_line.setVisible(False)
            return
        self.server_line.setVisible(True)
        self.server_line.setText(
            self.tr("<b>Active: {model}</b> on {url} ({kind}). The lab shows its top {n} tokens and the rest of the "
                    "vocabulary as one bar.").format(model=str(server.model), url=server.info.url,
                                                     kind=server.info.kind, n=min(server.info.max_top, 20))
        )

    # list ------------------------------------------------------------------------------------------------------
    def opened_files(self) -> list[Path]:
        return [Path(p) for p in (self.ctx.db.get_setting(KEY_RECENT, []) or [])]

    def _restyle_chart(self, *_args: object) -> None:
        theme_chart(self.facts.chart)
        self.facts.fit_chart_title()  # theme_chart sets the title's font from the interface zoom

    def refresh(self, select: Path | None = None) -> None:
        """List the GGUF files again as a file job; the list keeps its rows (and the selection) until the new
        listing arrives. `select`: the row to choose then (else the selected one, else the loaded model)."""
        if select is not None:
            self._select_after = select
        models_dir, opened = self.ctx.paths.models_dir, self.opened_files()
        self.listing = True
        self.looking.setVisible(True)
        self.ctx.files.submit(self._list_key, lambda _job: discover_models(models_dir, opened), self._fill_list,
                              self._list_failed, owner=self)

    def _list_failed(self, message: str) -> None:
        self.listing = False
        self.looking.setVisible(False)
        self.set_error(self.tr("Could not look for models: {reason}").format(reason=message))

    def _fill_list(self, items: list[ModelFile]) -> None:
        self.listing = False
        self.looking.setVisible(False)
        selected = self._select_after or self.selected_path()
        self._select_after = None
        self.list.clear()
        loaded = self.service.engine_info.path if self.service.engine_info else None
        for model in items:
            row = QTreeWidgetItem([model.label, source_label(model.source), self._size_text(model)])
            row.setData(0, Qt.ItemDataRole.UserRole, model)
            row.setToolTip(0, str(model.path))
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if loaded is not None and _same(model.path, loaded):
                font = row.font(0)
                font.setBold(True)
                for col in range(3):
                    row.setFont(col, font)
                row.setText(0, f"● {model.label}")
            self.list.addTopLevelItem(row)
        target = selected or loaded
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if target is None or _same(item.data(0, Qt.ItemDataRole.UserRole).path, target):
                self.list.setCurrentItem(item)
                break

    def _size_text(self, model: ModelFile) -> str:
        if model.exists:
            return human_bytes(model.size_bytes)
        return self.tr("from package") if package_installed() else self.tr("not installed")

    def models(self) -> list[ModelFile]:
        return [self.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(self.list.topLevelItemCount())]

    def selected(self) -> ModelFile | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_path(self) -> Path | None:
        model = self.selected()
        return model.path if model is not None else None

    def select_path(self, path: Path) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if _same(item.data(0, Qt.ItemDataRole.UserRole).path, path):
                self.list.setCurrentItem(item)
                return

    # inspector -------------------------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        model = self.selected()
        if model is None:
            return
        if model.source == SOURCE_DEFAULT and not model.exists:
            if package_installed():
                self.facts.show_message(
                    DEFAULT_MODEL.name,
                    "<p>" + self.tr("Not prepared yet: it is assembled from the installed package <code>{package}</code> "
                                    "({size}, sha256-checked) the first time it loads. Press <b>Load</b>.").format(
                        package=DEFAULT_MODEL.source_package, size=human_bytes(DEFAULT_MODEL.size_bytes))
                    + "</p><p>" + self.tr("License: {license}.").format(license=escape(license_name())) + "</p>",
                )
            else:
                self.facts.show_message(
                    DEFAULT_MODEL.name,
                    "<p>" + self.tr("The default model's package <code>{package}</code> is not installed.").format(
                        package=DEFAULT_MODEL.source_package) + f" {escape(INSTALL_HELP)}.</p><p>"
                    + self.tr("Every page that does not need a model still works, and you can open any GGUF file you "
                              "have.") + "</p>",
                )
            return
        self.inspect(model.path)

    def inspect(self, path: Path) -> None:
        key = _cache_key(path)
        if key is not None and key in self._info_cache:
            self._show_info(self._info_cache[key], key)
            return
        self.facts.show_message(path.name, "<p>{}</p>".format(self.tr("Reading the file's header…")))
        self.service.submit(
            "models.inspect",
            lambda _engine, _job: inspect_gguf(path),
            lambda info: self._show_info(info, key),
            self._show_error,
            needs_engine=False,
        )

    def _show_info(self, info: GGUFInfo, key: tuple[str, int, int] | None) -> None:
        if key is not None:
            self._info_cache[key] = info
        if self.selected_path() is None or _same(self.selected_path(), info.path):
            self.facts.show_info(info)
            verdict = remembered_verdict(info.path, self.ctx.paths.cache_dir)
            if verdict is not None and not verdict.ok:  # the trial load in a child process failed before
                self.set_error(self.tr("llama.cpp cannot run this file: {reason}").format(reason=verdict.reason))

    def _show_error(self, message: str) -> None:
        self.set_error(message)
        self.facts.show_message(self.tr("Cannot read this file"), f"<p>{escape(message)}</p>")

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # loading ---------------------------------------------------------------------------------------------------
    def load_selected(self) -> None:
        model = self.selected()
        if model is None:
            return
        self.set_error("")
        self.service.load(None if model.source == SOURCE_DEFAULT else model.path, self.settings_box.options())

    def open_file(self) -> None:
        start = str(self.ctx.paths.models_dir)
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Open a GGUF model"), start,
                                                    self.tr("GGUF models (*.gguf);;All files (*)"))
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        """Check a file chosen by the student; load it if it is a model, else say what is wrong."""
        self.set_error("")

        def check(_engine: object, _job: object) -> tuple[GGUFInfo, tuple[str, int, int] | None]:
            return inspect_gguf(path), _cache_key(path)

        def ok(result: tuple[GGUFInfo, tuple[str, int, int] | None]) -> None:
            info, key = result
            if key is not None:
                self._info_cache[key] = info
            recent = [str(path)] + [p for p in (self.ctx.db.get_setting(KEY_RECENT, []) or []) if p != str(path)]
            self.ctx.db.set_setting(KEY_RECENT, recent[:10])
            self.refresh(select=path)
            self.facts.show_info(info)
            self.service.load(path, self.settings_box.options())

        self.service.submit("models.open", check, ok, self._show_error, needs_engine=False)

    def _show_current(self) -> None:
        info = self.service.engine_info
        if info is None:
            self.current.setText(self.tr("Loading…") if self.service.is_loading else self.tr("No model loaded"))
        else:
            n_ctx = self.service.loaded_options.n_ctx if self.service.loaded_options else None
            self.current.setText(self.tr(
                "Loaded: <b>{name}</b> · {device} · {n} tokens of context · loaded in {seconds} s").format(
                name=escape(info.display_name), device=self.service.device,
                n=fmt.integer(n_ctx) if n_ctx is not None else "?", seconds=fmt.decimal(self.service.load_seconds, 1)))

    def _on_loading(self, path: str) -> None:
        self.current.setText(self.tr("Loading {name}…").format(name=escape(Path(path).name)))
        if not is_default_model_ready(self.ctx.paths.models_dir) and Path(path).name == DEFAULT_MODEL.file:
            self.progress.setValue(0)
            self.progress.setVisible(True)

    def _on_progress(self, fraction: float) -> None:
        self.progress.setVisible(fraction < 1.0)
        self.progress.setValue(int(fraction * 100))

    def _on_loaded(self, info: GGUFInfo) -> None:
        self.progress.setVisible(False)
        self.set_error("")
        self._show_current()
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.set_error(message)
        self._show_current()


def _cache_key(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_size, st.st_mtime_ns)


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
