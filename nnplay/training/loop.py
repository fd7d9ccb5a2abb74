"""The training loop that feeds a live view: it owns a Trainer, applies commands
between epochs and hands out one frame (an immutable snapshot) at a time.

It knows nothing of Qt or of how it is run: ``commands`` is any queue (a
``queue.Queue`` in a thread, a ``multiprocessing`` queue in a child process)
and ``emit(kind, *payload)`` delivers ``run_started``, ``frame`` and ``failed``
messages to whoever listens. At most one frame is in flight: after emitting one
the loop waits for an ``ack`` command before emitting the next, and never more
often than MAX_FPS, so a slow view slows the drawing, never the training queue.
"""

from __future__ import annotations

import dataclasses
import queue
import time
import warnings
from collections import deque
from dataclasses import dataclass

from .blas_threads import one_blas_thread
from .command_pipe import CommandReceiver
from .frame_pipe import message_bytes
from ..user_text import refusal
from ..warning_log import log_warning
from .heap import keep_freed_memory
from .commands import (Ack, Build, Freeze, Pause, Play, Prune, Quit, Request, Reset, SetClip, SetDropout, SetEpochLimit,
                       SetFrozenLayers, SetLandscape, SetLearningRate, SetParameter, SetRegularization, SetSchedule,
                       SetSpeed, SetView, Step)
from .landscape_live import LiveLandscape
from .live_grid import frame_request
from .live_pictures import SentJob
from .parent_watch import exit_with_parent, end_on_quit_signals
from .partial_epochs import EpochParts
from .probes import ViewRequest
from .carried_edits import carry_edits
from .trainer import Snapshot, Trainer

MAX_FPS = 60
MAX_SPEED = 0  # "as fast as possible"
TRACE_SECONDS = 0.25  # while playing, the backprop inspector's trace is refreshed this often
CHUNK_SECONDS = 0.004  # longest stretch of training between looks at the command queue (and a frame's wait)
# Commands after which the tapes built while waiting still hold (``EpochTapes``: built for a batch size, optimizer,
# regularisation, masks, dropout, clipping); an Ack (one a frame) made the loop rescan them 60 times a second
KEEPS_TAPES = (Ack, Request, SetSpeed, SetView, Play, SetLearningRate, SetLandscape, SetEpochLimit)


def frame_anchor(previous: float, began: float, period: float = 1.0 / MAX_FPS) -> float:
    """When a frame whose snapshot began at ``began`` counts as sent, for the next one's wait
    (``period`` after it), in ``time.perf_counter`` seconds: its due time ``previous + period``
    while frames keep the cadence (began within a period of it), else ``began`` (the first frame,
    or one held back by a pause or a late acknowledgement). Counted from the snapshot's end, as
    before, every period grew by the snapshot (1.5-3 ms) and the rest of a training chunk: about
    50 frames a second at most, never the display's 60 (issue 20)."""
    due = previous + period
    return due if due <= began < due + period else began


@dataclass(frozen=True)
class Frame:
    """What the loop sends the view after training: the run's generation, its
    Snapshot, whether it plays, and its speed. (The learning rate and L1/L2 rates
    the run trains at are in the snapshot's history: series lr, penalty.)"""

    generation: int
    snapshot: Snapshot
    playing: bool
    epochs_per_second: float
    landscape: object = None  # a landscape_live.LandscapeFrame while the landscape is asked for


class TrainingLoop:
    def __init__(self, commands, emit, max_speed_seconds: float | None = None, pickled: bool = False):
        """``max_speed_seconds``: at Max speed, train this long per frame and then
        wait for the view (for a loop that shares an interpreter with the view);
        None trains straight through (for a loop in its own process). ``pickled``:
        ``emit`` pickles every frame (a process of its own): its snapshot's arrays are
        made on the receiving side only (``take_snapshot``'s ``for_pipe``)."""
        self._pickled = pickled
        self._commands = commands
        self._emit = emit
        self._max_speed_seconds = max_speed_seconds
        self._trainer: Trainer | None = None
        self._prepared = False  # the next epoch's tapes all built (built while waiting)
        self._generation = 0
        self._playing = False
        self._speed = 1
        self._pending_steps = 0
        self._epoch_limit = None  # while playing, train no further (SetEpochLimit: a comparison's pace)
        self._awaiting_ack = False
        self._dirty = False
        self._frame_early = False  # a frame sent before it is due: the epoch's end waits for it (_frame_near)
        self._trained_since_frame, self._seconds_since_frame, self._last_emit = 0, 0.0, 0.0
        self._last_trace = 0.0
        self._sent_upto = 0
        self._sent_job = None  # the last picture job a frame carried whole (the next frames name it: SentJob)
        self._view = ViewRequest()
        self._frame_views: dict = {}  # (playing, trace) -> the request a frame is built from (SetView clears it)
        self._rate = deque(maxlen=30)  # (time, epoch) samples for epochs/s
        self._epochs_per_second_estimate = 200.0
        self._landscape = LiveLandscape()
        self._parts = EpochParts(1.0 / MAX_FPS)  # long epochs trained in parts (partial_epochs.py)

    def run(self) -> None:
        try:
            self._loop()
        except Exception as exc:  # the loop must not die silently
            self._emit("failed", self._generation, f"training stopped: {type(exc).__name__}: {exc}")

    def _loop(self) -> None:
        while True:
            try:
                if not self._step():
                    return
            except Exception as exc:  # one failed command or frame must not end the loop: report it, stop playing
                self._playing = False
                self._pending_steps = 0
                self._dirty = False
                self._emit("failed", self._generation, f"training stopped: {type(exc).__name__}: {exc}")

    def _step(self) -> bool:
        """Apply the commands, train a little, send a frame if one is due; False on quit."""
        if not self._apply_commands(self._wait_seconds()):
            return False
        t = self._trainer
        if t is None:
            return True
        if self._pending_steps:
            n, self._pending_steps = self._pending_steps, 0
            t.run(n)
            self._dirty = True
        elif self._playing and self._wants_training():
            started = time.perf_counter()
            if self._parts.wanted(t):  # a long epoch: a part, then a frame
                # its end (the record over the whole data: 15-22 ms on 100,000 rows) right after a frame, not
                # just before one: a frame it held back more than a period lost its place (CSV: 54-57 a second)
                ran, self._frame_early = self._parts.train(t, CHUNK_SECONDS, hold_end=self._frame_near())
            else:
                ran = self._parts.whole(t, self._chunk())
            took = time.perf_counter() - started
            self._learn_rate(ran, took)
            self._trained_since_frame += ran
            self._seconds_since_frame += took
            self._dirty = True
        elif not self._playing and not self._prepared:  # waiting: the next epoch's tapes, a little at a time
            self._prepared = t.prepare_epoch(CHUNK_SECONDS)
        if self._landscape.after_training(t, self._playing):  # a slice of the landscape, within its share
            self._dirty = True
        if self._playing and (t.diverged or t.X_train.shape[0] == 0):  # nothing (more) to train on
            self._playing = False
            self._dirty = True
        if self._dirty and not self._awaiting_ack and (self._frame_early or self._frame_due()) and not self._mid_quota():
            self._emit_frame()
        return True

    def _mid_quota(self) -> bool:
        """Playing at N epochs a frame with fewer than N trained since the last frame: a
        frame now would show a part of the step the user asked for (on a slow machine)."""
        return (self._playing and self._speed != MAX_SPEED and 0 < self._trained_since_frame < self._speed
                and self._trainer.batch_position[0] == 0)  # a long epoch under way shows its progress

    def _wants_training(self) -> bool:
        if self._epoch_limit is not None and self._trainer.epoch >= self._epoch_limit:
            return False  # a comparison's run ahead waits for the other
        if self._speed == MAX_SPEED:
            return self._max_speed_seconds is None or self._seconds_since_frame < self._max_speed_seconds
        return self._trained_since_frame < self._speed

    def _chunk(self) -> int:
        budget = max(1, int(self._epochs_per_second_estimate * CHUNK_SECONDS))
        if self._epoch_limit is not None:
            budget = max(1, min(budget, self._epoch_limit - self._trainer.epoch))
        if self._speed == MAX_SPEED:
            return budget
        return max(1, min(int(self._speed - self._trained_since_frame), budget))

    def _learn_rate(self, epochs: int, seconds: float) -> None:
        if epochs and seconds > 0:
            self._epochs_per_second_estimate = 0.7 * self._epochs_per_second_estimate + 0.3 * epochs / seconds

    def _frame_period(self) -> float:
        """Seconds from one frame to the next: a display refresh, or while playing, at least as
        long as a long epoch's frame takes to measure the whole set (current_weights)."""
        wait = 1.0 / MAX_FPS
        return max(wait, self._trainer.measure_seconds) if self._playing else wait

    def _frame_near(self) -> bool:
        """Whether a frame can go now and half a period has passed since the last (an epoch's end waits for it)."""
        return self._dirty and not self._awaiting_ack and time.perf_counter() - self._last_emit >= 0.5 / MAX_FPS

    def _frame_due(self) -> bool:
        return time.perf_counter() - self._last_emit >= self._frame_period()

    def _wait_seconds(self) -> float:
        """How long the command queue may block: not at all while there is work."""
        if self._trainer is None:
            return 0.5
        if self._pending_steps or (self._playing and self._wants_training()):
            return 0.0
        if self._dirty and not self._awaiting_ack:
            return max(0.0, 1.0 / MAX_FPS - (time.perf_counter() - self._last_emit))
        if not self._playing and not self._prepared:
            return 0.0
        if self._landscape.busy:
            return 0.0 if not self._playing else 1.0 / MAX_FPS
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
        """Apply one command (``commands.py``); False on Quit."""
        t = self._trainer
        if not isinstance(cmd, KEEPS_TAPES):  # the others may change what the next epoch's tapes are
            self._prepared = False
        match cmd:
            case Quit():
                return False
            case Ack():
                self._awaiting_ack = False
            case Build(generation, config, data, state, keep_weights):
                try:
                    trainer = Trainer(config, data)
                    if state is not None:
                        trainer.load_state_dict(state)
                    elif keep_weights and t is not None:
                        trainer.continue_from(t)
                    else:  # a new run of the same network keeps its frozen and pruned parameters
                        trainer.run_notes = tuple(filter(None, [carry_edits(trainer, t)]))
                except Exception as exc:  # refused as the build asked for (not the run before): the window keeps it
                    return self._emit("failed", generation, refusal(exc)) or True
                self._start_run(generation, trainer)
            case Request("gradcheck", token):
                self._emit("gradcheck", token, None if t is None else t.gradient_check())
            case Request("state", token):
                self._emit("state", token, None if t is None else t.state_dict())
            case SetSpeed(speed):
                self._speed = max(MAX_SPEED, speed)
            case SetView(changes):
                for key, value in changes.items():
                    setattr(self._view, key, value)
                self._frame_views.clear()
                self._dirty = True
            case _ if t is None:  # the rest act on a run
                pass
            case Reset(generation):
                t.reset()
                self._start_run(generation, t)
            case Play():
                self._playing = not t.diverged
                self._trained_since_frame = 0
                self._rate.clear()
                self._dirty = True
            case Pause():
                self._playing = False
                self._dirty = True
            case Step(epochs, 0):
                self._pending_steps += epochs
            case Step(0, batches):  # mini-batches (the backprop inspector's step)
                self._playing = False
                for _ in range(batches):
                    t.step_batch()
                self._dirty = True
            case SetLearningRate(lr):
                t.set_learning_rate(lr)
            case SetRegularization(l1, l2):
                t.set_regularization(l1, l2)
                self._dirty = True
            case SetParameter(layer, kind, row, col, value):
                t.set_parameter(layer, kind, row, col, value)
                self._dirty = True
            case Freeze(layer, row, col, frozen):
                t.set_frozen(layer, row, col, frozen)
                self._dirty = True
            case Prune(layer, row, col, pruned):
                t.set_pruned(layer, row, col, pruned)
                self._dirty = True
            case SetDropout(rates):
                t.set_dropout(rates)
            case SetFrozenLayers(layers):
                t.set_frozen_layers(layers)
                self._dirty = True
            case SetSchedule(schedule):
                t.set_schedule(schedule)
            case SetClip(max_norm):
                t.set_clip(max_norm)
            case SetLandscape(request):
                self._landscape.set_request(request, t)
                self._dirty = True
            case SetEpochLimit(epoch):
                self._epoch_limit = epoch
            case _:
                raise ValueError(f"unknown command {cmd!r}")
        return True

    def _start_run(self, generation: int, trainer: Trainer) -> None:
        self._trainer = trainer
        self._prepared = False
        self._generation = generation
        trainer.run_id = generation  # (load_state_dict keeps the epoch; reset starts at 0)
        self._playing = False
        self._pending_steps = 0
        self._sent_upto = 0
        self._trained_since_frame = 0
        self._rate.clear()
        self._dirty = True
        self._landscape.new_run(trainer)
        self._emit("run_started", generation, trainer.run_info())

    def _frame_view(self, trace: bool) -> ViewRequest:
        """The view's request for a frame (``live_grid.frame_request``, with ``trace``), made once a view."""
        key = (self._playing, trace)
        request = self._frame_views.get(key)
        if request is None:
            request = frame_request(self._view, self._playing)
            if request.trace != trace:
                request = dataclasses.replace(request, trace=trace)
            elif request is self._view:  # (the view itself changes in place: a copy)
                request = dataclasses.replace(request)
            self._frame_views[key] = request
        return request

    def _emit_frame(self) -> None:
        t, v = self._trainer, self._view
        now = began = time.perf_counter()
        # a trace while playing at most every TRACE_SECONDS: on a large network it is megabytes
        trace = v.trace and (not self._playing or now - self._last_trace >= TRACE_SECONDS)
        if trace:
            self._last_trace = now
        t.measure_sample = self._playing  # a long epoch's frames while playing: a large set measured on a sample
        t.live_health.playing = self._playing  # playing: the health diagnosis at most twice a second (health.py)
        snap = t.snapshot(self._frame_view(trace), self._sent_upto, for_pipe=self._pickled)
        self._sent_upto = len(t.history)
        job = snap.picture_job  # (for the pipe only) sent whole once; the frames after it name it
        if job is not None:
            if job is self._sent_job:
                object.__setattr__(snap, "picture_job", SentJob(job.serial))
            self._sent_job = job
        now = time.perf_counter()
        done, batches = t.batch_position
        self._rate.append((now, t.epoch + done / max(1, batches)))  # a long epoch's part too
        eps = 0.0
        if self._playing and len(self._rate) > 1 and now > self._rate[0][0]:
            eps = (self._rate[-1][1] - self._rate[0][1]) / (now - self._rate[0][0])
        self._awaiting_ack = True
        self._dirty = self._frame_early = False
        self._trained_since_frame = 0
        self._seconds_since_frame = 0.0
        period = self._frame_period()  # a long epoch's: from the end of its measuring, to train as long again
        self._last_emit = frame_anchor(self._last_emit, began, period) if period <= 1.0 / MAX_FPS else now
        self._emit("frame", Frame(self._generation, snap, self._playing, eps, self._landscape.frame(t)))


def run_in_process(commands, connection, max_speed_seconds=None) -> None:
    """Entry point of a training child process: commands come from ``commands``
    (the reading end of a multiprocessing Pipe, see ``command_pipe``), the loop's
    messages go down ``connection`` (a Pipe's writing end), then a final
    ("stopped",). The process ends by itself as soon as its parent has: it reads
    end-of-file as "quit", and ``exit_with_parent`` ends it even mid-computation."""
    exit_with_parent()
    end_on_quit_signals()
    one_blas_thread()  # its BLAS threads would spin on the core the window draws on (blas_threads.py)
    keep_freed_memory()  # each frame's buffers in the pages of the last one's, not fresh ones (heap.py)
    warnings.showwarning = log_warning  # to the window's error log, never the terminal (spawn too: warning_log.py)

    def emit(kind, *payload):
        connection.send_bytes(message_bytes((kind, *payload)))  # (frame_pipe: not Connection.send's BytesIO)

    try:
        TrainingLoop(CommandReceiver(commands), emit, max_speed_seconds, pickled=True).run()
    finally:
        try:
            connection.send(("stopped",))
        except (OSError, ValueError):
            pass
        connection.close()
