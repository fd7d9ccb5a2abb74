"""A multi-layer perceptron trained by backpropagation, vectorised per mini-batch.

Notation follows docs/equations.md: layer l = 1..L computes Z[l] = W[l] A[l-1] + b[l]
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

Blocks and workspaces are stored column by column (Fortran order), so the
activations A inside [A | 1] and the weights W inside [W | b] are contiguous:
elementwise ufuncs on a strided view cost two to three times as much, and a
strided W is copied by every product that uses it. (np.dot writes only into
C-ordered arrays, so the products are written transposed into the .T views.)
``params_in_rows``/``params_from_rows`` convert the flat vector to and from the
layout-independent order saved in files: layer by layer, [W | b] row by row.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from .activations import Activation, get_activation
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
        self.inputs = []  # [A[l] | 1] for l = 0..L-1, column by column
        for n in sizes[:-1]:
            buf = np.empty((m, n + 1), dtype, order="F")
            buf[:, n] = 1.0
            self.inputs.append(buf)
        self.A = [self.inputs[l + 1][:, : sizes[l + 1]] for l in range(L - 1)]  # hidden activations (views)
        self.Z = [np.empty((m, n), dtype, order="F") for n in sizes[1:]]
        out_linear = type(loss) is MeanSquaredError
        self.A.append(self.Z[L - 1] if out_linear else np.empty((m, sizes[L]), dtype, order="F"))
        self.dZ = [np.empty((m, n), dtype, order="F") for n in sizes[1:]]
        self.S = [np.empty((m, n), dtype, order="F") for n in sizes[1:]]


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
        order = np.arange(n_params)
        rows = []
        for r, c in shapes:
            block = self.params[at : at + r * (c + 1)].reshape(r, c + 1, order="F")
            gblock = self.grads[at : at + r * (c + 1)].reshape(r, c + 1, order="F")
            self._weight_mask[at : at + r * (c + 1)].reshape(r, c + 1, order="F")[:, :c] = 1.0
            rows.append(order[at : at + r * (c + 1)].reshape(r, c + 1, order="F").ravel())
            self._blocks.append(block)
            self._grad_blocks.append(gblock)
            self.weights.append(block[:, :c])
            self.biases.append(block[:, c:])
            self.dW.append(gblock[:, :c])
            self.db.append(gblock[:, c:])
            at += r * (c + 1)
        self._gblocks_T = [g.T for g in self._grad_blocks]
        self._row_order = np.concatenate(rows)
        self.reinitialize(seed)
        self._workspaces: OrderedDict[int, _Workspace] = OrderedDict()
        self._reg_scratch = np.empty(n_params, self.dtype)
        self._shuffled: tuple[np.ndarray, np.ndarray] | None = None
        self._tapes_key, self._tapes = None, []

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

    def params_in_rows(self, vector: np.ndarray | None = None) -> np.ndarray:
        """``vector`` (default: ``params``), laid out like ``params``, as a new
        vector in file order: layer by layer, each [W | b] row by row."""
        return np.asarray(self.params if vector is None else vector)[self._row_order]

    def params_from_rows(self, vector) -> np.ndarray:
        """The inverse of ``params_in_rows``: a file-order vector laid out like ``params``."""
        vector = np.asarray(vector)
        if vector.shape != self.params.shape:
            raise ValueError(f"{vector.size} numbers do not fit this network's {self.params.size} parameters")
        out = np.empty_like(vector)
        out[self._row_order] = vector
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

    def _forward_ops(self, ws: _Workspace, x1: np.ndarray, output: bool = True) -> list:
        """The forward pass for the batch x1 = [X | 1] as (function, args) pairs,
        up to the logits Z[L] (and A[L] if ``output``)."""
        L, dot = self.n_layers, np.dot
        ops, inp = [], x1
        for l in range(L):
            ops.append((dot, (self._blocks[l], inp.T, ws.Z[l].T)))  # Z[l] = W[l] A[l-1] + b[l], in one product
            if l < L - 1:
                ops += self.activations[l].forward_ops(ws.Z[l], ws.A[l])  # A[l] = g(Z[l]), into the next [A | 1]
                inp = ws.inputs[l + 1]
        if output and ws.A[L - 1] is not ws.Z[L - 1]:
            ops.append((self.loss_fn.output, (ws.Z[L - 1], ws.A[L - 1])))
        return ops

    def _backprop_ops(self, ws: _Workspace, x1: np.ndarray) -> list:
        """From the output error dZ[L] / m (already in ws.dZ) to every [dW | db],
        as (function, args) pairs; the regularisation terms are not included."""
        dot, ops = np.dot, []
        for l in range(self.n_layers - 1, 0, -1):
            ops.append((dot, (ws.inputs[l].T, ws.dZ[l], self._gblocks_T[l])))  # [dW | db] = dZ^T [A[l-1] | 1]
            ops.append((dot, (self.weights[l].T, ws.dZ[l].T, ws.dZ[l - 1].T)))  # W[l]^T dZ[l] ...
            ops += self.activations[l - 1].backward_ops(ws.Z[l - 1], ws.A[l - 1], ws.dZ[l - 1], ws.S[l - 1])  # * g'
        ops.append((dot, (x1.T, ws.dZ[0], self._gblocks_T[0])))
        return ops

    def _make_plans(self, ws: _Workspace) -> None:
        """The workspace's forward and backward passes as lists of NumPy calls
        with their arrays bound, made once, so running them does no look-ups."""
        ws.forward_ops = self._forward_ops(ws, ws.inputs[0])
        ws.backprop_ops = self._backprop_ops(ws, ws.inputs[0])

    def _load_inputs(self, X: np.ndarray, ws: _Workspace) -> None:
        ws.inputs[0][:, : self.sizes[0]] = X

    def _forward(self, X: np.ndarray, ws: _Workspace) -> np.ndarray:
        """A[L] for the batch X (a view into the workspace)."""
        self._load_inputs(X, ws)
        for f, args in ws.forward_ops:
            f(*args)
        return ws.A[-1]

    def _backward(self, X: np.ndarray, Y: np.ndarray, ws: _Workspace) -> None:
        """Fill ``grads`` with dJ/dparams for the batch just run forward."""
        L = self.n_layers
        dz = ws.dZ[L - 1]
        self.loss_fn.delta(ws.Z[L - 1], ws.A[L - 1], Y, dz)
        np.multiply(dz, 1.0 / X.shape[0], dz)  # the 1/m of every dW and db, applied once
        for f, args in ws.backprop_ops:
            f(*args)
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

    def _train_tape(self, ws: _Workspace, X1: np.ndarray, Yt: np.ndarray, optimizer: Optimizer) -> list:
        """One training step on the batch X1 = [X | 1] (targets Yt rewritten by the
        loss's ``training_targets``) as a flat list of (function, args) pairs.

        The same equations as ``_forward`` + ``_backward`` + the optimizer step,
        but the output error comes straight from the logits (the loss's
        ``training_ops``) and every array and constant is bound once, so the step
        is one loop over NumPy calls with no Python method between them.
        """
        L = self.n_layers
        tape = self._forward_ops(ws, X1, output=False)
        tape += self.loss_fn.training_ops(ws.Z[L - 1], ws.A[L - 1], Yt, ws.dZ[L - 1])  # dZ[L] / m
        tape += self._backprop_ops(ws, X1)
        if self.l1 or self.l2:
            tape.append((self._add_regularization_grads, ()))
        tape.append((optimizer.step, (self.params, self.grads)))
        return tape

    def train_epoch(self, X: np.ndarray, Y: np.ndarray, optimizer: Optimizer, batch_size: int,
                    rng: np.random.Generator) -> int:
        """One pass over (X, Y) in shuffled mini-batches; returns the step count.

        X and Y as for ``train_step``. A batch size of m or more is full batch.
        The shuffle draws one permutation from ``rng``, so a seeded generator
        gives the same epochs every run. Afterwards ``grads`` hold the last
        batch's gradients, as after ``train_step``.

        The shuffled epoch is copied into one buffer [X | 1] whose slices are
        the batches, so each batch's step is a tape (see ``_train_tape``) built
        once and replayed every epoch.
        """
        m, n0 = X.shape
        bs = m if batch_size <= 0 or batch_size >= m else int(batch_size)
        buf = self._shuffled
        if buf is None or buf[0].shape != (m, n0 + 1) or buf[1].shape != Y.shape or buf[0].dtype != self.dtype:
            ones = np.empty((m, n0 + 1), self.dtype, order="F")
            ones[:, n0] = 1.0
            buf = self._shuffled = (ones, np.empty(Y.shape, self.dtype, order="F"))
        X1, Ys = buf
        if bs < m:
            perm = rng.permutation(m)
            np.take(X, perm, axis=0, out=X1[:, :n0], mode="clip")
            np.take(Y, perm, axis=0, out=Ys, mode="clip")
        else:
            X1[:, :n0] = X
            Ys[...] = Y
        self.loss_fn.training_targets(Ys)
        key = (id(X1), bs, optimizer, bool(self.l1 or self.l2))
        if self._tapes_key != key:
            self._tapes_key, self._tapes = key, []
            for start in range(0, m, bs):
                stop = min(start + bs, m)
                ws = self._workspace(stop - start)
                self._tapes.append(self._train_tape(ws, X1[start:stop], Ys[start:stop], optimizer))
        for tape in self._tapes:
            for f, args in tape:
                f(*args)
        return len(self._tapes)
