"""The gradient-clipping marks sit in a strip above the gradient-norm curves
whatever the axis range and scale (the tester: at |dW| ≈ 3–4·10⁻² on a log
axis reaching 10⁰ they lay across layer 1's curve), at the epochs of the plot."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from nnplay.ui.clip_strip import ClipMarks
from nnplay.ui.plots import plot_widget


class _Snap:
    def __init__(self, clipped, norms, start=0):
        self.history = {"clipped": clipped}
        self.grad_norm_history = np.asarray(norms, dtype=float)
        self.history_start, self.history_base = start, None


@pytest.mark.parametrize("log, top", [(True, 1.0), (True, 1e-3), (False, 10.0), (False, 0.05)])
def test_the_marks_are_above_the_data_area_at_their_epochs_whatever_the_range(qtbot, log, top):
    plot = plot_widget()
    qtbot.addWidget(plot)
    plot.resize(300, 220)
    plot.setLogMode(y=log)
    epochs = np.arange(100)
    norms = np.column_stack([np.full(100, 0.035), np.full(100, 0.01)])  # layer 1's curve at 3.5·10⁻²
    plot.plot(epochs, norms[:, 0])
    marks = ClipMarks(plot)
    marks.add(_Snap(np.r_[np.zeros(30), np.ones(70)], norms))
    vb = plot.getPlotItem().getViewBox()
    vb.setYRange(*((np.log10(1e-5), np.log10(top)) if log else (0, top)), padding=0)
    vb.setXRange(0, 100, padding=0)
    plot.show()
    qtbot.waitExposed(plot)
    pg.QtWidgets.QApplication.processEvents()
    assert marks.strip.isVisible() and len(marks.x) == 70
    area = vb.sceneBoundingRect()
    x, y = marks.item.getData()
    for ex, ey in ((x[0], y[0]), (x[-1], y[-1])):
        at = marks.strip.mapViewToScene(pg.Point(ex, ey))
        assert at.y() < area.top()  # above every curve the data area can show
        assert at.x() == pytest.approx(vb.mapViewToScene(pg.Point(ex, 0)).x(), abs=0.5)  # at its epoch
        assert area.top() - at.y() < 12  # just above it, not far off
    marks.clear()
    assert not marks.strip.isVisible() and marks.x == []
