"""An axis's room for its tick labels follows View › Zoom both ways.

pyqtgraph widens an axis at once for wider tick labels, but narrows it only when they
need 10 px less (``AxisItem._updateMaxTextSize``): zoomed ×1.4 and back to 100%, the output
view's and the accuracy plot's left axes kept their zoomed room (8 px wider, their data
areas 8 px narrower, the picture and the curves moved). ``follow_font`` keeps the room an
axis had at each font and gives it back when that font comes back (a zoom and back: the
axis as it was); at a font it has not had yet, the room is measured in that font at once,
for the labels it shows now, not kept from the font before."""

from __future__ import annotations

from PySide6.QtGui import QFont, QImage, QPainter

_ROOMS = "_nnplay_text_rooms"  # {font key: (textWidth, textHeight)} the axis had at that font


def follow_font(axis, before: QFont, after: QFont) -> None:
    """``axis`` (a pg.AxisItem) given the tick label room it had at ``after`` (its tick font now),
    or measured in it; ``before``: its tick font until now, whose room is kept."""
    rooms = getattr(axis, _ROOMS, None)
    if rooms is None:
        rooms = {}
        setattr(axis, _ROOMS, rooms)
    rooms[before.key()] = (axis.textWidth, axis.textHeight)
    if after.key() in rooms:
        axis.textWidth, axis.textHeight = rooms[after.key()]
    elif axis.isVisible() and axis.style["showValues"]:
        axis.textWidth = axis.textHeight = 0
        measure(axis)
    if axis.orientation in ("left", "right"):
        axis._updateWidth()
    else:
        axis._updateHeight()


def measure(axis) -> None:
    """Measure ``axis``'s tick labels as its paint does (``generateDrawSpecs``, which widens
    the axis for them), on a painter of its own."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        axis.generateDrawSpecs(painter)
    finally:
        painter.end()
