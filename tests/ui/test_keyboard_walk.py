"""Tester's report item 1: the whole window works by keyboard. The window's
one-key shortcuts (Space plays, Right steps) give way to the control tabbed to
(Space presses a focused button, ticks a focused check box, Right moves a
focused slider), and Enter/Return presses a focused button: a lesson is opened,
set up, played and left for the next one with keys only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QSlider

K = Qt.Key


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _tab_to(qtbot, window, target, backwards: bool = False, most: int = 120) -> int:
    """Tab (Shift+Tab) until ``target`` has the focus; how many presses it took."""
    for n in range(most):
        if QApplication.focusWidget() is target:
            return n
        _press(qtbot, window, K.Key_Backtab if backwards else K.Key_Tab,
               Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier)
    raise AssertionError(f"{target.objectName()} never got the focus in {most} presses of Tab")


def test_a_lesson_is_opened_set_up_played_and_left_with_keys_only(window, qtbot):
    c = window.controller
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    _press(qtbot, window, K.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.lessons_dock.isVisible()
    panel = window.lessons_dock.widget()
    _press(qtbot, window, K.Key_Tab)  # once, so that Shift+Tab below starts inside the window's chain
    _tab_to(qtbot, window, panel.set_up_button)
    generation = c.generation
    _press(qtbot, window, K.Key_Space)  # presses Set up, does not start training
    qtbot.waitUntil(lambda: c.generation > generation, timeout=5000)
    assert not c.playing
    assert c.state.config == panel.lesson.config
    play = window.findChild(object, "play")
    _tab_to(qtbot, window, play, backwards=True)
    _press(qtbot, window, K.Key_Space)  # the focused Play button
    qtbot.waitUntil(lambda: c.playing, timeout=5000)
    _press(qtbot, window, K.Key_Return)  # Return presses it too: pause
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    _tab_to(qtbot, window, panel.next)
    _press(qtbot, window, K.Key_Return)
    qtbot.waitUntil(lambda: panel._index == 1, timeout=5000)
    assert not c.playing


def test_space_ticks_a_focused_check_box_and_right_moves_a_focused_slider(window, qtbot):
    c = window.controller
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    box = next(b for b in window.findChildren(QCheckBox) if b.isVisible() and b.isEnabled())
    box.clearFocus()  # (Qt may have focused it when the window opened: a Tab to it is a new focus)
    box.setFocus(Qt.FocusReason.TabFocusReason)
    ticked = box.isChecked()
    _press(qtbot, window, K.Key_Space)
    assert box.isChecked() != ticked and not c.playing
    slider = next(s for s in window.findChildren(QSlider) if s.isVisible() and s.isEnabled()
                  and s.value() < s.maximum())
    slider.setFocus(Qt.FocusReason.TabFocusReason)
    value, epoch = slider.value(), c.state.epoch
    _press(qtbot, window, K.Key_Right)
    assert slider.value() == value + slider.singleStep()
    qtbot.wait(300)
    assert c.state.epoch == epoch  # no epoch was stepped
    slider.clearFocus()  # with nothing focused, the window's keys are its shortcuts again
    _press(qtbot, window, K.Key_Space)
    assert c.playing
    _press(qtbot, window, K.Key_Space)
    assert not c.playing
    ticked = box.isChecked()
    box.setFocus(Qt.FocusReason.ActiveWindowFocusReason)  # as Qt focuses a window's first control when it opens
    _press(qtbot, window, K.Key_Space)  # not tabbed to: Space still plays
    assert c.playing and box.isChecked() == ticked
