"""The training worker as the GUI sees it: a QThread that runs the Qt-free
``TrainingLoop`` and turns its messages into queued signals.

By default the loop runs in a child process and this thread only relays its
messages: training and drawing then use separate interpreters (and cores),
so neither waits for the other's interpreter lock. With NNPLAY_TRAINING=thread,
or if a process cannot be started, the loop runs in this thread instead and
trains at most THREAD_MAX_SPEED_SECONDS per frame at Max speed, so the GUI
still gets the lock to draw.

The GUI talks to the loop only through the command methods (a queue); the loop
talks back only with immutable copies. A frame must be acknowledged with
``frame_done`` before the next one comes.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import weakref

from PySide6.QtCore import QThread, Signal

from ..training.command_pipe import CommandSender
from ..training.loop import MAX_FPS, MAX_SPEED, Frame, TrainingLoop, ViewRequest, run_in_process

__all__ = ["MAX_FPS", "MAX_SPEED", "Frame", "TrainingThread", "ViewRequest"]

THREAD_MAX_SPEED_SECONDS = 0.025
STOP_TIMEOUT_S = 10.0

# every worker ever made, so tests can check that none is left running
ALL_THREADS: "weakref.WeakSet[TrainingThread]" = weakref.WeakSet()


def default_mode() -> str:
    return "thread" if os.environ.get("NNPLAY_TRAINING", "process") == "thread" else "process"


class TrainingThread(QThread):
    run_started = Signal(int, object)  # generation, RunInfo
    frame_ready = Signal(object)  # Frame
    failed = Signal(int, str)  # generation, one-line message
    state_ready = Signal(int, object)  # token, Trainer.state_dict() (or None)
    gradcheck_ready = Signal(int, object)  # token, Trainer.gradient_check() result

    def __init__(self, parent=None, mode: str | None = None):
        super().__init__(parent)
        self.setObjectName("nnplay-training")
        self.mode = mode or default_mode()
        self._quitting = False
        self._process = None
        self._receiver = None
        if self.mode == "process":
            try:
                ctx = mp.get_context("spawn")  # fork is unsafe once Qt runs
                command_reader, command_writer = ctx.Pipe(duplex=False)
                self._receiver, sender = ctx.Pipe(duplex=False)
                self._process = ctx.Process(target=run_in_process, args=(command_reader, sender),
                                            name="nnplay-training", daemon=True)
                self._commands = CommandSender(command_writer)
                self._child_ends = (command_reader, sender)
            except (OSError, ValueError, ImportError):
                self.mode = "thread"
        if self.mode == "thread":
            self._commands = queue.Queue()
        ALL_THREADS.add(self)

    # ----------------------------------------------- GUI side: commands only
    def _send(self, *cmd) -> None:
        try:
            self._commands.put(cmd)
        except (OSError, ValueError):  # the queue is closed: the worker has stopped
            pass

    def rebuild(self, generation: int, config, data=None) -> None:
        self._send("rebuild", generation, config, data)

    def replace_data(self, generation: int, config, data) -> None:
        """A new run on new data that goes on from the current run's weights."""
        self._send("redata", generation, config, data)

    def reset(self, generation: int) -> None:
        self._send("reset", generation)

    def restore(self, generation: int, config, data, state) -> None:
        self._send("restore", generation, config, data, state)

    def request_state(self, token: int) -> None:
        self._send("save", token)

    def request_gradient_check(self, token: int) -> None:
        self._send("gradcheck", token)

    def play(self) -> None:
        self._send("play")

    def pause(self) -> None:
        self._send("pause")

    def step(self, epochs: int = 1) -> None:
        self._send("step", int(epochs))

    def step_batch(self, batches: int = 1) -> None:
        self._send("batch_step", int(batches))

    def set_learning_rate(self, lr: float) -> None:
        self._send("lr", float(lr))

    def set_regularization(self, l1: float, l2: float) -> None:
        self._send("reg", float(l1), float(l2))

    def set_speed(self, epochs_per_frame: int) -> None:
        self._send("speed", int(epochs_per_frame))

    def set_view(self, **changes) -> None:
        self._send("view", changes)

    def frame_done(self) -> None:
        self._send("ack")

    def start(self, *args) -> None:
        if self._process is not None:
            try:
                self._process.start()
                for end in self._child_ends:  # the child holds its own copies: once it has gone, the pipes break
                    end.close()
                self._commands.start()
            except (OSError, RuntimeError) as exc:
                self.failed.emit(0, f"could not start the training process ({exc}); training in a thread")
                self.mode, self._process = "thread", None
                self._commands = queue.Queue()
        super().start(*args)

    def stop(self, timeout_ms: int = int(STOP_TIMEOUT_S * 1000)) -> bool:
        """Ask the loop to end and wait for it; True when it has."""
        self._quitting = True
        self._send("quit")
        done = self.wait(timeout_ms)
        p = self._process
        if p is not None:
            if p.pid is not None:  # it was started
                p.join(timeout_ms / 1000)
                if p.is_alive():
                    p.kill()  # (it ignores SIGTERM: see loop.leave_quit_signals_to_the_parent)
                    p.join(2)
                done = done and not p.is_alive()
            # the child has ended (or never started), so the feeder cannot be left waiting for a reader
            done = self._commands.close(timeout=2) and done
        return done

    def is_alive(self) -> bool:
        return self.isRunning() or (self._process is not None and self._process.is_alive())

    # ---------------------------------------------------- the thread itself
    def _deliver(self, kind, *payload) -> None:
        if kind == "frame":
            _freeze(payload[0].snapshot)
            self.frame_ready.emit(payload[0])
        elif kind == "run_started":
            self.run_started.emit(*payload)
        elif kind == "failed":
            self.failed.emit(*payload)
        elif kind == "state":
            self.state_ready.emit(*payload)
        elif kind == "gradcheck":
            self.gradcheck_ready.emit(*payload)

    def run(self) -> None:
        if self._process is None:
            TrainingLoop(self._commands, self._deliver, THREAD_MAX_SPEED_SECONDS).run()
            return
        while True:  # relay the child's messages; recv() blocks without the GIL
            try:
                message = self._receiver.recv()
            except (EOFError, OSError):
                message = ("lost",)
            if message[0] in ("stopped", "lost"):
                if not self._quitting:
                    self.failed.emit(-1, "the training process stopped unexpectedly; press Reset to start it again")
                break
            self._deliver(*message)
        self._receiver.close()


def _freeze(snapshot) -> None:
    """Arrays that crossed from the process arrive writeable; make them read-only again."""
    for value in vars(snapshot).values():
        items = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else (value,)
        for item in items:
            if hasattr(item, "flags"):
                item.flags.writeable = False
