"""Typing one weight or bias in the network diagram: a small line edit that
opens where the user clicked a link (a weight) or a neuron (its bias).

Enter applies a finite number and closes; Esc (or clicking elsewhere) closes
and changes nothing; anything that is not a finite number turns the field red,
says why in a note right under it (and its tooltip) and changes nothing. Closing
gives the keyboard focus back to the window, not to the next control in the chain,
so that Space plays again (tester 16: it ticked "Show test data"). The mouse wheel over the field
(or Up/Down) scrubs the value in steps of 0.05 (0.01 with Ctrl), applied at
once, so the output picture follows it live."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ..numbers import format_number, read_number
from ..training.parameter_edit import checked_value
from .refusal_note import NOTE_STYLE, NOTE_WIDTH
from .widgets import width_for_text

STEP = 0.05
FINE_STEP = 0.01
BAD_STYLE = "QLineEdit { background: #f3c4c4; color: #5a0000; }"


def parse_value(text: str) -> float:
    """The number typed, as a float: ValueError, one line, unless it is a finite number."""
    text = text.strip()
    if not text:
        raise ValueError("type a number (Esc leaves the value as it is)")
    try:
        value = float(read_number(text))
    except ValueError:
        raise ValueError(f"{text!r} is not a finite number; the value is unchanged") from None
    try:
        return checked_value(value)
    except ValueError as exc:  # (inf, nan; 1e300, whose square overflows)
        raise ValueError(f"{text!r}: {str(exc).partition(', got')[0]}; the value is unchanged") from None


class ParameterEditor(QLineEdit):
    """The inline editor. ``open_at`` shows it for one parameter; ``applied``
    carries each value to set (Enter, or every scrub step)."""

    applied = Signal(float)
    closed = Signal(bool)  # True when a value was applied, False when cancelled

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("parameter_editor")
        self.setAccessibleName("parameter value")
        self.setToolTip("Type a value and press Enter; Esc cancels. The wheel or Up/Down scrubs it live.")
        width_for_text(self, "-0.0000000", 16, fixed=True)
        self.hide()
        self.note = QLabel(parent)  # the reason a value is refused, seen without hovering
        self.note.setObjectName("parameter_editor_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.hide()
        self.label = ""
        self._closing = False
        self.error = ""
        self._shown = ""
        self.returnPressed.connect(self.commit)
        self.textEdited.connect(lambda _: self._mark(""))

    def open_at(self, pos: QPoint, label: str, value: float) -> None:
        """Show the editor at ``pos`` (parent coordinates) holding ``value`` of the
        parameter named ``label`` (e.g. "W[1][2, 1]")."""
        self.label = label
        self._shown = format_number(value, 6, plain=True) if math.isfinite(value) else ""
        self.setText(self._shown)
        self._mark("")
        parent = self.parentWidget()
        x = min(max(0, pos.x()), max(0, parent.width() - self.width()))
        y = min(max(0, pos.y()), max(0, parent.height() - self.height()))
        self.move(x, y)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.selectAll()

    def commit(self) -> bool:
        """Apply what is typed (and close) if it is a finite number; otherwise mark it
        red. The value as shown, untouched, closes without a change (it is rounded)."""
        if self.text() == self._shown:
            self.close_editor(False)
            return True
        try:
            value = parse_value(self.text())
        except ValueError as exc:
            self._mark(str(exc))
            return False
        self.applied.emit(value)
        self.close_editor(True)
        return True

    def close_editor(self, applied: bool = False) -> None:
        self.note.hide()
        if self.isVisible():
            self._closing = True  # (the focus-out below is this close, not a click elsewhere)
            if self.hasFocus():
                self.clearFocus()  # (hidden with the focus, Qt would pass it on to the next control as a Tab)
            self._closing = False
            self.hide()
            self.closed.emit(applied)

    def scrub(self, steps: float) -> None:
        """Move the value by ``steps`` steps and apply it at once (nothing when the
        field does not hold a number)."""
        try:
            value = parse_value(self.text())
        except ValueError as exc:
            self._mark(str(exc))
            return
        value = round(value + steps, 6)
        self.setText(format_number(value, 6, plain=True))
        self._mark("")
        self.applied.emit(value)

    def _mark(self, error: str) -> None:
        self.error = error
        self.setStyleSheet(BAD_STYLE if error else "")
        self.setToolTip(error or "Type a value and press Enter; Esc cancels. The wheel or Up/Down scrubs it live.")
        if error:
            self._show_note(error)
        else:
            self.note.hide()

    def _show_note(self, error: str) -> None:
        """``error`` in the note under the field (above it when there is no room below), within its parent."""
        parent, note = self.parentWidget(), self.note
        note.setText(error)
        width = min(NOTE_WIDTH, max(self.width(), parent.width()))
        note.resize(width, note.heightForWidth(width))
        x = min(max(0, self.x()), max(0, parent.width() - width))
        below = self.y() + self.height() + 2
        y = below if below + note.height() <= parent.height() else max(0, self.y() - note.height() - 2)
        note.move(x, y)
        note.show()
        note.raise_()

    # ----------------------------------------------------------------- events
    def keyPressEvent(self, ev: QKeyEvent) -> None:
        key = ev.key()
        if key == Qt.Key.Key_Escape:
            self.close_editor()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = FINE_STEP if ev.modifiers() & Qt.KeyboardModifier.ControlModifier else STEP
            self.scrub(step if key == Qt.Key.Key_Up else -step)
        else:
            super().keyPressEvent(ev)

    def wheelEvent(self, ev: QWheelEvent) -> None:
        notches = ev.angleDelta().y() / 120
        if notches:
            fine = ev.modifiers() & Qt.KeyboardModifier.ControlModifier
            self.scrub(notches * (FINE_STEP if fine else STEP))
        ev.accept()

    def focusOutEvent(self, ev) -> None:
        super().focusOutEvent(ev)
        if ev.reason() != Qt.FocusReason.PopupFocusReason and not self._closing:
            self.close_editor()
