"""The Distributions tab's bands filled straight from the percentiles (issue 20: a
FillBetweenItem over two invisible curves rebuilt each band from their paths, 0.8 ms
a band at every drawing)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

from nnplay.ui.band_items import PercentileBands


def test_each_band_is_the_polygon_between_its_two_percentiles(qtbot):
    plot = pg.PlotItem()
    bands = PercentileBands(plot, (10, 20, 30), (45, 80, 130))
    x = np.arange(5.0)
    p = np.stack([np.linspace(-3, -1, 5) * k for k in (1.0, 0.8, 0.5, 0.0, -0.5, -0.8, -1.0)], axis=1)  # (5, 7)
    bands.set_data(x, p)
    for item, (lo, hi) in zip(bands.items, ((0, 6), (1, 5), (2, 4))):
        r = item.path().boundingRect()
        assert (r.left(), r.right()) == (0.0, 4.0)
        assert np.isclose(r.top(), p[:, lo].min()) and np.isclose(r.bottom(), p[:, hi].max())
        assert item.path().elementCount() >= 2 * len(x)
        inside = QPointF(2.0, float(p[2, 3]))  # the median lies in every band
        outside = QPointF(2.0, float(p[2, hi]) + 0.5)
        assert item.path().contains(inside) and not item.path().contains(outside)
    assert [i.brush().color().alpha() for i in bands.items] == [45, 80, 130]
    assert not any(isinstance(i, (pg.FillBetweenItem, pg.PlotCurveItem)) for i in plot.items)
    bands.set_data(x[:0], p[:0])  # no record: empty bands
    assert all(i.path().isEmpty() for i in bands.items)
