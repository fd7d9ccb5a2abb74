"""A number typed into a spin box beyond its range is said ("at most 9"), under the box
and in its window's status bar; Qt refused the keystroke without a word (99999 into a
box whose maximum is 9 left 9)."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QMainWindow, QSpinBox, QVBoxLayout, QWidget

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
    assert box.value() == 1 and box.property("limit_note") == "at most 9"
    assert win.statusBar().currentMessage() == "How many classes: at most 9"
    assert box.lineEdit().text() == "99999"  # as typed, not the first digit kept
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == 1 and box.text() == "1"  # refused whole
    assert box.property("limit_note") == "at most 9: 99999 refused, kept 1"


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
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == 12345 and box.property("limit_note") is None
    box.lineEdit().deselect()
    box.lineEdit().end(False)
    qtbot.keyClicks(box, "999999")
    assert box.property("limit_note") == "at most 2,147,483,647"  # exact, as it can be typed (not 2.147·10⁹)


def test_the_window_watches_every_spin_box_and_every_click_through_one_filter(window):
    """The spin boxes' keys, the clicks and the focus's moves (``focus_keys``), the check boxes
    polished (``zoom_style``) and the presses and hovers on greyed controls (``disabled_reason``) are watched by the application's one event filter (``app_events``),
    each handler once (a filter costs each event)."""
    from PySide6.QtCore import QChildEvent
    from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QApplication

    from PySide6.QtGui import QHelpEvent

    from nnplay.ui import app_events, disabled_reason, focus_keys, zoom_style

    events = getattr(QApplication.instance(), "_nnplay_events", None)
    assert isinstance(events, app_events.ApplicationEvents)
    assert sorted(events.handlers, key=str) == sorted([(QKeyEvent, spin_limits.on_event), (QFocusEvent, spin_limits.on_event),
                                                      (QFocusEvent, focus_keys._on_focus_out),
                                                      (QMouseEvent, focus_keys._on_click),
                                                      (QChildEvent, zoom_style._zoom_indicators),
                                                      (QMouseEvent, disabled_reason._pressed),  # (greyed: why)
                                                      (QHelpEvent, disabled_reason._hovered)], key=str)
    spin_limits.install()  # (a second call adds nothing)
    zoom_style.install(QApplication.instance())
    disabled_reason.give_reason(QWidget(), lambda: None)  # (a second widget adds no handler)
    assert len(events.handlers) == 7


def test_a_handler_that_answers_true_consumes_the_event_and_others_do_not(qtbot):
    """``app_events``: a key a handler took (True) never reaches its widget; None lets it go on."""
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from nnplay.ui import app_events

    edit = QLineEdit()
    qtbot.addWidget(edit)
    seen: list[str] = []
    take = {"x"}

    def handler(obj, event):
        if obj is edit and event.type() == QKeyEvent.Type.KeyPress:
            seen.append(event.text())
            return event.text() in take
        return None

    app_events.watch(QKeyEvent, handler)
    events = QApplication.instance()._nnplay_events
    try:
        qtbot.keyClicks(edit, "axb")
    finally:
        events.remove(QKeyEvent, handler)
    assert seen == ["a", "x", "b"] and edit.text() == "ab"


def test_a_minus_typed_after_the_digits_is_said_too(qtbot):
    """Tester 13: "-" typed into the seed box (0, the cursor after it) was refused without a word."""
    box = QSpinBox()
    box.setRange(0, 2**31 - 1)
    win = _window(qtbot, box)  # noqa: F841  (kept: the box lives in it)
    box.setFocus()
    box.lineEdit().setCursorPosition(len(box.lineEdit().text()))
    qtbot.keyClick(box, Qt.Key.Key_Minus)
    assert box.value() == 0 and box.property("limit_note") == "at least 0"


def test_a_layer_width_typed_past_the_range_is_refused_not_cut_to_its_first_digit(qtbot):
    """Tester 17: "2000" typed into a neuron box (at most 16) became 2, and the network was
    rebuilt for 2 at the first digit, without a word."""
    box = QSpinBox()
    box.setRange(1, 16)
    box.setValue(4)
    box.setAccessibleName("neurons in layer 1")
    seen = []
    box.valueChanged.connect(seen.append)
    win = _window(qtbot, box)
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "2000")
    assert seen == [] and box.lineEdit().text() == "2000"  # nothing applied digit by digit
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert seen == [] and box.value() == 4
    assert win.statusBar().currentMessage() == "neurons in layer 1: at most 16: 2000 refused, kept 4"
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "12")
    assert seen == []
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert seen == [12]  # a number that fits: applied once, on Enter


def test_a_number_left_past_the_range_is_refused_when_the_box_loses_focus(qtbot):
    box, other = QSpinBox(), QSpinBox()
    box.setRange(1, 16)
    box.setValue(4)
    win = _window(qtbot, box, other)  # noqa: F841  (kept: the boxes live in it)
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "99")
    # the focus leaving it (sent: a test's window is not always the active one, which alone gets focus events)
    QApplication.sendEvent(box, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    assert box.value() == 4 and box.text() == "4" and box.property("limit_note") == "at most 16: 99 refused, kept 4"


def test_the_neuron_boxes_take_the_settings_texts_limit(window):
    from nnplay.training.setting_ranges import HIDDEN_MAX

    boxes = window.network_panel.neuron_boxes
    assert boxes and all(b.maximum() == HIDDEN_MAX for b in boxes)


def test_in_a_dialog_the_note_is_said_once(qtbot, monkeypatch):
    """Tester 23: 1000 typed into the export's scale box (at most 8) showed a tooltip and the refusal note
    under the box, the same words twice. A window with no status bar shows the note alone."""
    from PySide6.QtWidgets import QDialog, QToolTip

    spin_limits.install()
    tips = []
    monkeypatch.setattr(QToolTip, "showText", lambda *a: tips.append(a[1]))
    dialog = QDialog()
    box = QDoubleSpinBox(dialog)
    box.setRange(0.5, 8.0)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "1000")
    notes = [c for c in dialog.children() if c.objectName() == "refusal_note"]
    assert box.property("limit_note").startswith("at most 8")
    assert len(notes) == 1 and notes[0].isVisible() and notes[0].text().startswith("at most 8") and tips == []
