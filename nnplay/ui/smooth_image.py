"""An ImageItem drawn with bilinear filtering: a coarse grid of a smooth
function (the network's output over the plane) shows no blocks when it is
scaled up to the plot, at no cost to the grid (QPainter's
SmoothPixmapTransform: the raster engine interpolates while it scales).
``smooth = False`` draws each cell as a hard-edged block again (Discretize:
class regions have hard edges)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QPainter


class SmoothImageItem(pg.ImageItem):
    """A ``pg.ImageItem`` whose pixels are interpolated bilinearly on screen while ``smooth``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.smooth = True

    def set_smooth(self, on: bool) -> None:
        if on != self.smooth:
            self.smooth = on
            self.update()

    def paint(self, p: QPainter, *args) -> None:
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.smooth)
        super().paint(p, *args)
