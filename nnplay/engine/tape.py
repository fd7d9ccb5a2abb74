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

import time

import numpy as np

from .equations import epoch_order


def _weights(net, l: int) -> tuple[list, np.ndarray]:
    """(ops, block): layer l's [W | b] as the passes use it. With pruned weights
    that is M[l] * [W | b] (the pruned entries 0), recomputed by the ops into a
    buffer of the network's; otherwise the block itself and no ops."""
    keep = net.masks.block_keep(l, net.dtype)
    if keep is None:
        return [], net._blocks[l]
    eff = net._effective_blocks.get(l)
    if eff is None:
        eff = net._effective_blocks[l] = np.empty_like(net._blocks[l])
    return [(np.multiply, (net._blocks[l], keep, eff))], eff


def _output_mask(net, ws, l: int, training: bool) -> tuple[np.ndarray | None, list]:
    """(mask, ops that draw it) of hidden layer l's output A[l]: the pruned
    neurons' 0/1 row (n[l],), or in training with dropout a fresh D[l] (m, n[l])
    per step (``engine.dropout``); None when nothing is masked."""
    keep = net.masks.neuron_keep[l]
    keep = None if keep is None else keep.astype(net.dtype)
    if training and net.dropout.rates[l]:
        mask = ws.extra("dropout", l)
        return mask, [(net.dropout.draw, (l, mask, keep))]
    return keep, []


def forward_ops(net, ws, x1: np.ndarray, output: bool = True, training: bool = False) -> list:
    """The forward pass of ``net`` for the batch x1 = [X | 1] in workspace ``ws``
    as (function, args) pairs, up to the logits Z[L] (and A[L] if ``output``).
    Pruned weights and neurons are masked; ``training`` also applies dropout."""
    L, dot = net.n_layers, np.dot
    ops, inp = [], x1
    for l in range(L):
        prep, block = _weights(net, l)
        ops += prep
        ops.append((dot, (block, inp.T, ws.Z[l].T)))  # Z[l] = W[l] A[l-1] + b[l], in one product
        if l < L - 1:
            mask, draw = _output_mask(net, ws, l, training)
            if mask is None:
                ops += net.activations[l].forward_ops(ws.Z[l], ws.A[l])  # A[l] = g(Z[l]), into the next [A | 1]
            else:  # g(Z[l]) kept apart (its derivative needs it), the masked A[l] into the next [A | 1]
                raw = ws.extra("raw", l)
                ops += net.activations[l].forward_ops(ws.Z[l], raw) + draw + [(np.multiply, (raw, mask, ws.A[l]))]
            inp = ws.inputs[l + 1]
    if output and ws.A[L - 1] is not ws.Z[L - 1]:
        ops.append((net.loss_fn.output, (ws.Z[L - 1], ws.A[L - 1])))
    return ops


def backprop_ops(net, ws, x1: np.ndarray, training: bool = False) -> list:
    """From the output error dZ[L] / m (already in ws.dZ) to every [dW | db],
    as (function, args) pairs; the regularisation terms are not included. The
    masks of ``forward_ops`` (same ``training``) are applied on the way back."""
    dot, ops = np.dot, []
    for l in range(net.n_layers - 1, 0, -1):
        ops.append((dot, (ws.inputs[l].T, ws.dZ[l], net._gblocks_T[l])))  # [dW | db] = dZ^T [A[l-1] | 1]
        ops += _grad_mask_ops(net, l)
        W = _weights(net, l)[1][:, : net.sizes[l]]
        ops.append((dot, (W.T, ws.dZ[l].T, ws.dZ[l - 1].T)))  # W[l]^T dZ[l] ...
        mask = _output_mask(net, ws, l - 1, training)[0]
        a = ws.A[l - 1] if mask is None else ws.extra("raw", l - 1)
        ops += net.activations[l - 1].backward_ops(ws.Z[l - 1], a, ws.dZ[l - 1], ws.S[l - 1])  # * g'
        if mask is not None:
            ops.append((np.multiply, (ws.dZ[l - 1], mask, ws.dZ[l - 1])))  # * the mask of A[l-1]
    ops.append((dot, (x1.T, ws.dZ[0], net._gblocks_T[0])))
    ops += _grad_mask_ops(net, 0)
    return ops


def _grad_mask_ops(net, l: int) -> list:
    """dW[l] of a pruned weight is 0 (the chain rule through W~ = M * W)."""
    keep = net.masks.block_keep(l, net.dtype)
    return [] if keep is None else [(np.multiply, (net._grad_blocks[l], keep, net._grad_blocks[l]))]


def train_tape(net, ws, X1: np.ndarray, Yt: np.ndarray, optimizer) -> list:
    """One training step on the batch X1 = [X | 1] (targets Yt rewritten by the
    loss's ``training_targets``) as a flat list of (function, args) pairs.

    The same equations as ``MLP``'s forward and backward passes and the
    optimizer step, but the output error comes straight from the logits (the
    loss's ``training_ops``). Dropout masks are drawn (``engine.dropout``), the
    gradient is clipped when ``net.clip`` says so (``engine.clipping``), and
    frozen and pruned parameters are held through the update (``engine.masks``).
    """
    L = net.n_layers
    tape = forward_ops(net, ws, X1, output=False, training=True)
    tape += net.loss_fn.training_ops(ws.Z[L - 1], ws.A[L - 1], Yt, ws.dZ[L - 1])  # dZ[L] / m
    tape += backprop_ops(net, ws, X1, training=True)
    if net.l2:
        tape.append((net._add_penalty_gradient, (False,)))
    if net.clip.max_norm:  # over the parameters that train: the held ones are left out of the norm
        tape.append((net.clip.clip, (net.grads, net.masks.hold_index)))
    before, after = net.masks.hold_ops(net.params, optimizer)
    tape += before
    tape.append((optimizer.step, (net.params, net.grads)))
    if net.l1:
        tape.append((net._l1_step, (optimizer,)))
    return tape + after


def masked_train_step(net, ws, Y: np.ndarray, optimizer, rng) -> None:
    """One training step (``train_tape``) on the batch already in ``ws.inputs[0]``
    with encoded targets Y, dropout masks drawn from ``rng`` (None: the
    generator last used, or one seeded with the network's seed)."""
    Yt = np.array(Y, dtype=net.dtype, order="F")
    net.loss_fn.training_targets(Yt)
    if rng is not None or net.dropout.rng is None:
        net.dropout.rng = rng if rng is not None else np.random.default_rng(net.seed)
    for f, args in train_tape(net, ws, ws.inputs[0], Yt, optimizer):
        f(*args)


class EpochTapes:
    """One network's epochs: the shuffled epoch is copied into one buffer
    [X | 1] whose slices are the batches, so each batch's step is a tape built
    once and replayed every epoch (rebuilt when the batch size, optimizer,
    regularisation, masks, dropout or clipping changes)."""

    def __init__(self):
        self._buffers: tuple[np.ndarray, np.ndarray] | None = None
        self._key, self._tapes = None, []
        self._built_below = 0  # every tape before this index is built (``prepare``'s cursor)
        self.order: np.ndarray | None = None  # the order of the epoch in the buffer (``begin``)
        self._bs = 1

    def run(self, net, X: np.ndarray, Y: np.ndarray, optimizer, batch_size: int, rng: np.random.Generator) -> int:
        """One epoch of ``net`` on checked (X, Y) (see ``MLP.train_epoch``); returns the step count."""
        if X.shape[0] == 0:
            return 0
        steps = self.begin(net, X, Y, optimizer, *epoch_order(X.shape[0], batch_size, rng), rng)
        return self.replay(net, optimizer, 0, steps)

    def begin(self, net, X: np.ndarray, Y: np.ndarray, optimizer, order: np.ndarray, bs: int,
              rng: np.random.Generator) -> int:
        """Copy the epoch of checked (X, Y) in ``order`` (m,) with mini-batches of
        ``bs`` rows (``equations.epoch_order``'s pair) into the buffer; returns its
        step count. ``replay`` then trains its steps, all at once or in parts (a
        long epoch of a large data set, so the window can show it in between)."""
        m, n0 = X.shape
        X1, Ys = self._buffer(net, X, Y)
        if bs < m:
            np.take(X, order, axis=0, out=X1[:, :n0], mode="clip")
            np.take(Y, order, axis=0, out=Ys, mode="clip")
        else:
            X1[:, :n0] = X
            Ys[...] = Y
        net.loss_fn.training_targets(Ys)
        net.dropout.rng = rng
        self.order, self._bs = order, bs
        return -(-m // bs)

    def _buffer(self, net, X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The epoch's buffers ([X | 1] (m, n0 + 1) and Y, Fortran order), made
        again only when the data's shape or the network's dtype changes."""
        m, n0 = X.shape
        buf = self._buffers
        if buf is None or buf[0].shape != (m, n0 + 1) or buf[1].shape != Y.shape or buf[0].dtype != net.dtype:
            ones = np.empty((m, n0 + 1), net.dtype, order="F")
            ones[:, n0] = 1.0
            buf = self._buffers = (ones, np.empty(Y.shape, net.dtype, order="F"))
        return buf

    def _tape(self, net, optimizer, k: int) -> list:
        """Step ``k``'s tape, built the first time it is asked for (a 50,000-step
        epoch's first part need not wait for all)."""
        tape = self._tapes[k]
        if tape is None:
            X1, Ys = self._buffers
            first, last = k * self._bs, min(k * self._bs + self._bs, X1.shape[0])
            tape = self._tapes[k] = train_tape(net, net._workspace(last - first), X1[first:last], Ys[first:last],
                                               optimizer)
        return tape

    def _keyed(self, net, optimizer) -> None:
        """Forget the tapes if the buffer, batch size, optimizer, regularisation,
        masks or clipping changed since they were built."""
        X1 = self._buffers[0]
        key = (id(X1), self._bs, optimizer, bool(net.l1), bool(net.l2), net.edits, net.clip.max_norm)
        if self._key != key:
            self._key, self._tapes = key, [None] * -(-X1.shape[0] // self._bs)
            self._built_below = 0

    def replay(self, net, optimizer, start: int, stop: int) -> int:
        """Train steps ``start`` .. ``stop`` - 1 of the epoch ``begin`` copied;
        returns how many. Each step is a tape built once and replayed (rebuilt
        first if the optimizer, regularisation, masks or clipping changed)."""
        self._keyed(net, optimizer)
        stop = min(stop, len(self._tapes))
        for k in range(start, stop):
            for f, args in self._tape(net, optimizer, k):
                f(*args)
        return max(0, stop - start)

    def prepare(self, net, X: np.ndarray, Y: np.ndarray, optimizer, batch_size: int, seconds: float) -> bool:
        """Build the tapes the next epoch of checked (X, Y) will replay, for at
        most about ``seconds``, while the run waits (paused): on 100,000 rows at a
        mini-batch of 20, 5,000 tapes, a third of a second that the first epoch
        played would otherwise spend. True once every tape is built. Changes no
        parameter, no random state and nothing any step computes: a step replays
        the same calls whether its tape was built now or when first trained."""
        if X.shape[0] == 0:
            return True
        self._buffer(net, X, Y)
        m = X.shape[0]
        self._bs = m if batch_size <= 0 or batch_size >= m else int(batch_size)
        self._keyed(net, optimizer)
        end, tapes = time.perf_counter() + seconds, self._tapes
        k = self._built_below  # (from where the last call stopped: a call every 4 ms rescanned the list from 0)
        while k < len(tapes):
            if tapes[k] is None:
                self._tape(net, optimizer, k)
                if time.perf_counter() > end:
                    break
            k += 1
        while k < len(tapes) and tapes[k] is not None:  # (built when first trained, by ``replay``)
            k += 1
        self._built_below = k
        return k == len(tapes)
