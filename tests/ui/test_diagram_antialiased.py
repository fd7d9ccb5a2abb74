"""The network diagram's lines are drawn antialiased (tester 22: its thick weight lines were jagged at an
angle): the weights' links and a bounded layer's dashed summary links, whatever the painter they are drawn
with (the diagram's view, pyqtgraph's, has antialiasing off, as do an export's painters)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from nnplay.ui.diagram_links import DiagramLinks, SmoothLine

BLUE = QColor(0, 0, 255)


def _painted(item) -> np.ndarray:
    """``item`` painted by a painter without antialiasing onto white, as (h, w, 3) uint8."""
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    item.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    bits = np.frombuffer(image.constBits(), np.uint8).reshape(60, 120, 4)
    return bits[:, :, :3].copy()


def _blended(rgb: np.ndarray) -> int:
    """The pixels neither white nor the pen's blue: the edge's shades that antialiasing draws."""
    white = (rgb == 255).all(axis=2)
    blue = (rgb[:, :, 0] == 255) & (rgb[:, :, 1] == 0) & (rgb[:, :, 2] == 0)  # (BGRA in memory: blue first)
    return int((~white & ~blue).sum())


def test_the_weights_links_are_drawn_antialiased():
    grid = np.empty((1, 1), dtype=object)
    grid[0, 0] = QLineF(QPointF(5, 5), QPointF(115, 50))  # at an angle
    links = DiagramLinks([grid], lambda key, palette: QPen(BLUE, 3), margin=3)
    links.set_keys([np.array([[0]])], None)
    assert _blended(_painted(links)) > 50


def test_a_summary_link_is_drawn_antialiased():
    line = SmoothLine(QLineF(QPointF(5, 5), QPointF(115, 50)))
    line.setPen(QPen(BLUE, 3))
    assert line.boundingRect().intersects(QRectF(0, 0, 120, 60))
    assert _blended(_painted(line)) > 50
