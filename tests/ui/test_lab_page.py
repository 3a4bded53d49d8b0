"""The sampling lab page on the real default model (through the app's one model thread)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from desktop.core.links import parse_link
from desktop.core.sampling import TOP_K, SamplerSettings
from desktop.ui.lab import LabPage
from desktop.ui.lab.chart import show_piece
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


def test_compare_runs_both_panes_with_the_same_seed(lab: LabPage, qtbot) -> None:
    set_prompt(lab, qtbot, "A capital do Brasil é")
    lab.controls.set_run_options(max_new_tokens=6, seed=3)
    lab.tabs.setCurrentIndex(1)
    lab.preset.setCurrentIndex(0)  # greedy against temperature 1.2
    lab.compare()
    wait_idle(lab, qtbot)
    a, b = lab.pane_a.tokens, lab.pane_b.tokens
    assert len(a) == 6 and len(b) == 6
    assert all(t.id == t.alternatives[0].id for t in a)  # greedy: always the top raw token (no penalty)
    assert "tokens" in lab.pane_a.summary.text()
    # the main view's greedy generation is the same text as pane A
    lab.tabs.setCurrentIndex(0)
    lab.controls.set_settings(SamplerSettings(greedy=True))
    lab.generate()
    wait_idle(lab, qtbot)
    assert [t.id for t in lab.generated()] == [t.id for t in a]


def test_empty_prompt_says_what_to_type(lab: LabPage, qtbot) -> None:
    lab.set_prompt("   ")
    lab.request_next()
    assert "Type" in lab.note.text() or "Digite" in lab.note.text()
    assert not lab.generate_button.isEnabled()
    lab.generate()
    assert lab.generated() == [] and not lab.is_busy


def test_no_model_explains_and_links_to_models(ctx, qtbot) -> None:
    page = LabPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.banner.isVisible()
    assert "Model" in page.banner_text.text() or "Modelo" in page.banner_text.text()
    assert not page.generate_button.isEnabled() and not page.step_button.isEnabled()
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
    lab.resize(1000, 560)  # the lab's share of a 1180x720 window
    qtbot.waitUntil(lambda: lab.chart.height() < 340)
    rows = len(lab.chart.axis_y.categories())
    assert rows == 20
    row = QFontMetricsF(lab.chart.axis_y.labelsFont()).height() + 4
    legend = 34 if lab.chart.chart().legend().isVisible() else 0
    assert rows * row <= lab.chart.height() - 50 - legend or lab.chart.axis_y.labelsFont().pointSizeF() <= 6.0
