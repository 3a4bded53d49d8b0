"""`studydesk next-token` and `studydesk generate`: the sampling lab without the window.

Both run the same sampler chain as the lab (desktop/core/sampling.py, llama.cpp's order and rules) on the real
model; settings outside the lab's ranges are refused with `error: …` and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from desktop.cli import CliError, print_json
from desktop.commands.model import load_engine
from desktop.commands.server import add_server_options, open_server
from desktop.core.sampling import (
    SamplerSettings,
    SettingsError,
    fit_prompt,
    generate_tokens,
    next_token_distribution,
)

if TYPE_CHECKING:
    from desktop.core.llm.engine import Engine

DEFAULTS = SamplerSettings()
DEFAULT_SEED = 1234
MAX_TOP = 200
MAX_NEW_TOKENS = 2048
EMPTY_PROMPT = 'the prompt is empty: give the text to continue, e.g. --prompt "The capital of France is"'


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument("--prompt", required=True, help="the text the model continues")
    p.add_argument("--model", metavar="PATH", help="a GGUF file (default: the bundled Gemma 3 270M)")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for llama.cpp (default: automatic)")


def _add_sampler(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("sampler (llama.cpp's defaults)")
    g.add_argument("--temperature", type=float, default=DEFAULTS.temperature, help="0-2; 0 = greedy (default 0.8)")
    g.add_argument("--top-k", type=int, default=DEFAULTS.top_k, help="0 = off, 1-200 (default 40)")
    g.add_argument("--top-p", type=float, default=DEFAULTS.top_p, help="0-1; 1 = off (default 0.95)")
    g.add_argument("--min-p", type=float, default=DEFAULTS.min_p, help="0-1; 0 = off (default 0.05)")
    g.add_argument("--repeat-penalty", type=float, default=DEFAULTS.repeat_penalty, help="1-2; 1 = off (default 1.0)")
    g.add_argument("--repeat-last-n", type=int, default=DEFAULTS.repeat_last_n, help="tokens the penalty looks back over")
    g.add_argument("--greedy", action="store_true", help="always take the most likely token")
    g.add_argument("--temperature-first", action="store_true", help="apply temperature before top-k/top-p/min-p")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("next-token", help="the model's next-token distribution before and after the samplers")
    _add_model(p)
    _add_sampler(p)
    p.add_argument("--top", type=int, default=20, metavar="N", help=f"how many tokens to list, 1-{MAX_TOP} (default 20)")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_server_options(p)
    p.set_defaults(func=run_next_token)

    p = sub.add_parser("generate", help="generate text with the lab's sampler and a fixed seed")
    _add_model(p)
    _add_sampler(p)
    p.add_argument("--max-new-tokens", type=int, default=32, metavar="N", help="at most N new tokens (default 32)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_server_options(p)
    p.set_defaults(func=run_generate)


def settings_from(args: argparse.Namespace) -> SamplerSettings:
    settings = SamplerSettings(
        temperature=args.temperature,
        top_k=args.top_k,
        top_p=args.top_p,
        min_p=args.min_p,
        repeat_penalty=args.repeat_penalty,
        repeat_last_n=args.repeat_last_n,
        greedy=args.greedy,
        temperature_first=args.temperature_first,
    )
    try:
        return settings.check()
    except SettingsError as exc:
        raise CliError(str(exc)) from exc


def prompt_tokens(engine: Engine, prompt: str, reserve: int) -> list[int]:
    """The prompt's tokens, cut from the left (keeping <bos>) so they and `reserve` new tokens fit the context.
    The callers refuse an empty prompt before loading the model."""
    tokens, cut = fit_prompt(engine.tokenize(prompt), engine.n_ctx, reserve, keep_first=engine.bos_token_id)
    if cut:
        print(
            f"note: the prompt was {len(tokens) + cut:,} tokens; the first {cut:,} were cut so it fits the "
            f"{engine.n_ctx:,}-token context",
            file=sys.stderr,
        )
    return tokens


def _check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise CliError(f"{name} must be between {low} and {high} (got {value})")


def run_next_token(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    _check_range("--top", args.top, 1, MAX_TOP)
    if not args.prompt.strip():
        raise CliError(EMPTY_PROMPT)
    if args.server:
        return _next_token_on_server(args, settings)
    engine = load_engine(args.model, args.threads)
    try:
        tokens = prompt_tokens(engine, args.prompt, reserve=1)
        logits = engine.next_logits(tokens)
        dist = next_token_distribution(logits, settings, tokens, top_n=args.top)
        rows = [
            {
                "id": r.id,
                "text": engine.piece(r.id),
                "logit": r.logit,
                "p_raw": r.p_raw,
                "p_final": r.p_final,
                "removed_by": r.removed_by,
            }
            for r in dist.top_rows()
        ]
    finally:
        engine.close()
    data = {"prompt_tokens": len(tokens), "vocab_size": dist.vocab_size, "kept": dist.kept, "tokens": rows}
    if args.json:
        print_json(data)
        return 0
    print(
        f"{len(tokens)} prompt tokens · kept {dist.kept:,} of {dist.vocab_size:,} · "
        f"mass kept {dist.mass_kept:.1%} · entropy {dist.entropy_before:.2f} → {dist.entropy_after:.2f} bits"
    )
    print(f"{'token':>18}  {'id':>7}  {'logit':>7}  {'p raw':>7}  {'p final':>7}  removed by")
    for row in rows:
        print(
            f"{row['text']!r:>18}  {row['id']:>7}  {row['logit']:7.2f}  {row['p_raw']:7.4f}  "
            f"{row['p_final']:7.4f}  {row['removed_by'] or ''}"
        )
    return 0


def run_generate(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    _check_range("--max-new-tokens", args.max_new_tokens, 1, MAX_NEW_TOKENS)
    _check_range("--seed", args.seed, 0, 0xFFFFFFFF)
    if not args.prompt.strip():
        raise CliError(EMPTY_PROMPT)
    if args.server:
        return _generate_on_server(args, settings)
    engine = load_engine(args.model, args.threads)
    try:
        tokens = prompt_tokens(engine, args.prompt, reserve=args.max_new_tokens)
        engine.next_logits(tokens)  # evaluate the prompt first, so the speed is the generation's alone
        start = time.perf_counter()
        out = list(generate_tokens(engine, tokens, settings, args.seed, args.max_new_tokens, alternatives=0))
        seconds = time.perf_counter() - start
    finally:
        engine.close()
    text = "".join(t.text for t in out)
    data = {
        "text": text,
        "tokens": [{"id": t.id, "text": t.text, "p": t.p} for t in out],
        "tokens_per_second": len(out) / seconds if seconds > 0 else 0.0,
    }
    if args.json:
        print_json(data)
    else:
        print(args.prompt + text)
        print(f"\n({len(out)} tokens, {data['tokens_per_second']:.1f} tokens/s, seed {args.seed})", file=sys.stderr)
    return 0



def _check_server_args(args: argparse.Namespace) -> None:
    if args.model:
        raise CliError("give either --model (a local file) or --server, not both")


def _next_token_on_server(args: argparse.Namespace, settings: SamplerSettings) -> int:
    """The same JSON as locally, on the server's top N: `tokens` holds what it listed, `kept_is_lower_bound`
    says when unlisted tokens may survive too, and `p_final_range` bounds a final probability that is not exact."""
    from desktop.core.llm.server import ServerError
    from desktop.core.topn import topn_distribution

    _check_server_args(args)
    client = open_server(args.server, args.api_key_env, args.timeout, args.server_model)
    info = client.info
    assert info is not None
    if args.top > info.max_top:
        raise CliError(f"--top: {info.url} ({info.kind}) returns at most {info.max_top} probabilities (got {args.top})")
    try:
        top = client.top_tokens(args.prompt, args.top)
        count = client.count_tokens(args.prompt)
    except ServerError as exc:
        raise CliError(str(exc)) from exc
    dist = topn_distribution([t.p for t in top.tokens], settings)
    rows = []
    for token, row in zip(top.tokens, dist.rows, strict=True):
        item = {"id": token.id, "text": token.text, "logit": token.logprob, "p_raw": row.p_raw,
                "p_final": row.p_final, "removed_by": row.removed_by}
        if not dist.final_exact and row.p_final > 0:
            item["p_final_range"] = [row.p_final_low, row.p_final_high]
        rows.append(item)
    data = {
        "server": info.url, "kind": info.kind, "model": client.model,
        "prompt_tokens": count, "vocab_size": None, "kept": dist.kept_listed,
        "kept_is_lower_bound": dist.reaches_unlisted, "rest_mass": top.rest_mass,
        "exact": dist.exact, "final_exact": dist.final_exact, "tokens": rows,
    }
    if args.json:
        print_json(data)
        return 0
    print(f"{info.url} ({info.kind}) · top {len(rows)} listed · rest of the vocabulary {top.rest_mass:.1%} · "
          f"kept {dist.kept_label}{'' if dist.final_exact else ' (final shares are ranges)'}")
    print(f"{'token':>18}  {'p raw':>7}  {'p final':>7}  removed by")
    for row in rows:
        print(f"{row['text']!r:>18}  {row['p_raw']:7.4f}  {row['p_final']:7.4f}  {row['removed_by'] or ''}")
    return 0


def _generate_on_server(args: argparse.Namespace, settings: SamplerSettings) -> int:
    from desktop.core.llm.server import ServerError, generate_over_server

    _check_server_args(args)
    client = open_server(args.server, args.api_key_env, args.timeout, args.server_model)
    start = time.perf_counter()
    try:
        out = list(generate_over_server(client, args.prompt, settings, args.seed, args.max_new_tokens))
    except ServerError as exc:
        raise CliError(str(exc)) from exc
    seconds = time.perf_counter() - start
    text = "".join(t.text for t in out)
    data = {
        "text": text,
        "tokens": [{"id": t.id, "text": t.text, "p": t.p, "kept": t.kept} for t in out],
        "tokens_per_second": len(out) / seconds if seconds > 0 else 0.0,
        "server": client.base_url,
    }
    if args.json:
        print_json(data)
    else:
        print(args.prompt + text)
        print(f"\n({len(out)} tokens from {client.base_url}, seed {args.seed})", file=sys.stderr)
    return 0
