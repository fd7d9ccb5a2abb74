"""Fault 3 of round 19: the Gradients panel says "white 0" (so do the README, the inspector's matrices and the
heatmaps' docs), but 0 was drawn rgb(231, 233, 236): TensorFlow Playground's grey centre, then a step of a
256-entry table off the middle; a vanished gradient showed as grey blocks. Every signed map's centre is white
now, in both palettes, on screen: the heatmaps (gradients, inspector), the diagram's neuron pictures, the
output's value maps, the hidden space's and the data thumbnails' colours."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from nnplay.ui import colors
from nnplay.ui.heatmap import HeatmapItem, unit_rgba

WHITE = (255, 255, 255)


@pytest.fixture(params=["default", "colorblind"])
def palette(request):
    colors.set_palette(request.param)
    yield request.param
    colors.set_palette("default")


def test_zero_is_white_in_every_signed_colour_table(palette):
    assert tuple(unit_rgba(np.array([0.5]))[0]) == (*WHITE, 255)  # heatmaps, neuron pictures
    lut = colors.diverging_lut()  # hidden space, data thumbnails: the nearest entry of the table
    assert tuple(lut[colors.lut_index(np.array([0.5]))[0]]) == WHITE
    assert tuple(lut[0]) == tuple(colors.negative()) and tuple(lut[-1]) == tuple(colors.positive())
    for cmap in colors.value_maps():  # the output's values: given to an ImageItem with levels (0, 1)
        table = colors.lookup_table(cmap)
        assert tuple(table[colors.lut_index(np.array([0.5]))[0]]) == WHITE


def test_a_zero_matrix_is_drawn_white_on_screen(qtbot, palette):
    """A heatmap of a vanished gradient, and the output's value picture at 0, grabbed as drawn."""
    from PySide6.QtCore import QPointF

    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    view = widget.addViewBox(lockAspect=True)
    heat = HeatmapItem()
    view.addItem(heat)
    heat.set_matrix(np.array([[0.0, 0.0, -1.0], [0.0, 0.0, 1.0]]), (-1.0, 1.0))
    value = pg.ImageItem()  # as decision_boundary draws a regression's values: levels (0, 1), the table
    value.setImage(np.full((4, 4), 0.5), autoLevels=False, levels=(0.0, 1.0),
                   lut=colors.lookup_table(colors.value_maps()[1]))
    value.setPos(0, 3)
    view.addItem(value)
    view.setRange(xRange=(0, 4), yRange=(0, 7), padding=0)
    widget.resize(200, 350)
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    for item, (x, y) in ((heat, (0.5, 0.5)), (heat, (0.5, 1.5)), (value, (2.0, 5.0))):
        p = widget.mapFromScene(view.mapViewToScene(QPointF(x, y)))
        c = image.pixelColor(p)
        assert (c.red(), c.green(), c.blue()) == WHITE, (palette, type(item).__name__, x, y, c.getRgb())
    assert tuple(heat.colours()[0, 0]) == WHITE
