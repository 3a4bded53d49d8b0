"""Benchmark of the server backend on this machine; prints JSON (timings never decide a test).

Starts llama-cpp-python's server (`python -m llama_cpp.server`) with the default model on 127.0.0.1 and compares,
for the same prompts (each new to both, so neither reuses a cached prefix):

- local_ms: a local next-token call (Engine.next_logits + the sampler chain over the whole vocabulary);
- server_ms: a lab request to the server (ServerClient.top_tokens for the top 20 + the top-N chain), measured by us;
- client_overhead_ms: what the app itself adds to a request (HTTP round trip on loopback, JSON parsing, the
  top-N chain), measured against a stub server that answers a recorded response at once;
- server_own_ms: server_ms minus that overhead: the server's own time (llama-cpp-python's server sorts the whole
  vocabulary in Python for logprobs, ../shared/FACTS.md);
- gui_stall_ms: the longest gap between 10 ms timer ticks on the GUI thread while the Connect dialog checks a
  server that takes 1.5 s to answer (budget 50 ms).

DESIGN.md budget: a lab request to a local server ≤ 2× a local next-token call plus the server's own time.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_server.py
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

PROMPTS = [f"Question {i}: the capital of France is" for i in range(7)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    os.environ.setdefault("STUDYDESK_HOME", tempfile.mkdtemp(prefix="studydesk-bench-"))
    from desktop.core.llm.catalog import default_model_path
    from desktop.core.llm.engine import Engine, LoadOptions
    from desktop.core.llm.server import ServerClient, ServerError
    from desktop.core.paths import app_paths
    from desktop.core.sampling import SamplerSettings, next_token_distribution
    from desktop.core.topn import topn_distribution
    from tests.server_stub import StubServer, recorded, slow

    model = default_model_path(app_paths().models_dir)
    settings = SamplerSettings()
    engine = Engine.load(model, LoadOptions(n_ctx=1024, n_threads=1))
    local = []
    for prompt in PROMPTS:
        t0 = time.perf_counter()
        next_token_distribution(engine.next_logits(engine.tokenize(prompt)), settings, [], top_n=20)
        local.append((time.perf_counter() - t0) * 1000)
    engine.close()

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port",
         str(port), "--n_threads", "1", "--n_ctx", "1024"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        client = ServerClient(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 90
        while True:
            try:
                client.check()
                break
            except ServerError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        remote = []
        for prompt in PROMPTS:
            t0 = time.perf_counter()
            top = client.top_tokens(prompt, 20)
            topn_distribution([t.p for t in top.tokens], settings)
            remote.append((time.perf_counter() - t0) * 1000)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)

    with StubServer(recorded("vllm")) as stub:
        stub_client = ServerClient(stub.url)
        stub_client.check()
        overhead = []
        for prompt in PROMPTS:
            t0 = time.perf_counter()
            top = stub_client.top_tokens(prompt, 20)
            topn_distribution([t.p for t in top.tokens], settings)
            overhead.append((time.perf_counter() - t0) * 1000)

    routes = dict(recorded("vllm"))
    routes["GET /props"] = slow(1.5, (404, {}))
    with StubServer(routes) as stub:
        stall = _gui_stall(stub.url)

    local_ms, server_ms, client_ms = (statistics.median(x) for x in (local, remote, overhead))
    server_own = max(0.0, server_ms - client_ms)
    print(json.dumps({
        "local_ms": round(local_ms, 1),
        "server_ms": round(server_ms, 1),
        "client_overhead_ms": round(client_ms, 2),
        "server_own_ms": round(server_own, 1),
        "budget_ms": round(2 * local_ms + server_own, 1),
        "within_budget": server_ms <= 2 * local_ms + server_own,
        "gui_stall_ms": round(stall, 1),
    }, indent=2))


def _gui_stall(url: str) -> float:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_context
    from desktop.core.paths import app_paths
    from desktop.ui.server_dialog import ServerDialog

    app = QApplication.instance() or QApplication([])
    ctx = create_context(app_paths())
    dialog = ServerDialog(ctx)
    dialog.url.setText(url)
    dialog.show()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    dialog.check_button.click()
    deadline = time.monotonic() + 10
    while not dialog.use_button.isEnabled() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    ctx.model.shutdown()
    ctx.db.close()
    gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)]
    return max(gaps) if gaps else 0.0


if __name__ == "__main__":
    main()
