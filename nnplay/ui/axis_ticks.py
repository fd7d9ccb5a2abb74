"""Tick values that leave every axis at least two labels.

pyqtgraph chooses an axis's ticks by their spacing alone and then drops the labels
it cannot draw: one that would stick out of the axis's end (the "0" and "20" of an
epoch axis 0…20), a crowded level (every label of a log axis within one decade),
and TidyAxis drops those that would overlap. An axis could so be left one bare
tick, or none ("loss" between 0.3 and 0.9 on a log axis; a narrow accuracy plot's
epochs). ``inner_ticks`` gives the values to fall back on: the coarsest 1-2-5
step with at least two multiples far enough inside the axis for their labels to
be drawn whole (linear steps of the values themselves on a log axis: 0.4, 0.6,
0.8); on an axis of whole numbers (epochs) never a step under 1.
"""

from __future__ import annotations

import math

import numpy as np

STEPS = (1.0, 2.0, 5.0)  # the 1-2-5 series of steps, times a power of ten


def inner_ticks(lo: float, hi: float, size_px: float, label_px: float, log: bool = False,
                whole: bool = False) -> list[float]:
    """At least two tick values between ``lo`` and ``hi`` (the axis's range in view
    coordinates: log10 of the values on a log axis) whose labels, ``label_px`` pixels
    long along an axis ``size_px`` pixels long, are drawn whole and apart; one
    (``one_tick``) where two cannot be, ``[]`` where not even one can be (an axis
    shorter than a label, or of whole numbers shorter than one).

    The coarsest step of 1, 2, 5 × 10^k that puts two values at least half a label
    from each end and a label plus a gap apart; on a log axis the step is of the
    values (10**lo … 10**hi), and the ticks are returned as log10 of them."""
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo and size_px > 0):
        return []
    margin = (label_px / 2 + 2) / size_px * (hi - lo)  # half a label, in view units
    first, last = lo + margin, hi - margin
    if log:
        first, last = 10.0 ** first, 10.0 ** last
    if last <= first:
        return []
    decade = 10.0 ** math.floor(math.log10(last - first))
    for step in [m * decade / 10 ** k for k in range(4) for m in reversed(STEPS)]:
        if whole and step < 1:
            break
        values = np.arange(math.ceil(first / step), math.floor(last / step) + 1) * step
        values = values[(values >= first) & (values <= last)]
        if len(values) < 2:
            continue
        view = np.log10(values) if log else values
        if np.min(np.diff(view)) / (hi - lo) * size_px >= label_px + 4:
            return [float(v) for v in view]
        if (view[-1] - view[0]) / (hi - lo) * size_px >= label_px + 4:
            return [float(v) for v in view[[0, -1]]]  # the two ends' labels, when the middle ones crowd
    return one_tick(first, last, log, whole)


def one_tick(first: float, last: float, log: bool = False, whole: bool = False) -> list[float]:
    """The roundest value from ``first`` to ``last`` (the room a label has, in values, not
    log10), as a list of one tick (log10 of it on a log axis), or ``[]`` when even a whole
    number is too fine for ``whole``: an axis with room for one label keeps one (a log axis
    of 3…4 a hundred pixels wide was left without any: a reader could not read it)."""
    decade = 10.0 ** math.floor(math.log10(max(abs(first), abs(last))))
    for step in [m * decade / 10 ** k for k in range(7) for m in (10.0, 5.0, 2.0)]:
        if whole and step < 1:
            return []
        v = math.ceil(first / step) * step
        if v <= last:
            return [math.log10(v) if log else float(v)]
    return []
