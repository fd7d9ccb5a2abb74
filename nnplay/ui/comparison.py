"""Run B of a comparison, as the controller drives it: forked from run A's
state (or started afresh), kept in step with A while playing, and brought
to A's epoch after a pause. Run B is a ``RunHandle``, as run A is.

In step: while playing, both runs may train up to the same epoch, the epoch of
the one behind plus one frame's epochs of the slower run (at N epochs a frame,
N); the one that gets there first waits, still playing (``SetEpochLimit``), so
its epochs/s read-out is the rate it truly advances at. (Pausing the run ahead
instead let B run 38-97 epochs ahead at Max speed, its pause arriving a frame
late, and the paused run A read "0 epochs/s".)"""

from __future__ import annotations

import math
from collections import deque

from PySide6.QtCore import QObject, Signal

from ..training import resolve_loss
from ..training.commands import SetEpochLimit
from ..training.settings_text import SETTING_NAMES
from .compare import describe
from .run_handle import RunHandle

HEADROOM = 1.25  # at Max speed, the limit is this many frames of the slower run ahead of the one behind


def frame_epochs(advance: dict) -> int | None:
    """At Max speed, the epochs the runs may train beyond the one behind: HEADROOM times the
    slower run's frame (the most it advanced in one of its recent frames: a frame it was held
    back, or a hiccup, does not narrow the step for good). ``advance``: name -> recent advances."""
    frames = [max(a) for a in advance.values() if a]
    return math.ceil(HEADROOM * min(frames)) if len(frames) == 2 else None  # (None: not known yet, no limit)


FORKABLE = ("lr", "optimizer", "activation", "batch_size", "l1", "l2", "init", "seed", "hidden", "loss")


class Comparison(QObject):
    """Forks and paces run B against run A (``run``, the controller's handle)."""

    started = Signal(object, str, str, object)  # RunHandle of run B, what A is, what B is, fork epoch
    relabelled = Signal(str, str)  # what A is, what B is, after run A's settings changed live (relabel)
    stopped = Signal()
    failed = Signal(str)  # run B stopped: one line

    def __init__(self, run: RunHandle, parent=None, is_playing=None, state=None):
        """``is_playing``: a callable, whether the user has run A playing (the controller's
        state: it also stops by itself, on divergence, a failure or a session opened);
        without it, the last Play or Pause given here. ``state``: run A's ``RunState``, whose
        settings the header follows (``relabel``)."""
        super().__init__(parent)
        self.run = run
        self.twin: RunHandle | None = None
        self._playing = False
        self._is_playing = is_playing
        self.speed = 1
        self._limit = None  # the epoch both runs may train up to while playing (SetEpochLimit)
        self._seen = {"A": None, "B": None}  # the epoch of each run's last frame seen
        self._advance = {"A": deque(maxlen=8), "B": deque(maxlen=8)}  # epochs between each run's recent frames
        self._align_pending = False  # paused while comparing: bring the run behind to the other's epoch
        self._pending: dict[int, tuple] = {}  # state token -> (config of B, labels)
        self.config_b, self.compared = None, ()  # run B's settings; the settings the comparison was made on
        self.axes = (0, 1)  # the pair of inputs run B's pictures span: run A's (set_axes)
        self.state = state
        if state is not None:
            state.subscribe(lambda _: self.relabel(state.config), ("config",))

    @staticmethod
    def check(config, data, changes: dict, restart: bool):
        """B's settings and the labels of both runs; ValueError saying why they cannot be compared."""
        unknown = set(changes) - set(FORKABLE)
        if unknown:
            raise ValueError(f"cannot fork on {', '.join(sorted(unknown))}")
        config_b = config.with_changes(**changes)
        resolve_loss(config_b, data)
        changed = {k: v for k, v in changes.items() if getattr(config, k) != getattr(config_b, k)}
        if not changed:
            raise ValueError("choose a value different from this run's")
        if not restart and ("hidden" in changed or "init" in changed or "seed" in changed):
            raise ValueError("a different network shape, initialiser or seed needs both runs to start afresh")
        if data.n_examples == 0:
            raise ValueError("there is no data to train on")
        return config_b, (describe(config, changed), describe(config_b, changed))

    def fork_from_state(self, token: int, config_b, labels) -> None:
        """Start B from run A's state, which comes as ``take_state(token, state)``."""
        self._pending[token] = (config_b, labels)
        self.run.request_state(token)

    def take_state(self, token: int, state, config_a, data) -> bool:
        """Run A's state for a fork asked for with ``token``; False if it was not for a fork."""
        fork = self._pending.pop(token, None)
        if fork is None:
            return False
        if state is not None:
            config_b, labels = fork
            # the same place within the epoch too: weights part-way through an epoch are measured as such
            # (training.current_weights), not read as the epoch's recorded start
            state = dict(state, diverged_at=None)
            if config_b.optimizer != config_a.optimizer:
                state.update(optimizer={}, optimizer_t=0)
            self.start(config_b, data, state, labels, int(state["epoch"]))
        return True

    def start(self, config_b, data, state, labels, fork_epoch) -> None:
        self.config_b = config_b
        if self.state is not None:  # (run A's settings now: those B differs in are the ones compared)
            self.compared = [k for k in SETTING_NAMES if getattr(self.state.config, k) != getattr(config_b, k)]
        self.twin = RunHandle(parent=self)
        self.twin.frame.connect(lambda _: self.pace())
        self.twin.failed.connect(lambda _, message: self.failed.emit(message))
        self.twin.start()
        self.twin.set_view(neuron_resolution=0, axes=self.axes)  # B's picture: the output alone, on A's plane
        self.twin.set_speed(self.speed)
        self.twin.build(config_b, data, state)
        self.started.emit(self.twin, *labels, fork_epoch)
        if self.playing:
            self.twin.play()

    def set_axes(self, axes) -> None:
        """Run A's pictures now span inputs ``axes``: so do run B's, now and in a comparison to come."""
        self.axes = tuple(axes)
        if self.twin is not None:
            self.twin.set_view(axes=self.axes)

    def relabel(self, config_a) -> None:
        """Run A's settings changed (a control, a paste): say what each run uses now (``relabelled``). A
        change that rebuilds run A ends the comparison first (a session opened, drawing undone, another
        shape); one that changes it live (the learning rate, L1/L2, dropout, schedule, clipping, frozen
        layers) goes to run A alone, and the header named the old value ("learning rate 0.1 (A)" once A
        used 0.03: tester 21). Named: the settings compared, and any other the runs now differ in."""
        if self.twin is None or self.config_b is None:
            return
        keys = [k for k in SETTING_NAMES if k in self.compared or getattr(config_a, k) != getattr(self.config_b, k)]
        self.relabelled.emit(describe(config_a, keys), describe(self.config_b, keys))

    def stop(self) -> None:
        self._pending.clear()
        self._set_limit(None)  # run A trains on by itself
        if self.twin is not None:
            twin, self.twin = self.twin, None
            twin.stop()
            twin.deleteLater()
            self.stopped.emit()

    @property
    def playing(self) -> bool:
        return bool(self._is_playing()) if self._is_playing is not None else self._playing

    # ------------------------------------------------- run commands for both
    def play(self) -> None:
        self._playing = True
        self._align_pending = False
        self._forget_pace()
        if self.twin is not None:
            self.twin.play()

    def pause(self) -> None:
        self._playing = False
        if self.twin is not None:
            self.twin.pause()
            self._align_pending = True  # once both have stopped, the one behind catches up

    def step(self, epochs: int) -> None:
        if self.twin is not None:
            self.twin.step(epochs)

    def step_batch(self, batches: int) -> None:
        if self.twin is not None:
            self.twin.step_batch(batches)

    def reset(self) -> None:
        if self.twin is not None:
            self.twin.reset()

    def set_speed(self, speed: int) -> None:
        self.speed = speed
        self._forget_pace()
        if self.twin is not None:
            self.twin.set_speed(speed)

    # --------------------------------------------------------------- pacing
    def pace(self) -> None:
        """Keep the two runs in step while playing (see the module's docstring)."""
        twin, frame = self.twin, self.run.last_frame
        if twin is None or frame is None or twin.last_frame is None:
            return
        if not self.playing:
            self._align_paused(frame, twin)
            return
        a, b = frame.snapshot, twin.last_frame.snapshot
        for name, epoch in (("A", a.epoch), ("B", b.epoch)):
            seen = self._seen[name]
            if seen is not None and epoch > seen:
                self._advance[name].append(epoch - seen)
            self._seen[name] = epoch
        step = self.speed if self.speed > 0 else frame_epochs(self._advance)
        alone = a.diverged_at is not None or b.diverged_at is not None  # the other trains on by itself
        self._set_limit(None if alone or step is None else min(a.epoch, b.epoch) + step)

    def _forget_pace(self) -> None:
        """A new pace (Play, a new speed): measured afresh from the next frames, no limit till then."""
        self._seen = {"A": None, "B": None}
        for advances in self._advance.values():
            advances.clear()
        self._set_limit(None)

    def _set_limit(self, epoch: int | None) -> None:
        if epoch != self._limit:
            self._limit = epoch
            for run in (self.run, self.twin):
                if run is not None:
                    run.send(SetEpochLimit(epoch))

    def _align_paused(self, frame, twin) -> None:
        """After a pause, step the run that is behind to the other's epoch."""
        if not self._align_pending or frame.playing or twin.last_frame.playing:
            return  # not asked for, or a run has not stopped yet (its pausing frame is still to come)
        self._align_pending = False
        a, b = frame.snapshot, twin.last_frame.snapshot
        if a.diverged_at is not None or b.diverged_at is not None:
            return
        if a.epoch < b.epoch:
            self.run.step(b.epoch - a.epoch)
        elif b.epoch < a.epoch:
            twin.step(a.epoch - b.epoch)
