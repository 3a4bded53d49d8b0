"""The sampling lab page: prompt, live next-token chart, sliders, step-by-step generation with branching and a
timeline (generation.py), and a side-by-side comparison (compare.py). All model work goes through ctx.model (one
model thread); slider moves recompute from the cached logits on the GUI thread (well under a millisecond for the
default settings), never calling the model.

Typing: a keystroke restarts a quiet-period timer (DEBOUNCE_MS); when it fires, one request goes out, and while
one is still on the model thread no second one is queued behind it — the newest prompt is sent when it returns.
So fast typing costs one or two model calls and the chart never falls behind a queue of stale requests.

Shortcuts (anywhere in the lab, none of them a text-editing key): Ctrl+Enter generate (or compare on the Compare
tab), Alt+→ one token, Alt+← take back the last token, Esc stop; ←/→ on the generated text move the timeline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.links import StudyLink
from desktop.core.sampling import GeneratedToken, NextTokenDistribution, next_token_distribution
from desktop.core.sampling_trace import PositionTrace
from desktop.ui.context import AppContext
from desktop.ui.lab.chart import ChartRow, DistributionChart
from desktop.ui.lab.compare import CompareTab
from desktop.ui.lab.controls import SamplerControls
from desktop.ui.lab.generation import GenerationMixin
from desktop.ui.lab.jobs import LiveSettings, NextResult, next_result, prompt_ids
from desktop.ui.lab.links import apply_link
from desktop.ui.lab.server_mode import ServerLab
from desktop.ui.lab.texts import examples, explanation_html, number, tr
from desktop.ui.lab.tokens_view import GeneratedTextView
from desktop.ui.responsive import VerticalScrollArea

DEBOUNCE_MS = 350

# (keys, what the tooltip names them); Ctrl+Return and Ctrl+Enter (keypad) both generate
SHORTCUTS = {
    "generate": (("Ctrl+Return", "Ctrl+Enter"), "Ctrl+Enter"),
    "step": (("Alt+Right",), "Alt+→"),
    "undo": (("Alt+Left",), "Alt+←"),
    "stop": (("Escape",), "Esc"),
}


def _scrolled(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


class LabPage(GenerationMixin, QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.lang = ctx.language
        self._result: NextResult | None = None  # the cached logits the sliders work on (the next token)
        self._dist: NextTokenDistribution | None = None
        self._generated: list[GeneratedToken] = []
        self._pieces: dict[int, str] = {}  # token texts for the chart rows (from the model thread)
        self._busy = ""  # "" or "generate" (the comparison keeps its own state)
        self._hint_no_model = False  # the chart area says that no model is loaded (said again on a switch)
        self._request = 0  # newest request; older answers are ignored
        self._next_job = None  # the next-token request on the model thread, if any
        self._next_again = False  # the prompt changed while it ran: ask again when it returns
        self._view: int | None = None  # generated position in the chart; None = the next token
        self._follow = True  # while generating: keep the newest token in view
        self._run_total = 0
        self._live: LiveSettings | None = None
        self._status = ""
        self._settings_note = ""
        self._syncing_timeline = False

        self._build()
        self.server_lab = ServerLab(self)  # the lab on an inference server's model (ctx.model.server)
        self.layout().insertWidget(1, self.server_lab.banner)
        self._apply_fonts()
        self._connect()
        self.retranslate(self.lang)
        self._update_model_banner()
        self._update_buttons()
        if self.prompt_text():
            # Not _debounce.start(0): that would set the timer's interval to 0 for good, and every keystroke
            # would then send its own model request.
            QTimer.singleShot(0, self, self.request_next)  # with self as context: dropped if the page goes

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
        splitter.setChildrenCollapsible(False)
        self.controls = SamplerControls(self.lang)
        # as wide as the controls need (their texts wrap), so nothing is cut off in a narrow window, again after a
        # language switch or a zoom (VerticalScrollArea asks its content each time; a fixed width went stale)
        scroll = self.controls_scroll = VerticalScrollArea(self.controls)
        splitter.addWidget(scroll)

        self.tabs = QTabWidget()
        self.tabs.addTab(_scrolled(self._build_explore()), "")
        self.compare_tab = CompareTab(self.ctx, self.prompt_text, self.controls.run_options,
                                      lambda: self._can_run())
        self.tabs.addTab(self.compare_tab, "")
        splitter.addWidget(self.tabs)
        # Both columns give way in a narrow window (1024×600), the chart's side three times as much.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([320, 780])
        self.splitter = splitter
        root.addWidget(splitter, 1)
        # kept under their old names: links, tests and the benchmark use them
        self.preset = self.compare_tab.preset
        self.pane_a, self.pane_b = self.compare_tab.pane_a, self.compare_tab.pane_b
        self.compare_button, self.compare_stop = self.compare_tab.run_button, self.compare_tab.stop_button

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._render_timer = QTimer(self)  # coalesces token-by-token repaints while generating
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(30)

    def _build_explore(self) -> QWidget:
        explore = QWidget()  # in a scroll area: in a small window (1024×600) the tab scrolls instead of squeezing
        ex = QVBoxLayout(explore)
        ex.setContentsMargins(6, 6, 6, 6)
        self.readouts = QLabel()
        self.readouts.setObjectName("labReadouts")
        self.readouts.setTextFormat(Qt.TextFormat.RichText)
        self.readouts.setWordWrap(True)
        ex.addWidget(self.readouts)
        self.position_label = QLabel()  # which position the chart shows
        self.position_label.setObjectName("labPosition")
        self.position_label.setWordWrap(True)
        ex.addWidget(self.position_label)

        self.chart = DistributionChart()
        self.empty_hint = QLabel()  # instead of the chart while the prompt is empty
        self.empty_hint.setObjectName("labEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_stack = QStackedWidget()
        self.chart_stack.addWidget(self.chart)
        self.chart_stack.addWidget(self.empty_hint)
        self.chart_note = QLabel()
        self.chart_note.setWordWrap(True)
        self.chart_note.setTextFormat(Qt.TextFormat.RichText)
        ex.addWidget(self.chart_stack, 3)
        ex.addWidget(self.chart_note)
        gb = QVBoxLayout()
        gb.setContentsMargins(0, 4, 0, 0)
        buttons = QHBoxLayout()
        self.generate_button = QPushButton()
        self.step_button = QPushButton()
        self.stop_button = QPushButton()
        self.undo_button = QPushButton()
        self.clear_button = QPushButton()
        for b in (self.generate_button, self.step_button, self.stop_button, self.undo_button, self.clear_button):
            buttons.addWidget(b)
        self.gen_status = QLabel()
        self.gen_status.setWordWrap(True)
        buttons.addWidget(self.gen_status, 1)
        gb.addLayout(buttons)
        self.timeline_row = QWidget()
        tl = QHBoxLayout(self.timeline_row)
        tl.setContentsMargins(0, 0, 0, 0)
        self.timeline = QSlider(Qt.Orientation.Horizontal)
        self.timeline.setObjectName("labTimeline")
        self.timeline.setPageStep(5)
        self.timeline_label = QLabel()
        tl.addWidget(self.timeline, 1)
        tl.addWidget(self.timeline_label)
        self.timeline_row.setVisible(False)
        gb.addWidget(self.timeline_row)
        ex.addLayout(gb)
        self.text_view = GeneratedTextView()
        ex.addWidget(self.text_view, 1)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        ex.addWidget(self.legend)
        return explore

    def _fit_chart_height(self) -> None:
        """Tall enough that every bar keeps its label (at the smallest label font); past that, the tab scrolls."""
        self.chart.set_row_budget(self.controls.run_options().bars)

    def _apply_fonts(self) -> None:
        """Bold labels derive from the page's font, again when it changes (the app-wide zoom)."""
        bold = QFont(self.font())
        bold.setBold(True)
        for label in (self.prompt_label, self.position_label):
            label.setFont(bold)
        self._fit_chart_height()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()

    def _connect(self) -> None:
        ctx = self.ctx
        self.prompt.textChanged.connect(self._on_prompt_changed)
        self._debounce.timeout.connect(self.request_next)
        self._render_timer.timeout.connect(self._refresh)
        self.controls.sig_changed.connect(self.recompute)
        self.controls.bars.valueChanged.connect(self._fit_chart_height)
        self.controls.sig_link.connect(ctx.sig_open_link)
        self.chart_note.linkActivated.connect(ctx.sig_open_link)
        self.generate_button.clicked.connect(self.generate)
        self.step_button.clicked.connect(self.step)
        self.stop_button.clicked.connect(self.stop)
        self.undo_button.clicked.connect(self.undo)
        self.clear_button.clicked.connect(self.clear)
        self.text_view.sig_token_clicked.connect(self._offer_branch)
        self.text_view.sig_scrub.connect(self.scrub)
        self.timeline.valueChanged.connect(self._on_timeline_moved)
        self.compare_tab.sig_busy.connect(lambda _busy: self._update_buttons())
        self.banner_button.clicked.connect(lambda: ctx.sig_open_link.emit("studydesk://models"))
        ctx.sig_language_changed.connect(self.retranslate)
        ctx.sig_theme_changed.connect(self._on_theme)
        model = ctx.model
        model.sig_loaded.connect(self._on_model_loaded)
        model.sig_loading.connect(self._on_model_loading)
        model.sig_load_failed.connect(self._on_load_failed)
        model.sig_progress.connect(self._on_model_progress)
        slots: dict[str, Callable[[], None]] = {"generate": self.generate, "step": self.step, "undo": self.undo,
                                                "stop": self.stop}
        self.shortcuts: list[QShortcut] = []
        for name, (keys, _shown) in SHORTCUTS.items():
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slots[name])
                self.shortcuts.append(shortcut)
        self._on_theme(ctx.dark)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.prompt_label.setText(tr(lang, "prompt"))
        self.prompt.setPlaceholderText(tr(lang, "prompt_hint"))
        no_model = self._hint_no_model and not self.ctx.model.is_loaded and self.ctx.model.server is None
        self.empty_hint.setText(self._no_model_hint() if no_model else tr(lang, "prompt_hint"))
        self.examples_button.setText(tr(lang, "examples") + "  ▾")
        self.examples_menu.clear()
        for text in examples(lang):
            action = QAction(text.replace("\n", " ⏎ "), self.examples_menu)
            action.triggered.connect(lambda _=False, t=text: self.set_prompt(t))
            self.examples_menu.addAction(action)
        self.controls.retranslate(lang)
        self.chart.set_labels(tr(lang, "raw"), tr(lang, "final"))
        self.server_lab.retranslate()
        self.legend.setToolTip(tr(lang, "explain.batch"))
        self.chart_note.setText(explanation_html(lang, "chart"))
        self.tabs.setTabText(0, tr(lang, "tab.explore"))
        self.tabs.setTabText(1, tr(lang, "tab.compare"))
        tips = {
            "generate": self.tr("Generate up to max new tokens; on the Compare tab, generate both"),
            "step": self.tr("One more token"),
            "stop": self.tr("Stop the run"),
            "undo": self.tr("Take back the last generated token"),
        }
        for button, key in ((self.generate_button, "generate"), (self.step_button, "step"),
                            (self.stop_button, "stop"), (self.undo_button, "undo"), (self.clear_button, "clear")):
            button.setText(tr(lang, key))
            shown = SHORTCUTS[key][1] if key in SHORTCUTS else ""
            button.setToolTip(f"{tips[key]} ({shown})" if shown else self.tr("Remove the generated text"))
        tip = self.tr("Scrub through the generated positions (or ←/→ with the generated text focused)")
        self.timeline.setToolTip(tip)
        self.text_view.setToolTip("")
        if self.position_label.toolTip():  # set by a past position (generation.py): say it in the new language
            self.position_label.setToolTip(QCoreApplication.translate(
                "LabPage", "A past position is shown with the settings it was drawn with; the sliders act on the next "
                "token (the timeline's last stop)."))
        self.compare_tab.retranslate(lang)
        self.banner_button.setText(tr(lang, "open_models"))
        words = {k: tr(lang, k) for k in ("chosen", "kept", "alternatives", "end")}
        words["columns"] = self.tr("p final, raw p")  # the two columns of a token's alternatives
        self.text_view.set_words(tr(lang, "empty_output"), words, lang)
        self.compare_tab.set_words(words, lang)
        self._update_model_banner()
        self._render_status()
        self._refresh()

    def _on_theme(self, dark: bool) -> None:
        self.chart.apply_palette()
        for frame in (self.banner, self.server_lab.banner):  # palette(…) in a style sheet resolves when it is set
            sheet = frame.styleSheet()
            frame.setStyleSheet("")
            frame.setStyleSheet(sheet)
        for view in (self.text_view, *self.compare_tab.views()):
            view.dark = dark
            view.render()
        self._render_legend()

    # model state ---------------------------------------------------------------------------------------------------
    def _update_model_banner(self, failure: str = "") -> None:
        model = self.ctx.model
        loading = model.is_loading and not model.is_loaded
        self.banner.setVisible(not model.is_loaded and model.server is None)
        self.banner_progress.setVisible(loading)
        if loading:
            self.banner_text.setText(tr(self.lang, "loading"))
        else:
            self.banner_text.setText(tr(self.lang, "no_model") + (f"\n{failure}" if failure else ""))
        self._update_buttons()

    def _on_model_loaded(self, _info: object) -> None:
        self._result = None
        self._next_job = None
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
        if self._busy == "generate":
            self.ctx.model.cancel("lab.generate")
            self._busy = ""
            self._live = None
        self._generated = []
        self._view = None
        self._result = None  # it was for another text: never show it again
        self._dist = None
        self._set_status("")
        self._refresh()
        self._debounce.start()
        self._update_buttons()

    def request_next(self) -> None:
        """Ask the model thread for the logits after the prompt (and the generated tokens)."""
        self._debounce.stop()
        prompt = self.prompt_text()
        if not prompt.strip():
            self._result = None
            self._dist = None
            self._show_empty()
            self._update_buttons()
            return
        if self.ctx.model.server is not None:
            self.server_lab.request_next()
            return
        if not self.ctx.model.is_loaded:
            self._update_model_banner()
            return
        generated = [t.id for t in self._generated]
        if generated and self._generated[-1].end:
            return  # nothing follows the end of the text
        if self._next_job is not None and not self._next_job.cancelled:
            self._next_again = True  # one request at a time: the newest text goes out when this one returns
            return
        self._next_again = False
        reserve = self.controls.run_options().max_new_tokens
        self._request += 1
        request = self._request

        def job(engine, _handle) -> NextResult:
            ids, cut = prompt_ids(engine, prompt, reserve)
            return next_result(engine, prompt, ids, cut, generated)

        self._next_job = self.ctx.model.submit("lab.next", job, lambda r: self._on_next(request, r),
                                               self._on_next_error)

    def _next_returned(self) -> bool:
        """Bookkeeping when a next-token request comes back; True when a newer one was sent instead."""
        self._next_job = None
        if self._next_again:
            self.request_next()
            return True
        return False

    def _on_next(self, request: int, result: NextResult) -> None:
        if self._next_returned() or request != self._request or result.prompt_text != self.prompt_text():
            return
        if result.context_ids[len(result.prompt_ids):] != [t.id for t in self._generated]:
            return  # the generated text changed meanwhile
        self._result = result
        self._pieces.update(result.pieces)
        self._show_cut(result)
        self._refresh()
        self._update_buttons()

    def _on_next_error(self, message: str) -> None:
        if not self._next_returned():
            self._on_error(message)

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
        self.note.setVisible(bool(self.note.text()))

    def _no_model_hint(self) -> str:
        return self.tr("The model's next-token chart appears here once a model is loaded.")

    def _show_empty(self) -> None:
        """An empty prompt: the hint instead of the chart (no ghost labels), nothing to read out."""
        self.chart.clear()
        self.empty_hint.setText(tr(self.lang, "prompt_hint"))
        self._hint_no_model = False
        self.chart_stack.setCurrentIndex(1)
        self.readouts.setText("")
        self.position_label.setText("")
        self.note.setText("")
        self.note.setVisible(False)

    def recompute(self) -> None:
        """Slider moved: during a run the new settings go to the run (from its next token); otherwise the chart
        goes back to the next token and is recomputed from the cached logits. No model call."""
        if self._busy == "generate":
            self.settings_moved_during_run()
            return
        moved = self._view is not None
        self._view = None  # past positions keep the settings they were drawn with; the sliders act here
        self._refresh(text=moved)

    def _show_live(self) -> None:
        """The next-token distribution from the cached logits and the sliders."""
        if self.ctx.model.server is not None:
            self.server_lab.show_live()
            return
        result = self._result
        generated = [t.id for t in self._generated]
        if result is not None and result.context_ids[len(result.prompt_ids):] != generated:
            result = None  # for another text (before a run, an undo …): never shown as "next"
        if result is None or result.logits is None:
            self._dist = None
            if not self._generated and not self.ctx.model.is_loaded:
                # an empty chart frame said nothing: the banner above says why and where to load a model
                self.empty_hint.setText(self._no_model_hint())
                self._hint_no_model = True
                self.chart_stack.setCurrentIndex(1)
                return
            ended = bool(self._generated) and self._generated[-1].end
            if self._generated and self._generated[-1].trace is not None and not ended:
                self._show_trace(len(self._generated) - 1)  # until the next token's logits arrive
                return
            self.position_label.setText(self.tr("The text ended: nothing comes next.") if ended else "")
            self.chart_stack.setCurrentIndex(0)
            return
        settings = self.controls.settings()
        bars = self.controls.run_options().bars
        dist = next_token_distribution(result.logits, settings, result.context_ids, top_n=bars)
        self._dist = dist
        rows = [ChartRow(r, result.pieces.get(r.id, self._pieces.get(r.id, f"#{r.id}"))) for r in dist.top_rows()]
        self.chart_stack.setCurrentIndex(0)
        self.chart.set_rows(rows)
        self._show_readouts(dist)
        n = len(self._generated)
        if n:
            self.position_label.setText(
                self.tr("Next token, after the {n} generated — the sliders act here.").format(n=n))
            self.timeline_label.setText(self.tr("next token"))
        else:
            self.position_label.setText(self.tr("Next token after the prompt"))

    def _show_readouts(self, dist: NextTokenDistribution | PositionTrace) -> None:
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

    # compare -----------------------------------------------------------------------------------------------------
    def compare(self) -> None:
        self.compare_tab.compare()

    # links -------------------------------------------------------------------------------------------------------
    def open_link(self, link: StudyLink) -> None:
        """studydesk://lab/sampling?prompt=..&temperature=..&top_k=..&top_p=..&min_p=..&mode=greedy|random
        &seed=..&max_new_tokens=.. — values outside the sliders' ranges are clamped, unreadable ones ignored."""
        apply_link(self, link)

    # state ---------------------------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        ready = (self.ctx.model.is_loaded or self.ctx.model.server is not None) and bool(self.prompt_text().strip())
        idle = not self.is_busy
        ended = bool(self._generated) and self._generated[-1].end
        self.generate_button.setEnabled(ready and idle)
        self.step_button.setEnabled(ready and idle and not ended)
        self.stop_button.setEnabled(self._busy == "generate")
        self.undo_button.setEnabled(bool(self._generated))
        self.clear_button.setEnabled(bool(self._generated) and idle)
        self.compare_tab.update_buttons(ready)

    def shutdown(self) -> None:
        self._debounce.stop()
        self._render_timer.stop()
        for key in ("lab.next", "lab.generate", "lab.compare"):
            self.ctx.model.cancel(key)
