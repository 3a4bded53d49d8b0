"""Light and dark palettes. "system" follows the desktop's colour scheme and its changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

THEMES = ("system", "light", "dark")


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor(30, 31, 34), QColor(43, 45, 48), QColor(223, 225, 229)
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, window)
    p.setColor(QPalette.ColorRole.ToolTipBase, window)
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, window)
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor(255, 90, 90))
    p.setColor(QPalette.ColorRole.Link, QColor(110, 170, 255))
    p.setColor(QPalette.ColorRole.Highlight, QColor(53, 116, 240))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    # Placeholders and secondary text (captions, notes: `color: palette(placeholder-text)`): 4.5:1 on the window.
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(150, 153, 160))
    # Mid serves grid lines and borders, and secondary text in some pages: readable, not glaring.
    p.setColor(QPalette.ColorRole.Mid, QColor(112, 115, 122))
    p.setColor(QPalette.ColorRole.Dark, QColor(24, 25, 27))
    p.setColor(QPalette.ColorRole.Light, QColor(70, 72, 76))
    p.setColor(QPalette.ColorRole.Midlight, QColor(60, 62, 66))
    p.setColor(QPalette.ColorRole.Shadow, QColor(10, 10, 10))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 122, 128))
    return p


def _light_palette() -> QPalette:
    p = QPalette()
    p.setColor(QPalette.ColorRole.Window, QColor(246, 247, 249))
    p.setColor(QPalette.ColorRole.WindowText, QColor(28, 30, 33))
    p.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(240, 242, 245))
    p.setColor(QPalette.ColorRole.Text, QColor(28, 30, 33))
    p.setColor(QPalette.ColorRole.Button, QColor(240, 241, 244))
    p.setColor(QPalette.ColorRole.ButtonText, QColor(28, 30, 33))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(255, 255, 240))
    p.setColor(QPalette.ColorRole.ToolTipText, QColor(28, 30, 33))
    p.setColor(QPalette.ColorRole.Link, QColor(20, 90, 200))
    p.setColor(QPalette.ColorRole.Highlight, QColor(53, 116, 240))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(100, 104, 111))  # secondary text too: 4.5:1 at least
    # setColor above fills every colour group, so without this a disabled button reads exactly like an enabled one.
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(150, 153, 160))
    return p


class _IndicatorStyle(QProxyStyle):
    """Fusion outlines check boxes and radio buttons with the window colour darkened, which vanishes on a dark
    window; draw those indicators as if on a mid-grey window so their rim shows."""

    _INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton,
                   QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: object,  # noqa: N802
                      widget: QWidget | None = None) -> None:
        if element in self._INDICATORS and option.palette.color(QPalette.ColorRole.Window).lightness() < 128:
            option = type(option)(option)
            option.palette.setColor(QPalette.ColorRole.Window, INDICATOR_RIM_WINDOW)
        super().drawPrimitive(element, option, painter, widget)


INDICATOR_RIM_WINDOW = QColor(170, 173, 180)  # Fusion darkens it by 140% for the rim: a readable mid grey


def apply_theme(app: QApplication, mode: str) -> bool:
    """Apply "system", "light" or "dark"; return True when the result is dark."""
    dark = system_is_dark() if mode == "system" else mode == "dark"
    if not isinstance(app.style(), _IndicatorStyle):
        app.setStyle(_IndicatorStyle("Fusion"))
    app.setPalette(_dark_palette() if dark else _light_palette())
    return dark


def restyle_widgets() -> None:
    """Re-apply every widget's style sheet. Qt resolves `palette(...)` in a style sheet, and the palette of a
    widget that has one, when the sheet is set: without this a card stays dark on a light page after a switch."""
    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)
