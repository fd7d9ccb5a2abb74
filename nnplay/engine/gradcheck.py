"""Finite-difference check of the analytic gradients, and the entries it cannot
check: those whose +/- eps step carries a ReLU or leaky-ReLU unit's Z, or an L1
weight, across its kink (CS231n's "kinks in the objective"), where central
differences average two slopes and disagree with a correct backprop."""

from __future__ import annotations

import numpy as np

from .mlp import MLP
from .norms import norm2


KINKED = ("relu", "leaky_relu")  # activations with a kink at Z = 0


def _kink_sides(net: MLP, m: int) -> np.ndarray:
    """The side of its kink each kinked quantity is on after the last forward pass
    of ``m`` rows (-1, 0 on it, +1): the Z of every ReLU and leaky-ReLU unit for
    every row, then, with L1, every regularised weight."""
    ws = net._workspace(m)
    parts = [np.sign(ws.Z[l]).ravel() for l, name in enumerate(net.activation_names) if name in KINKED]
    if net.l1 > 0:
        parts.append(np.sign(net.params[net._weight_mask > 0]))
    return np.concatenate(parts) if parts else np.zeros(0)


def numerical_grads(net: MLP, X, y, eps: float = 1e-6, entries=None, at_kink=None) -> np.ndarray:
    """Central differences of J for the entries ``entries`` of ``net.params``
    (all by default; the others are left NaN), in float64. ``at_kink``, a bool
    array like ``net.params``, is set True where the step crossed a kink (see the module)."""
    if net.dtype != np.float64:
        raise ValueError("gradient checking needs a float64 network")
    flat = net.params
    out = np.full_like(flat, np.nan)
    m = np.shape(X)[0]
    with np.errstate(all="ignore"):
        net.loss(X, y)
        sides = _kink_sides(net, m)
        for i in range(flat.size) if entries is None else entries:
            keep = flat[i]
            flat[i] = keep + eps
            up = net.loss(X, y)
            crossed = sides.size and not np.array_equal(_kink_sides(net, m), sides)
            flat[i] = keep - eps
            down = net.loss(X, y)
            crossed = crossed or (sides.size and not np.array_equal(_kink_sides(net, m), sides))
            flat[i] = keep
            out[i] = (up - down) / (2 * eps)
            if at_kink is not None:
                at_kink[i] = bool(crossed)
    return out


ZERO_SLOPE = 1e-12  # a central difference this close to 0 is 0 (the loss's rounding at a step of 1e-6)
# The loss J is computed to about its rounding, a few ulps of |J| (more over many examples), so a
# central difference is only good to about eps_machine * |J| / step: a gradient below that level (a
# saturated tanh's 1e-10) cannot be told from the rounding. Entries whose backprop and difference are
# both below NOISE_ULPS times that level are "too small to check" (the absolute floor of CS231n's
# relative error), neither an agreement nor a mismatch.
NOISE_ULPS = 100


def noise_level(loss: float, eps: float = 1e-6) -> float:
    """The smallest gradient central differences of step ``eps`` resolve at a loss of ``loss``:
    NOISE_ULPS * machine epsilon * |loss| / eps (float64; never below ZERO_SLOPE)."""
    return max(ZERO_SLOPE, NOISE_ULPS * float(np.finfo(np.float64).eps) * abs(float(loss)) / eps)


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """|a - b| / max(|a| + |b|, tiny): 0 for equal vectors, 1 for opposite ones."""
    denom = norm2(a) + norm2(b)
    return float(norm2(a - b) / denom) if denom > 1e-300 else 0.0


def gradient_check(net: MLP, X, y, eps: float = 1e-6, max_entries: int | None = None, seed: int = 0) -> list[dict]:
    """Compare backprop with central differences, layer by layer.

    Returns one dict per layer: ``layer`` (1-based), ``dW_error`` and
    ``db_error`` (relative errors, 0 when nothing was compared), ``checked``
    (entries compared), ``zero`` (of those, the entries whose backprop gradient is exactly 0
    and whose difference is within ZERO_SLOPE of 0: an agreement that says nothing), ``too_small``
    (of those, the other entries whose backprop gradient and difference are both below
    ``noise_level``: too small for differences to resolve) and ``at_kink`` (entries left out because their +/- eps
    step crossed a ReLU/leaky-ReLU or L1 kink: not checkable by differences,
    see the module); the relative errors are of the entries neither zero nor too small, and
    ``noise`` is that level. Around 1e-7 or below means agreement. ``max_entries`` caps the entries
    compared per layer (chosen at random with ``seed``) for large networks.
    Pruned weights and the parameters of pruned neurons (``engine.masks``) are
    left out: the mask makes both gradients exactly 0 there. The check uses the
    network without dropout (its evaluation pass): dropout's random masks are
    not a function of the weights that differences could check.
    """
    _, dW, db = net.loss_and_grads(X, y)
    noise = noise_level(net.loss(X, y), eps)  # (the loss the differences are taken of)
    twin = net.copy()
    index = np.arange(net.params.size)
    twin.params[...] = index  # which flat entries belong to which layer's W and b
    picks = []
    rng = np.random.default_rng(seed)
    for l in range(net.n_layers):
        for block in (twin.weights[l], twin.biases[l]):
            ids = block.ravel().astype(np.intp)
            ids = ids[~net.masks.dead[ids]]  # pruned: nothing to check
            if max_entries is not None and ids.size > max_entries:
                ids = rng.choice(ids, max_entries, replace=False)
            picks.append(ids)
    kinked = np.zeros(net.params.size, bool)
    num = numerical_grads(net, X, y, eps, np.concatenate(picks).astype(np.intp), kinked)
    twin.params[...] = net.params
    twin.grads[...] = kinked
    kinks = [(twin.dW[l] > 0, twin.db[l] > 0) for l in range(net.n_layers)]
    twin.grads[...] = num
    out = []
    for l in range(net.n_layers):
        row = {"layer": l + 1, "checked": 0, "at_kink": 0, "zero": 0, "too_small": 0, "noise": noise}
        for key, analytic, numeric, kink in (("dW_error", dW[l], twin.dW[l], kinks[l][0]),
                                             ("db_error", db[l], twin.db[l], kinks[l][1])):
            mask = ~np.isnan(numeric) & ~kink
            a, n = analytic[mask], numeric[mask]
            zero = (a == 0) & (np.abs(n) <= ZERO_SLOPE)
            small = ~zero & (np.abs(a) <= noise) & (np.abs(n) <= noise)
            resolved = ~zero & ~small
            row[key] = relative_error(a[resolved], n[resolved])
            row["checked"] += int(mask.sum())
            row["zero"] += int(zero.sum())
            row["too_small"] += int(small.sum())
            row["at_kink"] += int(kink.sum())
        out.append(row)
    return out
