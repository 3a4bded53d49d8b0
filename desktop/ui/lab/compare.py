"""The lab's Compare tab: the same prompt and seed under two settings, generated together token by token (A, B,
A, B, …) so a class watches the two texts diverge. One model, two texts: the model thread keeps each pane's KV
cache and swaps it in before that pane's next token (desktop.core.sampling_trace.lockstep)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.sampling import GeneratedToken, SamplerSettings, generate_tokens
from desktop.core.sampling_trace import lockstep
from desktop.ui.context import AppContext
from desktop.ui.lab.controls import RunOptions
from desktop.ui.lab.jobs import ALTERNATIVES, prompt_ids
from desktop.ui.lab.server_mode import compare_job, top_n_for
from desktop.ui.lab.texts import number, tr
from desktop.ui.lab.tokens_view import GeneratedTextView, colour_probability, colours_raw

# name (English source text, translated in context "CompareTab") -> (A, B): each pair differs in one parameter
COMPARE_PRESETS: dict[str, tuple[SamplerSettings, SamplerSettings]] = {
    QT_TRANSLATE_NOOP("CompareTab", "greedy ↔ temperature 1.2"): (
        SamplerSettings(greedy=True), SamplerSettings(temperature=1.2)),
    QT_TRANSLATE_NOOP("CompareTab", "temperature 0.3 ↔ 1.5"): (
        SamplerSettings(temperature=0.3), SamplerSettings(temperature=1.5)),
    QT_TRANSLATE_NOOP("CompareTab", "top-k 1 ↔ top-k 100"): (
        SamplerSettings(top_k=1, top_p=1.0, min_p=0.0, temperature=1.0),
        SamplerSettings(top_k=100, top_p=1.0, min_p=0.0, temperature=1.0)),
    QT_TRANSLATE_NOOP("CompareTab", "top-p 0.5 ↔ top-p 1.0"): (
        SamplerSettings(top_k=0, top_p=0.5, min_p=0.0, temperature=1.0),
        SamplerSettings(top_k=0, top_p=1.0, min_p=0.0, temperature=1.0)),
}


class ComparePane(QGroupBox):
    """One side of the comparison: a few settings and the text they produce."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.mode = QComboBox()
        self.mode.addItems(["greedy", "random"])  # texts follow the content language in retranslate()
        # as wide as the current language's words ("Aleatório" was cut when sized for "Random" at first show)
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.top_k = QSpinBox()
        self.top_k.setRange(0, 200)
        self.top_p = QDoubleSpinBox()
        self.top_p.setRange(0.0, 1.0)
        self.top_p.setSingleStep(0.05)
        self.min_p = QDoubleSpinBox()
        self.min_p.setRange(0.0, 1.0)
        self.min_p.setSingleStep(0.01)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form_labels = [QLabel() for _ in range(5)]
        for label, field in zip(self._form_labels, (self.mode, self.temperature, self.top_k, self.top_p, self.min_p),
                                strict=True):
            form.addRow(label, field)
        self.view = GeneratedTextView()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self.tokens: list[GeneratedToken] = []

    def retranslate(self, lang: str) -> None:
        self.mode.setItemText(0, tr(lang, "greedy"))
        self.mode.setItemText(1, tr(lang, "random"))
        self.top_k.setSpecialValueText(tr(lang, "off"))
        for label, key in zip(self._form_labels, ("mode", "temperature", "top_k", "top_p", "min_p"), strict=True):
            label.setText(tr(lang, key))

    def settings(self) -> SamplerSettings:
        return SamplerSettings(
            temperature=self.temperature.value(), top_k=self.top_k.value(), top_p=self.top_p.value(),
            min_p=self.min_p.value(), greedy=self.mode.currentIndex() == 0,
        )

    def set_settings(self, s: SamplerSettings) -> None:
        self.mode.setCurrentIndex(0 if s.greedy else 1)
        self.temperature.setValue(s.temperature)
        self.top_k.setValue(s.top_k)
        self.top_p.setValue(s.top_p)
        self.min_p.setValue(s.min_p)


class CompareTab(QWidget):
    """Both panes, generated in lockstep on the model thread."""

    sig_busy = Signal(bool)
    sig_token = Signal(str, int)  # pane name, its token count: one per token, in the order they arrive
    sig_error = Signal(str)  # a run failed (the lab's server mode shows it in its banner)

    def __init__(self, ctx: AppContext, prompt: Callable[[], str], run_options: Callable[[], RunOptions],
                 can_run: Callable[[], bool]) -> None:
        super().__init__()
        self.ctx = ctx
        self._prompt = prompt
        self._run_options = run_options
        self._can_run = can_run
        self.lang = ctx.language
        self.busy = False
        self._summarised: int | None = None  # the seed of the summaries shown under the panes, if any
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.preset = QComboBox()
        self.preset.addItems(list(COMPARE_PRESETS))
        self.run_button = QPushButton()
        self.stop_button = QPushButton()
        layout.addWidget(self.hint)
        top.addWidget(self.preset, 1)
        top.addWidget(self.run_button)
        top.addWidget(self.stop_button)
        layout.addLayout(top)
        panes = QHBoxLayout()
        self.pane_a = ComparePane("A")
        self.pane_b = ComparePane("B")
        panes.addWidget(self.pane_a, 1)
        panes.addWidget(self.pane_b, 1)
        inner = QWidget()
        inner.setLayout(panes)
        inner.setMinimumHeight(380)
        scroll = QScrollArea()  # at 1024×600 the two panes scroll instead of being squeezed
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self.preset.currentIndexChanged.connect(self.apply_preset)
        self.run_button.clicked.connect(self.compare)
        self.stop_button.clicked.connect(self.stop)
        self.apply_preset(0)
        self.update_buttons(False)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.hint.setText(tr(lang, "compare_hint"))
        self.run_button.setText(tr(lang, "compare_run"))
        self.run_button.setToolTip(self.tr("Generate both panes together, token by token (Ctrl+Enter)"))
        self.stop_button.setText(tr(lang, "stop"))
        self.stop_button.setToolTip(self.tr("Stop (Esc)"))
        for index, name in enumerate(COMPARE_PRESETS):
            self.preset.setItemText(index, QCoreApplication.translate("CompareTab", name))
        self.pane_a.retranslate(lang)
        self.pane_b.retranslate(lang)
        if self._summarised is not None:  # the summaries shown: said again in the new language
            for pane in (self.pane_a, self.pane_b):
                self._summarise(pane, self._summarised)

    def set_words(self, words: dict[str, str], lang: str) -> None:
        for pane in (self.pane_a, self.pane_b):
            pane.view.set_words("", words, lang)

    def views(self) -> list[GeneratedTextView]:
        return [self.pane_a.view, self.pane_b.view]

    def apply_preset(self, index: int) -> None:
        a, b = list(COMPARE_PRESETS.values())[index]
        self.pane_a.set_settings(a)
        self.pane_b.set_settings(b)

    def update_buttons(self, ready: bool) -> None:
        self.run_button.setEnabled(ready and not self.busy)
        self.stop_button.setEnabled(self.busy)

    def compare(self) -> None:
        if self.busy or not self._can_run():
            return
        prompt = self._prompt()
        run = self._run_options()
        panes = {"A": self.pane_a, "B": self.pane_b}
        plans = [(name, pane.settings()) for name, pane in panes.items()]
        self._summarised = None
        for pane in panes.values():
            pane.tokens = []
            pane.view.set_content(prompt, [])
            pane.summary.setText("")

        def job(engine, handle) -> None:
            ids, _cut = prompt_ids(engine, prompt, run.max_new_tokens)
            streams = [
                generate_tokens(engine, ids, settings, run.seed, run.max_new_tokens, alternatives=ALTERNATIVES,
                                should_stop=lambda: handle.cancelled)
                for _name, settings in plans
            ]
            for which, tok in lockstep(engine, streams, should_stop=lambda: handle.cancelled):
                handle.partial((plans[which][0], tok))

        def on_partial(obj: object) -> None:
            name, tok = obj  # type: ignore[misc]
            pane = panes[name]
            pane.tokens.append(tok)
            pane.view.set_content(prompt, pane.tokens)
            self.sig_token.emit(name, len(pane.tokens))

        def on_done(_result: None) -> None:
            self._finish()
            for pane in panes.values():
                self._summarise(pane, run.seed)

        server = self.ctx.model.server
        if server is not None:  # one request per token on the server's model (server_mode.py)
            job = compare_job(server, prompt, plans, run.seed, run.max_new_tokens, top_n_for(server, run.bars))
        self.busy = True
        self.sig_busy.emit(True)
        self.ctx.model.submit("lab.compare", job, on_done, self._on_error, on_partial, needs_engine=server is None)

    def _summarise(self, pane: ComparePane, seed: int) -> None:
        tokens = pane.tokens
        if not tokens:
            return
        mean = sum(colour_probability(t) for t in tokens) / len(tokens)
        if all(colours_raw(t) for t in tokens):
            text = self.tr("{n} tokens · mean raw p {p} (greedy: the model's own probability) · seed {seed}")
        else:
            text = self.tr("{n} tokens · mean p after the samplers {p} · seed {seed}")
        pane.summary.setText(text.format(n=len(tokens), p=number(self.lang, mean, ".1%"), seed=seed))
        self._summarised = seed

    def _finish(self) -> None:
        self.busy = False
        self.sig_busy.emit(False)

    def _on_error(self, message: str) -> None:
        self._finish()
        self.pane_a.summary.setText(f"⚠ {message}")
        self.sig_error.emit(message)

    def stop(self) -> None:
        if not self.busy:
            return
        self.ctx.model.cancel("lab.compare")
        self._finish()
        seed = self._run_options().seed
        for pane in (self.pane_a, self.pane_b):
            self._summarise(pane, seed)
