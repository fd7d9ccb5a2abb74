"""What a run measures at its current weights while an epoch is under way.

An epoch ends with a measurement of the whole training set (``Trainer._record``):
J_data, the accuracies, the penalty and the gradient dW, db of the whole training
loss. Part-way through an epoch (one mini-batch stepped with Shift+Right, or a
pause between the parts of a long epoch) the weights have moved on since, and
the engine's dW, db hold the last mini-batch's noisy gradient. ``CurrentWeights``
measures the current weights again, once for each set of weights, so that every
picture and every read-out agrees with the promise of the Gradients panel: "the
gradient shown is that of the whole training loss at the current weights", and
the same weights always give the same pictures (before saving a session and
after reopening it).

While the run plays, a long epoch of a large data set sends a frame every few
hundred milliseconds; measuring a million rows for each would cost more than
the training between frames. Then (``measure_sample``, set by the training
loop while playing) a fixed sample of SAMPLE_ROWS rows of each part is
measured instead, the same rows for the whole run, and the window says so
(``Snapshot.sampled_rows``, ui.epoch_readout); paused or stepped, the whole
set is measured again. 1,024 rows: about 0.9 ms a frame for network A on a
slow core (2,048 took 1.85 ms, the training process's largest cost per frame
on the 100,000-row CSV); the loss of a fixed sample of 1,024 rows is within a
few percent of the whole part's, and each epoch's end still records the whole.
While playing, the sample is measured at most every MEASURE_SECONDS (four
times a second, as fast as a person reads a number that changes), not at each
of the 60 frames a second (issue 20: that was 0.7-0.9 ms of the training
process's 2 ms a frame on the 100,000-row CSV); the frames in between carry that
measurement, its losses, accuracies and gradient together, and the mini-batch it
was taken at (``measured_batch``; the window says "loss on a 1,024-row sample at
mini-batch 4,200", ui.epoch_readout). The pictures are of the current weights.
"""

from __future__ import annotations

import time

import numpy as np

SAMPLE_ROWS = 1024  # while playing: a part larger than this is measured on a fixed sample of this many rows
MEASURE_SECONDS = 0.25  # while playing, the sample is measured at most this often (the frames between carry it)


class CurrentWeights:
    """The Trainer's ``measure_current`` (a mixin of ``training.trainer.Trainer``)."""

    _current: tuple | None = None  # (key, weights measured, measurements, batch, when, gradient)
    measured_batch = 0  # the mini-batch of the epoch the current measurement was taken at (batch_position[0])
    measure_seconds = 0.0  # how long the last measurement while playing took: frames come no more often (0 paused)
    measure_sample = False  # set by the training loop while playing: a large part is measured on a sample
    measured_rows = 0  # training rows the last measurement used (fewer than the part's when sampled)
    _sample_rows: dict = {}  # (seed, part size) -> the sampled rows; replaced, never changed in place
    _sampled_parts: dict = {}  # id(X) -> (X, Y, y, their sampled rows): the last two parts; replaced, not changed

    def measure_current(self) -> dict:
        """While an epoch is under way: {train_loss, test_loss, train_accuracy,
        test_accuracy, penalty} at the current weights (accuracies None for
        regression, losses NaN for an empty part), and the network's dW, db set
        to the gradient of the whole training loss (``_full_batch_gradients``).
        Between epochs, or once diverged: {} (the last recorded epoch is the
        current weights). Measured once for each set of weights and settings."""
        if self.batch_position[0] == 0 or self.diverged:
            return {}
        net = self.net
        key = (self.run_id, self.epoch, net.l1, net.l2, net.edits, self.measure_sample)
        cached = self._current
        started = time.perf_counter()
        if cached is not None and cached[0] == key:
            if cached[3] == self.batch_position[0] and np.array_equal(cached[1], net.params):
                return cached[2]  # the same weights
            if self.measure_sample and started - cached[4] < MEASURE_SECONDS:  # playing: the last measurement
                net.grads[...] = cached[5]  # (the gradient measured with those losses, not a mini-batch's)
                self.measured_batch = cached[3]
                return cached[2]
        with np.errstate(all="ignore"):
            train = self._measured_part(self.X_train, self.Y_train, self.y_train)
            train_loss, train_acc = self._evaluate(*train, gradients=True)
            test_loss, test_acc = self._evaluate(*self._measured_part(self.X_test, self.Y_test, self.y_test))
        self.measured_rows = train[0].shape[0]
        if self.X_train.shape[0] == 0 or not np.isfinite(net.grads).all():
            net.grads[...] = 0.0
        measured = {"train_loss": train_loss, "test_loss": test_loss, "train_accuracy": train_acc,
                    "test_accuracy": test_acc, "penalty": net.penalty()}
        self.measured_batch = self.batch_position[0]
        self._current = (key, net.params.copy(), measured, self.measured_batch, started, net.grads.copy())
        # a paused measurement of the whole set (seconds on a million rows) must not hold back the frames
        # after Play, which measure a sample: only a measurement made while playing paces them
        self.measure_seconds = time.perf_counter() - started if self.measure_sample else 0.0
        return measured

    def _measured_part(self, X, Y, y) -> tuple:
        """(X, Y, y) of one part, or of a fixed sample of SAMPLE_ROWS of its rows
        (the same for the whole run: seeded by the run's seed) while ``measure_sample``."""
        m = X.shape[0]
        if not self.measure_sample or m <= SAMPLE_ROWS:
            return X, Y, y
        kept = self._sampled_parts.get(id(X))
        if kept is not None and kept[0] is X and kept[1] is Y and kept[2] is y:  # copied once, not at every frame
            return kept[3]
        rows = self._sample_rows.get((self.config.seed, m))
        if rows is None:  # drawn once for each part size of the run, not at every frame
            rows = np.sort(np.random.default_rng(self.config.seed).choice(m, SAMPLE_ROWS, replace=False))
            self._sample_rows = {**self._sample_rows, (self.config.seed, m): rows}  # (never the class's dict)
        part = (X[rows], Y[rows], y[rows])
        parts = {k: v for k, v in self._sampled_parts.items() if k != id(X)}  # (a part of another data set goes)
        self._sampled_parts = {**dict(list(parts.items())[-1:]), id(X): (X, Y, y, part)}  # train and test kept
        return part
