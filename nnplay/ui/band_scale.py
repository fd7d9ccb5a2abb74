"""One vertical scale for a quantity's percentile bands over the epochs that a
spike does not flatten.

A run's gradients can spike for an epoch or a few (Adam on the spiral, an early
large step): scaled to hold every value, the bands of every other epoch are a
flat line at 0. ``band_scale`` holds the values of most epochs instead — from
the 5th percentile of the epochs' lowest values to the 95th of their highest
(as a robust range is usually taken) — whenever all values would need more
than ``OUTLIER_FACTOR`` times that height; what lies beyond is cut at the
plot's edge, and the view says so."""

from __future__ import annotations

import numpy as np

OUTLIER_FACTOR = 3.0  # all values may take this many times the robust range before they are cut
TRIM = 5.0  # percent of the epochs at either end that may fall outside the scale
PAD = 0.1  # of the robust range, around it, when cutting


def band_scale(lows, highs, marks=()) -> tuple[float, float, float | None]:
    """(bottom, top, cut) of a vertical scale for bands whose per-epoch lowest
    and highest values are ``lows`` and ``highs`` (any lengths; NaN ignored),
    keeping the levels ``marks`` in view. ``cut`` is None when every value is in
    view, else the largest magnitude left beyond the scale. (nan, nan, None) when
    there is no finite value."""
    lows = np.asarray(lows, dtype=float)
    highs = np.asarray(highs, dtype=float)
    lows, highs = lows[np.isfinite(lows)], highs[np.isfinite(highs)]
    marks = [float(m) for m in marks]
    if not lows.size or not highs.size:
        return np.nan, np.nan, None
    full_lo, full_hi = min(float(lows.min()), *marks, np.inf), max(float(highs.max()), *marks, -np.inf)
    lo = min(float(np.percentile(lows, TRIM)), *marks, np.inf)
    hi = max(float(np.percentile(highs, 100 - TRIM)), *marks, -np.inf)
    if not hi > lo or full_hi - full_lo <= OUTLIER_FACTOR * (hi - lo):
        return full_lo, full_hi, None
    lo, hi = max(full_lo, lo - PAD * (hi - lo)), min(full_hi, hi + PAD * (hi - lo))
    beyond = np.concatenate([lows[lows < lo], highs[highs > hi]])
    return lo, hi, float(np.max(np.abs(beyond))) if beyond.size else None
