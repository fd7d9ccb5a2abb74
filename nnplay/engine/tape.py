"""The fast engine's steps as tapes: lists of (NumPy function, args) pairs with
every array and constant bound once, replayed with no Python method between
the calls.

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

The equations are those of docs/equations.md, applied transposed to row
batches (Z[l]^T = A[l-1]^T W[l]^T + b[l]^T); ``engine.equations`` has them in
their plain column form, and the tests hold the two against each other.
"""

from __future__ import annotations

import numpy as np

from .equations import epoch_order


def forward_ops(net, ws, x1: np.ndarray, output: bool = True) -> list:
    """The forward pass of ``net`` for the batch x1 = [X | 1] in workspace ``ws``
    as (function, args) pairs, up to the logits Z[L] (and A[L] if ``output``)."""
    L, dot = net.n_layers, np.dot
    ops, inp = [], x1
    for l in range(L):
        ops.append((dot, (net._blocks[l], inp.T, ws.Z[l].T)))  # Z[l] = W[l] A[l-1] + b[l], in one product
        if l < L - 1:
            ops += net.activations[l].forward_ops(ws.Z[l], ws.A[l])  # A[l] = g(Z[l]), into the next [A | 1]
            inp = ws.inputs[l + 1]
    if output and ws.A[L - 1] is not ws.Z[L - 1]:
        ops.append((net.loss_fn.output, (ws.Z[L - 1], ws.A[L - 1])))
    return ops


def backprop_ops(net, ws, x1: np.ndarray) -> list:
    """From the output error dZ[L] / m (already in ws.dZ) to every [dW | db],
    as (function, args) pairs; the regularisation terms are not included."""
    dot, ops = np.dot, []
    for l in range(net.n_layers - 1, 0, -1):
        ops.append((dot, (ws.inputs[l].T, ws.dZ[l], net._gblocks_T[l])))  # [dW | db] = dZ^T [A[l-1] | 1]
        ops.append((dot, (net.weights[l].T, ws.dZ[l].T, ws.dZ[l - 1].T)))  # W[l]^T dZ[l] ...
        ops += net.activations[l - 1].backward_ops(ws.Z[l - 1], ws.A[l - 1], ws.dZ[l - 1], ws.S[l - 1])  # * g'
    ops.append((dot, (x1.T, ws.dZ[0], net._gblocks_T[0])))
    return ops


def train_tape(net, ws, X1: np.ndarray, Yt: np.ndarray, optimizer) -> list:
    """One training step on the batch X1 = [X | 1] (targets Yt rewritten by the
    loss's ``training_targets``) as a flat list of (function, args) pairs.

    The same equations as ``MLP``'s forward and backward passes and the
    optimizer step, but the output error comes straight from the logits (the
    loss's ``training_ops``).
    """
    L = net.n_layers
    tape = forward_ops(net, ws, X1, output=False)
    tape += net.loss_fn.training_ops(ws.Z[L - 1], ws.A[L - 1], Yt, ws.dZ[L - 1])  # dZ[L] / m
    tape += backprop_ops(net, ws, X1)
    if net.l2:
        tape.append((net._add_penalty_gradient, (False,)))
    tape.append((optimizer.step, (net.params, net.grads)))
    if net.l1:
        tape.append((net._l1_step, (optimizer,)))
    return tape


class EpochTapes:
    """One network's epochs: the shuffled epoch is copied into one buffer
    [X | 1] whose slices are the batches, so each batch's step is a tape built
    once and replayed every epoch (rebuilt when the batch size, optimizer or
    regularisation changes)."""

    def __init__(self):
        self._buffers: tuple[np.ndarray, np.ndarray] | None = None
        self._key, self._tapes = None, []

    def run(self, net, X: np.ndarray, Y: np.ndarray, optimizer, batch_size: int, rng: np.random.Generator) -> int:
        """One epoch of ``net`` on checked (X, Y) (see ``MLP.train_epoch``); returns the step count."""
        m, n0 = X.shape
        if m == 0:
            return 0
        order, bs = epoch_order(m, batch_size, rng)
        buf = self._buffers
        if buf is None or buf[0].shape != (m, n0 + 1) or buf[1].shape != Y.shape or buf[0].dtype != net.dtype:
            ones = np.empty((m, n0 + 1), net.dtype, order="F")
            ones[:, n0] = 1.0
            buf = self._buffers = (ones, np.empty(Y.shape, net.dtype, order="F"))
        X1, Ys = buf
        if bs < m:
            np.take(X, order, axis=0, out=X1[:, :n0], mode="clip")
            np.take(Y, order, axis=0, out=Ys, mode="clip")
        else:
            X1[:, :n0] = X
            Ys[...] = Y
        net.loss_fn.training_targets(Ys)
        key = (id(X1), bs, optimizer, bool(net.l1), bool(net.l2))
        if self._key != key:
            self._key, self._tapes = key, []
            for start in range(0, m, bs):
                stop = min(start + bs, m)
                self._tapes.append(train_tape(net, net._workspace(stop - start), X1[start:stop], Ys[start:stop],
                                              optimizer))
        for tape in self._tapes:
            for f, args in tape:
                f(*args)
        return len(self._tapes)
