"""Round 17, fault 3: a mouse click on a greyed-out inspector button gave its reason only in the
tooltip (a key showed a note at the button). Every disabled control with a reason, in the inspector and
in the window, answers a click with a refusal note at the pointer (``disabled_reason``), and a hover
with the same line."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from nnplay.ui.disabled_reason import REASON, reason_at
from tests.ui.test_inspector_refusals import _near, _not_grey, _note
from tests.ui.test_inspector_window import _trace, _window

pytestmark = pytest.mark.timeout(120)


def _click_greyed(qtbot, widget: QWidget, at: QPoint | None = None):
    """A real press and release on ``widget`` (disabled: Qt's widget ignores it); its note."""
    assert not widget.isEnabled()
    at = at if at is not None else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)
    return _note(widget.window())


def test_a_click_on_a_greyed_inspector_button_says_why_where_it_was_clicked(qtbot):
    win = _window(qtbot, _trace())
    win.show_layer(1)  # the end of the backward pass: Step layer is greyed
    at = QPoint(win.layer_button.width() - 6, win.layer_button.height() // 2)
    note = _click_greyed(qtbot, win.layer_button, at)
    assert note is not None and "Layer 1 is the end of the backward pass" in note.text()
    assert _near(note, win.layer_button, at, reach=30) and _not_grey(note) and win.rect().contains(note.geometry())
    win.show_layer(len(win.trace.layers))  # the output layer: "◀ Later layer" is greyed
    assert "output layer" in _click_greyed(qtbot, win.back_button).text()
    win.show_diverged(12)
    assert "diverged at epoch 12" in _click_greyed(qtbot, win.batch_button).text()


def test_every_greyed_control_of_the_window_with_a_reason_says_it_when_clicked(window, qtbot):
    """The window's disabled controls at the start (no regularisation: its rate; nothing drawn: Undo,
    Redo; a classification: Discretize is enabled) and after a change to a regression with a CSV-like
    set of 1 input, each clicked: its note says its reason, which the hover says too."""
    c = window.controller
    c.change(dataset="plane")  # a regression: Discretize and the drawing tools greyed
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.name.startswith("plane"), timeout=10000)
    greyed = [w for w in window.findChildren(QWidget) if getattr(w, REASON, None) is not None
              and not w.isEnabled() and w.isVisible()]
    names = {w.objectName() for w in greyed}
    assert {"regularization_rate", "draw_undo", "draw_redo", "discretize_output", "draw_add", "classes"} <= names
    for w in greyed:
        _, why = reason_at(w)
        note = _click_greyed(qtbot, w)
        assert note is not None and note.isVisible() and note.text() == why and len(why.splitlines()) == 1, w
        assert _near(note, w, w.rect().center(), reach=40), w.objectName()
        note.hide()
    assert "regression" in reason_at(window.network_panel.window().findChild(QWidget, "discretize_output"))[1]
    assert "no rate" in reason_at(window.network_panel.reg_rate)[1]
    c.change(dataset="circle")
    qtbot.waitUntil(lambda: c.run_info.data.name.startswith("circle"), timeout=10000)
    assert window.boundary.discretize.isEnabled()
    qtbot.mouseClick(window.boundary.discretize, Qt.MouseButton.LeftButton)  # enabled: it works, no note
    QApplication.processEvents()
    assert window.boundary.discretize.isChecked()
    window.boundary.discretize.setChecked(False)
