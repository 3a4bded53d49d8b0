"""The one model thread: jobs, cancellation, Stop within one token, loads that fail, clean shutdown."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np

from desktop.core.llm.catalog import DEFAULT_MODEL
from desktop.ui.context import AppContext
from desktop.ui.workers import KEY_PATH, NO_MODEL_MESSAGE


def test_a_job_without_a_model_gets_a_clear_error(qtbot, ctx: AppContext) -> None:
    errors: list[str] = []
    ctx.model.submit("t", lambda engine, job: engine.n_vocab, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: errors != [], timeout=10_000)
    assert errors == [NO_MODEL_MESSAGE]
    assert not ctx.model.is_loaded


def test_results_arrive_on_the_gui_thread(qtbot, model_ctx: AppContext) -> None:
    got: list[tuple[np.ndarray, bool]] = []

    def job(engine, handle):
        assert threading.current_thread() is not threading.main_thread()
        return engine.next_logits(engine.tokenize("The capital of France is"))

    model_ctx.model.submit("t", job, lambda r: got.append((r, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: got != [], timeout=30_000)
    logits, on_main = got[0]
    assert on_main and logits.shape == (262_144,)
    assert model_ctx.model.is_loaded and model_ctx.model.engine_info.parameters == 268_098_176


def test_a_newer_request_cancels_the_stale_one(qtbot, model_ctx: AppContext) -> None:
    results: list[str] = []
    started = threading.Event()

    def slow(engine, handle):
        started.set()
        steps = engine.stream(engine.tokenize("Once"), lambda lg: int(np.argmax(lg)), 200, lambda: handle.cancelled)
        return f"slow {sum(1 for _ in steps)}"

    first = model_ctx.model.submit("same", slow, results.append)
    assert started.wait(30)
    second = model_ctx.model.submit("same", lambda engine, handle: "fresh", results.append)
    assert first.cancelled and not second.cancelled
    qtbot.waitUntil(lambda: results != [], timeout=30_000)
    qtbot.wait(50)
    assert results == ["fresh"]


def test_stop_takes_effect_within_one_token(qtbot, model_ctx: AppContext) -> None:
    produced: list[int] = []
    done = threading.Event()
    partials: list[object] = []

    def generate(engine, handle):
        try:
            prompt = engine.tokenize("Once upon a time")
            for step in engine.stream(prompt, lambda lg: int(np.argmax(lg)), 500, lambda: handle.cancelled):
                produced.append(step.token_id)
                handle.partial(step.text)
        finally:
            done.set()

    model_ctx.model.submit("gen", generate, lambda _r: None, on_partial=partials.append)
    qtbot.waitUntil(lambda: len(partials) >= 3, timeout=30_000)
    at_stop = len(produced)
    model_ctx.model.cancel("gen")
    assert done.wait(10)
    assert len(produced) <= at_stop + 1
    qtbot.wait(50)
    delivered = len(partials)
    qtbot.wait(100)
    assert len(partials) == delivered  # nothing more arrives after Stop


def test_a_broken_file_leaves_the_loaded_model_loaded(qtbot, model_ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF\x03\x00\x00\x00")  # the magic and a version, then nothing
    before = model_ctx.model.engine_info
    with qtbot.waitSignal(model_ctx.model.sig_load_failed, timeout=30_000) as blocker:
        model_ctx.model.load(bad)
    message = blocker.args[0]
    assert str(bad) in message and "truncated" in message
    assert model_ctx.model.engine_info is before
    assert model_ctx.db.get_setting(KEY_PATH) is None  # a failed choice is not remembered
    got: list[int] = []
    model_ctx.model.submit("t", lambda engine, job: engine.n_vocab, got.append)
    qtbot.waitUntil(lambda: got == [262_144], timeout=30_000)


def test_first_start_assembles_the_default_model_with_progress(qtbot, ctx: AppContext) -> None:
    progress: list[float] = []
    states: list[str] = []
    ctx.model.sig_progress.connect(progress.append)
    ctx.sig_model_status.connect(states.append)
    with qtbot.waitSignal(ctx.model.sig_loaded, timeout=120_000) as blocker:
        ctx.model.load()  # nothing remembered: the default model, assembled into this test's models folder
    info = blocker.args[0]
    assert info.path == ctx.paths.models_dir / DEFAULT_MODEL.file
    assert progress and progress == sorted(progress) and progress[-1] == 1.0
    assert any("preparing the default model" in s for s in states)
    assert states[-1].startswith("Model: Gemma 3 270m · CPU · loaded in ")
    assert ctx.model.device == "CPU" and ctx.model.load_seconds > 0
    ctx.model.shutdown()


def test_an_explicit_choice_is_remembered(qtbot, ctx: AppContext, default_model_path: Path) -> None:
    chosen = ctx.paths.models_dir / "my-copy.gguf"
    chosen.parent.mkdir(parents=True, exist_ok=True)
    chosen.symlink_to(default_model_path)
    with qtbot.waitSignal(ctx.model.sig_loaded, timeout=60_000):
        ctx.model.load(chosen)
    assert ctx.db.get_setting(KEY_PATH) == str(chosen)
    assert ctx.model.remembered_path() == chosen
    ctx.model.shutdown()
    assert not ctx.model.is_loaded


def test_shutdown_during_generation_is_prompt(qtbot, model_ctx: AppContext) -> None:
    started = threading.Event()

    def forever(engine, handle):
        started.set()
        for _ in engine.stream(engine.tokenize("Hello"), lambda lg: int(np.argmax(lg)), 4000, lambda: handle.cancelled):
            pass

    model_ctx.model.submit("gen", forever, lambda _r: None)
    assert started.wait(30)
    t0 = time.monotonic()
    model_ctx.model.shutdown()
    assert time.monotonic() - t0 < 5
    assert not any(t.name == "studydesk-model" for t in threading.enumerate())


def test_the_service_restarts_after_shutdown(qtbot, ctx: AppContext) -> None:
    for _ in range(2):
        errors: list[str] = []
        ctx.model.submit("t", lambda engine, job: None, lambda r: None, errors.append)
        qtbot.waitUntil(lambda errors=errors: errors != [], timeout=10_000)
        ctx.model.shutdown()


def test_a_file_check_needs_no_model(qtbot, ctx: AppContext, default_model_path: Path) -> None:
    from desktop.core.llm.gguf_info import inspect_gguf

    got = []
    ctx.model.submit("inspect", lambda _e, _j: inspect_gguf(default_model_path), got.append, needs_engine=False)
    qtbot.waitUntil(lambda: got != [], timeout=10_000)
    assert got[0].parameters == 268_098_176


def test_thousands_of_signal_emits_do_not_abort_the_interpreter(qtbot, ctx: AppContext) -> None:
    # PySide6 6.12.0 on CPython 3.11 drops a reference to True per emit (hence the <6.12 pin in
    # pyproject.toml); a long generation emits far more than the few hundred references True starts with.
    seen: list[str] = []
    ctx.sig_model_status.connect(seen.append)
    for n in range(20_000):
        ctx.sig_model_status.emit(str(n))
    assert len(seen) == 20_000


def test_a_load_does_not_drop_a_pending_file_check(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    # A file check does not depend on the model, so a load request (Models page: select a file, press Enter)
    # must not leave its page waiting forever for the answer ("Reading the file's header…").
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF\x03\x00\x00\x00")
    checked: list[int] = []
    ctx.model.submit("check", lambda _e, _j: 42, checked.append, needs_engine=False)
    with qtbot.waitSignal(ctx.model.sig_load_failed, timeout=30_000):
        ctx.model.load(bad)
    qtbot.waitUntil(lambda: checked == [42], timeout=10_000)


def test_a_remembered_model_that_no_longer_loads_is_forgotten(qtbot, ctx: AppContext, default_model_path: Path,
                                                               tmp_path: Path) -> None:
    """The next start after a bad choice (or a file that changed since): the file is refused with its reason, the
    choice is forgotten, and the default model loads instead."""
    import shutil

    from tests.core.llm_files import write_tiny_llama

    models = ctx.paths.models_dir
    models.mkdir(parents=True, exist_ok=True)
    (models / DEFAULT_MODEL.file).symlink_to(default_model_path)
    shutil.copy(default_model_path.with_name(DEFAULT_MODEL.file + ".verified"), models)
    bad = write_tiny_llama(tmp_path / "bad.gguf", block_count=1000)
    ctx.db.set_setting(KEY_PATH, str(bad))
    with qtbot.waitSignal(ctx.model.sig_load_failed, timeout=30_000) as failed, \
            qtbot.waitSignal(ctx.model.sig_loaded, timeout=60_000) as loaded:
        ctx.model.load()
    assert str(bad) in failed.args[0] and "block_count" in failed.args[0]
    assert loaded.args[0].path.name == DEFAULT_MODEL.file
    assert ctx.db.get_setting(KEY_PATH) is None
    ctx.model.shutdown()
