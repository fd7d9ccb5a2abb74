"""A number typed into a spin box beyond its range is said, not swallowed.

Qt's spin boxes refuse a keystroke that would take the text past the box's range
(typing 99999 into a box whose maximum is 9 left "9", without a word). ``on_key``,
on the application's one event filter (``app_events``), watches the keys typed into every spin box of
every window (the Data and Network panels, the landscape's, the chain rule's, the
recording's) and shows a note under the box, "at most 9" or "at least 1", in the
status bar of its window too, when the digits typed would leave the range.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDoubleSpinBox, QMainWindow, QToolTip

from ..user_text import shortened
from .app_events import watch

NOTE_MS = 4000  # how long the note stays


def limit_note(box: QAbstractSpinBox, typed: str) -> str:
    """"at most 9" / "at least 1" when ``typed`` (the key's text) at the box's cursor would
    make a number beyond ``box``'s range, else ""."""
    if not typed or not (typed.isdigit() or typed in ".,-"):
        return ""
    edit = box.lineEdit()
    text = edit.text()
    start = edit.selectionStart() if edit.hasSelectedText() else edit.cursorPosition()
    end = start + len(edit.selectedText()) if edit.hasSelectedText() else start
    new = text[:start] + typed + text[end:]
    new = new.removeprefix(box.prefix()).removesuffix(box.suffix()).strip().replace(",", ".")
    decimals = box.decimals() if isinstance(box, QDoubleSpinBox) else 0
    if (new.startswith("-") or typed == "-") and box.minimum() >= 0:  # no sign can be typed, wherever the cursor is
        return f"at least {_exact(box.minimum(), decimals)}"
    try:
        value = float(new)
    except ValueError:
        return ""
    if value > box.maximum():
        return f"at most {_exact(box.maximum(), decimals)}"
    if value < box.minimum() and (new.startswith("-") or len(new) >= len(f"{box.minimum():.{decimals}f}")):
        return f"at least {_exact(box.minimum(), decimals)}"
    return ""


def _exact(bound: float, decimals: int) -> str:
    """A box's bound as it can be typed, exactly: 2,147,483,647 (not 2.147·10⁹), 0.5."""
    if decimals == 0:
        return f"{round(bound):,}"
    return f"{bound:.{decimals}f}".rstrip("0").rstrip(".")


def on_key(obj, event) -> None:
    """The application's key events (``app_events.watch``): a key press in an editable spin box
    that would take its number past the range shows the note (``show_note``); the key goes on."""
    if event.type() == QEvent.Type.KeyPress and isinstance(obj, QAbstractSpinBox) and not obj.isReadOnly():
        if note := limit_note(obj, event.text()):
            show_note(obj, note)


def show_note(box: QAbstractSpinBox, note: str) -> None:
    """``note`` under ``box`` as a tooltip, and in its window's status bar."""
    box.setProperty("limit_note", note)
    QToolTip.showText(box.mapToGlobal(QPoint(0, box.height())), note, box, box.rect(), NOTE_MS)
    window = box.window()
    if isinstance(window, QMainWindow) and window.statusBar() is not None:
        label = shortened(box.accessibleName() or box.toolTip().split(":")[0].split(".")[0])
        window.statusBar().showMessage(f"{label}: {note}" if label else note, NOTE_MS)


def install(app: QApplication | None = None) -> None:
    """Watch every spin box of ``app`` (the running application by default), once: ``on_key``
    on the application's one event filter (``app_events``)."""
    watch(QKeyEvent, on_key, app)
