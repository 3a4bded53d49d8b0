"""The sampling lab on an inference server's model: recorded llama-server / vLLM / Ollama answers from a stub server
(tests/server_stub.py), its error paths, and one test against the real llama_cpp.server (tests/server_fixtures.py)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from desktop.core.llm.server import ServerClient
from desktop.core.sampling import SamplerSettings, draw_uniform
from desktop.core.topn import topn_distribution
from desktop.ui.lab import LabPage
from desktop.ui.lab.chart import show_piece
from desktop.ui.lab.texts import tr
from desktop.ui.lab.tokens_view import alternatives_html
from tests.server_stub import StubServer, dropped, recorded, slow

WAIT = 20_000


def open_lab(ctx, qtbot, url: str, prompt: str = "The capital of France is") -> LabPage:
    page = LabPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    page.set_prompt(prompt)
    client = ServerClient(url)
    client.check()
    with qtbot.waitSignal(ctx.model.sig_backend_changed):
        ctx.model.use_server(client)
    qtbot.waitUntil(lambda: page.server_lab.dist is not None, timeout=WAIT)
    return page


def listed_p(page: LabPage) -> list[float]:
    assert page.server_lab.result is not None
    return [t.p for t in page.server_lab.result.tokens]


@pytest.mark.parametrize("kind", ["vllm", "llama-server", "ollama"])
def test_chart_shows_the_listed_tokens_and_one_rest_bar(qtbot, ctx, kind: str) -> None:
    with StubServer(recorded(kind)) as stub:
        page = open_lab(ctx, qtbot, stub.url)
        p = listed_p(page)
        n = len(p)
        assert n == 20
        categories = page.chart.axis_y.categories()
        assert len(categories) == n + 1  # the N tokens and the rest of the vocabulary
        assert categories[0].startswith("rest of the vocabulary")
        assert show_piece(" Paris") in " ".join(categories)
        rest = page.chart.rest
        assert rest is not None and rest.p_raw == pytest.approx(1 - sum(p))
        assert page.chart.rest_set.at(0) == pytest.approx((1 - sum(p)) * 100)
        assert page.chart.raw_set.at(0) == 0 and page.chart.final_set.at(0) == 0  # only the hatched bar there
        assert [r.row.p_raw for r in page.chart.rows] == pytest.approx(p)
        assert stub.url in page.server_lab.banner_text.text()
        assert "on the server" in page.position_label.text()
        page.shutdown()


def test_exact_and_bound_readouts_and_sliders_make_no_request(qtbot, ctx) -> None:
    with StubServer(recorded("vllm")) as stub:
        page = open_lab(ctx, qtbot, stub.url)
        asked = len(stub.requests)
        page.controls.set_settings(SamplerSettings(top_k=5, top_p=1.0, min_p=0.0, temperature=1.0))
        dist = page.server_lab.dist
        assert dist.kept == 5 and dist.final_exact and not dist.reaches_unlisted
        text = page.readouts.text()
        assert "Exact" in text and "at least" not in text and "top-k 5 exact" in text
        expected = topn_distribution(listed_p(page), page.controls.settings())
        assert [r.p_final for r in dist.rows] == pytest.approx([r.p_final for r in expected.rows])

        page.controls.set_settings(SamplerSettings(top_k=0, top_p=0.99, min_p=0.0, temperature=1.0))
        dist = page.server_lab.dist
        assert dist.reaches_unlisted and not dist.final_exact  # the cut lies past the 20 listed
        text = page.readouts.text()
        assert "A bound" in text and "at least 20" in text and "reaches past the list" in text
        ranged = [r for r in page.chart.rows if r.p_range is not None]
        assert len(ranged) == 20 and all(lo < hi for lo, hi in (r.p_range for r in ranged))
        assert len(stub.requests) == asked  # slider moves recompute from the cached list: no request
        page.shutdown()


def drawn(page: LabPage) -> list[str]:
    return [t.text for t in page.generated()]


def test_generate_and_step_with_a_seed_are_reproducible(qtbot, ctx) -> None:
    with StubServer(recorded("llama-server")) as stub:
        page = open_lab(ctx, qtbot, stub.url)
        settings = SamplerSettings(top_k=0, top_p=1.0, min_p=0.0, temperature=1.0)
        page.controls.set_settings(settings)
        page.controls.set_run_options(max_new_tokens=6, seed=7)
        page.generate()
        qtbot.waitUntil(lambda: not page.is_busy and page.server_lab.dist is not None, timeout=WAIT)
        first = drawn(page)
        assert len(first) == 6
        # The recorded server answers the same list at every position: the seeded draw per position picks.
        tokens = page.server_lab.result.tokens
        dist = topn_distribution([t.p for t in tokens], settings, None, [], [t.id for t in tokens])
        assert first == [tokens[dist.draw(draw_uniform(7, k))].text for k in range(6)]
        assert len(set(first)) > 1
        # hovering a token says the kept count is a lower bound here (no top-k, top-p 1: unlisted tokens survive)
        words = {"chosen": "chosen", "kept": "kept", "alternatives": "Alternatives", "end": "end"}
        assert "kept ≥20" in alternatives_html(page.generated()[0], words)
        page.generate()
        qtbot.waitUntil(lambda: not page.is_busy and len(page.generated()) == 6, timeout=WAIT)
        assert drawn(page) == first
        page.clear()
        for _ in range(6):
            page.step()
            qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT)
        assert drawn(page) == first
        # the timeline shows a past position from its own list, the drawn token marked
        page.show_position(2)
        assert page.chart.chosen == page.generated()[2].id and "Token 3 of 6" in page.position_label.text()
        assert page.chart.rest is not None
        page.shutdown()


def test_compare_runs_both_panes_on_the_server(qtbot, ctx) -> None:
    with StubServer(recorded("vllm")) as stub:
        page = open_lab(ctx, qtbot, stub.url)
        page.controls.set_run_options(max_new_tokens=4, seed=3)
        page.tabs.setCurrentIndex(1)
        page.preset.setCurrentIndex(0)  # greedy ↔ temperature 1.2
        page.compare()
        qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT)
        a, b = page.pane_a.tokens, page.pane_b.tokens
        assert len(a) == len(b) == 4
        assert all(t.text == " the" for t in a)  # greedy: the most likely every time
        page.shutdown()


def test_a_401_is_said_and_the_local_model_is_one_click_away(qtbot, model_ctx) -> None:
    routes = dict(recorded("vllm"))
    with StubServer(routes) as stub:
        page = open_lab(model_ctx, qtbot, stub.url)
        routes["POST /v1/completions"] = (401, {"error": {"message": "invalid api key"}})
        page.set_prompt("Era uma vez um")
        page.request_next()
        qtbot.waitUntil(lambda: "401" in page.server_lab.banner_text.text(), timeout=WAIT)
        assert stub.url in page.server_lab.banner_text.text()
        assert page.server_lab.banner.isVisible() and page.server_lab.local_button.isVisible()
        with qtbot.waitSignal(model_ctx.model.sig_backend_changed):
            page.server_lab.local_button.click()
        assert model_ctx.model.server is None and not page.server_lab.banner.isVisible()
        qtbot.waitUntil(lambda: page.distribution() is not None, timeout=60_000)  # the local engine again
        assert page.distribution().vocab_size == 262_144 and page.chart.rest is None
        page.shutdown()


def test_a_connection_dropped_mid_run_keeps_the_tokens_and_says_so(qtbot, ctx) -> None:
    routes = dict(recorded("vllm"))
    good = routes["POST /v1/completions"]
    answered = []
    lock = threading.Lock()

    def flaky(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            answered.append(1)
            count = len(answered)
        if count <= 3:
            status, body = good  # type: ignore[misc]
            data = json.dumps(body).encode()
            handler.send_response(status)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        else:
            dropped(handler)

    with StubServer(routes) as stub:
        page = open_lab(ctx, qtbot, stub.url)  # one answer used
        routes["POST /v1/completions"] = flaky
        page.controls.set_run_options(max_new_tokens=8, seed=1)
        page.generate()
        qtbot.waitUntil(lambda: not page.is_busy, timeout=WAIT)
        assert len(page.generated()) == 3  # what came before the drop stays
        banner = page.server_lab.banner_text.text()
        assert "closed the connection" in banner and stub.url in banner
        assert page.generate_button.isEnabled()  # the app goes on
        page.shutdown()


def test_a_slow_server_does_not_block_the_window(qtbot, ctx) -> None:
    routes = dict(recorded("vllm"))
    with StubServer(routes) as stub:
        page = open_lab(ctx, qtbot, stub.url)
        routes["POST /v1/completions"] = slow(1.5, routes["POST /v1/completions"])  # type: ignore[arg-type]
        page.set_prompt("Once upon a time")
        page.request_next()  # returns at once: the request runs on the model thread
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(20)
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=WAIT)  # the event loop runs while the server thinks
        assert page.server_lab.dist is None  # …and the answer has not come yet
        qtbot.waitUntil(lambda: page.server_lab.dist is not None, timeout=WAIT)
        timer.stop()
        assert page.server_lab.result.prompt_text == "Once upon a time"
        page.shutdown()


def test_the_batch_rounding_note_is_in_the_lab(qtbot, ctx) -> None:
    page = LabPage(ctx)
    qtbot.addWidget(page)
    assert page.legend.toolTip() == tr(page.lang, "explain.batch")
    assert "0,028" in tr("pt-BR", "explain.batch") and "ponto flutuante" in tr("pt-BR", "explain.batch")
    page.retranslate("en")
    assert "0.028" in page.legend.toolTip() and "floating-point" in page.legend.toolTip()


def test_lab_top20_equals_the_local_engine_on_llama_cpp_server(qtbot, ctx, llama_server_url, default_engine) -> None:
    prompt = "A receita de pão de queijo leva"  # evaluated by no other test
    page = open_lab(ctx, qtbot, llama_server_url, prompt)
    rows = page.chart.rows
    assert len(rows) == 20 and page.chart.rest is not None
    logits = default_engine.next_logits(default_engine.tokenize(prompt)).astype(np.float64)
    p = np.exp(logits - logits.max())
    p /= p.sum()
    local = {default_engine.piece(int(i)): float(p[i]) for i in np.argsort(-p)[:20]}
    for row in rows:
        assert row.row.p_raw == pytest.approx(local[row.text], abs=1e-4), row.text
    assert page.chart.rest.p_raw == pytest.approx(1 - sum(local.values()), abs=1e-3)
    page.shutdown()


@pytest.mark.parametrize(("answer", "said"), [
    ((400, {"error": {"message": "logprobs must be at most 5"}}), "refused the request (400)"),
    ((200, b"<html>busy</html>"), "not JSON"),
    ((200, {"choices": [{"text": " the", "logprobs": None}]}), "without token probabilities"),
])
def test_server_errors_are_said_in_the_lab(qtbot, ctx, answer, said: str) -> None:
    routes = dict(recorded("vllm"))
    with StubServer(routes) as stub:
        page = open_lab(ctx, qtbot, stub.url)
        routes["POST /v1/completions"] = answer
        page.set_prompt("Once upon a time")
        page.request_next()
        qtbot.waitUntil(lambda: said in page.server_lab.banner_text.text(), timeout=WAIT)
        assert stub.url in page.server_lab.banner_text.text()
        assert page.chart_stack.currentIndex() == 1  # the other text's chart is not left standing
        routes["POST /v1/completions"] = recorded("vllm")["POST /v1/completions"]
        page.request_next()  # the server is back: the message goes, the chart returns
        qtbot.waitUntil(lambda: page.server_lab.dist is not None, timeout=WAIT)
        assert "⚠" not in page.server_lab.banner_text.text() and page.chart_stack.currentIndex() == 0
        page.shutdown()


def test_an_unreachable_server_is_said(qtbot, ctx) -> None:
    with StubServer(recorded("ollama")) as stub:
        page = open_lab(ctx, qtbot, stub.url)
    page.step()  # the server has gone
    qtbot.waitUntil(lambda: "connection refused" in page.server_lab.banner_text.text(), timeout=WAIT)
    assert not page.is_busy and page.generated() == []
    page.shutdown()


def test_branching_continues_on_the_server(qtbot, ctx) -> None:
    with StubServer(recorded("vllm")) as stub:
        page = open_lab(ctx, qtbot, stub.url)
        page.controls.set_settings(SamplerSettings(greedy=True))
        page.controls.set_run_options(max_new_tokens=4, seed=5)
        page.generate()
        qtbot.waitUntil(lambda: not page.is_busy and len(page.generated()) == 4, timeout=WAIT)
        assert drawn(page) == [" the"] * 4
        alt = next(a for a in page.generated()[1].alternatives if a.text == " Paris")
        page.branch(1, alt.id)
        qtbot.waitUntil(lambda: not page.is_busy and len(page.generated()) == 4, timeout=WAIT)
        assert drawn(page) == [" the", " Paris", " the", " the"]
        page.shutdown()
