"""The least size ``nnplay render`` draws a panel of a run at, and the refusal of a ``--size`` under it.

``LEAST_SIZE`` holds each panel's least for a small run (found by trying, round 20, on runs of one or two
narrow hidden layers). A run's own least may be more (round 21): six hidden layers of 16, or a CSV of 12 to 50
classes, had the network drawn at 0.66, the distributions' plots 68 pixels high, the gradients, the metrics
and the inspector written larger than asked, the output's caption of twelve classes over a 17-pixel plot. So
the run's panel is laid out at that least and measured (``shortfall``: what render's layout reached, the
scale it draws at, its plots' and its wrapped texts' room), then at the size that measurement asks for,
until nothing is short: the least for that run (``run_least``).
"""

from __future__ import annotations

import math

from ..failures import naming_option
from ..user_text import shown

MIN_SCALE = 0.75  # the smallest a render draws a panel (output pixels per on-screen pixel): its text still reads
MIN_PLOT_PX = 80  # a plot (not a heatmap's cells nor a colour bar) under this many on-screen pixels is no picture
MEASURES = 8  # at most this many layouts measured to find a run's least size
# the least output size at which each panel draws with nothing cut or overlapping, its text at MIN_SCALE or more
# and its plots not squeezed (MIN_PLOT_PX or more), for a small run: found by trying (round 20, tests/layout_check.py's
# picture_problems) on runs of one or two hidden layers, at that size and twice as wide or as high. A regression's
# output and hidden space need more: a colour bar, a longer caption. A bigger run's is measured (run_least).
LEAST_SIZE = {"output": (400, 340), "network": (240, 150), "loss": (440, 330), "accuracy": (440, 330),
              "gradients": (240, 180), "norms": (280, 150), "hidden": (480, 360), "metrics": (440, 330),
              "inspector": (1480, 1110), "landscape": (800, 600), "distributions": (600, 450)}
LEAST_SIZE_REGRESSION = {"output": (480, 400), "hidden": (520, 390)}


def least_size(panel: str, task: str) -> tuple[int, int]:
    """The least output size (width, height) ``panel`` is drawn at for a small run of ``task``."""
    from ..data import CLASSIFICATION

    return LEAST_SIZE[panel] if task == CLASSIFICATION else LEAST_SIZE_REGRESSION.get(panel, LEAST_SIZE[panel])


def run_least(views, panel: str, task: str) -> tuple[int, int]:
    """The least output size of ``panel`` for the run ``views`` (a ``render.PanelViews``) shows: ``least_size``,
    or more where the panel laid out there is short of room (``shortfall``), measured again at the size the
    measurement asks for until it is not (or MEASURES times). The sizes it measures are those ``nnplay render``
    then lays the panel out at: it is measured on the views it renders."""
    size, before = least_size(panel, task), None
    for _ in range(MEASURES):
        parts, scale = views.lay_out(size)
        need = shortfall(parts, scale, size)
        if need == size and before in (None, size):  # (a size reached by growing: measured twice, as a layout
            break  # after a larger one may differ from the first at that size: 8 layers' diagram, 8 px)
        before, size = size, need
    return size


def shortfall(parts: list, scale: float, size: tuple[int, int]) -> tuple[int, int]:
    """The output size the panel of ``parts`` (laid out by ``render.PanelViews.lay_out`` for ``size``, drawn at
    ``scale``) asks for: ``size`` where nothing is short, else larger by what is: the size it was written at,
    where larger; the room to draw it at MIN_SCALE; the pixels its plots lack to MIN_PLOT_PX, its wrapped
    texts to their height (each at ``scale``)."""
    from .export import panel_size

    got = panel_size(parts)
    width, height = max(size[0], got.width() * scale), max(size[1], got.height() * scale)
    if scale < MIN_SCALE - 0.005:
        width, height = max(width, size[0] * MIN_SCALE / scale), max(height, size[1] * MIN_SCALE / scale)
    top = parts[0].window()
    (plot_w, plot_h), (text_w, text_h) = _plots_short(top), _texts_short(top)
    width = max(width, size[0] + (plot_w + text_w) * scale)
    height = max(height, size[1] + (plot_h + text_h) * scale)
    need = (math.ceil(width - 0.01), math.ceil(height - 0.01))
    return size if need[0] <= size[0] + 2 and need[1] <= size[1] + 2 else need


def plots(top) -> list:
    """The (view, view box) of every plot ``top`` shows: a plot's data area, not a heatmap's cells, a colour
    bar, nor a view made to its content's size (tests/layout_check.py checks the same)."""
    import pyqtgraph as pg

    found = []
    for view in top.findChildren(pg.GraphicsView):
        if not view.isVisible() or view.minimumHeight() == view.maximumHeight():
            continue
        found += [(view, box) for box in view.scene().items() if isinstance(box, pg.ViewBox) and box.isVisible()
                  and box.addedItems and not isinstance(box.parentItem(), pg.ColorBarItem)
                  and not all(isinstance(i, pg.ImageItem) for i in box.addedItems)]
    return found


def _plots_short(top) -> tuple[float, float]:
    """The on-screen pixels the plots of ``top`` lack to MIN_PLOT_PX across and up (0 where none does): the
    smallest's lack times the columns and the rows of plots that lack it (a stack of seven layers' bands shares
    out the room added)."""
    short_w = short_h = 0.0
    columns, rows = set(), set()
    for view, box in plots(top):
        r = box.sceneBoundingRect()
        at = view.mapTo(top, view.mapFromScene(r.topLeft()))
        if r.width() < MIN_PLOT_PX:
            short_w = max(short_w, MIN_PLOT_PX - r.width())
            columns.add(at.x())
        if r.height() < MIN_PLOT_PX:
            short_h = max(short_h, MIN_PLOT_PX - r.height())
            rows.add(at.y())
    return short_w * len(columns), short_h * len(rows)


def _texts_short(top) -> tuple[float, float]:
    """The on-screen pixels the texts of ``top`` lack to show whole: across, the most a label (as a share of the
    panel's width: a key beside another) or a scroll area (the metrics' table, but not the network diagram made
    to scroll sideways) lacks; up, what the labels lack, added (a label in a scroll area is as large as its text)."""
    from PySide6.QtWidgets import QLabel, QScrollArea

    lack_w = lack_h = 0.0
    for label in top.findChildren(QLabel):
        if not label.isVisible() or not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()) \
                or in_scroll_area(label, top):  # (as large as its text: its area's scrolling is measured below)
            continue
        hint = label.minimumSizeHint()
        if hint.width() > label.width():
            lack_w = max(lack_w, (hint.width() - label.width()) * top.width() / max(1, label.width()))
        lack_h += max(0, (label.heightForWidth(label.width()) if label.wordWrap() else hint.height()) - label.height())
    for area in top.findChildren(QScrollArea):
        if area.isVisible() and area.objectName() != "network_diagram_scroll":
            lack_w = max(lack_w, area.horizontalScrollBar().maximum())
    return lack_w, lack_h


def in_scroll_area(w, top) -> bool:
    """Whether ``w`` lies in a scroll area inside ``top`` (not a plot's view): as wide as its content."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = w.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, pg.GraphicsView):
            return True
        parent = parent.parentWidget()
    return False


def check_room(panel: str, task: str, size: tuple[int, int], typed: str | None, views=None) -> None:
    """Refuse a ``size`` too small for ``panel`` in one line naming --size, the panel and the least size (a
    ValueError marked as --size's fault); ``typed`` the text given, None for the default size. The least is
    ``least_size``; with ``views``, the run they show, laid out at ``size`` first: a size that fits (and is not
    under ``least_size``) is taken without more, else the run's least is measured (``run_least``)."""
    need = least_size(panel, task)
    if views is not None:
        if size[0] >= need[0] and size[1] >= need[1] and shortfall(*views.lay_out(size), size) == size:
            return
        need = run_least(views, panel, task)
    if size[0] >= need[0] and size[1] >= need[1]:
        return
    run = " of this run" if need != least_size(panel, task) else " of a regression run" \
        if need != LEAST_SIZE[panel] else ""
    wanted = f"{max(size[0], need[0])}x{max(size[1], need[1])}"  # (the default's room kept where it is enough)
    got = f"got {shown(typed)}" if typed is not None else \
        f"more than the default {size[0]}x{size[1]}: give --size {wanted} or larger"
    what = f"the {panel} panel{run} needs at least {need[0]}x{need[1]}, {got}"
    raise naming_option(ValueError(f"--size: {what}"), "--size", what)
