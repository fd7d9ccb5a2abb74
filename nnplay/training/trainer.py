"""The Trainer: a network, its optimizer, split data and history, run by epochs.

It knows nothing of threads or Qt: the window's worker calls ``run`` in small
chunks and hands ``snapshot()`` results (copies) to the views.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from ..data import CLASSIFICATION, Dataset, Standardizer, generate, train_test_indices, transform
from ..engine import MLP, make_optimizer
from ..engine.regularization import zero_weights
from .config import TrainConfig
from .gradient_flow import zero_gradient_notes
from .history import History, layer_names, saved_history
from .pictures import predicted_classes, undefined_as_nan


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


@dataclass(frozen=True)
class Snapshot:
    """A read-only picture of a run for the views. Arrays are copies."""

    run_id: int
    epoch: int
    train_loss: float  # data losses J_data, without the penalty
    test_loss: float
    train_accuracy: float | None
    test_accuracy: float | None
    diverged_at: int | None
    history_start: int  # history arrays hold epochs history_start .. epoch (index 0 is epoch 0)
    history: dict  # History FIELDS -> exact values of the new epochs (an increment to add to a copy)
    weights: tuple
    biases: tuple
    dW: tuple
    db: tuple
    grad_norms: np.ndarray
    grad_norm_history: np.ndarray  # (epochs since history_start, layers): |dW[l]| at the end of each epoch
    grid: np.ndarray | None  # network output over the domain (see Trainer.grid_output), or the focus neuron's; NaN: undefined
    grid_extent: tuple | None  # ((x1_min, x1_max), (x2_min, x2_max))
    focus: tuple | None = None  # (layer, index) whose output ``grid`` holds; None for the network's output
    neurons: tuple | None = None  # per layer 0..L, (res, res, n[l]) activations over the domain (layer 0: inputs)
    quality: dict | None = None  # Trainer.quality(): confusion matrix, precision/recall, or RMSE and R^2
    hidden_space: dict | None = None  # Trainer.hidden_space(layer), when asked for
    trace: object | None = None  # BackpropTrace of the next mini-batch, when asked for
    batch_position: tuple = (0, 1)  # (batches of the current epoch done, batches per epoch)
    penalty: float = 0.0  # l1 sum|W| + (l2/2) sum W^2; the objective J is a data loss plus this
    zero_weights: tuple = (0, 0)  # (weights exactly 0, all weights): what L1 has switched off
    grid_classes: np.ndarray | None = None  # (res, res) predicted class per grid cell, -1 undefined (classes only)
    gradient_notes: tuple = ()  # why each all-zero dW[l] is zero, in words (see training.gradient_flow)
    # History.state() of the whole run up to history_start, when the increments alone would not
    # do (the view asked for epochs no longer kept exactly): the receiver replaces its copy first
    history_base: dict | None = None
    grad_norm_base: dict | None = None


@dataclass(frozen=True)
class RunInfo:
    """What stays fixed during a run: the data as split and the network's shape."""

    run_id: int
    data: Dataset
    train_index: np.ndarray
    test_index: np.ndarray
    sizes: tuple  # layer widths, inputs first
    input_names: tuple  # names of the network's inputs (features)
    activations: tuple
    loss: str
    extent: tuple  # ((x1_min, x1_max), (x2_min, x2_max)) of the default view
    config: TrainConfig


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


class Trainer:
    def __init__(self, config: TrainConfig | None = None, data: Dataset | None = None):
        self.config = config = config or TrainConfig()
        self.data = data if data is not None else make_dataset(config)
        self.loss_name = resolve_loss(config, self.data)
        self.run_id = 0
        self._prepare_data()
        n_out = self._n_outputs()
        self.net = MLP(
            [self.X_train.shape[1], *config.hidden, n_out],
            activation=config.activation,
            loss=self.loss_name,
            init=None if config.init == "auto" else config.init,
            l1=config.l1,
            l2=config.l2,
            seed=config.seed,
            dtype=config.dtype,
        )
        self.Y_train = self.net.encode_targets(self._targets(self.y_train))
        self.Y_test = self.net.encode_targets(self._targets(self.y_test))
        self.optimizer = make_optimizer(config.optimizer, config.lr)
        self.history = History()
        self.grad_norm_history = History(layer_names(self.net.n_layers))
        self._grid_inputs: dict = {}
        self._last_good = self.net.params.copy()
        self.reset()

    # ----------------------------------------------------------------- set-up
    @property
    def uses_feature_transforms(self) -> bool:
        return self.data.n_inputs == 2

    def _prepare_data(self) -> None:
        cfg, data = self.config, self.data
        if data.test_mask is not None:
            tr, te = np.flatnonzero(~data.test_mask), np.flatnonzero(data.test_mask)
        else:
            tr, te = train_test_indices(data.n_examples, cfg.train_ratio, cfg.data_seed,
                                        data.y if data.stratify and data.task == CLASSIFICATION else None)
        self.train_index, self.test_index = tr, te
        self.y_train, self.y_test = data.y[tr], data.y[te]
        feats = self._features(data.X)
        self.standardizer = Standardizer.fit(feats[tr]) if cfg.standardize else Standardizer.identity(feats.shape[1])
        dt = np.dtype(cfg.dtype)
        self.X_train = np.ascontiguousarray(self.standardizer(feats[tr]), dtype=dt)
        self.X_test = np.ascontiguousarray(self.standardizer(feats[te]), dtype=dt)
        self.input_means = data.X[tr].mean(axis=0) if len(tr) else np.zeros(data.n_inputs)

    def _features(self, X_raw: np.ndarray) -> np.ndarray:
        return transform(X_raw, self.config.features) if self.uses_feature_transforms else X_raw

    def prepare_inputs(self, X_raw: np.ndarray) -> np.ndarray:
        """Raw inputs (rows) -> the network's inputs: features, then standardisation."""
        return np.ascontiguousarray(self.standardizer(self._features(np.asarray(X_raw, float))), self.net.dtype)

    @property
    def input_feature_names(self) -> list[str]:
        return list(self.config.features) if self.uses_feature_transforms else list(self.data.input_names)

    def _n_outputs(self) -> int:
        if self.loss_name == "ce":
            return self.data.n_classes
        if self.loss_name in ("bce", "tanh_mse"):
            return 1
        return self.data.n_targets

    def _targets(self, y: np.ndarray) -> np.ndarray:
        if self.data.task == CLASSIFICATION and self.loss_name == "tanh_mse":
            return 2.0 * y - 1.0  # the Playground's -1/+1 labels
        return y

    def reset(self) -> None:
        """Fresh weights from the seed, empty history, epoch 0, a new run id."""
        self.net.reinitialize(self.config.seed)
        self.optimizer.reset()
        self.rng = np.random.default_rng(self.config.seed)
        self.history.clear()
        self.grad_norm_history.clear()
        self.epoch = 0
        self.diverged_at: int | None = None
        self._last_good[...] = self.net.params
        self._batch_order: np.ndarray | None = None  # the order of an epoch being stepped batch by batch
        self._batch_at = 0
        self.run_id += 1
        self._record()

    # ---------------------------------------------------------- save / load
    def state_dict(self) -> dict:
        """Everything needed to go on exactly where this run is: arrays and
        JSON-able scalars (see training.session for the file format)."""
        return {
            "epoch": self.epoch,
            "diverged_at": self.diverged_at,
            "params": self.net.params_in_rows(),
            "history": self.history.state(),
            "grad_norms": self.grad_norm_history.state(),
            "optimizer_t": self.optimizer.t,
            "optimizer": {k: self.net.params_in_rows(v) for k, v in self.optimizer.state().items()},
            "rng": self.rng.bit_generator.state,
            "batch_order": None if self._batch_order is None else self._batch_order.copy(),
            "batch_at": self._batch_at,
        }

    def load_state_dict(self, state: dict) -> None:
        """Restore a ``state_dict``; ValueError (and nothing changed) if it does
        not fit this network."""
        params = np.asarray(state["params"])
        epoch = int(state["epoch"])
        if params.shape != self.net.params.shape:
            raise ValueError(f"the saved weights ({params.size} numbers) do not fit this network "
                             f"({self.net.params.size})")
        history = saved_history(state["history"], self.history.names, epoch)
        norms = saved_history(state["grad_norms"], self.grad_norm_history.names, epoch)
        if not np.all(np.isfinite(params)):
            raise ValueError("the saved weights hold non-finite numbers")
        order, at = state.get("batch_order"), int(state.get("batch_at", 0))
        if order is not None:
            order = np.asarray(order)
            m = self.X_train.shape[0]
            if order.shape != (m,) or not np.array_equal(np.sort(order), np.arange(m)) or not 0 < at < m:
                raise ValueError("the saved position within an epoch does not fit the training data")
        rng = np.random.default_rng()
        rng.bit_generator.state = state["rng"]
        opt_state = {k: self.net.params_from_rows(v) for k, v in state.get("optimizer", {}).items()}
        self.optimizer.reset()
        self.optimizer.restore(state.get("optimizer_t", 0), opt_state)
        self.net.params[...] = self.net.params_from_rows(params)
        self.history, self.grad_norm_history = history, norms
        self.epoch = epoch
        self.diverged_at = None if state.get("diverged_at") is None else int(state["diverged_at"])
        self.rng = rng
        self._batch_order, self._batch_at = (None, 0) if order is None else (order.astype(np.intp), at)
        self._last_good[...] = self.net.params
        self._full_batch_gradients()

    def continue_from(self, other: "Trainer") -> None:
        """Go on from ``other``'s weights, optimizer state, history and epoch, on
        this trainer's data (after points were drawn or erased). Nothing changes
        when the networks differ in shape; an epoch part-way done starts afresh."""
        if other.net.sizes != self.net.sizes or other.net.activation_names != self.net.activation_names:
            return
        state = other.state_dict()
        state["batch_order"], state["batch_at"] = None, 0
        state["diverged_at"] = None
        self.load_state_dict(state)

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
        (a non-finite loss or weight), restoring the last finite weights. An
        epoch begun batch by batch (``step_batch``) is finished first."""
        if self.diverged or self.X_train.shape[0] == 0:
            return 0
        done = 0
        bs = self.config.batch_size
        with np.errstate(all="ignore"):
            for _ in range(epochs):
                if self._batch_order is not None:
                    while self._batch_order is not None and not self.diverged:
                        self.step_batch()
                    if self.diverged:
                        break
                    done += 1
                    continue
                self.net.train_epoch(self.X_train, self.Y_train, self.optimizer, bs, self.rng)
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
        ``batch_position``). The epoch's order is drawn from the run's generator exactly as
        ``MLP.train_epoch`` draws it, so stepping batch by batch trains the same
        batches as whole epochs would."""
        m, bs = self.X_train.shape[0], self._batch_size()
        if self._batch_order is None:
            self._batch_order = self.rng.permutation(m) if bs < m else np.arange(m)
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
            self.net.train_step(self.X_train[rows], self.Y_train[rows], self.optimizer)
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
            tr = backprop_trace(self.net, self.X_train[rows], self.Y_train[rows], self.optimizer, rows)
        return dataclasses.replace(tr, batch=k, batches=n, epoch=self.epoch)

    def _full_batch_gradients(self) -> None:
        """Set the network's dW, db to the gradient over the whole training set."""
        net = self.net
        if self.X_train.shape[0] == 0:
            net.grads[...] = 0.0
            return
        with np.errstate(all="ignore"):
            ws = net._workspace(self.X_train.shape[0])
            net._forward(self.X_train, ws)
            net._backward(self.X_train, self.Y_train, ws)
        if not np.isfinite(net.grads).all():
            net.grads[...] = 0.0

    def _evaluate(self, X, Y, y) -> tuple[float, float | None]:
        if X.shape[0] == 0:
            return math.nan, None
        net = self.net
        ws = net._workspace(X.shape[0])
        A = net._forward(X, ws)
        loss = net.loss_fn.value(ws.Z[-1], A, Y)
        if self.data.task != CLASSIFICATION:
            return loss, None
        return loss, float(np.mean(self._classes_from_outputs(A) == y))

    def _classes_from_outputs(self, A: np.ndarray) -> np.ndarray:
        return predicted_classes(A, self.loss_name)

    def _record(self) -> bool:
        """Evaluate and append to history; False when anything is non-finite.

        The training-set forward pass is reused for one backward pass, so the
        network's dW/db (and the recorded norms) are the gradient of the whole
        training loss at the current weights, not one mini-batch's noisy one.
        """
        train_loss, train_acc = self._evaluate(self.X_train, self.Y_train, self.y_train)
        if math.isfinite(train_loss):
            ws = self.net._workspace(self.X_train.shape[0])
            self.net._backward(self.X_train, self.Y_train, ws)
        test_loss, test_acc = self._evaluate(self.X_test, self.Y_test, self.y_test)
        penalty = self.net.penalty()
        if not np.isfinite(self.net.params).all() or not (math.isfinite(train_loss + penalty)
                                                          or self.X_train.shape[0] == 0):
            return False
        nan = math.nan
        self.grad_norm_history.append(*self.net.grad_norms())
        self.history.append(train_loss, test_loss, nan if train_acc is None else train_acc,
                            nan if test_acc is None else test_acc, penalty)
        return True

    def predict_classes(self, X_raw: np.ndarray) -> np.ndarray:
        """The predicted class of each raw input row, (m,) int64; -1 where the
        network's output overflows (see pictures.predicted_classes)."""
        with np.errstate(all="ignore"):
            return self._classes_from_outputs(self.net.forward(self.prepare_inputs(X_raw)))

    # ----------------------------------------------------------------- views
    def metrics(self) -> dict:
        h = self.history
        acc = self.data.task == CLASSIFICATION
        def val(name):
            v = h.last(name)
            return None if math.isnan(v) else v
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

    def gradient_check(self, max_examples: int = 200, max_entries: int = 64) -> dict | None:
        """Backprop against central differences on the current network and (up to
        ``max_examples`` of) the training data, in float64, per layer; None when
        there is no training data to check on."""
        from ..engine import gradient_check

        if self.X_train.shape[0] == 0:
            return None
        twin = self.net.copy(dtype="float64")
        m = min(max_examples, self.X_train.shape[0])
        X = self.X_train[:m].astype(np.float64)
        y = self._targets(self.y_train[:m])
        with np.errstate(all="ignore"):
            rows = gradient_check(twin, X, y, max_entries=max_entries)
        return {"examples": m, "layers": rows}

    def quality(self) -> dict:
        """{"train": report, "test": report}: precision, recall and confusion
        matrix for classes, RMSE and R^2 for regression (see training.metrics)."""
        from .metrics import classification_report, regression_report

        out = {}
        with np.errstate(all="ignore"):
            for part, X, y in (("train", self.X_train, self.y_train), ("test", self.X_test, self.y_test)):
                if X.shape[0] == 0:
                    out[part] = None
                    continue
                A = self.net.forward(X)
                if self.data.task == CLASSIFICATION:
                    out[part] = classification_report(y, self._classes_from_outputs(A), self.data.n_classes)
                else:
                    out[part] = regression_report(y, A)
        return out

    def run_info(self) -> RunInfo:
        return RunInfo(
            run_id=self.run_id, data=self.data, train_index=_frozen(self.train_index),
            test_index=_frozen(self.test_index), sizes=tuple(self.net.sizes),
            input_names=tuple(self.input_feature_names), activations=tuple(self.net.activation_names),
            loss=self.loss_name, extent=self.grid_extent(), config=self.config,
        )

    def grid_extent(self, axes=(0, 1)):
        dom = self.data.domain
        if axes == (0, 1):
            return dom
        return tuple(_padded(self.data.X[:, a]) for a in axes)

    def _grid_points(self, resolution: int, axes=(0, 1)) -> np.ndarray:
        key = (resolution, tuple(axes))
        pts = self._grid_inputs.get(key)
        if pts is None:
            (x0, x1), (y0, y1) = self.grid_extent(tuple(axes))
            xs = np.linspace(x0, x1, resolution)
            ys = np.linspace(y0, y1, resolution)
            gx, gy = np.meshgrid(xs, ys)  # row i is x2 = ys[i], column j is x1 = xs[j]
            raw = self._raw_points(gx.ravel(), gy.ravel(), axes)
            pts = self._grid_inputs[key] = self.prepare_inputs(raw)  # in the network's own dtype
        return pts

    def _raw_points(self, h: np.ndarray, v: np.ndarray, axes) -> np.ndarray:
        """Raw inputs at horizontal/vertical coordinates (h, v) on inputs ``axes``,
        every other input at its training mean."""
        raw = np.tile(self.input_means, (len(h), 1))
        raw[:, axes[0]] = h
        if self.data.n_inputs > 1:  # with one input the vertical axis is not an input
            raw[:, axes[1]] = v
        return raw

    def grid_output(self, resolution: int = 100, axes=(0, 1)) -> np.ndarray:
        """The network's output over the domain of inputs ``axes`` (other inputs
        at their training mean): (res, res) for one output (P(class 1) for bce,
        the value for regression), (res, res, k) class probabilities for ce.
        Row i is the i-th x2 value from the bottom, column j the j-th x1 value.
        Computed by the run's own network (see training.pictures), so its
        classes are the network's predictions; non-finite where it overflows."""
        with np.errstate(all="ignore"):
            out = self.net.forward(self._grid_points(resolution, axes))
        if out.shape[1] == 1:
            return out.reshape(resolution, resolution)
        return out.reshape(resolution, resolution, out.shape[1])

    def neuron_grids(self, resolution: int = 20, axes=(0, 1)) -> list[np.ndarray]:
        """Every layer's activations over the domain: list of (res, res, n[l])."""
        with np.errstate(all="ignore"):
            acts = self.net.hidden_outputs(self._grid_points(resolution, axes))
        return [a.reshape(resolution, resolution, a.shape[1]) for a in acts]

    def hidden_space(self, layer: int, lines: int = 13, samples: int = 60, axes=(0, 1)) -> dict:
        """The training points and a grid of lines over the input domain, as seen
        by hidden layer ``layer`` (1-based): its activations, one column per
        neuron, as ConvNetJS draws them. Keys: points (m, n), labels (m,),
        lines (2 * lines, samples, n): lines of constant x2, then of constant x1."""
        if not 1 <= layer < self.net.n_layers:
            raise ValueError(f"layer {layer} is not a hidden layer")
        (x0, x1), (y0, y1) = self.grid_extent(tuple(axes))
        xs, ys = np.linspace(x0, x1, samples), np.linspace(y0, y1, samples)
        raw = []
        for v in np.linspace(y0, y1, lines):  # horizontal lines
            raw.append(np.column_stack([xs, np.full(samples, v)]))
        for v in np.linspace(x0, x1, lines):  # vertical lines
            raw.append(np.column_stack([np.full(samples, v), ys]))
        stacked = np.concatenate(raw)
        pts = self._raw_points(stacked[:, 0], stacked[:, 1], axes)
        with np.errstate(all="ignore"):
            line_acts = self.net.hidden_outputs(self.prepare_inputs(pts))[layer - 1]
            point_acts = self.net.hidden_outputs(self.X_train)[layer - 1]
        return {"layer": layer, "points": undefined_as_nan(point_acts), "labels": _frozen(self.y_train),
                "lines": undefined_as_nan(line_acts.reshape(2 * lines, samples, -1))}

    def neuron_output(self, layer: int, index: int, resolution: int = 100, axes=(0, 1)) -> np.ndarray:
        """One neuron's output over the domain, (res, res); layer 0 is the inputs."""
        pts = self._grid_points(resolution, axes)
        if layer == 0:
            return pts[:, index].reshape(resolution, resolution).copy()
        with np.errstate(all="ignore"):
            acts = self.net.hidden_outputs(pts)
        return acts[layer - 1][:, index].reshape(resolution, resolution)

    def snapshot(self, grid_resolution: int | None = 100, history_from: int = 0, axes=(0, 1),
                 neuron_resolution: int | None = None, focus: tuple | None = None,
                 hidden_layer: int | None = None, quality: bool = False, trace: bool = False) -> Snapshot:
        """Copies of everything a view needs. ``history_from`` limits the history
        arrays to epochs from that index on; ``neuron_resolution`` adds every
        neuron's output over the domain; ``focus`` = (layer, index) puts that
        neuron's output in ``grid`` in place of the network's; ``hidden_layer`` and
        ``quality`` add the hidden-space picture and the quality reports (each a
        pass over the data, so only when a view shows them); ``trace`` adds every
        number of the next mini-batch's step (for the backprop inspector)."""
        m = self.metrics()
        net = self.net
        axes = tuple(axes)
        grid = extent = grid_classes = None
        if focus is not None and not (0 <= focus[0] <= net.n_layers and 0 <= focus[1] < net.sizes[focus[0]]):
            focus = None
        if grid_resolution:
            if focus is None:
                out = self.grid_output(grid_resolution, axes)
                grid = undefined_as_nan(out)
                if self.data.task == CLASSIFICATION:
                    grid_classes = _frozen(predicted_classes(out.reshape(grid_resolution ** 2, -1), self.loss_name)
                                           .reshape(grid_resolution, grid_resolution))
            else:
                grid = undefined_as_nan(self.neuron_output(focus[0], focus[1], grid_resolution, axes))
            extent = self.grid_extent(axes)
        neurons = None
        if neuron_resolution:
            r = neuron_resolution
            inputs = self._grid_points(r, axes).reshape(r, r, -1)
            neurons = tuple(undefined_as_nan(a) for a in [inputs, *self.neuron_grids(r, axes)])
        start = min(max(0, history_from), len(self.history))
        base = norm_base = None
        if start < self.history.exact_start:  # those epochs are summarised: send the whole (bounded) record
            start = len(self.history)
            base, norm_base = self.history.state(), self.grad_norm_history.state()
        return Snapshot(
            run_id=self.run_id,
            epoch=self.epoch,
            train_loss=m["train_loss"] if m["train_loss"] is not None else math.nan,
            test_loss=m["test_loss"] if m["test_loss"] is not None else math.nan,
            train_accuracy=m["train_accuracy"],
            test_accuracy=m["test_accuracy"],
            diverged_at=self.diverged_at,
            history_start=start,
            history={k: _frozen(v) for k, v in self.history.copy_since(start).items()},
            weights=tuple(_frozen(w) for w in net.weights),
            biases=tuple(_frozen(b) for b in net.biases),
            dW=tuple(_frozen(d) for d in net.dW),
            db=tuple(_frozen(d) for d in net.db),
            grad_norms=_frozen(net.grad_norms()),
            grad_norm_history=_frozen(self.grad_norm_history.rows_since(start)),
            grid=grid,
            grid_extent=extent,
            focus=focus,
            neurons=neurons,
            quality=self.quality() if quality else None,
            hidden_space=(self.hidden_space(hidden_layer, axes=axes)
                          if hidden_layer is not None and 1 <= hidden_layer < net.n_layers else None),
            trace=self.trace_next_batch() if trace and not self.diverged else None,
            batch_position=self.batch_position,
            penalty=m["penalty"] if m["penalty"] is not None else math.nan,
            zero_weights=zero_weights(net.weights),
            grid_classes=grid_classes,
            gradient_notes=zero_gradient_notes(net, self.X_train, self.Y_train, net.dW),
            history_base=base,
            grad_norm_base=norm_base,
        )


def _padded(col: np.ndarray, pad: float = 0.1) -> tuple[float, float]:
    lo, hi = float(col.min()), float(col.max())
    span = hi - lo if hi > lo else 1.0
    return (lo - pad * span, hi + pad * span)
