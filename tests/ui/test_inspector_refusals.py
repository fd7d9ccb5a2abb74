"""Fault 7 of round 16: the inspector's refusals were hard to see (a click on a matrix that holds no
weights was answered in the grey line at the window's foot, which the next hover overwrote; a key
for a greyed step button did nothing; a chain rule box typed past its range only had a tooltip; Step
mini-batch with no training points spoke in the playground's status bar, another window). Each
refusal is now said where the user acted: a note in the editor's colours at the cell, button or box."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.test_inspector_window import _click, _trace, _view, _window

pytestmark = pytest.mark.timeout(120)


def _note(win) -> QLabel | None:
    return next((c for c in win.children() if isinstance(c, QLabel) and c.objectName() == "refusal_note"), None)


def _near(note: QLabel, widget, at: QPoint | None = None, reach: int = 60) -> bool:
    """Whether ``note`` is shown within ``reach`` px (vertically) of ``at`` in ``widget`` (its bottom-left)."""
    spot = widget.mapTo(note.window(), at if at is not None else QPoint(0, widget.height()))
    box = note.geometry()
    return note.isVisible() and box.top() - reach <= spot.y() <= box.bottom() + reach and \
        box.left() - 4 <= max(0, spot.x()) <= box.right() + 4


def _not_grey(note: QLabel) -> bool:
    image = note.grab().toImage()
    ink = QColor(image.pixel(image.width() // 2, image.height() // 2))
    return ink.red() > ink.blue() + 20  # the pale yellow note (the window's grey has red = blue)


def test_a_click_on_a_matrix_with_no_weights_is_refused_at_the_cell(qtbot):
    win = _window(qtbot, _trace())
    win.show_layer(2)
    view = _view(win, "dZ[2]")
    _click(qtbot, view, 3, 0)
    note = _note(win)
    assert note is not None and "holds no weights" in note.text()
    assert _near(note, view.plot.viewport(), view.cell_point(3, 0)), (note.geometry(), view.cell_point(3, 0))
    assert _not_grey(note) and win.rect().contains(note.geometry())


def test_a_key_for_a_greyed_step_button_says_why_at_the_button(qtbot):
    win = _window(qtbot, _trace())
    win.show_layer(1)  # the end of the backward pass: Step layer is greyed
    assert not win.layer_button.isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_Right)
    note = _note(win)
    assert note is not None and "Layer 1 is the end of the backward pass" in note.text()
    assert _near(note, win.layer_button) and "Layer 1 is the end" in win.layer_button.toolTip()
    win.show_diverged(12)
    qtbot.keyClick(win, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert "diverged at epoch 12" in _note(win).text() and _near(_note(win), win.batch_button)


def test_a_chain_rule_box_typed_past_its_range_is_refused_under_the_box(qtbot):
    from nnplay.ui import spin_limits

    spin_limits.install()
    win = _window(qtbot, _trace())
    box = win.chain.pick_i
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "99")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    QApplication.processEvents()
    note = _note(win)
    assert note is not None and "99 refused" in note.text() and _near(note, box), note and note.text()


def test_step_mini_batch_with_no_training_points_is_refused_at_the_button(window, qtbot):
    c = window.controller
    window.inspect_action.trigger()
    inspector = window.inspector
    qtbot.waitUntil(lambda: inspector.trace is not None, timeout=15000)
    window.boundary.draw_clear.click()  # every point removed: nothing to train on
    qtbot.waitUntil(lambda: c.run_info is not None and not len(c.run_info.train_index), timeout=10000)
    inspector.batch_button.setEnabled(True)
    inspector.batch_button.click()
    note = _note(inspector)
    assert note is not None and "No training points" in note.text() and _near(note, inspector.batch_button)
    inspector.close()
