"""The application icon (desktop/assets/studydesk.svg, drawn for this project), for windows and dialogs."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop.core.paths import ICON_PATH


@cache
def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH))
