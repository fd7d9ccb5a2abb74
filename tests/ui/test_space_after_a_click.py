"""Space plays after a click anywhere that does not type (tester 13, live/h3c.png): a click on a
tab, a button or a plot left the keyboard focus in the number field clicked into before (a click
does not move it: widgets.leave_shortcuts_to_the_window), and Space typed into the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QSpinBox

K, LEFT, NO = Qt.Key, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def _press_space(qtbot, window):
    qtbot.keyClick(QApplication.focusWidget() or window, K.Key_Space)


def _target(window, which):
    """(widget, point) of a click that does not type: two tabs, a plot, the status bar."""
    bar = window.lower_tabs.tabBar()
    plot = window.curves.loss_plot
    return [(bar, bar.tabRect(1).center()), (bar, bar.tabRect(2).center()),
            (plot, QPoint(plot.width() // 2, plot.height() // 2)),
            (window.statusBar(), QPoint(window.statusBar().width() // 2, 5))][which]


def _seed(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    field = window.findChild(QSpinBox, "seed")
    field.setFocus(Qt.FocusReason.MouseFocusReason)  # as a click into it does
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    return field


@pytest.mark.parametrize("which", range(4))
def test_space_plays_after_a_click_that_leaves_a_number_field(window, qtbot, which):
    c = window.controller
    field = _seed(window, qtbot)
    qtbot.keyClick(field, K.Key_Minus)  # (the tester's "-": refused, the field still holds the focus)
    target, point = _target(window, which)
    QTest.mouseClick(target, LEFT, NO, point)
    assert not field.hasFocus(), which
    assert not c.playing
    _press_space(qtbot, window)
    qtbot.waitUntil(lambda: c.playing, timeout=5000)
    _press_space(qtbot, window)
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)


def test_a_click_in_the_field_itself_keeps_it_and_space_types_there(window, qtbot):
    field = _seed(window, qtbot)
    inner = field.lineEdit()
    QTest.mouseClick(inner, LEFT, NO, QPoint(12, inner.height() // 2))
    assert field.hasFocus()
    _press_space(qtbot, window)
    assert not window.controller.playing  # Space went to the field, which takes no space in a number


@pytest.mark.parametrize("how", ["key", "escape"])
def test_space_plays_after_the_diagrams_activation_menu_closes(window, qtbot, how):
    """Tester 16: Space plays after every popup closes (here the activation menu under a layer,
    closed by choosing with the keys or by Esc), never ticks or presses the control after it."""
    c, d = window.controller, window.diagram
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    boxes = {b: b.isChecked() for b in window.findChildren(QCheckBox)}
    item = d.activation_labels.items[0][0]
    pos = d.canvas.mapFromScene(item.sceneBoundingRect().center())
    QTest.mouseClick(d.canvas.viewport(), LEFT, NO, pos)
    menu = d.activation_labels.menu
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    if how == "key":
        qtbot.keyClick(menu, K.Key_Down)
        qtbot.keyClick(menu, K.Key_Return)
    else:
        qtbot.keyClick(menu, K.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)
    generation = c.generation
    # (the offscreen platform of the tests leaves the closed menu the active window; a desktop does not)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    _press_space(qtbot, window)
    qtbot.waitUntil(lambda: c.playing, timeout=5000)
    assert {b: b.isChecked() for b in window.findChildren(QCheckBox)} == boxes
    c.pause()
    assert c.generation >= generation
