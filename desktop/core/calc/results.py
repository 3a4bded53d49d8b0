"""What a scenario stores as its results: the numbers the pages show, in JSON-friendly form (one place, so a
scenario saved from the CLI reopens in the app and the other way round)."""

from __future__ import annotations

from typing import Any

from desktop.core.calc.memory import GPU_CLASSES, MemoryEstimate
from desktop.core.calc.quantity import GB, GIB
from desktop.core.calc.scaling import ScalingPoint, TrainingTime


def memory_results(estimate: MemoryEstimate) -> dict[str, Any]:
    data: dict[str, Any] = dict(estimate.as_json())
    data["total_gb"] = estimate.total_bytes / GB
    data["total_gib"] = estimate.total_bytes / GIB
    data["gpus_needed"] = {gpu.label: estimate.gpus_needed(gpu) for gpu in GPU_CLASSES}
    return data


def scaling_results(point: ScalingPoint, time: TrainingTime | None = None) -> dict[str, Any]:
    data: dict[str, Any] = dict(point.as_json())
    data["tokens_per_param"] = point.tokens_per_param
    if time is not None:
        data["training_days"] = time.days
        data["gpu_hours"] = time.gpu_hours
    return data
