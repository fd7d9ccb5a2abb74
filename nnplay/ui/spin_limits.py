"""A number typed into a spin box beyond its range is refused and said, never
swallowed into a different number.

Qt's spin boxes drop a keystroke that would take the text past the box's range
(typing 2000 into a box whose maximum was 16 left "2", without a word, and the box,
applying each digit as typed, had already rebuilt the network for 2). ``on_event``,
on the application's one event filter (``app_events``), watches the keys typed into every spin box of
every window (the Data and Network panels, the landscape's, the chain rule's, the
recording's, the import dialog's):

- a number typed is applied once, on Enter or when the box loses focus (the box's
  keyboard tracking is turned off at its first key), never digit by digit;
- a key that takes it past the range is shown as typed, with a note under the box
  and in its window's status bar ("at most 16");
- on Enter or focus out such a number is refused whole: the box shows its value
  again and the note says so, "at most 16: 2000 refused, kept 4".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDoubleSpinBox, QMainWindow, QToolTip

from ..user_text import shortened
from .refusal_note import refuse_near
from .app_events import watch

NOTE_MS = 4000  # how long the note stays


def limit_note(box: QAbstractSpinBox, typed: str) -> str:
    """"at most 9" / "at least 1" when ``typed`` (the key's text) at the box's cursor would
    make a number beyond ``box``'s range, else ""."""
    if not typed or not (typed.isdigit() or typed in ".,-"):
        return ""
    new = would_be(box, typed).replace(",", ".")
    decimals = box.decimals() if isinstance(box, QDoubleSpinBox) else 0
    if (new.startswith("-") or typed == "-") and box.minimum() >= 0:  # no sign can be typed, wherever the cursor is
        return f"at least {_exact(box.minimum(), decimals)}"
    value = _number(new)
    if value is None:
        return ""
    if value > box.maximum():
        return f"at most {_exact(box.maximum(), decimals)}"
    if value < box.minimum() and (new.startswith("-") or len(new) >= len(f"{box.minimum():.{decimals}f}")):
        return f"at least {_exact(box.minimum(), decimals)}"
    return ""


def would_be(box: QAbstractSpinBox, typed: str) -> str:
    """The number ``box`` would hold, as text, with ``typed`` typed at its cursor (over its selection)."""
    edit = box.lineEdit()
    text = edit.text()
    start = edit.selectionStart() if edit.hasSelectedText() else edit.cursorPosition()
    end = start + len(edit.selectedText()) if edit.hasSelectedText() else start
    new = text[:start] + typed + text[end:]
    return new.removeprefix(box.prefix()).removesuffix(box.suffix()).strip()


def _exact(bound: float, decimals: int) -> str:
    """A box's bound as it can be typed, exactly: 2,147,483,647 (not 2.147·10⁹), 0.5."""
    if decimals == 0:
        return f"{round(bound):,}"
    return f"{bound:.{decimals}f}".rstrip("0").rstrip(".")


def on_event(obj, event) -> bool:
    """The application's key and focus events (``app_events.watch``): refuses a number typed past
    an editable spin box's range, saying so; True (the key consumed) when the key was shown here
    as typed. The last note is kept in the box's ``limit_note`` property."""
    if not isinstance(obj, QAbstractSpinBox) or obj.isReadOnly():
        return False
    if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
        obj.setKeyboardTracking(False)  # digits typed are one number, applied on Enter: not 2, then 20, ...
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            refuse_out_of_range(obj)  # (then Qt applies the value left: the box's own, unchanged)
        elif note := limit_note(obj, event.text()):
            show_note(obj, note)
            typed = would_be(obj, event.text())
            if _number(typed) is not None:  # shown as typed (Qt would have dropped the key), refused on Enter
                at = obj.lineEdit().cursorPosition() + len(event.text())
                obj.lineEdit().setText(obj.prefix() + typed + obj.suffix())
                obj.lineEdit().setCursorPosition(len(obj.prefix()) + min(at, len(typed)))
            return True
    elif isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut:
        refuse_out_of_range(obj)
    return False


def _number(text: str) -> float | None:
    """The number a spin box's ``text`` (without prefix and suffix) reads as, a decimal comma
    and nnplay's minus sign taken; None when it is none."""
    try:
        return float(text.replace(",", ".").replace("\u2212", "-"))
    except ValueError:
        return None


def refuse_out_of_range(box: QAbstractSpinBox) -> bool:
    """When ``box``'s text is a number past its range: the box shows its value again and a
    note says what was refused and what is kept ("at most 16: 2000 refused, kept 4"); True then."""
    edit = box.lineEdit()
    typed = edit.text().removeprefix(box.prefix()).removesuffix(box.suffix()).strip()
    value = _number(typed)
    if value is None or box.minimum() <= value <= box.maximum():
        return False
    decimals = box.decimals() if isinstance(box, QDoubleSpinBox) else 0
    bound = f"at most {_exact(box.maximum(), decimals)}" if value > box.maximum() else \
        f"at least {_exact(box.minimum(), decimals)}"
    kept = box.textFromValue(box.value())
    edit.setText(box.prefix() + kept + box.suffix())
    box.selectAll()
    show_note(box, f"{bound}: {shortened(typed)} refused, kept {kept}")
    return True


def show_note(box: QAbstractSpinBox, note: str) -> None:
    """``note`` under ``box`` as a tooltip, and in its window's status bar, or in a window with none
    (a side window, a dialog) in a refusal note under the box alone (``refusal_note``: the tooltip as
    well stood over it, the same words twice, tester 23)."""
    box.setProperty("limit_note", note)
    window = box.window()
    if isinstance(window, QMainWindow) and window.statusBar() is not None:
        QToolTip.showText(box.mapToGlobal(QPoint(0, box.height())), note, box, box.rect(), NOTE_MS)
        label = shortened(box.accessibleName() or box.toolTip().split(":")[0].split(".")[0])
        window.statusBar().showMessage(f"{label}: {note}" if label else note, NOTE_MS)
    elif window is not box:  # a side window or dialog (the inspector's chain rule boxes): no status bar, and a
        refuse_near(box, note)  # tooltip alone went with the pointer


def install(app: QApplication | None = None) -> None:
    """Watch every spin box of ``app`` (the running application by default), once: ``on_event``
    on the application's one event filter (``app_events``), for key and focus events."""
    watch(QKeyEvent, on_event, app)
    watch(QFocusEvent, on_event, app)
