"""The lab on an inference server's model (Models → Connect to a server…, ctx.model.server).

A server lists only its N most likely next tokens (N = the chart's bar count, at most what the server returns:
`server.info.max_top`) with their probabilities before any sampler. The app runs its own sampler chain on them
(desktop/core/topn.py), so the lab teaches the same chain as locally; what cannot be known from N tokens is said:

- the chart shows the N tokens and one hatched grey bar for the rest of the vocabulary (1 − Σp);
- the readouts say which stages are exact and which are a bound ("kept ≥ 20", a range for each final p);
- Generate / Step ask for one token at a time and draw with the same seeded number per position as locally
  (desktop.core.sampling.draw_uniform), among the listed survivors; the timeline and Compare work the same.

Every request is a model-thread job (`needs_engine=False`): the window never waits on the network. A server error
is shown in a banner naming the server, with a one-click "Use the local model". A slider move recomputes from the
cached top N: no request. Switching backend resets the lab.

The page (page.py, generation.py, compare.py) calls in here at a few hooks, where `ctx.model.server` is set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from desktop.core.llm.server import DEFAULT_TOP, ServerClient, ServerToken
from desktop.core.sampling import (
    GREEDY,
    MIN_P,
    TOP_K,
    TOP_P,
    Alternative,
    GeneratedToken,
    SamplerSettings,
    TokenRow,
    draw_uniform,
)
from desktop.core.topn import TopNDistribution, topn_distribution
from desktop.ui.i18n.core_text import core_text
from desktop.ui.lab.chart import ChartRow, RestBar, show_piece
from desktop.ui.lab.jobs import ALTERNATIVES, LiveSettings
from desktop.ui.lab.texts import number, tr

if TYPE_CHECKING:
    from desktop.ui.lab.page import LabPage


@dataclass(frozen=True)
class ServerNext:
    """The server's top N after the prompt plus the generated texts (what the sliders act on)."""

    prompt_text: str
    generated: tuple[str, ...]  # the generated tokens' texts the list follows
    tokens: tuple[ServerToken, ...]
    asked: int


@dataclass(frozen=True)
class ServerTrace:
    """What a generated position keeps: the listed tokens and the distribution its token was drawn from."""

    tokens: tuple[ServerToken, ...]
    dist: TopNDistribution


@dataclass(frozen=True)
class ServerGeneratedToken(GeneratedToken):
    kept_label: str = field(default="", compare=False)  # "3", or "≥20" when unlisted tokens may survive too


def token_key(tokens: tuple[ServerToken, ...], index: int) -> int:
    """An id for the chart and the text view: the server's token id, or −(rank) where it lists texts only."""
    tid = tokens[index].id
    return tid if tid is not None else -(index + 1)


def distribution(tokens: tuple[ServerToken, ...], settings: SamplerSettings,
                 recent: list[int]) -> TopNDistribution:
    return topn_distribution([t.p for t in tokens], settings, None, recent, [t.id for t in tokens])


def chart_rows(tokens: tuple[ServerToken, ...], dist: TopNDistribution) -> list[ChartRow]:
    rows = []
    for r in dist.rows:
        t = tokens[r.index]
        row = TokenRow(token_key(tokens, r.index), t.logprob, r.p_raw, r.p_final, r.removed_by)
        exact = r.p_final_low == r.p_final_high
        rows.append(ChartRow(row, t.text, r.index + 1, None if exact else (r.p_final_low, r.p_final_high), True))
    return rows


def pick(tokens: tuple[ServerToken, ...], dist: TopNDistribution, seed: int, position: int) -> ServerGeneratedToken:
    """The token drawn at `position` with the run's seed (greedy: the most likely), as the text view shows it."""
    index = dist.draw(draw_uniform(seed, position))
    row = dist.rows[index]
    chosen = tokens[index]
    alternatives = tuple(
        Alternative(token_key(tokens, r.index), tokens[r.index].text, r.p_raw, r.p_final, r.removed_by)
        for r in dist.rows[:ALTERNATIVES]
    )
    return ServerGeneratedToken(
        id=token_key(tokens, index), text=chosen.text, position=position, p=row.p_final, p_raw=row.p_raw,
        alternatives=alternatives, kept=dist.kept_listed, end=chosen.text == "",
        trace=ServerTrace(tokens, dist), kept_label=dist.kept_label,  # type: ignore[arg-type]
    )


def recent_ids(generated: list[GeneratedToken]) -> list[int]:
    """The generated tokens' server ids (for a repetition penalty on the listed tokens)."""
    return [t.id for t in generated if t.id >= 0]


def generate_job(server: ServerClient, prompt: str, prefix: list[GeneratedToken], live: LiveSettings, seed: int,
                 count: int, n: int) -> Callable[[Any, Any], ServerNext | None]:
    """A model-thread job: `count` tokens, one request each, then the list after them (for the sliders)."""
    texts = [t.text for t in prefix]
    recent = recent_ids(prefix)

    def job(_engine: Any, handle: Any) -> ServerNext | None:
        for k in range(count):
            if handle.cancelled:
                return None
            tokens = server.top_tokens(prompt + "".join(texts), n).tokens
            dist = distribution(tokens, live.get(), recent)
            tok = pick(tokens, dist, seed, len(prefix) + k)
            handle.partial((tok, {}))
            if tok.end:
                return None
            texts.append(tok.text)
            if tok.id >= 0:
                recent.append(tok.id)
        if handle.cancelled:
            return None
        top = server.top_tokens(prompt + "".join(texts), n)
        return ServerNext(prompt, tuple(texts), top.tokens, top.asked)

    return job


def compare_job(server: ServerClient, prompt: str, plans: list[tuple[str, SamplerSettings]], seed: int,
                max_new_tokens: int, n: int) -> Callable[[Any, Any], None]:
    """Both panes in lockstep (A, B, A, B, …), one request per token; panes whose texts are still equal share it."""

    def job(_engine: Any, handle: Any) -> None:
        texts = [prompt for _ in plans]
        recent: list[list[int]] = [[] for _ in plans]
        live = list(range(len(plans)))
        for position in range(max_new_tokens):
            asked: dict[str, tuple[ServerToken, ...]] = {}
            for i in list(live):
                if handle.cancelled:
                    return
                if texts[i] not in asked:
                    asked[texts[i]] = server.top_tokens(texts[i], n).tokens
                tokens = asked[texts[i]]
                tok = pick(tokens, distribution(tokens, plans[i][1], recent[i]), seed, position)
                handle.partial((plans[i][0], tok))
                texts[i] += tok.text
                if tok.id >= 0:
                    recent[i].append(tok.id)
                if tok.end:
                    live.remove(i)
            if not live:
                return

    return job


def top_n_for(server: ServerClient | None, bars: int) -> int:
    """How many tokens to ask for: the chart's bar count, at most what the server returns."""
    limit = server.info.max_top if server is not None and server.info is not None else DEFAULT_TOP
    return max(1, min(bars, limit))


class ServerLab(QObject):
    """The lab's server mode: its banner, requests, chart, readouts and error handling (see the module docstring)."""

    def __init__(self, page: LabPage) -> None:
        super().__init__(page)
        self.page = page
        self.result: ServerNext | None = None
        self.dist: TopNDistribution | None = None
        self._error = ""
        self.banner = QFrame()
        self.banner.setObjectName("labServerBanner")
        self.banner.setStyleSheet("#labServerBanner { background: palette(alternate-base); border-radius: 6px; }")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 4, 8, 4)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setObjectName("labServerText")
        self.local_button = QPushButton()
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.local_button)
        self.local_button.clicked.connect(self.use_local)
        page.ctx.model.sig_backend_changed.connect(self.reset)
        page.compare_tab.sig_error.connect(self._on_compare_error)

    # state ---------------------------------------------------------------------------------------------------------
    @property
    def server(self) -> ServerClient | None:
        return self.page.ctx.model.server

    @property
    def active(self) -> bool:
        return self.server is not None

    def top_n(self) -> int:
        return top_n_for(self.server, self.page.controls.run_options().bars)

    def where(self) -> str:
        server = self.server
        if server is None:
            return ""
        kind = server.info.kind if server.info is not None else ""
        return self.tr("{model} on the server {url} ({kind})").format(model=server.model or "?",
                                                                     url=server.base_url, kind=kind)

    def use_local(self) -> None:
        self.page.ctx.model.use_local()  # sig_backend_changed resets the lab

    def retranslate(self) -> None:
        self.local_button.setText(self.tr("Use the local model"))
        self.local_button.setToolTip(self.tr("Go back to the model on this computer (it stays loaded)"))
        self.page.chart.set_labels(self.page.chart.raw_set.label(), self.page.chart.final_set.label(),
                                   self.tr("rest of the vocabulary"))
        self.update_banner()

    def update_banner(self) -> None:
        self.banner.setVisible(self.active)
        if not self.active:
            return
        if self._error:
            self.banner_text.setText("⚠ " + escape(core_text(self._error)))  # said again after a language switch
            self.banner_text.setToolTip("")
            return
        line = self.tr("Model: {where} — its {n} most likely next tokens, the rest of the vocabulary as one bar; "
                       "the samplers run here.")
        self.banner_text.setText(line.format(where=escape(self.where()), n=self.top_n()))

    def show_error(self, message: str) -> None:
        self._error = message
        self.update_banner()

    def reset(self, _info: object = None) -> None:
        """The backend changed: nothing shown so far belongs to the new model."""
        page = self.page
        for key in ("lab.next", "lab.generate"):
            page.ctx.model.cancel(key)
        if page.compare_tab.busy:
            page.compare_tab.stop()
        for pane in (page.pane_a, page.pane_b):
            pane.tokens = []
            pane.view.set_content(page.prompt_text(), [])
            pane.summary.setText("")
        page._busy = ""
        page._live = None
        page._next_job = None
        page._next_again = False
        page._generated = []
        page._view = None
        page._result = None
        page._dist = None
        self.result = None
        self.dist = None
        self._error = ""
        page.empty_hint.setText(tr(page.lang, "prompt_hint"))
        page.readouts.setToolTip("")
        page.note.setText("")
        page.note.setVisible(False)
        page._set_status("")
        page._update_model_banner()
        self.update_banner()
        page._refresh()
        page._update_buttons()
        page.request_next()

    # the next token --------------------------------------------------------------------------------------------------
    def request_next(self) -> None:
        page = self.page
        server = self.server
        assert server is not None
        generated = page._generated
        if generated and generated[-1].end:
            return
        if page._next_job is not None and not page._next_job.cancelled:
            page._next_again = True
            return
        page._next_again = False
        prompt, texts, n = page.prompt_text(), tuple(t.text for t in generated), self.top_n()
        page._request += 1
        request = page._request

        def job(_engine: Any, _handle: Any) -> ServerNext:
            top = server.top_tokens(prompt + "".join(texts), n)
            return ServerNext(prompt, texts, top.tokens, top.asked)

        page._next_job = page.ctx.model.submit("lab.next", job, lambda r: self._on_next(request, r),
                                               self._on_next_error, needs_engine=False)

    def _current(self, result: ServerNext | None) -> bool:
        page = self.page
        return (result is not None and result.prompt_text == page.prompt_text()
                and result.generated == tuple(t.text for t in page._generated))

    def _on_next(self, request: int, result: ServerNext) -> None:
        page = self.page
        if page._next_returned() or request != page._request or not self._current(result):
            return
        self.result = result
        if self._error:
            self._error = ""
            self.update_banner()
        page._refresh()
        page._update_buttons()

    def _on_next_error(self, message: str) -> None:
        page = self.page
        if page._next_returned():
            return
        self.show_error(message)
        if not self._current(self.result):  # never leave another text's chart standing under the error
            page.chart.clear()
            page.empty_hint.setText(self.tr("No answer from the server for this text: see the message above."))
            page.chart_stack.setCurrentIndex(1)
            page.readouts.setText("")
            page.position_label.setText("")

    def show_live(self) -> None:
        """The next token from the cached top N and the sliders (no request)."""
        page = self.page
        result = self.result if self._current(self.result) else None
        if result is None:
            self.dist = None
            generated = page._generated
            ended = bool(generated) and generated[-1].end
            if generated and generated[-1].trace is not None and not ended:
                self.show_trace(len(generated) - 1)  # until the next token's list arrives
                return
            page.position_label.setText(QCoreApplication.translate("LabPage", "The text ended: nothing comes next.") if ended else "")
            page.chart_stack.setCurrentIndex(0)
            return
        if result.asked != self.top_n() and not page.is_busy:
            page._debounce.start()  # the bar count changed: ask for that many (the old list shows meanwhile)
        dist = distribution(result.tokens, page.controls.settings(), recent_ids(page._generated))
        self.dist = dist
        page.empty_hint.setText(tr(page.lang, "prompt_hint"))  # it may have said the server did not answer
        page.chart_stack.setCurrentIndex(0)
        page.chart.set_rows(chart_rows(result.tokens, dist), rest=self.rest_bar(dist))
        self.show_readouts(dist)
        n = len(page._generated)
        if n:
            line = self.tr("Next token, after the {n} generated — the sliders act here (on the server).")
            page.position_label.setText(line.format(n=n))
            page.timeline_label.setText(QCoreApplication.translate("LabPage", "next token"))
        else:
            page.position_label.setText(self.tr("Next token after the prompt (on the server)"))

    def show_trace(self, index: int) -> None:
        """A generated position: the list it was drawn from, with the settings it was drawn with."""
        page = self.page
        token = page._generated[index]
        trace = token.trace
        assert isinstance(trace, ServerTrace)
        page.chart_stack.setCurrentIndex(0)
        page.chart.set_rows(chart_rows(trace.tokens, trace.dist), chosen=token.id, rest=self.rest_bar(trace.dist))
        self.show_readouts(trace.dist)
        total = page._run_total if page._busy == "generate" else len(page._generated)
        line = self.tr("Token {i} of {n}: “{token}” drawn here — p {p} after the samplers, raw p {raw} (on the "
                       "server)")
        page.position_label.setText(line.format(
            i=index + 1, n=total, token=show_piece(token.text), p=number(page.lang, token.p, ".1%"),
            raw=number(page.lang, token.p_raw, ".1%")))
        page.timeline_label.setText(self.tr("Token {i} of {n}").format(i=index + 1, n=total))

    def rest_bar(self, dist: TopNDistribution) -> RestBar:
        lang = self.page.lang
        n = len(dist.rows)
        low = max(0.0, 1.0 - sum(r.p_final_high for r in dist.rows))
        high = max(0.0, 1.0 - sum(r.p_final_low for r in dist.rows))
        if not dist.reaches_unlisted:
            after = self.tr("after the samplers: 0 % — the samplers cut inside the listed tokens")
        else:
            after = self.tr("after the samplers: between {low} and {high}").format(
                low=number(lang, low, ".1%"), high=number(lang, high, ".1%"))
        tip = self.tr("<b>Rest of the vocabulary</b>: every token the server did not list (all but the {n} "
                      "shown), together.<br>Raw p {p}<br>{after}").format(
            n=n, p=number(lang, dist.rest_mass, ".1%"), after=after)
        label = self.tr("rest of the vocabulary (all but {n})").format(n=n)
        return RestBar(label, dist.rest_mass, tip)

    def show_readouts(self, dist: TopNDistribution) -> None:
        """Three short lines (they must not wrap at 1024 px): kept and masses; exact or a bound; each stage."""
        lang = self.page.lang
        n = len(dist.rows)
        kept = (self.tr("at least {k}") if dist.reaches_unlisted else "{k}").format(k=number(lang, dist.kept_listed))
        first = self.tr("<b>Kept</b> {kept} · the {n} listed hold {mass} · <b>rest of the vocabulary</b> {rest}").format(
            kept=kept, n=number(lang, n), mass=number(lang, 1.0 - dist.rest_mass, ".1%"),
            rest=number(lang, dist.rest_mass, ".1%"))
        if dist.settings.temperature_first:
            second = self.tr("A bound: with temperature first, every share depends on the unlisted tokens; "
                             "each final p is a range (hover a bar).")
        elif dist.final_exact:
            second = self.tr("Exact: every token kept is among the {n} listed, so each final p is known.").format(n=n)
        else:
            second = self.tr("A bound: unlisted tokens may be kept too; each final p is a range (hover a bar).")
        st = dist.settings
        names = {TOP_K: f"top-k {st.top_k}", TOP_P: f"top-p {number(lang, st.top_p, '.2f')}",
                 MIN_P: f"min-p {number(lang, st.min_p, '.2f')}", GREEDY: self.tr("greedy"),
                 "penalty": self.tr("repetition penalty")}
        past = {"penalty": self.tr("not known for unlisted tokens")}
        stages = " · ".join(
            names.get(stage, stage) + " " + (self.tr("exact") if ok else past.get(stage, self.tr("reaches past the list")))
            for stage, ok in dist.exact.items())
        self.page.readouts.setText(f"{first}<br>{escape(second)}"
                                   + (f"<br><span style='color:gray'>{escape(stages)}</span>" if stages else ""))
        self.page.readouts.setToolTip(self.tr(
            "The server lists only its {n} most likely tokens. Top-k is exact for k ≤ {n}; top-p when its cut falls "
            "inside the list; min-p when the last listed token is already below min-p × the top p; and because "
            "temperature comes last, any cut inside the list makes every final p exact. Otherwise “kept” is a "
            "lower bound and each final p a range.").format(n=n))

    # generation ----------------------------------------------------------------------------------------------------
    def start_generation(self, count: int) -> None:
        page = self.page
        server = self.server
        assert server is not None
        run = page.controls.run_options()
        start = len(page._generated)
        count = min(count, run.max_new_tokens - start) if count > 1 else count
        if count <= 0:
            page._set_status("at_max")
            return
        live = LiveSettings(page.controls.settings())
        page._live = live
        job = generate_job(server, page.prompt_text(), list(page._generated), live, run.seed, count, self.top_n())
        page._busy = "generate"
        page._run_total = start + count
        page._follow = True
        page._settings_note = ""
        page._set_status("generating")
        page._request += 1
        request = page._request
        page.ctx.model.submit("lab.generate", job, lambda r: self._on_generated(request, r), self._on_run_error,
                              page._on_token, needs_engine=False)
        page._update_buttons()

    def _on_generated(self, request: int, result: ServerNext | None) -> None:
        page = self.page
        page._busy = ""
        page._live = None
        if result is not None and request == page._request:
            self.result = result
        if self._error:
            self._error = ""
            self.update_banner()
        if page._follow:
            page._view = None
        page._set_status("generated")
        page._refresh()
        page._update_buttons()
        page.reveal_text()

    def _on_run_error(self, message: str) -> None:
        """A run failed (the server stopped answering …): the tokens so far stay; the banner says what happened."""
        page = self.page
        page._busy = ""
        page._live = None
        page._set_status("generated" if page._generated else "")
        page._view = None
        self.show_error(message)
        page._refresh()
        page._update_buttons()

    def _on_compare_error(self, message: str) -> None:
        if self.active:
            self.show_error(message)
