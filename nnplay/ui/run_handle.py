"""One training process as the window sees it, for run A and run B alike.

``RunHandle`` owns a ``TrainingThread`` (the relay to the training process),
the generation number of the run it is showing, that run's ``RunInfo`` and last
``Frame``, and the acknowledgement that lets the loop send the next frame.
Frames and run starts of any other generation are dropped here, so that whoever
listens sees only the current run.

Should the training process die (killed, out of memory), the next command that
needs a run (Reset, Play, Step, a new run) starts a new process and builds the
run again, with the settings and data the window has now (``rebuild``), the
speed and view it had; the window's data is never lost. Play and Step go on
from the run's last state saved in the background (``saved``: the autosave's,
at most its interval old), Reset and a run without one from its first weights.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ..training.commands import (
    Build,
    Pause,
    Play,
    Request,
    Reset,
    SetSpeed,
    SetView,
    Step,
)
from .worker import LOST, LOST_MESSAGE, Frame, TrainingThread

REVIVING = (Build, Reset, Play, Step)  # the commands that need a run: after the process died, they start a new one


class RunHandle(QObject):
    started = Signal(object)  # RunInfo of a new current run
    frame = Signal(object)  # Frame of the current run; acknowledged after the listeners have drawn it
    failed = Signal(int, str)  # generation (-1: the process died), one-line message
    state_ready = Signal(int, object)  # token, Trainer.state_dict() (or None)
    gradcheck_ready = Signal(int, object)  # token, Trainer.gradient_check() result (or None)
    resumed = Signal(int)  # epoch: a new process goes on from the run's last saved state, of that epoch

    def __init__(self, parent=None):
        super().__init__(parent)
        self.worker = TrainingThread()
        self.generation = 0
        self.run_info = None
        self.last_frame: Frame | None = None
        self.frames_drawn = 0
        self.frames_dropped = 0
        # ack_at(fn) -> bool: runs fn when the frame just drawn starts to be painted (the
        # window's OnePaintPerFrame.at_paint); False when it will not (then a timer acknowledges)
        self.ack_at = None
        self._before: dict[int, int] = {}  # a build not yet started -> the generation it replaces
        self.failure_current = True  # whether the last failure was of the run asked for last (_on_failed)
        self.lost = False  # the training process died (LOST): the next run-needing command starts a new one
        # rebuild(generation) -> Build: the run as the window has it now, built again in a new process after
        # the old one died (the owner sets it; else the last Build sent, from its first weights)
        self.rebuild = None
        # (generation, Trainer.state_dict()): the last whole state of a run saved in the background (the
        # autosave sets it); a new process after the old one died goes on from it (Play, Step) if it is the run's
        self.saved: tuple | None = None
        self._last_build: Build | None = None
        self._speed: SetSpeed | None = None
        self._view: dict = {}  # every SetView change sent, merged: a new process is told them again
        self._connect()

    def _connect(self) -> None:
        queued = Qt.ConnectionType.QueuedConnection
        self.worker.run_started.connect(self._on_started, queued)
        self.worker.frame_ready.connect(self._on_frame, queued)
        self.worker.failed.connect(self._on_failed, queued)
        self.worker.state_ready.connect(self.state_ready, queued)
        self.worker.gradcheck_ready.connect(self.gradcheck_ready, queued)

    # ------------------------------------------------------------- commands
    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        """Stop the training process and its relay (idempotent; also after the process died)."""
        self.worker.stop()

    def send(self, command) -> None:
        match command:
            case Build():
                self._last_build = command
            case SetSpeed():
                self._speed = command
            case SetView(changes):
                self._view.update(changes)
            case Request(what, token) if self.lost:  # no run to ask: answered at once (no state; a refusal)
                self.state_ready.emit(token, None) if what == "state" else self.gradcheck_ready.emit(token, LOST_MESSAGE)
                return
        if self.lost and isinstance(command, REVIVING):
            self._revive(command)
        elif not self.lost:
            self.worker.send(command)

    def _revive(self, command) -> None:
        """A new training process in place of the one that died, given the run again (a Build: the one
        asked for; a Reset: the run from its first weights, as that generation; else, Play or Step, the run
        from its last background save (``saved``) or its first weights as a new generation, then ``command``)."""
        self.worker.stop(2000)  # (its relay thread has ended; the process is gone: only the pipes to close)
        self.worker = TrainingThread()
        self._connect()
        self.worker.start()
        self.lost = False
        for setting in ((self._speed,) if self._speed else ()) + ((SetView(dict(self._view)),) if self._view else ()):
            self.worker.send(setting)
        if isinstance(command, Build):
            self.worker.send(command)
            return
        then = () if isinstance(command, Reset) else (command,)  # a Reset is the build itself
        # Play and Step go on from the state saved of the run that died, a Reset starts it again
        resume = self.saved[1] if then and self.saved is not None and self.saved[0] == self.generation else None
        if then:
            self.generation += 1
        generation = self.generation if then else command.generation
        if self.rebuild is not None:
            build = self.rebuild(generation)
        elif self._last_build is not None:
            build = replace(self._last_build, generation=generation, state=None, keep_weights=False)
        else:
            return
        if resume is not None:
            build = replace(build, state=resume, keep_weights=False)
            self.resumed.emit(int(resume["epoch"]))
        self.last_frame = None
        self.send(build)
        for later in then:
            self.worker.send(later)

    def build(self, config, data, state: dict | None = None, keep_weights: bool = False) -> int:
        """A new run (see ``commands.Build``); returns its generation. Should the
        training process refuse it, the previous run stays the current one."""
        self._before[self.generation + 1] = self.generation
        self.generation += 1
        self.send(Build(self.generation, config, data, state, keep_weights))
        return self.generation

    def reset(self) -> None:
        self.generation += 1
        self.last_frame = None
        self.send(Reset(self.generation))

    def play(self) -> None:
        self.send(Play())

    def pause(self) -> None:
        self.send(Pause())

    def step(self, epochs: int = 1) -> None:
        self.send(Step(epochs=int(epochs)))

    def step_batch(self, batches: int = 1) -> None:
        self.send(Step(batches=int(batches)))

    def set_speed(self, epochs_per_frame: int) -> None:
        self.send(SetSpeed(int(epochs_per_frame)))

    def set_view(self, **changes) -> None:
        self.send(SetView(changes))

    def request_state(self, token: int) -> None:
        self.send(Request("state", token))

    def request_gradient_check(self, token: int) -> None:
        self.send(Request("gradcheck", token))

    def is_alive(self) -> bool:
        """Whether the training process runs (False after it died, until a command starts a new one)."""
        return not self.lost and self.worker.is_alive()

    # ------------------------------------------------------------ messages
    def _on_started(self, generation: int, info) -> None:
        self._before.pop(generation, None)
        if generation != self.generation:
            return
        self.run_info = info
        self.last_frame = None
        self.started.emit(info)

    drawing = True  # False: frames are dropped (the window is closing: its last save draws nothing)

    def _on_frame(self, frame: Frame) -> None:
        try:
            if frame.generation != self.generation or self.run_info is None or not self.drawing:
                self.frames_dropped += 1  # from a run that has been reset or rebuilt since, or the window is closing
                return
            self.last_frame = frame
            self.frame.emit(frame)
            self.frames_drawn += 1
        finally:
            # Acknowledged when the window starts to paint this frame (its updates all
            # applied): the training process makes the next frame while this one is
            # painted, and a frame can never arrive before the paint it would starve.
            # Without a paint to wait for, from a (1 ms) timer, not at once: timers run
            # only after the paint and input events now queued.
            if self.ack_at is None or not self.ack_at(self.worker.frame_done):
                QTimer.singleShot(1, self.worker.frame_done)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == LOST and self.sender() is self.worker:  # (not a message of a process since replaced)
            self.lost = True
        # the failure is of the current run (or of the process: -1, 0), not of a build a newer one replaced
        self.failure_current = generation <= 0 or generation == self.generation
        before = self._before.pop(generation, None)
        if before is not None and generation == self.generation:
            self.generation = before  # the process kept the run it had: its frames are current again
        self.failed.emit(generation, message)
