"""Benchmark of the Sampling lab in server mode; prints JSON (timings never decide a test).

A stub server (tests/server_stub.py) answers llama-server's recorded response, after `--delay` seconds per request
(a slow server), so this measures only what the app does:

- slider_to_repaint_*: in the real LabPage offscreen, a slider value set → the top-N chain recomputed → chart
  repainted (DESIGN.md budget ≤ 16 ms; no request is sent);
- gui_stall_max_ms: the longest gap between 5 ms timer ticks on the GUI thread while the page generates
  `--tokens` tokens, one request each, from the slow server (budget 50 ms).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_lab_server.py [--delay 0.5] [--tokens 4]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.5, help="seconds the stub server takes per request")
    parser.add_argument("--tokens", type=int, default=4)
    args = parser.parse_args()
    os.environ.setdefault("STUDYDESK_HOME", tempfile.mkdtemp(prefix="studydesk-bench-"))

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_context
    from desktop.core.llm.server import ServerClient
    from desktop.core.paths import app_paths
    from desktop.ui.lab import LabPage
    from tests.server_stub import StubServer, recorded, slow

    app = QApplication.instance() or QApplication(sys.argv)
    ctx = create_context(app_paths())

    def wait_until(cond, timeout_ms: int = 60_000) -> None:
        clock = time.monotonic()
        while not cond():
            loop = QEventLoop()
            QTimer.singleShot(5, loop.quit)
            loop.exec()
            if (time.monotonic() - clock) * 1000 > timeout_ms:
                raise TimeoutError("the lab did not answer")

    routes = dict(recorded("llama-server"))
    with StubServer(routes) as stub:
        client = ServerClient(stub.url)
        client.check()
        page = LabPage(ctx)
        page.resize(1100, 780)
        page.show()
        ctx.model.use_server(client)
        wait_until(lambda: page.server_lab.dist is not None)

        times: list[float] = []
        asked = len(stub.requests)
        for slider in (page.controls.temperature.slider, page.controls.top_k.slider, page.controls.top_p.slider,
                       page.controls.min_p.slider):
            original = slider.value()
            for value in range(slider.minimum(), slider.maximum() + 1,
                               max(1, (slider.maximum() - slider.minimum()) // 40)):
                start = time.perf_counter()
                slider.setValue(value)
                page.chart.viewport().repaint()
                times.append((time.perf_counter() - start) * 1000)
            slider.setValue(original)
        requests_for_sliders = len(stub.requests) - asked

        routes["POST /completion"] = slow(args.delay, routes["POST /completion"])  # type: ignore[arg-type]
        page.controls.set_run_options(max_new_tokens=args.tokens, seed=11)
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(tick)
        ticker.start()
        start = time.perf_counter()
        page.generate()
        wait_until(lambda: not page.is_busy)
        seconds = time.perf_counter() - start
        ticker.stop()
        n = len(page.generated())
        page.shutdown()
        ctx.model.shutdown()
    ctx.db.close()
    times.sort()
    print(json.dumps({
        "slider_to_repaint_samples": len(times),
        "slider_to_repaint_p50_ms": round(statistics.median(times), 2),
        "slider_to_repaint_p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "requests_during_slider_moves": requests_for_sliders,
        "server_delay_s": args.delay,
        "generated_tokens": n,
        "generation_seconds": round(seconds, 2),
        "gui_stall_max_ms": round(max(gaps) - 5, 1) if gaps else None,
        "budgets": {"slider_to_repaint_p95_ms": 16.0, "gui_stall_max_ms": 50.0},
        "_app": app is not None,
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
