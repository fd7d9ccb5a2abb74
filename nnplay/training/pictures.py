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


def unit_scale(a: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """``a`` placed on a colour scale: (a - lo) / (hi - lo) clipped to [0, 1],
    computed in float64 and returned as float32 (which holds [0, 1] exactly
    enough for 256 colours, whatever the size of ``a``); NaN where ``a`` is not
    finite. Values beyond the scale take its end colour, as on any colour bar."""
    lo, hi = float(levels[0]), float(levels[1])
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(all="ignore"):
        t = np.clip((a - lo) / ((hi - lo) or 1.0), 0.0, 1.0)
    t[~np.isfinite(a)] = np.nan
    return np.ascontiguousarray(t, dtype=np.float32)


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


def upsample(a: np.ndarray, factor: int) -> np.ndarray:
    """A grid of samples (res, res, ...) at ``factor`` times the density by
    bilinear interpolation, corners kept: (f (res - 1) + 1) along each of the
    first two axes, the samples of ``a`` among them. A picture's colours are
    then drawn from the interpolated values, so a class border follows the
    interpolated level line instead of the coarse grid's cell edges (the
    usual way to draw a contour between samples: Lorensen & Cline's marching
    squares interpolate the same way). NaN spreads to the points between it
    and its neighbours, never to a sample."""
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
        lo, hi = a[:-1], a[1:]
        with np.errstate(all="ignore"):
            for k in range(1, factor):
                w = a.dtype.type(k / factor)
                out[k::factor] = lo * (1 - w) + hi * w
        a = np.moveaxis(out, 0, axis)
    return np.ascontiguousarray(a)


def unit_scale_each(a: np.ndarray, levels: tuple[float, float] | None = None) -> np.ndarray:
    """``unit_scale`` of every ``a[k]`` at once: on ``levels``, or (None) each on
    its own ``symmetric_levels(a[k])``. ``a`` is (n, ...); returns float32 of its
    shape, NaN where ``a`` is not finite (the same numbers as n calls of
    ``unit_scale``, in one pass: the network diagram's thumbnails, a frame's cost)."""
    a = np.asarray(a, dtype=np.float64)
    finite = np.isfinite(a)
    if levels is None:
        flat = np.where(finite, np.abs(a), 0.0).reshape(a.shape[0], -1)
        m = flat.max(axis=1) if flat.shape[1] else np.zeros(a.shape[0])
        m = np.where((m > 0.0) & (m < np.inf), m, 1.0).reshape((-1,) + (1,) * (a.ndim - 1))
        lo, span = -m, 2.0 * m
    else:
        lo, span = float(levels[0]), (float(levels[1]) - float(levels[0])) or 1.0
    with np.errstate(all="ignore"):
        t = np.clip((a - lo) / span, 0.0, 1.0)
    t[~finite] = np.nan
    return np.ascontiguousarray(t, dtype=np.float32)


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


CANDIDATES = 8  # classes weighed at each point of an upsampled many-class grid (upsampled_classes)


def upsampled_classes(A: np.ndarray, factor: int) -> tuple[np.ndarray, np.ndarray] | None:
    """``(predicted_classes, class_confidence)`` of ``upsample(A, factor)`` for a 'ce' grid ``A``
    (res, res, k) of more than CANDIDATES classes, without upsampling all k of them: each cell between
    four samples interpolates only the CANDIDATES classes likeliest at its corners (a class is at most
    its corners' largest inside the cell). The same classes wherever at most CANDIDATES could win a
    cell; elsewhere every class is near 1/k, a confidence near 0 (drawn grey). 50 classes at 4 times
    the density of the screen's 100 x 100: ~64 MB of float64 and seconds of the GUI thread before, a
    few MB now. Returns ((h, w) int64, (h, w) float32), or None where ``A`` is not such a grid (few
    classes, a grid too small, a non-finite output: ``upsample`` then)."""
    A = np.asarray(A)
    if A.ndim != 3 or A.shape[2] <= CANDIDATES or factor <= 1 or min(A.shape[:2]) < 2 or not np.isfinite(A).all():
        return None
    k, f = A.shape[2], factor
    A = A.astype(np.float32, copy=False)
    corners = (A[:-1, :-1], A[1:, :-1], A[:-1, 1:], A[1:, 1:])  # (r-1, c-1, k) each: a cell's four samples
    top = np.maximum(np.maximum(corners[0], corners[1]), np.maximum(corners[2], corners[3]))
    cand = np.argpartition(top, k - CANDIDATES, axis=2)[..., k - CANDIDATES:]  # (r-1, c-1, CANDIDATES)
    g = [np.take_along_axis(c, cand, axis=2)[:, None, :, None, :] for c in corners]
    t = np.arange(f + 1, dtype=np.float32) / np.float32(f)  # a cell's points, both edges included
    u, v = t[None, :, None, None, None], t[None, None, None, :, None]
    p = (g[0] * (1 - u) + g[1] * u) * (1 - v) + (g[2] * (1 - u) + g[3] * u) * v  # (r-1, f+1, c-1, f+1, CANDIDATES)
    best = p.argmax(axis=4)
    classes = np.take_along_axis(np.broadcast_to(cand[:, None, :, None, :], p.shape), best[..., None], axis=4)[..., 0]
    top_p = np.take_along_axis(p, best[..., None], axis=4)[..., 0]
    conf = np.clip((top_p - np.float32(1.0 / k)) / np.float32(1.0 - 1.0 / k), 0.0, 1.0).astype(np.float32)
    return _stitched(classes.astype(np.int64), f), _stitched(conf, f)


def _stitched(x: np.ndarray, f: int) -> np.ndarray:
    """(r-1, f+1, c-1, f+1) points of each cell (its edges shared with the next) -> the grid's
    ((r-1) f + 1, (c-1) f + 1) points, each edge point taken from the cell before it ends."""
    r, c = x.shape[0], x.shape[2]
    out = np.empty((r * f + 1, c * f + 1), x.dtype)
    out[:-1, :-1] = x[:, :f, :, :f].reshape(r * f, c * f)
    out[-1, :-1] = x[-1, f, :, :f].reshape(c * f)
    out[:-1, -1] = x[:, :f, -1, f].reshape(r * f)
    out[-1, -1] = x[-1, f, -1, f]
    return out
