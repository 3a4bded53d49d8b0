"""The one model thread. Every call into llama.cpp runs here; the GUI thread never waits on the model.

`ModelService` owns a single worker thread that owns the Engine (a `llama_cpp.Llama` is not thread safe).
Pages ask for work as jobs with callbacks, in the shape of Anki's operations and Orange's tasks:

    ctx.model.submit("lab.next", lambda engine, job: engine.next_logits(tokens), on_result, on_error)

`job(engine, handle)` runs on the model thread and may report partial results with `handle.partial(obj)`
(each generated token, say) and must check `handle.cancelled` between steps. A newer submit with the same key
cancels the stale one; results of cancelled jobs are dropped. Callbacks run on the GUI thread (results travel
as queued Qt signals). Stopping follows one fixed sequence: flag every job cancelled, queue a stop marker,
join the thread — a generation notices its cancelled flag before its next token.

The worker is a plain Python thread (not a QThread) so the tests' "no thread left running" check sees it.
It starts on the first request, and starts again after shutdown() if asked for more work.
"""

from __future__ import annotations

import logging
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QObject, Signal, Slot

from desktop.core.llm.catalog import AssemblyCancelled, ModelPackageMissing, default_model_path
from desktop.core.llm.gguf_info import GGUFError, GGUFInfo
from desktop.core.llm.server import ServerError

if TYPE_CHECKING:
    from desktop.core.llm.engine import Engine, LoadOptions
    from desktop.core.llm.server import ServerClient
    from desktop.core.paths import AppPaths
    from desktop.core.store import Database

T = TypeVar("T")
log = logging.getLogger(__name__)

NO_MODEL_MESSAGE = QT_TRANSLATE_NOOP(
    "ModelService", "No model is loaded yet — it is still loading, or choose one on the Models page (Ctrl+7).")

# Settings keys (the user database) for the model choice and how it is run.
KEY_PATH = "model.path"  # the remembered choice; absent/None means the default model
KEY_THREADS = "model.threads"  # 0 = automatic
KEY_N_CTX = "model.n_ctx"
KEY_GPU_LAYERS = "model.gpu_layers"
KEY_RECENT = "model.recent"  # files opened with "Open GGUF file…", newest first


def options_from_settings(db: Database) -> LoadOptions:
    from desktop.core.llm.engine import LoadOptions

    threads = int(db.get_setting(KEY_THREADS, 0) or 0)
    return LoadOptions(
        n_ctx=int(db.get_setting(KEY_N_CTX, LoadOptions.n_ctx) or LoadOptions.n_ctx),
        n_threads=threads if threads > 0 else None,
        n_gpu_layers=int(db.get_setting(KEY_GPU_LAYERS, 0) or 0),
    )


def save_options(db: Database, options: LoadOptions) -> None:
    db.set_setting(KEY_THREADS, int(options.n_threads or 0))
    db.set_setting(KEY_N_CTX, int(options.n_ctx))
    db.set_setting(KEY_GPU_LAYERS, int(options.n_gpu_layers))


def one_line(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return " ".join(text.split())


class Job:
    """The handle a job function receives (and submit() returns)."""

    def __init__(
        self,
        service: ModelService,
        key: str,
        fn: Callable[[Any, Job], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[str], None] | None,
        on_partial: Callable[[object], None] | None,
        needs_engine: bool,
    ) -> None:
        self.key = key
        self.fn = fn
        self.on_result = on_result
        self.on_error = on_error
        self.on_partial = on_partial
        self.needs_engine = needs_engine
        self._service = service
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def partial(self, obj: object) -> None:
        """Send a partial result to on_partial on the GUI thread (dropped once the job is cancelled)."""
        if not self.cancelled and self.on_partial is not None:
            self._service._sig_partial.emit(self, obj)

    def vocab(self, path: Path) -> Engine:
        """A tokenizer-only Engine for `path`, kept on the model thread for reuse (for comparing tokenizers)."""
        return self._service._vocab_engine(Path(path))

    def second_model(self, path: Path) -> Engine:
        """A second full model for `path`, kept on the model thread (one at a time) for side-by-side comparisons."""
        return self._service._second_engine(Path(path))

    def drop_second_model(self) -> None:
        """Close the second model (its memory goes back) when the comparison ends."""
        second, self._service._second = self._service._second, None
        if second is not None:
            second.close()


@dataclass
class _Load:
    path: Path | None  # None: the default model
    options: LoadOptions
    remember: bool
    cancel: threading.Event


@dataclass
class _Adopt:
    engine: Engine
    owned: bool


_STOP = object()


class ModelService(QObject):
    sig_loading = Signal(str)  # path (or the default model's file name) being loaded
    sig_progress = Signal(float)  # 0..1 while the default model is assembled the first time
    sig_loaded = Signal(object)  # GGUFInfo of the model now loaded
    sig_load_failed = Signal(str)  # one line naming the file and the problem; the previous model stays loaded
    sig_state = Signal(str)  # one line for the status bar
    sig_options_changed = Signal(object)  # LoadOptions saved in settings (keeps both settings boxes in step)
    sig_backend_changed = Signal(object)  # ServerInfo when a server's model is the active one; None: the local model

    _sig_done = Signal(object, object, object)  # job, result, error message (None on success)
    _sig_partial = Signal(object, object)  # job, partial result
    _sig_loaded_internal = Signal(object, object)  # request (_Load, or None when adopted), Engine
    _sig_failed_internal = Signal(object, str)  # request, message

    def __init__(self, db: Database, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.paths = paths
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._jobs: dict[str, Job] = {}
        self._pending_load: _Load | None = None
        self._info: GGUFInfo | None = None
        self._options: LoadOptions | None = None
        self._device = ""
        self._load_seconds = 0.0
        self._loading = False
        # Worker-thread state: touched only on the model thread.
        self._engine: Engine | None = None
        self._engine_owned = True
        self._vocabs: dict[Path, Engine] = {}
        # A connected inference server (desktop/core/llm/server.py), chosen on the GUI thread and called only from
        # model-thread jobs; None while the local model is the active one.
        self._server: ServerClient | None = None
        self._second: Engine | None = None
        self._sig_done.connect(self._deliver)
        self._sig_partial.connect(self._deliver_partial)
        self._sig_loaded_internal.connect(self._on_loaded)
        self._sig_failed_internal.connect(self._on_failed)

    # state seen from the GUI thread ------------------------------------------------------------------------------
    @property
    def engine_info(self) -> GGUFInfo | None:
        return self._info

    @property
    def is_loaded(self) -> bool:
        return self._info is not None

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def loaded_options(self) -> LoadOptions | None:
        return self._options

    @property
    def device(self) -> str:
        return self._device

    @property
    def load_seconds(self) -> float:
        return self._load_seconds

    @property
    def server(self) -> ServerClient | None:
        """The server whose model the lab, tokenizer and generation use instead of the local one, if any."""
        return self._server

    def use_server(self, client: ServerClient) -> None:
        """Make a checked server's model the active one (the local model stays loaded, one click away)."""
        assert client.info is not None, "check() the server first"
        self._server = client
        self._state(QT_TRANSLATE_NOOP("ModelService", "Server: {model} · {kind} · {url}"), model=client.model,
                    kind=client.info.kind, url=client.info.url)
        self.sig_backend_changed.emit(client.info)

    def use_local(self) -> None:
        """Go back to the local model."""
        if self._server is None:
            return
        self._server = None
        if self._info is not None:
            self._state(QT_TRANSLATE_NOOP("ModelService", "Model: {name} · {device}"), name=self._info.display_name,
                        device=self._device)
        else:
            self._state(QT_TRANSLATE_NOOP("ModelService", "Model: not loaded"))
        self.sig_backend_changed.emit(None)

    def remembered_path(self) -> Path | None:
        value = self.db.get_setting(KEY_PATH)
        return Path(value) if value else None

    def default_model_file(self) -> Path:
        from desktop.core.llm.catalog import default_model_file

        return default_model_file(self.paths.models_dir)

    def settings_options(self) -> LoadOptions:
        return options_from_settings(self.db)

    def set_options(self, options: LoadOptions) -> None:
        save_options(self.db, options)
        self.sig_options_changed.emit(options)

    # requests --------------------------------------------------------------------------------------------------
    def load(self, path: Path | None = None, options: LoadOptions | None = None) -> None:
        """Load a model on the model thread. path None: the remembered choice, else the default model.

        Only the newest load request runs; the loaded model stays loaded if the new one fails.
        """
        remember = path is not None
        if path is None:
            remembered = self.remembered_path()
            if remembered is not None and remembered.is_file():
                path = remembered
        if options is None:
            options = options_from_settings(self.db)
        if self._pending_load is not None:
            self._pending_load.cancel.set()
        request = _Load(Path(path) if path is not None else None, options, remember, threading.Event())
        self._pending_load = request
        self._loading = True
        for key, job in list(self._jobs.items()):
            if job.needs_engine:  # their results would describe the model being replaced; file checks would not
                job.cancel()
                del self._jobs[key]
        self._ensure_thread()
        self._queue.put(request)

    def use_engine(self, engine: Engine, owned: bool = False) -> None:
        """Put an Engine that is already loaded on the model thread (tests share one across a session).

        owned=False: shutdown() hands it back untouched instead of closing it."""
        self._loading = True
        self._ensure_thread()
        self._queue.put(_Adopt(engine, owned))

    def submit(
        self,
        key: str,
        job: Callable[[Engine, Job], T],
        on_result: Callable[[T], None],
        on_error: Callable[[str], None] | None = None,
        on_partial: Callable[[object], None] | None = None,
        needs_engine: bool = True,
    ) -> Job:
        """Run job(engine, handle) on the model thread; see the module docstring.

        needs_engine=False runs it even with no model loaded (engine is then None) — for file checks that
        must not block the GUI thread."""
        stale = self._jobs.get(key)
        if stale is not None:
            stale.cancel()
        handle = Job(self, key, job, on_result, on_error, on_partial, needs_engine)
        self._jobs[key] = handle
        self._ensure_thread()
        self._queue.put(handle)
        return handle

    def cancel(self, key: str) -> None:
        job = self._jobs.pop(key, None)
        if job is not None:
            job.cancel()

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop the model thread cleanly: cancel everything, let the current step finish, close the model."""
        if self._pending_load is not None:
            self._pending_load.cancel.set()
        for job in self._jobs.values():
            job.cancel()
        self._jobs.clear()
        thread = self._thread
        if thread is None:
            return
        self._queue.put(_STOP)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("the model thread did not stop within %.0f s", timeout)
        self._thread = None
        self._info = None
        self._loading = False

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._queue = queue.Queue()
            self._thread = threading.Thread(target=self._run, name="studydesk-model", daemon=True)
            self._thread.start()

    # the status line ---------------------------------------------------------------------------------------------
    def _state(self, template: str, **values: object) -> None:
        """Emit a status line; kept as template + values so state_text() can say it again in a new language."""
        self._state_line = (template, values)
        self.sig_state.emit(self.state_text())

    def state_text(self) -> str:
        """The last status line in the current interface language."""
        template, values = getattr(self, "_state_line", (QT_TRANSLATE_NOOP("ModelService", "Model: not loaded"), {}))
        # a float (the load time) is written when the line is said, so it follows a language switch
        shown = {k: QLocale().toString(v, "f", 1) if isinstance(v, float) else v for k, v in values.items()}
        return self.tr(template).format(**shown)

    # GUI-thread delivery ---------------------------------------------------------------------------------------
    @Slot(object, object, object)
    def _deliver(self, job: Job, result: object, error: str | None) -> None:
        if self._jobs.get(job.key) is job:
            del self._jobs[job.key]
        if job.cancelled:
            return
        if error is None:
            job.on_result(result)
        elif job.on_error is not None:
            job.on_error(error)
        else:
            self._state(QT_TRANSLATE_NOOP("ModelService", "Model: {error}"), error=error)

    @Slot(object, object)
    def _deliver_partial(self, job: Job, obj: object) -> None:
        if not job.cancelled and job.on_partial is not None:
            job.on_partial(obj)

    def _settle(self, request: _Load | None) -> bool:
        """Bookkeeping when a load ends; False when the service was shut down meanwhile."""
        if self._thread is None:
            return False
        if request is None or request is self._pending_load:
            self._pending_load = None
            self._loading = False
        return True

    @Slot(object, object)
    def _on_loaded(self, request: _Load | None, engine: Engine) -> None:
        if not self._settle(request):
            return
        info = engine.info
        self._info = info
        self._options = engine.options
        self._device = engine.device_label
        self._load_seconds = engine.load_seconds
        if request is not None and request.remember:
            self.db.set_setting(KEY_PATH, str(info.path))
        self._state(QT_TRANSLATE_NOOP("ModelService", "Model: {name} · {device} · loaded in {seconds} s"), name=info.display_name,
                    device=self._device, seconds=float(self._load_seconds))
        self.sig_loaded.emit(info)

    @Slot(object, str)
    def _on_failed(self, request: _Load, message: str) -> None:
        if not self._settle(request):
            return
        if not request.remember and request.path is not None and self._info is None:
            # The remembered model cannot be loaded (any more): forget it and fall back to the default model.
            self.db.set_setting(KEY_PATH, None)
            self.sig_load_failed.emit(message)
            self.load(None)
            return
        if self._info is not None:
            self._state(QT_TRANSLATE_NOOP("ModelService", "Model: {name} · {device} (the new model failed)"),
                        name=self._info.display_name, device=self._device)
        else:
            self._state(QT_TRANSLATE_NOOP("ModelService", "Model: not loaded"))
        self.sig_load_failed.emit(message)

    # the model thread --------------------------------------------------------------------------------------------
    def _run(self) -> None:
        q = self._queue
        try:
            while True:
                item = q.get()
                if item is _STOP:
                    break
                if isinstance(item, _Load):
                    self._do_load(item)
                elif isinstance(item, _Adopt):
                    self._do_adopt(item)
                elif isinstance(item, Job):
                    self._do_job(item)
        finally:
            self._close_all()

    def _close_all(self) -> None:
        for engine in self._vocabs.values():
            engine.close()
        self._vocabs.clear()
        if self._second is not None:
            self._second.close()
            self._second = None
        if self._engine is not None and self._engine_owned:
            self._engine.close()
        self._engine = None

    def _do_job(self, job: Job) -> None:
        if job.cancelled:
            return
        if job.needs_engine and self._engine is None:
            self._sig_done.emit(job, None, QCoreApplication.translate("ModelService", NO_MODEL_MESSAGE))
            return
        try:
            result = job.fn(self._engine, job)
        except Exception as exc:  # a job's failure is reported to its page, never kills the thread
            if not isinstance(exc, (GGUFError, ServerError, ValueError, RuntimeError)):  # expected: said, not logged
                log.error("model job %s failed:\n%s", job.key, traceback.format_exc())
            self._sig_done.emit(job, None, one_line(exc))
            return
        self._sig_done.emit(job, result, None)

    def _do_adopt(self, item: _Adopt) -> None:
        if self._engine is not None and self._engine_owned and self._engine is not item.engine:
            self._engine.close()
        self._engine, self._engine_owned = item.engine, item.owned
        self._sig_loaded_internal.emit(None, item.engine)

    def _do_load(self, item: _Load) -> None:
        from desktop.core.llm.engine import ModelLoadError
        from desktop.core.llm.probe import ModelRefused, ProbeCancelled, load_checked

        if item.cancel.is_set():
            return
        path = item.path
        try:
            if path is None:
                target = self.default_model_file()
                self.sig_loading.emit(str(target))
                self._state(QT_TRANSLATE_NOOP("ModelService", "Model: preparing the default model…"))
                last = [-1]

                def progress(fraction: float) -> None:
                    if item.cancel.is_set():
                        raise AssemblyCancelled
                    pct = int(fraction * 100)
                    if pct != last[0]:  # at most 101 signals, not one per 4 MB block
                        last[0] = pct
                        self.sig_progress.emit(fraction)
                        self._state(QT_TRANSLATE_NOOP("ModelService", "Model: preparing the default model… {pct}%"), pct=pct)

                path = default_model_path(self.paths.models_dir, progress)
            else:
                self.sig_loading.emit(str(path))
            self._state(QT_TRANSLATE_NOOP("ModelService", "Model: loading {name}…"), name=path.name)
            # A file never loaded before is tried in a child process first: no file can take the app down.
            engine = load_checked(
                path, item.options, self.paths.cache_dir, should_cancel=item.cancel.is_set,
                on_trial=lambda: self._state(QT_TRANSLATE_NOOP("ModelService", "Model: trying {name} apart first…"),
                                             name=path.name))
        except (AssemblyCancelled, ProbeCancelled):
            return
        except (ModelPackageMissing, GGUFError, ModelLoadError, ModelRefused, OSError) as exc:
            self._sig_failed_internal.emit(item, one_line(exc))
            return
        except Exception as exc:  # never let a bad file take the model thread down
            log.error("loading %s failed:\n%s", path, traceback.format_exc())
            self._sig_failed_internal.emit(item, f"{path}: {one_line(exc)}")
            return
        if item.cancel.is_set():  # a newer request came in while this one loaded
            engine.close()
            return
        if self._engine is not None and self._engine_owned:
            self._engine.close()
        self._engine, self._engine_owned = engine, True
        self._sig_loaded_internal.emit(item, engine)

    def _vocab_engine(self, path: Path) -> Engine:
        from desktop.core.llm.engine import LoadOptions
        from desktop.core.llm.probe import load_checked

        path = path.expanduser()
        if self._engine is not None and self._engine.path == path:
            return self._engine
        if path not in self._vocabs:
            while len(self._vocabs) >= 2:  # a tokenizer of a big vocabulary costs tens of MB
                self._vocabs.pop(next(iter(self._vocabs))).close()
            self._vocabs[path] = load_checked(path, LoadOptions(), self.paths.cache_dir, vocab_only=True)
        return self._vocabs[path]

    def _second_engine(self, path: Path) -> Engine:
        from desktop.core.llm.engine import Engine, LoadOptions

        path = path.expanduser()
        if self._engine is not None and self._engine.path == path:
            return self._engine
        if self._second is None or self._second.path != path:
            if self._second is not None:
                self._second.close()
                self._second = None
            threads = self._engine.n_threads if self._engine is not None else None
            self._second = Engine.load(path, LoadOptions(n_ctx=1024, n_threads=threads))
        return self._second
