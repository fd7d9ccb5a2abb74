"""The output plot's epoch stamp was cut at 1024x768 ("weights after epoch 0, mini-batch 2 of" with no
ellipsis; "..., mini-batch" beside the colour bar), wrote "epoch 1.057·10⁴" beside the read-out's
"Epoch 10,568", and kept its size when the window was zoomed. Every stamp is whole at every width and
zoom, its whole numbers written as the read-out writes them."""

from types import SimpleNamespace

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QFont

from nnplay.ui.epoch_stamp import EpochStamp, weights_text
from nnplay.ui.result_age import position_text
from tests.settle import settle


def _snap(epoch, batch=0, batches=1):
    return SimpleNamespace(epoch=epoch, batch_position=(batch, batches))


def test_whole_numbers_are_written_as_the_epoch_readout_writes_them():
    assert weights_text(_snap(10568)) == "weights after epoch 10,568"
    assert position_text(0, 5578, 50000) == "epoch 0, mini-batch 5,578 of 50,000"


def _fits(stamp) -> bool:
    """Every line the stamp shows lies inside its view's width."""
    right = stamp.item.mapRectToItem(stamp.view, stamp.item.boundingRect()).right()
    return right <= stamp.view.width() + 0.5


@pytest.mark.parametrize("width", [420, 260, 170, 90])
def test_the_stamp_is_whole_or_broken_or_elided_never_cut(qtbot, width):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(width, 200)
    plot.show()
    settle(qtbot)
    stamp = EpochStamp(plot.getPlotItem().getViewBox())
    stamp.show(_snap(0, 2, 2 + 1))
    assert stamp.text == "weights after epoch 0, mini-batch 2 of 3" and _fits(stamp)
    lines = stamp.shown.split("\n")
    if stamp.shown != stamp.text:  # broken after its comma, shortened, each line whole or marked cut
        assert len(lines) == 2 and stamp.item.toolTip() == stamp.text
        assert all(line in ("weights after epoch 0,", "epoch 0,", "mini-batch 2 of 3", "batch 2/3", "2/3")
                   or line.endswith("…") for line in lines)
    if width >= 170:
        assert "…" not in stamp.shown


def test_the_stamp_grows_with_the_window_font(qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(600, 300)
    plot.show()
    stamp = EpochStamp(plot.getPlotItem().getViewBox())
    stamp.show(_snap(12))
    before = stamp.item.font().pointSizeF()
    font = QFont(plot.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    plot.setFont(font)  # (what View > Zoom does to the window, then presentation.scale_view refits)
    stamp.fit()
    assert stamp.item.font().pointSizeF() == pytest.approx(2 * before)


def test_zooming_the_window_zooms_the_output_stamp(window, qtbot):
    from nnplay.ui.epoch_stamp import stamp_of

    c = window.controller
    c.step(1)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 1, timeout=10000)
    stamp = stamp_of(window.boundary.plot.getPlotItem().getViewBox())
    before = stamp.item.font().pointSizeF()
    window.presentation.set_zoom(1.5)
    settle(qtbot)
    assert stamp.item.font().pointSizeF() == pytest.approx(1.5 * before, rel=0.05) and _fits(stamp)
