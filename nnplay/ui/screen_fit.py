"""Every top-level window opens within the screen it is on.

A window's default size (the playground's 1280x800, the inspector's 1100x820...)
is what it asks for on a large screen; on a smaller one (a 1024x768 laptop) it
gets the screen's available geometry (``QScreen.availableGeometry()``: the
screen less task bars and docks) instead, less room for the title bar. A
geometry restored from QSettings that was saved on a bigger screen, or on a
screen no longer attached, is brought onto the current one (``fit_onto_screen``).

Qt only: the launch window uses it before NumPy is loaded."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
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


def within_screen_height(widget: QWidget) -> None:
    """Make the top-level ``widget`` no taller than its screen's available height (less the frame),
    or as near as its least height lets it: a window opened at its least size while that was taller
    than the screen (``QT_SCALE_FACTOR=2`` on a 1024x768 screen: 384 px of device-independent height)
    is brought within it once columns are hidden and its least size is smaller."""
    area = available_geometry(widget)
    if area is None or widget.isMaximized() or widget.isFullScreen():
        return
    _, title, bottom = _frame(widget)
    room = area.height() - title - bottom
    if widget.height() > room:
        widget.resize(widget.width(), max(room, widget.minimumSizeHint().height()))


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


CASCADE = 40  # px: with no screen known, a side window opens over its main window this far in and down
TOOLBAR_BAND = 100  # px: the top of a main window (its menus, toolbars and read-outs), counted twice when covered


def least_covering(area: QRect, main: QRect, width: int, height: int) -> QPoint:
    """Where (its frame's top-left, px) a window ``width`` x ``height`` (frame included) covers least of
    the window ``main`` (its frame geometry) within the screen's available geometry ``area``: beside it
    (right, left, below, above) where there is room, else the place of those and the screen's corners,
    pulled within ``area``, that covers the least of it, its top band (menus, toolbars) counted twice.
    On a 1024x768 or 1280x800 screen the side windows had no room beside the playground and opened over
    it, 40 px in and down, covering its menus, toolbars and most of it."""
    def within(x: int, y: int) -> QPoint:
        return QPoint(max(area.left(), min(x, area.right() + 1 - width)),
                      max(area.top(), min(y, area.bottom() + 1 - height)))

    band = QRect(main.left(), main.top(), main.width(), min(TOOLBAR_BAND, main.height()))

    def covered(at: QPoint) -> int:
        mine = QRect(at.x(), at.y(), width, height)
        return sum(r.width() * r.height() for r in (mine.intersected(main), mine.intersected(band)) if r.isValid())

    places = [within(main.right() + 1, main.top()), within(main.left() - width, main.top()),
              within(main.left(), main.bottom() + 1), within(main.left(), main.top() - height)]
    places += [within(x, y) for y in (area.bottom(), area.top()) for x in (area.right(), area.left())]
    return min(places, key=covered)  # (the first of equals: right, left, below, above, then the corners)


def place_beside(widget: QWidget, anchor: QWidget) -> QPoint:
    """Move the top-level ``widget`` (not yet shown) beside the window ``anchor``, or where it covers
    least of it (``least_covering``); always within the screen's available geometry. Without a window
    manager (Xvfb, a kiosk) a window Qt is not told where to put opens at the screen's top-left corner
    (a dialog: centred over its parent), away from (or over) the window it belongs to. A window already
    shown is placed by its real frame (``PlacedBeside`` places it again so once the frame is known).
    Returns the position (``pos()``) it is moved to."""
    if widget.isVisible():  # shown: its frame is known (none without a window manager)
        width, height = widget.frameGeometry().width(), widget.frameGeometry().height()
    else:  # the style's title bar and border stand for the frame it will have
        side, title, bottom = _frame(widget)
        width, height = widget.width() + 2 * side, widget.height() + title + bottom  # (frame included, as move places)
    main = anchor.frameGeometry()
    area = available_geometry(anchor)
    at = main.topLeft() + QPoint(CASCADE, CASCADE) if area is None else least_covering(area, main, width, height)
    if widget.isVisible():  # moved by where its frame is (a window manager may put a frame elsewhere than asked)
        at = widget.pos() + at - widget.frameGeometry().topLeft()
    widget.move(at)
    return at
