"""Every window and pop-up the playground opens follows View › Zoom, as its own widgets do.

The zoom sets the playground window's font (``Presentation.apply``), and Qt hands a font down to a
widget's children but not to a child that is a window of its own: a menu (the menu bar's, a context
menu, a tool button's), a dialog (Compare runs, the CSV import, About, a question), the Compare and
loss-landscape windows, the Lessons dock once floated, kept the application's font, small on a zoomed
projector. ``follow_parent`` gives such a window ``Qt.WA_WindowPropagation`` as it is given its parent
(its parent's ChildAdded, before its own constructor lays anything out in the font: a dialog's table
sized then kept the ×1 widths): from then on it takes its parent's font, zoomed, at every zoom after,
without being scaled itself (so never twice); once it is polished its own style sheets' pixel sizes
and plots are zoomed (``Presentation.restyle``) if it opened in a zoomed playground. A combo box's
list already follows its box (Qt sets its font).

A message with no window to own it (an unexpected error's) is given the playground the user is in
(``message_owner``). A tooltip has no parent: its font, the application's for tooltips, is set by
the zoom (``zoom_tips``). With several playground windows in one process (tests) the last zoom set is the tooltips'.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDockWidget, QToolTip, QWidget

_TIP_FONT: list[QFont] = []  # the tooltips' font as the application had it before any zoom


def follows(widget: QWidget) -> bool:
    """Whether ``widget`` (just polished) is one ``follow_parent`` is for: a window of its own, or a dock
    widget, one once floated (the Lessons dock floated kept ×1 at ×1.6)."""
    return widget.isWindow() or isinstance(widget, QDockWidget)


def follow_parent(window: QWidget, polished: bool) -> None:
    """``window`` (a window of its own with a parent, or a dock) takes its parent's font at every zoom from
    when it is given that parent (``polished`` False: before its own constructor lays anything out in the
    font); opened in a zoomed playground, its sheets and plots are zoomed once it is polished (``polished``
    True), and later zooms reach them."""
    if window.windowType() == Qt.WindowType.ToolTip:
        return
    if not window.testAttribute(Qt.WidgetAttribute.WA_WindowPropagation):
        window.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)  # (Qt resolves its font from its parent now)
    presentation = playground_presentation(window) if polished and window.isWindow() else None
    if presentation is not None and presentation.zoom != 1:
        presentation.restyle(window)


def playground_presentation(widget: QWidget):
    """The ``Presentation`` of the playground window ``widget`` belongs to (through the windows that
    own it: a question asked by the Compare window), or None (the launch window, a window of a test)."""
    w = widget.parentWidget()
    while w is not None:
        presentation = getattr(w.window(), "presentation", None)
        if presentation is not None:
            return presentation
        w = w.window().parentWidget()
    return None


def message_owner() -> QWidget | None:
    """The playground window the user is in (the active window's own, or else one shown), to own a
    message that would have none, which then follows its zoom; None when there is none."""
    active = QApplication.activeWindow()
    if active is not None:
        presentation = getattr(active, "presentation", None) or playground_presentation(active)
        if presentation is not None:
            return presentation.win
    return next((w for w in QApplication.topLevelWidgets()
                 if getattr(w, "presentation", None) is not None and w.isVisible()), None)


def zoom_tips(zoom: float) -> None:
    """The tooltips' font ``zoom`` times the one the application had (set only when it changes)."""
    if not _TIP_FONT:
        _TIP_FONT.append(QFont(QToolTip.font()))
    font = QFont(_TIP_FONT[0])
    font.setPointSizeF(_TIP_FONT[0].pointSizeF() * zoom)
    if QToolTip.font() != font:
        QToolTip.setFont(font)
