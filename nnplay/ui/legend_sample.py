"""A legend's sample line that shows its curve's dashes.

pyqtgraph's ``ItemSample`` draws a 20-pixel line in the curve's pen. A dash
pattern is measured in pen widths (Qt's DashLine: 4 on, 2 off), so a 4-pixel
dashed pen has 16-pixel dashes: its 20-pixel sample showed one dash and looked
solid (Compare's "A test" beside "A train"). ``DashedSample`` draws the same
20-pixel line (a longer one widened every legend, and wrapped a zoomed one onto
two rows) and, for a dashed pen, a dash pattern in pixels short enough to
repeat in it (three dashes, two gaps); a solid pen is drawn as it is.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPen

SAMPLE_PX = 20  # the sample line's length (pyqtgraph's)
DASH_PX, GAP_PX = 5.0, 3.0  # a dashed sample's dashes and gaps, in pixels whatever the pen's width
DOT_PX = 2.0  # a dotted sample's dots


def sample_pen(pen) -> QPen:
    """``pen`` (any pg.mkPen argument) as a sample of SAMPLE_PX shows it: a
    dashed or dotted pen with a pattern in pixels (Qt's is in pen widths)."""
    p = QPen(pg.mkPen(pen))
    style = p.style()
    if style in (Qt.PenStyle.SolidLine, Qt.PenStyle.NoPen):
        return p
    width = max(1.0, p.widthF())
    on = DOT_PX if style == Qt.PenStyle.DotLine else DASH_PX
    p.setDashPattern([max(on / width, 0.5), max(GAP_PX / width, 0.5)])
    p.setCapStyle(Qt.PenCapStyle.FlatCap)  # (a square cap would close a narrow gap)
    return p


class DashedSample(pg.ItemSample):
    """A legend sample (``pg.LegendItem(sampleType=DashedSample)``) SAMPLE_PX
    long, in ``sample_pen`` of its curve's pen."""

    def __init__(self, item):
        super().__init__(item)
        self.setFixedWidth(SAMPLE_PX)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, SAMPLE_PX, 20)

    def paint(self, p, *args) -> None:
        opts = self.item.opts
        if not self.item.isVisible() or not isinstance(self.item, (pg.PlotDataItem, pg.PlotCurveItem)) \
                or opts.get("pen") is None:
            super().paint(p, *args)  # pyqtgraph's (a hidden curve's eye, a symbol)
            return
        p.setPen(sample_pen(opts["pen"]))
        p.drawLine(0, 11, SAMPLE_PX, 11)
