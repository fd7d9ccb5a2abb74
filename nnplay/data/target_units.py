"""A standardised regression target read back in the file's own units.

A CSV's regression target may be standardised for training (zero mean, unit
variance; ``Dataset.target_scale`` = (mean, standard deviation)). Every number
shown to the user for a regression (RMSE, the output view's key, predictions)
is in the target's own units: ``y_file = y * std + mean``.
"""

from __future__ import annotations

import numpy as np


def in_target_units(values, target_scale: tuple[float, float] | None) -> np.ndarray:
    """``values`` (any shape, in the standardised units the network trains on)
    in the target's units; returned as they are when ``target_scale`` is None
    (the target was not standardised)."""
    values = np.asarray(values, dtype=np.float64)
    if target_scale is None:
        return values
    mean, std = target_scale
    return values * std + mean
