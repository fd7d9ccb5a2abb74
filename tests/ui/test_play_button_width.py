"""Play turning to Pause moves no toolbar button (they shifted by ~10 px)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QToolButton


def test_play_and_pause_keep_the_toolbar_still(window, qtbot):
    play = window.findChild(QToolButton, "play")
    step = window.findChild(QToolButton, "step")
    window.set_playing(False)
    QApplication.processEvents()
    before = (play.width(), step.x())
    window.set_playing(True)
    assert play.text() == "Pause"
    qtbot.waitUntil(lambda: play.width() >= play.minimumWidth(), timeout=2000)
    QApplication.processEvents()
    assert (play.width(), step.x()) == before
    window.presentation.set_zoom(1.5)  # a zoom measures the widest text again, in the larger font
    QApplication.processEvents()
    zoomed_pause = play.width()
    window.set_playing(False)
    QApplication.processEvents()
    assert play.width() == zoomed_pause and play.text() == "Play"
    window.presentation.set_zoom(1.0)
