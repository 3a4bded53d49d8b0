"""The lab's generation side: Generate / Step / Stop / Undo / Clear, branching, and the timeline.

While a run streams tokens in, the chart, readouts and funnel follow each token (the distribution it was drawn
from, kept compactly as a PositionTrace), the text highlights it and the indicator says "Token 7 of 48". After the
run the timeline slider (or ←/→ on the text) scrubs back through every generated position; its last stop is the
live next-token distribution, which the sliders act on. Settings moved during a run apply from the next token:
the run reads them before each token (LiveSettings).

A mixin of LabPage (page.py), which owns the widgets and the live distribution; kept apart to keep files short.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QMenu, QScrollArea

from desktop.core.sampling import GeneratedToken, generate_tokens
from desktop.core.sampling_trace import TRACE_ROWS
from desktop.ui.lab.chart import ChartRow, show_piece
from desktop.ui.lab.jobs import ALTERNATIVES, LiveSettings, NextResult, PieceCache, next_result, prompt_ids
from desktop.ui.lab.server_mode import ServerTrace
from desktop.ui.lab.texts import number, tr
from desktop.ui.lab.tokens_view import colours_raw, legend_html

if TYPE_CHECKING:
    from desktop.ui.lab.page import LabPage


# New strings: QCoreApplication.translate("LabPage", …) written out in full, so that lupdate finds them.


class GenerationMixin:
    """Generation, branching and the timeline (see the module docstring)."""

    # --- starting and stopping -----------------------------------------------------------------------------------
    def generate(self: LabPage) -> None:
        """Generate from the prompt (fresh) up to max new tokens."""
        if not self._can_run():
            return
        if self.tabs.currentIndex() == 1:  # Ctrl+Enter on the Compare tab runs the comparison
            self.compare_tab.compare()
            return
        run = self.controls.run_options()
        if run.new_seed_each_run:
            self.controls.set_run_options(seed=random.randint(0, 2**31 - 1))
        self._generated = []
        self._view = None
        self._render_text()
        self._start_generation(self.controls.run_options().max_new_tokens)

    def step(self: LabPage) -> None:
        if not self._can_run() or self.tabs.currentIndex() != 0:
            return
        if self._generated and self._generated[-1].end:
            return
        self._start_generation(1)

    def reveal_text(self: LabPage) -> None:
        """Scroll the Explore tab just enough that the generated text is in view. At 1024×600 the chart (every bar
        with its label) fills the tab and the text the model writes started below the fold, out of sight."""
        def reveal() -> None:
            scroll = self.tabs.widget(0)
            if isinstance(scroll, QScrollArea) and self.tabs.currentIndex() == 0:
                for _ in range(3):  # the timeline and the colour key just appeared: lay the tab out first
                    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                # not ensureWidgetVisible: for a text view it shows only the line with the text cursor
                view = self.text_view
                top = view.mapTo(scroll.widget(), QPoint(0, 0))
                half = view.height() // 2
                scroll.ensureVisible(top.x(), top.y() + half, 0, view.height() - half + 1)

        QTimer.singleShot(0, self, reveal)  # once the status line and the buttons have their new sizes

    def _can_run(self: LabPage) -> bool:
        if self.is_busy or not (self.ctx.model.is_loaded or self.ctx.model.server is not None):
            return False
        if not self.prompt_text().strip():
            self._show_empty()
            return False
        return True

    def _start_generation(self: LabPage, count: int) -> None:
        self.reveal_text()
        if self.ctx.model.server is not None:
            self.server_lab.start_generation(count)  # one request per token (server_mode.py)
            return
        settings, run = self.controls.settings(), self.controls.run_options()
        prompt = self.prompt_text()
        prefix = [t.id for t in self._generated]
        start = len(prefix)
        count = min(count, run.max_new_tokens - start) if count > 1 else count
        if count <= 0:
            self._set_status("at_max")
            return
        reserve = run.max_new_tokens
        live = LiveSettings(settings)
        self._live = live

        def job(engine, handle) -> NextResult | None:
            ids, cut = prompt_ids(engine, prompt, max(reserve, start + count))
            pieces = PieceCache(engine)
            out = list(prefix)
            for tok in generate_tokens(engine, ids + prefix, settings, run.seed, count, start_position=start,
                                       alternatives=ALTERNATIVES, should_stop=lambda: handle.cancelled,
                                       trace_rows=TRACE_ROWS, live_settings=live.get):
                handle.partial((tok, pieces.many(tok.trace.ids) if tok.trace is not None else {}))
                out.append(tok.id)
                if tok.end:
                    return NextResult(prompt, ids, ids + out, cut, engine.n_ctx, None, {})
            if handle.cancelled:
                return None
            return next_result(engine, prompt, ids, cut, out)

        self._busy = "generate"
        self._run_total = start + count
        self._follow = True
        self._settings_note = ""
        self._set_status("generating")
        self._request += 1
        request = self._request
        self.ctx.model.submit("lab.generate", job, lambda r: self._on_generated(request, r), self._on_error,
                              self._on_token)
        self._update_buttons()

    def _on_token(self: LabPage, obj: object) -> None:
        tok, pieces = obj  # type: ignore[misc]
        assert isinstance(tok, GeneratedToken)
        if self._busy != "generate":
            return
        self._pieces.update(pieces)
        self._generated.append(tok)
        if not self._render_timer.isActive():  # _refresh moves the view to the newest token
            self._render_timer.start()

    def _on_generated(self: LabPage, request: int, result: NextResult | None) -> None:
        self._busy = ""
        self._live = None
        if result is not None and request == self._request:
            self._show_cut(result)
            if result.logits is not None:
                self._result = result
                self._pieces.update(result.pieces)
        if self._follow:
            self._view = None  # the run is over: show what comes next, where the sliders act
        self._set_status("generated")
        self._refresh()
        self._update_buttons()
        self.reveal_text()

    def _on_error(self: LabPage, message: str) -> None:
        self._busy = ""
        self._live = None
        self._set_status("")
        self.note.setText(f"⚠ {message}")
        self.note.setVisible(True)
        self._update_buttons()

    def stop(self: LabPage) -> None:
        if self.compare_tab.busy:
            self.compare_tab.stop()
        if not self._busy:
            return
        self.ctx.model.cancel("lab.generate")
        self._busy = ""
        self._live = None
        self._view = None
        self._set_status("generated")
        self._refresh()
        self._update_buttons()
        self.request_next()

    def settings_moved_during_run(self: LabPage) -> None:
        """A slider moved while generating: the run picks the new settings up before its next token."""
        if self._live is None:
            return
        self._live.set(self.controls.settings())
        note = QCoreApplication.translate("LabPage", "new settings apply from token {n}")
        self._settings_note = note.format(n=len(self._generated) + 1)
        self._render_status()

    def undo(self: LabPage) -> None:
        if self._busy == "generate":
            self.stop()
        if not self._generated:
            return
        self._generated.pop()
        self._view = None
        self._set_status("generated" if self._generated else "")
        self._refresh()
        self.request_next()
        self._update_buttons()

    def clear(self: LabPage) -> None:
        if self._busy == "generate":
            self.stop()
        self._generated = []
        self._view = None
        self._set_status("")
        self._refresh()
        self.request_next()
        self._update_buttons()

    @property
    def is_busy(self: LabPage) -> bool:
        return bool(self._busy) or self.compare_tab.busy

    def generated(self: LabPage) -> list[GeneratedToken]:
        return list(self._generated)

    # --- status line ----------------------------------------------------------------------------------------------
    def _set_status(self: LabPage, key: str) -> None:
        self._status = key
        self._render_status()

    def _render_status(self: LabPage) -> None:
        """The line beside the buttons, rebuilt from what it says (so a language switch rewrites it)."""
        key, lang = self._status, self.lang
        if key == "generating":
            text = tr(lang, "generating")
            if self._settings_note:
                text += " — " + self._settings_note
        elif key == "generated" and self._generated:
            # "3 / 48" read as step 3 of 48 while stepping one token at a time: say what the numbers are.
            text = tr(lang, "generated").format(n=len(self._generated),
                                                max=self.controls.run_options().max_new_tokens)
        elif key == "at_max":
            text = tr(lang, "at_max")
        else:
            text = ""
        self.gen_status.setText(text)

    # --- the timeline -----------------------------------------------------------------------------------------------
    def shown_position(self: LabPage) -> int | None:
        """The generated position the chart shows (0 = first generated token), or None for the next token."""
        return self._view

    def show_position(self: LabPage, index: int | None) -> None:
        """Show the distribution at generated position `index` (None or past the end: the next token)."""
        n = len(self._generated)
        if index is not None and not 0 <= index < n:
            index = None
        if index is None and self._busy == "generate" and n:
            index = n - 1  # while generating, the next token's distribution is not known yet
        self._view = index
        if self._busy == "generate":
            self._follow = index is None or index == n - 1
        self._refresh()

    def scrub(self: LabPage, delta: int) -> None:
        n = len(self._generated)
        current = n if self._view is None else self._view
        self.show_position(max(0, min(n, current + delta)))

    def _on_timeline_moved(self: LabPage, value: int) -> None:
        if not self._syncing_timeline:
            self.show_position(value)

    def _render_text(self: LabPage) -> None:
        self.text_view.set_content(self.prompt_text(), self._generated, self._view)

    def _refresh(self: LabPage, text: bool = True) -> None:
        """Text, timeline, indicator, chart and readouts for the position in view. text=False: the text and its
        highlight are unchanged (a slider move on the next token), so the text is not laid out again."""
        if self._busy == "generate" and self._follow and self._generated:
            self._view = len(self._generated) - 1
        if text:
            self._render_text()
            self._render_legend()
        n = len(self._generated)
        self._syncing_timeline = True
        try:
            top = n - 1 if self._busy == "generate" else n
            self.timeline.setRange(0, max(0, top))
            self.timeline.setValue(n if self._view is None else self._view)
        finally:
            self._syncing_timeline = False
        self.timeline_row.setVisible(n > 0)
        if not self.prompt_text().strip():
            self._show_empty()
            return
        index = self._view
        token = self._generated[index] if index is not None and index < n else None
        if token is None or token.trace is None:
            self._show_live()
            return
        self._show_trace(index)

    def _show_trace(self: LabPage, index: int) -> None:
        """The chart, readouts and indicator for generated position `index` (from its trace)."""
        n = len(self._generated)
        token = self._generated[index]
        trace = token.trace
        assert trace is not None
        if isinstance(trace, ServerTrace):
            self.server_lab.show_trace(index)
            return
        bars = self.controls.run_options().bars
        rows = [ChartRow(r, self._pieces.get(r.id, f"#{r.id}"), i + 1) for i, r in enumerate(trace.top_rows(bars))]
        if token.id not in {r.row.id for r in rows}:
            row, rank = trace.row_of(token.id), trace.rank_of(token.id)
            if row is not None and rank is not None:
                rows.append(ChartRow(row, self._pieces.get(row.id, token.text), rank))
        self.chart_stack.setCurrentIndex(0)
        self.chart.set_rows(rows, chosen=token.id)
        self._show_readouts(trace)
        total = self._run_total if self._busy == "generate" else n
        shown = show_piece(token.text) if not token.end else tr(self.lang, "end")
        line = QCoreApplication.translate(
            "LabPage", "Token {i} of {n}: “{token}” drawn here — p {p} after the samplers, raw p {raw}")
        self.position_label.setText(line.format(i=index + 1, n=total, token=shown, p=number(self.lang, token.p, ".1%"),
                                                raw=number(self.lang, token.p_raw, ".1%")))
        self.position_label.setToolTip(QCoreApplication.translate(
            "LabPage", "A past position is shown with the settings it was drawn with; the sliders act on the next token "
            "(the timeline's last stop)."))
        short = QCoreApplication.translate("LabPage", "Token {i} of {n}")
        self.timeline_label.setText(short.format(i=index + 1, n=total))

    def _render_legend(self: LabPage) -> None:
        tokens = self._generated
        raw = [colours_raw(t) for t in tokens]
        if tokens and all(raw):
            which = QCoreApplication.translate(
                "LabPage", "colour = the model's raw probability (greedy: after the samplers it is always 100 %)")
        elif any(raw):
            which = QCoreApplication.translate(
                "LabPage", "colour = p after the samplers; raw p where they left one token (greedy)")
        else:
            which = QCoreApplication.translate("LabPage", "colour = p after the samplers")
        self.legend.setText(legend_html(tr(self.lang, "low"), tr(self.lang, "high"), tr(self.lang, "legend"),
                                        self.ctx.dark, which) + " &nbsp;(?)")  # its tooltip: explain.batch

    # --- branching --------------------------------------------------------------------------------------------------
    def _offer_branch(self: LabPage, index: int) -> None:
        if self._busy or not 0 <= index < len(self._generated):
            return
        self.show_position(index)
        token = self._generated[index]
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        title = menu.addAction(tr(self.lang, "branch_title"))
        title.setEnabled(False)
        for alt in token.alternatives:
            label = (f"{show_piece(alt.text)}   {number(self.lang, alt.p_final, '.1%')}   "
                     f"({number(self.lang, alt.p_raw, '.1%')})")
            if alt.removed_by:
                label += f"   ✕ {alt.removed_by}"
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(alt.id == token.id)
            action.triggered.connect(lambda _=False, i=index, a=alt: self.branch(i, a.id))
        menu.popup(QCursor.pos())

    def branch(self: LabPage, index: int, token_id: int) -> None:
        """Replace the token at `index` with one of its alternatives and continue from there."""
        if self._busy or not 0 <= index < len(self._generated):
            return
        old = self._generated[index]
        alt = next((a for a in old.alternatives if a.id == token_id), None)
        if alt is None:
            return
        chosen = replace(old, id=alt.id, text=alt.text, p=alt.p_final, p_raw=alt.p_raw, end=False)
        self._generated = self._generated[:index] + [chosen]
        self._view = None
        self._render_text()
        remaining = self.controls.run_options().max_new_tokens - len(self._generated)
        if remaining > 0:
            self._start_generation(remaining)
        else:
            self.request_next()
