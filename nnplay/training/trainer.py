"""The Trainer: a run of a network, its optimizer, split data and history, by
epochs or mini-batch by mini-batch, with divergence rollback and its state.

It knows nothing of threads or Qt: the window's worker calls ``run`` in small
chunks and hands ``snapshot()`` results (copies) to the views. What the views
ask for besides the run (pictures over the domain, quality, gradient check) is
``training.probes``; the snapshots themselves are ``training.snapshot``.
"""

from __future__ import annotations

import copy
import dataclasses
import math

import numpy as np

from ..data import CLASSIFICATION, Dataset, generate
from ..engine import MLP, make_optimizer
from ..engine.equations import epoch_order
from .config import TrainConfig
from .current_weights import CurrentWeights
from .distributions import Distributions
from .health import LiveDiagnosis
from .history import RUN_FIELDS, History, layer_names
from .landscape import Trajectory
from .network_edits import NetworkEdits
from .parameter_edit import ParameterEdits
from .partial_epochs import PartialEpochs
from .pictures import predicted_classes
from .probes import Probes, ProbeShortcuts, ViewRequest
from .saved_state import restore_run_state, run_state
from .schedules import rate_now
from .snapshot import RunInfo, Snapshot, run_info, take_snapshot
from .split_data import SplitData

__all__ = ["RunInfo", "Snapshot", "Trainer", "ViewRequest", "make_dataset", "resolve_loss"]


def make_dataset(config: TrainConfig) -> Dataset:
    return generate(config.dataset, config.noise, config.data_seed, config.classes)


def resolve_loss(config: TrainConfig, data: Dataset) -> str:
    """The loss to use, checked against the task: ValueError when they clash."""
    k = data.n_classes
    if config.loss == "auto":
        if data.task != CLASSIFICATION:
            return "mse"
        return "bce" if k == 2 else "ce"
    if data.task == CLASSIFICATION:
        if config.loss in ("bce", "tanh_mse") and k != 2:
            raise ValueError(f"loss {config.loss!r} handles two classes; this data has {k}, use 'ce'")
        if config.loss == "mse":
            raise ValueError("loss 'mse' is for regression; for classes use 'bce', 'ce' or 'tanh_mse'")
    elif config.loss in ("bce", "ce"):
        raise ValueError(f"loss {config.loss!r} is for classification; for regression use 'mse' or 'tanh_mse'")
    return config.loss


class Trainer(NetworkEdits, ParameterEdits, PartialEpochs, CurrentWeights, ProbeShortcuts):
    """One run: ``config``'s network and optimizer on ``data`` (by default the
    generated data set ``config`` names), split and checked once (``split``),
    trained by epochs (``run``) or mini-batch by mini-batch (``step_batch``),
    rolled back to the last finite weights on divergence, with its per-epoch
    ``history`` and the gradient norms. ValueError when the loss does not fit
    the task or the data hold NaN or infinity."""

    def __init__(self, config: TrainConfig | None = None, data: Dataset | None = None):
        self.config = config = config or TrainConfig()
        self.data = data if data is not None else make_dataset(config)
        self.loss_name = resolve_loss(config, self.data)
        self.run_id = 0
        split = self.split = SplitData(config, self.data, self.loss_name)
        self.train_index, self.test_index = split.train_index, split.test_index
        self.X_train, self.X_test, self.y_train, self.y_test = split.X_train, split.X_test, split.y_train, split.y_test
        self.standardizer, self.input_means = split.standardizer, split.input_means
        self.net = MLP([self.X_train.shape[1], *config.hidden, split.n_outputs], activation=config.activations,
                       loss=self.loss_name, init=None if config.init == "auto" else config.init, l1=config.l1,
                       l2=config.l2, seed=config.seed, dtype=config.dtype)
        self.Y_train = self.net.encode_targets(self.targets(self.y_train))
        self.Y_test = self.net.encode_targets(self.targets(self.y_test))
        self.optimizer = make_optimizer(config.optimizer, config.lr)
        self.history = History(RUN_FIELDS)
        self.grad_norm_history = History(layer_names(self.net.n_layers))
        self.trajectory = Trajectory(self.net.params.size)  # the weights after each epoch, thinned (the loss landscape's path)
        self.distributions = Distributions(self.net.n_layers)  # W, Z, A, dW percentiles per recorded epoch
        self.live_health = LiveDiagnosis()  # the health findings of live frames, once per recorded epoch
        self.probes = Probes(self)
        self._last_good = self.net.params.copy()
        self.reset()

    # ----------------------------------------------------------------- set-up
    def prepare_inputs(self, X_raw) -> np.ndarray:
        """See ``SplitData.prepare_inputs``."""
        return self.split.prepare_inputs(X_raw)

    @property
    def input_feature_names(self) -> list[str]:
        return self.split.input_feature_names

    def targets(self, y: np.ndarray) -> np.ndarray:
        """See ``SplitData.targets``."""
        return self.split.targets(y)

    def reset(self) -> None:
        """Fresh weights from the seed, empty history, epoch 0, a new run id."""
        self.net.reinitialize(self.config.seed)
        self.optimizer.reset()
        self.rng = np.random.default_rng(self.config.seed)
        self.history.clear()
        self.grad_norm_history.clear()
        self.trajectory.clear()
        self.distributions.clear()
        self.epoch = 0
        self.diverged_at: int | None = None
        self._last_good[...] = self.net.params
        self._batch_order: np.ndarray | None = None  # the order of an epoch being stepped batch by batch
        self._batch_at = 0
        self._remeasured = None  # see _remeasure
        self.run_id += 1
        self._begin_edits()  # the settings' frozen layers, dropout, clipping, the first rate (network_edits)
        self._record()

    # ---------------------------------------------------------- save / load
    def state_dict(self) -> dict:
        """Everything needed to go on exactly where this run is (see training.saved_state)."""
        return run_state(self)

    def load_state_dict(self, state: dict) -> None:
        """Restore a ``state_dict``; ValueError (and nothing changed) if it does
        not fit this network (see training.saved_state)."""
        restore_run_state(self, state)
        self.optimizer.lr = rate_now(self)  # the schedule's rate where the run is, as when it was saved
        self._full_batch_gradients()
        self._remeasure()  # the read-outs: of the weights and data restored, not the history's last row

    def copy(self) -> Trainer:
        """An independent twin of the run (network, optimizer, generator, history,
        position in the epoch); ``copy.copy`` gives the same."""
        return copy.deepcopy(self)

    __copy__ = copy

    def continue_from(self, other: "Trainer") -> None:
        """Go on from ``other``'s weights, optimizer state, history and epoch, on this trainer's data (points
        drawn or erased; the last record, of these weights, measured again on it). Nothing changes when the
        networks differ in shape; an epoch part-way done starts afresh."""
        if other.net.sizes == self.net.sizes and other.net.activation_names == self.net.activation_names:
            state = other.state_dict()
            at_record = state["batch_order"] is None and state["batch_at"] == 0  # the weights of the last record
            self.load_state_dict(dict(state, batch_order=None, batch_at=0, diverged_at=None))  # (measured on this data)
            if at_record and len(self.history):
                _measure_last_record(self)

    def _remeasure(self) -> None:
        """The current weights measured on this trainer's data, for ``metrics`` until the
        next recorded epoch: the history's last point was measured on other weights or data
        (a restored session edited or drawn on after that epoch, an edit, a prune)."""
        with np.errstate(all="ignore"):
            self._remeasured = (len(self.history), self._evaluate(self.X_train, self.Y_train, self.y_train),
                                self._evaluate(self.X_test, self.Y_test, self.y_test), self.net.penalty())

    def _measured_now(self) -> dict:
        """What ``_remeasure`` measured, while no epoch has been recorded since ({} otherwise)."""
        r = getattr(self, "_remeasured", None)
        if r is None or r[0] != len(self.history):
            return {}
        (train_loss, train_acc), (test_loss, test_acc) = r[1], r[2]
        return {"train_loss": train_loss, "train_accuracy": train_acc, "test_loss": test_loss,
                "test_accuracy": test_acc, "penalty": r[3]}

    # ----------------------------------------------------------- live changes
    def set_learning_rate(self, lr: float) -> None:
        if not lr > 0 or not math.isfinite(lr):
            raise ValueError(f"learning rate must be a positive number, got {lr}")
        self.optimizer.lr = float(lr)
        self.config = self.config.with_changes(lr=float(lr))

    def set_regularization(self, l1: float | None = None, l2: float | None = None) -> None:
        l1 = self.net.l1 if l1 is None else float(l1)
        l2 = self.net.l2 if l2 is None else float(l2)
        if l1 < 0 or l2 < 0:
            raise ValueError("regularisation rates must be 0 or more")
        self.net.l1, self.net.l2 = l1, l2
        self.config = self.config.with_changes(l1=l1, l2=l2)

    # --------------------------------------------------------------- training
    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    def run(self, epochs: int = 1) -> int:
        """Train up to ``epochs`` epochs; returns how many ran. Stops at divergence
        (a non-finite loss or weight), restoring the last finite weights. An epoch begun
        by ``step_batch`` or drawn by ``trace_next_batch`` is finished first, on its tapes
        (``run_steps``): a traced run's weights are an untraced one's, to the bit."""
        if self.diverged or self.X_train.shape[0] == 0:
            return 0
        done = 0
        bs = self.config.batch_size
        with np.errstate(all="ignore"):
            for _ in range(epochs):
                if self._batch_order is not None:  # begun by single steps, or its order drawn by a trace
                    self.run_steps(self.batch_position[1])  # the rest on the epoch's tapes, as a whole epoch
                    if self.diverged:
                        break
                    done += 1
                    continue
                self.net.train_epoch(self.X_train, self.Y_train, self._scheduled(), bs, self.rng, check_input=False)
                self.epoch += 1
                done += 1
                if not self._end_epoch():
                    break
        return done

    def _end_epoch(self) -> bool:
        """Record the epoch just finished; on divergence go back to the last finite weights."""
        if not self._record():
            self.diverged_at = self.epoch
            self.net.params[...] = self._last_good
            self.epoch -= 1  # the failed epoch left no record
            self._full_batch_gradients()  # replace the non-finite ones
            return False
        self._last_good[...] = self.net.params
        return True

    # ------------------------------------------------ one mini-batch at a time
    def _batch_size(self) -> int:
        m, bs = self.X_train.shape[0], self.config.batch_size
        return max(1, m) if bs <= 0 or bs >= m else bs

    def _next_batch(self) -> np.ndarray:
        """The training-set rows of the next mini-batch (its place in the epoch is
        ``batch_position``). The epoch's order comes from the run's generator by
        ``equations.epoch_order``, as in ``MLP.train_epoch``, so stepping batch by
        batch trains the same batches as whole epochs would."""
        m, bs = self.X_train.shape[0], self._batch_size()
        if self._batch_order is None:
            self._batch_order = epoch_order(m, bs, self.rng)[0]
            self._batch_at = 0
        return self._batch_order[self._batch_at : self._batch_at + bs]

    @property
    def batch_position(self) -> tuple[int, int]:
        """(batches of the current epoch done, batches per epoch)."""
        m, bs = self.X_train.shape[0], self._batch_size()
        done = 0 if self._batch_order is None else self._batch_at // bs
        return done, -(-m // bs)

    def step_batch(self) -> bool:
        """One optimizer step on the next mini-batch; the last batch of an epoch
        ends the epoch (recorded as ``run`` records it). Returns False when the
        run has diverged."""
        if self.diverged or self.X_train.shape[0] == 0:
            return False
        rows = self._next_batch()
        with np.errstate(all="ignore"):
            self.net.train_step(self.X_train[rows], self.Y_train[rows], self._scheduled(), check_input=False, rng=self.rng)
            self._batch_at += len(rows)
            if self._batch_at >= self.X_train.shape[0]:
                self._batch_order = None
                self.epoch += 1
                return self._end_epoch()
        return True

    def trace_next_batch(self):
        """Every number of the step ``step_batch`` would take now (a BackpropTrace)."""
        from ..engine.trace import backprop_trace

        if self.X_train.shape[0] == 0:
            return None
        rows = self._next_batch()
        k, n = self.batch_position
        with np.errstate(all="ignore"):
            tr = backprop_trace(self.net, self.X_train[rows], self.Y_train[rows], self.optimizer, rows, self.rng)
        return dataclasses.replace(tr, batch=k, batches=n, epoch=self.epoch)

    def _full_batch_gradients(self) -> None:
        """Set the network's dW, db to the gradient over the whole training set."""
        net = self.net
        if self.X_train.shape[0] == 0:
            net.grads[...] = 0.0
            return
        with np.errstate(all="ignore"):
            net.evaluate(self.X_train, self.Y_train, gradients=True, check_input=False)
        if not np.isfinite(net.grads).all():
            net.grads[...] = 0.0

    def _evaluate(self, X, Y, y, gradients: bool = False) -> tuple[float, float | None]:
        """(J_data, accuracy or None) on one part of the data; with ``gradients``
        the network's dW/db become that part's full-batch gradient."""
        if X.shape[0] == 0:
            return math.nan, None
        loss, A = self.net.evaluate(X, Y, gradients, check_input=False)  # checked once, by SplitData
        if self.data.task != CLASSIFICATION:
            return loss, None
        return loss, float(np.mean(self.classes_from_outputs(A) == y))

    def classes_from_outputs(self, A: np.ndarray) -> np.ndarray:
        """The class of each row of network outputs A, (m,); -1 where undefined."""
        return predicted_classes(A, self.loss_name)

    def _record(self) -> bool:
        """Evaluate and append to history; False when anything is non-finite. The
        training-set forward pass is reused for one backward pass, so the network's
        dW/db (and the recorded norms) are the gradient of the whole training loss
        at the current weights, not one mini-batch's noisy one."""
        with np.errstate(all="ignore"):  # a diverging run is caught below, not warned about
            train_loss, train_acc = self._evaluate(self.X_train, self.Y_train, self.y_train, gradients=True)
        test_loss, test_acc = self._evaluate(self.X_test, self.Y_test, self.y_test)
        penalty = self.net.penalty()
        if not np.isfinite(self.net.params).all() or not (math.isfinite(train_loss + penalty)
                                                          or self.X_train.shape[0] == 0):
            return False
        nan = math.nan
        self.grad_norm_history.append(*_grad_norms_now(self))
        self.history.append(train_loss, test_loss, nan if train_acc is None else train_acc,
                            nan if test_acc is None else test_acc, penalty, self.optimizer.lr, self._take_clipped())
        self.trajectory.record(self.epoch, self.net.params)
        self.distributions.record(self.epoch, self.net, self.X_train)  # on a schedule: see training.distributions
        return True

    def predict_classes(self, X_raw: np.ndarray) -> np.ndarray:
        """The predicted class of each raw input row, (m,) int64; -1 where the
        network's output overflows (see pictures.predicted_classes)."""
        with np.errstate(all="ignore"):
            return self.classes_from_outputs(self.net.forward(self.prepare_inputs(X_raw)))

    # ----------------------------------------------------------------- views
    def metrics(self) -> dict:
        acc = self.data.task == CLASSIFICATION
        now = self.measure_current() or self._measured_now()  # mid-epoch (current_weights); after a data change
        last = self.history.last_row()

        def val(name):
            v = now[name] if name in now else last[name]
            return None if v is None or math.isnan(v) else v
        return {
            "epochs": self.epoch,
            "train_loss": val("train_loss"),
            "test_loss": val("test_loss"),
            "train_accuracy": val("train_accuracy") if acc else None,
            "test_accuracy": val("test_accuracy") if acc else None,
            "penalty": val("penalty"),
            "diverged": self.diverged,
            "diverged_at": self.diverged_at,
        }

    def run_info(self) -> RunInfo:
        """What stays fixed during this run (see training.snapshot)."""
        return run_info(self)

    def snapshot(self, request: ViewRequest | None = None, history_from: int = 0, *, for_pipe: bool = False,
                 **changes) -> Snapshot:
        """Copies of everything a view needs, with the probes ``request`` asks for
        (see ``snapshot.take_snapshot``, and its ``for_pipe``); keywords override single
        fields of the request, e.g. ``snapshot(grid_resolution=None, quality=True)``."""
        request = dataclasses.replace(request or ViewRequest(), **changes) if changes else request or ViewRequest()
        return take_snapshot(self, request, history_from, for_pipe)


def _grad_norms_now(t: Trainer) -> np.ndarray:
    """|dW[l]| of the whole training set's gradient; NaN (not measured) without training data, not 0."""
    norms = t.net.grad_norms()
    return norms if t.X_train.shape[0] else np.full_like(norms, math.nan)


def _measure_last_record(t: Trainer) -> None:
    """The last record (the losses, accuracies and gradient norms of the weights now) measured again
    on ``t``'s data, after ``continue_from`` brought the run to other data: drawn on, or back from
    none (undo after a Clear kept the 0 norms measured without data: tester 21)."""
    m, nan = t._measured_now(), math.nan
    t.history.replace_last({**m, "train_accuracy": nan if m["train_accuracy"] is None else m["train_accuracy"],
                            "test_accuracy": nan if m["test_accuracy"] is None else m["test_accuracy"]})
    t.grad_norm_history.replace_last(dict(zip(t.grad_norm_history.names, _grad_norms_now(t))))
