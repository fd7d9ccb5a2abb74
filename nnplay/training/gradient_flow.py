"""Why a layer's gradient is exactly zero, in words.

Backprop (dW[l] = (1/m) dZ[l] A[l-1]^T, dZ[l] = W[l+1]^T dZ[l+1] * g'(Z[l]))
gives an all-zero dW[l] for one of a few reasons, and each has a name:

- a hidden layer whose every unit has slope g'(Z) = 0 for every example is
  dead (ReLUs that output 0 everywhere, or saturated sigmoid/tanh units): no
  error passes back through it, so it and every layer before it get dW = 0;
- its input A[l-1] is 0 for every example (the layer before it is dead), so
  dW[l] is 0 even though an error reaches it;
- the output error dZ[L] = A[L] - Y is exactly 0 for every example (the loss
  is 0), so nothing flows at all;
- a weight matrix W[k] that is all 0 (L1 can do that) stops the error too.

The views show these sentences where a gradient curve or heatmap would
otherwise just stop or go blank.
"""

from __future__ import annotations

import numpy as np

UNIT_NAMES = {"relu": "ReLUs", "leaky_relu": "leaky ReLUs", "tanh": "tanh units", "sigmoid": "sigmoid units",
              "linear": "linear units"}


NO_DATA_NOTE = "no training points: every dW = 0 until points are drawn or data is loaded"


def zero_gradient_notes(net, X: np.ndarray, Y: np.ndarray, dW) -> tuple[str, ...]:
    """Sentences for the layers whose ``dW[l]`` (the full-batch gradient the
    run shows, list of (n[l], n[l-1])) is exactly 0, naming the cause found on
    the training data X (m, n[0]) with encoded targets Y (m, n[L]); () when no
    dW is all zero; one sentence saying so when there is no training data.
    ``net`` is an engine MLP."""
    zero = [not np.any(d) for d in dW]
    if not any(zero):
        return ()
    if X.shape[0] == 0:
        return (NO_DATA_NOTE,)
    L = net.n_layers
    with np.errstate(all="ignore"):
        A = [X, *net.hidden_outputs(X)]  # A[0] = X .. A[L]
        Z = [A[l] @ net.weights[l].T + net.biases[l].T for l in range(L)]  # Z[1] .. Z[L], 0-based here
        dead = []  # hidden layers (1-based) whose every unit has slope exactly 0 for every example
        notes = []
        for l in range(1, L):
            act = net.activations[l - 1]
            slope = np.ones_like(Z[l - 1])
            act.derivative_mul(Z[l - 1], A[l], slope, np.empty_like(slope))
            if not np.any(slope):
                dead.append(l)
                n = net.sizes[l]
                units = UNIT_NAMES.get(act.name, f"{act.name} units")
                what = "output 0" if act.name == "relu" and not np.any(A[l]) else "have slope g'(Z) = 0"
                notes.append(f"layer {l}: all {n} {units} {what} for every example — dead")
        error = net.loss_fn.delta(Z[L - 1], A[L], Y, np.empty_like(A[L]))
    if not np.any(error):
        notes.append("output: A[L] equals the targets exactly for every example (the loss is 0), so every "
                     "gradient is 0")
    causes: dict[str, list[int]] = {}  # layers sharing a cause get one sentence
    for l in range(1, L + 1):
        if zero[l - 1]:
            causes.setdefault(_cause(l, L, A, dead, net.weights, bool(np.any(error))), []).append(l)
    for cause, layers in causes.items():
        notes.append(f"{', '.join(f'dW[{l}]' for l in layers)} = 0: {cause}")
    return tuple(notes)


def _cause(l: int, L: int, A: list, dead: list, weights, error: bool) -> str:
    if not error:
        return "the output error is 0"
    blocking = [k for k in dead if k >= l]
    if blocking:
        return f"no error passes back through dead layer {blocking[-1]}"
    empty = [k for k in range(l + 1, L + 1) if not np.any(weights[k - 1])]
    if empty:
        return f"no error passes back through W[{empty[-1]}], which is all 0"
    if not np.any(A[l - 1]):
        return "its input is 0 for every example" if l == 1 else \
            f"its input, layer {l - 1}, is 0 for every example"
    return "the products cancel or underflow to exactly 0"
