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
activations, errors and scratch space live in workspaces cached per batch size
(``engine.workspace``), and each step is a tape of NumPy calls built once
(``engine.tape``, which describes the storage that makes it fast). The same
equations written plainly, column by column, are ``engine.equations``.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from ..numbers import agree, count, format_number
from .activations import Activation, get_activation
from .chunked import CHUNK_ROWS, evaluate_in_chunks, forward_in_chunks
from .clipping import GradientClip
from .dropout import Dropout
from .initializers import DEFAULT_FOR_ACTIVATION, initialize
from .losses import Loss, get_loss
from .masks import ParameterMasks
from .norms import norm2
from .optimizers import Optimizer
from .regularization import add_penalty_gradient, penalty, soft_threshold
from .tape import EpochTapes, backprop_ops, forward_ops, masked_train_step
from .validation import as_float_array, check_rows, check_X
from .workspace import ParameterVector, Workspace

_WORKSPACES_KEPT = 8


class MLP:
    """A fully connected network.

    ``sizes`` lists the layer widths including input and output, e.g. [2, 4, 1].
    ``activation`` is one name for every hidden layer or a list with one per
    hidden layer (tanh, relu, leaky_relu, sigmoid, linear). ``loss`` picks the
    output layer as well: bce (sigmoid), ce (softmax), mse (linear) or
    tanh_mse (tanh). ``init`` is xavier, he, small or uniform; by default He
    for relu-like layers and Xavier otherwise. ``l1`` and ``l2`` regularise the
    weights (not the biases): J = J_data + l1 sum|W| + (l2 / 2) sum W^2; training
    takes L1 as a step that sets weights to exactly 0 (see ``regularization``)."""

    def __init__(self, sizes, activation="tanh", loss: str = "bce", init: str | None = None, l1: float = 0.0,
                 l2: float = 0.0, seed: int | None = None, dtype="float64"):
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"sizes must list at least an input and an output width, all >= 1; got {sizes}")
        self.sizes = sizes
        L = self.n_layers = len(sizes) - 1
        names = [activation] * (L - 1) if isinstance(activation, str) else list(activation)
        if len(names) != L - 1:
            raise ValueError(f"{count(L - 1, 'hidden layer')} but {count(len(names), 'activation')} given")
        self.activations: list[Activation] = [get_activation(n) for n in names]
        self.loss_fn: Loss = get_loss(loss)
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, not {self.dtype}")
        self.l1, self.l2 = float(l1), float(l2)
        if not (self.l1 >= 0 and self.l2 >= 0 and np.isfinite(self.l1) and np.isfinite(self.l2)):
            raise ValueError(f"l1 and l2 must be finite and at least 0, got l1={l1!r}, l2={l2!r}")
        self.init = init
        self.seed = seed

        p = ParameterVector(sizes, self.dtype)  # one vector; every W, b, dW, db a view into it
        self.params, self.grads, self.n_weights = p.params, p.grads, p.n_weights
        self.weights, self.biases, self.dW, self.db = p.weights, p.biases, p.dW, p.db
        self._blocks, self._grad_blocks, self._gblocks_T = p.blocks, p.grad_blocks, [g.T for g in p.grad_blocks]
        self._weight_mask, self._row_order = p.weight_mask, p.row_order
        n_params = p.params.size
        self.reinitialize(seed)
        self._workspaces: OrderedDict[int, Workspace] = OrderedDict()
        self._reg_scratch = np.empty(n_params, self.dtype)
        self._l1_steps = np.empty(n_params, self.dtype)
        self._epochs = EpochTapes()
        self.edits, self._effective_blocks = 0, {}
        # frozen/pruned parameters, dropout per hidden layer, gradient clipping (each module's notes)
        self.masks = ParameterMasks(sizes, p.weight_mask, lambda: _passes_changed(self))
        self.dropout = Dropout(L - 1, lambda: _passes_changed(self))
        self.clip = GradientClip()

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
            raise ValueError(f"{count(vector.size, 'number')} do not fit this network's {self.params.size} parameters")
        out = np.empty_like(vector)
        out[self._row_order] = vector
        return out

    def copy(self, dtype=None) -> MLP:
        """An independent twin (same parameters, gradients and settings), in
        ``dtype`` if given (else the same dtype)."""
        state = self.__getstate__()
        if dtype is not None:
            state["dtype"] = np.dtype(dtype).name
        twin = MLP.__new__(MLP)
        twin.__setstate__(state)
        return twin

    # copy.copy, copy.deepcopy and pickle all go through the state below and rebuild
    # the network: its weights are views into one vector, and its workspaces and
    # training tapes bind arrays, so a field-by-field copy would be silently wrong.
    # copy.copy is therefore a deep copy, like ``copy()``.
    def __getstate__(self) -> dict:
        return {"sizes": list(self.sizes), "activation": self.activation_names, "loss": self.loss_fn.name,
                "init": self.init, "l1": self.l1, "l2": self.l2, "seed": self.seed, "dtype": self.dtype.name,
                "params": self.params.copy(), "grads": self.grads.copy(), "masks": self.masks.state(),
                "dropout": self.dropout.rates, "clip": self.clip.max_norm}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["sizes"], state["activation"], state["loss"], state["init"], state["l1"], state["l2"],
                      state["seed"], state["dtype"])
        self.params[...] = state["params"]
        self.grads[...] = state["grads"]
        if "masks" in state:
            self.masks.load_state(state["masks"])
            self.dropout.set_rates(state["dropout"])
            self.clip.max_norm = state["clip"]

    def __copy__(self) -> MLP:
        return self.copy()

    def __repr__(self) -> str:
        acts = self.activation_names  # one name for all layers, else each layer's; none: "activation=[]" was said
        extra = "".join(f", {k}={format_number(v)}" for k, v in (("l1", self.l1), ("l2", self.l2)) if v)
        hidden = f"activation={(acts[0] if len(set(acts)) == 1 else acts)!r}" if acts else "no hidden layer"
        return f"MLP({self.sizes}, {hidden}, loss={self.loss_fn.name!r}{extra})"

    # ------------------------------------------------------------- internals
    def _workspace(self, m: int) -> Workspace:
        ws = self._workspaces.get(m)
        if ws is None:
            ws = Workspace(m, self.sizes, self.loss_fn, self.dtype)
            self._make_plans(ws)
            self._workspaces[m] = ws
            if len(self._workspaces) > _WORKSPACES_KEPT:
                self._workspaces.popitem(last=False)
        else:
            self._workspaces.move_to_end(m)
        return ws

    def _check_X(self, X) -> np.ndarray:
        return check_X(X, self.sizes[0], self.dtype)

    def check_inputs(self, X) -> np.ndarray:
        """X (any array-like: array of any number type, list of rows, DataFrame)
        as the (m, n[0]) array of ``dtype`` the network computes with; ValueError
        naming the problem for a wrong shape, non-numbers, NaN or infinity."""
        return self._check_X(X)

    def encode_targets(self, y) -> np.ndarray:
        """Targets as the (m, n_out) matrix Y the loss compares A[L] with; an
        already encoded Y is returned as it is. ValueError for labels the loss
        cannot take, NaN or infinity."""
        return as_float_array(self.loss_fn.encode(y, self.sizes[-1], self.dtype), "y", self.dtype)

    def _check_data(self, X, y, check_input: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """(X, Y) checked and converted (see ``check_inputs``, ``encode_targets``);
        as they are without ``check_input`` (arrays already checked, as the
        Trainer's are once at its start: scikit-learn's ``check_input``)."""
        if not check_input:
            return X, y
        X, Y = self._check_X(X), self.encode_targets(y)
        check_rows(X, Y)
        return X, Y

    def _make_plans(self, ws: Workspace) -> None:
        """The workspace's forward and backward passes as lists of NumPy calls
        with their arrays bound, made once, so running them does no look-ups."""
        ws.forward_ops = forward_ops(self, ws, ws.inputs[0])
        ws.backprop_ops = backprop_ops(self, ws, ws.inputs[0])

    def _load_inputs(self, X: np.ndarray, ws: Workspace) -> None:
        ws.inputs[0][:, : self.sizes[0]] = X

    def _forward(self, X: np.ndarray, ws: Workspace) -> np.ndarray:
        """A[L] for the batch X (a view into the workspace)."""
        self._load_inputs(X, ws)
        for f, args in ws.forward_ops:
            f(*args)
        return ws.A[-1]

    def _backward(self, X: np.ndarray, Y: np.ndarray, ws: Workspace, l1_gradient: bool = True) -> None:
        """Fill ``grads`` with dJ/dparams for the batch just run forward; without
        ``l1_gradient`` the L1 term is left out (training takes it as a step)."""
        L = self.n_layers
        dz = ws.dZ[L - 1]
        self.loss_fn.delta(ws.Z[L - 1], ws.A[L - 1], Y, dz)
        np.multiply(dz, 1.0 / X.shape[0], dz)  # the 1/m of every dW and db, applied once
        for f, args in ws.backprop_ops:
            f(*args)
        self._add_penalty_gradient(l1_gradient)

    def _add_penalty_gradient(self, l1_gradient: bool) -> None:
        l1 = self.l1 if l1_gradient else 0.0
        add_penalty_gradient(self.params, self._weight_mask, l1, self.l2, self.grads, self._reg_scratch)

    def _l1_step(self, optimizer: Optimizer) -> None:
        """After the optimizer's step: move every weight alpha l1 towards 0 (scaled
        per weight by Adam), setting to exactly 0 those it would carry across 0."""
        soft_threshold(self.params, optimizer.l1_thresholds(self._weight_mask, self.l1, self._l1_steps),
                       self._reg_scratch)

    def penalty(self) -> float:
        """The regularisation term l1 sum|W| + (l2 / 2) sum W^2 at the current weights."""
        return penalty(self.params, self._weight_mask, self.l1, self.l2)

    # -------------------------------------------------------------- public API
    def forward(self, X) -> np.ndarray:
        """A[L] for X shaped (m, n[0]); a new array shaped (m, n[L])."""
        X = self._check_X(X)
        if X.shape[0] > CHUNK_ROWS:  # bounded workspaces (engine.chunked)
            return forward_in_chunks(self, X, CHUNK_ROWS)
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

    def _run_data_loss(self, X, y, check_input: bool = True):
        """(J_data, X, Y, workspace) after a forward pass over (X, y)."""
        X, Y = self._check_data(X, y, check_input)
        ws = self._workspace(X.shape[0])
        self._forward(X, ws)
        return self.loss_fn.value(ws.Z[-1], ws.A[-1], Y), X, Y, ws

    def data_loss(self, X, y) -> float:
        """J_data on (X, y): the loss of the predictions alone, without the penalty."""
        return self._run_data_loss(X, y)[0]

    def loss(self, X, y) -> float:
        """The objective J = J_data + penalty on (X, y) (see ``data_loss``, ``penalty``)."""
        return self.data_loss(X, y) + self.penalty()

    def loss_and_grads(self, X, y) -> tuple[float, list[np.ndarray], list[np.ndarray]]:
        """(J, dW, db) on (X, y); dW[i] shaped like weights[i], db[i] like biases[i].
        J and dW include the penalty (its L1 part differentiable where W != 0).
        The gradients are copies; the network also keeps them in ``dW``/``db``."""
        loss, X, Y, ws = self._run_data_loss(X, y)
        self._backward(X, Y, ws)
        return loss + self.penalty(), [d.copy() for d in self.dW], [d.copy() for d in self.db]

    def evaluate(self, X, y, gradients: bool = False, check_input: bool = True) -> tuple[float, np.ndarray]:
        """(J_data, A[L]) on (X, y): the data loss (without the penalty) and the
        outputs, a new (m, n[L]) array. With ``gradients`` the same forward pass
        also fills ``dW``/``db`` with dJ/dW, dJ/db (penalty included), as
        ``loss_and_grads`` does, without copying them out. ``check_input=False``
        skips the checks for X and an encoded Y already checked (see ``_check_data``)."""
        X, Y = self._check_data(X, y, check_input)
        if X.shape[0] > CHUNK_ROWS:  # bounded workspaces (engine.chunked)
            return evaluate_in_chunks(self, X, Y, gradients, CHUNK_ROWS)
        loss, X, Y, ws = self._run_data_loss(X, Y, check_input=False)
        A = ws.A[-1].copy()
        if gradients:
            self._backward(X, Y, ws)
        return loss, A

    def grad_norms(self) -> np.ndarray:
        """Frobenius norm of each layer's latest dW."""
        return np.array([norm2(d) for d in self.dW], dtype=np.float64)

    def train_step(self, X, Y, optimizer: Optimizer, check_input: bool = True,
                   rng: np.random.Generator | None = None) -> None:
        """One step on a batch: the optimizer's step on dJ_data + l2 W (clipped,
        with dropout, holding frozen and pruned parameters: see ``train_tape``),
        then the L1 step (``grads`` keep the former). X and Y as for ``loss`` (Y
        may be encoded already, see ``encode_targets``), checked and converted
        once (``check_input=False``: already checked, see ``evaluate``). Dropout
        masks come from ``rng`` (default: the generator last used)."""
        X, Y = self._check_data(X, Y, check_input)
        ws = self._workspace(X.shape[0])
        if not (self.masks.any or self.dropout.any or self.clip.max_norm):  # the plain step
            self._forward(X, ws)
            self._backward(X, Y, ws, l1_gradient=False)
            optimizer.step(self.params, self.grads)
            if self.l1:
                self._l1_step(optimizer)
            return
        self._load_inputs(X, ws)
        masked_train_step(self, ws, Y, optimizer, rng)

    def train_epoch(self, X, Y, optimizer: Optimizer, batch_size: int, rng: np.random.Generator,
                    check_input: bool = True) -> int:
        """One pass over (X, Y) in shuffled mini-batches; returns the step count.

        X and Y as for ``train_step``. The epoch's order and batch size are
        ``equations.epoch_order``'s (a batch size of m or more is full batch;
        otherwise one permutation is drawn from ``rng``, so a seeded generator
        gives the same epochs every run). Afterwards ``grads`` hold the last
        batch's gradients, as after ``train_step``. The steps are replayed
        tapes of NumPy calls (see ``engine.tape``).
        """
        X, Y = self._check_data(X, Y, check_input)
        return self._epochs.run(self, X, Y, optimizer, batch_size, rng)


def forward_and_subgrid(net: MLP, X, resolution: int, step: int,
                        check_input: bool = True) -> tuple[np.ndarray, list[np.ndarray]]:
    """One forward pass of ``net`` over X, the ``resolution`` x ``resolution`` points
    of a grid in row-major order ((res^2, n[0])): (A[L], a new (res^2, n[L]) array;
    [A[1], ..., A[L]] at every ``step``-th point of each row and column, each a new
    (k, k, n[l]) array, k = (res - 1) // step + 1, and all of them, one after another,
    the whole of one new 1-D array: one check or copy takes them all). A picture's grid and its
    thumbnails at the cost of the grid alone (``hidden_outputs`` would copy every
    layer at every point first). Raises ValueError for an X of the wrong width, as
    ``forward``, or of other than res^2 rows. Without ``check_input`` X is taken as
    already checked (as ``train_epoch``'s: the pictures' grid, checked once)."""
    X = net._check_X(X) if check_input else X
    if X.shape[0] != resolution * resolution:
        m = X.shape[0]
        raise ValueError(f"{count(m, 'point')} {agree(m, 'is', 'are')} not a {resolution} x {resolution} grid")
    k = (resolution - 1) // step + 1
    if X.shape[0] > CHUNK_ROWS:  # bounded workspaces: the subgrid on its own
        sub = X.reshape(resolution, resolution, -1)[::step, ::step].reshape(-1, X.shape[1])
        out, layers = net.forward(X), [a.reshape(k, k, -1) for a in net.hidden_outputs(sub)]
    else:
        ws = net._workspace(X.shape[0])
        out = net._forward(X, ws).copy()
        layers = [a.reshape(resolution, resolution, a.shape[1])[::step, ::step] for a in ws.A]
    flat = np.empty(k * k * sum(net.sizes[1:]), net.dtype)  # every layer's subgrid, one after another
    hidden, at = [], 0
    for a in layers:
        part = flat[at:at + a.size].reshape(a.shape)
        np.copyto(part, a)
        hidden.append(part)
        at += a.size
    return out, hidden


def _passes_changed(net: MLP) -> None:
    """``net``'s masks or dropout changed: its passes are rebuilt on next use."""
    net.edits += 1
    net._workspaces.clear()
    net._effective_blocks.clear()
    net._weight_mask = net.masks.regularized
