"""Input widgets that read numbers the way either language writes them."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox


class DecimalSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox that shows the interface locale's decimal separator and accepts the other one too:
    "0.85" and "0,85" both mean 0.85 in pt-BR and in English."""

    def _local(self, text: str) -> str:
        point = self.locale().decimalPoint()
        other = "," if point == "." else "."
        return text.replace(other, point)

    def validate(self, text: str, pos: int) -> object:
        return super().validate(self._local(text), pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt API)
        return super().valueFromText(self._local(text))

    def fixup(self, text: str) -> str:
        return super().fixup(self._local(text))

