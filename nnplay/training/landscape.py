"""The loss landscape around the current weights, and the optimizer's path in it.

The training objective J(theta) = J_data + penalty (the number the optimizer
minimises; see docs/equations.md) on the plane

    theta(a, b) = theta0 + a d1 + b d2

through the current parameters theta0 (shape (P,), the network's flat
``params``), along two directions d1, d2 of shape (P,), sampled on a
resolution x resolution grid of (a, b). The method is that of Li, Xu, Taylor,
Studer and Goldstein, "Visualizing the Loss Landscape of Neural Nets"
(NeurIPS 2018), with its two kinds of directions:

- ``pca`` (the default): the first two principal directions of the recorded
  weight trajectory (``Trajectory``: the parameters after each epoch, thinned
  evenly to a bounded number), unit vectors; the share of the trajectory's
  variance they explain is stated, and the path lies in the plane as far as
  that share says. (Li et al., section 7.)
- ``random``: two Gaussian directions, *filter-normalised*: each neuron's row
  of incoming weights in d (a row of W[l]) is scaled to the norm of the same
  row of theta0, and the biases of d are 0 (Li et al., section 4).

The grid is evaluated in batches of parameter sets, every layer one stacked
``np.matmul`` (``Landscape.losses``): no Python loop over grid points except
the output loss, which is the engine's own (``Loss.value``). The cost is the
activations' (tanh of every Z of every grid point, as many as that many
full-batch forward passes), so the live grid is computed in float32, whose
tanh NumPy vectorises (about 5x float64's), unless a parameter of the grid lies
beyond ``picture_net.FLOAT32_SAFE`` (then in the run's own precision:
``landscape_live.grid_dtype``), and its centre in the run's own precision: the
value there is the run's loss. Nothing here touches the run's
weights: the evaluation works on copies.
"""

from __future__ import annotations

import numpy as np

from ..engine.norms import row_norms
from ..engine.workspace import ParameterVector
from ..numbers import count
from .session_checks import whole

MAX_PATH_POINTS = 200  # parameter vectors a Trajectory keeps, whatever the epoch count
MAX_PATH_FLOATS = 1 << 16  # ... and at most this many numbers (512 kB), at least 4 vectors
BATCH_FLOATS = 1 << 21  # activations held at once by a batched evaluation (16 MB of float64)
METHODS = ("pca", "random")


class Trajectory:
    """The flattened parameters (P of them) after each epoch, bounded: at most
    ``max_points`` vectors (by default MAX_PATH_POINTS, fewer for a network so
    large that they would pass MAX_PATH_FLOATS numbers), thinned evenly (when
    full, every other one goes and from then on only every 2nd, 4th, ... epoch
    is kept). ``epochs``: (n,) int; ``points``: (n, P) float64."""

    def __init__(self, n_params: int, max_points: int | None = None):
        if max_points is None:
            max_points = min(MAX_PATH_POINTS, max(4, MAX_PATH_FLOATS // max(1, n_params)))
        if max_points < 2:
            raise ValueError(f"a trajectory keeps at least 2 points, got {max_points}")
        self.n_params = int(n_params)
        self.max_points = int(max_points)
        self.clear()

    def clear(self) -> None:
        self._epochs: list[int] = []
        self._points: list[np.ndarray] = []
        self._stride = 1
        self._seen = 0

    def record(self, epoch: int, params: np.ndarray) -> None:
        """Keep a copy of ``params`` (shape (P,)) as the weights after ``epoch``, if its turn."""
        if self._seen % self._stride == 0:
            self._epochs.append(int(epoch))
            self._points.append(np.array(params, dtype=np.float64))
            if len(self._points) > self.max_points:
                self._epochs, self._points = self._epochs[::2], self._points[::2]
                self._stride *= 2
        self._seen += 1

    def __len__(self) -> int:
        return len(self._points)

    def state_key(self) -> tuple:
        """Changes whenever a point is added or the points are thinned or replaced."""
        return (len(self._points), self._seen, self._stride, self._epochs[-1] if self._epochs else None)

    @property
    def epochs(self) -> np.ndarray:
        return np.array(self._epochs, dtype=np.int64)

    @property
    def points(self) -> np.ndarray:
        if not self._points:
            return np.zeros((0, 0))
        return np.stack(self._points)

    def state(self, convert=None) -> dict:
        """What a session saves: {"epochs": (n,), "points": (n, P), "stride": int,
        "seen": int}; ``convert`` (a vector -> vector function, e.g. the network's
        ``params_in_rows``) is applied to each point."""
        points = self.points if convert is None or not self._points else np.stack([convert(p) for p in self._points])
        return {"epochs": self.epochs, "points": points, "stride": self._stride, "seen": self._seen}

    def restore(self, state: dict | None, convert=None) -> None:
        """Take a ``state()`` back (``convert`` undoes the one it was saved with);
        ValueError when it does not fit P parameters or holds non-finite
        numbers (restore into a new Trajectory to keep this one on failure). None clears."""
        if state is None:
            self.clear()
            return
        epochs, points = np.asarray(state["epochs"]), np.asarray(state["points"], dtype=np.float64)
        if points.size == 0:
            self.clear()
            return
        if points.ndim != 2 or points.shape[1] != self.n_params:
            raise ValueError(f"points of shape {points.shape}, not (points, {self.n_params}): one row of the "
                             "network's weights a point")
        if epochs.shape != (points.shape[0],) or points.shape[0] > self.max_points:
            raise ValueError(f"{count(epochs.size, 'epoch')} for {count(points.shape[0], 'point')} (at most "
                             f"{self.max_points:,})")
        if not np.isfinite(points).all():
            raise ValueError("points that are not finite numbers")
        self._epochs = [int(e) for e in epochs]
        self._points = [p if convert is None else np.asarray(convert(p), dtype=np.float64) for p in points]
        self._stride = max(1, whole(state.get("stride", 1), "run.trajectory.stride in session.json"))
        self._seen = whole(state.get("seen", len(epochs)), "run.trajectory.seen in session.json")


def pca_directions(points: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    """The first two principal directions of ``points`` (n, P), n >= 3: unit
    vectors d1, d2 of shape (P,) and the share of the points' variance each
    explains (in 0..1). ValueError when the points span less than a plane."""
    points = np.asarray(points, dtype=np.float64)
    if points.shape[0] < 3:
        raise ValueError(f"principal directions need at least 3 recorded epochs, have {points.shape[0]}")
    centred = points - points.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    var = s * s
    total = float(var.sum())
    if len(var) < 2 or not var[1] > 1e-24 * max(total, 1e-300):
        raise ValueError("the recorded weights lie on a line: no second principal direction")
    d1, d2 = vt[0].copy(), vt[1].copy()
    for d in (d1, d2):  # a sign convention, so that recomputing does not flip the picture
        if d[np.argmax(np.abs(d))] < 0:
            d *= -1.0
    return d1, d2, (float(var[0] / total), float(var[1] / total))


class Layout:
    """Where each layer's W[l] (n[l], n[l-1]) and b[l] (n[l],) sit in the flat
    parameter vector of a network of widths ``sizes`` (index arrays)."""

    def __init__(self, sizes):
        pv = ParameterVector(list(sizes), np.float64)
        pv.params[:] = np.arange(pv.params.size)
        self.n_params = pv.params.size
        self.W = [w.astype(np.intp) for w in pv.weights]
        self.b = [b[:, 0].astype(np.intp) for b in pv.biases]
        self.weight_index = np.concatenate([w.ravel() for w in self.W]) if self.W else np.zeros(0, np.intp)


def filter_normalised_direction(theta: np.ndarray, sizes, rng: np.random.Generator) -> np.ndarray:
    """A Gaussian direction of shape (P,) whose every neuron row of W[l] has the
    norm of the same row of ``theta`` (P,), biases 0 (Li et al. 2018, eq. 1)."""
    layout = Layout(sizes)
    theta = np.asarray(theta, dtype=np.float64)
    d = np.zeros(layout.n_params)
    for W in layout.W:
        rows = rng.standard_normal(W.shape)
        norm_d = row_norms(rows)
        norm_t = row_norms(theta[W])
        d[W] = rows * (norm_t / np.where(norm_d > 0, norm_d, 1.0))
    return d


def plane_coordinates(points: np.ndarray, centre: np.ndarray, d1: np.ndarray, d2: np.ndarray) -> np.ndarray:
    """The (a, b) of each of ``points`` (n, P) in the plane centre + a d1 + b d2:
    the least-squares projection (n, 2) (for orthonormal d1, d2 the dot products)."""
    D = np.stack([d1, d2])  # (2, P)
    gram = D @ D.T
    rhs = (np.atleast_2d(points) - centre) @ D.T  # (n, 2)
    return np.linalg.solve(gram, rhs.T).T


def grid_axis(resolution: int, half_width: float) -> np.ndarray:
    """``resolution`` (odd) coordinates from -half_width to +half_width with 0
    exactly at the centre."""
    c = (resolution - 1) // 2
    return half_width * (np.arange(resolution) - c) / max(c, 1)


class Landscape:
    """Evaluates J = J_data + penalty of ``net`` (an engine MLP; only its shape,
    activations, loss and l1/l2 are read) on (X, Y) at many parameter vectors
    at once, in ``dtype`` (default: the network's). ``X`` (m, n[0]) and ``Y``
    (m, n[L]) as the trainer holds them (standardised inputs, encoded targets)."""

    def __init__(self, net, X: np.ndarray, Y: np.ndarray, dtype=None):
        self.dtype = np.dtype(net.dtype if dtype is None else dtype)
        self.X = np.array(X, dtype=self.dtype)
        self.Y = np.array(Y, dtype=self.dtype)
        self.layout = Layout(net.sizes)
        self.activations = list(net.activations)
        self.loss_fn = net.loss_fn
        self.l1, self.l2 = net.l1, net.l2
        self.batch = max(1, BATCH_FLOATS // max(1, self.X.shape[0] * max(net.sizes)))

    def losses(self, thetas: np.ndarray) -> np.ndarray:
        """J at each row of ``thetas`` (K, P): (K,) float64; inf or nan where the
        network's output overflows there."""
        out = np.empty(np.atleast_2d(thetas).shape[0])
        with np.errstate(all="ignore"):  # (a parameter beyond the dtype's range is inf: J is not finite there)
            thetas = np.atleast_2d(np.asarray(thetas, dtype=self.dtype))
            for start in range(0, thetas.shape[0], self.batch):
                chunk = thetas[start : start + self.batch]
                out[start : start + len(chunk)] = self._data_losses(chunk) + self._penalties(chunk)
        return out

    def _data_losses(self, thetas: np.ndarray) -> np.ndarray:
        A = self.X
        L = len(self.layout.W)
        for l, (W, b) in enumerate(zip(self.layout.W, self.layout.b)):
            Z = np.matmul(A, thetas[:, W].transpose(0, 2, 1))  # (K, m, n[l]): Z^T = A^T W^T for each set
            Z += thetas[:, None, b]
            if l < L - 1:
                A = self.activations[l](Z, Z)
        if self.X.shape[0] == 0:
            return np.full(thetas.shape[0], np.nan)
        return np.array([self.loss_fn.value(z, self.loss_fn.output(z), self.Y) for z in Z])

    def _penalties(self, thetas: np.ndarray) -> np.ndarray:
        if not (self.l1 or self.l2):
            return np.zeros(thetas.shape[0])
        w = thetas[:, self.layout.weight_index].astype(np.float64)
        return self.l1 * np.abs(w).sum(axis=1) + 0.5 * self.l2 * (w * w).sum(axis=1)
