"""The output view's drawing paths (ui.boundary_items): a smooth image shows
no blocks when scaled up, a hard one (Discretize) keeps them; the points are
a pixmap on screen and vector symbols in an export."""

import numpy as np
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from nnplay.ui.boundary_items import CachedPoints, SmoothImageItem


def _render(item, size=64) -> np.ndarray:
    scene = QGraphicsScene()
    scene.addItem(item)
    img = QImage(size, size, QImage.Format.Format_RGB32)
    img.fill(0)
    painter = QPainter(img)
    scene.render(painter, source=item.boundingRect())
    painter.end()
    rgb = np.frombuffer(img.constBits(), np.uint8).reshape(size, size, 4)[..., :3].copy()
    scene.removeItem(item)
    return rgb


def test_a_smooth_image_has_no_blocks_and_a_hard_one_keeps_them(qapp):
    two = np.zeros((2, 2, 4), np.uint8)
    two[..., 3] = 255
    two[:, 1, 0] = 255  # left column black, right column red
    item = SmoothImageItem(two, axisOrder="row-major", levels=(0, 255))
    reds = np.unique(_render(item)[32, :, 2])  # (BGRA: red is the third byte)
    assert len(reds) > 10  # a ramp from black to red: no step
    item.set_smooth(False)
    assert set(np.unique(_render(item)[32, :, 2])) == {0, 255}  # two blocks, hard-edged


def test_points_are_cached_on_screen_and_vectors_in_an_export(qapp):
    points = CachedPoints(x=[0, 1], y=[0, 1], size=6)
    assert points.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    points.setExportMode(True, {})
    assert points.cacheMode() == QGraphicsItem.CacheMode.NoCache
    points.setExportMode(False)
    assert points.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
