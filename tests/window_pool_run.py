"""Whether the shared window's run is still the new one its last reset built (``tests/window_pool.py``).

A reset builds a new run of a new window's settings and waits for its first frame to
be drawn: the run's diagram and plots made afresh, and a paint of the whole window,
most of a reset's CPU. A test that sends the training process no command (one that
resizes, zooms, opens a dialog, reads a label) leaves that run exactly as it was
built, and the next reset keeps it.

``RunWatch(win)`` notes every command sent to ``win``'s training process (run A's:
a comparison's run B is made by commands to A, and stopped by the reset);
``mark()`` (after a reset) starts afresh; ``untouched()`` says nothing has touched
the run since: the same generation still at epoch 0, the same data object and a new
window's settings, and no command but a frame's acknowledgement, a pause (a paused
run stays as it is) or the new window's speed (which the reset itself sends). A
frame that arrives after ``mark()`` is one the reset asked for (its view requests).
"""

from __future__ import annotations


class RunWatch:
    """The commands sent to ``win``'s training process since ``mark()`` (see the module docstring)."""

    def __init__(self, win):
        self.win = win
        self.sent: list = []
        worker = win.controller.run.worker
        real = worker.send

        def send(command) -> None:
            self.sent.append(command)
            real(command)

        worker.send = send
        self._seen = None
        self.kept_now = False  # the last reset kept the run (set by SharedWindow)

    def mark(self) -> None:
        """The run is a new window's now (a reset or the build waited for its first frame)."""
        c = self.win.controller
        self.sent.clear()
        self._seen = (c.generation, c.data)

    def untouched(self) -> bool:
        """Nothing has changed the run since ``mark()``: the reset may keep it."""
        from nnplay.training import TrainConfig
        from nnplay.training.commands import Ack, Pause, SetSpeed
        from nnplay.ui.run_controls import DEFAULT_SPEED

        c, frame = self.win.controller, self.win.controller.last_frame
        if self._seen is None or frame is None:
            return False
        generation, data = self._seen
        return (c.generation == generation and frame.generation == generation and frame.snapshot.epoch == 0
                and c.data is data and c.csv_path is None and c.twin is None and not c.playing
                and c.config.to_text() == TrainConfig().to_text()
                and all(isinstance(cmd, (Ack, Pause)) or cmd == SetSpeed(DEFAULT_SPEED) for cmd in self.sent))
