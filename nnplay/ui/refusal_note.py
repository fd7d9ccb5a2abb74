"""A refusal said where the user acted, in a window with no status bar of its own (the backprop
inspector, the other side windows): a note in the parameter editor's colours (dark red on pale
yellow, bordered) at the control or the matrix cell the user used, for NOTE_MS, instead of a
line at the window's foot in its ordinary grey, overwritten by the next hover, or a tooltip that
a move of the pointer takes away (tester: the inspector's refusals were hard to see)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QLabel, QWidget

NOTE_STYLE = "QLabel { background: #fff4d6; color: #5a0000; border: 1px solid #b07a00; padding: 2px 4px; }"
NOTE_WIDTH = 300  # the note's widest, in pixels (it wraps to lines within it)
NOTE_MS = 6000  # how long a refusal stays (the next one replaces it)


def refuse_near(widget: QWidget, text: str, at: QPoint | None = None) -> QLabel:
    """Show ``text`` in the refusal note of ``widget``'s window, just under ``at`` (``widget``'s
    coordinates; its bottom-left corner by default), above it where there is no room below, always
    within the window; the note is returned (its ``objectName`` is ``refusal_note``)."""
    window = widget.window()
    note = next((c for c in window.children() if isinstance(c, QLabel) and c.objectName() == "refusal_note"), None)
    if note is None:
        note = QLabel(window)
        note.setObjectName("refusal_note")
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        note.timer = QTimer(note)
        note.timer.setSingleShot(True)
        note.timer.timeout.connect(note.hide)
    note.setText(text)
    width = min(NOTE_WIDTH, window.width())
    note.resize(width, note.heightForWidth(width))
    spot = widget.mapTo(window, at if at is not None else QPoint(0, widget.height()))
    y = spot.y() + 4 if spot.y() + 4 + note.height() <= window.height() else spot.y() - 4 - note.height()
    note.move(min(max(0, spot.x()), max(0, window.width() - width)), min(max(0, y), max(0, window.height() - note.height())))
    note.show()
    note.raise_()
    note.timer.start(NOTE_MS)
    return note
