"""The "Inside the model" page: the loaded model's real attention, a logit lens and per-token surprisal.

Every number comes from one decode of the text on the model thread (desktop/core/llm/inspect.py); this page only
draws. Links: studydesk://inside/attention?prompt=…&layer=N&head=N|avg, studydesk://inside/lens?prompt=…&position=N,
studydesk://inside/surprisal?text=….
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.links import StudyLink
from desktop.core.llm.discovery import SOURCE_DEFAULT, ModelFile, discover_models
from desktop.core.llm.inspect import MAX_TOKENS
from desktop.core.llm.inspect_report import (
    LensView,
    PromptInspection,
    inspect_prompt,
    lens_for,
    lens_grid_view,
    surprisal_view,
)
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.inside.attention_view import HEAD_COLORS, HeadsStrip, HeadView, HeatmapView
from desktop.ui.inside.lens_view import LensPanel
from desktop.ui.inside.surprisal_view import SurprisalPanel
from desktop.ui.models_page import source_label
from desktop.ui.workers import KEY_RECENT

# The first text, in the interface language ("it"/"ele" looks back at the cat in a layer or two).
SAMPLES = {"pt-BR": "O gato dorme no sofá porque ele está cansado.",
           "en": "The cat sleeps on the sofa because it is tired."}
TAB_KEYS = ("attention", "lens", "surprisal")


class InsidePage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.model
        self.result: PromptInspection | None = None
        self.layer = 0
        self.head = -1  # -1 = average over heads
        self.selected = -1  # the token whose attention the head view shows
        self.position: int | None = None  # the lens position (None: the last)
        self._pending: dict[str, object] = {}
        self._surprisal_dirty = True
        self._second_path: str | None = None
        self._status_text: Callable[[], str] = str  # the status line, said again after a language switch
        self._status_error = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 12)
        title = QLabel()
        self.retr(lambda: title.setText(self.tr("<h2 style='margin:0'>Inside the model</h2>")))
        outer.addWidget(title)
        intro = QLabel()
        self.retr(lambda: intro.setText(self.tr(
            "What the loaded model computes for a text, read from llama.cpp's own graph: where each layer's heads "
            "look (attention), what each layer would predict if the model stopped there (logit lens), and how "
            "surprised the model is by each token (surprisal).")))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        row = QHBoxLayout()
        self.editor = QPlainTextEdit()
        self.retr(lambda: self.editor.setPlaceholderText(self.tr("Type a sentence…")))
        self.editor.setPlainText(SAMPLES.get(ctx.language, SAMPLES["en"]))
        self.editor.setFixedHeight(58)
        self.editor.setTabChangesFocus(True)  # Tab goes on to the controls (a tab character is no use here)
        row.addWidget(self.editor, 1)
        self.run_button = QPushButton()
        self.retr(lambda: self.run_button.setText(self.tr("Look inside")))
        self.run_button.clicked.connect(self.run)
        row.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages name tokens such as <bos>
        outer.addWidget(self.status)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_attention(), "")
        self.lens_panel = LensPanel()
        self.lens_panel.sig_position_changed.connect(self._on_lens_position)
        self.lens_panel.sig_grid_requested.connect(self.show_lens_grid)
        self.tabs.addTab(self.lens_panel, "")
        self.tabs.addTab(self._build_surprisal(), "")
        self.retr(lambda: [self.tabs.setTabText(i, text) for i, text in enumerate(
            (self.tr("Attention"), self.tr("Logit lens"), self.tr("Surprisal")))])
        self.tabs.currentChanged.connect(self._on_tab)
        outer.addWidget(self.tabs, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)  # once typing pauses
        self._timer.timeout.connect(self.run)
        self.editor.textChanged.connect(self._on_text_changed)
        self.service.sig_loaded.connect(self._on_model_loaded)
        ctx.sig_theme_changed.connect(self._on_theme)
        self._found: list[ModelFile] | None = None  # the last listing of GGUF files; None until the first arrives
        self.listing = False
        self._list_models()
        self.run()

    # building ------------------------------------------------------------------------------------------------
    def _build_attention(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        controls = QHBoxLayout()
        layer_label = QLabel()
        self.retr(lambda: layer_label.setText(self.tr("Layer:")))
        controls.addWidget(layer_label)
        self.layer_box = QComboBox()
        self.layer_box.setMinimumWidth(200)
        self.layer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "deslizante (512)"
        self.layer_box.currentIndexChanged.connect(self._on_layer)
        controls.addWidget(self.layer_box)
        head_label = QLabel()
        self.retr(lambda: head_label.setText(self.tr("Head:")))
        controls.addWidget(head_label)
        self.head_box = QComboBox()
        self.head_box.setMinimumWidth(170)
        self.head_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "Average of the 4 heads"
        self.head_box.currentIndexChanged.connect(self._on_head)
        controls.addWidget(self.head_box)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.layer_note = QLabel()
        self.layer_note.setWordWrap(True)
        layout.addWidget(self.layer_note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.heatmap = HeatmapView()
        self.heatmap.sig_token_clicked.connect(self.select_token)
        splitter.addWidget(self.heatmap)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.strip = HeadsStrip()
        self.strip.sig_head_clicked.connect(self.set_head)
        right_layout.addWidget(self.strip)
        self.head_caption = QLabel(self.tr("Click a token to see where it looks."))  # until a token is selected
        self.head_caption.setWordWrap(True)
        self.head_caption.setTextFormat(Qt.TextFormat.RichText)
        right_layout.addWidget(self.head_caption)
        self.head_view = HeadView()
        self.head_view.sig_token_clicked.connect(self.select_token)
        scroll = self.head_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.head_view)
        right_layout.addWidget(scroll, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 420])
        layout.addWidget(splitter, 1)
        self.attention_missing = QLabel()
        self.attention_missing.setWordWrap(True)
        self.attention_missing.setTextFormat(Qt.TextFormat.PlainText)
        self.attention_missing.setVisible(False)
        layout.addWidget(self.attention_missing)
        return page

    def _build_surprisal(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        compare_label = QLabel()
        self.retr(lambda: compare_label.setText(self.tr("Compare with:")))
        row.addWidget(compare_label)
        self.compare = QComboBox()
        self.compare.setMinimumWidth(280)
        self.compare.currentIndexChanged.connect(self._on_compare)
        row.addWidget(self.compare, 1)
        browse = QPushButton()
        self.retr(lambda: browse.setText(self.tr("Open GGUF file…")))
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        layout.addLayout(row)
        legend = QLabel()
        self.retr(lambda: legend.setText(self.tr(
            "Green: the model expected the token; red: it was surprised (bits = −log₂ p; 1 bit = a coin flip). "
            "Perplexity = 2^(mean bits): as if the model hesitated between that many tokens at each step.")))
        legend.setWordWrap(True)
        layout.addWidget(legend)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.surprisal_main = SurprisalPanel()
        self.surprisal_other = SurprisalPanel()
        splitter.addWidget(self.surprisal_main)
        splitter.addWidget(self.surprisal_other)
        self.surprisal_other.setVisible(False)
        layout.addWidget(splitter, 1)
        return page

    # running -------------------------------------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    def _on_text_changed(self) -> None:
        self._surprisal_dirty = True
        self.position = None  # a new text: the lens and the head view follow its last token again
        self.selected = -1
        self._timer.start()

    def _set_status(self, text: Callable[[], str] | str, error: bool = False) -> None:
        """`text`: a message, or a function that writes it in the interface language (called again on a switch)."""
        self._status_text = text if callable(text) else (lambda: text)
        self._status_error = error
        self.status.setStyleSheet("color: #c0392b; font-weight: 600;" if error else "")
        self.status.setText(self._status_text())

    def retranslate(self) -> None:
        super().retranslate()
        self.status.setText(self._status_text())
        self.head_caption.setText(self.tr("Click a token to see where it looks."))  # refresh_attention may say more
        if self.result is not None:
            self._fill_selectors()
            self.refresh_attention()
        self._fill_models()
        self.strip.update()
        self.heatmap.update()

    def run(self) -> None:
        """Inspect the text: attention and the lens now, surprisal when its tab is shown."""
        self._timer.stop()
        text = self.text()
        if not text.strip():
            # an answer still on its way describes the text that was erased: it must not replace this line
            for key in ("inside.prompt", "inside.lens", "inside.grid", "inside.surprisal", "inside.surprisal2"):
                self.service.cancel(key)
            self._set_status(lambda: self.tr("Type a text to look inside the model."))
            return
        if not self.service.is_loaded:
            loading = self.service.is_loading
            self._set_status(lambda: self.tr("Loading the model…") if loading else
                             self.tr("No model is loaded — choose one on the Models page (Ctrl+7)."))
            return
        self._set_status(lambda: self.tr("Evaluating…"))
        self.service.cancel("inside.lens")  # its answer would describe the previous text
        self.service.cancel("inside.grid")
        self.lens_panel.hide_grid()
        position = self.position
        self.service.submit("inside.prompt", lambda engine, _job: inspect_prompt(engine, text, position),
                            self._on_inspection, self._on_error)
        if self.tabs.currentIndex() == 2:
            self._run_surprisal()
        else:
            self.service.cancel("inside.surprisal")
            self.service.cancel("inside.surprisal2")

    def _on_error(self, message: str) -> None:
        # Nothing stale stays on screen: the views are cleared with the error.
        self.result = None
        self.heatmap.set_data(None, [], "")
        self.strip.set_layer(None, 1, -1)
        self.head_view.set_data(None, [], -1, -1, 1)
        self.lens_panel.show_message("")
        self._set_status(message, error=True)

    def _on_inspection(self, result: PromptInspection) -> None:
        self.result = result
        n = len(result.tokens)

        def status() -> str:
            text = self.tr("{n} tokens (with <bos>) · {model}").format(n=fmt.integer(n), model=result.model)
            if result.cut:
                text += " · " + self.tr("the text was cut to its first {limit} tokens ({cut} more were left out)"
                                        ).format(limit=fmt.integer(MAX_TOKENS), cut=fmt.integer(result.cut))
            return text

        self._set_status(status)
        lay = result.layout
        self._apply_pending(lay.layers, lay.heads, n)
        self.layer = min(self.layer, lay.layers - 1)
        if self.head >= lay.heads:
            self.head = -1
        if not 0 <= self.selected < n:
            self.selected = n - 1
        self._fill_selectors()
        self.refresh_attention()
        position = self.position if self.position is not None and self.position < n else n - 1
        self.lens_panel.set_tokens(result.texts, position, lay.layer_kinds)
        self.lens_panel.show_lens(result.lens)

    def _apply_pending(self, layers: int, heads: int, n: int) -> None:
        p = self._pending
        self._pending = {}
        if "layer" in p:
            self.layer = max(0, min(int(p["layer"]), layers - 1))  # type: ignore[call-overload]
        if "head" in p:
            self.head = -1 if p["head"] == "avg" else max(-1, min(int(p["head"]), heads - 1))  # type: ignore[call-overload]

    def _fill_selectors(self) -> None:
        assert self.result is not None
        lay = self.result.layout
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for il, kind in enumerate(lay.layer_kinds):
            label = (self.tr("Layer {l} · sliding ({w})").format(l=il, w=lay.sliding_window)
                     if kind == "sliding" else self.tr("Layer {l} · global").format(l=il))
            self.layer_box.addItem(label, il)
        self.layer_box.setCurrentIndex(self.layer)
        self.layer_box.blockSignals(False)
        self.head_box.blockSignals(True)
        self.head_box.clear()
        self.head_box.addItem(self.tr("Average of the {n} heads").format(n=lay.heads), -1)
        for h in range(lay.heads):
            self.head_box.addItem(self.tr("Head {h} (K/V head {k})").format(h=h, k=lay.kv_head_of(h)), h)
        self.head_box.setCurrentIndex(self.head + 1)
        self.head_box.blockSignals(False)

    def refresh_attention(self) -> None:
        result = self.result
        if result is None:
            return
        if result.attention is None:
            why = result.missing.get("attention", "")
            self.attention_missing.setText(self.tr("Attention is unavailable for this model: {why}").format(why=why))
            self.attention_missing.setVisible(True)
            self.heatmap.set_data(None, [], self.tr("No attention to show."))
            self.strip.set_layer(None, 1, -1)
            self.head_view.set_data(None, [], -1, -1, 1)
            return
        self.attention_missing.setVisible(False)
        lay = result.layout
        heads = result.attention[self.layer]
        weights = heads.mean(axis=0) if self.head < 0 else heads[self.head]
        kind = lay.layer_kinds[self.layer]
        if kind == "sliding":
            note = self.tr("Sliding-window layer: a token sees at most the {w} tokens before it.").format(
                w=lay.sliding_window)
        else:
            note = self.tr("Global layer: a token sees every token before it.")
        if lay.kv_heads < lay.heads:
            note += " " + self.tr(
                "The {h} query heads share {k} key/value head(s): same keys, a different query each "
                "(multi-query / grouped-query attention).").format(h=lay.heads, k=lay.kv_heads)
        self.layer_note.setText(note)
        which = self.tr("average of the heads") if self.head < 0 else self.tr("head {h}").format(h=self.head)
        caption = self.tr("Layer {l}, {which}. Rows: the token that looks; columns: what it looks at. "
                          "Colour: √weight. Hatched: later tokens (causal mask).").format(l=self.layer, which=which)
        self.heatmap.set_data(weights, result.texts, caption)
        self.heatmap.set_selected(self.selected)
        self.strip.set_layer(heads, lay.group, self.head)
        self.head_view.set_data(heads, result.texts, self.head, self.selected, lay.group)
        if self.selected >= 0:  # keep the selected token in view in a long text
            self.head_scroll.ensureVisible(0, 8 + self.selected * HeadView.ROW, 0, 3 * HeadView.ROW)
        if 0 <= self.selected < len(result.texts):
            row = weights[self.selected]
            best = sorted(range(self.selected + 1), key=lambda k: -row[k])[:3]
            looks = ", ".join(f"{result.texts[k]!r} {fmt.decimal(float(row[k]), 2)}" for k in best)
            text = escape(self.tr("Token {i} {t} looks most at: {looks}").format(
                i=self.selected, t=repr(result.texts[self.selected]), looks=looks))
            if self.head < 0:
                swatches = " ".join(f"<span style='color:{HEAD_COLORS[h % len(HEAD_COLORS)]}'>■</span> {h}"
                                    for h in range(lay.heads))
                text += "<br>" + self.tr("Line colour = head: {swatches}").format(swatches=swatches)
            self.head_caption.setText(text)

    # interaction ---------------------------------------------------------------------------------------------
    def _on_layer(self, index: int) -> None:
        if index >= 0:
            self.layer = int(self.layer_box.itemData(index))
            self.refresh_attention()

    def _on_head(self, index: int) -> None:
        if index >= 0:
            self.head = int(self.head_box.itemData(index))
            self.refresh_attention()

    def set_head(self, head: int) -> None:
        self.head = head
        self.head_box.blockSignals(True)
        self.head_box.setCurrentIndex(head + 1)
        self.head_box.blockSignals(False)
        self.refresh_attention()

    def select_token(self, index: int) -> None:
        self.selected = index
        self.refresh_attention()

    def _on_lens_position(self, position: int) -> None:
        self.position = position
        result = self.result
        if result is None:
            return
        tokens = list(result.tokens)
        self.lens_panel.show_message(self.tr("Evaluating…"))
        self.service.submit("inside.lens", lambda engine, _job: lens_for(engine, tokens, position),
                            self._on_lens, self._on_error)

    def _on_lens(self, view: LensView) -> None:
        self.lens_panel.show_lens(view)

    def show_lens_grid(self) -> None:
        result = self.result
        if result is None:
            return
        tokens = list(result.tokens)
        self.lens_panel.show_grid_message(self.tr("Evaluating every position…"))
        self.service.submit("inside.grid", lambda engine, _job: lens_grid_view(engine, tokens),
                            self.lens_panel.show_grid, self.lens_panel.show_grid_message)

    def _on_tab(self, index: int) -> None:
        if index == 2 and self._surprisal_dirty:
            self._run_surprisal()

    # surprisal -----------------------------------------------------------------------------------------------
    def _run_surprisal(self) -> None:
        text = self.text()
        if not text.strip() or not self.service.is_loaded:
            return
        self._surprisal_dirty = False
        self.surprisal_main.show_message(self.tr("Loaded model"), self.tr("Evaluating…"))
        self.service.submit("inside.surprisal", lambda engine, _job: surprisal_view(engine, text),
                            self.surprisal_main.show_view,
                            lambda m: self.surprisal_main.show_message(self.tr("Loaded model"), escape(m)))
        other = self.compare.currentData()
        self.surprisal_other.setVisible(bool(other))
        if other:
            name = Path(other).name
            self.surprisal_other.show_message(name, self.tr("Loading {name} and evaluating…").format(name=name))
            self.service.submit(
                "inside.surprisal2",
                lambda _engine, job: surprisal_view(job.second_model(Path(other)), text),
                self.surprisal_other.show_view,
                lambda m: self.surprisal_other.show_message(name, escape(m)),
                needs_engine=False,
            )

    def _list_models(self) -> None:
        """Look for GGUF files as a file job (ctx.files), never on the GUI thread: a slow folder must not freeze
        the page. The compare list keeps what it shows until the listing arrives."""
        models_dir = self.ctx.paths.models_dir
        opened = [Path(p) for p in (self.ctx.db.get_setting(KEY_RECENT, []) or [])]
        self.listing = True
        self.ctx.files.submit(f"inside.list.{id(self)}", lambda _job: discover_models(models_dir, opened),
                              self._listed, self._list_failed, owner=self)
        self._fill_models()

    def _listed(self, found: list[ModelFile]) -> None:
        self.listing = False
        self._found = found
        self._fill_models()

    def _list_failed(self, _message: str) -> None:
        self.listing = False
        self._found = self._found or []
        self._fill_models()

    def _fill_models(self) -> None:
        """The compare list from the last listing (no file is touched here)."""
        current = self.compare.currentData() or self._second_path
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem(self.tr("— no second model —"), None)
        info = self.service.engine_info
        loaded = info.path.resolve() if info is not None else None
        for model in self._found or []:
            if model.exists and model.path.resolve() != loaded:
                label = self.tr("Default model") if model.source == SOURCE_DEFAULT else model.label
                self.compare.addItem(f"{label}  ({source_label(model.source)})", str(model.path))
        if self._second_path and self.compare.findData(self._second_path) < 0:
            self.compare.addItem(Path(self._second_path).name, self._second_path)
        self.compare.setCurrentIndex(max(0, self.compare.findData(current)))
        self.compare.blockSignals(False)

    def _on_compare(self, _index: int) -> None:
        self._surprisal_dirty = True
        if not self.compare.currentData():  # no comparison: give the second model's memory back
            self.service.cancel("inside.surprisal2")
            self.surprisal_other.setVisible(False)
            self.service.submit("inside.drop-second", lambda _engine, job: job.drop_second_model(),
                                lambda _result: None, needs_engine=False)
        if self.tabs.currentIndex() == 2:
            self._run_surprisal()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a GGUF model"), str(Path.home()),
                                              self.tr("GGUF models (*.gguf)"))
        if path:
            self.compare_with(path)

    def compare_with(self, path: str) -> None:
        """Compare the surprisal with the model in `path` (loaded on the model thread, beside the main one)."""
        self._second_path = path
        self._fill_models()
        self.compare.blockSignals(True)
        self.compare.setCurrentIndex(max(0, self.compare.findData(path)))
        self.compare.blockSignals(False)
        self._on_compare(self.compare.currentIndex())

    # app wiring ----------------------------------------------------------------------------------------------
    def _on_model_loaded(self, _info: object) -> None:
        self._surprisal_dirty = True
        self._list_models()
        self.run()

    def _on_theme(self, _dark: bool) -> None:
        self.refresh_attention()
        self.lens_panel.retheme()

    def open_link(self, link: StudyLink) -> None:
        params = link.params
        tab = TAB_KEYS.index(link.path) if link.path in TAB_KEYS else 0
        text = params.get("text") if link.path == "surprisal" else params.get("prompt")
        if link.path == "attention":
            for key in ("layer", "head"):
                value = params.get(key)
                if value is not None and (value == "avg" or value.lstrip("-").isdigit()):
                    self._pending[key] = value
        if link.path == "lens" and params.get("position", "").isdigit():
            self.position = int(params["position"])
        self.tabs.setCurrentIndex(tab)
        if text:
            self.editor.blockSignals(True)
            self.editor.setPlainText(text)
            self.editor.blockSignals(False)
            self._surprisal_dirty = True
        self.run()

    def shutdown(self) -> None:
        self._timer.stop()
        self.ctx.files.cancel(f"inside.list.{id(self)}")
        for key in ("inside.prompt", "inside.lens", "inside.grid", "inside.surprisal", "inside.surprisal2"):
            self.service.cancel(key)
