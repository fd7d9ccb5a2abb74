"""The Distributions tab: every layer's weights W, pre-activations Z,
activations A or gradients dW over the epochs as percentile bands (as
TensorBoard's distributions dashboard draws them: 0–100, 7–93 and 16–84 around
the median; see training.distributions), one plot per layer on one shared
vertical scale, with the flat ends of tanh and sigmoid (|A| near 1, g' near 0)
shaded and ReLU's zero marked; and, above, the training-health findings in
words (training.health), live.

It draws only while visible, and at most twice a second (``PacedRedraw``): a
frame that arrives behind another tab, or within half a second of the last
drawing, is kept and the newest is drawn when the tab is shown or the pause is
over. The records come with a frame only when they changed
(``Distributions.for_view``, once per recorded epoch) and are read only when
drawn."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..numbers import format_percent
from ..training.distributions import (
    MAX_ROWS,
    QUANTITIES,
    SATURATION_EDGE,
    Distributions,
)
from .band_items import PercentileBands
from .band_scale import band_scale
from .colors import hex_color, layer_rgb
from .distributions_caption import distributions_caption, set_epoch_ranges
from .health_lines import health_height, health_lines
from .paced_redraw import PacedRedraw
from .plot_disposal import clear_layout
from .plot_room import MIN_PLOT_PX, keep_items_room
from .plot_layout import epoch_axis, fit_label_width
from .plots import add_plot
from .visibility import can_be_seen
from .presentation import OWN_TEXT
from .widgets import keep_wrapped_height, named, nest, on_event

CHOICES = (("dW", "gradients dW"), ("A", "activations A"), ("Z", "pre-activations Z"), ("W", "weights W"),
           ("all", "all four"))
ROW_HEIGHT = 120  # on-screen pixels per plot at least (title, bands, epoch axis): the plots scroll rather than squeeze
TEXT_MARGIN = 4  # pixels: the findings' and the caption's text in from the tab's edges (and an export's)
AXIS_WIDTH = 48  # pixels: a plot's value axis at least (wider where its labels need it: fit_label_width)
MIN_COLUMN = 190  # on-screen pixels per plot's width at least: all four quantities wrap into 2 or 1 columns
BAND_ALPHAS = (45, 80, 130)  # the 0–100, 7–93 and 16–84 bands, lightest outside
SATURATED_BRUSH = (220, 60, 60, 40)
REDRAW_SECONDS = 1.0  # the bands gain a record every few frames: drawn at most once a second
HEALTH_LINES = (1, 4)  # lines of findings shown in a short (under SHORT px) or a taller tab; more scroll
SHORT = 330
WHOLE = 1e6  # pixels: a finding's room when shown whole (never elided; Qt wraps its fixed point above 3·10⁷)
HEALTH_TIP = ("The training-health diagnosis: what looks wrong, the number behind it and one thing to try.\n"
              "While training plays it is made at most twice a second; paused, of the weights shown.")


def mark_levels(activation: str, q: str) -> tuple:
    """The levels ``DistributionsView._marks`` draws for quantity ``q`` of a layer with ``activation``,
    kept in view: tanh's A at −1 and 1, sigmoid's at 0 and 1, relu's A and Z at 0."""
    if q == "A" and activation in ("tanh", "sigmoid"):
        return (-1.0, 1.0) if activation == "tanh" else (0.0, 1.0)
    return (0.0,) if q in ("A", "Z") and activation == "relu" else ()


class DistributionsView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.info = None
        self._records: Distributions | None = None
        self._frame = None
        self._stale = False
        self._layout_due = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.health = QLabel("")
        named(self.health, "health_findings", HEALTH_TIP)
        self.health.setTextFormat(Qt.TextFormat.RichText)
        self.health.setWordWrap(True)
        self.health.setContentsMargins(TEXT_MARGIN, 0, TEXT_MARGIN, 0)  # (an export's findings off its left edge)
        self.health.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.health.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        keep_wrapped_height(self.health)
        self.health_scroll = QScrollArea()  # several findings scroll rather than push the plots out
        self.health_scroll.setWidget(self.health)
        self.health_scroll.setWidgetResizable(True)
        self.health_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.health_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.health_scroll)
        row = QHBoxLayout()
        row.addWidget(QLabel("Show"))
        self.quantity = named(QComboBox(), "distributions_quantity", "Which values of each layer the bands show.")
        for key, text in CHOICES:
            self.quantity.addItem(text, key)
        self.quantity.activated.connect(lambda _: self._rebuild())
        row.addWidget(self.quantity)
        self.layer = named(QComboBox(), "distributions_layer", "Every layer, one under the other (they scroll), "
                                                               "or one layer alone, as tall as the tab.")
        self.layer.activated.connect(lambda _: self._rebuild())
        row.addWidget(self.layer)
        row.addStretch(1)
        nest(layout, row)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setProperty(OWN_TEXT, True)  # its titles follow its font (the zoom) themselves
        self._fit_plots = keep_items_room(self.plots)  # as high as its plots need: they scroll, never squeezed
        named(self.plots, "distributions_plots", "Each layer's values over the epochs: the median, and the bands "
                                                 "holding 68%, 86% and all of them.")
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.plots)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        on_event(self.scroll.viewport(), (QEvent.Type.Resize,), self._fit_columns)
        on_event(self, (QEvent.Type.FontChange,), self._refont)
        layout.addWidget(self.scroll, 1)
        self.caption = QLabel("")
        self.caption.setObjectName("distributions_caption")
        self.caption.setContentsMargins(TEXT_MARGIN, 0, TEXT_MARGIN, 0)  # (an export's caption off its left edge)
        self.caption.setToolTip(
            "Each layer's values after each recorded epoch: the median line, and bands from the 16th to the 84th, "
            f"the 7th to the 93rd and the 0th to the 100th percentile (TensorBoard's distributions). W and dW are "
            f"whole matrices (dW the full-batch gradient); Z and A are over up to {MAX_ROWS} training examples. "
            "Epochs are recorded every epoch up to 31, then 16 per doubling. Shaded: where tanh or sigmoid is "
            "flat (|A| within 0.01 of its limits, g' ≈ 0); dashed at 0: below it a ReLU outputs 0.")
        self.caption.setWordWrap(True)
        keep_wrapped_height(self.caption)
        layout.addWidget(self.caption)
        self._items: dict = {}  # (layer, quantity) -> (plot, PercentileBands, median curve)
        self._items_run = None  # the RunInfo the plots of _items were made for
        self._ranges: dict = {}  # (layer, quantity) -> the vertical scale last set
        self._columns = 1
        self._cut: dict = {}  # quantity -> the largest magnitude beyond its scale (band_scale), when any
        self.paced = PacedRedraw(self, self._draw, REDRAW_SECONDS)

    # --------------------------------------------------------- the panel protocol
    def set_run(self, info) -> None:
        self.info = info
        L = len(info.sizes) - 1
        chosen = self.layer.currentData() or 0
        self.layer.clear()
        self.layer.addItem("all layers", 0)
        for l in range(1, L + 1):
            self.layer.addItem(f"layer {l}" if l < L else f"layer {l} (output)", l)
        self.layer.setCurrentIndex(max(0, self.layer.findData(chosen)))  # a new run of the same depth keeps it
        self._records = Distributions(L)
        self._frame = None
        self.health.setText("")
        self._layout_due = True  # the plots are made at the first frame drawn (a Build behind the tab costs nothing)

    def set_frame(self, frame) -> None:
        snap = frame.snapshot
        if self.info is None:
            return
        if snap.distributions is not None:  # the new records, or all of them (Distributions.for_view)
            self._records.follow(snap.distributions)
            self._stale = True
        self._frame = frame
        self.paced.request()  # (hidden behind its tab: drawn when shown; at most twice a second)

    @property
    def records(self) -> Distributions | None:
        """The run's recorded distributions, as the frames carried them."""
        return self._records

    @property
    def has_records(self) -> bool:
        return self.records is not None and len(self.records) > 0

    # ------------------------------------------------------------------ drawing
    def _quantities(self) -> tuple:
        key = self.quantity.currentData()
        return QUANTITIES if key == "all" else (key,)

    def _rebuild(self) -> None:
        """One plot per layer (rows) and quantity (columns), each quantity's plots on one vertical scale.
        The plots of this run's layers and quantities still shown are kept, only placed again (another
        number of columns, another choice of quantity or layer); the rest are made anew."""
        self._layout_due = False
        L = len(self.info.sizes) - 1 if self.info is not None else 0
        quantities = self._quantities()
        chosen = self.layer.currentData() or 0
        layers = [chosen] if chosen else list(range(1, L + 1))
        old = self._items if self._items_run is self.info else {}  # (a new run's marks may differ)
        kept = {key: items for key, items in old.items() if key[0] in layers and key[1] in quantities}
        clear_layout(self.plots, keep={items[0] for items in kept.values()})  # the others' C++ objects first
        self._items = {}  # (plot_disposal: a segfault otherwise)
        self._items_run = self.info
        self._ranges.clear()
        if self.info is None:
            return
        self._columns = columns = self._column_count()
        per_layer = -(-len(quantities) // columns)  # rows of plots per layer
        for k, q in enumerate(quantities):
            for i, l in enumerate(layers):
                row, col = i * per_layer + k // columns, k % columns
                if (l, q) in kept:
                    self.plots.addItem(kept[(l, q)][0], row=row, col=col)
                    self._items[(l, q)] = kept[(l, q)]
                    continue
                plot = add_plot(self.plots, row=row, col=col)
                plot.setMouseEnabled(x=False, y=False)
                epoch_axis(plot, named=False, own_range=True)  # whole epochs (not 0.2…0.8 after a Reset)
                plot.getAxis("left").setWidth(AXIS_WIDTH)
                plot.setMinimumHeight(ROW_HEIGHT)  # and its bands MIN_PLOT_PX, its title and axis zoomed too
                plot.getViewBox().setMinimumHeight(MIN_PLOT_PX)
                plot.enableAutoRange(y=False)  # one vertical scale per quantity, set in _draw
                self._items[(l, q)] = self._band_items(plot, l, q)
                self._marks(plot, l, q)
        presentation = getattr(self.window(), "presentation", None)
        if presentation is not None:  # plots built after a zoom: their axes and lines zoomed too
            presentation.scale_view(self.plots)
        self._fit_plots()  # (at once: the scroll area's range follows)
        set_epoch_ranges(self._items, self.records)  # (before any record: 0 … 1, not −0.5 … 0.5)
        self._stale = True
        self._draw()

    def _column_count(self) -> int:
        """Columns of plots: every quantity side by side if each gets MIN_COLUMN pixels, else 2 or 1."""
        n = len(self._quantities())
        width = self.scroll.viewport().width()
        return next((c for c in (n, 2, 1) if c <= n and width >= c * MIN_COLUMN), 1)

    def _fit_columns(self) -> None:
        """After a resize: lay the plots out again if another number of columns fits; the
        findings get whole lines, fewer in a short tab."""
        self.health_scroll.setMaximumHeight(health_height(self.health.font(), shown_health_lines(self)))
        if self.info is not None:
            self._say_caption()  # short or whole, as the tab's height allows
            self._show_health()  # each finding elided to the new width
        if self._items and self._column_count() != self._columns:
            self._rebuild()

    def _band_items(self, plot, l: int, q: str):
        rgb = layer_rgb(l - 1)
        bands = PercentileBands(plot, rgb, BAND_ALPHAS)  # filled from the percentiles at once (band_items)
        median = pg.PlotCurveItem(pen=pg.mkPen(*rgb[:3], 255, width=1.5))
        plot.addItem(median)
        return plot, bands, median

    def _activation(self, l: int) -> str:
        acts = self.info.activations
        return acts[l - 1] if l - 1 < len(acts) else "output"

    def _marks(self, plot, l: int, q: str) -> None:
        """Saturation bands for tanh/sigmoid activations, the zero line for ReLU."""
        act = self._activation(l)
        dashed = pg.mkPen(120, 120, 120, 200, style=Qt.PenStyle.DashLine)
        if q == "A" and act in ("tanh", "sigmoid"):
            ends = (-1.0, 1.0) if act == "tanh" else (0.0, 1.0)
            for end in ends:
                inner = end + SATURATION_EDGE if end == ends[0] else end - SATURATION_EDGE
                region = pg.LinearRegionItem((min(end, inner), max(end, inner)), orientation="horizontal",
                                             movable=False, brush=pg.mkBrush(*SATURATED_BRUSH), pen=pg.mkPen(None))
                plot.addItem(region)
                plot.addItem(pg.InfiniteLine(end, angle=0, pen=dashed))
        if q in ("A", "Z") and act == "relu":
            plot.addItem(pg.InfiniteLine(0.0, angle=0, pen=dashed))

    def refresh_colours(self) -> None:  # the plots made anew in the palette's layer colours, when next drawn
        self._items_run, self._layout_due = None, True
        self.paced.request()

    def _refont(self) -> None:
        """A zoom: the plots' titles again in the new font size; behind its tab, once
        the tab is seen (every zoom used to build each layer's plots there, unseen)."""
        self._stale = True
        if can_be_seen(self):
            self._draw()
        else:
            self.paced.request()

    def _draw(self) -> None:
        if self._layout_due:
            self._rebuild()
            return
        self._show_health()
        if self.records is None or not self._stale:
            self._say_caption()  # (the records unchanged, the run's epoch may not be: "the run is at 601")
            return
        self._stale = False
        L = len(self.info.sizes) - 1
        spans: dict = {}  # quantity -> (epochs' lowest, highest values, marks) of every layer: one scale for all
        for (l, q), (plot, bands, median) in self._items.items():
            x, p, sat = self.records.bands(l, q)
            ok = np.all(np.isfinite(p), axis=1)
            x, p = x[ok], p[ok]
            bands.set_data(x, p)
            median.setData(x, p[:, 3])
            title = self._title(l, q, L, sat)
            size = f"{8 * self.font().pointSizeF() / max(1.0, QApplication.font().pointSizeF()):.1f}pt"  # zoomed
            if title != plot.titleLabel.text or size != plot.titleLabel.opts.get("size"):  # (lays the plot out)
                plot.setTitle(title, size=size)
                plot.titleLabel.setMinimumWidth(0)  # the columns share the width, however long a title
            lows, highs, marks = spans.setdefault(q, ([], [], []))
            lows.extend(p[:, 0])
            highs.extend(p[:, -1])
            marks.extend(mark_levels(self._activation(l), q))
        scales = {q: band_scale(*span) for q, span in spans.items()}  # a spike does not flatten the rest
        self._cut = {q: s[2] for q, s in scales.items() if s[2] is not None}
        for (l, q), (plot, _, _) in self._items.items():
            lo, hi, _ = scales[q]
            if np.isfinite(lo) and np.isfinite(hi) and self._ranges.get((l, q)) != (lo, hi):
                self._ranges[(l, q)] = (lo, hi)  # an unchanged scale is not set again (nor the axes redrawn)
                plot.setYRange(lo, hi if hi > lo else lo + 1e-12, padding=0.05)
                fit_label_width(plot.getAxis("left"), AXIS_WIDTH)  # "−1.0·10¹⁵⁰" whole
        set_epoch_ranges(self._items, self.records)
        self._say_caption()

    def _title(self, l: int, q: str, L: int, sat: np.ndarray) -> str:
        """"dW[2]", "A[1] tanh, 12% saturated"; with all four quantities in a row only
        A's saturation is added, "A[1] 12% sat."."""
        act = self._activation(l)
        text = f"{q}[{l}]" + (" output" if l == L else "")
        if q in ("A", "Z") and l < L:
            share = format_percent(float(sat[-1])) if len(sat) and np.isfinite(sat[-1]) else None
            if len(self._quantities()) == 1:
                text += f" {act}" + (f", {share} {'at 0' if act == 'relu' else 'saturated'}" if share else "")
            elif q == "A" and share:
                text += f" {share} {'at 0' if act == 'relu' else 'sat.'}"
        return f"<span style='color:{hex_color(layer_rgb(l - 1))}'>{text}</span>"

    def _say_caption(self) -> None:  # set only when it changes (a new text lays the tab out)
        text = distributions_caption(self.records, self._cut, short=self.height() < SHORT and not self.whole_findings,
                                     epoch=self._frame.snapshot.epoch if self._frame is not None else None)
        if text != self.caption.text():
            self.caption.setText(text)

    def _show_health(self) -> None:
        frame = self._frame
        if frame is None:
            return
        findings = frame.snapshot.health
        room = self.health_scroll.viewport().width() - 2 * TEXT_MARGIN  # (the label's own margins)
        shown = None if self.whole_findings else shown_health_lines(self)
        if shown is not None and len(findings) > shown:  # they scroll: the scroll bar takes its room
            room -= self.health_scroll.verticalScrollBar().sizeHint().width()
        text, whole = health_lines(findings, self.health.font(), WHOLE if self.whole_findings else room, shown)
        if text != self.health.text():  # (a new text lays the tab out again)
            self.health.setText(text)
            self.health.setToolTip(HEALTH_TIP + (f"\n\n{whole}" if whole else ""))
        if self.whole_findings:  # a picture has no tooltip: every finding whole, wrapped, none scrolled away
            self.health_scroll.setFixedHeight(self.health.heightForWidth(room) + 2)

    whole_findings = False  # nnplay render: the findings wrapped whole, not elided to a line each

    @contextmanager
    def findings_whole(self):
        """For the time of an export, every finding whole and wrapped and the caption whole, as ``nnplay
        render`` draws them (a picture has no tooltip; a short tab elides each finding to a line and says
        "hover for more"), each label as tall as it needs; after it, the window's lines again."""
        was = self.whole_findings
        self.whole_findings = True
        self._show_health()
        self._say_caption()
        for label in (self.health, self.caption):
            label.resize(label.width(), label.heightForWidth(label.width()))
        try:
            yield
        finally:
            self.whole_findings = was
            if not was:
                self.health_scroll.setMinimumHeight(0)  # (set fixed for the whole findings)
                self._fit_columns()  # its height, the elided lines and the short caption back


def export_csv(win, path: str | None = None) -> bool:
    """File > Export > Distributions as CSV: the window's recorded bands (see
    ``training.distributions.write_csv``)."""
    from ..training.distributions import write_csv

    view = win.distributions
    if not view.has_records:
        win.show_error("Cannot export the distributions", "No distributions recorded yet: open the Distributions tab while "
                                        "the run trains, then export again.")
        return False
    path = path or win._ask_save("Export the distributions", "nnplay-distributions.csv", "CSV (*.csv)")
    return bool(path) and win._write(path, lambda: write_csv(path, view.records), "the distributions")


def shown_health_lines(view) -> int:
    """The lines of findings the Distributions tab ``view`` shows at its height (more scroll: in its tooltip)."""
    return HEALTH_LINES[view.height() >= SHORT]
