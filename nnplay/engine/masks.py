"""Frozen and pruned parameters of a network: masks over its parameter vector.

Addressing: ``layer`` is the 0-based index into ``net.weights`` / ``net.biases``
(layer 0 is W[1], b[1] of docs/equations.md); in W[l], shaped (n[l], n[l-1]),
``row`` is the receiving neuron j and ``col`` the sending neuron k.

*Frozen* parameters take part in the forward and backward passes as usual but
are excluded from every update: whatever the optimizer (and the L1 step after
it) does to the parameter vector and to the optimizer's state (momentum's
velocity, Adam's m and v) is undone at the frozen entries right after the
step (``hold_ops``), so they stay bit-identical for any number of steps and
the optimizer takes up where it was when they are unfrozen. (PyTorch's
``requires_grad_(False)`` has the same effect: the optimizer skips them.)

*Pruned* weights and neurons are masked in the forward pass (masked equations
in docs/equations.md): a pruned weight acts as 0, W~[l] = M[l] * W[l]; a pruned
hidden neuron j of layer l outputs exactly 0, A[l]_j = 0, so its outgoing
links carry nothing. Backpropagation through the masks gives 0 to every
pruned weight and to the incoming weights and bias of a pruned neuron, and
the L1/L2 penalty leaves them out. Their stored values are held like frozen
ones, so restoring one brings back its old value.
"""

from __future__ import annotations

import numpy as np


def _blocks(flat: np.ndarray, sizes: list[int]) -> list[np.ndarray]:
    """Views of a vector laid out like ``ParameterVector.params`` as one [W | b]
    block per layer, (n[l], n[l-1] + 1), column by column."""
    out, at = [], 0
    for r, c in zip(sizes[1:], sizes[:-1]):
        out.append(flat[at : at + r * (c + 1)].reshape(r, c + 1, order="F"))
        at += r * (c + 1)
    return out


class ParameterMasks:
    """The frozen and pruned entries of one network (see the module's notes).

    ``frozen`` and ``pruned`` are boolean vectors laid out like ``params``
    (``frozen_blocks[l]`` / ``pruned_blocks[l]``: their [W | b] views per layer);
    ``neurons[l]`` (n[l],) marks the pruned neurons of hidden layer l.
    ``version`` changes with every change (the network rebuilds its tapes)."""

    def __init__(self, sizes: list[int], weight_mask: np.ndarray, on_change=None):
        self.sizes = list(sizes)
        n = weight_mask.size
        self._weight_mask = weight_mask  # 1 on weights, 0 on biases
        self.frozen = np.zeros(n, bool)
        self.pruned = np.zeros(n, bool)
        self.frozen_blocks, self.pruned_blocks = _blocks(self.frozen, sizes), _blocks(self.pruned, sizes)
        self.neurons = [np.zeros(s, bool) for s in sizes[1:-1]]
        self.version = 0
        self._on_change = None
        self._derive()
        self._on_change = on_change

    # ----------------------------------------------------------------- checks
    def _check(self, what: str, layer, row, col, hidden_only: bool = False) -> None:
        L = len(self.sizes) - 1
        last = L - 2 if hidden_only else L - 1
        if not isinstance(layer, (int, np.integer)) or not 0 <= layer <= last:
            where = f"hidden layers 0..{last}" if hidden_only else f"layers 0..{last}"
            raise ValueError(f"{what}: layer {layer!r} does not exist (the network has {where})"
                             if last >= 0 else f"{what}: the network has no hidden layer")
        if row is not None and (not isinstance(row, (int, np.integer)) or not 0 <= row < self.sizes[layer + 1]):
            raise ValueError(f"{what}: neuron {row!r} does not exist in layer {layer} "
                             f"(it has neurons 0..{self.sizes[layer + 1] - 1})")
        if col is not None and (not isinstance(col, (int, np.integer)) or not 0 <= col < self.sizes[layer]):
            raise ValueError(f"{what}: input {col!r} does not exist for layer {layer} "
                             f"(it has inputs 0..{self.sizes[layer] - 1})")

    # ---------------------------------------------------------------- changes
    def set_frozen(self, layer: int, row: int | None = None, col: int | None = None, frozen: bool = True) -> None:
        """Freeze (or unfreeze) the whole layer (W and b, ``row`` None), neuron
        ``row``'s incoming weights and bias (``col`` None) or one weight W[row, col].
        ValueError naming an index out of range; nothing changes then."""
        if row is None and col is not None:
            raise ValueError("freeze: a weight needs its neuron (row) as well as its input (col)")
        self._check("freeze", layer, row, col)
        block = self.frozen_blocks[layer]
        if row is None:
            block[...] = frozen
        elif col is None:
            block[row, :] = frozen
        else:
            block[row, col] = frozen
        self._derive()

    def set_pruned(self, layer: int, row: int, col: int | None = None, pruned: bool = True) -> None:
        """Prune (or restore) hidden neuron ``row`` of layer ``layer`` (``col``
        None; the output layer's neurons cannot be pruned) or the one weight
        W[layer][row, col]. ValueError naming an index out of range."""
        if col is None:
            self._check("prune", layer, row, None, hidden_only=True)
            self.neurons[layer][row] = pruned
        else:
            self._check("prune", layer, row, col)
            self.pruned_blocks[layer][row, col] = pruned
        self._derive()

    def clear(self) -> None:
        self.frozen[...] = False
        self.pruned[...] = False
        for n in self.neurons:
            n[...] = False
        self._derive()

    # ------------------------------------------------------------- derived
    def _derive(self) -> None:
        """Recompute what the passes use: the held entries, the per-layer keep
        masks of pruned weights and neurons, the regularised weights."""
        dead = self.pruned.copy()  # every parameter a pruned neuron or weight makes irrelevant
        dead_blocks = _blocks(dead, self.sizes)
        for l, gone in enumerate(self.neurons):
            if gone.any():
                dead_blocks[l][gone, :] = True  # incoming weights and bias
                dead_blocks[l + 1][:, : self.sizes[l + 1]][:, gone] = True  # outgoing weights
        self.dead = dead
        self.hold_index = np.flatnonzero(self.frozen | dead)
        self.weight_keep = [None if not p.any() else (~p).astype(float) for p in self.pruned_blocks]
        self.neuron_keep = [None if not n.any() else (~n).astype(float) for n in self.neurons]
        self.regularized = (self._weight_mask * ~dead).astype(self._weight_mask.dtype)
        self.any = bool(self.hold_index.size)
        self.version += 1
        if self._on_change is not None:
            self._on_change()

    def training_weights(self, l: int) -> np.ndarray:
        """(n[l+1], n[l]) bool: True where weight W[l+1] trains (neither frozen nor held by pruning)."""
        return ~_blocks(self.frozen | self.dead, self.sizes)[l][:, :-1]

    def block_keep(self, l: int, dtype) -> np.ndarray | None:
        """1 - (pruned weights) of layer l's [W | b] block in ``dtype``, or None."""
        k = self.weight_keep[l]
        return None if k is None else k.astype(dtype)

    # -------------------------------------------------------------- holding
    def hold_ops(self, params: np.ndarray, optimizer) -> tuple[list, list]:
        """(ops before, ops after) an update of ``params`` by ``optimizer``:
        the held entries of the parameters and of the optimizer's state are
        saved before and written back after, so the update leaves them as they were."""
        if not self.any:
            return [], []
        saved: dict = {}

        def save():
            saved["params"] = params[self.hold_index]
            saved["state"] = {k: v[self.hold_index] for k, v in optimizer.state().items()}

        def restore():
            idx = self.hold_index
            params[idx] = saved["params"]
            for name, arr in optimizer.state().items():
                arr[idx] = saved["state"].get(name, 0.0)  # 0: state created by this step
        return [(save, ())], [(restore, ())]

    # ---------------------------------------------------------- save / load
    def state(self) -> dict:
        """{"frozen", "pruned": bool vectors laid out like params; "neurons": list of bool arrays}."""
        return {"frozen": self.frozen.copy(), "pruned": self.pruned.copy(), "neurons": [n.copy() for n in self.neurons]}

    def copy(self) -> "ParameterMasks":
        """An independent twin of these masks (nothing told of its changes)."""
        twin = ParameterMasks(self.sizes, self._weight_mask)
        twin.load_state(self.state())
        return twin

    def load_state(self, state: dict) -> None:
        """Put back a ``state()``; ValueError (nothing changed) if its shapes do not fit."""
        frozen, pruned = (np.asarray(state[k]) for k in ("frozen", "pruned"))
        neurons = [np.asarray(n) for n in state["neurons"]]
        if frozen.shape != self.frozen.shape or pruned.shape != self.pruned.shape or \
                [n.shape for n in neurons] != [n.shape for n in self.neurons] or \
                any(a.dtype != bool for a in (frozen, pruned, *neurons)):
            raise ValueError("the saved frozen/pruned masks do not fit this network")
        self.frozen[...], self.pruned[...] = frozen, pruned
        for mine, saved in zip(self.neurons, neurons):
            mine[...] = saved
        self._derive()
