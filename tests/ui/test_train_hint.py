"""The status line's "Press Space to train, Right to step one epoch, R to reset." stayed while training played
(and a lesson's "Lesson set up: ... Press Space to train."): a hint for a paused run goes when it plays."""

import pytest


@pytest.mark.parametrize("hint", ["Press Space to train, Right to step one epoch, R to reset.",
                                  "Lesson set up: Solve XOR by hand. Press Space to train."])
def test_the_hint_to_press_space_goes_when_training_plays(window, qtbot, hint):
    c = window.controller
    window.statusBar().showMessage(hint)
    c.play()
    qtbot.waitUntil(lambda: window.controller.state.playing, timeout=5000)
    assert "Press Space" not in window.statusBar().currentMessage()
    c.pause()
    window.statusBar().showMessage("Zoom 150%")  # any other message stays
    c.play()
    assert window.statusBar().currentMessage() == "Zoom 150%"
    c.pause()
