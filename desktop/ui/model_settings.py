"""How the model is run (CPU threads, context size, GPU layers): the box that sits on the Models page and on the
Settings page; Apply saves the options and reloads the model with them."""


from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.core.llm.engine import GPU_HELP, LoadOptions, default_threads, gpu_offload_supported, max_threads
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt

CONTEXT_SIZES = [512, 1024, 2048, 4096, 8192, 16384, 32768]
# Bits per weight of each GGUF block type (ggml/src/ggml-common.h; FACTS.md), for the explanation.


class ModelSettingsBox(Retranslating, QGroupBox):
    """Threads, context size and GPU layers; Apply saves them and reloads the model with them.

    The same box sits on the Models page and on the Settings page; both follow ctx.model.sig_options_changed.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        form = self.form = QFormLayout(self)
        self.threads = QSpinBox()
        self.threads.setRange(0, max_threads())  # more would only be refused by the loader
        self.context = QComboBox()
        for size in CONTEXT_SIZES:
            self.context.addItem("", size)
        self.gpu_layers = QSpinBox()
        self.gpu_layers.setRange(-1, 999)
        self.apply = QPushButton()
        self.apply.clicked.connect(self._apply)
        self.gpu_note = QLabel()
        self.gpu_note.setWordWrap(True)
        self.gpu_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not gpu_offload_supported():
            self.gpu_note.linkActivated.connect(lambda _l: self.gpu_note.setText(
                "<pre style='white-space: pre-wrap'>" + escape(self.gpu_help()) + "</pre>"))
        for field in (self.threads, self.context, self.gpu_layers):
            form.addRow(QLabel(), field)
        form.addRow("", self.gpu_note)
        form.addRow("", self.apply)
        self.show_options(ctx.model.settings_options())
        ctx.model.sig_options_changed.connect(self.show_options)
        self.retr(self._static_texts)

    def gpu_help(self) -> str:
        """GPU_HELP with its sentence in the interface language (the commands stay as they are)."""
        commands = GPU_HELP.split(":\n", 1)[1] if ":\n" in GPU_HELP else GPU_HELP
        return self.tr("This llama-cpp-python was built for the CPU only. To use a GPU, rebuild it into the app's "
                       "virtual environment with the backend for your card, then set GPU layers in Settings:") + "\n" \
            + commands

    def _static_texts(self) -> None:
        self.setTitle(self.tr("Model"))
        if not gpu_offload_supported():
            sentence, _, commands = self.gpu_help().partition("\n")
            self.gpu_note.setToolTip(f"<p>{escape(sentence)}</p><pre>{escape(commands)}</pre>")
        self.threads.setSpecialValueText(self.tr("Automatic ({n})").format(n=default_threads()))
        self.threads.setToolTip(self.tr("CPU threads llama.cpp uses; 0 = one per CPU core, up to 8"))
        for i in range(self.context.count()):
            self.context.setItemText(i, self.tr("{n} tokens").format(n=fmt.integer(int(self.context.itemData(i)))))
        self.context.setToolTip(self.tr("How many tokens of prompt plus output the model can see; more costs memory"))
        self.gpu_layers.setSpecialValueText(self.tr("All layers"))
        self.gpu_layers.setToolTip(self.tr("Layers to offload to the GPU (0 = CPU only; needs a GPU build)"))
        self.apply.setText(self.tr("Apply and reload the model"))
        if gpu_offload_supported():
            self.gpu_note.setText(self.tr("This llama.cpp build can offload layers to a GPU."))
        elif not self.gpu_note.text().startswith("<pre"):
            self.gpu_note.setText(self.tr("This build runs on the CPU only, so GPU layers are ignored.") + " <a href='#gpu'>"
                                  + self.tr("How to install a GPU build…") + "</a>")
        for field, text in ((self.threads, self.tr("CPU threads:")), (self.context, self.tr("Context size:")),
                            (self.gpu_layers, self.tr("GPU layers:"))):
            label = self.form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(text)

    def show_options(self, options: LoadOptions) -> None:
        self.threads.setValue(options.n_threads or 0)
        index = self.context.findData(options.n_ctx)
        if index < 0:
            self.context.addItem(self.tr("{n} tokens").format(n=fmt.integer(options.n_ctx)), options.n_ctx)
            index = self.context.count() - 1
        self.context.setCurrentIndex(index)
        self.gpu_layers.setValue(options.n_gpu_layers)

    def options(self) -> LoadOptions:
        return LoadOptions(
            n_ctx=int(self.context.currentData()),
            n_threads=self.threads.value() or None,
            n_gpu_layers=self.gpu_layers.value(),
        )

    def _apply(self) -> None:
        options = self.options()
        self.ctx.model.set_options(options)
        info = self.ctx.model.engine_info
        self.ctx.model.load(info.path if info is not None else None, options)
