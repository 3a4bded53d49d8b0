"""`studydesk model info [PATH] [--json]` and `studydesk model list [--json]`: the GGUF inspector and model
discovery, headless. Neither loads the weights."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli import CliError, print_json, user_path

if TYPE_CHECKING:
    from desktop.core.llm.engine import Engine


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("model", help="inspect GGUF model files and list the models found on this computer")
    msub = p.add_subparsers(dest="model_command", metavar="ACTION", required=True)
    info = msub.add_parser("info", help="what is inside a GGUF file (without loading it)")
    info.add_argument("path", nargs="?", help="a .gguf file (default: the default model)")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(func=run_info)
    lst = msub.add_parser("list", help="the GGUF models found: models folder, Hugging Face, LM Studio, Ollama")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=run_list)


def default_model() -> Path:
    """The default model, assembled from its package the first time (progress on stderr)."""
    from desktop.core.llm.catalog import ModelPackageMissing, default_model_path, is_default_model_ready
    from desktop.core.paths import DataDirError, app_paths

    paths = app_paths()
    try:
        paths.ensure()
        if not is_default_model_ready(paths.models_dir):
            print("preparing the default model (once)…", file=sys.stderr)
        return default_model_path(paths.models_dir)
    except (ModelPackageMissing, DataDirError, OSError) as exc:
        raise CliError(f"no default model: {exc}") from exc


def load_engine(model: str | None, threads: int | None = None, vocab_only: bool = False) -> Engine:
    """The model for a subcommand: --model PATH, else the default model. `vocab_only` loads just its tokenizer.
    A file never loaded before is tried in a child process first (desktop/core/llm/probe.py)."""
    from desktop.core.llm.engine import LoadOptions, ModelLoadError, max_threads
    from desktop.core.llm.gguf_info import GGUFError
    from desktop.core.llm.probe import ModelRefused, load_checked
    from desktop.core.paths import app_paths

    if threads is not None and not 1 <= threads <= max_threads():
        raise CliError(f"--threads must be between 1 and {max_threads()} on this computer (got {threads})")
    path = user_path(model, "--model") if model is not None else default_model()
    try:
        return load_checked(
            path, LoadOptions(n_threads=threads), app_paths().cache_dir, vocab_only=vocab_only,
            on_trial=lambda: print(f"trying {path.name} in a separate process first (once per file)…", file=sys.stderr),
        )
    except (GGUFError, ModelLoadError, ModelRefused) as exc:
        raise CliError(str(exc)) from exc


def run_info(args: argparse.Namespace) -> int:
    from desktop.core.llm.gguf_info import GGUFError, inspect_gguf

    path = user_path(args.path, "PATH") if args.path is not None else default_model()
    try:
        info = inspect_gguf(path)
    except GGUFError as exc:
        raise CliError(str(exc)) from exc
    data = info.to_json()
    if args.json:
        print_json(data)
        return 0
    rows = [
        ("file", data["path"]),
        ("architecture", info.architecture),
        ("name", info.name or "—"),
        ("size label", info.size_label or "—"),
        ("file type", info.file_type or "—"),
        ("parameters", f"{info.parameters:,}"),
        ("file size", f"{info.file_bytes:,} bytes ({info.file_bytes / 1e6:,.1f} MB)"),
        ("bits per weight", f"{info.bits_per_weight:.2f}"),
        ("context length", _n(info.context_length)),
        ("vocabulary", _n(info.vocab_size)),
        ("layers", _n(info.layers)),
        ("heads / KV heads", f"{_n(info.heads)} / {_n(info.kv_heads)}"),
        ("head dim", _n(info.head_dim)),
        ("embedding length", _n(info.embedding_length)),
        ("chat template", "yes" if info.has_chat_template else "no"),
        ("license", info.license or "—"),
    ]
    for key, value in rows:
        print(f"{key:17} {value}")
    print("tensor types:")
    for name, share in info.tensor_types.items():
        pct = 100 * share.parameters / info.parameters if info.parameters else 0
        print(f"  {name:8} {share.count:4} tensors  {share.parameters:>14,} parameters  {pct:5.1f}%")
    return 0


def _n(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def run_list(args: argparse.Namespace) -> int:
    from desktop.core.llm.discovery import discover_models
    from desktop.core.paths import app_paths

    items = discover_models(app_paths().models_dir)
    data = [
        {"path": str(m.path), "label": m.label, "source": m.source, "size_bytes": m.size_bytes, "exists": m.exists}
        for m in items
    ]
    if args.json:
        print_json(data)
    else:
        for m in items:
            size = f"{m.size_bytes / 1e6:,.0f} MB" if m.size_bytes is not None else "not assembled yet"
            print(f"{m.source:18} {m.label}  ({size})\n{'':18} {m.path}")
    return 0
