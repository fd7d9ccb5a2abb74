"""The output view's grid covers every point shown: a point drawn beyond the
data set's domain (±6) had no colour under it."""

from __future__ import annotations

import numpy as np

from nnplay.data import generate
from nnplay.data.dataset import Dataset
from nnplay.training import TrainConfig, Trainer


def test_a_point_beyond_the_domain_is_inside_the_grid():
    base = generate("circle", 0.0, 0, 2)
    X = np.vstack([base.X, [[8.5, -7.25]]])
    y = np.append(base.y, 1)
    drawn = Dataset(X, y, name="circle", domain=base.domain, edited=True)
    t = Trainer(TrainConfig(), drawn)
    (x0, x1), (y0, y1) = t.probes.grid_extent()
    assert x0 <= -6 and x1 > 8.5 and y0 < -7.25 and y1 >= 6
    assert t.run_info().extent == ((x0, x1), (y0, y1))  # what the view shows the grid over
    inside = Trainer(TrainConfig(), base)
    assert inside.probes.grid_extent() == base.domain  # points inside: the domain as it was
