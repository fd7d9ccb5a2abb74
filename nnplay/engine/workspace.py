"""Where an MLP keeps its numbers: parameter views that assign in place, and the
per-batch-size workspaces of the fast path (see ``engine.mlp``)."""

from __future__ import annotations

import numpy as np

from .losses import Loss, MeanSquaredError


class ParamList(list):
    """A list of parameter views whose item assignment copies into the view.

    ``net.weights[0] = new`` then updates the network (and keeps the shared
    parameter vector intact) instead of silently replacing the view; a number
    fills the whole matrix, any other shape raises ValueError.
    """

    def __setitem__(self, index, value):
        target = list.__getitem__(self, index)
        value = np.asarray(value)
        if value.ndim and value.shape != target.shape:  # a number fills the whole matrix
            raise ValueError(f"shape {value.shape} does not match the parameter's shape {target.shape}")
        target[...] = value


class ParameterVector:
    """The parameters of a network of layer widths ``sizes`` as one vector
    ``params`` (and its gradient ``grads``), stored layer by layer as blocks
    [W | b] of shape (n[l], n[l-1] + 1), column by column (see ``engine.tape``).
    ``weights``, ``biases``, ``dW`` and ``db`` are ParamLists of views into them;
    ``weight_mask`` is 1 where ``params`` holds a weight (not a bias);
    ``row_order`` indexes ``params`` in file order (each [W | b] row by row)."""

    def __init__(self, sizes: list[int], dtype):
        shapes = list(zip(sizes[1:], sizes[:-1]))
        self.n_weights = sum(r * c for r, c in shapes)
        n_params = sum(r * (c + 1) for r, c in shapes)
        self.params = np.empty(n_params, dtype)
        self.grads = np.zeros(n_params, dtype)
        self.weight_mask = np.zeros(n_params, dtype)
        self.weights, self.biases, self.dW, self.db = ParamList(), ParamList(), ParamList(), ParamList()
        self.blocks, self.grad_blocks, rows = [], [], []  # [W | b] and [dW | db] per layer
        order, at = np.arange(n_params), 0
        for r, c in shapes:
            Wb, dWdb, mask, index = (v[at : at + r * (c + 1)].reshape(r, c + 1, order="F")
                                     for v in (self.params, self.grads, self.weight_mask, order))
            mask[:, :c] = 1.0
            rows.append(index.ravel())
            self.blocks.append(Wb)
            self.grad_blocks.append(dWdb)
            self.weights.append(Wb[:, :c])
            self.biases.append(Wb[:, c:])
            self.dW.append(dWdb[:, :c])
            self.db.append(dWdb[:, c:])
            at += r * (c + 1)
        self.row_order = np.concatenate(rows) if rows else np.zeros(0, np.intp)


class Workspace:
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
        self._extra: dict = {}

    def extra(self, name: str, l: int) -> np.ndarray:
        """A buffer shaped like Z[l] kept with the workspace, made on first use
        (the unmasked g(Z[l]) and the dropout mask of a masked layer)."""
        buf = self._extra.get((name, l))
        if buf is None:
            buf = self._extra[name, l] = np.empty_like(self.Z[l], order="F")
        return buf
