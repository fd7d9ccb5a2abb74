"""How a picture shows "undefined": a grey hatch behind the image.

Pictures leave a cell transparent where the number it would show is not
finite (an overflow; see ``training.pictures``): pyqtgraph's ImageItem draws
NaN as transparent, and class images carry alpha 0 there. A hatched item
behind the image then shows through exactly at those cells, the way maps mark
"no data", so an undefined cell never looks like a value or a class.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

HATCH_COLOUR = (110, 110, 110)


def hatch_item(rect: QRectF, z: float) -> QGraphicsRectItem:
    """A borderless rectangle over ``rect`` filled with grey diagonal hatching,
    at depth ``z`` (put it just below the image it backs)."""
    item = QGraphicsRectItem(rect)
    item.setBrush(QBrush(QColor(*HATCH_COLOUR), Qt.BrushStyle.BDiagPattern))
    item.setPen(QPen(Qt.PenStyle.NoPen))
    item.setZValue(z)
    return item


def undefined_note(fraction: float, what: str = "the output") -> str:
    """One sentence for a caption, or "" when nothing is undefined."""
    if fraction <= 0.0:
        return ""
    share = "everywhere" if fraction >= 1.0 else f"on {max(fraction * 100, 0.1):.1f}% of the plane"
    return f" Hatched: {what} is undefined (its numbers overflowed) {share}."
