"""The network diagram's thumbnails as one item (issue 20, case B).

Every neuron's thumbnail lives in one RGBA array, (neurons, res, res, 4)
uint8, and the whole set is a single scene item that paints them all in one
``paint``: a frame writes each layer's colours into the array in place and
asks for one repaint, where 48 ``pg.ImageItem``s (plus 48 frame rectangles)
each had their own ``setImage``, render and paint. The look is the same: each
thumbnail is drawn into its rectangle (row 0 at the rectangle's top in view
units, as ``ImageItem`` with row-major order draws it; no smoothing, as the
view's render hints say) and framed by a 1-pixel grey line.

Each thumbnail is a ``QImage`` over its own block of the array (built once by
``pyqtgraph.functions.ndarray_to_qimage``, no copy), so writing the array is
all a frame's update does. ``AtlasThumbnail`` is one neuron's handle in
``NetworkDiagram.nodes``: its ``image`` (that block) and its opacity (a pruned
neuron is greyed).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

FRAME_PEN = (120, 120, 120)


class ThumbnailAtlas(QGraphicsItem):
    """All thumbnails of a diagram: ``rects`` (view units, one per neuron drawn,
    layer by layer) filled from one (len(rects), res, res, 4) uint8 array."""

    def __init__(self, rects: list[QRectF], parent=None):
        super().__init__(parent)
        self.rects = list(rects)
        self.opacities = np.ones(len(self.rects))
        self._frame_pen = pg.mkPen(*FRAME_PEN, width=1)
        self._bounds = QRectF()
        for r in self.rects:
            self._bounds = self._bounds.united(r)
        self._bounds.adjust(-0.05, -0.05, 0.05, 0.05)  # the frames' cosmetic pen lies on the edges
        self.rgba = np.zeros((len(self.rects), 2, 2, 4), np.uint8)
        self._images: list[QImage] = []
        self._allocate(2)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, False)

    def _allocate(self, res: int) -> None:
        self.rgba = np.zeros((len(self.rects), res, res, 4), np.uint8)
        self._images = [pg.functions.ndarray_to_qimage(block, QImage.Format.Format_RGBA8888) for block in self.rgba]

    @property
    def resolution(self) -> int:
        """The thumbnails' side in pixels."""
        return self.rgba.shape[1]

    def set_block(self, start: int, rgba: np.ndarray) -> None:
        """Thumbnails ``start`` .. ``start + len(rgba) - 1`` become ``rgba``,
        (n, res, res, 4) uint8 (a new ``res`` clears the others). Repainted at
        the next paint pass."""
        if rgba.shape[1:3] != self.rgba.shape[1:3]:
            self._allocate(rgba.shape[1])
        self.rgba[start:start + len(rgba)] = rgba
        self.update()

    def set_opacity_of(self, k: int, opacity: float) -> None:
        """Draw thumbnail ``k`` at ``opacity`` (0..1; its frame stays)."""
        if self.opacities[k] != opacity:
            self.opacities[k] = opacity
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, *_) -> None:
        base = painter.opacity()
        for rect, image, opacity in zip(self.rects, self._images, self.opacities):
            if opacity != 1.0:
                painter.setOpacity(base * opacity)
                painter.drawImage(rect, image)
                painter.setOpacity(base)
            else:
                painter.drawImage(rect, image)
        painter.setPen(self._frame_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRects(self.rects)


class AtlasThumbnail:
    """Neuron ``k``'s thumbnail in ``atlas``: what ``NetworkDiagram.nodes``
    holds beside its rectangle."""

    __slots__ = ("atlas", "k")

    def __init__(self, atlas: ThumbnailAtlas, k: int):
        self.atlas, self.k = atlas, k

    @property
    def image(self) -> np.ndarray:
        """(res, res, 4) uint8 RGBA: the thumbnail as drawn (a view into the atlas)."""
        return self.atlas.rgba[self.k]

    def opacity(self) -> float:
        return float(self.atlas.opacities[self.k])

    def setOpacity(self, opacity: float) -> None:  # (named as QGraphicsItem's)
        self.atlas.set_opacity_of(self.k, opacity)
