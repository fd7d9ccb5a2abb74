"""The training worker as the GUI sees it: a QThread that runs the Qt-free
``TrainingLoop`` and turns its messages into queued signals.

By default the loop runs in a child process and this thread only relays its
messages: training and drawing then use separate interpreters (and cores),
so neither waits for the other's interpreter lock. With NNPLAY_TRAINING=thread,
or if a process cannot be started, the loop runs in this thread instead and
trains at most THREAD_MAX_SPEED_SECONDS per frame at Max speed, so the GUI
still gets the lock to draw.

The GUI talks to the loop only with commands (``send``; a queue); the loop
talks back only with immutable copies. A frame must be acknowledged with
``frame_done`` before the next one comes.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import sys
import weakref

from PySide6.QtCore import QThread, Signal

from ..training.command_pipe import CommandSender
from ..training.commands import QUIT, Ack, Request
from ..training.frame_pipe import widen
from ..training.live_pictures import LivePictures
from ..training.loop import MAX_FPS, MAX_SPEED, Frame, TrainingLoop, ViewRequest, run_in_process

__all__ = ["MAX_FPS", "MAX_SPEED", "Frame", "TrainingThread", "ViewRequest"]

THREAD_MAX_SPEED_SECONDS = 0.025
LOST = -1  # the generation of ``failed`` when the training process died (run_handle starts a new one)
LOST_MESSAGE = ("The training process stopped unexpectedly. The settings and data are kept: Play or Step starts "
                "a new one that goes on from the run's last background save (from its first weights if it has "
                "none), Reset starts the run again.")
STOP_TIMEOUT_S = 10.0

# every worker ever made, so tests can check that none is left running
ALL_THREADS: "weakref.WeakSet[TrainingThread]" = weakref.WeakSet()


# What the forkserver imports once, so that a training process forked from it imports
# nothing to build and train its run (numpy.random alone took ~45 ms of each process's
# start on a loaded 2-core machine, twice the Trainer's own build).
TRAINING_PRELOAD = ["nnplay.training.loop", "numpy.random", "nnplay.training.child_errors"]  # (a failed start: one line)


def process_context():
    """The multiprocessing context for training processes. Where it exists (Linux,
    macOS) "forkserver": a clean server process, started once and never touched by
    Qt, imports the training code and forks each training process from itself, so
    a new process (the comparison's, a second window's) is ready in ~50 ms instead
    of the ~0.5 s a fresh interpreter takes (Python's own default on Linux from
    3.14). Elsewhere, and in a frozen app, "spawn". Never "fork": forking a process
    that runs Qt is unsafe."""
    if "forkserver" in mp.get_all_start_methods() and not getattr(sys, "frozen", False):
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(TRAINING_PRELOAD)
        return ctx
    return mp.get_context("spawn")


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
        self._live_pictures = LivePictures()
        self._pictures_failed = None  # the run whose pictures could not be made (said once)
        if self.mode == "process":
            try:
                ctx = process_context()
                command_reader, command_writer = ctx.Pipe(duplex=False)
                self._receiver, sender = ctx.Pipe(duplex=False)
                widen(sender)  # a whole frame in one write: the training process never waits on the relay
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
    def send(self, command) -> None:
        """Queue a command (``training/commands.py``) for the loop; dropped once the worker has stopped."""
        try:
            self._commands.put(command)
        except (OSError, ValueError):  # the queue is closed: the worker has stopped
            pass

    def request_state(self, token: int) -> None:
        """Ask for the run's Trainer.state_dict(); it comes as state_ready(token, state)."""
        self.send(Request("state", token))

    def frame_done(self) -> None:
        self.send(Ack())

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
        self.send(QUIT)
        done = self.wait(timeout_ms)
        p = self._process
        if p is not None:
            if p.pid is not None:  # it was started
                p.join(timeout_ms / 1000)
                if p.is_alive():
                    p.kill()  # (it did not answer "quit": stopped as a killed one is)
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
            # a playing frame's grid and thumbnails, computed here (this thread, not the GUI's) from its own
            # weights before any view sees the frame (training/live_pictures.py)
            try:
                self._live_pictures.finish(payload[0].snapshot)
            except Exception as exc:  # the frame goes on without them (the run's curves), said once a run
                object.__setattr__(payload[0].snapshot, "picture_job", None)
                if self._pictures_failed != payload[0].generation:
                    self._pictures_failed = payload[0].generation
                    self.failed.emit(payload[0].generation,
                                     f"the output view could not be drawn: {type(exc).__name__}: {exc}")
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
                    self.failed.emit(LOST, LOST_MESSAGE)
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
