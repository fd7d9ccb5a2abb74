"""Tester 20 item 2: a button that kept the focus (Clear, after File > Record... > Close) was
pressed by the next Space after a click on an empty part of a panel, and 2,000 loaded points were
gone. A click on a panel's background takes the focus as a click on a plot does (Space plays), and
Clear says what it removed and how to have it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

K = Qt.Key


@pytest.mark.parametrize("heading", ["section_output", "section_data", "section_network"])
def test_space_plays_after_a_click_on_a_panel_background(window, qtbot, heading):
    c = window.controller
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    clear = window.boundary.draw_clear
    points = c.data.n_examples
    clear.setFocus(Qt.FocusReason.TabFocusReason)  # a Clear tabbed to, and left focused
    qtbot.waitUntil(clear.hasFocus, timeout=2000)
    label = window.findChild(QLabel, heading)
    assert label is not None and label.isVisible()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(label.width() - 2, label.height() // 2))
    assert not clear.hasFocus()
    qtbot.keyClick(QApplication.focusWidget() or window, K.Key_Space)
    qtbot.waitUntil(lambda: c.playing, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or window, K.Key_Space)
    qtbot.waitUntil(lambda: not c.playing, timeout=5000)
    assert c.data.n_examples == points


def test_clear_says_how_many_points_it_removed_and_how_to_undo(window, qtbot):
    c = window.controller
    points = c.data.n_examples
    assert points > 0
    window.boundary.draw_clear.click()
    qtbot.waitUntil(lambda: c.data.n_examples == 0, timeout=5000)
    message = window.statusBar().currentMessage()
    assert f"Cleared {points:,} points" in message and "Undo" in message, message
    window.boundary.draw_undo.click()
    qtbot.waitUntil(lambda: c.data.n_examples == points, timeout=5000)
