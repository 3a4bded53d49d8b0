"""The calculators' input errors in the interface language.

The Qt-free core raises CalcInputError with an English message (the CLI prints it as is); the pages show the same
message translated: each known message shape is matched here and its values are carried over."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.ui.i18n import fmt

V = r"(?P<v>.+?)"
N = r"(?P<n>[\d.,e+-]+)"
_MESSAGES: list[tuple[str, str]] = [
    ("is empty; type a number such as 7B, 1.5e9, 4k or 350M",
     QT_TRANSLATE_NOOP("CalcMessages", "is empty; type a number such as 7B, 1.5e9, 4k or 350M")),
    ("is empty; type a number such as 3.14159",
     QT_TRANSLATE_NOOP("CalcMessages", "is empty; type a number such as 3.14159")),
    ("is empty; type a few numbers separated by commas",
     QT_TRANSLATE_NOOP("CalcMessages", "is empty; type a few numbers separated by commas")),
    ("NaN (not a number) cannot be used", QT_TRANSLATE_NOOP("CalcMessages", "NaN (not a number) cannot be used")),
    ("must be a finite number, not infinity",
     QT_TRANSLATE_NOOP("CalcMessages", "must be a finite number, not infinity")),
    ("must be a finite number", QT_TRANSLATE_NOOP("CalcMessages", "must be a finite number")),
    (f"{V} is not a number \\(try 7B, 1.5e9, 4k, 350M or 4096\\)",
     QT_TRANSLATE_NOOP("CalcMessages", "{v} is not a number (try 7B, 1.5e9, 4k, 350M or 4096)")),
    (f"{V} is not a number", QT_TRANSLATE_NOOP("CalcMessages", "{v} is not a number")),
    (f"{V} is too large even for a 64-bit float",
     QT_TRANSLATE_NOOP("CalcMessages", "{v} is too large even for a 64-bit float")),
    (f"{V} is too large to be a number here", QT_TRANSLATE_NOOP("CalcMessages", "{v} is too large to be a number here")),
    (f"{V} is negative; it must be a positive number",
     QT_TRANSLATE_NOOP("CalcMessages", "{v} is negative; it must be a positive number")),
    ("must be greater than zero", QT_TRANSLATE_NOOP("CalcMessages", "must be greater than zero")),
    (f"{V} is too small; it must be at least {N}",
     QT_TRANSLATE_NOOP("CalcMessages", "{v} is too small; it must be at least {n}")),
    (f"{V} is absurdly large here; it must be at most {N}",
     QT_TRANSLATE_NOOP("CalcMessages", "{v} is absurdly large here; it must be at most {n}")),
    (f"{V} must be a whole number", QT_TRANSLATE_NOOP("CalcMessages", "{v} must be a whole number")),
    (f"{V} is more than 100%", QT_TRANSLATE_NOOP("CalcMessages", "{v} is more than 100%")),
    (f"{V} must be between 0% and 100%", QT_TRANSLATE_NOOP("CalcMessages", "{v} must be between 0% and 100%")),
    ("has no numbers", QT_TRANSLATE_NOOP("CalcMessages", "has no numbers")),
    (f"has {N} numbers; keep it to (?P<m>\\d+) or fewer",
     QT_TRANSLATE_NOOP("CalcMessages", "has {n} numbers; keep it to {m} or fewer")),
    ("contains NaN or infinity", QT_TRANSLATE_NOOP("CalcMessages", "contains NaN or infinity")),
    ("is all zeros, so absmax scaling has nothing to scale by",
     QT_TRANSLATE_NOOP("CalcMessages", "is all zeros, so absmax scaling has nothing to scale by")),
    ("a model needs at least one parameter", QT_TRANSLATE_NOOP("CalcMessages", "a model needs at least one parameter")),
    ("the KV cache needs layers, KV heads and head dim (or pick a model preset)",
     QT_TRANSLATE_NOOP("CalcMessages", "the KV cache needs layers, KV heads and head dim (or pick a model preset)")),
    ("mixed precision keeps FP16 or BF16 weights and an FP32 master copy; choose FP16 or BF16, or turn mixed "
     "precision off",
     QT_TRANSLATE_NOOP("CalcMessages", "mixed precision keeps FP16 or BF16 weights and an FP32 master copy; choose "
                       "FP16 or BF16, or turn mixed precision off")),
    (f"QLoRA keeps the base model quantized; choose INT4, INT8 or a GGUF type instead of {V} \\(or pick LoRA\\)",
     QT_TRANSLATE_NOOP("CalcMessages", "QLoRA keeps the base model quantized; choose INT4, INT8 or a GGUF type "
                       "instead of {v} (or pick LoRA)")),
    (f"(?P<mode>.+?) needs FP32, FP16 or BF16 weights, not {V} \\(QLoRA trains adapters on a quantized base\\)",
     QT_TRANSLATE_NOOP("CalcMessages", "{mode} needs FP32, FP16 or BF16 weights, not {v} (QLoRA trains adapters "
                       "on a quantized base)")),
    (f"(?P<mode>.+?) needs FP32, FP16 or BF16 weights, not {V} \\(quantize after training\\)",
     QT_TRANSLATE_NOOP("CalcMessages", "{mode} needs FP32, FP16 or BF16 weights, not {v} (quantize after "
                       "training)")),
    ("give exactly one of parameters, tokens or compute",
     QT_TRANSLATE_NOOP("CalcMessages", "give exactly one of parameters, tokens or compute")),
    # saved scenarios (desktop.core.calc.scenarios.ScenarioError)
    ("A scenario needs a name.", QT_TRANSLATE_NOOP("CalcMessages", "A scenario needs a name.")),
    (f"The name is {N} characters long; keep it to (?P<m>\\d+).",
     QT_TRANSLATE_NOOP("CalcMessages", "The name is {n} characters long; keep it to {m}.")),
    (f"A \\w+ scenario named {V} already exists; choose another name.",
     QT_TRANSLATE_NOOP("CalcMessages", "A scenario named {v} already exists; choose another name.")),
]
_COMPILED = [(re.compile(pattern if "(?P" in pattern else re.escape(pattern)), template)
             for pattern, template in _MESSAGES]


def calc_message(message: str) -> str:
    """`message` (a CalcInputError.message or a ScenarioError) in the interface language; an unknown one is shown
    as it is."""
    for pattern, template in _COMPILED:
        match = pattern.fullmatch(message)
        if match:
            values = {k: fmt.localize(v) if k in ("n", "m") else v for k, v in match.groupdict().items()}
            if "mode" in values:
                from desktop.core.calc.memory import MODES
                from desktop.ui.memory.words import mode_label

                keys = {label: key for key, label in MODES.items()}
                values["mode"] = mode_label(keys[values["mode"]]) if values["mode"] in keys else values["mode"]
            return QCoreApplication.translate("CalcMessages", template).format(**values)
    return message
