"""The status bar's "Learning rate 0.1, applied from the next step." answers a change of the rate
alone; opening a session (tester 18: Open recent, a restored session) is no such change."""

from __future__ import annotations


def test_the_rate_s_note_follows_a_rate_change_not_an_opened_session(window, qtbot, tmp_path):
    c, bar = window.controller, window.statusBar()
    qtbot.waitUntil(lambda: c.last_frame is not None, timeout=10000)
    c.change(lr=0.1)
    assert bar.currentMessage() == "Learning rate 0.1, applied from the next step."
    path = tmp_path / "run.nnplay"
    with qtbot.waitSignal(c.session_saved, timeout=10000):
        c.save_session(str(path))
    c.change(lr=0.3)
    bar.clearMessage()
    generation = c.generation
    assert c.open_session(str(path))
    qtbot.waitUntil(lambda: c.config.lr == 0.1 and c.generation != generation, timeout=10000)
    assert "applied from the next step" not in bar.currentMessage()
