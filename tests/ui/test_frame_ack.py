"""The run's acknowledgement of a frame (issue 20): the real window acknowledges each
frame when its paint starts (``OnePaintPerFrame.at_paint``), so the training process makes
the next frame while this one is painted, and one frame is still all that is in flight."""

from __future__ import annotations


def test_at_max_speed_the_window_paints_each_frame_once_while_the_next_is_made(window, qtbot, monkeypatch):
    """The real window at Max speed: every frame is acknowledged from its paint pass (held by
    ``one_paint``, before the paint), and the frames that come during a paint starve no paint:
    one pass between two acknowledgements, one frame drawn."""
    from nnplay.ui.worker import MAX_SPEED

    c, gate = window.controller, window.one_paint
    acks, at_paint = [], []
    send_ack, ack_at = c.run.worker.frame_done, c.run.ack_at
    monkeypatch.setattr(c.run.worker, "frame_done", lambda: (acks.append((c.run.frames_drawn, gate.passes)), send_ack()))

    def through_paint(fn):
        held = ack_at(fn)
        if held:
            at_paint.append(len(acks))  # (the index this frame's acknowledgement will have)
        return held

    monkeypatch.setattr(c.run, "ack_at", through_paint)
    c.set_speed(MAX_SPEED)
    c.play()
    try:
        qtbot.waitUntil(lambda: len(acks) >= 25, timeout=30000)
    finally:
        c.pause()
    steady = acks[5:25]  # (the first frames after Play: the run's start may send one unasked)
    drawn = [a[0] for a in steady]
    passes = [a[1] for a in steady]
    assert all(b - a == 1 for a, b in zip(drawn, drawn[1:])), drawn  # one frame drawn per acknowledgement
    # ... and a paint pass each (none starved by the next frame, none twice)
    assert all(b - a <= 1 for a, b in zip(passes, passes[1:])) and passes[-1] - passes[0] >= len(passes) - 3, passes
    assert set(range(5, 25)) <= set(at_paint)  # each acknowledged from its paint, none by the timer
