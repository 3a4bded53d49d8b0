"""The README's presentation-mode picture: the Sampling lab full screen on a 1920×1080 screen at 150 % zoom,
with the real default model loaded and 20 tokens generated.

Usage: .venv/bin/python scripts/presentation_screenshot.py [OUT.png] [--dark]
Renders offscreen on a virtual 1920×1080 screen; uses a throwaway STUDYDESK_HOME unless one is set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LINK = ("studydesk://lab/sampling?prompt=The%20capital%20of%20France%20is&temperature=0.8&top_k=40&top_p=0.95"
        "&min_p=0.05&mode=random&seed=7&max_new_tokens=20")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/presentation-mode.png"))
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("STUDYDESK_HOME", tempfile.mkdtemp(prefix="studydesk-present-"))
    screen = Path(tempfile.mkdtemp()) / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1920, "height": 1080,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"

    from PySide6.QtWidgets import QApplication

    from desktop.app import create_context, create_window
    from desktop.core.paths import app_paths

    app = QApplication(sys.argv)

    def wait(condition: Callable[[], bool], seconds: float) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not condition():
            app.processEvents()
            time.sleep(0.01)
        return condition()

    ctx = create_context(app_paths())
    ctx.db.set_setting("content_language", "en")
    ctx.db.set_setting("theme", "dark" if args.dark else "light")
    window = create_window(ctx)
    window.show()
    window.set_full_screen(True)
    ctx.set_zoom(150)
    ctx.model.load()
    if not wait(lambda: ctx.model.is_loaded, 180):
        print("the default model did not load", file=sys.stderr)
        return 1
    window.open_link(LINK)
    lab = window.page("lab")
    wait(lambda: lab.distribution() is not None, 60)
    lab.generate()
    wait(lambda: lab.is_busy, 5)
    wait(lambda: not lab.is_busy, 120)
    for _ in range(20):
        app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out))
    print(json.dumps({"out": str(args.out), "size": list(window.size().toTuple()), "full_screen": window.isFullScreen(),
                      "font_pt": app.font().pointSizeF(), "tokens": len(lab.generated())}))
    ctx.model.shutdown()
    ctx.db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
