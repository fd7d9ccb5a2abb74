"""Whether a picture over two inputs keeps one unit the same length on both axes.

A built-in data set's (or hand-drawn points') X₁ and X₂ are in the same units,
so the Output view locks the aspect ratio (a circle stays round). A CSV's
columns are not (temperature 0–40 against size 10–200): locked, one axis would
be squeezed into a strip and the other stretched far past the data, so each
axis is fitted to its own range instead. With one input the vertical axis is
the target, another quantity again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt

from .widgets import on_event


def same_units(data) -> bool:
    """True when the first two inputs of ``data`` (a ``data.Dataset``) share one
    unit: a generated or hand-drawn set of two or more inputs, not a CSV import."""
    return data.import_options is None and data.n_inputs > 1



def fit_shape(plot, rect, margins) -> None:
    """With the aspect locked, the data area of ``plot`` (a pyqtgraph PlotWidget showing the
    domain ``rect``, a QRectF) made the domain's shape: no wider than the domain needs at the
    height it has, nor taller than it needs at the width it has, the rest of the room left as
    equal margins either side, or above and below, inside the plot (its size, its layout and
    its exports unchanged). Locked, a wide plot filled its width with range past the data
    (X₁ from −10 to 10 for data within ±6, tester 17), and a tall one its height (X₂ −8.5..8.5
    at ×1.6 on 1280×800, where the folded curves left the output its column's whole height).
    ``margins``: the plot item's own (left, top, right, bottom) contents margins. Unlocked (a
    CSV), those margins alone. The room is reckoned from the plot's size (``data_room``), never from the
    data area's or the plot item's with the margins set before: those were stale as the window grew back
    from its least width, or held by the margins themselves (they are the item's least width), and a
    648-px output kept an 8-px data area, a 399-px one a plot item 749 px wide drawn off its right (round 22)."""
    item = plot.getPlotItem()
    view = item.getViewBox()
    left, top, right, bottom = margins
    now = item.getContentsMargins()
    side = end = 0.0
    width, height = data_room(plot, margins)
    if view.state["aspectLocked"] and rect is not None and rect.width() > 0 and rect.height() > 0 \
            and width > 0 and height > 0:
        ratio = rect.width() / rect.height()
        side = max(0.0, (width - height * ratio) / 2 - 1)  # (a pixel short: the range is never cut)
        end = max(0.0, (height - width / ratio) / 2 - 1)
    if abs(now[0] - (left + side)) >= 1 or abs(now[1] - (top + end)) >= 1:  # (a pixel's change: no resize loop)
        item.setContentsMargins(left + side, top + end, right + side, bottom + end)
        plot.shape_end = end


def follow_room(plot, fit) -> None:
    """Call ``fit`` as the data area of ``plot`` (a PlotWidget) is resized, and as the plot is, before its plot
    item is given its size: margins fitted to a larger plot are the item's least width, which it keeps (no
    ``sigResized``), and a data area the margins squeezed to its least is not resized as the plot shrinks."""
    plot.getPlotItem().getViewBox().sigResized.connect(fit)
    on_event(plot, (QEvent.Type.Resize,), fit)


def data_room(plot, margins) -> tuple[float, float]:
    """The (width, height) in pixels the data area (the view box) of ``plot`` (a PlotWidget) has with its plot
    item's contents margins ``margins`` (left, top, right, bottom): the plot's size (which pyqtgraph gives its
    item) less those and the item's layout's other rows and columns (axes, title, a colour bar), each as wide
    or high as the most its items need at least (an axis's is fixed; pyqtgraph's PlotItem puts no spacing
    between them). Reckoned from what is set, not from where a layout last put the item or the view."""
    item = plot.getPlotItem()
    grid, view = item.layout, item.getViewBox()
    cells = [(r, c) for r in range(grid.rowCount()) for c in range(grid.columnCount())]
    row, col = next(((r, c) for r, c in cells if grid.itemAt(r, c) is view), (2, 1))
    least = Qt.SizeHint.MinimumSize

    def extent(i: int, across: bool) -> float:  # column ``i``'s width (across) or row ``i``'s height
        items = [grid.itemAt(*((r, i) if across else (i, c))) for r, c in cells if (c if across else r) == i]
        needs = [(w.effectiveSizeHint(least).width() if across else w.effectiveSizeHint(least).height())
                 for w in items if w is not None and (not hasattr(w, "isVisible") or w.isVisible())]
        return max([grid.columnMinimumWidth(i) if across else grid.rowMinimumHeight(i)] + needs)

    gl, gt, gr, gb = grid.getContentsMargins()
    other_width = sum(extent(c, True) for c in range(grid.columnCount()) if c != col)
    other_height = sum(extent(r, False) for r in range(grid.rowCount()) if r != row)
    left, top, right, bottom = margins
    return (plot.width() - left - right - gl - gr - other_width, plot.height() - top - bottom - gt - gb - other_height)


def shape_slack(plot) -> float:
    """The height in pixels ``fit_shape`` gave ``plot`` (a PlotWidget) above and below its data to keep the
    domain's shape: room the plot has, not room it needs (0 for a plot it never fitted)."""
    return 2 * getattr(plot, "shape_end", 0.0)


def frame_height(plot) -> float:
    """The height of ``plot`` (a PlotWidget) outside its data area: axes, titles and its own margins, in
    pixels, without the margins ``fit_shape`` added above and below the data to keep the domain's shape."""
    return plot.height() - plot.getPlotItem().getViewBox().height() - shape_slack(plot)
