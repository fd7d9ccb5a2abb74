"""The training thread: owns the Trainer, applies commands between epochs and
hands the GUI one snapshot at a time.

The GUI talks to it only through ``send``-style methods that put a command on
a thread-safe queue; the thread talks back only through queued signals that
carry immutable copies. At most one frame is in flight: after emitting one the
thread waits for ``frame_done`` before emitting the next, and never more often
than MAX_FPS, so a slow GUI slows the drawing, never the event queue.
"""

from __future__ import annotations

import queue
import time
import weakref
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QThread, Signal

from ..training import RunInfo, Snapshot, Trainer

MAX_FPS = 60
MAX_SPEED = 0  # "as fast as possible": train for MAX_SPEED_SECONDS per frame
CHUNK_SECONDS = 0.01  # longest stretch of training between looks at the command queue
# Training and drawing share one interpreter lock, so training straight through
# would starve the GUI; at max speed the thread trains this long per frame, then
# waits for the GUI to draw it.
MAX_SPEED_SECONDS = 0.025


@dataclass(frozen=True)
class Frame:
    generation: int
    snapshot: Snapshot
    playing: bool
    epochs_per_second: float
    learning_rate: float
    l1: float
    l2: float


@dataclass
class ViewRequest:
    grid_resolution: int = 100
    axes: tuple = (0, 1)
    neuron_resolution: int = 24
    focus: tuple | None = None


# every thread ever made, so tests can check that none is left running
ALL_THREADS: "weakref.WeakSet[TrainingThread]" = weakref.WeakSet()


class TrainingThread(QThread):
    run_started = Signal(int, object)  # generation, RunInfo
    frame_ready = Signal(object)  # Frame
    failed = Signal(int, str)  # generation, one-line message

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("nnplay-training")
        self._commands: queue.Queue = queue.Queue()
        ALL_THREADS.add(self)

    # ----------------------------------------------- GUI side: commands only
    def rebuild(self, generation: int, config, data=None) -> None:
        self._commands.put(("rebuild", generation, config, data))

    def reset(self, generation: int) -> None:
        self._commands.put(("reset", generation))

    def play(self) -> None:
        self._commands.put(("play",))

    def pause(self) -> None:
        self._commands.put(("pause",))

    def step(self, epochs: int = 1) -> None:
        self._commands.put(("step", int(epochs)))

    def set_learning_rate(self, lr: float) -> None:
        self._commands.put(("lr", float(lr)))

    def set_regularization(self, l1: float, l2: float) -> None:
        self._commands.put(("reg", float(l1), float(l2)))

    def set_speed(self, epochs_per_frame: int) -> None:
        self._commands.put(("speed", int(epochs_per_frame)))

    def set_view(self, **changes) -> None:
        self._commands.put(("view", changes))

    def frame_done(self) -> None:
        self._commands.put(("ack",))

    def stop(self, timeout_ms: int = 10000) -> bool:
        """Ask the loop to end and wait for the thread; True when it has."""
        self._commands.put(("quit",))
        return self.wait(timeout_ms)

    # ---------------------------------------------------- the thread itself
    def run(self) -> None:
        self._trainer: Trainer | None = None
        self._generation = 0
        self._playing = False
        self._speed = 1
        self._pending_steps = 0
        self._awaiting_ack = False
        self._dirty = False
        self._trained_since_frame = 0
        self._seconds_since_frame = 0.0
        self._last_emit = 0.0
        self._sent_upto = 0
        self._view = ViewRequest()
        self._rate = deque(maxlen=30)  # (time, epoch) samples for epochs/s
        self._epochs_per_second_estimate = 200.0
        try:
            self._loop()
        except Exception as exc:  # the thread must not die silently
            self.failed.emit(self._generation, f"training stopped: {type(exc).__name__}: {exc}")

    def _loop(self) -> None:
        while True:
            if not self._apply_commands(self._wait_seconds()):
                return
            t = self._trainer
            if t is None:
                continue
            if self._pending_steps:
                n, self._pending_steps = self._pending_steps, 0
                t.run(n)
                self._dirty = True
            elif self._playing and self._wants_training():
                started = time.perf_counter()
                ran = t.run(self._chunk())
                took = time.perf_counter() - started
                self._learn_rate(ran, took)
                self._trained_since_frame += ran
                self._seconds_since_frame += took
                self._dirty = True
            if t.diverged and self._playing:
                self._playing = False
                self._dirty = True
            if self._dirty and not self._awaiting_ack and self._frame_due():
                self._emit_frame()

    def _wants_training(self) -> bool:
        if self._speed == MAX_SPEED:
            return self._seconds_since_frame < MAX_SPEED_SECONDS
        return self._trained_since_frame < self._speed

    def _chunk(self) -> int:
        budget = max(1, int(self._epochs_per_second_estimate * CHUNK_SECONDS))
        if self._speed == MAX_SPEED:
            return budget
        return max(1, min(self._speed - self._trained_since_frame, budget))

    def _learn_rate(self, epochs: int, seconds: float) -> None:
        if epochs and seconds > 0:
            self._epochs_per_second_estimate = 0.7 * self._epochs_per_second_estimate + 0.3 * epochs / seconds

    def _frame_due(self) -> bool:
        return time.perf_counter() - self._last_emit >= 1.0 / MAX_FPS

    def _wait_seconds(self) -> float:
        """How long the command queue may block: not at all while there is work."""
        if self._trainer is None:
            return 0.5
        if self._pending_steps or (self._playing and self._wants_training()):
            return 0.0
        if self._dirty and not self._awaiting_ack:
            return max(0.0, 1.0 / MAX_FPS - (time.perf_counter() - self._last_emit))
        return 0.5

    def _apply_commands(self, wait: float) -> bool:
        """Apply every queued command; False when told to quit."""
        try:
            cmd = self._commands.get(timeout=wait) if wait > 0 else self._commands.get_nowait()
        except queue.Empty:
            return True
        while True:
            if not self._apply(cmd):
                return False
            try:
                cmd = self._commands.get_nowait()
            except queue.Empty:
                return True

    def _apply(self, cmd) -> bool:
        name, args = cmd[0], cmd[1:]
        t = self._trainer
        if name == "quit":
            return False
        if name == "ack":
            self._awaiting_ack = False
        elif name == "rebuild":
            generation, config, data = args
            try:
                trainer = Trainer(config, data)
            except ValueError as exc:
                self.failed.emit(generation, str(exc))
                return True
            self._start_run(generation, trainer)
        elif t is None:
            return True
        elif name == "reset":
            t.reset()
            self._start_run(args[0], t)
        elif name == "play":
            self._playing = not t.diverged
            self._trained_since_frame = 0
            self._rate.clear()
            self._dirty = True
        elif name == "pause":
            self._playing = False
            self._dirty = True
        elif name == "step":
            self._pending_steps += args[0]
        elif name == "lr":
            t.set_learning_rate(args[0])
        elif name == "reg":
            t.set_regularization(*args)
            self._dirty = True
        elif name == "speed":
            self._speed = max(MAX_SPEED, args[0])
        elif name == "view":
            for key, value in args[0].items():
                setattr(self._view, key, value)
            self._dirty = True
        return True

    def _start_run(self, generation: int, trainer: Trainer) -> None:
        self._trainer = trainer
        self._generation = generation
        trainer.run_id = generation
        self._playing = False
        self._pending_steps = 0
        self._sent_upto = 0
        self._trained_since_frame = 0
        self._rate.clear()
        self._dirty = True
        self.run_started.emit(generation, trainer.run_info())

    def _emit_frame(self) -> None:
        t, v = self._trainer, self._view
        snap = t.snapshot(v.grid_resolution, self._sent_upto, v.axes, v.neuron_resolution, v.focus)
        self._sent_upto = len(t.history)
        now = time.perf_counter()
        self._rate.append((now, t.epoch))
        eps = 0.0
        if self._playing and len(self._rate) > 1 and now > self._rate[0][0]:
            eps = (self._rate[-1][1] - self._rate[0][1]) / (now - self._rate[0][0])
        self._awaiting_ack = True
        self._dirty = False
        self._trained_since_frame = 0
        self._seconds_since_frame = 0.0
        self._last_emit = now
        self.frame_ready.emit(Frame(self._generation, snap, self._playing, eps, t.optimizer.lr, t.net.l1, t.net.l2))
