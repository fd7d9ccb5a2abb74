"""A selected state one can see on a dark palette.

Fusion draws a checked tool button (a data-set button, Max on the toolbar) a
shade darker than the others, and a selected tab a shade lighter: on a light
palette that reads, on the dark one (``app.dark_palette``) the chosen data set
looked like the others. ``SelectedLook`` is Fusion with, on top of that, the
palette's highlight: a checked button's panel tinted with it, a selected tab
underlined by it (as most dark themes mark them). Menus' check marks and check
boxes are drawn in the palette's text colour and read on either palette.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QTabBar

TINT_ALPHA = 140  # of 255: how strongly a checked button's panel takes the highlight colour
TAB_MARK_PX = 3  # the height of a selected tab's underline


class SelectedLook(QProxyStyle):
    """Fusion, with checked buttons and selected tabs in the palette's highlight (see the module); its
    check boxes get their zoomed indicators from ``zoom_style``."""

    def __init__(self):
        super().__init__("Fusion")

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in (QStyle.PrimitiveElement.PE_PanelButtonTool, QStyle.PrimitiveElement.PE_PanelButtonCommand) \
                and option.state & QStyle.StateFlag.State_On:
            tint = QColor(option.palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(TINT_ALPHA)
            painter.fillRect(option.rect.adjusted(1, 1, -1, -1), tint)

    def drawControl(self, element, option, painter, widget=None) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_TabBarTabShape and option.state & QStyle.StateFlag.State_Selected:
            r = option.rect
            south = option.shape in (QTabBar.Shape.RoundedSouth, QTabBar.Shape.TriangularSouth)
            mark = QRect(r.left() + 1, r.top() if south else r.bottom() - TAB_MARK_PX + 1, r.width() - 2, TAB_MARK_PX)
            painter.fillRect(mark, option.palette.color(QPalette.ColorRole.Highlight))
