"""The sampling lab page: prompt, live next-token chart, sliders, step-by-step generation with branching, and a
side-by-side comparison. All model work goes through ctx.model (one model thread); slider moves recompute from
the cached logits on the GUI thread (well under a millisecond for the default settings), never calling the
model."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCursor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.links import StudyLink
from desktop.core.sampling import (
    GeneratedToken,
    NextTokenDistribution,
    SamplerSettings,
    fit_prompt,
    generate_tokens,
    next_token_distribution,
    top_sorted,
)
from desktop.ui.context import AppContext
from desktop.ui.lab.chart import ChartRow, DistributionChart
from desktop.ui.lab.controls import MAX_BARS, RunOptions, SamplerControls
from desktop.ui.lab.texts import examples, explanation_html, number, tr
from desktop.ui.lab.tokens_view import GeneratedTextView, legend_html

PIECES_FOR_CHART = MAX_BARS  # pieces of the top raw tokens sent with the logits (the chart's labels)
ALTERNATIVES = 8
DEBOUNCE_MS = 300


@dataclass(frozen=True)
class NextResult:
    """What a model job sends back for the chart: the logits after the current text, and token texts."""

    prompt_text: str
    prompt_ids: list[int]
    context_ids: list[int]  # prompt_ids + generated ids: what the logits are for
    cut: int  # prompt tokens cut from the left to fit the context
    n_ctx: int
    logits: np.ndarray | None  # None when the text ended with an end-of-generation token
    pieces: dict[int, str]


def _prompt_ids(engine, prompt: str, reserve: int) -> tuple[list[int], int]:
    return fit_prompt(engine.tokenize(prompt), engine.n_ctx, reserve, keep_first=engine.bos_token_id)


def _next_result(engine, prompt: str, prompt_ids: list[int], cut: int, generated: list[int]) -> NextResult:
    context = prompt_ids + generated
    logits = engine.next_logits(context)
    pieces = {int(t): engine.piece(int(t)) for t in top_sorted(logits, PIECES_FOR_CHART).tolist()}
    return NextResult(prompt, prompt_ids, context, cut, engine.n_ctx, logits, pieces)


class ComparePane(QGroupBox):
    """One side of the comparison: a few settings and the text they produce."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.mode = QComboBox()
        self.mode.addItems(["greedy", "random"])  # texts follow the content language in retranslate()
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


# name -> (A, B): each pair differs in one parameter
COMPARE_PRESETS: dict[str, tuple[SamplerSettings, SamplerSettings]] = {
    "greedy ↔ temperature 1.2": (SamplerSettings(greedy=True), SamplerSettings(temperature=1.2)),
    "temperature 0.3 ↔ 1.5": (SamplerSettings(temperature=0.3), SamplerSettings(temperature=1.5)),
    "top-k 1 ↔ top-k 100": (SamplerSettings(top_k=1, top_p=1.0, min_p=0.0, temperature=1.0),
                            SamplerSettings(top_k=100, top_p=1.0, min_p=0.0, temperature=1.0)),
    "top-p 0.5 ↔ top-p 1.0": (SamplerSettings(top_k=0, top_p=0.5, min_p=0.0, temperature=1.0),
                              SamplerSettings(top_k=0, top_p=1.0, min_p=0.0, temperature=1.0)),
}


class LabPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.lang = ctx.language
        self._result: NextResult | None = None  # the cached logits the sliders work on
        self._dist: NextTokenDistribution | None = None
        self._generated: list[GeneratedToken] = []
        self._busy = ""  # "", "generate", "compare"
        self._request = 0  # newest next-token request; older answers are ignored

        self._build()
        self._connect()
        self.retranslate(self.lang)
        self._update_model_banner()
        self._update_buttons()
        if self.prompt_text():
            self._debounce.start(0)

    # layout ------------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 10, 12, 6)
        root.setSpacing(6)

        # model banner (shown while no model is ready)
        self.banner = QFrame()
        self.banner.setObjectName("labBanner")
        self.banner.setStyleSheet("#labBanner { background: palette(alternate-base); border-radius: 6px; }")
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_progress = QProgressBar()
        self.banner_progress.setRange(0, 100)
        self.banner_progress.setFixedWidth(180)
        self.banner_button = QPushButton()
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_progress)
        banner_row.addWidget(self.banner_button)
        root.addWidget(self.banner)

        # prompt row
        prompt_row = QHBoxLayout()
        self.prompt_label = QLabel()
        font = self.prompt_label.font()
        font.setBold(True)
        self.prompt_label.setFont(font)
        self.prompt = QPlainTextEdit()
        self.prompt.setObjectName("labPrompt")
        self.prompt.setTabChangesFocus(True)
        self.prompt.setFixedHeight(62)
        self.prompt.setPlainText(examples(self.lang)[0])
        self.examples_button = QToolButton()
        self.examples_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # One arrow: the "▾" in the text (as on the lessons' "Try it"), not also the style's menu indicator.
        self.examples_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.examples_menu = QMenu(self)
        self.examples_button.setMenu(self.examples_menu)
        prompt_col = QVBoxLayout()
        prompt_col.addWidget(self.prompt_label)
        prompt_col.addWidget(self.examples_button)
        prompt_col.addStretch(1)
        prompt_row.addLayout(prompt_col)
        prompt_row.addWidget(self.prompt, 1)
        root.addLayout(prompt_row)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("labNote")
        root.addWidget(self.note)

        # controls | tabs
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.controls = SamplerControls(self.lang)
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)
        splitter.addWidget(scroll)

        self.tabs = QTabWidget()
        explore = QWidget()
        ex = QVBoxLayout(explore)
        ex.setContentsMargins(6, 6, 6, 6)
        self.readouts = QLabel()
        self.readouts.setObjectName("labReadouts")
        self.readouts.setTextFormat(Qt.TextFormat.RichText)
        self.readouts.setWordWrap(True)
        ex.addWidget(self.readouts)
        self.chart = DistributionChart()
        self.chart_note = QLabel()
        self.chart_note.setWordWrap(True)
        self.chart_note.setTextFormat(Qt.TextFormat.RichText)
        vsplit = QSplitter(Qt.Orientation.Vertical)
        chart_box = QWidget()
        cb = QVBoxLayout(chart_box)
        cb.setContentsMargins(0, 0, 0, 0)
        cb.addWidget(self.chart, 1)
        cb.addWidget(self.chart_note)
        vsplit.addWidget(chart_box)
        gen_box = QWidget()
        gb = QVBoxLayout(gen_box)
        gb.setContentsMargins(0, 4, 0, 0)
        buttons = QHBoxLayout()
        self.generate_button = QPushButton()
        self.step_button = QPushButton()
        self.stop_button = QPushButton()
        self.undo_button = QPushButton()
        self.clear_button = QPushButton()
        for b in (self.generate_button, self.step_button, self.stop_button, self.undo_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.gen_status = QLabel()
        buttons.addWidget(self.gen_status)
        gb.addLayout(buttons)
        self.text_view = GeneratedTextView()
        gb.addWidget(self.text_view, 1)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        gb.addWidget(self.legend)
        vsplit.addWidget(gen_box)
        vsplit.setStretchFactor(0, 3)
        vsplit.setStretchFactor(1, 2)
        ex.addWidget(vsplit, 1)
        self.tabs.addTab(explore, "")

        compare = QWidget()
        cl = QVBoxLayout(compare)
        top = QHBoxLayout()
        self.compare_hint = QLabel()
        self.compare_hint.setWordWrap(True)
        self.preset = QComboBox()
        self.preset.addItems(list(COMPARE_PRESETS))
        self.compare_button = QPushButton()
        self.compare_stop = QPushButton()
        top.addWidget(self.compare_hint, 1)
        top.addWidget(self.preset)
        top.addWidget(self.compare_button)
        top.addWidget(self.compare_stop)
        cl.addLayout(top)
        panes = QHBoxLayout()
        self.pane_a = ComparePane("A")
        self.pane_b = ComparePane("B")
        panes.addWidget(self.pane_a, 1)
        panes.addWidget(self.pane_b, 1)
        cl.addLayout(panes, 1)
        self.tabs.addTab(compare, "")
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 760])
        root.addWidget(splitter, 1)
        self._apply_preset(0)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._render_timer = QTimer(self)  # coalesces token-by-token repaints while generating
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(30)

    def _connect(self) -> None:
        ctx = self.ctx
        self.prompt.textChanged.connect(self._on_prompt_changed)
        self._debounce.timeout.connect(self.request_next)
        self._render_timer.timeout.connect(self._render_text)
        self.controls.sig_changed.connect(self.recompute)
        self.controls.sig_link.connect(ctx.sig_open_link)
        self.chart_note.linkActivated.connect(ctx.sig_open_link)
        self.generate_button.clicked.connect(self.generate)
        self.step_button.clicked.connect(self.step)
        self.stop_button.clicked.connect(self.stop)
        self.undo_button.clicked.connect(self.undo)
        self.clear_button.clicked.connect(self.clear)
        self.text_view.sig_token_clicked.connect(self._offer_branch)
        self.compare_button.clicked.connect(self.compare)
        self.compare_stop.clicked.connect(self.stop)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.banner_button.clicked.connect(lambda: ctx.sig_open_link.emit("studydesk://models"))
        ctx.sig_language_changed.connect(self.retranslate)
        ctx.sig_theme_changed.connect(self._on_theme)
        model = ctx.model
        model.sig_loaded.connect(self._on_model_loaded)
        model.sig_loading.connect(self._on_model_loading)
        model.sig_load_failed.connect(self._on_load_failed)
        model.sig_progress.connect(self._on_model_progress)
        for keys, slot in (
            ("Ctrl+Return", self.generate),
            ("Ctrl+Right", self.step),
            ("Escape", self.stop),
            ("Ctrl+Z", self.undo),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._on_theme(ctx.dark)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.prompt_label.setText(tr(lang, "prompt"))
        self.prompt.setPlaceholderText(tr(lang, "prompt_hint"))
        self.examples_button.setText(tr(lang, "examples") + "  ▾")
        self.examples_menu.clear()
        for text in examples(lang):
            action = QAction(text.replace("\n", " ⏎ "), self.examples_menu)
            action.triggered.connect(lambda _=False, t=text: self.set_prompt(t))
            self.examples_menu.addAction(action)
        self.controls.retranslate(lang)
        self.chart.set_labels(tr(lang, "raw"), tr(lang, "final"))
        self.chart_note.setText(explanation_html(lang, "chart"))
        self.tabs.setTabText(0, tr(lang, "tab.explore"))
        self.tabs.setTabText(1, tr(lang, "tab.compare"))
        for button, key, keys in (
            (self.generate_button, "generate", "Ctrl+Enter"),
            (self.step_button, "step", "Ctrl+→"),
            (self.stop_button, "stop", "Esc"),
            (self.undo_button, "undo", "Ctrl+Z"),
            (self.clear_button, "clear", ""),
        ):
            button.setText(tr(lang, key))
            button.setToolTip(f"{tr(lang, key)} ({keys})" if keys else tr(lang, key))
        self.compare_hint.setText(tr(lang, "compare_hint"))
        self.compare_button.setText(tr(lang, "compare_run"))
        self.compare_stop.setText(tr(lang, "stop"))
        self.pane_a.retranslate(lang)
        self.pane_b.retranslate(lang)
        self.banner_button.setText(tr(lang, "open_models"))
        words = {k: tr(lang, k) for k in ("chosen", "kept", "alternatives", "end")}
        self.text_view.set_words(tr(lang, "empty_output"), words, lang)
        self.pane_a.view.set_words("", words, lang)
        self.pane_b.view.set_words("", words, lang)
        self.legend.setText(legend_html(tr(lang, "low"), tr(lang, "high"), tr(lang, "legend"), self.ctx.dark))
        self._update_model_banner()
        self.recompute()

    def _on_theme(self, dark: bool) -> None:
        self.chart.apply_palette()
        for view in (self.text_view, self.pane_a.view, self.pane_b.view):
            view.dark = dark
            view.render()
        self.legend.setText(legend_html(tr(self.lang, "low"), tr(self.lang, "high"), tr(self.lang, "legend"), dark))

    # model state ---------------------------------------------------------------------------------------------------
    def _update_model_banner(self, failure: str = "") -> None:
        model = self.ctx.model
        loading = model.is_loading and not model.is_loaded
        self.banner.setVisible(not model.is_loaded)
        self.banner_progress.setVisible(loading)
        if loading:
            self.banner_text.setText(tr(self.lang, "loading"))
        else:
            self.banner_text.setText(tr(self.lang, "no_model") + (f"\n{failure}" if failure else ""))
        self._update_buttons()

    def _on_model_loaded(self, _info: object) -> None:
        self._result = None
        self._update_model_banner()
        self.request_next()

    def _on_load_failed(self, message: str) -> None:
        self._update_model_banner(message)

    def _on_model_loading(self, _path: str) -> None:
        self._update_model_banner()

    def _on_model_progress(self, fraction: float) -> None:
        self.banner_progress.setValue(int(fraction * 100))

    # prompt and the next-token distribution ---------------------------------------------------------------------------
    def prompt_text(self) -> str:
        return self.prompt.toPlainText()

    def set_prompt(self, text: str) -> None:
        self.prompt.setPlainText(text)  # textChanged clears the output and schedules a request

    def _on_prompt_changed(self) -> None:
        self.ctx.model.cancel("lab.generate")
        self._busy = "" if self._busy == "generate" else self._busy
        self._generated = []
        self._render_text()
        self._debounce.start()
        self._update_buttons()

    def request_next(self) -> None:
        """Ask the model thread for the logits after the prompt (and the generated tokens)."""
        prompt = self.prompt_text()
        if not prompt.strip():
            self._result = None
            self._dist = None
            self.note.setText(tr(self.lang, "prompt_hint"))
            self.chart.set_rows([])
            self.readouts.setText("")
            self._update_buttons()
            return
        if not self.ctx.model.is_loaded:
            self._update_model_banner()
            return
        generated = [t.id for t in self._generated]
        if generated and self._generated[-1].end:
            return  # nothing follows the end of the text
        reserve = self.controls.run_options().max_new_tokens
        self._request += 1
        request = self._request

        def job(engine, _handle) -> NextResult:
            ids, cut = _prompt_ids(engine, prompt, reserve)
            return _next_result(engine, prompt, ids, cut, generated)

        self.ctx.model.submit("lab.next", job, lambda r: self._on_next(request, r), self._on_error)

    def _on_next(self, request: int, result: NextResult) -> None:
        if request != self._request or result.prompt_text != self.prompt_text():
            return
        self._result = result
        self._show_cut(result)
        self.recompute()
        self._update_buttons()

    def _show_cut(self, result: NextResult) -> None:
        if result.cut:
            self.note.setText(
                "✂ " + tr(self.lang, "cut").format(
                    total=number(self.lang, len(result.prompt_ids) + result.cut),
                    cut=number(self.lang, result.cut),
                    ctx=number(self.lang, result.n_ctx),
                )
            )
        else:
            self.note.setText("")

    def recompute(self) -> None:
        """Slider moved (or new logits): the distribution from the cached logits, then the chart. No model call."""
        result = self._result
        self.note.setVisible(bool(self.note.text()))
        if result is None or result.logits is None:
            return
        settings = self.controls.settings()
        bars = self.controls.run_options().bars
        dist = next_token_distribution(result.logits, settings, result.context_ids, top_n=bars)
        self._dist = dist
        rows = [ChartRow(r, result.pieces.get(r.id, f"#{r.id}")) for r in dist.top_rows()]
        self.chart.set_rows(rows)
        self._show_readouts(dist)

    def _show_readouts(self, dist: NextTokenDistribution) -> None:
        lang = self.lang
        funnel = [number(lang, dist.vocab_size)] + [
            f"{stage} {number(lang, n)}" for stage, n in dist.stage_counts.items()
        ]
        self.readouts.setText(
            f"<b>{tr(lang, 'kept')}</b> {number(lang, dist.kept)} {tr(lang, 'of')} {number(lang, dist.vocab_size)}"
            f" &nbsp;·&nbsp; <b>{tr(lang, 'mass')}</b> {number(lang, dist.mass_kept, '.1%')} &nbsp;·&nbsp; "
            f"<b>{tr(lang, 'entropy')}</b> {number(lang, dist.entropy_before, '.2f')} → "
            f"{number(lang, dist.entropy_after, '.2f')} "
            f"{tr(lang, 'bits')}<br><span style='color:gray'>{' → '.join(funnel)}</span>"
        )

    def distribution(self) -> NextTokenDistribution | None:
        return self._dist

    # generation -----------------------------------------------------------------------------------------------------
    def _settings_and_seed(self) -> tuple[SamplerSettings, RunOptions]:
        return self.controls.settings(), self.controls.run_options()

    def generate(self) -> None:
        """Generate from the prompt (fresh) up to max new tokens."""
        if not self._can_run():
            return
        run = self.controls.run_options()
        if run.new_seed_each_run:
            self.controls.set_run_options(seed=random.randint(0, 2**31 - 1))
        self._generated = []
        self._render_text()
        self._start_generation(self.controls.run_options().max_new_tokens)

    def step(self) -> None:
        if not self._can_run():
            return
        if self._generated and self._generated[-1].end:
            return
        self._start_generation(1)

    def _can_run(self) -> bool:
        if self._busy or not self.ctx.model.is_loaded:
            return False
        if not self.prompt_text().strip():
            self.note.setText(tr(self.lang, "prompt_hint"))
            self.note.setVisible(True)
            return False
        return True

    def _start_generation(self, count: int) -> None:
        settings, run = self._settings_and_seed()
        prompt = self.prompt_text()
        prefix = [t.id for t in self._generated]
        start = len(prefix)
        count = min(count, run.max_new_tokens - start) if count > 1 else count
        if count <= 0:
            self.gen_status.setText(tr(self.lang, "at_max"))
            return
        reserve = run.max_new_tokens

        def job(engine, handle) -> NextResult | None:
            ids, cut = _prompt_ids(engine, prompt, max(reserve, start + count))
            out = list(prefix)
            for tok in generate_tokens(engine, ids + prefix, settings, run.seed, count, start_position=start,
                                       alternatives=ALTERNATIVES, should_stop=lambda: handle.cancelled):
                handle.partial(tok)
                out.append(tok.id)
                if tok.end:
                    return NextResult(prompt, ids, ids + out, cut, engine.n_ctx, None, {})
            if handle.cancelled:
                return None
            return _next_result(engine, prompt, ids, cut, out)

        self._busy = "generate"
        self.gen_status.setText(tr(self.lang, "generating"))
        self._request += 1
        request = self._request
        self.ctx.model.submit("lab.generate", job, lambda r: self._on_generated(request, r), self._on_error,
                              self._on_token)
        self._update_buttons()

    def _on_token(self, tok: object) -> None:
        assert isinstance(tok, GeneratedToken)
        if self._busy != "generate":
            return
        self._generated.append(tok)
        if not self._render_timer.isActive():
            self._render_timer.start()

    def _on_generated(self, request: int, result: NextResult | None) -> None:
        self._busy = ""
        self._render_text()
        self._show_count()
        if result is not None and request == self._request:
            self._show_cut(result)
            if result.logits is not None:
                self._result = result
                self.recompute()
        self._update_buttons()

    def _show_count(self) -> None:
        # "3 / 48" read as step 3 of 48 while stepping one token at a time: say what the numbers are.
        self.gen_status.setText(
            tr(self.lang, "generated").format(
                n=len(self._generated), max=self.controls.run_options().max_new_tokens
            )
        )

    def _on_error(self, message: str) -> None:
        self._busy = ""
        self.gen_status.setText("")
        self.note.setText(f"⚠ {message}")
        self.note.setVisible(True)
        self._update_buttons()

    def stop(self) -> None:
        if not self._busy:
            return
        self.ctx.model.cancel("lab.generate")
        self.ctx.model.cancel("lab.compare")
        was = self._busy
        self._busy = ""
        self._render_text()
        self._show_count()
        self._update_buttons()
        if was == "generate":
            self.request_next()

    def undo(self) -> None:
        if self._busy == "generate":
            self.stop()
        if not self._generated:
            return
        self._generated.pop()
        self._render_text()
        self._show_count()
        self.request_next()
        self._update_buttons()

    def clear(self) -> None:
        if self._busy == "generate":
            self.stop()
        self._generated = []
        self._render_text()
        self.gen_status.setText("")
        self.request_next()
        self._update_buttons()

    @property
    def is_busy(self) -> bool:
        return bool(self._busy)

    def generated(self) -> list[GeneratedToken]:
        return list(self._generated)

    def _render_text(self) -> None:
        self.text_view.set_content(self.prompt_text(), self._generated)

    def _offer_branch(self, index: int) -> None:
        if self._busy or not 0 <= index < len(self._generated):
            return
        token = self._generated[index]
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        title = menu.addAction(tr(self.lang, "branch_title"))
        title.setEnabled(False)
        from desktop.ui.lab.chart import show_piece

        for alt in token.alternatives:
            label = f"{show_piece(alt.text)}   {number(self.lang, alt.p_final, '.1%')}   ({number(self.lang, alt.p_raw, '.1%')})"
            if alt.removed_by:
                label += f"   ✕ {alt.removed_by}"
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(alt.id == token.id)
            action.triggered.connect(lambda _=False, i=index, a=alt: self.branch(i, a.id))
        menu.popup(QCursor.pos())

    def branch(self, index: int, token_id: int) -> None:
        """Replace the token at `index` with one of its alternatives and continue from there."""
        if self._busy or not 0 <= index < len(self._generated):
            return
        old = self._generated[index]
        alt = next((a for a in old.alternatives if a.id == token_id), None)
        if alt is None:
            return
        chosen = replace(old, id=alt.id, text=alt.text, p=alt.p_final, p_raw=alt.p_raw, end=False)
        self._generated = self._generated[:index] + [chosen]
        self._render_text()
        remaining = self.controls.run_options().max_new_tokens - len(self._generated)
        if remaining > 0:
            self._start_generation(remaining)
        else:
            self.request_next()

    # compare -----------------------------------------------------------------------------------------------------
    def _apply_preset(self, index: int) -> None:
        a, b = list(COMPARE_PRESETS.values())[index]
        self.pane_a.set_settings(a)
        self.pane_b.set_settings(b)

    def compare(self) -> None:
        if not self._can_run():
            return
        prompt = self.prompt_text()
        run = self.controls.run_options()
        panes = {"A": self.pane_a, "B": self.pane_b}
        plans = [(name, pane.settings()) for name, pane in panes.items()]
        for pane in panes.values():
            pane.tokens = []
            pane.view.set_content(prompt, [])
            pane.summary.setText("")

        def job(engine, handle) -> dict[str, int]:
            ids, _cut = _prompt_ids(engine, prompt, run.max_new_tokens)
            counts = {}
            for name, settings in plans:
                n = 0
                for tok in generate_tokens(engine, ids, settings, run.seed, run.max_new_tokens,
                                           alternatives=ALTERNATIVES, should_stop=lambda: handle.cancelled):
                    handle.partial((name, tok))
                    n += 1
                counts[name] = n
            return counts

        def on_partial(obj: object) -> None:
            name, tok = obj  # type: ignore[misc]
            pane = panes[name]
            pane.tokens.append(tok)
            pane.view.set_content(prompt, pane.tokens)

        def on_done(_counts: dict[str, int]) -> None:
            self._busy = ""
            for pane in panes.values():
                if pane.tokens:
                    mean = sum(t.p for t in pane.tokens) / len(pane.tokens)
                    pane.summary.setText(
                        f"{len(pane.tokens)} tokens · mean p {number(self.lang, mean, '.1%')} · seed {run.seed}"
                    )
            self._update_buttons()

        self._busy = "compare"
        self.ctx.model.submit("lab.compare", job, on_done, self._on_error, on_partial)
        self._update_buttons()

    # links -------------------------------------------------------------------------------------------------------
    def open_link(self, link: StudyLink) -> None:
        """studydesk://lab/sampling?prompt=..&temperature=..&top_k=..&top_p=..&min_p=..&mode=greedy|random
        &seed=..&max_new_tokens=.. — values outside the sliders' ranges are clamped, unreadable ones ignored."""
        params = link.params
        problems: list[str] = []

        def number(key: str, cast: Callable[[str], float]) -> float | None:
            if key not in params:
                return None
            try:
                value = cast(params[key])
            except ValueError:
                problems.append(f"{key}={params[key]!r}")
                return None
            if value != value:  # NaN
                problems.append(f"{key}={params[key]!r}")
                return None
            return value

        s = self.controls.settings()
        changes: dict[str, object] = {}
        for key in ("temperature", "top_p", "min_p", "repeat_penalty"):
            value = number(key, float)
            if value is not None:
                changes[key] = value
        top_k = number("top_k", int)
        if top_k is not None:
            changes["top_k"] = int(top_k)
        mode = params.get("mode")
        if mode in ("greedy", "random"):
            changes["greedy"] = mode == "greedy"
        elif mode is not None:
            problems.append(f"mode={mode!r}")
        wanted = replace(s, **changes)  # type: ignore[arg-type]
        clamped = wanted.clamped()
        if clamped != wanted:
            problems.append("values outside the sliders' ranges were clamped")
        self.controls.set_settings(clamped)
        seed = number("seed", int)
        max_new = number("max_new_tokens", int)
        self.controls.set_run_options(
            max_new_tokens=int(max_new) if max_new is not None else None,
            seed=int(seed) if seed is not None else None,
        )
        self.tabs.setCurrentIndex(0)
        if "prompt" in params:
            self.set_prompt(params["prompt"])
        if problems:
            self.ctx.sig_status_message.emit("Lab link: " + "; ".join(problems), 8000)

    # state ---------------------------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        ready = self.ctx.model.is_loaded and bool(self.prompt_text().strip())
        idle = not self._busy
        ended = bool(self._generated) and self._generated[-1].end
        self.generate_button.setEnabled(ready and idle)
        self.step_button.setEnabled(ready and idle and not ended)
        self.stop_button.setEnabled(self._busy == "generate")
        self.undo_button.setEnabled(bool(self._generated))
        self.clear_button.setEnabled(bool(self._generated) and idle)
        self.compare_button.setEnabled(ready and idle)
        self.compare_stop.setEnabled(self._busy == "compare")

    def shutdown(self) -> None:
        self._debounce.stop()
        self._render_timer.stop()
        for key in ("lab.next", "lab.generate", "lab.compare"):
            self.ctx.model.cancel(key)

