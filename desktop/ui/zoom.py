"""Whole-interface zoom (presentation mode): one factor scales the application font, and everything that sizes
text derives it from that font, so Ctrl+= grows labels, buttons, tables, chart labels and token chips together.

Widgets never hard-code a point size: one that wants bigger or smaller text than its neighbours calls
`set_relative_font(widget, scale)`, which remembers the scale on the widget and re-applies it when the zoom
changes. Painted text (charts, custom paintEvents) reads `relative_font()` or the widget's own font when it
paints or restyles.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200)  # percent
DEFAULT_ZOOM = 100
SETTING_ZOOM = "interface_zoom"
# Qt's fallback font on a desktop without a platform theme (a minimal Linux, Windows' 9 pt) reads small on a
# projector; 100 % is never below this, so that 150 % gives chart labels and text of at least 14 pt.
MIN_BASE_POINT_SIZE = 10.0
_BASE_PROPERTY = "studydesk_base_point_size"  # the desktop's own font size, kept on the QApplication
_SCALE_PROPERTY = "studydesk_font_scale"
_BOLD_PROPERTY = "studydesk_font_bold"


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def base_point_size() -> float:
    """The point size of the desktop's font before any zoom (recorded the first time it is asked for)."""
    app = _app()
    base = app.property(_BASE_PROPERTY)
    if not base:
        font = app.font()
        base = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
        base = max(base, MIN_BASE_POINT_SIZE)
        app.setProperty(_BASE_PROPERTY, float(base))
    return float(base)


def nearest_step(percent: float) -> int:
    return min(ZOOM_STEPS, key=lambda step: abs(step - percent))


def step_in(percent: int) -> int:
    bigger = [s for s in ZOOM_STEPS if s > percent]
    return bigger[0] if bigger else ZOOM_STEPS[-1]


def step_out(percent: int) -> int:
    smaller = [s for s in ZOOM_STEPS if s < percent]
    return smaller[-1] if smaller else ZOOM_STEPS[0]


def current_zoom() -> int:
    """The zoom in effect, in percent, read back from the application font."""
    return round(100 * _app().font().pointSizeF() / base_point_size())


def apply_zoom(percent: int) -> None:
    """Scale the application font to `percent` of the desktop's size and re-apply every relative font."""
    app = _app()
    font = QFont(app.font())
    font.setPointSizeF(round(base_point_size() * percent / 100, 2))
    if font.pointSizeF() != app.font().pointSizeF():
        app.setFont(font)
    refresh_relative_fonts()


def relative_font(scale: float = 1.0, bold: bool = False, base: QFont | None = None) -> QFont:
    """`base` (the application font when None) at `scale` times its size: for painted text and chart labels."""
    font = QFont(base if base is not None else _app().font())
    font.setPointSizeF(max(round(font.pointSizeF() * scale, 2), 1.0))
    if bold:
        font.setBold(True)
    return font


def set_relative_font(widget: QWidget, scale: float = 1.0, bold: bool = False) -> None:
    """Give `widget` the application font times `scale` (bold if asked), now and after every zoom change."""
    widget.setProperty(_SCALE_PROPERTY, float(scale))
    widget.setProperty(_BOLD_PROPERTY, bool(bold))
    _apply_relative(widget)


def _apply_relative(widget: QWidget) -> None:
    scale = widget.property(_SCALE_PROPERTY)
    font = relative_font(float(scale), bool(widget.property(_BOLD_PROPERTY)), base=_app().font())
    # Keep the family and other attributes the widget chose (a monospace table stays monospace).
    own = QFont(widget.font())
    own.setPointSizeF(font.pointSizeF())
    if font.bold():
        own.setBold(True)
    widget.setFont(own)


def refresh_relative_fonts() -> None:
    for widget in QApplication.allWidgets():
        if widget.property(_SCALE_PROPERTY) is not None:
            _apply_relative(widget)
