"""A multi-layer perceptron trained by backpropagation, vectorised per mini-batch.

Notation follows DESIGN.md: layer l = 1..L computes Z[l] = W[l] A[l-1] + b[l]
and A[l] = g[l](Z[l]), with W[l] shaped (n[l], n[l-1]) and b[l] shaped
(n[l], 1). Python lists are 0-based, so ``weights[i]`` is W[i+1].

Examples are passed as rows, X shaped (m, n[0]), the way a CSV holds them.
Internally the batch is kept as rows too, so every equation is applied
transposed: Z[l]^T = A[l-1]^T W[l]^T + b[l]^T. The arithmetic is identical;
the row layout avoids copying the user's data.

All weights and biases are views into one contiguous vector ``params`` (and
their gradients into ``grads``), so an optimizer step is a few vector
operations however deep the network, and nothing is allocated per step:
activations, errors and scratch space live in workspaces cached per batch size.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from .activations import Activation, Linear, get_activation
from .initializers import DEFAULT_FOR_ACTIVATION, initialize
from .losses import Loss, MeanSquaredError, get_loss
from .optimizers import Optimizer

_WORKSPACES_KEPT = 8


class _ParamList(list):
    """A list of parameter views whose item assignment copies into the view.

    ``net.weights[0] = new`` then updates the network (and keeps the shared
    parameter vector intact) instead of silently replacing the view.
    """

    def __setitem__(self, index, value):
        target = list.__getitem__(self, index)
        value = np.asarray(value)
        if value.shape != target.shape:
            raise ValueError(f"shape {value.shape} does not match the parameter's shape {target.shape}")
        target[...] = value


class _Workspace:
    """Buffers for one batch size m: Z, A, dZ and scratch per layer."""

    def __init__(self, m: int, sizes: list[int], activations: list[Activation], loss: Loss, dtype):
        L = len(sizes) - 1
        self.Z = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.A = []
        for l in range(L):
            linear = isinstance(activations[l], Linear) if l < L - 1 else type(loss) is MeanSquaredError
            self.A.append(self.Z[l] if linear else np.empty((m, sizes[l + 1]), dtype))
        self.dZ = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.S = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.ones = np.ones(m, dtype)


class MLP:
    """A fully connected network.

    ``sizes`` lists the layer widths including input and output, e.g. [2, 4, 1].
    ``activation`` is one name for every hidden layer or a list with one per
    hidden layer (tanh, relu, leaky_relu, sigmoid, linear). ``loss`` picks the
    output layer as well: bce (sigmoid), ce (softmax), mse (linear) or
    tanh_mse (tanh). ``init`` is xavier, he, small or uniform; by default He
    for relu-like layers and Xavier otherwise. ``l1`` and ``l2`` regularise the
    weights (not the biases): J += l1 sum|W| + (l2 / 2) sum W^2.
    """

    def __init__(
        self,
        sizes,
        activation="tanh",
        loss: str = "bce",
        init: str | None = None,
        l1: float = 0.0,
        l2: float = 0.0,
        seed: int | None = None,
        dtype="float64",
    ):
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"sizes must list at least an input and an output width, all >= 1; got {sizes}")
        self.sizes = sizes
        L = self.n_layers = len(sizes) - 1
        names = [activation] * (L - 1) if isinstance(activation, str) else list(activation)
        if len(names) != L - 1:
            raise ValueError(f"{L - 1} hidden layers but {len(names)} activations given")
        self.activations: list[Activation] = [get_activation(n) for n in names]
        self.loss_fn: Loss = get_loss(loss)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, not {self.dtype}")
        self.l1, self.l2 = float(l1), float(l2)
        self.init = init
        self.seed = seed

        shapes = list(zip(sizes[1:], sizes[:-1]))
        self.n_weights = sum(r * c for r, c in shapes)
        n_params = self.n_weights + sum(sizes[1:])
        self.params = np.empty(n_params, self.dtype)
        self.grads = np.zeros(n_params, self.dtype)
        self.weights, self.dW = _ParamList(), _ParamList()
        self.biases, self.db = _ParamList(), _ParamList()
        self._b_rows, self._db_rows = [], []
        w_at, b_at = 0, self.n_weights
        for r, c in shapes:
            self.weights.append(self.params[w_at : w_at + r * c].reshape(r, c))
            self.dW.append(self.grads[w_at : w_at + r * c].reshape(r, c))
            self._b_rows.append(self.params[b_at : b_at + r])
            self._db_rows.append(self.grads[b_at : b_at + r])
            self.biases.append(self._b_rows[-1].reshape(r, 1))
            self.db.append(self._db_rows[-1].reshape(r, 1))
            w_at += r * c
            b_at += r
        self.reinitialize(seed)
        self._workspaces: OrderedDict[int, _Workspace] = OrderedDict()
        self._reg_scratch = np.empty(self.n_weights, self.dtype)
        self._shuffled: tuple[np.ndarray, np.ndarray] | None = None

    # ------------------------------------------------------------------ set-up
    def reinitialize(self, seed: int | None = None) -> None:
        """Draw fresh weights (biases per the initialiser) from ``seed``."""
        rng = np.random.default_rng(seed)
        for l in range(self.n_layers):
            hidden = l < self.n_layers - 1
            name = self.init or (DEFAULT_FOR_ACTIVATION[self.activations[l].name] if hidden else "xavier")
            W, b = initialize(name, self.sizes[l + 1], self.sizes[l], rng)
            self.weights[l][...] = W
            self._b_rows[l][...] = b
        self.grads[...] = 0.0

    @property
    def activation_names(self) -> list[str]:
        return [a.name for a in self.activations]

    def parameters(self) -> list[np.ndarray]:
        """[W1, b1, W2, b2, ...] as views (edit them in place)."""
        out = []
        for W, b in zip(self.weights, self.biases):
            out += [W, b]
        return out

    def copy(self) -> "MLP":
        twin = MLP(self.sizes, self.activation_names, self.loss_fn.name, self.init, self.l1, self.l2, None, self.dtype)
        twin.params[...] = self.params
        twin.grads[...] = self.grads
        return twin

    def __repr__(self) -> str:
        acts = self.activation_names
        act = acts[0] if len(set(acts)) == 1 else acts
        extra = "".join(f", {k}={v:g}" for k, v in (("l1", self.l1), ("l2", self.l2)) if v)
        return f"MLP({self.sizes}, activation={act!r}, loss={self.loss_fn.name!r}{extra})"

    # ------------------------------------------------------------- internals
    def _workspace(self, m: int) -> _Workspace:
        ws = self._workspaces.get(m)
        if ws is None:
            ws = _Workspace(m, self.sizes, self.activations, self.loss_fn, self.dtype)
            self._workspaces[m] = ws
            if len(self._workspaces) > _WORKSPACES_KEPT:
                self._workspaces.popitem(last=False)
        else:
            self._workspaces.move_to_end(m)
        return ws

    def _check_X(self, X) -> np.ndarray:
        X = np.asarray(X)
        if X.ndim == 1 and self.sizes[0] == 1:
            X = X.reshape(-1, 1)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"X must be shaped (m, {self.sizes[0]}), one row per example; got {X.shape}")
        return np.ascontiguousarray(X, dtype=self.dtype)

    def encode_targets(self, y) -> np.ndarray:
        """Targets as the (m, n_out) matrix Y the loss compares A[L] with."""
        return self.loss_fn.encode(y, self.sizes[-1], self.dtype)

    def _forward(self, X: np.ndarray, ws: _Workspace) -> np.ndarray:
        a = X
        last = self.n_layers - 1
        for l in range(self.n_layers):
            z = ws.Z[l]
            np.matmul(a, self.weights[l].T, out=z)
            z += self._b_rows[l]
            if l < last:
                self.activations[l](z, out=ws.A[l])
            else:
                self.loss_fn.output(z, out=ws.A[l])
            a = ws.A[l]
        return a

    def _backward(self, X: np.ndarray, Y: np.ndarray, ws: _Workspace) -> None:
        """Fill ``grads`` with dJ/dparams for the batch just run forward."""
        L = self.n_layers
        dz = ws.dZ[L - 1]
        self.loss_fn.delta(ws.Z[L - 1], ws.A[L - 1], Y, out=dz)
        dz *= 1.0 / X.shape[0]  # the 1/m of every dW and db, applied once
        for l in range(L - 1, -1, -1):
            a_prev = X if l == 0 else ws.A[l - 1]
            np.matmul(dz.T, a_prev, out=self.dW[l])  # dW[l] = dZ[l] A[l-1]^T
            np.matmul(ws.ones, dz, out=self._db_rows[l])  # db[l] = sum over examples of dZ[l]
            if l:
                prev = ws.dZ[l - 1]
                np.matmul(dz, self.weights[l], out=prev)  # W[l]^T dZ[l] ...
                self.activations[l - 1].derivative_mul(ws.Z[l - 1], ws.A[l - 1], prev, ws.S[l - 1])  # ... * g'(Z)
                dz = prev
        self._add_regularization_grads()

    def _add_regularization_grads(self) -> None:
        W, dW, tmp = self.params[: self.n_weights], self.grads[: self.n_weights], self._reg_scratch
        if self.l2:
            np.multiply(W, self.l2, out=tmp)
            dW += tmp
        if self.l1:
            np.sign(W, out=tmp)
            tmp *= self.l1
            dW += tmp

    def regularization_loss(self) -> float:
        W = self.params[: self.n_weights]
        total = 0.0
        if self.l1:
            total += self.l1 * float(np.abs(W).sum())
        if self.l2:
            total += 0.5 * self.l2 * float(W @ W)
        return total

    # -------------------------------------------------------------- public API
    def forward(self, X) -> np.ndarray:
        """A[L] for X shaped (m, n[0]); a new array shaped (m, n[L])."""
        X = self._check_X(X)
        return self._forward(X, self._workspace(X.shape[0])).copy()

    predict = forward

    def __call__(self, X) -> np.ndarray:
        return self.forward(X)

    def hidden_outputs(self, X) -> list[np.ndarray]:
        """[A[1], ..., A[L]] for X, each a new (m, n[l]) array."""
        X = self._check_X(X)
        ws = self._workspace(X.shape[0])
        self._forward(X, ws)
        return [a.copy() for a in ws.A]

    def loss(self, X, y) -> float:
        """J on (X, y), including the regularisation term."""
        X = self._check_X(X)
        Y = self.encode_targets(y)
        ws = self._workspace(X.shape[0])
        self._forward(X, ws)
        L = self.n_layers - 1
        return self.loss_fn.value(ws.Z[L], ws.A[L], Y) + self.regularization_loss()

    def loss_and_grads(self, X, y) -> tuple[float, list[np.ndarray], list[np.ndarray]]:
        """(J, dW, db) on (X, y); dW[i] shaped like weights[i], db[i] like biases[i].

        The gradients are copies; the network also keeps them in ``dW``/``db``.
        """
        X = self._check_X(X)
        Y = self.encode_targets(y)
        if X.shape[0] != Y.shape[0]:
            raise ValueError(f"X has {X.shape[0]} rows but y has {Y.shape[0]}")
        ws = self._workspace(X.shape[0])
        self._forward(X, ws)
        L = self.n_layers - 1
        loss = self.loss_fn.value(ws.Z[L], ws.A[L], Y) + self.regularization_loss()
        self._backward(X, Y, ws)
        return loss, [d.copy() for d in self.dW], [d.copy() for d in self.db]

    def grad_norms(self) -> np.ndarray:
        """Frobenius norm of each layer's latest dW."""
        return np.array([np.sqrt(np.vdot(d, d)) for d in self.dW], dtype=np.float64)

    def train_step(self, X: np.ndarray, Y: np.ndarray, optimizer: Optimizer) -> None:
        """One gradient step on a batch. X must already be (m, n[0]) in ``dtype``
        and Y the encoded targets (see ``encode_targets``)."""
        ws = self._workspace(X.shape[0])
        self._forward(X, ws)
        self._backward(X, Y, ws)
        optimizer.step(self.params, self.grads)

    def train_epoch(self, X: np.ndarray, Y: np.ndarray, optimizer: Optimizer, batch_size: int,
                    rng: np.random.Generator) -> int:
        """One pass over (X, Y) in shuffled mini-batches; returns the step count.

        X and Y as for ``train_step``. A batch size of m or more is full batch.
        The shuffle draws one permutation from ``rng``, so a seeded generator
        gives the same epochs every run.
        """
        m = X.shape[0]
        bs = m if batch_size <= 0 or batch_size >= m else int(batch_size)
        if bs < m:
            buf = self._shuffled
            if buf is None or buf[0].shape != X.shape or buf[1].shape != Y.shape:
                buf = self._shuffled = (np.empty_like(X), np.empty_like(Y))
            perm = rng.permutation(m)
            X = np.take(X, perm, axis=0, out=buf[0], mode="clip")
            Y = np.take(Y, perm, axis=0, out=buf[1], mode="clip")
        steps = 0
        for start in range(0, m, bs):
            self.train_step(X[start : start + bs], Y[start : start + bs], optimizer)
            steps += 1
        return steps
