"""A live plot's value axis moved in steps, not every frame.

pyqtgraph's auto-range fits the y axis to the data after every ``setData``:
on a live curve (a loss that falls a little each epoch) the range changes
every frame, and every change makes the axis regenerate its ticks and labels
and the whole plot repaint (about half of a loss plot's paint). Here the
range is set to the data's extent widened to the next multiple of a 1-2-5
step (a tenth of a padded span) and kept while the data stays inside it and
fills at least ``SHRINK_BELOW`` of it: the curves are exact every frame, only
the axis moves less often. It works in the view's own coordinates (log10 of
the values on a log axis), so a log axis steps by fractions of a decade.

A quantity with known bounds (a loss is at least 0, an accuracy in [0, 1], a
norm and a learning rate at least 0) is given them: the range, padded and
rounded outwards, is cut at the bounds, so the axis never shows an impossible
value (a loss from 0.01 to 5 was shown from -0.5).

A plot emptied (a Reset, a new run) shows the empty state's range, ``EMPTY_RANGE``
on each axis as a new plot does (``show_empty``), not the range of the data it
held; and one value alone on a log axis is shown a share of a decade wide (its range was
a share of its logarithm: a gradient norm near 1 read "1.686·10⁰ / 1.685·10⁰")."""

from __future__ import annotations

import math

import numpy as np

PAD = 0.05  # of the data's span, on each side
STEPS = 10  # a range is about this many 1-2-5 steps long
TINY = 1e-290  # a smaller span is taken as none (its tenth, 1e-300 and below, has no nice step)
SHRINK_BELOW = 0.5  # the range is fitted again once the data fills less of it than this
EMPTY_RANGE = (0.0, 1.0)  # view coordinates (a log axis: 10⁰ … 10¹): a new plot's range, and an emptied one's
EDGE = 0.02  # of the range's span: the least room kept between the data and an edge (a fitted range leaves 3%+)
OUTLIER_SHARE = 95.0  # percentile: with ``outliers`` off, the range is fitted up to it...
BULK_SAMPLE = 400  # values the percentile is taken of, evenly spaced
BULK_LEAST = 20  # ...and only of this many values or more: of fewer, the percentile leaves out more than 5% (of the
# two dots of a new run's epoch 0 it left out the higher, train 0.8191 said "↑ to" above a scale fitted to test's 0.7249)
OUTLIER_RATIO = 4.0  # ...when the largest values lie this many times further above the lowest (TensorBoard's
# "Ignore outliers in chart scaling"): a regression loss from 0.8 at epoch 0 to 0.007 was a flat line on the bottom


def nice_step(span: float) -> float:
    """The smallest of 1, 2, 5 × 10^k at or above ``span`` / STEPS (span > 0)."""
    raw = span / STEPS
    decade = 10.0 ** math.floor(math.log10(raw))
    return next(m * decade for m in (1, 2, 5, 10) if m * decade >= raw * (1 - 1e-12))


def show_empty(plot_item, x: bool = True, y: bool = True) -> None:
    """Show ``plot_item`` (a pg.PlotItem, emptied) at the empty state's range, EMPTY_RANGE on
    each axis asked for, its auto-range left as it was (an auto-ranged plot fits its next data)."""
    ranges = {"xRange": EMPTY_RANGE} if x else {}
    if y:
        ranges["yRange"] = EMPTY_RANGE
    plot_item.getViewBox().setRange(**ranges, padding=0, disableAutoRange=False)


def stepped(lo: float, hi: float, bounds: tuple[float, float] = (-math.inf, math.inf),
            log: bool = False) -> tuple[float, float]:
    """The range shown for data from ``lo`` to ``hi`` (view coordinates): padded
    by PAD of the span, rounded outwards to a nice step, and cut at ``bounds``
    (the quantity's possible values, view coordinates; the data inside them).
    Constant data is shown a share of its value wide, or of a decade on a ``log`` axis."""
    span = hi - lo
    if not span >= TINY:  # constant data (or a span a float cannot divide into steps)
        span = 1.0 if log else abs(hi) if abs(hi) >= TINY else 1.0
    # a span of a few float steps (1e6 to 1e6 - 1e-10) has no finer step to round to: widen it to 64 of them
    span = max(span, 64 * math.ulp(max(abs(lo), abs(hi))))
    pad = PAD * span
    step = nice_step(span + 2 * pad)
    a, b = math.floor((lo - pad) / step) * step, math.ceil((hi + pad) / step) * step
    a, b = max(a, min(bounds[0], lo)), min(b, max(bounds[1], hi))
    if b <= a:  # constant data on a bound (a loss of exactly 0): a step on the open side
        a, b = (a, a + step) if a <= bounds[0] else (b - step, b)
    return a, b


def keeps(shown: tuple[float, float], lo: float, hi: float,
          bounds: tuple[float, float] = (-math.inf, math.inf)) -> bool:
    """Whether range ``shown`` still suits data from ``lo`` to ``hi``: holds it
    at least EDGE of its span from either edge (no curve drawn on an axis: a
    loss that fell from 0.7135 to 0.7103 in a range fitted to 0.71–0.77 lay on
    its bottom edge), unless that edge is a bound of the quantity (``bounds``,
    view coordinates: nothing lies beyond it), and is not too wide for it."""
    a, b = shown
    edge = EDGE * (b - a)
    below = lo - a >= edge or (a <= bounds[0] and a <= lo)
    above = b - hi >= edge or (b >= bounds[1] and hi <= b)
    return below and above and (hi - lo) >= SHRINK_BELOW * (b - a)


class SteppedYRange:
    """Keeps ``plot``'s (a pg.PlotWidget's) y axis on a stepped range of its
    visible data items (call ``update`` after their ``setData``); ``reset``
    after the axis changes scale (linear / log). ``bounds``: the values the
    quantity can take, in data units (a loss: ``(0, inf)``); the range never
    goes beyond them."""

    def __init__(self, plot, bounds: tuple[float, float] = (-math.inf, math.inf), outliers: bool = True):
        self.view = plot.getPlotItem().getViewBox()
        self.view.enableAutoRange(axis="y", enable=False)
        self.plot = plot
        self.bounds = bounds
        self.outliers = outliers  # False: a linear range is fitted to the bulk of the values (see OUTLIER_RATIO)
        self.above: float | None = None  # the largest value above the range shown (outliers left out), else None
        self.shown: tuple[float, float] | None = None

    def _view_bounds(self) -> tuple[float, float]:
        """``bounds`` in the view's coordinates: log10 of them on a log axis (a bound of 0 or less: none)."""
        if not self.plot.getPlotItem().getAxis("left").logMode:
            return self.bounds
        lo, hi = self.bounds
        return (math.log10(lo) if lo > 0 else -math.inf), (math.log10(hi) if hi > 0 else math.inf)

    def reset(self) -> None:
        self.shown = None
        self.above = None

    def kept(self) -> list | None:
        """The range kept, for a session to save: [lo, hi, on a log axis], or None (none kept)."""
        log = bool(self.plot.getPlotItem().getAxis("left").logMode)
        return None if self.shown is None or self.shown == EMPTY_RANGE else [*self.shown, log]

    def keep(self, kept) -> None:
        """Show a range ``kept`` (as ``kept`` gave it) where the axis is on the same scale; the next
        ``update`` keeps it while it suits the data, as it would have in the window that saved it."""
        if kept and bool(kept[2]) == bool(self.plot.getPlotItem().getAxis("left").logMode):
            self.shown = (float(kept[0]), float(kept[1]))
            self.view.setYRange(*self.shown, padding=0)

    def update(self) -> None:
        lows, highs = [], []
        for item in self.plot.getPlotItem().listDataItems():
            if not item.isVisible():
                continue
            bounds = item.dataBounds(1)
            if bounds is None or bounds[0] is None:
                continue
            lo, hi = float(bounds[0]), float(bounds[1])
            if np.isfinite(lo) and np.isfinite(hi):
                lows.append(lo)
                highs.append(hi)
        if not lows:  # emptied: the empty state's range, not the old data's, and nothing above it
            self.above = None
            if self.shown != EMPTY_RANGE:
                self.shown = EMPTY_RANGE
                self.view.setYRange(*EMPTY_RANGE, padding=0)
            return
        lo, hi = min(lows), max(highs)
        log = self.plot.getPlotItem().getAxis("left").logMode
        top = hi
        if not self.outliers and not log:
            hi = min(hi, self._bulk_top(lo, hi))
        if self.shown is None or not keeps(self.shown, lo, hi, self._view_bounds()):
            self.shown = stepped(lo, hi, self._view_bounds(), log)
            self.view.setYRange(*self.shown, padding=0)
        self.above = top if top > self.shown[1] else None

    def _bulk_top(self, lo: float, hi: float) -> float:
        """The OUTLIER_SHARE percentile of the visible values when the largest are OUTLIER_RATIO
        times further above ``lo`` than it, else ``hi``."""
        ys = [item.getData()[1] for item in self.plot.getPlotItem().listDataItems() if item.isVisible()]
        ys = [y[:: max(1, len(y) // BULK_SAMPLE)] for y in ys if y is not None and len(y)]  # (a few hundred: cheap)
        ys = np.concatenate(ys) if ys else np.empty(0)
        ys = ys[np.isfinite(ys)]
        if ys.size < BULK_LEAST:
            return hi
        k = int(OUTLIER_SHARE / 100 * (ys.size - 1))
        bulk = float(np.partition(ys, k)[k])  # (the percentile, without np.percentile's overhead)
        return bulk if hi - lo > OUTLIER_RATIO * (bulk - lo) else hi


FINE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)  # consecutive ones differ by at most 4/3
FILL_AT_LEAST = 0.7  # a scale is kept while the largest value is at least this share of it


def fine_ceil(x: float) -> float:
    """The smallest of FINE_STEPS × 10^k at or above ``x`` (x > 0): at most 4/3 of ``x``."""
    decade = 10.0 ** math.floor(math.log10(x))
    return next(m * decade for m in FINE_STEPS if m * decade >= x)


class SteppedScale:
    """A colour scale's bound, moved in steps: ``fit(largest)`` returns a
    bound B ≥ ``largest`` (largest > 0, e.g. the largest |dW| of a frame),
    the same B as last time while largest stays in [FILL_AT_LEAST·B, B], else
    ``fine_ceil(largest)``. A colour key whose bounds change every frame makes
    its axis regenerate its ticks and repaint every frame (about 3 ms a frame);
    with the bound in steps the strongest cell is still at least 70% of the
    full colour, and the key always tells the truth about the colours."""

    def __init__(self):
        self.shown: float | None = None

    def fit(self, largest: float) -> float:
        if not (math.isfinite(largest) and largest > TINY):  # (nothing to step: shown as it is)
            self.shown = None
            return largest
        if self.shown is None or not (FILL_AT_LEAST * self.shown <= largest <= self.shown):
            self.shown = fine_ceil(largest)
        return self.shown
