"""A zoom and back leaves the window as it was (tester 22: after Ctrl++ three times and Ctrl+0 the
toolbar's buttons stood 8 px further right, and the output view's and the accuracy plot's left axes
kept their zoomed width, the picture and the curves moved). A paused window is drawn again, after
the round trip, pixel for pixel as before it (the status bar's message aside: it says the zoom).

The data points are a pixmap on screen (Qt's device-coordinate cache, ``item_cache``), which Qt moves by
whole pixels when a layout moves the plot by a fraction of one: a new window's first layouts left 40 of
its points a pixel from where they are drawn anew (1,543 pixels at 1280×800), the zoom or not. They are
drawn anew before each picture is taken."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QToolButton

from tests.settle import settle


def _picture(window, qtbot) -> np.ndarray:
    """The window's pixels above its status bar, the data points drawn anew (see the module's docstring)."""
    for points in (window.boundary.train_points, window.boundary.test_points):
        mode = points.cacheMode()
        points.setCacheMode(points.CacheMode.NoCache)
        points.setCacheMode(mode)
    settle(qtbot)
    image = window.grab().toImage().convertToFormat(pg.QtGui.QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return pixels[:window.statusBar().y(), :4 * image.width()].copy()


def _axes(window) -> dict:
    """Every visible axis's width and height, by plot and side."""
    return {(view.objectName(), item.orientation): (round(item.width()), round(item.height()))
            for view in window.findChildren(pg.GraphicsView) if view.isVisible()
            for item in view.scene().items() if isinstance(item, pg.AxisItem) and item.isVisible()}


@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000)])
def test_a_zoom_in_and_back_draws_the_window_as_before(window, qtbot, size):
    c = window.controller
    qtbot.waitUntil(lambda: c.last_frame is not None, timeout=20000)
    window.resize(*size)
    settle(qtbot)
    play = window.findChild(QToolButton, "play")
    before = play.minimumWidth(), _axes(window), _picture(window, qtbot)
    for _ in range(3):
        window.presentation.step_zoom(1)
        settle(qtbot)
    assert window.presentation.zoom == 1.4 and play.minimumWidth() > before[0]
    window.presentation.step_zoom(0)
    settle(qtbot)
    assert play.minimumWidth() == before[0]  # measured in the font it has now, not the zoomed one it had
    assert _axes(window) == before[1]  # each axis's room for its labels as it was (axis_room)
    after = _picture(window, qtbot)
    assert after.shape == before[2].shape
    differ = np.any(after.reshape(after.shape[0], -1, 4) != before[2].reshape(after.shape[0], -1, 4), axis=2)
    assert int(differ.sum()) == 0, f"{int(differ.sum())} pixels differ, rows {np.nonzero(differ.any(1))[0][[0, -1]]}"
