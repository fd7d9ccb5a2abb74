"""File › Export's question for a PNG's scale: output pixels per pixel of the
panel on screen, said in those words, with the image's size in pixels it gives
(a tester did not understand "Pixels per pixel on screen")."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDoubleSpinBox, QInputDialog

from ..numbers import format_number

LOWEST, HIGHEST = 0.5, 8.0  # the scales offered, where the panel's width allows (``scale_range``)
LEAST_WIDTH = 1000  # output pixels: no PNG narrower is offered (a 233-pixel panel at ×1 was a 233-pixel file)
TIP = ("How many pixels of the image each pixel of the panel on screen becomes: 2 gives an image twice as wide "
       "and twice as tall as the panel on screen, its text and lines drawn sharp at twice their size; above 2 "
       "the text stays at twice its size and the plots get the rest of the room.")


def scale_label(panel: QSize, scale: float) -> str:
    """'Scale (pixels per screen pixel); the image will be 1600 × 1150 pixels:' for a ``panel`` (on-screen px) at ``scale``."""
    w, h = round(panel.width() * scale), round(panel.height() * scale)
    return f"Scale (pixels per screen pixel); the image will be {format_number(w)} × {format_number(h)} pixels:"


def scale_range(panel: QSize, suggested: float) -> tuple[float, float]:
    """The (lowest, highest) scale offered for a ``panel`` of that on-screen size: from LOWEST,
    raised (to one decimal, up) until the image is LEAST_WIDTH pixels wide; to HIGHEST, or to
    ``suggested`` where that is more (a narrow panel at 1024x768 needs ×9.4 to fill a slide:
    clamped to ×8, the question gave a smaller image than it offered)."""
    lowest = max(LOWEST, math.ceil(LEAST_WIDTH / max(1, panel.width()) * 10) / 10)
    return min(lowest, suggested), max(HIGHEST, suggested)


def scale_dialog(parent, panel: QSize, suggested: float, title: str = "Export the panel") -> QInputDialog:
    """The question, not yet asked (``exec``; its ``doubleValue`` then): ``panel`` is the panel's
    on-screen size in pixels, ``suggested`` the scale offered first (one decimal); ``title`` names
    what is exported ("Export the output view")."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.DoubleInput)
    dialog.setDoubleRange(*scale_range(panel, suggested))
    dialog.setDoubleDecimals(1)
    dialog.setDoubleStep(0.1)
    dialog.setDoubleValue(suggested)
    dialog.setLabelText(scale_label(panel, suggested))
    dialog.doubleValueChanged.connect(lambda v: dialog.setLabelText(scale_label(panel, v)))
    dialog.setToolTip(TIP)
    for box in dialog.findChildren(QDoubleSpinBox):
        box.setToolTip(TIP)
        box.setSuffix(" ×")
    return dialog


def ask_scale(parent, panel: QSize, suggested: float, title: str = "Export the panel") -> float | None:
    """The scale the user chose, or None when cancelled (``title``: scale_dialog's)."""
    dialog = scale_dialog(parent, panel, suggested, title)
    try:
        return dialog.doubleValue() if dialog.exec() == QInputDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
