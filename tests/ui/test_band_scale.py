"""Tester's item 9: one early gradient spike no longer flattens every dW band
to a line (the scale holds most epochs and says what it cuts), every plot has
its epoch ticks, and a short tab shows a whole plot."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.band_scale import band_scale


def test_a_spike_is_cut_and_said_and_without_one_every_value_is_in_view():
    lows, highs = -np.full(60, 0.01), np.full(60, 0.012)
    lows[3], highs[3] = -5.0, 8.0  # one early spike
    lo, hi, cut = band_scale(lows, highs, marks=(0.0,))
    assert -0.02 < lo < -0.009 and 0.011 < hi < 0.02 and cut == 8.0
    assert band_scale([-1.0, -1.1], [1.0, 1.2]) == (-1.1, 1.2, None)  # no outlier: everything
    lo, hi, cut = band_scale(lows, highs, marks=(-1.0, 1.0))  # tanh's ends stay in view
    assert lo <= -1.0 and hi >= 1.0
    assert np.isnan(band_scale([np.nan], [np.nan])[0])


class _Spiked:
    """A run's records with one spike at epoch 3 in every layer's dW."""

    def __init__(self, records):
        self._r = records

    def __len__(self):
        return len(self._r)

    def epoch_range(self):
        return self._r.epoch_range()

    def bands(self, layer, quantity):
        x, p, sat = self._r.bands(layer, quantity)
        p = p.copy()
        if quantity == "dW" and len(p) > 3:
            p[3] *= 1000.0
        return x, p, sat


@pytest.fixture(scope="module")
def run():
    t = Trainer(TrainConfig(hidden=(4, 4), activation="tanh"))
    t.run(40)
    return t


def test_the_view_scales_past_a_spike_ticks_every_plot_and_says_so(qtbot, run):
    from nnplay.training.loop import Frame
    from nnplay.ui.distributions_view import DistributionsView

    view = DistributionsView()
    qtbot.addWidget(view)
    view.resize(500, 700)
    view.show()
    view.set_run(run.run_info())
    view.set_frame(Frame(run.run_id, run.snapshot(distributions=True), False, 0.0))
    view._draw()
    assert view.records is not None
    view._records = _Spiked(view._records)
    view._stale = True
    view._draw()
    _, p, _ = run.distributions.bands(1, "dW")
    _, hi = view._items[(1, "dW")][0].viewRange()[1]
    assert hi < 10 * np.nanmax(np.abs(p[:, -1]))  # not scaled to the spike (1000x)
    assert "dW: spikes of a few epochs" in view.caption.text()
    for plot, _, _ in view._items.values():
        assert plot.getAxis("bottom").style["showValues"]  # epochs on every plot (they scroll)
    view.resize(330, 200)  # a short tab (the Distributions tab at 1100x680)
    qtbot.wait(50)
    assert "dW spikes" in view.caption.text() and "hover for more" in view.caption.text()
