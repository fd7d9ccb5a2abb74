"""Plot axes whose tick labels never collide, and legends that sit above the
plotted data instead of on it.

pyqtgraph always draws its first level of tick labels, however narrow the plot
(an accuracy axis 110 pixels wide showed "5001000 1500"), and on a log axis it
labels every minor tick 2..9 of a decade ("0.1 0.09 0.08…"). ``TidyAxis``
chooses the major spacing from the 1-2-5 series so that the labels fit the
axis's length, labels only the 2 and 5 of each decade on a log axis (the other
minor ticks keep their marks, where they can be told apart; over many decades only
the decades between the labelled ones, or none), and drops any label that would still overlap one
already placed (major labels first).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QSizePolicy

from .axis_ticks import inner_ticks
from .bar_labels import compact_counts
from .item_cache import ScreenCached
from .legend_sample import DashedSample
from ..numbers import with_minus
from .tick_labels import linear_tick_strings, log_tick_strings

LABEL_GAP = 8  # pixels between two neighbouring tick labels
WIDEST_LABEL = 200  # pixels: no tick label is wider
COMPACT_BELOW = 3  # an epoch axis holding fewer whole-number labels than this is labelled compactly (200k)
COMPACT_LEAST = 1e4  # ... unless its numbers are shorter than this (1000 and 1200 are not written 1.0k, 1.2k)
COMPACT_FROM = 1e6  # an epoch axis reaching this far is labelled compactly (20M, not 20000000)
END_FLOW = 20  # pixels an epoch axis's end label may pass the axis's end ("0" and "1" of an empty epoch axis): moved in
_MANTISSAS = np.log10(np.arange(1, 10))
MIN_TICK_GAP = 3.0  # pixels: the least gap between two tick marks of a log axis (closer ones merge into a bar)
_CLOSEST_MANTISSAS = math.log10(10 / 9)  # decades between the closest marks of a decade's 2..9 (9 and 10)
_CLOSEST_NAMED = math.log10(2)  # ... of its 2 and 5 (1 and 2)


class TidyAxis(ScreenCached, pg.AxisItem):
    """A pyqtgraph AxisItem for an axis that can get short: see the module's docstring.
    Its values are printed as they are: no SI-prefix scaling ("(x0.001)" beside ticks 650..692).
    On screen it is blitted from a pixmap until its ticks change (``item_cache``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.enableAutoSIPrefix(False)
        self._fallback = None  # tick values drawn instead, when pyqtgraph's own leave under two labels
        self._placing = False  # True while generateDrawSpecs places labels: see boundingRect
        self._tick_values: list[float] = []  # every tick value of the axis now: its labels' one format (tick_labels)
        self._compact = False  # an epoch axis too short for three whole numbers: labelled 200k, 4M (set_compact)

    counts = False  # set by count_whole: the axis counts whole numbers though it is not labelled "epoch"

    @property
    def whole(self) -> bool:
        """Whether the axis counts whole numbers (it is labelled "epoch", or ``count_whole``): no tick between two."""
        return self.counts or self.labelText == "epoch"

    def count_whole(self) -> None:
        """Make the axis count whole numbers (epochs) without its label saying so."""
        self.counts = True
        self._end_flow()

    def _end_flow(self) -> None:
        if self.orientation in ("top", "bottom"):
            self.prepareGeometryChange()
            self.style["hideOverlappingLabels"] = END_FLOW if self.whole else True

    def setLabel(self, *args, **kwargs):
        """pyqtgraph's, and an epoch axis lets its end labels pass its ends by END_FLOW pixels
        (pyqtgraph drops them: an epoch axis 0…1 had no label, 0…2 only "1")."""
        super().setLabel(*args, **kwargs)
        self._end_flow()

    def boundingRect(self):
        """pyqtgraph's; while the labels are placed, a vertical axis's reaches as far as its
        widest label could: pyqtgraph drops every label wider than the axis is now and widens
        it at the next layout, so the labels vanished for a frame whenever they grew wider
        (the gradient norms' after a session was opened)."""
        rect = super().boundingRect()
        if self._placing and self.orientation in ("left", "right"):
            return rect.adjusted(-WIDEST_LABEL, 0, WIDEST_LABEL, 0)
        return rect

    def _label_extent(self, lo: float, hi: float) -> float:
        """Pixels along the axis that one tick label takes, with the gap to the next."""
        fm = QFontMetricsF(self.style.get("tickFont") or self.font())
        if self.orientation in ("left", "right"):
            return fm.height() + LABEL_GAP / 2
        if self._compact:
            ends, step = (lo, hi, (lo + hi) / 2), 10.0 ** math.floor(math.log10(hi - lo))  # (a decade: the widest)
            return max(fm.horizontalAdvance(t) for t in compact_counts(ends, step)) + LABEL_GAP
        widest = max(fm.horizontalAdvance(f"{v:,.6g}") for v in (lo, hi, (lo + hi) / 2))
        return widest + LABEL_GAP

    def _set_compact(self) -> None:
        """Label a horizontal epoch axis compactly (200k, 4M: ``bar_labels.compact_counts``) where its range's
        whole numbers of five digits or more would fit fewer than COMPACT_BELOW times along it (pyqtgraph dropped a narrow
        accuracy plot's 200000 and 400000 at 240,000 epochs, leaving "0" alone) or reach COMPACT_FROM
        (20000000 is hard to read); whole numbers elsewhere."""
        lo, hi = self.range
        self._compact = False
        if not self.whole or self.orientation not in ("top", "bottom") or not (math.isfinite(lo) and hi > lo):
            return
        top = max(abs(lo), abs(hi))
        narrow = top >= COMPACT_LEAST and self.width() < COMPACT_BELOW * self._label_extent(lo, hi)
        self._compact = narrow or top >= COMPACT_FROM

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        """Major spacing: the smallest of 1, 2, 5 × 10^k whose labels fit ``size``
        pixels; minor ticks at a fifth of it."""
        span = maxVal - minVal
        if not (math.isfinite(span) and span > 0 and size > 0):
            return super().tickSpacing(minVal, maxVal, size)
        lo, hi = (10.0 ** min(minVal, 300), 10.0 ** min(maxVal, 300)) if self.logMode else (minVal, maxVal)
        extent = self._label_extent(lo, hi)
        fits = max(1.0, size / extent)  # how many labels the axis holds
        if self.whole and self.orientation in ("top", "bottom"):  # the end label is moved inside by up to half its
            # width (_inside): room for it beside its neighbour (a loss axis of 0 … 2000 dropped its "2000", moved
            # onto "1500", beside an accuracy axis showing it: it looked shorter); two labels fit as they did
            fits = max(min(fits, 2.0), size / (extent + (extent - LABEL_GAP) / 2), 1.0)
        raw = span / fits
        decade = 10.0 ** math.floor(math.log10(raw))  # a float: an int 10**300 overflows numpy
        major = next(m * decade for m in (1, 2, 5, 10) if m * decade >= raw)
        if self.whole:  # epochs: whole numbers only
            major = max(1.0, major)
            return [(major, 0)] if major < 5 else [(major, 0), (major / 5, 0)]
        return [(major, 0), (major / 5, 0)]  # a fifth: 5 -> 1, never 2.5 (printed "2" at a spacing of 2.5)

    def _inside(self, specs):
        """An epoch axis's end labels, let pass its ends by END_FLOW, moved back inside
        it (drawn beside their tick, not cut by the plot's edge: the "1" of 0…1)."""
        if specs is None or not self.whole or self.orientation not in ("top", "bottom"):
            return specs
        line, ticks, texts = specs
        end = self.mapRectFromParent(self.geometry()).right()
        moved = [(r.translated(max(0.0, -r.left()) - max(0.0, r.right() - end), 0), f, t) for r, f, t in texts]
        return line, ticks, moved

    def tickValues(self, minVal, maxVal, size):
        """pyqtgraph's tick values, or the fallback ``generateDrawSpecs`` chose (axis_ticks)."""
        levels = self._fallback if self._fallback is not None else super().tickValues(minVal, maxVal, size)
        if self.whole:  # no epoch below 0 (a compact "−200k" fitted in the pad left of epoch 0 of a wide long-run axis)
            levels = [(spacing, [v for v in values if v > -1e-9 * spacing]) for spacing, values in levels]
        self._tick_values = [v for _, values in levels for v in values]
        return levels

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        """Decades as the major ticks; the 2 and 5 of each decade labelled when
        there is room, the other minor ticks as marks only (every minor tick
        is labelled when the axis holds less than two decades' marks). Minor marks
        only as dense as they can be told apart (``MIN_TICK_GAP`` pixels): where the
        majors are several decades apart, the decades between them (matplotlib's
        ``LogLocator`` with ``subs=(1.0,)``); none where even those would merge
        (a loss over ~300 decades after a divergence drew a black bar of them)."""
        every = next((s for s, _ in stdTicks if s >= 1.0), 1.0)  # decades apart (a fractional spacing: 1)
        decades = [(every, np.arange(math.ceil(minVal / every) * every, maxVal + 1e-9, every).tolist())]
        decade_px = size / (maxVal - minVal) if maxVal > minVal and size > 0 else 0.0
        if every > 1:  # several decades between two labels: decades as the minor marks, if they fit
            step = next((s for s, _ in stdTicks if 1.0 <= s < every), 1.0)
            if step * decade_px < MIN_TICK_GAP:
                return decades
            between = np.arange(math.ceil(minVal / step) * step, maxVal + 1e-9, step)
            return [*decades, (None, between[np.abs(between / every - np.round(between / every)) > 1e-9].tolist())]
        lo, hi = math.floor(minVal), math.ceil(maxVal)
        minor = np.concatenate([v + _MANTISSAS[1:] for v in range(lo, hi)]) if hi > lo else np.array([])
        minor = minor[(minor > minVal) & (minor < maxVal)]
        mantissa = np.round(10 ** (minor - np.floor(minor + 1e-9))).astype(int)
        in_range = [v for v in (decades[0][1] if decades else []) if minVal <= v <= maxVal]
        if len(in_range) < 2:  # less than a decade shown: the minor ticks carry the labels
            return [*decades, (None, minor.tolist())]
        named = np.isin(mantissa, (2, 5))
        if decade_px * _CLOSEST_MANTISSAS < MIN_TICK_GAP:  # 9 and 10 would merge: the 2 and 5 alone, or none
            return [*decades, (None, minor[named].tolist())] if decade_px * _CLOSEST_NAMED >= MIN_TICK_GAP \
                else decades
        return [*decades, (None, minor[named].tolist()), (None, minor[~named].tolist())]

    def tickStrings(self, values, scale, spacing):
        """Every label of the axis in one format: powers of ten on a log axis (ui.tick_labels)."""
        if self.logMode:
            return log_tick_strings(values, scale, self._tick_values)
        if self.whole and spacing * scale >= 1:  # epochs: whole numbers, 120000 rather than 1.2·10⁵ (where they fit)
            if self._compact:
                return compact_counts([round(float(v) * scale) for v in values], spacing * scale)
            return [with_minus(f"{round(float(v) * scale)}") for v in values]
        return linear_tick_strings(values, scale, spacing, self.range)

    def generateDrawSpecs(self, p):
        """pyqtgraph's specs, less every tick label that would overlap one placed before it;
        where that leaves fewer than two labels, those of ``axis_ticks.inner_ticks`` instead.
        A linear axis labels its major ticks only (minor ones would need more decimals: one format)."""
        self.style["maxTextLevel"] = 2 if self.logMode else 0
        self._placing = True
        self._set_compact()
        try:
            return self._specs(p)
        finally:
            self._placing = False

    def _specs(self, p):
        """generateDrawSpecs's work (see there)."""
        specs = without_overlaps(self, self._inside(super().generateDrawSpecs(p)))
        if specs is None or len(labelled(specs)) >= 2 or self.linkedView() is None:
            return specs
        lo, hi = self.range
        size = self.width() if self.orientation in ("top", "bottom") else self.height()
        fm = QFontMetricsF(self.style.get("tickFont") or self.font())
        label = (max(fm.horizontalAdvance(t) for t in self.tickStrings([lo, hi, (lo + hi) / 2], 1.0, hi - lo))
                 if self.orientation in ("top", "bottom") else fm.height())
        values = inner_ticks(lo, hi, size, label + LABEL_GAP / 2, self.logMode, self.whole)
        if len(values) <= len(labelled(specs)):  # (one value: an axis with room for one label keeps one)
            return specs
        self._fallback = [(values[1] - values[0] if len(values) > 1 else hi - lo, values)]
        try:
            return without_overlaps(self, self._inside(super().generateDrawSpecs(p)))
        finally:
            self._fallback = None


def fit_label_width(axis: pg.AxisItem, least: float) -> None:
    """A vertical ``axis`` given a fixed width, ``least`` px, widened to its widest tick label at its range now:
    the Distributions tab's 48 px cut "−1.0·10¹⁵⁰" to ".0·10¹⁵⁰" (its minus and first digit) on screen and
    in its exports. Plots of one range get one width (their data areas stay aligned)."""
    lo, hi = axis.range
    size = axis.height()
    if size <= 0 or not (np.isfinite(lo) and np.isfinite(hi)) or hi <= lo:
        return
    fm = QFontMetricsF(axis.style.get("tickFont") or axis.font())
    widest = max((fm.horizontalAdvance(t) for spacing, values in axis.tickValues(lo, hi, size) if len(values)
                  for t in axis.tickStrings(values, axis.scale, spacing)), default=0.0)
    width = max(least, math.ceil(widest + axis.style["tickTextOffset"][0] + max(0, axis.style["tickLength"]) + 2))
    if axis.width() != width:
        axis.setWidth(width)


def without_overlaps(axis: pg.AxisItem, specs):
    """pyqtgraph's draw specs of ``axis`` (from ``generateDrawSpecs``) less every tick
    label that would overlap (with LABEL_GAP) one placed before it."""
    if specs is None:
        return None
    line, ticks, texts = specs
    kept, margins = [], LABEL_GAP / 2
    for rect, flags, text in texts:
        grown = rect.adjusted(-margins, 0, margins, 0) if axis.orientation in ("top", "bottom") else rect
        if not any(grown.intersects(other) for other, _, _ in kept):
            kept.append((rect, flags, text))
    return line, ticks, kept


def labelled(specs) -> list[str]:
    """The tick labels, not blank, of an axis's draw specs (``generateDrawSpecs``)."""
    return [text for _, _, text in specs[2] if text.strip()]


def tidy_labels(axis: pg.AxisItem) -> None:
    """Make a pyqtgraph-built axis (a ColorBarItem's) drop the tick labels that would
    overlap, as TidyAxis does: a short colour bar shows fewer labels, never a run-together row."""
    own = axis.generateDrawSpecs
    axis.generateDrawSpecs = lambda p: without_overlaps(axis, own(p))


class SignedAxis(ScreenCached, pg.AxisItem):
    """pyqtgraph's AxisItem, its tick labels with the minus sign a user reads ("−9", not "-9")."""

    def tickStrings(self, values, scale, spacing):
        return [with_minus(text) for text in super().tickStrings(values, scale, spacing)]


def signed_axes() -> dict:
    """``axisItems`` for a plot with pyqtgraph's own tick spacing: a SignedAxis on every side."""
    return {side: SignedAxis(side) for side in ("left", "bottom")}


def tidy_axes() -> dict:
    """``axisItems`` for a pg.PlotWidget / PlotItem: a TidyAxis on the left and at the bottom."""
    return {"left": TidyAxis("left"), "bottom": TidyAxis("bottom")}


def legend_above(plot_item: pg.PlotItem, columns: int = 4, **options) -> pg.LegendItem:
    """A legend between the plot's title and its data (pyqtgraph's LegendItem,
    laid out in the PlotItem's grid rather than floating over the curves, across
    the axes' columns as well as the data's), in
    as many of ``columns`` columns as the plot's width holds; it becomes
    ``plot_item.legend``, so curves plotted with a name join it. The plot has
    no top axis after this (its row holds the legend)."""
    options.setdefault("horSpacing", 10)  # pyqtgraph puts 25 pixels between two entries of a row
    options.setdefault("sampleType", DashedSample)  # a dashed curve's sample shows its dashes
    legend = pg.LegendItem(colCount=columns, **options)
    legend.layout.setContentsMargins(2, 0, 2, 0)  # (Qt's 9 px all round made a zoomed legend wrap onto two rows)
    top = plot_item.getAxis("top")
    top.hide()
    plot_item.layout.removeItem(top)
    plot_item.layout.addItem(legend, 1, 0, 1, 3)  # across the axes' columns too: a zoomed legend keeps one row
    # as wide as its entries, at the left of its cell: stretched to the cell, its last column fell off the edge
    legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
    plot_item.layout.setAlignment(legend, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    plot_item.legend = legend
    legend.most_columns = columns

    def fit(*_):
        view = plot_item.getViewWidget()
        if view is None:
            return
        room = view.viewport().width() - 2
        for n in range(legend.most_columns, 0, -1):
            if legend.columnCount != n:
                legend.setColumnCount(n)
            if n == 1 or legend.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() <= room:
                break

    plot_item.geometryChanged.connect(fit)
    legend.fit = fit  # to call after entries are added or removed
    return legend


def epoch_axis(plot_item: pg.PlotItem, named: bool = True, own_range: bool = False) -> None:
    """Make the bottom axis an epoch axis: named "epoch" (unless ``named`` is False: a
    small plot whose caption says so), labelled in whole numbers, never below 0 (an
    auto-range of one point at epoch 0, after a Reset, showed -0.4 … 0.4) and never
    under one epoch wide (an empty plot, or one epoch's point, shows 0 … 1, not
    0.2 … 0.8 nor an axis without a label), unless ``own_range``: the caller sets the
    range (X-linked plots must: pyqtgraph's link, resizing, moved a limited range to
    0.06 … 1); a "No data yet" note while the plot has no point (``empty_note.EmptyNote``)."""
    from .empty_note import note_when_empty

    if named:
        plot_item.setLabel("bottom", "epoch")
    else:
        plot_item.getAxis("bottom").count_whole()
    if not own_range:
        plot_item.getViewBox().setLimits(xMin=0, minXRange=1)
    note_when_empty(plot_item)


EPOCH_PAD = 0.02  # of an epoch axis's span, each side: a dot at epoch 0 or at the last epoch is drawn whole


def show_epochs(plots, right: float) -> None:
    """Show epochs 0 … ``right`` on ``plots``' epoch axes, padded by EPOCH_PAD each side: the
    limit that keeps an axis from going below 0 lets the pad through (held at 0, a dot at
    epoch 0 was cut in half by the plot's left edge)."""
    pad = EPOCH_PAD * right
    for p in plots:
        p.getViewBox().setLimits(xMin=-pad)
        p.setXRange(0, right, padding=EPOCH_PAD)


def epoch_span(epochs: int) -> float:
    """The right end of a live epoch axis holding ``epochs`` epochs: the next of 1, 2, 5 x 10^k at or
    above its last epoch (at least 10). A function of the epochs alone, not of the frames that brought
    them: a session reopened at epoch 946 showed 0 … 2000 where the window saved had 0 … 1000 (the
    axis was widened to 1.25 × the epoch it was at when last outgrown)."""
    last = max(10.0, float(epochs - 1))
    k = 10.0 ** math.floor(math.log10(last))
    return next(m * k for m in (1.0, 2.0, 5.0, 10.0) if m * k >= last)


def follow_epochs(plots, epochs: int, shown: float) -> float:
    """Show ``epoch_span(epochs)`` on ``plots`` if it is not ``shown`` (the span they show); returns it."""
    right = epoch_span(epochs)
    if right != shown:
        show_epochs(plots, right)  # (padded: a dot at epoch 0 whole)
    return right


def share_epochs(plots) -> None:
    """One epoch range for ``plots`` side by side: a range set on one (by the program, a wheel, a drag; not an
    auto-range to its own data) is set on the others as it is. (pyqtgraph's setXLink lines up views that overlap on the screen by their
    pixels, so plots of different widths, or not yet laid out, got different ranges.)"""
    views = [p.getViewBox() for p in plots]

    def follow(source, x_range):
        if source.autoRangeEnabled()[0]:  # (a range fitted to the plot's own data is its own)
            return
        for v in views:
            if v is not source and tuple(v.viewRange()[0]) != tuple(x_range):
                v.setXRange(*x_range, padding=0)

    for v in views:
        v.sigXRangeChanged.connect(follow)


def fit_epochs(plots, epochs: int) -> None:
    """Show epochs 0 … ``epochs`` - 1 on ``plots``' epoch axes, the data's own span (at least
    0 … 1): a finished run's picture (``nnplay render``), where the window keeps room to grow."""
    show_epochs(plots, max(1, epochs - 1))


def title_across(plot_item: pg.PlotItem) -> None:
    """Lay the plot's title across the axes' columns as well as the data's: in
    the data's column alone (pyqtgraph's place) a zoomed title needed more than
    a narrow plot's data area and was cut."""
    title = plot_item.titleLabel
    plot_item.layout.removeItem(title)
    plot_item.layout.addItem(title, 0, 0, 1, 3)
