"""An epoch stamp made its zoomed font and laid its text out again at every frame, even when neither its
wording, its view's width nor the window's font had changed (issue 20, round 18: three stamps a frame,
the output view's, the diagram's and the heatmaps'). Now the font is made once per zoom and the text laid
out once per new wording, width or font; each of those still changes what it shows."""

from types import SimpleNamespace

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QFont

from nnplay.ui.epoch_stamp import EpochStamp, stamp_above
from tests.settle import settle


def _snap(epoch, batch=0, batches=1):
    return SimpleNamespace(epoch=epoch, batch_position=(batch, batches))


def _plot(qtbot, width=600):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(width, 300)
    plot.show()
    settle(qtbot)
    return plot


def _work(stamp):
    return stamp.fonts_made, stamp.layouts_made


@pytest.mark.parametrize("above", [False, True])
def test_the_same_weights_shown_again_make_no_font_and_no_layout(qtbot, above):
    if above:  # (the diagram's and the heatmaps' stamp, in a strip of its own)
        widget = pg.GraphicsLayoutWidget()
        qtbot.addWidget(widget)
        widget.resize(600, 300)
        widget.show()
        settle(qtbot)
        stamp = stamp_above(widget.ci)
    else:
        widget = _plot(qtbot)  # (held: the stamp's view lives as long as its widget)
        stamp = EpochStamp(widget.getPlotItem().getViewBox())
    stamp.show(_snap(3, 1200, 5000))
    work = _work(stamp)
    for _ in range(5):  # frames of the same weights (a paused run's redraws), and refits of nothing new
        stamp.show(_snap(3, 1200, 5000))
        stamp.fit()
    assert _work(stamp) == work
    stamp.show(_snap(3, 1201, 5000))  # the next mini-batch: laid out again, no new font
    assert _work(stamp) == (work[0], work[1] + 1) and stamp.shown == "weights after epoch 3, mini-batch 1,201 of 5,000"
    stamp.show(_snap(3, 1201, 5000), "dW at the ")  # the same weights, another wording
    assert _work(stamp) == (work[0], work[1] + 2) and stamp.text.startswith("dW at the ")


def test_a_new_width_lays_the_text_out_again_and_a_zoom_makes_a_new_font(qtbot):
    plot = _plot(qtbot)
    stamp = EpochStamp(plot.getPlotItem().getViewBox())
    stamp.show(_snap(10_568, 4_000, 5_000))
    fonts, layouts = _work(stamp)
    whole = stamp.shown
    plot.resize(150, 300)  # narrower: the stamp is broken onto two lines or shortened, whole again when wide
    settle(qtbot)
    assert _work(stamp) == (fonts, layouts + 1) and stamp.shown != whole and "\n" in stamp.shown
    plot.resize(600, 300)
    settle(qtbot)
    assert stamp.shown == whole
    fonts, layouts = _work(stamp)
    before = stamp.item.font().pointSizeF()
    font = QFont(plot.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    plot.setFont(font)  # (View > Zoom; presentation.scale_view refits)
    stamp.fit()
    assert _work(stamp) == (fonts + 1, layouts + 1)
    assert stamp.item.font().pointSizeF() == pytest.approx(2 * before)
    stamp.fit()
    stamp.show(_snap(10_568, 4_000, 5_000))
    assert _work(stamp) == (fonts + 1, layouts + 1)  # the zoomed font kept, not made again
