"""Every top-level window opens within the screen it is on.

A window's default size (the playground's 1280x800, the inspector's 1100x820...)
is what it asks for on a large screen; on a smaller one (a 1024x768 laptop) it
gets the screen's available geometry (``QScreen.availableGeometry()``: the
screen less task bars and docks) instead, less room for the title bar. A
geometry restored from QSettings that was saved on a bigger screen, or on a
screen no longer attached, is brought onto the current one (``fit_onto_screen``).

Qt only: the launch window uses it before NumPy is loaded."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle, QWidget


def available_geometry(widget: QWidget) -> QRect | None:
    """The available geometry (px, screen coordinates) of the screen ``widget``
    is on, or of the primary screen; None when there is no screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return None if screen is None else screen.availableGeometry()


def _frame(widget: QWidget) -> tuple[int, int, int]:
    """The room (px) left for the window manager's frame: its side border, its
    title bar above and its border below (the frame is not known before the window
    is shown: the style's title bar height and window frame width stand for it)."""
    style = widget.style()
    border = style.pixelMetric(QStyle.PixelMetric.PM_MdiSubWindowFrameWidth, None, widget)
    return border, style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, widget), border


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize the top-level ``widget`` to ``width`` x ``height`` px, or to its
    screen's available geometry (less the frame) where that is smaller."""
    area = available_geometry(widget)
    if area is not None:
        side, title, bottom = _frame(widget)
        width = min(width, area.width() - 2 * side)
        height = min(height, area.height() - title - bottom)
    widget.resize(width, height)


def fit_onto_screen(widget: QWidget) -> None:
    """Shrink and move the top-level ``widget`` (after ``restoreGeometry``) so that
    all of it, frame included, is within its screen's available geometry."""
    area = available_geometry(widget)
    if area is None or widget.isMaximized() or widget.isFullScreen():
        return  # the window manager fits those to the screen
    side, title, bottom = _frame(widget)
    geometry = widget.geometry()
    width = min(geometry.width(), area.width() - 2 * side)
    height = min(geometry.height(), area.height() - title - bottom)
    left = min(max(geometry.left(), area.left() + side), area.right() + 1 - side - width)
    top = min(max(geometry.top(), area.top() + title), area.bottom() + 1 - bottom - height)
    if (left, top, width, height) != (geometry.left(), geometry.top(), geometry.width(), geometry.height()):
        widget.setGeometry(left, top, width, height)
