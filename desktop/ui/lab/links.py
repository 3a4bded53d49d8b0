"""Lesson links into the lab: studydesk://lab/sampling?prompt=..&temperature=..&top_k=..&top_p=..&min_p=..
&mode=greedy|random&seed=..&max_new_tokens=.. — values outside the sliders' ranges are clamped, unreadable ones
ignored, and the status bar says which."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.core.links import StudyLink

if TYPE_CHECKING:
    from desktop.ui.lab.page import LabPage


def apply_link(page: LabPage, link: StudyLink) -> None:
    params = link.params
    problems: list[str] = []

    def number(key: str, cast: Callable[[str], float]) -> float | None:
        if key not in params:
            return None
        try:
            value = cast(params[key])
        except ValueError:
            problems.append(f"{key}={params[key]!r}")
            return None
        if value != value:  # NaN
            problems.append(f"{key}={params[key]!r}")
            return None
        return value

    s = page.controls.settings()
    changes: dict[str, object] = {}
    for key in ("temperature", "top_p", "min_p", "repeat_penalty"):
        value = number(key, float)
        if value is not None:
            changes[key] = value
    top_k = number("top_k", int)
    if top_k is not None:
        changes["top_k"] = int(top_k)
    mode = params.get("mode")
    if mode in ("greedy", "random"):
        changes["greedy"] = mode == "greedy"
    elif mode is not None:
        problems.append(f"mode={mode!r}")
    wanted = replace(s, **changes)  # type: ignore[arg-type]
    clamped = wanted.clamped()
    if clamped != wanted:
        problems.append(QCoreApplication.translate("LabLink", "values outside the sliders' ranges were clamped"))
    page.controls.set_settings(clamped)
    seed = number("seed", int)
    max_new = number("max_new_tokens", int)
    page.controls.set_run_options(
        max_new_tokens=int(max_new) if max_new is not None else None,
        seed=int(seed) if seed is not None else None,
    )
    page.tabs.setCurrentIndex(0)
    if "prompt" in params:
        page.set_prompt(params["prompt"])
    if problems:
        message = QCoreApplication.translate("LabLink", "Lab link: {problems}")
        page.ctx.sig_status_message.emit(message.format(problems="; ".join(problems)), 8000)
