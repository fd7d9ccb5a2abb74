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

Each layer's parameters are stored as one block [W | b] of shape
(n[l], n[l-1] + 1), and each layer's input is kept with a trailing column of
ones, [A | 1]. Then Z = [A | 1] [W | b]^T is one matrix product (no separate
bias addition) and dZ^T [A | 1] = m [dW | db] gives both gradients in one more:
two fewer NumPy calls per layer and step, which is most of the cost on the small
networks a playground trains.
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
    """Buffers for one batch size m: per layer the input with a ones column
    ([A | 1], whose first columns are the previous layer's activations), Z, dZ
    and scratch, and the output A[L]."""

    def __init__(self, m: int, sizes: list[int], loss: Loss, dtype):
        L = len(sizes) - 1
        self.inputs = []  # [A[l] | 1] for l = 0..L-1
        for n in sizes[:-1]:
            buf = np.empty((m, n + 1), dtype)
            buf[:, n] = 1.0
            self.inputs.append(buf)
        self.A = [self.inputs[l + 1][:, : sizes[l + 1]] for l in range(L - 1)]  # hidden activations (views)
        self.Z = [np.empty((m, n), dtype) for n in sizes[1:]]
        out_linear = type(loss) is MeanSquaredError
        self.A.append(self.Z[L - 1] if out_linear else np.empty((m, sizes[L]), dtype))
        self.dZ = [np.empty((m, n), dtype) for n in sizes[1:]]
        self.S = [np.empty((m, n), dtype) for n in sizes[1:]]


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
        n_params = sum(r * (c + 1) for r, c in shapes)
        self.params = np.empty(n_params, self.dtype)
        self.grads = np.zeros(n_params, self.dtype)
        self.weights, self.dW = _ParamList(), _ParamList()
        self.biases, self.db = _ParamList(), _ParamList()
        self._blocks, self._grad_blocks = [], []  # [W | b] and [dW | db] per layer
        self._weight_mask = np.zeros(n_params, self.dtype)  # 1 where params holds a weight (not a bias)
        at = 0
        for r, c in shapes:
            block = self.params[at : at + r * (c + 1)].reshape(r, c + 1)
            gblock = self.grads[at : at + r * (c + 1)].reshape(r, c + 1)
            self._weight_mask[at : at + r * (c + 1)].reshape(r, c + 1)[:, :c] = 1.0
            self._blocks.append(block)
            self._grad_blocks.append(gblock)
            self.weights.append(block[:, :c])
            self.biases.append(block[:, c:])
            self.dW.append(gblock[:, :c])
            self.db.append(gblock[:, c:])
            at += r * (c + 1)
        self._blocks_T = [b.T for b in self._blocks]
        self.reinitialize(seed)
        self._workspaces: OrderedDict[int, _Workspace] = OrderedDict()
        self._reg_scratch = np.empty(n_params, self.dtype)
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
            self.biases[l][:, 0] = b
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

    def copy(self, dtype=None) -> "MLP":
        """An independent twin, in ``dtype`` if given (else the same dtype)."""
        twin = MLP(self.sizes, self.activation_names, self.loss_fn.name, self.init, self.l1, self.l2, None,
                   self.dtype if dtype is None else dtype)
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
            ws = _Workspace(m, self.sizes, self.loss_fn, self.dtype)
            self._make_plans(ws)
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

    def _make_plans(self, ws: _Workspace) -> None:
        """Per-layer tuples of the arrays and callables each pass uses, made once per
        workspace, so the hot loops do no attribute or list look-ups."""
        L = self.n_layers
        ws.fwd_plan = [(self._blocks_T[l], ws.Z[l], self.activations[l].__call__, ws.A[l], ws.inputs[l + 1])
                       for l in range(L - 1)]
        ws.out_plan = (self._blocks_T[L - 1], ws.Z[L - 1], self.loss_fn.output, ws.A[L - 1])
        ws.bwd_plan = [(ws.dZ[l].T, ws.inputs[l], self._grad_blocks[l], ws.dZ[l], self.weights[l], ws.dZ[l - 1],
                        self.activations[l - 1].derivative_mul, ws.Z[l - 1], ws.A[l - 1], ws.S[l - 1])
                       for l in range(L - 1, 0, -1)]
        ws.first_grad = (ws.dZ[0].T, self._grad_blocks[0])
        ws.x0 = ws.inputs[0]

    def _load_inputs(self, X: np.ndarray, ws: _Workspace) -> None:
        ws.inputs[0][:, : self.sizes[0]] = X

    def _forward(self, X: np.ndarray, ws: _Workspace, x0: np.ndarray | None = None) -> np.ndarray:
        """A[L] for the batch X; ``x0``: the batch already as [X | 1] (else X is
        copied into the workspace's own [X | 1])."""
        if x0 is None:
            self._load_inputs(X, ws)
            x0 = ws.x0
        dot, inp = np.dot, x0
        for WT, z, act, a, nxt in ws.fwd_plan:
            dot(inp, WT, z)  # Z[l] = W[l] A[l-1] + b[l], in one product
            act(z, a)  # A[l] = g(Z[l]), written into the next layer's [A | 1]
            inp = nxt
        WT, z, output, a = ws.out_plan
        dot(inp, WT, z)
        return output(z, a)

    def _backward(self, X: np.ndarray, Y: np.ndarray, ws: _Workspace, x0: np.ndarray | None = None) -> None:
        """Fill ``grads`` with dJ/dparams for the batch just run forward."""
        L, dot = self.n_layers, np.dot
        dz = ws.dZ[L - 1]
        self.loss_fn.delta(ws.Z[L - 1], ws.A[L - 1], Y, dz)
        np.multiply(dz, 1.0 / X.shape[0], dz)  # the 1/m of every dW and db, applied once
        for dzT, inp, gblock, dz, W, prev, deriv, z, a, scratch in ws.bwd_plan:
            dot(dzT, inp, gblock)  # [dW | db] = dZ^T [A[l-1] | 1]: both at once
            dot(dz, W, prev)  # W[l]^T dZ[l] ...
            deriv(z, a, prev, scratch)  # ... * g'(Z[l-1])
        dzT, gblock = ws.first_grad
        dot(dzT, ws.x0 if x0 is None else x0, gblock)
        if self.l1 or self.l2:
            self._add_regularization_grads()

    def _add_regularization_grads(self) -> None:
        tmp = self._reg_scratch
        if self.l2:
            np.multiply(self.params, self._weight_mask, out=tmp)
            tmp *= self.l2
            self.grads += tmp
        if self.l1:
            np.sign(self.params, out=tmp)
            tmp *= self._weight_mask
            tmp *= self.l1
            self.grads += tmp

    def regularization_loss(self) -> float:
        total = 0.0
        if self.l1:
            total += self.l1 * float(np.abs(self.params) @ self._weight_mask)
        if self.l2:
            total += 0.5 * self.l2 * float((self.params * self.params) @ self._weight_mask)
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

    def _train_step_loaded(self, X1: np.ndarray, Y: np.ndarray, optimizer: Optimizer, ws: _Workspace) -> None:
        """train_step for a batch already holding its ones column: X1 = [X | 1]
        (a view of the shuffled epoch: no copy)."""
        self._forward(X1, ws, X1)
        self._backward(X1, Y, ws, X1)
        optimizer.step(self.params, self.grads)

    def train_epoch(self, X: np.ndarray, Y: np.ndarray, optimizer: Optimizer, batch_size: int,
                    rng: np.random.Generator) -> int:
        """One pass over (X, Y) in shuffled mini-batches; returns the step count.

        X and Y as for ``train_step``. A batch size of m or more is full batch.
        The shuffle draws one permutation from ``rng``, so a seeded generator
        gives the same epochs every run.
        """
        m, n0 = X.shape
        bs = m if batch_size <= 0 or batch_size >= m else int(batch_size)
        buf = self._shuffled
        if buf is None or buf[0].shape != (m, n0 + 1) or buf[1].shape != Y.shape or buf[0].dtype != self.dtype:
            ones = np.empty((m, n0 + 1), self.dtype)
            ones[:, n0] = 1.0
            buf = self._shuffled = (ones, np.empty_like(Y))
        X1, Ys = buf
        if bs < m:
            perm = rng.permutation(m)
            np.take(X, perm, axis=0, out=X1[:, :n0], mode="clip")
            np.take(Y, perm, axis=0, out=Ys, mode="clip")
        else:
            X1[:, :n0] = X
            Ys[...] = Y
        steps = 0
        ws = self._workspace(bs)
        step = self._train_step_loaded
        for start in range(0, m - bs + 1, bs):
            step(X1[start : start + bs], Ys[start : start + bs], optimizer, ws)
            steps += 1
        if m % bs:
            start = m - m % bs
            step(X1[start:], Ys[start:], optimizer, self._workspace(m % bs))
            steps += 1
        return steps
