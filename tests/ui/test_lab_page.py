"""The sampling lab page on the real default model (through the app's one model thread)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QScrollArea,
    QScrollBar,
    QWidget,
)

from desktop.core.links import parse_link
from desktop.core.sampling import TOP_K, SamplerSettings, next_token_distribution
from desktop.ui.lab import LabPage
from desktop.ui.lab.chart import show_piece
from desktop.ui.lab.page import DEBOUNCE_MS
from desktop.ui.lab.texts import LESSON, number

WAIT = 60_000


@pytest.fixture
def lab(model_ctx, qtbot) -> LabPage:
    page = LabPage(model_ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitUntil(lambda: page.distribution() is not None, timeout=WAIT)
    yield page
    page.shutdown()


def set_prompt(page: LabPage, qtbot, text: str) -> None:
    page.set_prompt(text)
    page.request_next()  # skip the typing debounce
    qtbot.waitUntil(lambda: page._result is not None and page._result.prompt_text == text, timeout=WAIT)


def wait_idle(page: LabPage, qtbot) -> None:
    qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT)


def test_distribution_chart_and_sliders_recompute_without_the_model(lab: LabPage, qtbot, monkeypatch) -> None:
    set_prompt(lab, qtbot, "The capital of France is")
    dist = lab.distribution()
    assert dist is not None and dist.vocab_size == 262_144
    assert dist.kept == 17  # llama.cpp's defaults on this prompt (FACTS.md: " the", " a", " Paris" on top)
    labels = lab.chart.axis_y.categories()
    assert any(show_piece(" Paris") in label for label in labels)
    assert "17" in lab.readouts.text() and "bits" in lab.readouts.text()

    calls: list[str] = []
    monkeypatch.setattr(lab.ctx.model, "submit", lambda key, *a, **k: calls.append(key))
    lab.controls.top_k.slider.setValue(1)  # a slider move
    assert lab.distribution().kept == 1
    assert any(f"✕ {TOP_K}" in label for label in lab.chart.axis_y.categories())
    lab.controls.top_k.spin.setValue(0)
    lab.controls.top_p.spin.setValue(0.95)
    lab.controls.min_p.spin.setValue(0.0)
    lab.controls.temperature.spin.setValue(1.8)
    last_kept = lab.distribution().kept
    lab.controls.temperature_first.setChecked(True)  # the tutorials' order lets more tokens through top-p
    assert lab.distribution().kept > last_kept
    assert calls == []  # not one model call for all of that


def test_generate_is_reproducible_and_step_matches_it(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "Era uma vez um")
    lab.controls.set_settings(SamplerSettings(temperature=1.0))
    lab.controls.set_run_options(max_new_tokens=6, seed=99)
    lab.generate()
    wait_idle(lab, qtbot)
    first = [t.id for t in lab.generated()]
    assert len(first) == 6
    lab.generate()
    wait_idle(lab, qtbot)
    assert [t.id for t in lab.generated()] == first  # same seed, same settings, same text
    lab.clear()
    for _ in range(3):
        lab.step()
        wait_idle(lab, qtbot)
    assert [t.id for t in lab.generated()] == first[:3]  # step by step draws the same numbers
    # The count says what it counts, not "3 / 6" (read as step 3 of 6).
    assert lab.gen_status.text() in ("3 tokens generated (max 6)", "3 tokens gerados (máx. 6)")
    tokens = lab.generated()
    assert all(0 < t.p <= 1 and t.alternatives for t in tokens)
    assert lab.text_view.toPlainText().startswith("Era uma vez um")


def test_undo_and_branch_from_an_alternative(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "The capital of France is")
    lab.controls.set_settings(SamplerSettings(greedy=True))
    lab.controls.set_run_options(max_new_tokens=5, seed=1)
    lab.generate()
    wait_idle(lab, qtbot)
    assert len(lab.generated()) == 5
    lab.undo()
    assert len(lab.generated()) == 4
    # until the model answers for the shorter text, the chart shows the last token's own step, never a stale one
    assert lab.chart.chosen == lab.generated()[-1].id and lab.distribution() is None
    qtbot.waitUntil(lambda: lab.distribution() is not None, timeout=WAIT)
    assert lab.chart.chosen is None and "after the 4 generated" in lab.position_label.text()
    qtbot.waitUntil(lambda: lab._result is not None and len(lab._result.context_ids) == len(lab._result.prompt_ids) + 4,
                    timeout=WAIT)
    first = lab.generated()[0]
    alternative = next(a for a in first.alternatives if a.id != first.id)
    lab.branch(0, alternative.id)
    wait_idle(lab, qtbot)
    branched = lab.generated()
    assert branched[0].id == alternative.id and len(branched) == 5
    assert branched[0].p == pytest.approx(alternative.p_final)


def test_stop_ends_generation_within_a_token(lab: LabPage, qtbot) -> None:
    lab.controls.set_run_options(max_new_tokens=400, seed=5)
    lab.controls.set_settings(SamplerSettings(temperature=1.0, top_k=0, top_p=1.0, min_p=0.0))
    lab.generate()
    qtbot.waitUntil(lambda: len(lab.generated()) >= 3, timeout=WAIT)
    lab.stop()
    count = len(lab.generated())
    assert not lab.is_busy
    qtbot.wait(500)
    assert len(lab.generated()) == count < 400


def test_compare_runs_both_panes_together_token_by_token(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "A capital do Brasil é")
    lab.controls.set_run_options(max_new_tokens=6, seed=3)
    lab.tabs.setCurrentIndex(1)
    lab.preset.setCurrentIndex(0)  # greedy against temperature 1.2
    arrivals: list[tuple[str, int]] = []
    lab.compare_tab.sig_token.connect(lambda name, n: arrivals.append((name, n)))
    lab.prompt.setFocus()
    qtbot.keyClick(lab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # on this tab: compare
    assert lab.is_busy and lab.generated() == []
    wait_idle(lab, qtbot)
    a, b = lab.pane_a.tokens, lab.pane_b.tokens
    assert len(a) == 6 and len(b) == 6
    # lockstep: A's k-th token, then B's k-th, then A's (k+1)-th …
    assert arrivals == [(name, k) for k in range(1, 7) for name in ("A", "B")]
    assert all(t.id == t.alternatives[0].id for t in a)  # greedy: always the top raw token (no penalty)
    assert "tokens" in lab.pane_a.summary.text() and "raw p" in lab.pane_a.summary.text()
    # the main view's generation gives the same texts as the panes (same seed, same draws per position)
    lab.tabs.setCurrentIndex(0)
    for pane in (lab.pane_a, lab.pane_b):
        lab.controls.set_settings(pane.settings())
        lab.generate()
        wait_idle(lab, qtbot)
        assert [t.id for t in lab.generated()] == [t.id for t in pane.tokens]


def test_empty_prompt_shows_the_hint_and_no_bars(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "The capital of France is")
    lab.controls.set_run_options(max_new_tokens=3, seed=1)
    lab.generate()
    wait_idle(lab, qtbot)
    assert lab.gen_status.text().startswith("3 ")
    lab.set_prompt("   ")
    lab.request_next()
    assert lab.chart_stack.currentWidget() is lab.empty_hint and lab.empty_hint.isVisible()
    assert "Type" in lab.empty_hint.text() or "Digite" in lab.empty_hint.text()
    assert lab.chart.axis_y.categories() == [] and lab.chart.raw_set.count() == 0  # no ghost labels
    assert lab.readouts.text() == "" and lab.gen_status.text() == ""
    assert not lab.generate_button.isEnabled()
    lab.generate()
    assert lab.generated() == [] and not lab.is_busy
    set_prompt(lab, qtbot, "Era uma vez")
    assert lab.chart_stack.currentWidget() is lab.chart and lab.chart.raw_set.count() == 20


def test_generated_count_resets_on_prompt_change_and_follows_the_language(lab: LabPage, qtbot) -> None:
    lab.ctx.set_language("en")
    set_prompt(lab, qtbot, "Once upon a time")
    lab.controls.set_run_options(max_new_tokens=4, seed=2)
    lab.generate()
    wait_idle(lab, qtbot)
    assert lab.gen_status.text() == "4 tokens generated (max 4)"
    lab.ctx.set_language("pt-BR")
    assert lab.gen_status.text() == "4 tokens gerados (máx. 4)"
    lab.set_prompt("Once upon a time there")
    assert lab.gen_status.text() == "" and lab.generated() == []


def test_no_model_explains_and_links_to_models(ctx, qtbot) -> None:
    page = LabPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.banner.isVisible()
    assert "Model" in page.banner_text.text() or "Modelo" in page.banner_text.text()
    assert not page.generate_button.isEnabled() and not page.step_button.isEnabled()
    # the chart area says it too, instead of an empty frame with a legend (and again after a language switch)
    assert page.chart_stack.currentIndex() == 1 and "once a model is loaded" in page.empty_hint.text()
    ctx.set_language("pt-BR")
    assert "quando um modelo estiver carregado" in page.empty_hint.text()
    ctx.set_language("en")
    with qtbot.waitSignal(ctx.sig_open_link) as blocker:
        page.banner_button.click()
    assert blocker.args == ["studydesk://models"]
    page.shutdown()


def test_lab_link_sets_prompt_and_settings_and_clamps(window, qtbot) -> None:
    window.open_link(
        "studydesk://lab/sampling?prompt=Era%20uma%20vez&temperature=0.2&top_k=5&top_p=0.9&min_p=0.1"
        "&mode=greedy&seed=7&max_new_tokens=12"
    )
    page = window.page("lab")
    assert window.current_key() == "lab"
    assert page.prompt_text() == "Era uma vez"
    s = page.controls.settings()
    assert (s.temperature, s.top_k, s.top_p, s.min_p, s.greedy) == (0.2, 5, 0.9, 0.1, True)
    run = page.controls.run_options()
    assert (run.seed, run.max_new_tokens) == (7, 12)
    window.open_link("studydesk://lab/sampling?temperature=9&top_k=abc&mode=random")
    s = page.controls.settings()
    assert s.temperature == 2.0 and s.top_k == 5 and not s.greedy
    assert "top_k" in window.statusBar().currentMessage()
    page.open_link(parse_link("studydesk://lab/sampling?mode=sideways"))
    assert "mode" in window.statusBar().currentMessage()


def test_explanations_follow_the_content_language_and_link_to_lessons(ctx, qtbot) -> None:
    page = LabPage(ctx)
    qtbot.addWidget(page)
    ctx.set_language("en")
    explain = page.controls.findChild(type(page.note), "explain-top_p")
    assert "cumulative probability" in explain.text() and f"{LESSON}top-p" in explain.text()
    assert page.generate_button.text() == "Generate"
    ctx.set_language("pt-BR")
    assert "probabilidade acumulada" in explain.text()
    assert page.generate_button.text() == "Gerar"
    with qtbot.waitSignal(ctx.sig_open_link) as blocker:
        explain.linkActivated.emit(f"{LESSON}top-p")
    assert blocker.args == [f"{LESSON}top-p"]
    page.shutdown()


def test_controls_column_widens_after_a_switch_to_portuguese(ctx, qtbot) -> None:
    """The column's least width followed the English texts only: in pt-BR at 1024×600 "Aleatório" and the spin
    boxes were cut at the right edge."""
    ctx.set_language("en")
    page = LabPage(ctx)
    qtbot.addWidget(page)
    page.resize(800, 560)
    page.tabs.setCurrentIndex(1)  # the Compare panes are shown once in English
    page.show()
    qtbot.waitExposed(page)
    ctx.set_language("pt-BR")
    page.resize(790, 560)  # lay out again in the new language
    qtbot.waitUntil(lambda: page.controls_scroll.viewport().width() >= page.controls.minimumSizeHint().width())
    # the Compare panes' mode box: "Aleatório" fits too
    mode = page.pane_b.mode
    assert mode.itemText(1) == "Aleatório"
    qtbot.waitUntil(lambda: mode.width() >= mode.sizeHint().width())
    assert mode.sizeHint().width() >= mode.fontMetrics().horizontalAdvance("Aleatório")
    page.shutdown()


def test_generating_in_a_short_window_brings_the_text_into_view(lab: LabPage, qtbot) -> None:
    """At 1024×600 the chart fills the Explore tab: the generated text was below the fold, out of sight."""
    lab.resize(800, 520)
    set_prompt(lab, qtbot, "The capital of France is")
    scroll = lab.tabs.widget(0)
    scroll.verticalScrollBar().setValue(0)
    assert lab.text_view.visibleRegion().isEmpty()  # below the fold before the run
    lab.controls.set_run_options(max_new_tokens=3)
    lab.generate()
    wait_idle(lab, qtbot)
    view = lab.text_view
    qtbot.waitUntil(lambda: view.visibleRegion().boundingRect().height() == view.height())


def test_token_tooltip_keeps_the_removed_stage_apart_from_the_probability() -> None:
    from desktop.core.sampling import Alternative, GeneratedToken
    from desktop.ui.lab.tokens_view import alternatives_html

    token = GeneratedToken(id=1, text=" a", position=0, p=0.9, p_raw=0.5, kept=1,
                           alternatives=(Alternative(1, " a", 0.5, 0.9, None), Alternative(2, " b", 0.02, 0.0, "min-p")))
    words = {"end": "end", "chosen": "chosen", "kept": "kept", "alternatives": "Alternatives"}
    html = alternatives_html(token, words)
    assert "(2.0%)</td><td>&nbsp;&nbsp;✕ min-p" in html
    assert "(2,0%)" in alternatives_html(token, words, "pt-BR")  # the content language's decimal comma


def test_numbers_follow_the_content_language() -> None:
    assert number("pt-BR", 262_144) == "262.144" and number("en", 262_144) == "262,144"
    assert number("pt-BR", 0.734, ".1%") == "73,4%" and number("en", 4.137, ".2f") == "4.14"


def test_readouts_use_the_content_language_separators(lab: LabPage, qtbot) -> None:
    lab.ctx.set_language("pt-BR")
    set_prompt(lab, qtbot, "A capital do Brasil é")
    assert "262.144" in lab.readouts.text() and "262,144" not in lab.readouts.text()
    lab.ctx.set_language("en")
    lab.recompute()
    assert "262,144" in lab.readouts.text()


def test_a_short_chart_keeps_every_token_label(lab: LabPage, qtbot) -> None:
    lab.resize(1000, 460)  # shorter than the chart needs: the Explore tab scrolls instead of squeezing it
    qtbot.waitUntil(lambda: lab.tabs.widget(0).verticalScrollBar().maximum() > 0)
    rows = len(lab.chart.axis_y.categories())
    assert rows == 20
    font = lab.chart.axis_y.labelsFont()
    row = QFontMetricsF(font).height() + 4
    legend = 34 if lab.chart.chart().legend().isVisible() else 0
    assert rows * row <= lab.chart.height() - 50 - legend  # Qt Charts drops labels that would overlap
    assert font.pointSizeF() >= 0.8 * lab.chart.label_font().pointSizeF() - 0.5
    lab.controls.bars.setValue(40)  # more bars ask for more height
    assert lab.chart.minimumHeight() > 40 * row * 0.9


def test_the_chart_follows_each_generated_token_during_a_run(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "Once upon a time")
    lab.controls.set_settings(SamplerSettings(temperature=1.0))
    lab.controls.set_run_options(max_new_tokens=300, seed=4)
    lab.generate()

    def following(at_least: int) -> bool:
        n, shown = len(lab.generated()), lab.shown_position()
        return lab.is_busy and shown is not None and shown >= at_least and shown >= n - 3

    qtbot.waitUntil(lambda: following(2), timeout=WAIT)
    first = lab.shown_position()
    token = lab.generated()[first]
    # the chart shows the distribution that token was drawn from, with the token marked, and says where it is
    assert lab.chart.chosen == token.id
    assert any(label.split(". ", 1)[1].startswith("▶") for label in lab.chart.axis_y.categories())
    assert f"Token {first + 1} of 300" in lab.position_label.text()
    assert lab.text_view.current == first
    assert f"{number(lab.lang, token.trace.kept)} " in lab.readouts.text()
    qtbot.waitUntil(lambda: following(first + 2), timeout=WAIT)  # and it moves on with the run
    lab.stop()
    assert not lab.is_busy


def test_scrubbing_shows_an_earlier_position(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "The capital of France is")
    lab.controls.set_settings(SamplerSettings(temperature=1.0, top_k=40, top_p=0.95, min_p=0.05))
    lab.controls.set_run_options(max_new_tokens=8, seed=7)
    before = lab._result  # the prompt's logits: the run's first token is drawn from exactly these
    lab.generate()
    wait_idle(lab, qtbot)
    tokens = lab.generated()
    assert len(tokens) == 8 and lab.shown_position() is None  # after the run: the next token
    assert lab.timeline.maximum() == 8 and lab.timeline.value() == 8
    lab.timeline.setValue(2)  # the slider
    assert lab.shown_position() == 2
    token = tokens[2]
    assert lab.chart.chosen == token.id and lab.text_view.current == 2
    # the earlier position's own distribution: the first token's distribution is the prompt's, which the
    # generated trace must reproduce exactly
    lab.text_view.setFocus()
    qtbot.keyClick(lab.text_view, Qt.Key.Key_Left)
    qtbot.keyClick(lab.text_view, Qt.Key.Key_Left)  # ← on the text scrubs back
    assert lab.shown_position() == 0 and lab.timeline.value() == 0
    first = tokens[0].trace
    prompt_dist = next_token_distribution(before.logits, first.settings, before.context_ids, top_n=60)
    assert first.kept == prompt_dist.kept and first.stage_counts == prompt_dist.stage_counts
    shown = [row.row for row in lab.chart.rows]
    assert [r.id for r in shown[:20]] == [r.id for r in prompt_dist.top_rows(20)]
    expected = prompt_dist.top_rows(20)
    assert [r.removed_by for r in shown[:20]] == [r.removed_by for r in expected]
    assert [r.p_final for r in shown[:20]] == pytest.approx([r.p_final for r in expected], rel=1e-5)
    assert [r.p_raw for r in shown[:20]] == pytest.approx([r.p_raw for r in expected], rel=1e-5)
    assert "Token 1 of 8" in lab.position_label.text()
    assert any("✕" in label for label in lab.chart.axis_y.categories())  # what the samplers removed there
    qtbot.keyClick(lab.text_view, Qt.Key.Key_Right)
    assert lab.shown_position() == 1
    lab.controls.top_k.slider.setValue(3)  # a slider acts on the next token: back to the live view
    assert lab.shown_position() is None and lab.distribution().kept <= 3


def test_settings_moved_during_a_run_apply_from_the_next_token(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "Once upon a time")
    lab.controls.set_settings(SamplerSettings(temperature=1.0, top_k=40))
    lab.controls.set_run_options(max_new_tokens=300, seed=8)
    lab.generate()
    qtbot.waitUntil(lambda: len(lab.generated()) >= 2, timeout=WAIT)
    lab.controls.greedy_button.setChecked(True)
    moved_at = len(lab.generated())
    assert "apply from token" in lab.gen_status.text()
    qtbot.waitUntil(lambda: len(lab.generated()) >= moved_at + 4, timeout=WAIT)
    lab.stop()
    tokens = lab.generated()
    assert not tokens[0].trace.settings.greedy
    assert all(t.trace.settings.greedy and t.kept == 1 for t in tokens[moved_at + 1:])


def test_greedy_tokens_are_coloured_by_the_raw_probability(lab: LabPage, qtbot) -> None:
    from desktop.ui.lab.tokens_view import probability_color

    set_prompt(lab, qtbot, "The capital of France is")
    lab.controls.set_settings(SamplerSettings(greedy=True))
    lab.controls.set_run_options(max_new_tokens=5, seed=1)
    lab.generate()
    wait_idle(lab, qtbot)
    tokens = lab.generated()
    assert all(t.p == 1.0 and t.p_raw < 1.0 for t in tokens[:1])
    for i, t in enumerate(tokens):
        assert lab.text_view.token_color(i) == probability_color(t.p_raw, lab.text_view.dark)
    assert "raw probability" in lab.legend.text()
    lab.controls.set_settings(SamplerSettings(temperature=1.0))
    lab.generate()
    wait_idle(lab, qtbot)
    sampled = lab.generated()
    assert any(t.kept > 1 for t in sampled)
    for i, t in enumerate(sampled):
        expected = t.p_raw if t.kept == 1 else t.p
        assert lab.text_view.token_color(i) == probability_color(expected, lab.text_view.dark)
    assert "after the samplers" in lab.legend.text()


def test_typing_fast_costs_at_most_two_model_requests(lab: LabPage, qtbot, monkeypatch) -> None:
    wait_idle(lab, qtbot)
    qtbot.waitUntil(lambda: lab._next_job is None, timeout=WAIT)
    model = lab.ctx.model
    calls: list[str] = []
    original = model.submit

    def counting(key, *args, **kwargs):
        calls.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(model, "submit", counting)
    lab.prompt.setFocus()
    lab.prompt.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(lab.prompt, " and then twenty!!", delay=25)  # 18 characters …
    qtbot.keyClicks(lab.prompt, "ab")  # … 20
    qtbot.waitUntil(lambda: lab._result is not None and lab._result.prompt_text == lab.prompt_text(),
                    timeout=WAIT)
    qtbot.wait(DEBOUNCE_MS + 100)
    assert lab.prompt_text().endswith("twenty!!ab")
    assert 1 <= calls.count("lab.next") <= 2, calls


def test_shortcuts_work_with_the_focus_in_the_prompt(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "The capital of France is")
    lab.controls.set_settings(SamplerSettings(greedy=True))
    lab.controls.set_run_options(max_new_tokens=4, seed=1)
    lab.prompt.setFocus()
    lab.prompt.moveCursor(QTextCursor.MoveOperation.End)
    before = lab.prompt_text()
    qtbot.keyClick(lab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # generate
    wait_idle(lab, qtbot)
    assert len(lab.generated()) == 4 and lab.prompt_text() == before  # no new line typed into the prompt
    qtbot.keyClick(lab.prompt, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # take back a token
    assert len(lab.generated()) == 3 and lab.prompt_text() == before
    qtbot.waitUntil(lambda: lab._next_job is None, timeout=WAIT)
    qtbot.keyClick(lab.prompt, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # one more token
    wait_idle(lab, qtbot)
    assert len(lab.generated()) == 4 and lab.prompt_text() == before
    lab.controls.set_run_options(max_new_tokens=300)
    lab.controls.set_settings(SamplerSettings(temperature=1.0))
    qtbot.keyClick(lab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(lab.generated()) >= 2, timeout=WAIT)
    qtbot.keyClick(lab.prompt, Qt.Key.Key_Escape)  # stop
    assert not lab.is_busy and len(lab.generated()) < 300
    # the prompt box still edits as usual: Ctrl+→ moves the cursor by a word and adds no token
    count = len(lab.generated())
    lab.prompt.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(lab.prompt, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert lab.prompt.textCursor().position() > 0 and len(lab.generated()) == count and not lab.is_busy
    assert "Alt+→" in lab.step_button.toolTip() and "Ctrl+Enter" in lab.generate_button.toolTip()
    assert "Alt+←" in lab.undo_button.toolTip() and "Esc" in lab.stop_button.toolTip()


def test_chart_labels_scale_with_the_application_font(lab: LabPage, qtbot) -> None:
    app = QApplication.instance()
    original = app.font()
    before = lab.chart.label_font().pointSizeF()
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 1.5)
    try:
        app.setFont(bigger)
        qtbot.waitUntil(lambda: lab.chart.label_font().pointSizeF() > before * 1.3)
        assert lab.controls.findChild(QLabel, "explain-top_p").font().pointSizeF() > original.pointSizeF()
    finally:
        app.setFont(original)
    qtbot.waitUntil(lambda: lab.chart.label_font().pointSizeF() == pytest.approx(before))


def _clipped(root: QWidget) -> list[str]:
    """Visible widgets cut off by their parent (outside a scroll area), or squeezed below their minimum size."""
    bad = []
    for w in root.findChildren(QWidget):
        parent = w.parentWidget()
        if not w.isVisible() or parent is None or w.objectName().startswith("qt_"):
            continue
        if isinstance(parent, QAbstractScrollArea) or isinstance(w, QScrollBar):
            continue  # a scroll area's own parts
        grand = parent.parentWidget()
        if isinstance(grand, QScrollArea) and parent is grand.viewport():
            if grand.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff and \
                    w.width() > parent.width() + 1:
                bad.append(f"{type(w).__name__} {w.objectName()} wider than its scroll area")
            continue  # vertically, a scroll area's content may be taller than what shows
        r = w.geometry()
        if r.left() < -1 or r.top() < -1 or r.right() > parent.width() + 1 or r.bottom() > parent.height() + 1:
            bad.append(f"{type(w).__name__} {w.objectName()!r} {r} outside {type(parent).__name__} {parent.size()}")
        if isinstance(w, QAbstractButton | QComboBox | QAbstractSpinBox) and \
                w.width() < w.minimumSizeHint().width() - 1:
            bad.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} squeezed to {w.width()}")
    return bad


def test_the_lab_fits_a_1024_by_600_window(lab: LabPage, qtbot) -> None:
    # The lab's share of a 1024×600 window: minus the 220-pixel sidebar, the menu bar and the status bar.
    lab.resize(804, 559)
    qtbot.waitUntil(lambda: lab.size().width() == 804 and lab.size().height() == 559)
    assert lab.minimumSizeHint().width() <= 804 and lab.minimumSizeHint().height() <= 559
    lab.controls.set_run_options(max_new_tokens=6, seed=1)
    lab.generate()
    wait_idle(lab, qtbot)
    for tab in (0, 1):
        lab.tabs.setCurrentIndex(tab)
        qtbot.wait(50)
        assert _clipped(lab) == []
    # what does not fit scrolls: the controls column and the Explore tab sit in scroll areas
    assert isinstance(lab.tabs.widget(0), QScrollArea)
    assert isinstance(lab.controls.parentWidget().parentWidget(), QScrollArea)
