"""Trying a model file in a child process before this process loads it.

llama.cpp aborts the whole process (GGML_ASSERT, std::bad_alloc, a segfault) on some malformed files that its own
checks let through — a NaN RMS epsilon loads, then kills the process on the first token. So a file never loaded
before is first loaded in a child Python process, which evaluates one token and exits; only when that works does
the app load it itself. The verdict is remembered by path, size and modification time (a JSON file in the cache
folder), so each file is tried once. A failing file is reported with llama.cpp's own reason (the child prints
llama.cpp's log to its stderr as it goes, so even an abort leaves the reason behind).

The default model, verified by its sha256 when it was assembled, is trusted without a trial.

Run as `python -m desktop.core.llm.probe PATH [--threads N] [--gpu-layers N]` (the child side).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.llm.engine import Engine, LoadOptions

VERDICTS_FILE = "model-verdicts.json"
PROBE_TIMEOUT_S = 600.0  # a big model on a slow disk can take minutes to load
PROBE_CONTEXT = 256
_MAX_VERDICTS = 200
_OK_LINE = "STUDYDESK-PROBE-OK"
_REASON_PREFIX = "STUDYDESK-PROBE-REFUSED "


class ModelRefused(RuntimeError):
    """The file failed its trial load in a child process; the message names the file and llama.cpp's reason."""


class ProbeCancelled(Exception):
    """A newer request replaced this trial load."""


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""
    # False when the failure may not be the file's fault (a timeout, the process killed from outside, memory):
    # such a verdict is not remembered, so the file is tried again next time.
    lasting: bool = True


def file_key(path: Path, vocab_only: bool = False) -> str:
    st = Path(path).stat()
    return f"{Path(path).resolve()}|{st.st_size}|{st.st_mtime_ns}" + ("|vocab" if vocab_only else "")


def _is_trusted(path: Path) -> bool:
    from desktop.core.llm.catalog import DEFAULT_MODEL, is_verified_file

    try:
        real = Path(path).resolve()  # a link to the verified default model is that model
    except OSError:
        return False
    return is_verified_file(real, DEFAULT_MODEL)


def _read_verdicts(cache_dir: Path) -> dict[str, dict]:
    try:
        data = json.loads((cache_dir / VERDICTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_verdict(cache_dir: Path, key: str, verdict: Verdict) -> None:
    data = _read_verdicts(cache_dir)
    data.pop(key, None)
    data[key] = {"ok": verdict.ok, "reason": verdict.reason}
    while len(data) > _MAX_VERDICTS:
        data.pop(next(iter(data)))
    target = cache_dir / VERDICTS_FILE
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass  # not remembering only means trying the file again next time


def remembered_verdict(path: Path, cache_dir: Path, vocab_only: bool = False) -> Verdict | None:
    try:
        key = file_key(path, vocab_only)
    except OSError:
        return None
    raw = _read_verdicts(cache_dir).get(key)
    if not isinstance(raw, dict):
        return None
    return Verdict(bool(raw.get("ok")), str(raw.get("reason", "")))  # only lasting verdicts are stored


def _reason_from(stderr: str, returncode: int) -> str:
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for line in reversed(lines):
        if line.startswith(_REASON_PREFIX):
            return line.removeprefix(_REASON_PREFIX)
    for words in (("GGML_ASSERT", "GGML_ABORT", "terminate called", "what():"), ("error",), ("failed",)):
        for line in reversed(lines):
            if any(w.lower() in line.lower() for w in words):
                # "/path/to/ggml.c:1234: GGML_ASSERT(x) failed" -> "GGML_ASSERT(x) failed"
                for marker in ("GGML_ASSERT", "GGML_ABORT"):
                    if marker in line:
                        line = line[line.index(marker):]
                return line.removeprefix("llama_model_load: ").removeprefix("error loading model: ")
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"llama.cpp crashed ({name}) without saying why"
    return f"the trial load ended with exit status {returncode} without a reason"


def probe_model(
    path: Path,
    n_threads: int | None = None,
    n_gpu_layers: int = 0,
    timeout: float = PROBE_TIMEOUT_S,
    should_cancel: Callable[[], bool] = lambda: False,
    header_check: bool = True,
    vocab_only: bool = False,
) -> Verdict:
    """Load `path` and evaluate one token in a child process. Never raises for a bad file: returns the verdict.
    Raises ProbeCancelled when should_cancel() turns true while the child runs (the child is killed).
    header_check=False hands the file to llama.cpp without our header checks (to see what llama.cpp itself does)."""
    cmd = [sys.executable, "-m", "desktop.core.llm.probe", str(path), "--gpu-layers", str(int(n_gpu_layers))]
    if n_threads:
        cmd += ["--threads", str(int(n_threads))]
    if not header_check:
        cmd.append("--no-header-check")
    if vocab_only:
        cmd.append("--vocab-only")
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[3])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8:backslashreplace"
    env["GGML_NO_BACKTRACE"] = "1"  # an assert would otherwise attach gdb to print a backtrace nobody reads
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                env=env)
    except OSError as exc:
        return Verdict(False, f"the trial load could not start ({exc.strerror or exc})", lasting=False)
    deadline = time.monotonic() + timeout
    while True:
        try:
            out, err = proc.communicate(timeout=0.1)
            break
        except subprocess.TimeoutExpired:
            if should_cancel():
                proc.kill()
                proc.communicate()
                raise ProbeCancelled from None
            if time.monotonic() > deadline:
                proc.kill()
                proc.communicate()
                return Verdict(False, f"loading did not finish within {timeout:.0f} s", lasting=False)
    stdout = out.decode("utf-8", "replace")
    stderr = err.decode("utf-8", "replace")
    if proc.returncode == 0 and _OK_LINE in stdout:
        return Verdict(True)
    reason = _reason_from(stdout + "\n" + stderr, proc.returncode)
    killed = proc.returncode == -getattr(signal, "SIGKILL", 9)  # e.g. the out-of-memory killer
    memory = any(w in reason.lower() for w in ("alloc", "out of memory", "bad_alloc"))
    return Verdict(False, reason, lasting=not (killed or memory))


def check_loadable(
    path: Path,
    cache_dir: Path,
    n_threads: int | None = None,
    n_gpu_layers: int = 0,
    should_cancel: Callable[[], bool] = lambda: False,
    vocab_only: bool = False,
    on_trial: Callable[[], None] | None = None,
) -> None:
    """Return when `path` is known to load (trusted, remembered, or a trial load now succeeds); raise ModelRefused
    naming the file and the reason otherwise. A refused file is remembered too, so it is not tried again until
    it changes. vocab_only tries just its tokenizer."""
    path = Path(path)
    if _is_trusted(path):
        return
    known = remembered_verdict(path, cache_dir, vocab_only)
    if known is None:
        try:
            key = file_key(path, vocab_only)
        except OSError as exc:
            raise ModelRefused(f"{path}: cannot be read ({exc.strerror or exc})") from exc
        if on_trial is not None:
            on_trial()
        known = probe_model(path, n_threads, n_gpu_layers, should_cancel=should_cancel, vocab_only=vocab_only)
        if known.ok or known.lasting:
            _write_verdict(cache_dir, key, known)
    if not known.ok:
        raise ModelRefused(f"{path}: llama.cpp cannot run this file ({known.reason})")


def load_checked(
    path: Path,
    options: LoadOptions,
    cache_dir: Path,
    vocab_only: bool = False,
    should_cancel: Callable[[], bool] = lambda: False,
    on_trial: Callable[[], None] | None = None,
) -> Engine:
    """Engine.load after the header checks and, for a file never loaded before, a trial load in a child process
    (`on_trial` is called when one starts: a first load takes about twice as long). Raises GGUFError,
    ModelRefused, ModelLoadError or ProbeCancelled."""
    from desktop.core.llm.engine import Engine
    from desktop.core.llm.gguf_info import inspect_gguf

    path = Path(path).expanduser()
    inspect_gguf(path)  # a bad header is refused here, with its own message, before any trial
    check_loadable(path, cache_dir, options.n_threads, options.n_gpu_layers, should_cancel, vocab_only, on_trial)
    return Engine.load(path, options, vocab_only=vocab_only)


# ---- the child side ---------------------------------------------------------------------------------------------

def _child(argv: list[str]) -> int:
    import argparse
    import ctypes

    parser = argparse.ArgumentParser(prog="probe")
    parser.add_argument("path")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--gpu-layers", type=int, default=0)
    parser.add_argument("--no-header-check", action="store_true")
    parser.add_argument("--vocab-only", action="store_true")
    args = parser.parse_args(argv)

    import llama_cpp

    from desktop.core.llm import engine as engine_module
    from desktop.core.llm.engine import Engine, LoadOptions, ModelLoadError
    from desktop.core.llm.gguf_info import GGUFError

    @llama_cpp.llama_log_callback
    def to_stderr(level: int, text: bytes, _user: ctypes.c_void_p) -> None:
        if level in (3, 4):  # warnings and errors, written at once: an abort may follow
            line = text.decode("utf-8", "replace").rstrip()
            if line:
                engine_module._LOG_LINES.append(line.strip())
                sys.stderr.write(line + "\n")
                sys.stderr.flush()

    llama_cpp.llama_log_set(to_stderr, ctypes.c_void_p(0))
    engine_module._log_installed = True  # keep this callback; Engine.load would install its own
    if args.no_header_check:  # only this short-lived child: let llama.cpp see the values we would refuse
        from desktop.core.llm import gguf_info

        gguf_info._check_hyperparameters = lambda *_args: None
    try:
        options = LoadOptions(n_ctx=PROBE_CONTEXT, n_threads=args.threads, n_gpu_layers=args.gpu_layers)
        engine = Engine.load(Path(args.path), options, vocab_only=args.vocab_only)
        if args.vocab_only:
            for token_id in engine.tokenize("Olá, mundo! 123", add_bos=True):
                engine.piece(token_id)
        else:
            first = engine.bos_token_id if engine.bos_token_id is not None and engine.bos_token_id >= 0 else 0
            engine.next_logits([first])
        engine.close()
    except (GGUFError, ModelLoadError, ValueError, RuntimeError, OSError, MemoryError) as exc:
        text = " ".join(str(exc).split()).removeprefix(f"{args.path}: ")
        sys.stderr.write(_REASON_PREFIX + text + "\n")
        return 1
    sys.stdout.write(_OK_LINE + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1:]))
