"""The Tokenizer page: how the model's own tokenizer cuts a text into tokens.

Tokens are shown as chips (the piece on top, the id below). Spaces, newlines and tabs are drawn as ␣ ↵ ⇥, and
a byte-fallback token that holds only part of a UTF-8 character is shown as its byte (<0xC3>), so nothing is
hidden. Another model's tokenizer can be picked to cut the same text — the point of the notes' "always keep the
same tokenizer": ids and boundaries differ from one model to the next. Tokenizing runs on the model thread;
the comparison loads only the other model's vocabulary (llama.cpp vocab_only). The models to compare with are
listed as a file job (ctx.files), never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.llm.discovery import SOURCE_DEFAULT, ModelFile, discover_models
from desktop.ui.context import AppContext
from desktop.ui.i18n import Retranslating, fmt
from desktop.ui.i18n.core_text import core_text
from desktop.ui.responsive import flow_rects
from desktop.ui.workers import KEY_RECENT


def source_label(source: str) -> str:
    from desktop.ui.models_page import source_label as label

    return label(source)

SAMPLE_TEXT = (
    "É importante manter sempre o mesmo tokenizer.\n"
    "It is important to always keep the same tokenizer."
)
KIND_NAMES = {"normal": QT_TRANSLATE_NOOP("ChipsView", "normal"), "control": QT_TRANSLATE_NOOP("ChipsView", "control"),
              "byte": QT_TRANSLATE_NOOP("ChipsView", "byte"), "unknown": QT_TRANSLATE_NOOP("ChipsView", "unknown")}
MAX_CHIPS = 4000  # beyond this the view would be unreadable anyway; the counts stay exact
CHIP_COLORS_LIGHT = ["#dbeafe", "#fde68a", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa"]
CHIP_COLORS_DARK = ["#1e3a5f", "#5c4a12", "#1f4d33", "#5c2446", "#3b2f66", "#5c3512"]


@dataclass(frozen=True)
class TokenChip:
    token_id: int
    shown: str  # the piece with whitespace and partial bytes made visible
    raw: bytes
    kind: str  # "normal", "control", "byte", "unknown"


def visible_piece(raw: bytes, kind: str) -> str:
    """How a token's bytes are drawn on a chip."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(f"<0x{b:02X}>" for b in raw)  # part of a character split over byte tokens
    if kind == "control":
        return text
    return text.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥").replace("\r", "␍") or "∅"


@dataclass(frozen=True)
class Tokenized:
    chips: list[TokenChip]  # at most MAX_CHIPS of them
    total: int  # every token of the text


def tokenize_job(engine, text: str) -> Tokenized:
    ids = engine.tokenize(text, add_bos=False)
    chips = []
    for token_id in ids[:MAX_CHIPS]:
        raw = engine.piece_bytes(token_id)
        kind = engine.token_kind(token_id)
        chips.append(TokenChip(token_id, visible_piece(raw, kind), raw, kind))
    return Tokenized(chips, len(ids))


def server_tokenize_job(server, text: str) -> Tokenized:
    """The same chips from a server's tokenizer endpoint (its pieces as it spells them)."""
    tokens = server.tokenize(text)
    chips = []
    for t in tokens[:MAX_CHIPS]:
        raw = t.text.replace("▁", " ").encode("utf-8")
        chips.append(TokenChip(int(t.id) if t.id is not None else -1, visible_piece(raw, "normal"), raw, "normal"))
    return Tokenized(chips, len(tokens))


class ChipsView(QWidget):
    """Token chips laid out like words in a paragraph, painted directly (thousands of widgets would crawl)."""

    PAD_X, PAD_Y, GAP, ID_GAP = 6, 3, 5, 1

    def __init__(self) -> None:
        super().__init__()
        self.chips: list[TokenChip] = []
        self._rects: list[QRect] = []
        self._update_fonts()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _update_fonts(self) -> None:
        """Chip text follows the widget's font, so the interface zoom grows the chips too."""
        self.piece_font = QFont(self.font())
        self.piece_font.setPointSizeF(self.font().pointSizeF() * 1.15)
        self.id_font = QFont(self.font())
        self.id_font.setPointSizeF(self.font().pointSizeF() * 0.78)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FontChange:
            self._update_fonts()
            self._layout(self.width())
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def set_chips(self, chips: list[TokenChip]) -> None:
        self.chips = chips
        self._layout(self.width())
        self.update()

    def _chip_size(self, chip: TokenChip) -> QSize:
        pm, im = QFontMetrics(self.piece_font), QFontMetrics(self.id_font)
        w = max(pm.horizontalAdvance(chip.shown), im.horizontalAdvance(str(chip.token_id))) + 2 * self.PAD_X
        h = pm.height() + im.height() + 2 * self.PAD_Y + self.ID_GAP
        return QSize(w, h)

    def _layout(self, width: int) -> int:
        self._rects, height = flow_rects((self._chip_size(c) for c in self.chips), max(width, 60), self.GAP)
        self.setMinimumHeight(max(height, 40))
        return height

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self._layout(width)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._layout(event.size().width())
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colors = CHIP_COLORS_DARK if dark else CHIP_COLORS_LIGHT
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        muted = QColor(text_color)
        muted.setAlpha(150)
        pm = QFontMetrics(self.piece_font)
        for n, (chip, rect) in enumerate(zip(self.chips, self._rects, strict=False)):
            fill = QColor(colors[n % len(colors)])
            if chip.kind in ("byte", "control", "unknown") or chip.shown.startswith("<0x"):
                fill = QColor("#9ca3af" if not dark else "#4b5563")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 5, 5)
            painter.setPen(text_color)
            painter.setFont(self.piece_font)
            top = QRect(rect.x(), rect.y() + self.PAD_Y, rect.width(), pm.height())
            painter.drawText(top, Qt.AlignmentFlag.AlignCenter, chip.shown)
            painter.setPen(muted)
            painter.setFont(self.id_font)
            bottom = QRect(rect.x(), top.bottom() + self.ID_GAP, rect.width(), rect.bottom() - top.bottom() - self.ID_GAP)
            painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, str(chip.token_id))
        painter.end()

    def chip_at(self, x: int, y: int) -> TokenChip | None:
        for chip, rect in zip(self.chips, self._rects, strict=False):
            if rect.contains(x, y):
                return chip
        return None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        chip = self.chip_at(int(event.position().x()), int(event.position().y()))
        if chip is None:
            self.setToolTip("")
        else:
            self.setToolTip(self.tr("id {id} · {kind} · bytes {bytes}").format(
                id=chip.token_id, kind=self.tr(KIND_NAMES[chip.kind]) if chip.kind in KIND_NAMES else chip.kind, bytes=chip.raw.hex(" ") or "—"))
        super().mouseMoveEvent(event)


class TokenPanel(Retranslating, QWidget):
    """A heading with counts, and the chips of one tokenizer."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(heading)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.counts)
        self.view = ChipsView()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.view)
        layout.addWidget(scroll, 1)
        self.chips: list[TokenChip] = []
        self._shown: tuple[Tokenized, str] | None = None

    def show_chips(self, result: Tokenized, text: str) -> None:
        self._shown = (result, text)
        self.chips = result.chips
        self.view.set_chips(result.chips)
        n = result.total
        chars, words = len(text), len(text.split())
        ratio = " · " + self.tr("{n} characters per token").format(n=fmt.decimal(chars / n, 1)) if n else ""
        more = (" " + self.tr("(the first {n} are shown)").format(n=fmt.integer(len(result.chips)))
                if n > len(result.chips) else "")
        self.counts.setText(self.tr("<b>{tokens}</b> tokens · {chars} characters · {words} words").format(
            tokens=fmt.integer(n), chars=fmt.integer(chars), words=fmt.integer(words)) + ratio + more)

    def retranslate(self) -> None:
        super().retranslate()
        if self._shown is not None:
            self.show_chips(*self._shown)

    def show_message(self, text: str) -> None:
        self._shown = None
        self.chips = []
        self.view.set_chips([])
        self.counts.setText(text)


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path)


class TokenizerPage(Retranslating, QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.service = ctx.model
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 12)
        title = QLabel()
        self.retr(lambda: title.setText("<h2 style='margin:0'>{}</h2>".format(self.tr("Tokenizer"))))
        outer.addWidget(title)
        intro = QLabel()
        self.retr(lambda: intro.setText(self.tr(
            "A model never sees letters: its tokenizer cuts the text into pieces from a fixed vocabulary and "
            "hands it their ids. Each model has its own vocabulary — which is why a model must always be used "
            "with the same tokenizer it was trained with. Spaces show as ␣, line breaks as ↵; grey chips are "
            "bytes of a character split over several tokens, or special tokens.")))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.editor = QPlainTextEdit()
        self.retr(lambda: self.editor.setPlaceholderText(self.tr("Type or paste a text in any language…")))
        self.editor.setPlainText(SAMPLE_TEXT)
        self.editor.setMaximumHeight(120)
        self.editor.setTabChangesFocus(True)  # Tab goes on to the controls instead of typing a tab character
        outer.addWidget(self.editor)

        compare_row = QHBoxLayout()
        compare_label = QLabel()
        self.retr(lambda: compare_label.setText(self.tr("Compare with another model's tokenizer:")))
        compare_row.addWidget(compare_label)
        self.compare = QComboBox()
        self.compare.setMinimumWidth(320)
        # Its width follows what it lists now, not what it held when first shown (the listing arrives later).
        self.compare.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.compare.currentIndexChanged.connect(lambda _i: self.retokenize())
        compare_row.addWidget(self.compare)
        compare_row.addStretch(1)
        outer.addLayout(compare_row)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_panel = TokenPanel("")
        self.other_panel = TokenPanel("")
        splitter.addWidget(self.main_panel)
        splitter.addWidget(self.other_panel)
        outer.addWidget(splitter, 1)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b; font-weight: 600;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        outer.addWidget(self.error)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # re-tokenize once typing pauses, not on every keystroke
        self._timer.timeout.connect(self.retokenize)
        self.editor.textChanged.connect(self._timer.start)
        self.service.sig_loaded.connect(self._on_model_loaded)
        self.service.sig_backend_changed.connect(self._on_model_loaded)
        self._found: list[ModelFile] | None = None  # the last listing of GGUF files; None until the first arrives
        self.listing = False
        self._list_models()
        self.retokenize()

    def _on_model_loaded(self, _info: object) -> None:
        self._list_models()
        self.retokenize()

    def _list_models(self) -> None:
        """Look for GGUF files as a file job (ctx.files): a slow folder must not freeze the page. The list keeps
        what it shows, with "Looking for models…" as its empty entry the first time, until the listing arrives."""
        models_dir = self.ctx.paths.models_dir
        opened = [Path(p) for p in (self.ctx.db.get_setting(KEY_RECENT, []) or [])]
        self.listing = True
        self.ctx.files.submit(f"tokenizer.list.{id(self)}", lambda _job: discover_models(models_dir, opened),
                              self._listed, self._list_failed, owner=self)
        if self._found is None:
            self._fill_models()

    def _listed(self, found: list[ModelFile]) -> None:
        self.listing = False
        self._found = found
        self._fill_models()

    def _list_failed(self, message: str) -> None:
        self.listing = False
        self._found = self._found or []
        self._fill_models()
        self._show_error(message)

    def _fill_models(self) -> None:
        """The compare list from the last listing (no file is touched here)."""
        current = self.compare.currentData()
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem(self.tr("— none —"), None)
        info = self.service.engine_info
        loaded = _resolved(info.path) if info is not None else None
        for model in self._found or []:
            # Comparing the loaded model with itself would only show the same chips twice.
            if model.exists and _resolved(model.path) != loaded:
                label = self.tr("Default model") if model.source == SOURCE_DEFAULT else model.label
                self.compare.addItem(f"{label}  ({source_label(model.source)})", str(model.path))
        if self.compare.count() == 1:
            empty = (self.tr("Looking for models…") if self._found is None
                     else self.tr("No other model found — open a GGUF file on the Models page"))
            self.compare.addItem(empty, None)
            self.compare.model().item(1).setEnabled(False)  # type: ignore[attr-defined]
        index = self.compare.findData(current)
        self.compare.setCurrentIndex(max(index, 0))
        self.compare.blockSignals(False)

    def text(self) -> str:
        return self.editor.toPlainText()

    def retokenize(self) -> None:
        text = self.text()
        self.error.setVisible(False)
        server = self._tokenizing_server()
        self._show_main_heading()
        if server is not None:
            self.service.submit(
                "tokenizer.main", lambda _engine, _job: server_tokenize_job(server, text),
                lambda result: self.main_panel.show_chips(result, text), self._show_error, needs_engine=False,
            )
        elif self.service.engine_info is not None:
            self.service.submit(
                "tokenizer.main", lambda engine, _job: tokenize_job(engine, text),
                lambda result: self.main_panel.show_chips(result, text), self._show_error,
            )
        other = self.compare.currentData()
        if not other:
            self.other_panel.setVisible(False)
            return
        self.other_panel.setVisible(True)
        self.other_panel.heading.setText(f"<b>{escape(Path(other).name)}</b>")
        self.service.submit(
            "tokenizer.other", lambda _engine, job: tokenize_job(job.vocab(Path(other)), text),
            lambda result: self.other_panel.show_chips(result, text), self._show_error, needs_engine=False,
        )

    def retranslate(self) -> None:
        """New words only: the chips and counts stay (the panels re-say their counts); nothing goes to the model."""
        super().retranslate()
        self._fill_models()
        self._show_main_heading()

    def _tokenizing_server(self):
        """The active server when it can tokenize (then the main panel shows its tokens), else None."""
        server = self.service.server
        return server if server is not None and server.info is not None and server.info.tokenize else None

    def _show_main_heading(self) -> None:
        server = self._tokenizing_server()
        info = self.service.engine_info
        if server is not None:
            self.main_panel.heading.setText(self.tr("<b>{model}</b> (on the server {url})").format(
                model=escape(str(server.model)), url=escape(server.info.url)))
        elif info is None:
            self.main_panel.heading.setText("<b>{}</b>".format(self.tr("Loaded model")))
            self.main_panel.show_message(
                self.tr("Loading the model…") if self.service.is_loading
                else self.tr("No model is loaded — choose one on the Models page (Ctrl+7).")
            )
        else:
            self.main_panel.heading.setText(self._loaded_heading(info.display_name))

    def _loaded_heading(self, name: str) -> str:
        return self.tr("<b>{name}</b> (loaded model)").format(name=escape(name))

    def _show_error(self, message: str) -> None:
        self.error.setText(core_text(message))
        self.error.setVisible(True)

    def shutdown(self) -> None:
        self._timer.stop()
        self.ctx.files.cancel(f"tokenizer.list.{id(self)}")
        self.service.cancel("tokenizer.main")
        self.service.cancel("tokenizer.other")
