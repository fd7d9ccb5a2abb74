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


def test_the_start_hint_comes_back_after_a_message_for_a_while(window, qtbot):
    """Round 22: a zoom step's "Zoom 125%" replaced the start's hint, which never came back."""
    from nnplay.ui.run_controls import START_HINT

    bar, c = window.statusBar(), window.controller
    try:
        bar.set_hint(START_HINT)
        assert bar.currentMessage() == START_HINT
        window.presentation.step_zoom(1)
        assert bar.currentMessage().startswith("Zoom ")
        bar.showMessage("Zoom 110%", 50)  # (the step's message, made short)
        qtbot.waitUntil(lambda: bar.currentMessage() == START_HINT, timeout=2000)
        bar.showMessage("Exported x.png")
        bar.clearMessage()  # a message cleared: the hint again
        assert bar.currentMessage() == START_HINT
        c.play()
        qtbot.waitUntil(lambda: c.state.playing, timeout=5000)
        assert bar.currentMessage() == ""
        bar.showMessage("Saved s.nnplay", 50)
        qtbot.wait(150)
        assert bar.currentMessage() == ""  # (once training played, no more)
    finally:
        c.pause()
        bar.set_hint("")
        window.presentation.step_zoom(0)
