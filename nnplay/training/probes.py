"""What the views ask a run for, apart from running it: the pictures over the
input domain (the output, each neuron, the hidden space), the quality reports
and the gradient check. ``ViewRequest`` says which a view wants; ``Probes``
computes them from a Trainer's current network without changing the run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data import CLASSIFICATION
from .picture_net import PictureNetwork
from .pictures import class_confidence, predicted_classes, undefined_as_nan
from .snapshot import frozen


CACHED_RESOLUTION = 200  # grids of at most this many cells a side keep their input points
CLASS_CHUNK = 32_768  # grid points a class picture's cells are evaluated at a time (class_cells)


@dataclass
class ViewRequest:
    """Which probes a snapshot carries (see ``snapshot.take_snapshot``); the
    training loop keeps one per view and changes its fields as the view asks."""

    grid_resolution: int | None = 100  # the output over the domain, res x res; None: no grid
    axes: tuple = (0, 1)  # the two inputs the pictures span (others at their training mean)
    neuron_resolution: int | None = 24  # every neuron's output over the domain; None: none
    focus: tuple | None = None  # (layer, index): that neuron's output in the grid instead of the network's
    hidden_layer: int | None = None  # the hidden space of this layer (1-based)
    quality: bool = False  # confusion matrix and precision/recall, or RMSE and R^2
    trace: bool = False  # every number of the next mini-batch's step (the backprop inspector)
    distributions: bool = False  # the recorded distributions (when new) and the health diagnosis


class Probes:
    """The probes of one Trainer (``trainer.probes``); the grid points are
    computed once per resolution and axes, in the network's dtype."""

    def __init__(self, trainer):
        self._t = trainer
        self._grid_inputs: dict = {}
        self._input_pictures: dict = {}  # (res, axes, keep) -> input_thumbnails' array
        self._extents: dict = {}  # axes -> (the data set, its extent): a scan of every row, once per data set
        self._pictures = PictureNetwork()  # the pictures' float32 twin (picture_net)

    def grid_extent(self, axes=(0, 1)):
        """((h_min, h_max), (v_min, v_max)) of the pictures on inputs ``axes``:
        the data set's domain for (0, 1), widened to every point (a point drawn
        beyond it gets a colour under it too), else the data's range padded by 10%.
        Computed once per data set and axes (every frame asks: 1-2 ms on 100,000 rows)."""
        data, axes = self._t.data, tuple(axes)
        kept = self._extents.get(axes)
        if kept is not None and kept[0] is data:
            return kept[1]
        extent = covering(data) if axes == (0, 1) else tuple(_padded(data.X[:, a]) for a in axes)
        self._extents[axes] = (data, extent)
        return extent

    def grid_points(self, resolution: int, axes=(0, 1)) -> np.ndarray:
        """The network's inputs at the res x res grid, (res^2, n[0]): row i is the
        i-th vertical value from the bottom, column j the j-th horizontal one."""
        key = (resolution, tuple(axes))
        pts = self._grid_inputs.get(key)
        if pts is None:
            (x0, x1), (y0, y1) = self.grid_extent(tuple(axes))
            gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
            pts = self._t.prepare_inputs(self.raw_points(gx.ravel(), gy.ravel(), axes))
            if resolution <= CACHED_RESOLUTION:  # (an export's fine grid, once: not kept)
                self._grid_inputs[key] = pts
        return pts

    def input_thumbnails(self, resolution: int, axes=(0, 1), keep: int | None = None) -> np.ndarray:
        """The inputs' own pictures over the grid, (res, res, n[0]) read-only (the first ``keep``
        inputs when given): ``grid_points`` with NaN for what is not finite. Made once per
        resolution, axes and ``keep`` where ``grid_points`` keeps its points (every frame's
        layer-0 thumbnails)."""
        key = (resolution, tuple(axes), keep)
        kept = self._input_pictures.get(key)
        if kept is None:
            kept = undefined_as_nan(self.grid_points(resolution, axes).reshape(resolution, resolution, -1)[:, :, :keep])
            if resolution <= CACHED_RESOLUTION:
                self._input_pictures[key] = kept
        return kept

    def raw_points(self, h: np.ndarray, v: np.ndarray, axes) -> np.ndarray:
        """Raw inputs at horizontal/vertical coordinates (h, v) on inputs ``axes``,
        every other input at its training mean."""
        t = self._t
        raw = np.tile(t.input_means, (len(h), 1))
        raw[:, axes[0]] = h
        if t.data.n_inputs > 1:  # with one input the vertical axis is not an input
            raw[:, axes[1]] = v
        return raw

    def grid_output(self, resolution: int = 100, axes=(0, 1)) -> np.ndarray:
        """The network's output over the domain of inputs ``axes`` (other inputs
        at their training mean): (res, res) for one output (P(class 1) for bce,
        the value for regression), (res, res, k) class probabilities for ce.
        Computed in float32 where that cannot change a class, by the run's own
        network elsewhere (see training.picture_net), so its classes are the
        network's predictions; non-finite where it overflows."""
        with np.errstate(all="ignore"):
            out = self._pictures.forward(self._t.net, self.grid_points(resolution, axes), self._t.loss_name)
        return out.reshape(resolution, resolution, *out.shape[1:]) if out.shape[1] > 1 else \
            out.reshape(resolution, resolution)

    def class_cells(self, resolution: int, axes=(0, 1)) -> tuple[np.ndarray, np.ndarray]:
        """A classification's picture over the domain of inputs ``axes`` without the network's
        outputs: (each cell's predicted class, (res, res) int64, UNDEFINED -1 where the output is
        not finite; its confidence 0..1, (res, res) float32), as ``pictures.predicted_classes``
        and ``class_confidence`` make them of ``grid_output(resolution, axes)``, evaluated
        CLASS_CHUNK points at a time. An export's grid, a cell per output pixel: a 50-class run's
        outputs over 1,194 x 1,194 cells were 570 MB (1.5 GB while computed), pickled down the
        frame pipe; these are 5.7 MB a million cells whatever the number of classes."""
        pts, loss = self.grid_points(resolution, axes), self._t.loss_name
        classes, confidence = np.empty(len(pts), np.int64), np.empty(len(pts), np.float32)
        with np.errstate(all="ignore"):
            for start in range(0, len(pts), CLASS_CHUNK):
                part = slice(start, start + CLASS_CHUNK)
                A = self._pictures.forward(self._t.net, pts[part], loss)
                classes[part] = predicted_classes(A, loss)
                confidence[part] = class_confidence(A if A.shape[1] > 1 else A[:, 0], loss)
        return classes.reshape(resolution, resolution), confidence.reshape(resolution, resolution)

    def output_and_neurons(self, resolution: int, neurons: int, axes=(0, 1)) -> tuple | None:
        """(``grid_output(resolution, axes)``, ``neuron_grids(neurons, axes)``) from one
        forward pass over the output's grid, when the neurons' grid is every k-th of its
        points (resolution - 1 = k (neurons - 1): the live grid, 47 = 2 x 24 - 1); None when
        it is not. The thumbnails' points are then the output's (to the last bit of
        ``linspace``'s rounding), and cost nothing more than the rows they take."""
        step, rest = divmod(resolution - 1, max(1, neurons - 1))
        if neurons < 2 or step < 1 or rest:
            return None
        with np.errstate(all="ignore"):
            out, acts = self._pictures.forward_and_subgrid(self._t.net, self.grid_points(resolution, axes),
                                                           self._t.loss_name, resolution, step)
        out = out.reshape(resolution, resolution, *out.shape[1:]) if out.shape[1] > 1 else \
            out.reshape(resolution, resolution)
        return out, acts

    def neuron_grids(self, resolution: int = 20, axes=(0, 1)) -> list[np.ndarray]:
        """Every layer's activations over the domain: list of (res, res, n[l]), l = 1..L."""
        with np.errstate(all="ignore"):
            acts = self._pictures.hidden_outputs(self._t.net, self.grid_points(resolution, axes))
        return [a.reshape(resolution, resolution, a.shape[1]) for a in acts]

    def neuron_output(self, layer: int, index: int, resolution: int = 100, axes=(0, 1)) -> np.ndarray:
        """One neuron's output over the domain, (res, res); layer 0 is the inputs."""
        pts = self.grid_points(resolution, axes)
        if layer == 0:
            return pts[:, index].reshape(resolution, resolution).copy()
        with np.errstate(all="ignore"):
            acts = self._pictures.hidden_outputs(self._t.net, pts)
        return acts[layer - 1][:, index].reshape(resolution, resolution)

    def hidden_space(self, layer: int, lines: int = 13, samples: int = 60, axes=(0, 1)) -> dict:
        """The training points and a grid of lines over the input domain, as seen
        by hidden layer ``layer`` (1-based): its activations, one column per
        neuron, as ConvNetJS draws them. Keys: points (m, n), labels (m,),
        lines (2 * lines, samples, n): lines of constant x2, then of constant x1."""
        t = self._t
        if not 1 <= layer < t.net.n_layers:
            raise ValueError(f"layer {layer} is not a hidden layer")
        (x0, x1), (y0, y1) = self.grid_extent(tuple(axes))
        xs, ys = np.linspace(x0, x1, samples), np.linspace(y0, y1, samples)
        raw = [np.column_stack([xs, np.full(samples, v)]) for v in np.linspace(y0, y1, lines)]  # horizontal
        raw += [np.column_stack([np.full(samples, v), ys]) for v in np.linspace(x0, x1, lines)]  # vertical
        stacked = np.concatenate(raw)
        pts = self.raw_points(stacked[:, 0], stacked[:, 1], axes)
        with np.errstate(all="ignore"):
            line_acts = t.net.hidden_outputs(t.prepare_inputs(pts))[layer - 1]
            point_acts = t.net.hidden_outputs(t.X_train)[layer - 1]
        return {"layer": layer, "points": undefined_as_nan(point_acts), "labels": frozen(t.y_train),
                "lines": undefined_as_nan(line_acts.reshape(2 * lines, samples, -1))}

    def quality(self) -> dict:
        """{"train": report, "test": report}: precision, recall and confusion
        matrix for classes, RMSE (in the target's own units) and R^2 for regression (see training.metrics)."""
        from ..data.target_units import in_target_units
        from .metrics import classification_report, regression_report

        t, out = self._t, {}
        with np.errstate(all="ignore"):
            for part, X, y in (("train", t.X_train, t.y_train), ("test", t.X_test, t.y_test)):
                if X.shape[0] == 0:
                    out[part] = None
                    continue
                A = t.net.forward(X)
                if t.data.task == CLASSIFICATION:
                    out[part] = classification_report(y, t.classes_from_outputs(A), t.data.n_classes)
                else:
                    scale = t.data.target_scale  # in the target's own units, also when standardised
                    out[part] = regression_report(in_target_units(y, scale), in_target_units(A, scale))
        return out

    def gradient_check(self, max_examples: int = 200, max_entries: int = 64) -> dict | None:
        """Backprop against central differences on the current network and (up to
        ``max_examples`` of) the training data, in float64, per layer; None when
        there is no training data to check on. ``epoch`` and ``batch`` (done,
        per epoch) say which weights were checked."""
        from ..engine import gradient_check

        t = self._t
        if t.X_train.shape[0] == 0:
            return None
        m = min(max_examples, t.X_train.shape[0])
        with np.errstate(all="ignore"):
            rows = gradient_check(t.net.copy(dtype="float64"), t.X_train[:m], t.targets(t.y_train[:m]),
                                  max_entries=max_entries)
        result = {"examples": m, "layers": rows, "epoch": t.epoch, "batch": t.batch_position}  # (the weights checked)
        if t.net.dropout.any:  # the check is of the network without dropout: say so
            result["note"] = "checked with dropout off (its masks are random, not a function of the weights)"
        return result


def covering(data) -> tuple:
    """``data.domain`` widened, where a point lies outside it, to the points'
    range padded by 5%: (x1 range, x2 range), or (x range, y range) for one input."""
    if data.X.shape[0] == 0 or data.domain is None:
        return data.domain
    second = data.X[:, 1] if data.X.shape[1] > 1 else np.asarray(data.y, float).reshape(-1)
    out = []
    for (lo, hi), col in zip(data.domain, (data.X[:, 0], second)):
        finite = col[np.isfinite(col)]
        if finite.size and (finite.min() < lo or finite.max() > hi):
            pad = 0.05 * (max(hi, finite.max()) - min(lo, finite.min()))
            lo, hi = min(lo, finite.min() - pad), max(hi, finite.max() + pad)
        out.append((float(lo), float(hi)))
    return tuple(out)


def _padded(col: np.ndarray, pad: float = 0.1) -> tuple[float, float]:
    lo, hi = float(col.min()), float(col.max())
    span = hi - lo if hi > lo else 1.0
    return (lo - pad * span, hi + pad * span)


class ProbeShortcuts:
    """The probes as methods of the Trainer (``trainer.grid_output(...)`` is
    ``trainer.probes.grid_output(...)``), for scripts and the Python API."""

    def gradient_check(self, max_examples: int = 200, max_entries: int = 64) -> dict | None:
        """See ``Probes.gradient_check``."""
        return self.probes.gradient_check(max_examples, max_entries)

    def quality(self) -> dict:
        """See ``Probes.quality``."""
        return self.probes.quality()

    def grid_extent(self, axes=(0, 1)):
        """See ``Probes.grid_extent``."""
        return self.probes.grid_extent(axes)

    def grid_output(self, resolution: int = 100, axes=(0, 1)) -> np.ndarray:
        """See ``Probes.grid_output``."""
        return self.probes.grid_output(resolution, axes)

    def neuron_grids(self, resolution: int = 20, axes=(0, 1)) -> list[np.ndarray]:
        """See ``Probes.neuron_grids``."""
        return self.probes.neuron_grids(resolution, axes)

    def neuron_output(self, layer: int, index: int, resolution: int = 100, axes=(0, 1)) -> np.ndarray:
        """See ``Probes.neuron_output``."""
        return self.probes.neuron_output(layer, index, resolution, axes)

    def hidden_space(self, layer: int, lines: int = 13, samples: int = 60, axes=(0, 1)) -> dict:
        """See ``Probes.hidden_space``."""
        return self.probes.hidden_space(layer, lines, samples, axes)
