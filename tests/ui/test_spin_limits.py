"""A number typed into a spin box beyond its range is said ("at most 9"), under the box
and in its window's status bar; Qt refused the keystroke without a word (99999 into a
box whose maximum is 9 left 9)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QMainWindow, QSpinBox, QVBoxLayout, QWidget

from nnplay.ui import spin_limits


def _window(qtbot, *boxes):
    spin_limits.install()
    win = QMainWindow()
    body = QWidget()
    layout = QVBoxLayout(body)
    for b in boxes:
        layout.addWidget(b)
    win.setCentralWidget(body)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_typing_past_the_maximum_is_said_and_the_value_kept(qtbot):
    box = QSpinBox()
    box.setRange(1, 9)
    box.setToolTip("How many classes: 1 to 9.")
    win = _window(qtbot, box)
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "99999")
    assert box.value() == 9 and box.property("limit_note") == "at most 9"
    assert win.statusBar().currentMessage() == "How many classes: at most 9"


def test_a_double_box_and_the_minimum_are_said_too(qtbot):
    box = QDoubleSpinBox()
    box.setRange(0.5, 5.0)
    box.setDecimals(1)
    box.setValue(2.0)
    win = _window(qtbot, box)  # noqa: F841  (kept: the box lives in it)
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "7")
    assert box.property("limit_note") == "at most 5"
    box.setProperty("limit_note", None)
    box.lineEdit().selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Minus)
    assert box.property("limit_note") == "at least 0.5"


def test_a_value_in_range_says_nothing(qtbot):
    box = QSpinBox()
    box.setRange(0, 2**31 - 1)
    win = _window(qtbot, box)  # noqa: F841  (kept: the box lives in it)
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "12345")
    assert box.value() == 12345 and box.property("limit_note") is None
    qtbot.keyClicks(box, "999999")
    assert box.property("limit_note") == "at most 2,147,483,647"  # exact, as it can be typed (not 2.147·10⁹)


def test_the_window_watches_every_spin_box_and_every_click_through_one_filter(window):
    """The spin boxes' keys, the clicks and the focus's moves (``focus_keys``) are watched by the
    application's one event filter (``app_events``), each handler once (a filter costs each event)."""
    from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QApplication

    from nnplay.ui import app_events, focus_keys

    events = getattr(QApplication.instance(), "_nnplay_events", None)
    assert isinstance(events, app_events.ApplicationEvents)
    assert sorted(events.handlers, key=str) == sorted([(QKeyEvent, spin_limits.on_key), (QFocusEvent, focus_keys._on_focus_out),
                                                      (QMouseEvent, focus_keys._on_click)], key=str)
    spin_limits.install()  # (a second call adds nothing)
    assert len(events.handlers) == 3


def test_a_minus_typed_after_the_digits_is_said_too(qtbot):
    """Tester 13: "-" typed into the seed box (0, the cursor after it) was refused without a word."""
    box = QSpinBox()
    box.setRange(0, 2**31 - 1)
    win = _window(qtbot, box)  # noqa: F841  (kept: the box lives in it)
    box.setFocus()
    box.lineEdit().setCursorPosition(len(box.lineEdit().text()))
    qtbot.keyClick(box, Qt.Key.Key_Minus)
    assert box.value() == 0 and box.property("limit_note") == "at least 0"
