"""Headless twins of the calculators: `memory`, `kv-cache`, `scaling` and `scenarios`.

They print the numbers the Memory & quantization and Scaling laws pages show, as JSON with --json. Values are typed
the way people write them (7B, 1.5e9, 4k, 1T); bad values are `error: <field>: …`, exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli import CliError, open_store, print_json
from desktop.core.calc import memory as mem
from desktop.core.calc import scaling as sc
from desktop.core.calc.quantity import (
    CalcInputError,
    format_bytes,
    format_count,
    format_flops,
    parse_fraction,
    parse_quantity,
)
from desktop.core.calc.results import memory_results, scaling_results
from desktop.core.calc.scenarios import (
    KINDS,
    ScenarioError,
    delete_scenario,
    list_scenarios,
    load_scenario,
    rename_scenario,
    save_scenario,
)


def register(sub: argparse._SubParsersAction) -> None:
    _register_memory(sub)
    _register_kv_cache(sub)
    _register_scaling(sub)
    _register_scenarios(sub)


# ---- memory --------------------------------------------------------------------------------------------------


def _register_memory(sub: argparse._SubParsersAction) -> None:
    presets = ", ".join(["course", "mixed", *mem.PRESETS])
    p = sub.add_parser(
        "memory",
        help="memory to load, run or train a model (weights, gradients, optimizer, activations, KV cache)",
        description="Memory a model needs. With --mode training --dtype fp32 --optimizer adam and no other flags "
        "it is the course's rule: 4 + 4 + 8 + 8 = 24 bytes per parameter.",
    )
    p.add_argument("--params", help="parameter count, e.g. 7B, 1.5e9, 350M")
    p.add_argument("--preset", help=f"a model or rule instead of --params: {presets}")
    p.add_argument(
        "--dtype",
        default=None,
        help="fp32 (default), fp16, bf16, int8, int4, q8_0, q6_k, q5_k_m, q4_k_m, q4_0, q2_k",
    )
    p.add_argument("--mode", default=None, choices=list(mem.MODES), help="default: inference")
    p.add_argument("--optimizer", default=None, help="adam (default), adam8bit or sgd")
    p.add_argument(
        "--mixed-precision", action="store_true", help="16-bit weights and gradients + FP32 master copy"
    )
    p.add_argument(
        "--trainable-share", default="1%", help="LoRA/QLoRA adapters as a share of parameters (1%%)"
    )
    p.add_argument(
        "--activations",
        default=None,
        help="activation bytes per parameter (default: the course's allowance when training, 0 otherwise)",
    )
    p.add_argument("--batch", default="1", help="sequences at once (KV cache)")
    p.add_argument("--context", default=None, help="tokens of context (KV cache), e.g. 4096 or 4k")
    p.add_argument("--layers", default=None)
    p.add_argument("--kv-heads", default=None, help="key/value heads (fewer than attention heads with GQA)")
    p.add_argument("--head-dim", default=None)
    p.add_argument(
        "--kv-dtype", default="fp16", help="KV cache precision: fp32, fp16 (default), bf16, q8_0, q4_0"
    )
    p.add_argument("--overhead", default="0", help="extra share for framework and fragmentation, e.g. 20%%")
    p.add_argument("--save", metavar="NAME", help="save the inputs and results as a scenario")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_memory)


def memory_inputs_from_args(args: argparse.Namespace) -> mem.MemoryInputs:
    if args.preset is not None and not args.preset.strip():
        raise CalcInputError("Preset", "is empty; choose one of course, mixed, " + ", ".join(mem.PRESETS))
    preset_key = (args.preset or "").strip().lower()
    base = mem.MemoryInputs(params=1.0)
    shape = None
    context = None
    if preset_key == "course":
        base = mem.COURSE_RULE
    elif preset_key == "mixed":
        base = mem.MIXED_PRECISION_RULE
    elif preset_key:
        if preset_key not in mem.PRESETS:
            raise CalcInputError(
                "Preset",
                f"unknown preset {args.preset!r}; choose one of course, mixed, " + ", ".join(mem.PRESETS),
            )
        model = mem.PRESETS[preset_key]
        base = mem.MemoryInputs(params=model.params)
        shape = model.shape
    elif args.params is None:
        raise CalcInputError("Parameters", "give --params (e.g. 7B) or --preset")
    params = (
        parse_quantity(args.params, "Parameters", maximum=mem.MAX_PARAMS) if args.params is not None else base.params
    )

    shape_flags = {"--layers": args.layers, "--kv-heads": args.kv_heads, "--head-dim": args.head_dim}
    given = [k for k, v in shape_flags.items() if v is not None]
    if given and len(given) < 3:
        missing = ", ".join(k for k in shape_flags if k not in given)
        raise CalcInputError(
            "Model shape", f"the KV cache needs --layers, --kv-heads and --head-dim; missing {missing}"
        )
    if given:
        shape = mem.ModelShape(
            int(parse_quantity(args.layers, "Layers", maximum=1000, integer=True)),
            int(parse_quantity(args.kv_heads, "KV heads", maximum=1024, integer=True)),
            int(parse_quantity(args.head_dim, "Head dim", maximum=16384, integer=True)),
        )
    if args.context is not None:
        context = int(parse_quantity(args.context, "Context length", maximum=mem.MAX_CONTEXT, integer=True))
        if shape is None:
            raise CalcInputError(
                "Context length",
                "the KV cache also needs --layers, --kv-heads and --head-dim (or a model --preset)",
            )
    activations = None
    if args.activations is not None:
        activations = parse_quantity(
            args.activations, "Activations (bytes per parameter)", maximum=1000, allow_zero=True
        )
    return mem.MemoryInputs(
        params=params,
        dtype=mem.precision(args.dtype).key if args.dtype is not None else base.dtype,
        mode=args.mode or base.mode,
        optimizer=mem.optimizer(args.optimizer).key if args.optimizer is not None else base.optimizer,
        mixed_precision=args.mixed_precision or base.mixed_precision,
        trainable_share=parse_fraction(args.trainable_share, "Trainable share"),
        activation_bytes_per_param=activations,
        batch=int(parse_quantity(args.batch, "Batch size", maximum=mem.MAX_BATCH, integer=True)),
        context=context,
        shape=shape,
        kv_dtype=mem.precision(args.kv_dtype, "KV cache precision").key,
        overhead_share=parse_fraction(args.overhead, "Overhead", allow_zero=True),
    )


def _check_save_name(name: str | None) -> None:
    if name is not None and not name.strip():
        raise CliError("--save: the scenario name is empty; give a name, e.g. --save \"my 7B model\"")


def run_memory(args: argparse.Namespace) -> int:
    _check_save_name(args.save)
    try:
        inputs = memory_inputs_from_args(args)
        estimate = mem.estimate_memory(inputs)
    except CalcInputError as exc:
        raise CliError(str(exc)) from exc
    if args.save is not None:
        _save("memory", args.save, inputs.as_dict(), memory_results(estimate))
    if args.json:
        print_json(estimate.as_json())
        return 0
    print(
        f"{format_count(inputs.params)} parameters, {mem.precision(inputs.dtype).label}, {mem.MODES[inputs.mode]}"
    )
    for name, value in estimate.parts().items():
        print(
            f"  {mem.PART_LABELS[name]:27} {format_bytes(value):>12}  {format_bytes(value, binary=True):>12}"
        )
    print(
        f"  {'Total':27} {format_bytes(estimate.total_bytes):>12}  {format_bytes(estimate.total_bytes, True):>12}"
    )
    gpus = ", ".join(f"{estimate.gpus_needed(g)} × {g.label}" for g in mem.GPU_CLASSES)
    print(f"GPUs needed (memory only, perfect split): {gpus}")
    for note in estimate.notes:
        print(f"- {note}")
    return 0


# ---- kv-cache ------------------------------------------------------------------------------------------------


def _register_kv_cache(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "kv-cache", help="bytes of the KV cache: 2 · layers · kv_heads · head_dim · bytes · context · batch"
    )
    p.add_argument("--layers", required=True)
    p.add_argument("--kv-heads", required=True, help="key/value heads (fewer than attention heads with GQA)")
    p.add_argument("--head-dim", required=True)
    p.add_argument("--context", required=True, help="tokens, e.g. 4096 or 4k")
    p.add_argument("--batch", default="1")
    p.add_argument("--dtype", default="fp16", help="fp32, fp16 (default), bf16, q8_0, q4_0")
    p.add_argument("--save", metavar="NAME", help="save the inputs and result as a scenario")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_kv_cache)


def run_kv_cache(args: argparse.Namespace) -> int:
    _check_save_name(args.save)
    try:
        n = mem.kv_cache_bytes(
            args.layers, args.kv_heads, args.head_dim, args.context, args.batch, args.dtype
        )
        inputs = {
            "layers": int(parse_quantity(args.layers, "Layers", integer=True)),
            "kv_heads": int(parse_quantity(args.kv_heads, "KV heads", integer=True)),
            "head_dim": int(parse_quantity(args.head_dim, "Head dim", integer=True)),
            "context": int(parse_quantity(args.context, "Context length", integer=True)),
            "batch": int(parse_quantity(args.batch, "Batch size", integer=True)),
            "dtype": mem.precision(args.dtype).key,
        }
    except CalcInputError as exc:
        raise CliError(str(exc)) from exc
    if args.save is not None:
        _save("kv-cache", args.save, inputs, {"bytes": n})
    if args.json:
        print_json({"bytes": n})
    else:
        print(f"KV cache: {n:,} bytes = {format_bytes(n)} = {format_bytes(n, binary=True)}")
    return 0


# ---- scaling -------------------------------------------------------------------------------------------------


def _register_scaling(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "scaling", help="compute-optimal parameters, tokens and FLOPs (≈20 tokens/parameter, C ≈ 6ND)"
    )
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--params", help="parameters, e.g. 70B")
    group.add_argument("--tokens", help="training tokens, e.g. 1.4T")
    group.add_argument("--compute", help="training compute in FLOPs, e.g. 5.76e23")
    p.add_argument("--gpus", help="also estimate training time on this many GPUs")
    p.add_argument("--gpu", default="a100", choices=list(sc.ACCELERATORS), help="accelerator (default a100)")
    p.add_argument("--peak-flops", help="peak FLOP/s per GPU instead of --gpu's datasheet number")
    p.add_argument("--utilization", default="40%", help="share of peak actually sustained (default 40%%)")
    p.add_argument("--save", metavar="NAME", help="save the inputs and results as a scenario")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_scaling)


def run_scaling(args: argparse.Namespace) -> int:
    _check_save_name(args.save)
    try:
        point = sc.compute_optimal(params=args.params, tokens=args.tokens, flops=args.compute)
        time = None
        # Checked even without --gpus: a value that is ignored silently looks accepted.
        parse_fraction(args.utilization, "Utilization")
        if args.peak_flops is not None:
            parse_quantity(args.peak_flops, "Peak FLOP/s per GPU", maximum=1e18)
        if args.gpus is not None:
            peak = args.peak_flops if args.peak_flops is not None else sc.ACCELERATORS[args.gpu].peak_flops
            time = sc.training_time(point.flops, args.gpus, args.utilization, peak)
    except CalcInputError as exc:
        raise CliError(str(exc)) from exc
    given = "params" if args.params is not None else "tokens" if args.tokens is not None else "flops"
    data: dict[str, Any] = point.as_json()
    if time is not None:
        data["training_days"] = time.days
    if args.save is not None:
        inputs: dict[str, Any] = {"given": given, "value": getattr(point, given)}
        if time is not None:
            inputs.update(
                gpus=time.gpus,
                utilization=time.utilization,
                peak_flops=time.peak_flops,
                accelerator=args.gpu if args.peak_flops is None else "custom",
            )
        _save("scaling", args.save, inputs, scaling_results(point, time))
    if args.json:
        print_json(data)
        return 0
    print(
        f"Parameters {format_count(point.params)}, tokens {format_count(point.tokens)} "
        f"({point.tokens_per_param:.0f} per parameter), compute {format_flops(point.flops)}"
    )
    if time is not None:
        print(
            f"Training time on {time.gpus} GPUs at {time.utilization:.0%} of {time.peak_flops / 1e12:g} TFLOP/s: "
            f"{time.days:,.1f} days ({time.gpu_hours:,.0f} GPU-hours)"
        )
    return 0


# ---- scenarios -----------------------------------------------------------------------------------------------


def scenario_id(text: str) -> int:
    """A scenario id as argparse reads it: a whole number SQLite can hold (ids start at 1)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a scenario id (a whole number)") from None
    if not 1 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{text} is not a scenario id (ids are whole numbers from 1)")
    return value


def _register_scenarios(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scenarios", help="saved calculator scenarios: list, show, rename, delete")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="list saved scenarios, newest first")
    ls.add_argument("--kind", choices=KINDS)
    ls.add_argument("--json", action="store_true", help="print JSON")
    show = actions.add_parser("show", help="one scenario's inputs and results")
    show.add_argument("id", type=scenario_id)
    show.add_argument("--json", action="store_true", help="print JSON")
    rename = actions.add_parser("rename", help="give a scenario a new name")
    rename.add_argument("id", type=scenario_id)
    rename.add_argument("name")
    rename.add_argument("--json", action="store_true", help="print JSON")
    delete = actions.add_parser("delete", help="delete a scenario")
    delete.add_argument("id", type=scenario_id)
    delete.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run_scenarios)


def run_scenarios(args: argparse.Namespace) -> int:
    db = open_store()
    try:
        if args.action == "list":
            items = list_scenarios(db, args.kind)
            if args.json:
                print_json([s.as_json() for s in items])
            elif not items:
                print("No saved scenarios yet (save one with --save NAME or from the app).")
            for s in items if not args.json else []:
                print(f"{s.id:5}  {s.kind:12} {s.name}  ({s.updated_at:%Y-%m-%d %H:%M} UTC)")
        elif args.action == "show":
            s = load_scenario(db, args.id)
            if args.json:
                print_json(s.as_json())
            else:
                print(f"{s.name} ({s.kind}, id {s.id})")
                for section in ("inputs", "results"):
                    print(f"{section}:")
                    for key, value in getattr(s, section).items():
                        print(f"  {key}: {value}")
        elif args.action == "rename":
            s = rename_scenario(db, args.id, args.name)
            print_json(s.as_json()) if args.json else print(f"Renamed scenario {s.id} to {s.name!r}.")
        else:
            delete_scenario(db, args.id)
            print_json({"deleted": args.id}) if args.json else print(f"Deleted scenario {args.id}.")
    except ScenarioError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
    return 0


def _save(kind: str, name: str, inputs: dict[str, Any], results: dict[str, Any]) -> None:
    db = open_store()
    try:
        saved = save_scenario(db, kind, name, inputs, results)
        print(f"Saved as {kind} scenario {saved.id}: {saved.name!r}.", file=sys.stderr)
    except ScenarioError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
