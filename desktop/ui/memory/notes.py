"""The notes under the memory breakdown, in the interface language. The core's MemoryEstimate.notes says the same
in English for the CLI; these follow the same rules (see desktop.core.calc.memory.estimate_memory)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.calc import memory as mem
from desktop.ui.i18n import fmt
from desktop.ui.memory.words import mode_label, optimizer_label

OPTIMIZER_SOURCES = {
    "adam": QT_TRANSLATE_NOOP("MemoryNotes", "two FP32 states: momentum and variance"),
    "adam8bit": QT_TRANSLATE_NOOP("MemoryNotes", "two 8-bit states (bitsandbytes)"),
    "sgd": QT_TRANSLATE_NOOP("MemoryNotes", "one FP32 momentum"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("MemoryNotes", text)


def memory_notes(inputs: mem.MemoryInputs) -> list[str]:
    dtype, opt = mem.precision(inputs.dtype), mem.optimizer(inputs.optimizer)
    notes: list[str] = []
    opt_name = optimizer_label(opt.key, opt.label)
    opt_source = _tr(OPTIMIZER_SOURCES[opt.key]) if opt.key in OPTIMIZER_SOURCES else opt.source
    compute_bytes = 4.0
    if inputs.mode == "inference":
        notes.append(QCoreApplication.translate("MemoryNotes", "Weights: {bits} bits per parameter ({type}).").format(
            bits=fmt.localize(f"{dtype.bits_per_weight:g}"), type=dtype.label))
    elif inputs.mode == "training":
        if inputs.mixed_precision:
            compute_bytes = 2.0
            notes.append(QCoreApplication.translate(
                "MemoryNotes", "Mixed precision: 16-bit weights and gradients, FP32 master copy kept with the "
                "optimizer."))
        else:
            compute_bytes = dtype.bytes_per_weight
        notes.append(QCoreApplication.translate("MemoryNotes", "Optimizer: {name}, {source}.").format(
            name=opt_name, source=opt_source))
    else:
        trainable = float(inputs.params) * float(inputs.trainable_share)
        compute_bytes = 2.0 if inputs.mode == "qlora" or inputs.mixed_precision else dtype.bytes_per_weight
        notes.append(QCoreApplication.translate(
            "MemoryNotes", "{mode}: the {type} base is frozen; {n} adapter parameters get gradients and {optimizer} "
            "states.").format(mode=mode_label(inputs.mode), type=dtype.label, n=fmt.integer(round(trainable)),
                              optimizer=opt_name))
    if inputs.activation_bytes_per_param is None and inputs.mode != "inference":
        notes.append(QCoreApplication.translate(
            "MemoryNotes", "Activations: the course's high-end allowance, {n} bytes per parameter; the real amount "
            "depends on batch, context and activation checkpointing.").format(n=fmt.localize(f"{2 * compute_bytes:g}")))
    if inputs.mode == "inference" and inputs.shape is not None and inputs.context:
        notes.append(QCoreApplication.translate(
            "MemoryNotes", "KV cache: 2 × {layers} layers × {heads} KV heads × {dim} head dim × {bytes} bytes × {n} "
            "tokens × batch {batch}.").format(
            layers=inputs.shape.layers, heads=inputs.shape.kv_heads, dim=inputs.shape.head_dim,
            bytes=fmt.localize(f"{mem.precision(inputs.kv_dtype).bytes_per_weight:g}"),
            n=fmt.integer(inputs.context), batch=inputs.batch))
    elif inputs.mode != "inference" and inputs.context:
        notes.append(QCoreApplication.translate(
            "MemoryNotes", "Training keeps no KV cache; keys and values are part of the activations."))
    return notes
