"""The Memory & quantization page: a Memory tab (how much memory to load, run and train a model) and a Quantization
tab (how one number is stored in FP32, FP16, BF16 and INT8). Links: studydesk://memory?preset=course,
studydesk://memory?params=7B&dtype=fp16&mode=training&optimizer=adam, studydesk://memory/quantization?value=3.14159.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.core.links import StudyLink
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating
from desktop.ui.memory.memory_tab import MemoryTab
from desktop.ui.memory.quantization_tab import QuantizationTab


class MemoryPage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.memory = MemoryTab(ctx)
        self.quantization = QuantizationTab(ctx)
        self.tabs.addTab(self.memory, "")
        self.tabs.addTab(self.quantization, "")
        self.retr(self._tab_texts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, activated=lambda: self._course())

    def _tab_texts(self) -> None:
        self.tabs.setTabText(0, self.tr("&Memory"))
        self.tabs.setTabText(1, self.tr("&Quantization"))
        self.tabs.setTabToolTip(0, self.tr("Weights, gradients, optimizer states, activations, KV cache (Alt+M)"))
        self.tabs.setTabToolTip(1, self.tr("Bits of FP32, FP16, BF16 and INT8; quant types of a GGUF (Alt+Q)"))

    def _course(self) -> None:
        self.tabs.setCurrentWidget(self.memory)
        self.memory.apply_preset("course")

    def open_link(self, link: StudyLink) -> None:
        if link.path.startswith("quant"):
            self.tabs.setCurrentWidget(self.quantization)
            if "value" in link.params:
                self.quantization.set_value(link.params["value"])
            if "vector" in link.params:
                self.quantization.vector.setText(link.params["vector"])
                self.quantization.recompute()
            return
        self.tabs.setCurrentWidget(self.memory)
        if link.params:
            self.memory.apply_link(link.params)
