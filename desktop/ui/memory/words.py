"""The calculators' names for what the Qt-free core calls by key (modes, memory parts, optimizers), in the interface
language (context "CalcWords"). The core keeps English labels for the CLI's JSON; the pages show these."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

MODES = {
    "inference": QT_TRANSLATE_NOOP("CalcWords", "Inference (load and run)"),
    "training": QT_TRANSLATE_NOOP("CalcWords", "Full training"),
    "lora": QT_TRANSLATE_NOOP("CalcWords", "LoRA fine-tuning"),
    "qlora": QT_TRANSLATE_NOOP("CalcWords", "QLoRA fine-tuning"),
}
PARTS = {
    "weights": QT_TRANSLATE_NOOP("CalcWords", "Weights"),
    "gradients": QT_TRANSLATE_NOOP("CalcWords", "Gradients"),
    "optimizer": QT_TRANSLATE_NOOP("CalcWords", "Optimizer states"),
    "activations": QT_TRANSLATE_NOOP("CalcWords", "Activations & temporaries"),
    "kv_cache": QT_TRANSLATE_NOOP("CalcWords", "KV cache"),
    "overhead": QT_TRANSLATE_NOOP("CalcWords", "Overhead"),
}
OPTIMIZERS = {
    "adam": QT_TRANSLATE_NOOP("CalcWords", "Adam / AdamW"),
    "adam8bit": QT_TRANSLATE_NOOP("CalcWords", "8-bit Adam"),
    "sgd": QT_TRANSLATE_NOOP("CalcWords", "SGD with momentum"),
}

PRESETS = {  # model presets whose names carry words (the others are plain model names)
    "bert-base": QT_TRANSLATE_NOOP("CalcWords", "BERT-base (110M, encoder: no KV cache in use)"),
    "llama-3.1-8b": QT_TRANSLATE_NOOP("CalcWords", "Llama 3.1 8B (GQA, 128k context)"),
}


def _tr(table: dict[str, str], key: str, fallback: str) -> str:
    return QCoreApplication.translate("CalcWords", table[key]) if key in table else fallback


def mode_label(key: str, fallback: str = "") -> str:
    return _tr(MODES, key, fallback or key)


def part_label(key: str, fallback: str = "") -> str:
    return _tr(PARTS, key, fallback or key)


def optimizer_label(key: str, fallback: str = "") -> str:
    return _tr(OPTIMIZERS, key, fallback or key)


def preset_label(key: str, fallback: str) -> str:
    return _tr(PRESETS, key, fallback)
