"""Small shared look-and-feel pieces of the calculator pages: inline errors, cards, colours, value formatting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.core.calc.quantity import format_bytes, format_count, format_flops
from desktop.ui.i18n.fmt import localize
from desktop.ui.memory.words import mode_label, optimizer_label
from desktop.ui.zoom import set_relative_font

ERROR_STYLE = "color: #d64545; font-weight: 600;"
ERROR_FIELD_STYLE = "QLineEdit, QComboBox { border: 2px solid #d64545; border-radius: 4px; }"

# One colour per memory part, used by the chart and the table alike (readable on light and dark palettes).
PART_COLORS = {
    "weights": QColor("#4C78A8"),
    "gradients": QColor("#F58518"),
    "optimizer": QColor("#E45756"),
    "activations": QColor("#72B7B2"),
    "kv_cache": QColor("#54A24B"),
    "overhead": QColor("#B279A2"),
}
# Bit fields: sign, exponent, mantissa (as in most textbook figures of IEEE 754).
SIGN_COLOR, EXPONENT_COLOR, MANTISSA_COLOR = "#d64545", "#2f80ed", "#e08a00"


def mark_field(widget: QWidget, bad: bool) -> None:
    widget.setStyleSheet(ERROR_FIELD_STYLE if bad else "")


def card(title: str | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A softly framed box for a group of results."""
    frame = QFrame()
    frame.setObjectName("calcCard")
    frame.setStyleSheet(
        "QFrame#calcCard { border: 1px solid palette(mid); border-radius: 8px; background: palette(base); }"
    )
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 10, 12, 10)
    if title:
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        label.setWordWrap(True)  # a long title must not force the card wider than its column
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setStyleSheet("border: none; background: transparent;")
        layout.addWidget(label)
    return frame, layout


def card_title(frame: QFrame, text: str) -> None:
    """Set the title of a card() made with one (a card made without a title has none to set)."""
    label = frame.findChild(QLabel, "sectionTitle")
    if label is not None:
        label.setText(text)


def heading(text: str, scale: float = 1.25) -> QLabel:
    label = QLabel(text)
    set_relative_font(label, scale, bold=True)
    return label


def numeric_edit(text: str, placeholder: str, tooltip: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    if tooltip:
        edit.setToolTip(tooltip)
    return edit


# Saved-scenario keys as a reader would name them; a key not listed is spelt out from its words.
KEY_LABELS = {
    "params": QT_TRANSLATE_NOOP("ScenarioKeys", "Parameters"),
    "dtype": QT_TRANSLATE_NOOP("ScenarioKeys", "Precision"),
    "kv_dtype": QT_TRANSLATE_NOOP("ScenarioKeys", "KV precision"),
    "mixed_precision": QT_TRANSLATE_NOOP("ScenarioKeys", "Mixed precision"),
    "trainable_share": QT_TRANSLATE_NOOP("ScenarioKeys", "Trainable share"),
    "activation_bytes_per_param": QT_TRANSLATE_NOOP("ScenarioKeys", "Activations (bytes/param)"),
    "overhead_share": QT_TRANSLATE_NOOP("ScenarioKeys", "Overhead share"),
    "weights_bytes": QT_TRANSLATE_NOOP("ScenarioKeys", "Weights"),
    "gradients_bytes": QT_TRANSLATE_NOOP("ScenarioKeys", "Gradients"),
    "optimizer_bytes": QT_TRANSLATE_NOOP("ScenarioKeys", "Optimizer states"),
    "activations_bytes": QT_TRANSLATE_NOOP("ScenarioKeys", "Activations & temporaries"),
    "kv_cache_bytes": QT_TRANSLATE_NOOP("ScenarioKeys", "KV cache"),
    "overhead_bytes": QT_TRANSLATE_NOOP("ScenarioKeys", "Overhead"),
    "total_bytes": QT_TRANSLATE_NOOP("ScenarioKeys", "Total memory"),
    "total_gb": QT_TRANSLATE_NOOP("ScenarioKeys", "Total (GB)"),
    "total_gib": QT_TRANSLATE_NOOP("ScenarioKeys", "Total (GiB)"),
    "gpus_needed": QT_TRANSLATE_NOOP("ScenarioKeys", "GPUs needed"),
    "flops": QT_TRANSLATE_NOOP("ScenarioKeys", "Compute (FLOPs)"),
    "tokens_per_param": QT_TRANSLATE_NOOP("ScenarioKeys", "Tokens per parameter"),
    "training_days": QT_TRANSLATE_NOOP("ScenarioKeys", "Training days"),
    "gpu_hours": QT_TRANSLATE_NOOP("ScenarioKeys", "GPU-hours"),
    "given": QT_TRANSLATE_NOOP("ScenarioKeys", "Start from"),
    "value": QT_TRANSLATE_NOOP("ScenarioKeys", "Typed value"),
    "tflops": QT_TRANSLATE_NOOP("ScenarioKeys", "Peak TFLOP/s"),
    # Memory inputs
    "mode": QT_TRANSLATE_NOOP("ScenarioKeys", "Mode"),
    "optimizer": QT_TRANSLATE_NOOP("ScenarioKeys", "Optimizer"),
    "batch": QT_TRANSLATE_NOOP("ScenarioKeys", "Batch size"),
    "context": QT_TRANSLATE_NOOP("ScenarioKeys", "Context length"),
    "shape": QT_TRANSLATE_NOOP("ScenarioKeys", "KV cache shape"),  # layers, KV heads, head dim
    "preset": QT_TRANSLATE_NOOP("ScenarioKeys", "Preset"),
    # Quantization
    "vector": QT_TRANSLATE_NOOP("ScenarioKeys", "Vector"),
    "fp32_stored": QT_TRANSLATE_NOOP("ScenarioKeys", "Stored in FP32"),
    "fp16_stored": QT_TRANSLATE_NOOP("ScenarioKeys", "Stored in FP16"),
    "bf16_stored": QT_TRANSLATE_NOOP("ScenarioKeys", "Stored in BF16"),
    "fp32_error": QT_TRANSLATE_NOOP("ScenarioKeys", "FP32 error"),
    "fp16_error": QT_TRANSLATE_NOOP("ScenarioKeys", "FP16 error"),
    "bf16_error": QT_TRANSLATE_NOOP("ScenarioKeys", "BF16 error"),
    "int8_scale": QT_TRANSLATE_NOOP("ScenarioKeys", "INT8 scale"),
    "int8_codes": QT_TRANSLATE_NOOP("ScenarioKeys", "INT8 codes"),
    "int8_max_error": QT_TRANSLATE_NOOP("ScenarioKeys", "INT8 largest error"),
    # Scaling
    "gpus": QT_TRANSLATE_NOOP("ScenarioKeys", "GPUs"),
    "utilization": QT_TRANSLATE_NOOP("ScenarioKeys", "Utilization"),
    "peak_flops": QT_TRANSLATE_NOOP("ScenarioKeys", "Peak FLOP/s per GPU"),
    "accelerator": QT_TRANSLATE_NOOP("ScenarioKeys", "Accelerator"),
    "tokens": QT_TRANSLATE_NOOP("ScenarioKeys", "Tokens"),
}


def key_label(key: str) -> str:
    """A flattened scenario key ("gpus_needed.8 GB", "fp16_error") as a readable row name ("GPUs needed: 8 GB")."""
    head, _, rest = key.partition(".")
    label = QCoreApplication.translate("ScenarioKeys", KEY_LABELS[head]) if head in KEY_LABELS else None
    if label is None:
        words = head.split("_")
        if words[0] in ("fp32", "fp16", "bf16", "int8", "int4"):
            words[0] = words[0].upper()
        label = " ".join(words)
        label = label[:1].upper() + label[1:]
    return f"{label}: {localize(rest)}" if rest else label


def format_value(key: str, value: Any) -> str:
    """A saved input or result the way the pages show it (bytes as GB, counts as 7B, FLOPs in e-notation), with
    the interface locale's separators. A list's items are localized one by one and parted by "; " (localizing
    "127, -61, 10" as one text read its commas as thousands separators: "127. -61. 10")."""
    if isinstance(value, list | tuple):
        return "; ".join(format_value(key, v) for v in value)
    return localize(_format_value(key, value))


def _format_value(key: str, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str) and key in ("mode", "optimizer", "given"):
        # Saved as keys ("training", "adam", "params"): shown as the pages name them, in the interface language.
        if key == "mode":
            return mode_label(value)
        if key == "optimizer":
            return optimizer_label(value)
        return key_label("params" if value == "params" else value)
    if isinstance(value, bool):
        return QCoreApplication.translate("ScenarioKeys", "yes") if value else QCoreApplication.translate(
            "ScenarioKeys", "no")
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_format_value(key, v) for v in value)
    if isinstance(value, int | float):
        k = key.lower()
        if k.endswith("bytes"):
            return f"{format_bytes(value)} ({format_bytes(value, binary=True)})"
        if "flops" in k:
            return format_flops(value)
        if k.endswith(("params", "tokens")) or k == "value" and value >= 1e6:
            return format_count(value)
        if k.endswith(("share", "utilization")):
            return f"{value:.2%}"
        if isinstance(value, float):
            # Days, hours, bytes per parameter: four significant digits, whole numbers once they are large.
            return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"
        return f"{value:,}"
    return str(value)
