"""Training a long epoch in parts, at the engine's speed.

An epoch of a large data set is long: 100,000 rows at a mini-batch of 10 are
10,000 steps, a second or more. The window gets a frame only between calls
into the Trainer, so ``TrainingLoop`` trains such an epoch a few mini-batches
at a time (``run_steps``) and sends frames in between, showing the epoch as
"Epoch 3 · 4,200 / 10,000 mini-batches" (``Trainer.batch_position``; ui.epoch_readout).

The steps are the engine's own (``engine.tape.EpochTapes``: ``begin`` copies
the epoch in its order, ``replay`` trains a range of its steps), so an epoch
trained in parts trains the same mini-batches, in the same order, to the same
weights as ``Trainer.run`` — and as ``step_batch``, which shares the order
(``Trainer._batch_order``), so the inspector's single steps and these parts
can follow one another within an epoch.
"""

from __future__ import annotations

import time

import numpy as np

from ..engine.equations import epoch_order


class PartialEpochs:
    """The Trainer's ``run_steps`` (a mixin of ``training.trainer.Trainer``)."""

    def run_steps(self, steps: int) -> tuple[int, int]:
        """Train up to ``steps`` mini-batch steps of the current epoch (beginning
        one if none is under way), stopping at its end, where the epoch is
        recorded as ``run`` records it. Returns (steps taken, epochs finished:
        0 or 1). Nothing is trained once the run has diverged."""
        if self.diverged or self.X_train.shape[0] == 0 or steps < 1:
            return 0, 0
        m, bs = self.X_train.shape[0], self._batch_size()
        tapes = self.net._epochs
        optimizer = self._scheduled()
        with np.errstate(all="ignore"):
            if self._batch_order is None:
                self._batch_order, self._batch_at = epoch_order(m, bs, self.rng)[0], 0
            if tapes.order is not self._batch_order:  # the engine's buffer holds another epoch (or none)
                tapes.begin(self.net, self.X_train, self.Y_train, optimizer, self._batch_order, bs, self.rng)
            first, total = self._batch_at // bs, -(-m // bs)
            stop = min(total, first + steps)
            tapes.replay(self.net, optimizer, first, stop)
            self._batch_at = min(m, stop * bs)
            if stop < total:
                return stop - first, 0
            self._batch_order = None
            self.epoch += 1
            return stop - first, int(self._end_epoch())

    def prepare_epoch(self, seconds: float) -> bool:
        """Build the tapes of the next epoch's steps for at most about ``seconds``
        (``engine.tape.EpochTapes.prepare``), as ``TrainingLoop`` does while the
        run waits, so a large data set's first epoch played does not stop to
        build them. True once every tape is built, or while an epoch is under
        way (its tapes are the ones it is trained on). Changes no number."""
        if self.diverged or self._batch_order is not None:
            return True
        return self.net._epochs.prepare(self.net, self.X_train, self.Y_train, self._scheduled(),
                                        self._batch_size(), seconds)


class EpochParts:
    """For ``TrainingLoop``: whether to train the next stretch as whole epochs or
    as a part of one, and how many mini-batch steps fill a stretch of time.

    An epoch is trained in parts while one takes longer than a frame of the
    display (``frame_seconds``), and always while one is under way (begun in
    parts or by the inspector's single steps), so that frames keep coming at
    the display's rate whatever the size of the data."""

    def __init__(self, frame_seconds: float):
        self.frame_seconds = frame_seconds
        self.steps_per_second = 20_000.0  # learnt from what is trained (case A: 25 steps an epoch)

    def wanted(self, trainer) -> bool:
        """True while an epoch is under way or one would take longer than a frame."""
        done, batches = trainer.batch_position
        return done > 0 or batches / self.steps_per_second > self.frame_seconds

    def whole(self, trainer, epochs: int) -> int:
        """``trainer.run(epochs)``, timed; returns the epochs trained."""
        started = time.perf_counter()
        ran = trainer.run(epochs)
        self._learn(ran * trainer.batch_position[1], time.perf_counter() - started)
        return ran

    def train(self, trainer, seconds: float, hold_end: bool = False) -> tuple[float, bool]:
        """Train about ``seconds`` of steps (at least one) of the current epoch; returns (the epochs
        trained, a fraction (1 at most); whether the epoch's last step was held back). With
        ``hold_end`` the stretch stops short of the epoch's last step (which records the epoch),
        so that a frame can go first; nothing is trained when that step is all that is left."""
        done, total = trainer.batch_position
        steps = max(1, int(self.steps_per_second * seconds))
        held = hold_end and steps >= total - done
        if held:
            steps = total - done - 1
            if steps < 1:
                return 0.0, True
        started = time.perf_counter()
        taken, _ = trainer.run_steps(steps)
        self._learn(taken, time.perf_counter() - started)
        return taken / max(1, total), held

    def _learn(self, steps: int, seconds: float) -> None:
        if steps and seconds > 0:
            self.steps_per_second = 0.7 * self.steps_per_second + 0.3 * steps / seconds
