"""What a picture of a run shows, decided from the run's own numbers.

Every picture over the input plane (the output view, the neuron thumbnails,
the hidden-space view) is computed by the run's network itself, in its own
dtype (float64 unless the run trains in float32), so a cell painted as class c
is a cell the network predicts as c: the same rule that counts its accuracy.
A number that is not finite (an overflow, inf - inf) has no place on a colour
scale and no class: it is kept as NaN here and drawn as "undefined", never
turned into 0 or into the largest float, which would paint a confident colour.
"""

from __future__ import annotations

import functools

import numpy as np

UNDEFINED = -1  # the class of an output that is not a finite number


def predicted_classes(A: np.ndarray, loss: str) -> np.ndarray:
    """The class the network predicts from its outputs A[L], (m, n[L]) -> (m,) int64.

    'ce': the argmax of the softmax probabilities; 'bce': 1 where P(class 1) >= 0.5;
    'tanh_mse': 1 where the output >= 0 (targets -1/+1). A row holding any
    non-finite number is UNDEFINED (-1): it matches no class, so it counts as
    wrong in the accuracy and is drawn as undefined.
    """
    A = np.asarray(A)
    with np.errstate(invalid="ignore"):
        if loss == "ce":
            classes = A.argmax(axis=1).astype(np.int64)
        else:
            threshold = 0.0 if loss == "tanh_mse" else 0.5
            classes = (A[:, 0] >= threshold).astype(np.int64)
    finite = np.isfinite(A)
    if not finite.all():  # (a frame's grid: nearly always all finite, and then this is all)
        classes[~finite.all(axis=1)] = UNDEFINED
    return classes


def class_confidence(A: np.ndarray, loss: str) -> np.ndarray:
    """How sure the prediction is, 0 (a tie) .. 1 (certain), float32, shaped
    like A without its last axis; 0 where the output is undefined.

    'ce': (max p - 1/k) / (1 - 1/k) over the last axis; 'bce': |2P - 1|;
    'tanh_mse': |A| capped at 1. A is (..., k) for 'ce'; for the single-output
    losses any shape, one output per cell. Computed in A's own float type
    (float32 for the pictures: a colour's confidence needs no more).
    """
    A = np.asarray(A)
    A = A.astype(np.result_type(A, np.float32), copy=False)
    with np.errstate(invalid="ignore"):
        if loss == "ce":
            k = A.shape[-1]
            conf = (A.max(axis=-1) - 1.0 / k) / (1.0 - 1.0 / k)
            finite = np.isfinite(A).all(axis=-1)
        else:
            conf = np.abs(2.0 * A - 1.0) if loss == "bce" else np.abs(A)
            finite = np.isfinite(A)
    return np.where(finite, np.clip(conf, 0.0, 1.0), 0.0).astype(np.float32)


def undefined_as_nan(a: np.ndarray) -> np.ndarray:
    """A read-only float copy of ``a`` in which every non-finite number is NaN:
    the one mark of "undefined" that views draw as such (never as a value)."""
    out = np.array(a, dtype=np.result_type(a, np.float32), copy=True)
    if not np.isfinite(out).all():  # (a frame's thumbnails: a dozen calls, nearly always all finite)
        out[~np.isfinite(out)] = np.nan
    out.flags.writeable = False
    return out


def scale_positions(a: np.ndarray, lo, hi) -> np.ndarray:
    """float64 of ``a``'s shape: each value's place (a - lo) / (hi - lo) on a colour scale
    from ``lo`` to ``hi`` (floats or arrays broadcast against ``a``: one scale per picture),
    clipped to [0, 1]; NaN where ``a`` is not finite. A scale of no width (hi == lo) has
    width 1. Computed on halves, (a/2 - lo/2) / (hi/2 - lo/2): the same numbers (a power of
    two scales exactly), but a scale as wide as the floats (-1.8e308, 1.8e308), a diverged
    run's, has a finite width, and its values their places (on hi - lo = inf every value
    was at 0, and a - lo = inf made a finite value undefined, inf / inf). Every picture's
    colours are placed here: the output view, the thumbnails, the heatmaps, the points."""
    a = np.array(a, dtype=np.float64)  # (a copy: worked in place below)
    finite = np.isfinite(a)
    lo = np.asarray(lo, dtype=np.float64) * 0.5
    half = np.asarray(hi, dtype=np.float64) * 0.5 - lo
    half = np.where(half != 0.0, half, 0.5)
    with np.errstate(all="ignore"):  # (in place: np.clip's checks cost more than these, a frame's thumbnails)
        np.multiply(a, 0.5, out=a)
        np.subtract(a, lo, out=a)
        np.divide(a, half, out=a)
        np.minimum(a, 1.0, out=a)
        np.maximum(a, 0.0, out=a)
    a[~finite] = np.nan
    return a


def unit_scale(a: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """``a`` placed on a colour scale: (a - lo) / (hi - lo) clipped to [0, 1]
    (``scale_positions``), computed in float64 and returned as float32 (which holds
    [0, 1] exactly enough for 256 colours, whatever the size of ``a``); NaN where ``a``
    is not finite. Values beyond the scale take its end colour, as on any colour bar."""
    return np.ascontiguousarray(scale_positions(a, float(levels[0]), float(levels[1])), dtype=np.float32)


def symmetric_levels(a: np.ndarray) -> tuple[float, float]:
    """(-m, m) with m the largest finite |a| (1 when there is none or it is 0)."""
    a = np.asarray(a, dtype=np.float64)
    finite = np.abs(a[np.isfinite(a)])
    m = float(finite.max()) if finite.size else 0.0
    m = m if 0.0 < m < np.inf else 1.0
    return (-m, m)


def undefined_fraction(a: np.ndarray) -> float:
    """The fraction of ``a``'s cells (the leading two axes) holding a non-finite number."""
    bad = ~np.isfinite(np.asarray(a, dtype=np.float64))
    if bad.ndim > 2:
        bad = bad.reshape(bad.shape[0], bad.shape[1], -1).any(axis=2)
    return float(bad.mean()) if bad.size else 0.0


def upsample(a: np.ndarray, factor: int, cubic: bool = False, bound: float | None = None) -> np.ndarray:
    """A grid of samples (res, res, ...) at ``factor`` times the density by
    bilinear interpolation (or, ``cubic``, bicubic), corners kept: (f (res - 1) + 1)
    along each of the first two axes, the samples of ``a`` among them. A picture's
    colours are then drawn from the interpolated values, so a class border follows
    the interpolated level line instead of the coarse grid's cell edges (the usual
    way to draw a contour between samples: Lorensen & Cline's marching squares
    interpolate the same way). NaN spreads to the points between it and its
    neighbours (``cubic``: within two samples), never to a sample.

    ``cubic``: the Catmull-Rom spline (Keys' cubic convolution, a = -1/2; R. Keys,
    "Cubic convolution interpolation for digital image processing", IEEE Trans.
    ASSP 29(6), 1981), the grid's ends extended linearly. Its slope is continuous
    across the samples, so a level line drawn from it has no corner at every cell
    edge, where bilinear interpolation bends it: a trained tanh network's class
    border from the live 47-point grid drew about half the wrong pixels (the
    picture for a border, ``output_logits``; values drawn as colours keep bilinear,
    which never leaves the samples' range). Each point is kept between the two samples
    it lies between (a clamp, as monotone interpolation does), so no class appears
    between two samples of one class: unclamped, the spline's overshoot drew dotted
    islands beside the flat logits of a network whose hidden units had saturated.
    ``bound``: a value as large (|v| >= bound) is a bound, not the value there (a
    saturated output's logit, ``logit_bound``): an outer sample that is one is extended
    linearly from the two inner ones instead, as at the grid's ends (the cubic then is
    the linear interpolation between them)."""
    a = np.asarray(a)
    if factor <= 1 or a.shape[0] < 2 or a.shape[1] < 2:
        return a
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    for axis in (0, 1):
        a = np.moveaxis(a, axis, 0)  # (a view) interpolate along the first axis, by slices
        n = a.shape[0]
        out = np.empty((factor * (n - 1) + 1, *a.shape[1:]), a.dtype)
        out[::factor] = a  # every sample is itself
        with np.errstate(all="ignore"):
            if cubic:
                _catmull_rom(a, out, factor, bound)
            else:
                lo, hi = a[:-1], a[1:]
                for k in range(1, factor):
                    w = a.dtype.type(k / factor)
                    out[k::factor] = lo * (1 - w) + hi * w
        a = np.moveaxis(out, 0, axis)
    return np.ascontiguousarray(a)


def _catmull_rom(a: np.ndarray, out: np.ndarray, factor: int, bound: float | None) -> None:
    """``out[k::factor]`` (0 < k < factor) from the samples ``a`` along the first axis: each point
    between samples 1 and 2 of four (0..3) weighted by Keys' cubic convolution kernel, a = -1/2, and
    kept between samples 1 and 2 (``upsample``'s ``bound``: an outer sample at it extended linearly)."""
    padded = np.concatenate([2 * a[:1] - a[1:2], a, 2 * a[-1:] - a[-2:-1]])  # (the ends extended linearly)
    p0, p1, p2, p3 = padded[:-3], padded[1:-2], padded[2:-1], padded[3:]
    if bound is not None:
        p0 = np.where(np.abs(p0) >= bound, 2 * p1 - p2, p0)
        p3 = np.where(np.abs(p3) >= bound, 2 * p2 - p1, p3)
    for k in range(1, factor):
        t = k / factor
        weights = ((-t ** 3 + 2 * t ** 2 - t) / 2, (3 * t ** 3 - 5 * t ** 2 + 2) / 2,
                   (-3 * t ** 3 + 4 * t ** 2 + t) / 2, (t ** 3 - t ** 2) / 2)
        at = out[k::factor]
        np.multiply(p0, a.dtype.type(weights[0]), out=at)
        for p, w in zip((p1, p2, p3), weights[1:]):
            at += p * a.dtype.type(w)
        np.clip(at, np.minimum(p1, p2), np.maximum(p1, p2), out=at)


CONSTANT = 1e-6  # a picture whose values differ by at most this share of its largest |value| is constant


def half_widths(a: np.ndarray, finite: np.ndarray) -> np.ndarray:
    """(n,) float64: the half-width m of the scale (-m, m) each picture ``a[k]`` of a layer
    is coloured on: its largest finite |value| (``symmetric_levels(a[k])``), or, for a picture
    constant over the plane (an input held at its training mean, a neuron dead at a constant
    output), the layer's largest finite |value|, the widest of the scales its other pictures
    use: its colour then says its value (an input held at -0.014 among inputs of +-4.7: near
    white), not stretched to the end colour (solid orange, read as strongly negative). 1 where
    that is 0 or there is none. ``finite``: ``np.isfinite(a)``."""
    n = a.shape[0]
    if a.size == 0:
        return np.ones(n)
    m = np.where(finite, np.abs(a), 0.0).reshape(n, -1).max(axis=1)
    m = np.where(constant_pictures(a, finite), m.max(), m)
    return np.where((m > 0.0) & (m < np.inf), m, 1.0)


def constant_pictures(a: np.ndarray, finite: np.ndarray) -> np.ndarray:
    """(n,) bool: whether each picture ``a[k]`` is constant over the plane, its finite values
    differing by at most ``CONSTANT`` of its largest finite |value| (False where it has none).
    A spread too wide for a float (1e308 - -1e308) is not constant, and warns of nothing.
    ``finite``: ``np.isfinite(a)``."""
    n = a.shape[0]
    flat, ok = a.reshape(n, -1), finite.reshape(n, -1)
    m = np.where(ok, np.abs(flat), 0.0).max(axis=1, initial=0.0)
    with np.errstate(all="ignore"):
        spread = np.where(ok, flat, -np.inf).max(axis=1, initial=-np.inf) - np.where(ok, flat, np.inf).min(axis=1, initial=np.inf)
        return ok.any(axis=1) & (spread <= CONSTANT * m)


def focus_levels(grid: np.ndarray, layer=None) -> tuple[float, float]:
    """The levels of one neuron's (or input's) picture ``grid`` in the big view: ``symmetric_levels(grid)``,
    or, for a picture constant over the plane, those of its layer's pictures ``layer`` (any shape: the
    diagram's thumbnails of that layer) with it, as ``half_widths`` puts a constant thumbnail: an input
    held at -0.014 among inputs of +-4.7 was a solid orange plane on a +-0.014 bar."""
    g = np.asarray(grid, dtype=np.float64)
    ok = np.isfinite(g)
    if layer is None or not constant_pictures(g[None], ok[None])[0]:
        return symmetric_levels(g)
    return symmetric_levels(np.concatenate([g[ok], np.ravel(np.asarray(layer, dtype=np.float64))]))


def unit_scale_each(a: np.ndarray, levels: tuple[float, float] | None = None) -> np.ndarray:
    """``unit_scale`` of every ``a[k]`` at once: on ``levels``, or (None) each on
    its own ``symmetric_levels(a[k])`` (a constant picture on its layer's: ``half_widths``).
    ``a`` is (n, ...); returns float32 of its shape, NaN where ``a`` is not finite (the
    same numbers as n calls of ``unit_scale``, in one pass: the network diagram's
    thumbnails, a frame's cost)."""
    a = np.asarray(a, dtype=np.float64)
    if levels is None:
        m = half_widths(a, np.isfinite(a)).reshape((-1,) + (1,) * (a.ndim - 1))
        return np.ascontiguousarray(scale_positions(a, -m, m), dtype=np.float32)
    return unit_scale(a, levels)


PICTURE_SIDE = 128  # a heatmap's picture has at most this many cells a side (a screen shows fewer pixels)


def picture_cells(m: np.ndarray, most: int = PICTURE_SIDE) -> np.ndarray:
    """``m`` (2-D) as a heatmap's picture: ``m`` itself when neither side exceeds ``most``, else
    one cell per block of about ``rows / most`` x ``cols / most`` cells, holding the block's value
    of largest magnitude with its sign (a lone large weight stays seen; the mean would hide it),
    NaN when the block holds a NaN (an infinite value is its block's largest; the heatmap draws
    both as undefined, never as some value).
    Drawing a 3,000-input layer's matrix cell by cell cost the window's thread a colour per cell a frame."""
    m = np.asarray(m)
    r, c = m.shape
    fy, fx = -(-r // most), -(-c // most)
    if fy == 1 and fx == 1:
        return m
    rows, cols = -(-r // fy), -(-c // fx)
    padded = m
    if (rows * fy, cols * fx) != (r, c):  # (a copy only when the blocks overhang the matrix)
        padded = np.zeros((rows * fy, cols * fx), dtype=np.float64)
        padded[:r, :c] = m
    parts = [padded[i::fy, j::fx] for i in range(fy) for j in range(fx)]  # (views: each block's k-th cell)
    with np.errstate(invalid="ignore"):  # (elementwise over the views: a 4-D reduction cost more than it saved)
        hi, lo = functools.reduce(np.maximum, parts), functools.reduce(np.minimum, parts)  # (NaN propagates)
        return np.where(hi >= -lo, hi, lo)


def output_logits(A: np.ndarray, loss: str) -> np.ndarray:
    """The network's logits Z[L] recovered from its one output A[L] (any shape, float): for 'bce'
    log(p) - log(1 - p) (the inverse of the sigmoid), for 'tanh_mse' artanh(a). A picture interpolates
    these between the grid's samples, not the outputs: a trained network's outputs are saturated
    (0 or 1 over most of the plane), so the 0.5 level of interpolated outputs falls midway between
    any two samples of different classes, a staircase along the grid's cells (tester, round 21:
    steps of about 6 pixels while playing, LIVE_GRID's cells), while the logits vary smoothly and
    their 0 falls where the network's own border does. A saturated output (p = 1 in A's float
    type) is given the logit of the largest value below 1, and its mirror for 0, so both sides
    saturate alike. The class rule is unchanged: p >= 0.5 exactly where the logit >= 0 (and a >= 0
    for 'tanh_mse'). NaN stays NaN."""
    A = np.asarray(A)
    A = A.astype(np.result_type(A, np.float32), copy=False)
    below_one = 1.0 - np.finfo(A.dtype).epsneg
    with np.errstate(all="ignore"):
        if loss == "tanh_mse":
            return np.arctanh(np.clip(A, -below_one, below_one))
        cap = logit_bound(A.dtype, loss)
        return np.clip(np.log(A) - np.log1p(-A), -cap, cap).astype(A.dtype, copy=False)


def logit_bound(dtype, loss: str) -> float:
    """The |logit| ``output_logits`` gives a saturated output of float type ``dtype``: the logit of the
    largest value below 1 (about 16.6 in float32, 36.7 in float64; artanh of it for 'tanh_mse')."""
    below_one = 1.0 - np.finfo(dtype).epsneg
    if loss == "tanh_mse":
        return float(np.arctanh(np.asarray(below_one, dtype)))
    return float(np.log(np.asarray(below_one, dtype)) - np.log1p(-np.asarray(below_one, dtype)))


def output_from_logits(Z: np.ndarray, loss: str) -> np.ndarray:
    """``output_logits``' inverse: the sigmoid of Z for 'bce' (as tanh(Z / 2) / 2 + 1/2, which does not
    overflow), tanh(Z) for 'tanh_mse'; in Z's float type."""
    with np.errstate(invalid="ignore"):
        if loss == "tanh_mse":
            return np.tanh(Z)
        half = np.tanh(np.multiply(Z, 0.5, dtype=Z.dtype))
        half *= Z.dtype.type(0.5)
        half += Z.dtype.type(0.5)
        return half


def upsampled_classes(P: np.ndarray, factor: int) -> tuple[np.ndarray, np.ndarray]:
    """The class and confidence of every point of ``upsample(P, factor)`` for a grid of class
    probabilities ``P`` (res, res, k), each point given one of the classes the network predicts
    at the four grid points around it: the one of them whose bilinearly interpolated log-probability
    is largest (the logits' argmax, interpolated: log P = Z - logsumexp(Z), whose second term is the
    same for every class at a sample; interpolated probabilities, saturated at 0 and 1 as a trained
    network's are, drew a border on the grid's cells, a staircase: ``output_logits``). (The argmax of all k interpolated probabilities gave single points of a third
    class on a border between two: halfway between a cell of class 3 and one of class 7 whose
    probabilities of class 12 were both just below their winners', class 12 won. A 50-class run
    showed 42 such points of 88,804.) Also cheaper: four classes a point are interpolated, not k.

    Returns (classes (n, n) int64, UNDEFINED where a non-finite output enters the interpolation;
    confidence (n, n) float32, ``class_confidence``'s of the chosen class's interpolated probability), n =
    factor (res - 1) + 1 (``upsample``'s points)."""
    P = np.asarray(P)
    k = P.shape[2]
    finite = np.isfinite(P).all(axis=2)
    corner = predicted_classes(P.reshape(-1, k), "ce").reshape(P.shape[:2])
    if factor <= 1 or P.shape[0] < 2 or P.shape[1] < 2:
        return corner, class_confidence(P, "ce")
    P0 = np.where(finite[..., None], P, 1).astype(np.result_type(P, np.float32), copy=False)
    P0 = np.log(np.maximum(P0, np.finfo(P0.dtype).tiny)).ravel()  # (an underflowed 0: the least log)
    (ri, wr), (cj, wc) = (_cells_of(n, factor, P0.dtype) for n in P.shape[:2])
    corners = [(ri[:, None] + a) * P.shape[1] + (cj[None, :] + b) for a in (0, 1) for b in (0, 1)]  # flat cells
    weights = [(wr if a else 1 - wr)[:, None] * (wc if b else 1 - wc)[None, :] for a in (0, 1) for b in (0, 1)]
    flat = corner.ravel()
    best = np.full(corners[0].shape, -np.inf, P0.dtype)
    classes = np.zeros(best.shape, np.int64)
    for at in corners:  # each corner's class a candidate: its interpolated probability
        cand = flat.take(at)
        safe = np.maximum(cand, 0)
        value = np.zeros(best.shape, P0.dtype)
        for cell, weight in zip(corners, weights):
            value += weight * P0.take(cell * k + safe)
        value[cand < 0] = -np.inf
        better = (value > best) | ((value == best) & (cand < classes))  # (a tie: the lower class, as argmax)
        best[better], classes[better] = value[better], cand[better]
    undefined = upsample((~finite).astype(np.float32), factor) > 0
    classes[undefined] = UNDEFINED
    with np.errstate(invalid="ignore"):
        conf = np.clip((np.exp(best) - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
    return classes, np.where(undefined, 0.0, conf).astype(np.float32)


def _cells_of(n: int, factor: int, dtype) -> tuple[np.ndarray, np.ndarray]:
    """For the factor (n - 1) + 1 points ``upsample`` makes along an axis of n samples: the sample
    before each (0 .. n - 2) and the point's weight towards the sample after it (0 .. 1)."""
    i = np.arange(factor * (n - 1) + 1)
    cell = np.minimum(i // factor, n - 2)
    return cell, ((i - cell * factor) / factor).astype(dtype)
