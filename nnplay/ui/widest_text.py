"""A button whose text takes turns (Play / Pause) keeps the width of its widest
text, so the buttons beside it do not move by ~10 px when it changes.

``keep_widest(button, texts)`` measures the button's size hint with each text
and sets that width as its minimum; a change of font or style (a presentation
zoom) measures again, once the button has taken it in (``after_font_change``): measured
as the event reached it, the hint of its own text was still the old font's (a QToolButton
keeps its hint until its text changes), and after ×1.6 and back Play kept its zoomed
width, the toolbar's buttons beside it 8 px to the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractButton

from .widgets import after_font_change


def keep_widest(button: QAbstractButton, texts) -> None:
    """Keep ``button`` at least as wide as its widest of ``texts`` needs."""
    texts = tuple(texts)

    def measure() -> None:
        shown = button.text()
        button.setMinimumWidth(0)
        widths = []
        for text in texts:
            button.setText(text)
            widths.append(button.sizeHint().width())
        button.setText(shown)
        button.setMinimumWidth(max(widths))

    measure()
    after_font_change(button, measure, (QEvent.Type.FontChange, QEvent.Type.StyleChange))
