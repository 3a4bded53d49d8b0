"""Benchmark of the model runtime on this machine; prints JSON (timings never decide a test).

- load_s: Engine.load of the default model; prompt_eval_ms: a 6-token prompt from an empty cache (median of 5);
  tokens_per_s: greedy generation of 64 tokens through Engine.stream (one next_logits per token);
- rss_mb_engine: resident memory of this process with the model loaded (core only);
- rss_mb_app: a second process with the whole app (window shown offscreen, model loaded on the model thread),
  against the DESIGN.md budget of 600 MB.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_model.py [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

APP_SCRIPT = r"""
import json, sys, time
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.app import create_context, create_window
from desktop.core.paths import app_paths
ctx = create_context(app_paths())
window = create_window(ctx)
window.show()
t0 = time.perf_counter()
ctx.model.load()
loop = QEventLoop()
ctx.model.sig_loaded.connect(lambda _i: loop.quit())
ctx.model.sig_load_failed.connect(lambda m: (print(m, file=sys.stderr), loop.quit()))
QTimer.singleShot(120_000, loop.quit)
loop.exec()
ready = time.perf_counter() - t0
for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        rss = int(line.split()[1]) / 1024
print(json.dumps({"rss_mb": round(rss, 1), "model_ready_s": round(ready, 3)}))
window.close()
ctx.model.shutdown()
"""


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    # A throwaway home (unless one is set), so benchmarking never writes into the student's own data folder.
    os.environ.setdefault("STUDYDESK_HOME", tempfile.mkdtemp(prefix="studydesk-bench-"))

    from desktop.core.llm.catalog import default_model_path
    from desktop.core.llm.engine import Engine, LoadOptions, gpu_offload_supported
    from desktop.core.paths import app_paths

    paths = app_paths()
    paths.ensure()
    t0 = time.perf_counter()
    path = default_model_path(paths.models_dir)
    prepare_s = time.perf_counter() - t0
    rss_before = rss_mb()
    engine = Engine.load(path, LoadOptions(n_threads=args.threads))
    rss_loaded = rss_mb()

    prompt = engine.tokenize("The capital of France is")
    evals = []
    for _ in range(5):
        engine.next_logits([engine.bos_token_id])  # keep only <bos> cached: the rest is evaluated again
        start = time.perf_counter()
        engine.next_logits(prompt)
        evals.append(time.perf_counter() - start)

    n_new = 64
    start = time.perf_counter()
    steps = list(engine.stream(prompt, lambda lg: int(np.argmax(lg)), n_new))
    gen_s = time.perf_counter() - start
    rss_after_gen = rss_mb()
    engine.close()

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    app = subprocess.run([sys.executable, "-c", APP_SCRIPT], capture_output=True, text=True, env=env,
                         cwd=str(Path(__file__).resolve().parents[2]), timeout=300)
    app_data = json.loads(app.stdout.strip().splitlines()[-1]) if app.returncode == 0 and app.stdout.strip() else {
        "error": app.stderr.strip()[-300:]}

    print(json.dumps({
        "model": str(path),
        "threads": engine.n_threads,
        "gpu_offload_supported": gpu_offload_supported(),
        "prepare_default_model_s": round(prepare_s, 3),
        "load_s": round(engine.load_seconds, 3),
        "prompt_tokens": len(prompt),
        "prompt_eval_ms_median": round(1000 * statistics.median(evals), 2),
        "generated_tokens": len(steps),
        "tokens_per_s": round(len(steps) / gen_s, 2),
        "rss_mb_before_load": round(rss_before, 1),
        "rss_mb_engine": round(rss_loaded, 1),
        "rss_mb_engine_after_generation": round(rss_after_gen, 1),
        "rss_mb_app": app_data.get("rss_mb"),
        "app_model_ready_s": app_data.get("model_ready_s"),
        "app_error": app_data.get("error"),
        "rss_budget_mb": 600,
    }, indent=2))


if __name__ == "__main__":
    main()
