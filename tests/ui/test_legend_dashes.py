"""A dashed curve's legend sample shows dashes (Compare's "A test", a 4-pixel
dashed pen, looked solid in pyqtgraph's 20-pixel sample), and the comparison's
epoch axis never shows negative epochs (after a Reset its auto-range of one
point at epoch 0 ran from -0.5)."""

from __future__ import annotations

import itertools

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from nnplay.ui.legend_sample import DashedSample


def gaps(sample_type, pen) -> int:
    """The gaps along the sample line of a curve drawn in ``pen`` (0: it looks solid)."""
    curve = pg.PlotDataItem([0, 1], [0, 1], pen=pen)
    sample = sample_type(curve)
    rect = sample.boundingRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    sample.paint(painter, None, None)
    painter.end()
    inked = [image.pixelColor(x, 11).alpha() > 0 for x in range(image.width())]
    first, last = inked.index(True), len(inked) - 1 - inked[::-1].index(True)
    line = inked[first:last + 1]
    return sum(1 for a, b in itertools.pairwise(line) if a and not b)


def test_a_dashed_sample_shows_its_dashes_whatever_the_pen_width(qapp):
    for width in (1, 1.5, 4, 6):
        pen = pg.mkPen((31, 119, 180, 150), width=width, style=Qt.PenStyle.DashLine)
        assert gaps(DashedSample, pen) >= 2, width
        assert gaps(DashedSample, pg.mkPen((31, 119, 180), width=width)) == 0  # solid stays solid
    wide = pg.mkPen((31, 119, 180, 150), width=4, style=Qt.PenStyle.DashLine)
    assert gaps(pg.ItemSample, wide) <= 1  # pyqtgraph's own: one dash, looks solid (the fault)


def test_the_comparisons_legend_uses_it_and_its_epoch_axis_starts_at_0(qtbot):
    from nnplay.ui.compare import CompareWindow

    cw = CompareWindow()
    qtbot.addWidget(cw)
    cw.begin("learning rate 0.01", "learning rate 0.03", None)
    cw.show()
    legend = cw.plot.getPlotItem().legend
    assert {type(s) for s, _ in legend.items} == {DashedSample}
    cw.curves["A"].train_curve.setData([0], [0.7])  # one point at epoch 0: right after a Reset
    cw.forget_fork()
    view = cw.plot.getPlotItem().getViewBox()
    view.updateAutoRange()
    qtbot.wait(20)
    assert view.viewRange()[0][0] >= 0
    cw.close_quietly()
