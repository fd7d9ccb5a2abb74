"""Setting one weight or bias of a run by hand (issue 17: "edit any parameter").

Addressing follows ``MLP.weights`` / ``MLP.biases``: ``layer`` is the 0-based
index of W[layer + 1], b[layer + 1] of docs/equations.md. W[l] has shape
(n_l, n_{l-1}), so ``row`` is the receiving neuron j and ``col`` the sending
neuron k; a bias b[l] has shape (n_l, 1) and its ``col`` is ignored."""

from __future__ import annotations

import math
import operator

from ..numbers import power_of_ten, read_number

KINDS = ("W", "b")


def parameter_index(sizes, layer: int, kind: str, row: int, col: int = 0) -> tuple[int, int, int]:
    """(layer, row, col) checked against a network of layer widths ``sizes``
    (inputs first); col is 0 for a bias. ValueError, one line naming the
    parameter, when the kind is not "W" or "b" or an index is out of range."""
    n_layers = len(sizes) - 1
    layer, row, col = (_index(x) for x in (layer, row, col))
    if kind not in KINDS:
        raise ValueError(f"parameter kind must be 'W' or 'b', got {kind!r}")
    if layer is None or not 0 <= layer < n_layers:
        raise ValueError(f"no layer {layer} to edit: this network has layers 0..{n_layers - 1} "
                         f"(W[1]..W[{n_layers}])")
    n_out, n_in = sizes[layer + 1], sizes[layer]
    if row is None or not 0 <= row < n_out:
        raise ValueError(f"{kind}[{layer + 1}] has rows 0..{n_out - 1}, got row {row}")
    if kind == "b":
        return layer, row, 0
    if col is None or not 0 <= col < n_in:
        raise ValueError(f"W[{layer + 1}] has columns 0..{n_in - 1}, got column {col}")
    return layer, row, col


LARGEST = 1e154  # a parameter's largest |value|: its square (norms, the L2 penalty) stays a float (< 1.8·10³⁰⁸)


def checked_value(value) -> float:
    """``value`` as a float; ValueError naming it unless it is a finite number within ±LARGEST."""
    try:
        v = read_number(value) if isinstance(value, str) else float(value)  # typed: 3e-3 or 3·10⁻³
    except (TypeError, ValueError):
        raise ValueError(f"a parameter must be a finite number, got {value!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"a parameter must be a finite number, got {value!r}")
    if abs(v) > LARGEST:
        raise ValueError(f"a parameter must lie within ±{power_of_ten(round(math.log10(LARGEST)))} (its square must fit in a float), "
                         f"got {value!r}")
    return v


def set_parameter(net, layer: int, kind: str, row: int, col: int = 0, value: float = 0.0) -> float:
    """Set W[layer+1][row, col] (kind "W") or b[layer+1][row] (kind "b") of
    MLP ``net`` to ``value`` in place and return the value stored (in the
    network's dtype). Checks everything before changing anything: ValueError
    (one line) for a non-finite value or an index out of range."""
    v = checked_value(value)
    layer, row, col = parameter_index(net.sizes, layer, kind, row, col)
    target = net.weights[layer] if kind == "W" else net.biases[layer]
    target[row, col] = v
    return float(target[row, col])


def _index(x) -> int | None:
    """An integer index (Python or NumPy), or None for anything else."""
    try:
        return operator.index(x)
    except TypeError:
        return None


class ParameterEdits:
    """Mixed into ``Trainer`` (needs ``net``, ``_last_good``, ``_full_batch_gradients``, ``_remeasure``)."""

    def set_parameter(self, layer: int, kind: str, row: int, col: int = 0, value: float = 0.0) -> None:
        """Set one weight (kind "W") or bias ("b") by hand; the next step uses it, the
        optimizer's state is left as it was. See ``set_parameter`` (ValueError, nothing
        changed, for a non-finite value or an index out of range)."""
        set_parameter(self.net, layer, kind, row, col, value)
        self._last_good[...] = self.net.params  # a divergence goes back to the edited weights
        self._full_batch_gradients()  # dW, db as the views show them: at the new weights
        self._remeasure()  # the losses and accuracies read out: of the new weights, not of the epoch recorded
        self._current = None  # nor a measurement of the weights before (current_weights)
