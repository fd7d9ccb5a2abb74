"""The line under the network diagram that reads out what the pointer is over.

It grew from one line ("Hover a neuron or a connection.") to three when a neuron
was hovered, and the drawing above it shrank: the neurons moved 5–13 px under the
pointer. ``HoverCaption`` keeps the height it is given (``reserve``: the lines
``diagram_room.fit_room`` leaves it) whatever its text, so hovering never moves
what is hovered; a text longer than those lines is cut at a word with "…" and
shown whole in the caption's tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy


class HoverCaption(QLabel):
    """A word-wrapped QLabel of a fixed number of lines (``reserve``); ``full``: its whole text."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.lines = 2
        self.full = ""
        self.extra_tip = ""  # a tooltip of its own (the colour key's, where the key is hidden), after the text
        self.setText(text)

    def text(self) -> str:
        """The whole text (``shown`` is what the caption draws)."""
        return self.full

    def shown(self) -> str:
        return super().text()

    def reserve(self, lines: int) -> None:
        """Keep ``lines`` lines of the font, whatever the text (its height never follows it)."""
        self.lines = max(1, int(lines))
        self.setFixedHeight(self.lines * self.fontMetrics().lineSpacing() + 2 * self.margin() + 2)
        self._show()

    def setText(self, text: str) -> None:
        self.full = str(text)
        self._show()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show()

    def _show(self) -> None:
        shown = fitted(self.full, self.fontMetrics(), max(1, self.contentsRect().width()), self.lines)
        tip = "" if shown == self.full else f"<p>{self.full}</p>"
        self.setToolTip(tip + self.extra_tip)
        if shown != super().text():
            super().setText(shown)


def fitted(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """``text`` as it is if it wraps into ``lines`` lines of ``width`` pixels, else cut
    at a word with "…" so that it does."""
    def fits(t: str) -> bool:
        rect = metrics.boundingRect(QRect(0, 0, width, 10 ** 6), int(Qt.TextFlag.TextWordWrap), t)
        return rect.height() <= lines * metrics.lineSpacing()

    if fits(text):
        return text
    words = text.split(" ")
    while len(words) > 1 and not fits(" ".join(words) + "…"):
        words.pop()
    return " ".join(words) + "…"
