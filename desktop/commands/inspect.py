"""`studydesk attention`, `studydesk lens` and `studydesk surprisal`: the "Inside the model" page, headless.

Each evaluates the text in one batch on the loaded model through llama.cpp's graph callback
(desktop/core/llm/inspect.py) and prints the same numbers the page shows; `--json` prints the documented JSON.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli import CliError, print_json

if TYPE_CHECKING:
    from desktop.core.llm.engine import Engine

MAX_TOP = 100


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", metavar="PATH", help="a GGUF file (default: the bundled Gemma 3 270M)")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for llama.cpp (default: automatic)")
    p.add_argument("--json", action="store_true", help="print JSON")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("attention", help="every layer's and head's attention weights for a prompt")
    p.add_argument("--prompt", required=True, help="the text to look inside (<bos> is added)")
    _common(p)
    p.set_defaults(func=run_attention)

    p = sub.add_parser("lens", help="the logit lens: what each layer would predict at one position")
    p.add_argument("--prompt", required=True, help="the text to look inside (<bos> is added)")
    p.add_argument("--position", type=int, default=None, metavar="I",
                   help="token position, 0 = <bos> (default: the last); the lens at I predicts the token after it")
    p.add_argument("--top", type=int, default=5, metavar="N", help=f"tokens per layer, 1-{MAX_TOP} (default 5)")
    _common(p)
    p.set_defaults(func=run_lens)

    p = sub.add_parser("surprisal", help="how surprised the model is by each token of a text (bits)")
    p.add_argument("--text", required=True, help="the text to score (<bos> is added)")
    _common(p)
    p.set_defaults(func=run_surprisal)


def _tokens(engine: Engine, text: str) -> list[int]:
    from desktop.core.llm.inspect import MAX_TOKENS, fit_tokens

    tokens, cut = fit_tokens(engine.tokenize(text))
    if cut:
        print(f"note: the text was {len(tokens) + cut:,} tokens; only the first {MAX_TOKENS} are inspected",
              file=sys.stderr)
    return tokens


def _need_text(value: str, flag: str) -> None:
    if not value.strip():
        raise CliError(f"{flag} is empty: give a text, e.g. {flag} \"The capital of France is\"")


def _run(fn):  # noqa: ANN001, ANN202
    """Map the inspector's failures to `error: …` (exit 2)."""
    from desktop.core.llm.inspect import CaptureError, InspectUnavailable

    try:
        return fn()
    except (CaptureError, InspectUnavailable, ValueError) as exc:
        raise CliError(str(exc)) from exc


def run_attention(args: argparse.Namespace) -> int:
    from desktop.commands.model import load_engine
    from desktop.core.llm.inspect import capture
    from desktop.core.llm.inspect_report import attention_report

    _need_text(args.prompt, "--prompt")
    engine = load_engine(args.model, args.threads)
    try:
        def work() -> dict:
            cap = capture(engine, _tokens(engine, args.prompt), outputs="last", hidden=False)
            return attention_report(engine, cap)

        data = _run(work)
    finally:
        engine.close()
    if args.json:
        print_json(data)
        return 0
    texts = [t["text"] for t in data["tokens"]]
    print(f"{data['model']}: {data['layers']} layers × {data['heads']} heads ({data['kv_heads']} key/value heads), "
          f"{len(texts)} tokens")
    for layer, heads in enumerate(data["weights"]):
        avg = [sum(h[-1][k] for h in heads) / len(heads) for k in range(len(texts))]
        best = sorted(range(len(texts)), key=lambda k: -avg[k])[:3]
        looks = ", ".join(f"{texts[k]!r} {avg[k]:.2f}" for k in best)
        print(f"layer {layer:>2} ({data['layer_kinds'][layer]:>7}): the last token looks at {looks}")
    return 0


def run_lens(args: argparse.Namespace) -> int:
    from desktop.commands.model import load_engine
    from desktop.core.llm.inspect import capture, lens_at
    from desktop.core.llm.inspect_report import lens_report

    _need_text(args.prompt, "--prompt")
    if not 1 <= args.top <= MAX_TOP:
        raise CliError(f"--top must be between 1 and {MAX_TOP} (got {args.top})")
    engine = load_engine(args.model, args.threads)
    try:
        def work() -> dict:
            tokens = _tokens(engine, args.prompt)
            position = len(tokens) - 1 if args.position is None else args.position
            if not 0 <= position < len(tokens):
                raise ValueError(f"--position must be between 0 and {len(tokens) - 1} for this prompt "
                                 f"({len(tokens)} tokens with <bos>), not {position}")
            cap = capture(engine, tokens, outputs=[position], attention=False)
            return lens_report(engine, lens_at(engine, cap, position, args.top))

        data = _run(work)
    finally:
        engine.close()
    if args.json:
        print_json(data)
        return 0
    final = data["final"]
    print(f"position {data['position']} ({data['token']['text']!r}); the model predicts {final['text']!r} "
          f"(p {final['p']:.3f})")
    for layer in data["layers"]:
        tops = ", ".join(f"{t['text']!r} {t['p']:.3f}" for t in layer["top"])
        print(f"layer {layer['layer']:>2}: final rank {layer['final_rank']:>7,}  p {layer['final_p']:.4f}  │ {tops}")
    return 0


def run_surprisal(args: argparse.Namespace) -> int:
    from desktop.commands.model import load_engine
    from desktop.core.llm.inspect import surprisal
    from desktop.core.llm.inspect_report import surprisal_report

    _need_text(args.text, "--text")
    engine = load_engine(args.model, args.threads)
    try:
        data = _run(lambda: surprisal_report(engine, surprisal(engine, _tokens(engine, args.text))))
    finally:
        engine.close()
    if args.json:
        print_json(data)
        return 0
    for t in data["tokens"]:
        print(f"{t['text']!r:>20}  p {t['p']:.4f}  {t['bits']:6.2f} bits")
    print(f"mean {data['mean_bits']:.2f} bits per token · perplexity {data['perplexity']:.2f}")
    return 0
