"""The output view's vertical axis for a regression on one input: the target, in its own units.

With one input the output view plots each example at (input, target) over the
colours of the predicted value. The network trains on a standardised target
(``Dataset.target_scale``), and the axis and the points were in those units (a
price of 500 ± 300 drawn from −1.7 to 1.7) while the colour key and RMSE were in
the target's units (``data/target_units.py``). These give the points' heights
and the view's extent in the target's own units; the training process keeps
its standardised extent (the picture does not depend on the vertical). The
Hidden space tab's caption names the targets' range in the same units.
"""

from __future__ import annotations

import numpy as np

from ..data.dataset import CLASSIFICATION
from ..data.target_units import in_target_units


def target_on_vertical(data) -> bool:
    """Whether the view's vertical axis is the target: a regression on one input."""
    return data.n_inputs == 1 and data.task != CLASSIFICATION


def shown_heights(data, y: np.ndarray) -> np.ndarray:
    """The vertical coordinates of examples whose targets are ``y`` (standardised as trained), (m,)."""
    return in_target_units(y, data.target_scale) if target_on_vertical(data) else np.asarray(y)


def shown_extent(info, extent):
    """``extent`` ((h0, h1), (v0, v1)) as drawn for the run ``info`` (a RunInfo, or None: no run yet):
    its vertical in the target's units (a 1-input regression)."""
    data = None if info is None else info.data
    if data is None or not target_on_vertical(data) or data.target_scale is None:
        return extent
    h, v = extent
    return h, tuple(float(e) for e in in_target_units(v, data.target_scale))


_RANGES: list = []  # (y, scale, range): the latest targets' ranges, newest first (target_range)
KEPT_RANGES = 4


def target_range(data, units: bool = True) -> tuple[float, float]:
    """The lowest and highest regression target: in the target's own units (a caption's words, the
    output view's key), or (``units`` False) as trained. Found once per target array and scale, not at
    every frame: a pass over every row (100,000 of a large CSV) twice a frame, for numbers that change
    only with the data (a new data set, an edit, a new CSV: a new ``data.y``). Raises ValueError on no rows."""
    scale = data.target_scale if units else None
    for y, s, found in _RANGES:
        if y is data.y and s == scale:
            return found
    y = in_target_units(data.y, scale) if scale is not None else data.y
    found = (float(y.min()), float(y.max()))
    _RANGES.insert(0, (data.y, scale, found))  # (the array kept with its range: the same object, never a reused id)
    del _RANGES[KEPT_RANGES:]
    return found


def target_levels(data, units: bool = True) -> tuple[float, float]:
    """The values the ends of the regression target's colour scale stand for (the output view's bar, its
    points, the hidden space's points): the targets' range (``target_range``), or about a constant target
    one either side of it, so that its one value is the scale's middle colour everywhere (the points were
    its low end, orange, on a bar whose 0.5 was white)."""
    lo, hi = target_range(data, units)
    return (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)
