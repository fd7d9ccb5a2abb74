"""Every number of one backpropagation step, for the backprop inspector.

``backprop_trace`` runs the equations of docs/equations.md on one mini-batch, written
out plainly in their own column layout (one example per column) and apart from
the fast path in ``mlp.py``, and keeps every intermediate matrix:

    Z[l] = W[l] A[l-1] + b[l]          A[l] = g(Z[l])
    dZ[L] = A[L] - Y
    dW[l] = (1/m) dZ[l] A[l-1]^T       db[l] = (1/m) sum over examples of dZ[l]
    dZ[l] = W[l+1]^T dZ[l+1] * g'(Z[l])
    W[l] := W[l] - alpha dW[l]         b[l] := b[l] - alpha db[l]

The weights after the step come from the run's own optimizer (on copies), so
with momentum or Adam they are what the run will really do next. With L1 the
optimizer steps on dW_data + l2 W only, and then every weight moves t = alpha l1
towards 0 (t scaled per weight by Adam), set to exactly 0 if that would carry
it across 0: W := sign(W') max(|W'| - t, 0), written out below as the engine's
``nnplay.engine.regularization`` describes it. Each layer also carries
``dW_engine``, the same gradient from the fast engine's own code path
(``MLP``'s forward and backward passes, in float64), so the inspector's
chain-rule check compares two implementations rather than one with itself.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from .clipping import trained_norm
from . import equations as eq
from .masks import _blocks
from .mlp import MLP
from .optimizers import SGD, Optimizer
from .regularization import add_penalty_gradient


@dataclass(frozen=True)
class LayerTrace:
    """Layer l's matrices in the column layout: (n[l], m) for Z, A, dZ."""

    l: int  # 1..L
    activation: str  # g of this layer ("sigmoid", "softmax", "linear", "tanh" for the output)
    W: np.ndarray  # (n[l], n[l-1]) before the step
    b: np.ndarray  # (n[l], 1)
    Z: np.ndarray
    A: np.ndarray
    dZ: np.ndarray
    dW: np.ndarray  # including the regularisation term, if any
    db: np.ndarray
    dW_data: np.ndarray  # (1/m) dZ[l] A[l-1]^T alone
    dW_reg: np.ndarray | None  # l2 W + l1 sign(W), when regularised
    W_new: np.ndarray  # after the optimizer's step (and the L1 step)
    b_new: np.ndarray
    WT_dZ: np.ndarray | None  # W[l+1]^T dZ[l+1]: the error flowing back into this layer (hidden layers)
    g_prime: np.ndarray | None  # g'(Z[l]): hidden layers, and the output layer of tanh_mse (1 - A[L]^2)
    W_data_step: np.ndarray | None = None  # with L1: after the optimizer's step, before the L1 step
    l1_step: np.ndarray | None = None  # with L1: t per weight, the L1 step's size
    dW_engine: np.ndarray | None = None  # dW[l] by the fast engine (MLP), the independent value to check against
    W_keep: np.ndarray | None = None  # with pruned weights: 1 where W[l] acts, 0 where pruned; the pass uses W_keep * W
    mask: np.ndarray | None = None  # hidden layers with pruned neurons or dropout: M[l], (n[l], m), A = M * g(Z)

    @property
    def delta_W(self) -> np.ndarray:
        """The step the update takes, new W - W, (n[l], n[l-1])."""
        return self.W_new - self.W

    @property
    def delta_b(self) -> np.ndarray:
        """new b - b, (n[l], 1)."""
        return self.b_new - self.b


@dataclass(frozen=True)
class BackpropTrace:
    sizes: tuple
    loss: str
    optimizer: str
    lr: float
    l1: float
    l2: float
    m: int
    X: np.ndarray  # A[0] = the network's inputs, (n[0], m)
    Y: np.ndarray  # encoded targets, (n[L], m)
    J: float  # the batch's loss (with the regularisation term)
    layers: tuple  # LayerTrace for l = 1..L
    examples: np.ndarray  # which training examples (rows of the training set) make the batch
    batch: int = 0  # this batch's number in its epoch, from 0
    batches: int = 1  # batches per epoch
    epoch: int = 0  # the epoch this batch belongs to (from 0)
    penalty: float = 0.0  # the regularisation term within J (J - penalty is the data loss)
    clip_max_norm: float = 0.0  # gradient-norm clipping's limit c (0: off; engine.clipping)
    grad_norm: float = 0.0  # the 2-norm of the dW and db the optimizer steps on (those that train), before clipping
    clip_factor: float = 1.0  # what clipping scaled them by: c / (norm + 1e-6) when norm > c, else 1

    def layer(self, l: int) -> LayerTrace:
        return self.layers[l - 1]

    def input_to(self, l: int) -> np.ndarray:
        """A[l-1], the input of layer l."""
        return self.X if l == 1 else self.layers[l - 2].A

    def chain(self, l: int, i: int, j: int) -> dict:
        """The chain rule to one weight W[l][i, j] (0-based i, j), example by example:

            dJ/dW[l]_ij = (1/m) sum_k dZ[l]_ik A[l-1]_jk (+ regularisation)

        with dZ[l]_ik = (W[l+1]^T dZ[l+1])_ik g'(Z[l]_ik) for a hidden layer and
        A[L]_ik - Y_ik for the output layer ((A - Y)(1 - A^2) for tanh_mse, with
        1 - A^2 as ``g_prime``). Returns every factor per example (arrays of m),
        the sum (``total``), the trace's own dW[l]_ij (``backprop``) and the check
        of the sum against the fast engine's dW[l]_ij: ``engine``, ``difference``
        and ``agrees`` (None when the trace carries no engine value).
        """
        lt = self.layer(l)
        a_prev = self.input_to(l)[j]
        terms = lt.dZ[i] * a_prev
        if lt.W_keep is not None:
            terms = terms * lt.W_keep[i, j]  # a pruned weight: W~ = 0 * W, no gradient
        reg = 0.0 if lt.dW_reg is None else float(lt.dW_reg[i, j])
        out = {
            "layer": l, "i": i, "j": j, "m": self.m,
            "dZ": lt.dZ[i].copy(), "A_prev": a_prev.copy(), "terms": terms,
            "data_term": float(terms.sum() / self.m), "reg_term": reg,
            "backprop": float(lt.dW[i, j]),
        }
        out["total"] = out["data_term"] + reg
        if lt.WT_dZ is not None:
            out["WT_dZ"] = lt.WT_dZ[i].copy()
            out["g_prime"] = lt.g_prime[i].copy()
        else:
            out["A_out"] = lt.A[i].copy()
            out["Y"] = self.Y[i].copy()
            if lt.g_prime is not None:  # tanh with squared error: dZ = (A - Y)(1 - A^2)
                out["g_prime"] = lt.g_prime[i].copy()
        out.update(self._check(lt, i, j, np.abs(terms).sum() / self.m + abs(reg), out["total"]))
        return out

    @staticmethod
    def _check(lt: LayerTrace, i: int, j: int, size: float, total: float) -> dict:
        """The chain-rule sum against the fast engine's dW[l]_ij: ``engine`` (None
        without it), ``difference`` and ``agrees`` (within 1e-9 of the size of the
        sum's terms: the two codes add the same numbers in different orders)."""
        if lt.dW_engine is None:
            return {"engine": None, "difference": None, "agrees": None}
        engine = float(lt.dW_engine[i, j])
        diff = abs(total - engine)
        return {"engine": engine, "difference": diff, "agrees": bool(diff <= 1e-9 * size + 1e-300)}


def output_masks(net: MLP, m: int, dropout_rng=None) -> list:
    """M[l] per hidden layer for a batch of m, column layout: None, the pruned
    neurons' (n[l], 1) 0/1 column, or times the dropout mask (n[l], m) that the
    training step will draw from a generator in the state of ``dropout_rng``
    (drawn from a copy, as ``Dropout.draw`` draws them, so they are the same)."""
    rng = None if dropout_rng is None or not net.dropout.any else copy.deepcopy(dropout_rng)
    out = []
    for l, p in enumerate(net.dropout.rates):
        keep = net.masks.neuron_keep[l]
        mask = None if keep is None else keep[:, None].astype(np.float64)
        if rng is not None and p:
            D = (rng.random((m, net.sizes[l + 1])) >= p) * (1.0 / (1.0 - p))
            mask = D.T if mask is None else D.T * mask
        out.append(mask)
    return out


def engine_gradient(twin: MLP, X: np.ndarray, Y: np.ndarray, dropout_rng=None) -> list:
    """dW per layer by the fast engine (``twin``, a float64 copy, is changed):
    its evaluation pass, or with dropout its training pass with the same masks
    (one step of rate 0 from a copy of ``dropout_rng``), plus the penalty terms."""
    if dropout_rng is None or not twin.dropout.any:
        return twin.loss_and_grads(X, Y)[1]
    l1, twin.l1, twin.clip.max_norm = twin.l1, 0.0, 0.0
    twin.train_step(X, Y, SGD(0.0), rng=copy.deepcopy(dropout_rng))  # grads: data + l2 W; a step of 0
    if l1:
        add_penalty_gradient(twin.params, twin._weight_mask, l1, 0.0, twin.grads, np.empty_like(twin.params))
    return [d.copy() for d in twin.dW]


def backprop_trace(net: MLP, X: np.ndarray, Y: np.ndarray, optimizer: Optimizer, examples=None,
                   dropout_rng: np.random.Generator | None = None) -> BackpropTrace:
    """Trace one step on the batch X (rows, as the network takes them) with the
    encoded targets Y (see ``MLP.encode_targets``). Nothing of ``net`` or
    ``optimizer`` changes. The forward and backward passes are those of
    ``engine.equations`` (docs/equations.md), in float64, with the network's
    masks: pruned weights and neurons, and with ``dropout_rng`` (the run's
    generator, as the step will use it) the dropout masks the step will draw;
    frozen and pruned parameters are held through the step."""
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    m, L = X.shape[0], net.n_layers
    keep = [net.masks.block_keep(l, np.float64) for l in range(L)]
    keep = [None if k is None else k[:, : net.sizes[l]] for l, k in enumerate(keep)]
    W_stored = [np.array(w, dtype=np.float64) for w in net.weights]
    W = [w if k is None else w * k for w, k in zip(W_stored, keep)]  # pruned weights act as 0
    b = [np.array(v, dtype=np.float64) for v in net.biases]
    masks = output_masks(net, m, dropout_rng)
    Yc, loss, acts = Y.T.copy(), net.loss_fn.name, net.activation_names
    Z, A = eq.forward(W, b, X.T.copy(), acts, loss, masks)
    penalty = net.penalty()
    J = eq.cost(loss, Z[L - 1], A[L], Yc) + penalty
    dZ, dW_data, db, WT_dZ, g_prime = eq.backward(W, Z, A, Yc, acts, loss, masks)
    dW_data = [d if k is None else d * k for d, k in zip(dW_data, keep)]  # no gradient to a pruned weight
    if loss == "tanh_mse":
        g_prime[L - 1] = eq.g_prime("tanh", Z[L - 1], A[L])  # 1 - A[L]^2, the factor in dZ[L]
    regularized = [r[:, : net.sizes[l]] for l, r in enumerate(_blocks(net.masks.regularized, net.sizes))]
    dW_reg = [eq.penalty_gradient(w, net.l1, net.l2) * r if net.l1 or net.l2 else None
              for w, r in zip(W_stored, regularized)]
    dW = [d if r is None else d + r for d, r in zip(dW_data, dW_reg)]

    # the same gradient by the fast engine's own code, for the inspector's check. Without dropout that is
    # an evaluation pass, which changes only the twin's gradients (all set again below): the same twin then
    # takes the step (a float64 copy of the network is 0.46 ms of a trace's 2.6 on case B, four a second)
    twin = net.copy(np.float64)
    dW_engine = engine_gradient(twin, X, Y, dropout_rng)
    if dropout_rng is not None and twin.dropout.any:  # a training pass of rate 0: its l1, clipping, parameters
        twin = net.copy(np.float64)
    W = W_stored

    # the step itself, by the run's optimizer on copies of the parameters and its state,
    # on the data and L2 gradient; the L1 term is a step of its own after it
    for l in range(L):
        twin.dW[l][...] = dW_data[l] + net.l2 * W[l] * regularized[l]
        twin.db[l][...] = db[l]
    held = twin.masks.hold_index  # frozen and pruned entries: left out of the clipping norm (engine.clipping)
    grad_norm = trained_norm(twin.grads, held)
    clip_factor = twin.clip.max_norm / (grad_norm + 1e-6) if twin.clip.max_norm and grad_norm > twin.clip.max_norm else 1.0
    if twin.clip.max_norm:
        twin.clip.clip(twin.grads, held)
    opt = copy.deepcopy(optimizer)
    before, after = twin.masks.hold_ops(twin.params, opt)  # frozen and pruned parameters keep their values
    for f, args in [*before, (opt.step, (twin.params, twin.grads))]:
        f(*args)
    W_data_step = l1_step = [None] * L
    if net.l1:
        W_data_step = [w.copy() for w in twin.weights]
        steps = twin.copy()  # t for every parameter; only the weights' are used
        opt.l1_thresholds(np.ones_like(steps.params), net.l1, steps.params)
        l1_step = [t.copy() for t in steps.weights]
        for l in range(L):  # where the step would carry W across 0, W is 0
            twin.weights[l][...] = np.sign(W_data_step[l]) * np.maximum(np.abs(W_data_step[l]) - l1_step[l], 0.0)
    for f, args in after:
        f(*args)

    names = [*acts, eq.OUTPUT_ACTIVATION[loss]]
    layers = tuple(
        LayerTrace(l + 1, names[l], W[l], b[l], Z[l], A[l + 1], dZ[l], dW[l], db[l], dW_data[l], dW_reg[l],
                   twin.weights[l].copy(), twin.biases[l].copy(), WT_dZ[l], g_prime[l], W_data_step[l], l1_step[l],
                   dW_engine[l], keep[l], None if l >= L - 1 or masks[l] is None else np.broadcast_to(masks[l], Z[l].shape))
        for l in range(L))
    ex = np.arange(m) if examples is None else np.asarray(examples)
    return BackpropTrace(tuple(net.sizes), net.loss_fn.name, optimizer.name, float(optimizer.lr), net.l1, net.l2,
                         m, A[0], Yc.copy(), float(J), layers, ex, penalty=float(penalty),
                         clip_max_norm=float(twin.clip.max_norm), grad_norm=grad_norm, clip_factor=float(clip_factor))
