"""Whether a picture over two inputs keeps one unit the same length on both axes.

A built-in data set's (or hand-drawn points') X₁ and X₂ are in the same units,
so the Output view locks the aspect ratio (a circle stays round). A CSV's
columns are not (temperature 0–40 against size 10–200): locked, one axis would
be squeezed into a strip and the other stretched far past the data, so each
axis is fitted to its own range instead. With one input the vertical axis is
the target, another quantity again."""

from __future__ import annotations


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
    CSV), those margins alone."""
    item = plot.getPlotItem()
    view = item.getViewBox()
    left, top, right, bottom = margins
    now = item.getContentsMargins()
    side = end = 0.0
    if view.state["aspectLocked"] and rect is not None and rect.width() > 0 and rect.height() > 0 \
            and view.width() > 0 and view.height() > 0:
        width = view.width() + 2 * (now[0] - left)  # the data area's size without the margins this added
        height = view.height() + 2 * (now[1] - top)
        ratio = rect.width() / rect.height()
        side = max(0.0, (width - height * ratio) / 2 - 1)  # (a pixel short: the range is never cut)
        end = max(0.0, (height - width / ratio) / 2 - 1)
    if abs(now[0] - (left + side)) >= 1 or abs(now[1] - (top + end)) >= 1:  # (a pixel's change: no resize loop)
        item.setContentsMargins(left + side, top + end, right + side, bottom + end)
        plot.shape_end = end


def frame_height(plot) -> float:
    """The height of ``plot`` (a PlotWidget) outside its data area: axes, titles and its own margins, in
    pixels, without the margins ``fit_shape`` added above and below the data to keep the domain's shape."""
    return plot.height() - plot.getPlotItem().getViewBox().height() - 2 * getattr(plot, "shape_end", 0.0)
