"""Drawing many points cheaply: a stated random subsample, and one brush or
pen per colour instead of one per point.

A scatter of 100,000 points with a QBrush each took pyqtgraph seconds per
redraw and hundreds of MB; past MAX_POINTS the output view draws a fixed
random sample (the same one at every redraw, so points do not jump) and says
so in its caption. Training and every figure still use all the points.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

MAX_POINTS = 5000  # per part (training, test) drawn in the output view


def sample(idx: np.ndarray, limit: int = MAX_POINTS, seed: int = 0) -> np.ndarray:
    """``idx`` itself when it has at most ``limit`` entries, else ``limit`` of
    them chosen at random (seeded: the same sample every time), in order."""
    idx = np.asarray(idx)
    if len(idx) <= limit:
        return idx
    keep = np.random.default_rng(seed).choice(len(idx), size=limit, replace=False)
    return idx[np.sort(keep)]


def per_colour(rgb: np.ndarray, make) -> np.ndarray:
    """``make(r, g, b)`` (a brush or pen) for each row of ``rgb`` (n, 3) uint8,
    made once per distinct colour; an object array of n references."""
    if len(rgb) == 0:
        return np.zeros(0, object)
    colours, which = np.unique(np.asarray(rgb, np.uint8), axis=0, return_inverse=True)
    table = np.empty(len(colours), object)
    table[:] = [make(*(int(v) for v in c)) for c in colours]
    return table[np.asarray(which).reshape(-1)]


def brushes(rgb: np.ndarray) -> np.ndarray:
    return per_colour(rgb, lambda r, g, b: pg.mkBrush(r, g, b))


def pens(rgb: np.ndarray, width: float = 2) -> np.ndarray:
    return per_colour(rgb, lambda r, g, b: pg.mkPen(r, g, b, width=width))


def sample_note(shown: int, total: int, what: str) -> str:
    """'' when every point is drawn, else a sentence saying how many are."""
    if shown >= total:
        return ""
    use = "train and count" if what == "training" else "count in the figures"  # test points never train
    return f" Showing a random {shown:,} of the {total:,} {what} points (all of them {use})."
