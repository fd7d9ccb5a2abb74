"""A panel exported from the window at more than twice its size on screen is laid out larger, not only drawn
enlarged.

Painted at a device pixel ratio alone (``export.panel_image``), a panel exported at the slide width was the
screen's layout magnified: a 230-pixel panel at ×7 had its tick labels, titles and lines seven times their
size and its plot a thumbnail blown up. Here its parts are resized, for the time of one export, to the
file's size divided by the scale its text is drawn at (``export.TEXT_SCALE``, twice the screen's), so that
Qt and pyqtgraph lay them out there as they would a larger window: the plots get the room, their axes more
ticks, a caption wraps at the new width; then the parts are put back. Like ``export.labels_fitted``, the
parts keep their place in the window; no event is processed meanwhile, so the screen never shows the
larger layout.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QApplication, QGraphicsView, QGraphicsWidget, QScrollArea, QWidget

SETTLE_ROUNDS = 3


def settle_layouts() -> None:
    """The layouts Qt has yet to do, done now (no painting): a caption just given a longer text (the loss
    landscape's, as its window opens) was measured, and exported, at its old height, and the parts resized
    for an export set that layout off once it was written, the window then unlike the file."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def settle_plots(parts: list) -> None:
    """The layouts inside the plots of ``parts`` (pyqtgraph's, in their graphics scenes) done now, no
    painting: what a plot does at its new size and asks of its layout is drawn in the file. The Output
    view's data area, made the domain's shape (``plane_aspect.fit_shape``, margins that
    wait for a layout event), kept the file's wider shape, its locked aspect filled it with range past the
    picture (X₁ -6.9..6.9, the picture +-6: blank bands either side, tester 21). Not the parts' own
    layouts in the window, which would size them back to the window's room."""
    views = [v for w in parts for v in ([w] if isinstance(w, QGraphicsView) else w.findChildren(QGraphicsView))]
    items = [i for v in views if v.scene() is not None for i in v.scene().items() if isinstance(i, QGraphicsWidget)]
    for _ in range(SETTLE_ROUNDS):  # (a layout's resize may ask for another: fit_shape's margins)
        for item in items:
            QApplication.sendPostedEvents(item, QEvent.Type.LayoutRequest)


def can_lay_out(parts: list, scale: float) -> bool:
    """Whether an export at ``scale`` of ``parts`` is laid out at its size (``laid_out_at``): larger than on
    screen, with a plot or picture to take the room (the metrics' table alone, laid out larger, was its text
    at the top of an empty image twice its size), and parts inside a window (a window of their own, the
    inspector, would move on the screen). Otherwise it is drawn enlarged, as before."""
    return scale > 1 and not any(w.isWindow() for w in parts) and any(grows(w) for w in parts)


def grows(widget: QWidget) -> bool:
    """Whether a part takes the room an export adds: a plot or a picture (a graphics view in it), not a line
    of text or a key, which keep the height their text needs."""
    return isinstance(widget, QGraphicsView) or bool(widget.findChildren(QGraphicsView))


def laid_out_sizes(parts: list, width: int, height: int) -> list[tuple[int, int]]:
    """The (width, height) of each of ``parts`` (stacked top to bottom) that fill ``width`` × ``height``:
    every part ``width`` wide; a text part (a caption, a key) as tall as its text is at that width (as it is
    when it has no height-for-width); the height left shared by the growing parts (``grows``: one at least)
    in the shares they have on screen."""
    growing = [w for w in parts if grows(w)]
    fixed = {w: (w.heightForWidth(width) if w.hasHeightForWidth() else -1) for w in parts if w not in growing}
    fixed = {w: h if h > 0 else w.height() for w, h in fixed.items()}
    room = max(0, height - sum(fixed.values()))
    shown = sum(w.height() for w in growing) or len(growing)
    sizes, given = {}, 0
    for i, w in enumerate(growing):
        share = room - given if i == len(growing) - 1 else round(room * (w.height() or 1) / shown)
        sizes[w], given = share, given + share
    return [(width, fixed.get(w, sizes.get(w, 0))) for w in parts]


@contextmanager
def laid_out_at(parts: list, width: int, height: int):
    """``parts`` laid out together at ``width`` × ``height`` (``laid_out_sizes``) for the time of the body,
    then put back at their sizes on screen."""
    with resized([(w, QSize(pw, ph)) for w, (pw, ph) in zip(parts, laid_out_sizes(parts, width, height))]):
        yield


@contextmanager
def resized(sizes: list):
    """Each widget of ``sizes`` ((widget, QSize) pairs) at its size for the time of the body, then put back; a
    widget that is a scroll area's (the network diagram's canvas, the output view's list of many classes) is not
    sized back to the area's meanwhile."""
    widgets = [w for w, _ in sizes]
    before = [(w, w.size()) for w in widgets]
    scrolls = [a for a in _scroll_areas(widgets) if a.widgetResizable()]
    try:
        for area in scrolls:
            area.setWidgetResizable(False)
        for w, size in sizes:
            w.resize(size)
        settle_plots(widgets)
        yield
    finally:
        for w, size in before:
            w.resize(size)
        for area in scrolls:
            area.setWidgetResizable(True)
        settle_plots(widgets)


def _scroll_areas(widgets: list) -> list:
    """The scroll areas whose widget is one of ``widgets``."""
    areas = [(w, w.parentWidget() and w.parentWidget().parentWidget()) for w in widgets]  # (the viewport's area)
    return [a for w, a in areas if isinstance(a, QScrollArea) and a.widget() is w]
