"""File work off the GUI thread: listing model folders, reading a file to import. The GUI thread never waits on a
file (a network drive, a huge Hugging Face cache or a slow disk must not freeze the window).

Why not the model thread (ctx.model.submit(..., needs_engine=False))? Its one queue also carries model loads
(the first start assembles ~240 MB) and generations: a listing or an import queued behind them would say
"Looking for models…" for as long as the model takes, and a listing stuck on a hung folder would block every
model request after it. File jobs are short, need no model and touch no llama.cpp object, so they get their own
small worker: one plain Python thread per running job (as the model thread, so the tests' "no thread left
running" check sees them), started on demand, ending with its job.

    ctx.files.submit("models.list", lambda job: discover_models(...), on_result, on_error, owner=self)

`fn(job)` runs on the worker thread; it may report `job.progress(done, total)` and should check
`job.cancelled` between steps. At most one job runs per key: a newer submit with the same key cancels the
running one (its result is dropped) and starts when it ends — so a folder that hangs never piles up threads.
Callbacks run on the GUI thread, and not at all once `owner` (a widget) is gone.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class FileJob:
    """The handle a job function receives (and submit() returns)."""

    def __init__(self, service: FileJobs, key: str, fn: Callable[[FileJob], Any], on_result: Callable[[Any], None],
                 on_error: Callable[[str], None] | None, on_progress: Callable[[int, int], None] | None,
                 owner: QObject | None) -> None:
        self.key, self.fn, self.on_result, self.on_error, self.on_progress = key, fn, on_result, on_error, on_progress
        self.owner = owner
        self._service = service
        self._cancel = threading.Event()
        self.thread: threading.Thread | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, done: int, total: int) -> None:
        """Tell on_progress (on the GUI thread) how far the job is; dropped once the job is cancelled."""
        if not self.cancelled and self.on_progress is not None:
            self._service._sig_progress.emit(self, (done, total))


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class FileJobs(QObject):
    _sig_done = Signal(object, object, object)  # job, result, error message (None on success)
    _sig_progress = Signal(object, object)  # job, (done, total)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[str, FileJob] = {}
        self._waiting: dict[str, FileJob] = {}
        self._lock = threading.Lock()
        self._sig_done.connect(self._deliver)
        self._sig_progress.connect(self._deliver_progress)

    def submit(self, key: str, fn: Callable[[FileJob], Any], on_result: Callable[[Any], None],
               on_error: Callable[[str], None] | None = None, on_progress: Callable[[int, int], None] | None = None,
               owner: QObject | None = None) -> FileJob:
        job = FileJob(self, key, fn, on_result, on_error, on_progress, owner)
        with self._lock:
            stale = self._waiting.pop(key, None)
            if stale is not None:
                stale.cancel()
            running = self._running.get(key)
            if running is not None:
                running.cancel()
                self._waiting[key] = job  # starts when the running one ends
                return job
            self._running[key] = job
        self._start(job)
        return job

    def is_busy(self, key: str) -> bool:
        with self._lock:
            return key in self._running or key in self._waiting

    def cancel(self, key: str) -> None:
        with self._lock:
            for job in (self._running.get(key), self._waiting.pop(key, None)):
                if job is not None:
                    job.cancel()

    def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel every job and wait (up to `timeout` s in all) for the running ones to notice."""
        with self._lock:
            for job in self._waiting.values():
                job.cancel()
            self._waiting.clear()
            running = list(self._running.values())
        for job in running:
            job.cancel()
        for job in running:
            if job.thread is not None:
                job.thread.join(timeout)
                if job.thread.is_alive():
                    log.warning("the file job %s did not stop within %.0f s", job.key, timeout)

    def _start(self, job: FileJob) -> None:
        job.thread = threading.Thread(target=self._run, args=(job,), name=f"studydesk-files-{job.key}", daemon=True)
        job.thread.start()

    def _run(self, job: FileJob) -> None:
        result: object = None
        error: str | None = None
        try:
            result = job.fn(job)
        except Exception as exc:  # a job's failure is reported to its page, never raised into the void
            if not isinstance(exc, (OSError, ValueError, RuntimeError)):
                log.error("file job %s failed:\n%s", job.key, traceback.format_exc())
            error = one_line(exc)
        with self._lock:
            if self._running.get(job.key) is job:
                del self._running[job.key]
                nxt = self._waiting.pop(job.key, None)
                if nxt is not None:
                    self._running[job.key] = nxt
                    self._start(nxt)
        try:
            self._sig_done.emit(job, result, error)
        except RuntimeError:  # the service itself is gone (the app is closing)
            pass

    @staticmethod
    def _alive(job: FileJob) -> bool:
        return not job.cancelled and (job.owner is None or shiboken6.isValid(job.owner))

    @Slot(object, object, object)
    def _deliver(self, job: FileJob, result: object, error: str | None) -> None:
        if not self._alive(job):
            return
        if error is None:
            job.on_result(result)
        elif job.on_error is not None:
            job.on_error(error)
        else:
            log.warning("file job %s failed: %s", job.key, error)

    @Slot(object, object)
    def _deliver_progress(self, job: FileJob, value: tuple[int, int]) -> None:
        if self._alive(job) and job.on_progress is not None:
            job.on_progress(*value)
