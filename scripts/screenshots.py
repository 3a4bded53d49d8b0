"""Render every page offscreen to PNG files, to look at them (and for the README screenshot).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR [--dark] [--lang en] [--wait-model]
Uses a throwaway STUDYDESK_HOME unless one is set.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--lang", default="pt-BR")
    parser.add_argument("--wait-model", action="store_true", help="wait until the default model is loaded")
    parser.add_argument("--pages", nargs="*", help="page keys (default: all)")
    args = parser.parse_args()
    os.environ.setdefault("STUDYDESK_HOME", tempfile.mkdtemp(prefix="studydesk-shots-"))

    from PySide6.QtWidgets import QApplication

    from desktop.app import create_context, create_window
    from desktop.core.paths import app_paths
    from desktop.ui.pages import PAGES

    app = QApplication(sys.argv)
    ctx = create_context(app_paths())
    ctx.db.set_setting("theme", "dark" if args.dark else "light")
    ctx.db.set_setting("content_language", args.lang)
    window = create_window(ctx)
    window.resize(1280, 820)
    window.show()
    model = getattr(ctx, "model", None)
    if args.wait_model and model is not None:
        if hasattr(model, "load") and not model.is_loaded:
            model.load()
        deadline = time.monotonic() + 120
        while not model.is_loaded and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.05)
    args.out.mkdir(parents=True, exist_ok=True)
    for n, spec in enumerate(PAGES, start=1):
        if args.pages and spec.key not in args.pages:
            continue
        window.show_page(spec.key)
        end = time.monotonic() + 1.5
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)
        path = args.out / f"{n}-{spec.key}{'-dark' if args.dark else ''}.png"
        window.grab().save(str(path))
        print(path)
    window.close()
    if model is not None and hasattr(model, "shutdown"):
        model.shutdown()
    ctx.db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
