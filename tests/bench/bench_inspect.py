"""Benchmark of "Inside the model" on this machine; prints JSON (timings never decide a test).

- capture_overhead: one decode of a 32-token prompt in a fresh inspect context, with the graph callback copying
  every layer's attention and output, against the same decode without the callback (median of 7, interleaved);
  plain_eval_ms is Engine.next_logits of the same prompt from an empty cache, for reference;
- attention_lens_ms: what the page does for a prompt (capture + logit lens at the last position), 32 tokens;
- lens_grid_ms: the lens for every layer × position of 32 tokens (capture with all outputs + grid);
- capture_mb_512: attention + layer outputs kept for a 512-token prompt, and the resident memory they add;
- gui_ms_512: the GUI thread's work for a layer of a 512-token prompt (map, heads strip, head view), offscreen.

Budgets (DESIGN.md / issue #13): overhead ≤ 10 %, attention+lens ≤ 300 ms, grid ≤ 2 s, captures ≤ 100 MB, GUI ≤ 50 ms.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_inspect.py [--threads N]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

PROMPT = ("The student wrote that encoders, decoders and self-attention were still hard to explain, so the lesson "
          "shows the real attention of the model she runs on her own laptop today")


def rss_mb() -> float:
    """Resident memory now (not the peak), from /proc."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()

    import llama_cpp

    from desktop.core.llm import inspect as insp
    from desktop.core.llm.catalog import default_model_path
    from desktop.core.llm.engine import Engine, LoadOptions
    from desktop.core.llm.inspect_report import inspect_prompt
    from desktop.core.paths import app_paths

    paths = app_paths()
    paths.ensure()
    engine = Engine.load(default_model_path(paths.models_dir), LoadOptions(n_threads=args.threads))
    tokens = engine.tokenize(PROMPT)[:32]
    text = engine.detokenize(tokens[1:])
    insp.output_head(engine)  # map the output matrix once, as the page does on its first view

    def plain() -> float:
        ctx = insp._context(engine, insp._padded(len(tokens)), insp._padded(len(tokens)), None)
        try:
            t = time.perf_counter()
            insp._decode(ctx, tokens, 0, [len(tokens) - 1])
            return time.perf_counter() - t
        finally:
            llama_cpp.llama_free(ctx)

    def captured() -> float:
        return insp.capture(engine, tokens).decode_seconds

    def engine_eval() -> float:
        engine.next_logits([engine.bos_token_id, 3])  # a different prefix: the next call evaluates from scratch
        t = time.perf_counter()
        engine.next_logits(tokens)
        return time.perf_counter() - t

    plain(), captured()  # warm-up
    p, c, e = [], [], []
    for _ in range(7):
        p.append(plain())
        c.append(captured())
        e.append(engine_eval())
    overhead = statistics.median(c) / statistics.median(p) - 1

    att = []
    for _ in range(5):
        t = time.perf_counter()
        inspect_prompt(engine, text)
        att.append(time.perf_counter() - t)

    grid = []
    for _ in range(3):
        t = time.perf_counter()
        cap = insp.capture(engine, tokens, outputs="all", attention=False)
        insp.lens_grid(engine, cap)
        grid.append(time.perf_counter() - t)

    long_tokens = engine.tokenize(" ".join([PROMPT] * 20))[: insp.MAX_TOKENS]
    before = rss_mb()
    t = time.perf_counter()
    cap512 = insp.capture(engine, long_tokens)
    seconds_512 = time.perf_counter() - t
    kept_growth = rss_mb() - before

    gui_ms = None
    try:
        from PySide6.QtCore import QRect
        from PySide6.QtWidgets import QApplication

        from desktop.ui.inside.attention_view import HeadsStrip, HeadView, HeatmapView

        app = QApplication.instance() or QApplication([])
        view, strip, head_view = HeatmapView(), HeadsStrip(), HeadView()
        view.resize(900, 700)
        strip.resize(400, 120)
        labels = [engine.piece(x) for x in long_tokens]
        samples = []
        for layer in range(5):
            t = time.perf_counter()
            heads = cap512.attention[layer]
            view.set_data(heads.mean(axis=0), labels, "")
            strip.set_layer(heads, 4, -1)
            head_view.set_data(heads, labels, -1, len(labels) - 1, 4)
            view.grab()
            strip.grab()
            head_view.grab(QRect(0, head_view.height() - 600, 320, 600))  # what its scroll area shows
            samples.append(time.perf_counter() - t)
        gui_ms = median_ms(samples)
        del app
    except ImportError:
        pass

    print(json.dumps({
        "threads": engine.n_threads,
        "prompt_tokens": len(tokens),
        "plain_decode_ms": median_ms(p),
        "captured_decode_ms": median_ms(c),
        "capture_overhead_pct": round(overhead * 100, 1),
        "plain_eval_ms": median_ms(e),
        "attention_lens_ms": median_ms(att),
        "lens_grid_ms": median_ms(grid),
        "capture_512_tokens": len(long_tokens),
        "capture_512_s": round(seconds_512, 2),
        "capture_mb_512": round(cap512.nbytes() / 1e6, 1),
        "rss_growth_mb_512": round(kept_growth, 1),
        "gui_ms_512": gui_ms,
    }, indent=2))
    engine.close()


if __name__ == "__main__":
    main()
