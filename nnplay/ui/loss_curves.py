"""Train and test data loss per epoch (and the penalty apart, when regularised),
with accuracy beside it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..data import CLASSIFICATION
from ..numbers import agree, count, format_number
from ..training import History
from ..training.history import RUN_FIELDS
from .colors import negative, positive
from .curve_paths import live_pen
from .curve_bundle import CurveBundle
from .loss_text import readout_parts
from .log_floor import ZeroFloor
from .curve_key import CurveKey, room_at_top
from .plot_layout import epoch_axis, fit_epochs, follow_epochs, share_epochs
from .plots import plot_widget
from .smoothed_curves import SmoothingControl, Smoother
from .stepped_range import SteppedYRange, show_empty
from .schedule_views import LearningRateAxis
from .widgets import named, nest

PENALTY_PEN = live_pen((140, 140, 140), style=Qt.PenStyle.DashLine)


def _curve_plot(left: str) -> pg.PlotWidget:
    """A plot of a quantity per epoch, its tick labels never colliding; no title (the y axis
    names the quantity, a ``CurveKey`` above keys the curves: a short plot keeps its height)."""
    p = plot_widget()
    epoch_axis(p.getPlotItem())  # whole epochs from 0, at least 0…1, a note while empty
    p.setLabel("left", left)
    room_at_top(p.getPlotItem())
    p.setClipToView(True)
    p.setDownsampling(auto=True, mode="peak")
    for side in ("left", "bottom"):
        p.getAxis(side).enableAutoSIPrefix(False)
    return p


HOVER_HINT = "Hover over the curves to read values."
KEY_TIP = "The key of the loss and accuracy curves."
ABOVE_TIP = (KEY_TIP + " The loss scale fits the bulk of the curve: its first epochs' larger values leave the "
             "top of the plot, the largest said after the key (tick Log scale to see them all).")

class LossCurvesView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.history = History(RUN_FIELDS)  # bounded: recent epochs exactly, older ones as a min/max envelope
        self._x_right = 0.0
        self._drawn = -1  # the history's length at the last frame drawn (offered)
        self._classification = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.log_scale = named(QCheckBox("Log scale"), "loss_log_scale", "Show the loss on a logarithmic axis.")
        self.log_scale.toggled.connect(self._set_log)
        self.readout = QLabel(HOVER_HINT)
        self.readout.setObjectName("loss_readout")
        self.readout.setWordWrap(True)  # an envelope's or a penalty's read-out is long: two lines, so the plots do not jump
        self.readout.setMinimumHeight(2 * self.readout.fontMetrics().lineSpacing())
        self.smoothing = SmoothingControl()
        self.smoothing.changed.connect(self.set_smoothing)
        self.smoother = Smoother()
        row.addWidget(self.log_scale)
        row.addWidget(self.smoothing)
        row.addStretch(1)
        nest(layout, row)
        layout.addWidget(self.readout)  # its own row: beside the controls a narrow column would squeeze it
        self.zero_note = QLabel("")  # says when a loss is exactly 0 (a log axis cannot show 0 by itself)
        self.zero_note.setObjectName("loss_zero_note")
        self.zero_note.setWordWrap(True)
        self.zero_note.setVisible(False)
        layout.addWidget(self.zero_note)
        plots = QHBoxLayout()
        self.key = named(CurveKey(), "curves_key", KEY_TIP)
        layout.addWidget(self.key)  # above the plots, never over their curves (curve_key)
        self.loss_plot = named(_curve_plot("loss"), "loss_plot",
                               "Training and test data loss after each epoch; with L1 or L2, the penalty "
                               "(dashed) apart. Hover for the totals.")
        self.loss_floor = ZeroFloor(self.loss_plot)
        # in steps; a loss is never < 0; fitted to the bulk of the curve, the first epochs' far larger loss said above it
        self.loss_range = SteppedYRange(self.loss_plot, bounds=(0.0, float("inf")), outliers=False)
        self.loss_plot.getPlotItem().legend = self.key  # plot(name=...) adds to it, as to a LegendItem
        self.acc_plot = named(_curve_plot("accuracy"), "accuracy_plot",
                              "Training and test accuracy after each epoch, in the loss plot's colours "
                              "(the key above is the key of both).")
        self.acc_plot.setYRange(0, 1.02, padding=0)
        self.acc_plot.enableAutoRange(axis="y", enable=False)
        # the same epochs side by side on one range: a restored run showed loss 0 … 500 beside accuracy 0 … 600
        share_epochs((self.loss_plot, self.acc_plot))
        # each plot's curves (and their raw twins) lanes of one item, decimated to the pixel columns:
        # one update and one paint a plot a frame (curve_bundle, live_curve)
        self.bundles = {"loss": CurveBundle(), "accuracy": CurveBundle()}
        self.loss_plot.addItem(self.bundles["loss"])
        self.acc_plot.addItem(self.bundles["accuracy"])
        self.curves = {name: self.bundles["accuracy" if "accuracy" in name else "loss"].add_lane(pen, label)
                       for name, pen, label in (("train_loss", None, "train"), ("test_loss", None, "test"),
                                                ("train_accuracy", None, "train"), ("test_accuracy", None, "test"),
                                                ("penalty", PENALTY_PEN, None))}
        self.curves["penalty"].setVisible(False)  # in the legend only while there is a penalty
        for name, c in self.curves.items():
            if "loss" in name:
                self.key.addItem(c, c.name())
            if name != "penalty":
                self.smoother.add(self.loss_plot if "loss" in name else self.acc_plot, c)
        self.refresh_colours()
        self.lr_axis = LearningRateAxis(self.loss_plot)  # the scheduled learning rate, on the right axis
        plots.addWidget(self.loss_plot, 3)
        plots.addWidget(self.acc_plot, 2)
        nest(layout, plots, 1)
        self._hover = [pg.SignalProxy(p.scene().sigMouseMoved, rateLimit=30, slot=self._on_hover)
                       for p in (self.loss_plot, self.acc_plot)]
        self._pointer = None  # where the pointer last was over a plot (scene): read again when the axis moves under it
        for p in (self.loss_plot, self.acc_plot):
            p.getViewBox().sigXRangeChanged.connect(self._read_again)

    def set_run(self, info) -> None:
        self.history.clear()
        self._drawn = -1  # (the run's first frame is drawn, whatever its history)
        self.readout.setText(HOVER_HINT)  # nothing of the previous run stays
        self._pointer = None
        self.loss_range.reset()
        self._x_right = 0.0
        self._classification = info.data.task == CLASSIFICATION
        self.acc_plot.setVisible(self._classification)
        for c in self.curves.values():
            c.setData([], [])
        self.loss_floor.clear()  # (no "0" kept from the last run's zeros)
        self.loss_range.update()  # the empty state's range, as a new plot's (not the last run's)
        self._say_above()  # (no "↑ to" kept from the last run)
        for p in (self.loss_plot, self.acc_plot):
            show_empty(p.getPlotItem(), y=False)
        self._show_penalty(False)
        self._say_zero_loss()
        self.lr_axis.show_history(self.history)

    def add_frame(self, frame) -> None:
        snap = frame.snapshot
        names = tuple(n for n in RUN_FIELDS if n in snap.history)  # (a frame of an older run has no lr)
        if names != self.history.names:
            self.history = History(names)
        elif no_new_epoch(snap, len(self.history)) and self._drawn == len(self.history):
            return  # the same curves, axes and key as the last frame's: nothing to draw (a long epoch's frames)
        if not self.history.receive(snap.history_base, snap.history_start, snap.history):
            return  # out of step (cannot happen within a run)
        self._drawn = len(self.history)
        n = len(self.history)
        # the epoch axis in steps, so the axes are not redrawn every frame; the accuracy plot's is linked to it
        self._x_right = follow_epochs((self.loss_plot, self.acc_plot), n, self._x_right)
        self._show_penalty(bool(self.history.extremes("penalty")[1] > 0))
        self.gate.offer() if self.gate is not None else self._draw_curves()  # (only while seen: ui.visibility)

    gate = None  # a visibility.PanelGate: draw only while the panel can be seen (None: always)

    def fit_epochs(self) -> None:
        """The epoch axes fitted to the epochs recorded, without room to grow (a finished run's picture)."""
        fit_epochs((self.loss_plot, self.acc_plot), len(self.history))

    def draw(self) -> None:
        self._draw_curves()
        self.lr_axis.show_history(self.history)

    def _draw_curves(self) -> None:
        names = list(self.curves) if self._classification else ["train_loss", "test_loss", "penalty"]
        if not self.curves["penalty"].isVisible():  # (no penalty: _show_penalty shows it, then it is drawn)
            names.remove("penalty")
        x, ys = self.history.curves(names)  # (one x for every series)
        xy = {name: (x, y) for name, y in zip(names, ys)}
        shown = {name for name, (_, y) in xy.items() if not np.isnan(y).all()}
        for name in set(names) - shown:
            self.smoother.clear(self.curves[name])
        # smoothed (TensorBoard's slider), raw faint behind; on a log axis exact zeros sit on the floor marked 0
        for group, place in ((("train_loss", "test_loss"), self.loss_floor.place),
                             (("train_accuracy", "test_accuracy"), None)):
            group = [name for name in group if name in shown]
            self.smoother.set_data([self.curves[n] for n in group], [xy[n][0] for n in group],
                                   [xy[n][1] for n in group], place)
        if "penalty" in shown:  # a smooth curve already (a sum over the weights)
            self.curves["penalty"].setData(*xy["penalty"], connect="finite")
        self.loss_range.update()
        self._say_above()
        self._say_zero_loss()

    def _say_above(self) -> None:
        """"loss ↑ to 0.8 above the plot" in the key's row, over no curve, while the scale leaves the
        curve's largest values out; nothing otherwise (set_run: nothing of the last run's)."""
        above = self.loss_range.above
        note = "" if above is None else f"loss ↑ to {format_number(above)} above the plot"
        if note != self.key.note:  # (only when it changes: no tooltip or text event a frame)
            self.key.set_note(note)
            self.key.setToolTip(ABOVE_TIP if note else KEY_TIP)

    def set_smoothing(self, weight: float) -> None:
        """Smooth the loss and accuracy curves at ``weight`` (0..0.99; see smoothed_curves)."""
        self.smoother.weight = float(weight)
        self._draw_curves()

    def _say_zero_loss(self) -> None:
        n = len(self.history)
        zero = [f.split("_")[0] for f in ("train_loss", "test_loss") if n and self.history.last(f) == 0]
        text = ""
        if zero:
            where = " (drawn on the log axis's floor marked 0)" if self.log_scale.isChecked() else ""
            text = (f"{' and '.join(zero).capitalize()} loss {agree(len(zero), 'is', 'are')} exactly 0 at epoch "
                    f"{n - 1}: every output equals its target to the last bit{where}.")
        self.zero_note.setText(text)
        self.zero_note.setVisible(bool(text))

    def _show_penalty(self, on: bool) -> None:
        curve, legend = self.curves["penalty"], self.loss_plot.getPlotItem().legend
        if on != curve.isVisible():
            curve.setVisible(on)
            if on:
                legend.addItem(curve, "penalty")
            else:
                legend.removeItem(curve)

    def refresh_colours(self) -> None:
        """Train in the palette's positive colour, test in its negative one (see colors.set_palette)."""
        for name, curve in self.curves.items():
            if name != "penalty":
                curve.setPen(live_pen(positive() if name.startswith("train") else negative()))
                self.smoother.restyle(curve)
        self.key.refresh()

    def _set_log(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)  # (a PlotItem sets it on its right axis too: the rate's, on its own view)
        self.lr_axis.axis.setLogMode(False)  # the rate stays linear: its labels read 10^rate otherwise
        self.loss_range.reset()
        self._draw_curves()

    def _read_again(self, *_) -> None:
        """The epoch axis moved under a still pointer (training rescaled it): read where it points now."""
        if self._pointer is not None and (self.loss_plot.underMouse() or self.acc_plot.underMouse()):
            self._on_hover((self._pointer,))

    def _on_hover(self, event) -> None:
        pos = self._pointer = event[0]
        n = len(self.history)
        if not n:
            return
        for plot, fields in ((self.loss_plot, ("train_loss", "test_loss")),
                             (self.acc_plot, ("train_accuracy", "test_accuracy"))):
            if plot.isVisible() and plot.sceneBoundingRect().contains(pos):
                epoch = int(round(plot.getViewBox().mapSceneToView(pos).x()))
                self.readout.setText(readout_text(self.history.at(min(max(epoch, 0), n - 1)), fields,
                                                  with_penalty=plot is self.loss_plot))
                return


def readout_text(r, fields, with_penalty: bool = False) -> str:
    """One epoch's values (with the penalty and the totals, for the losses of a
    regularised run), or, where older epochs are kept as an envelope, the range
    of the bucket holding it: "epochs 4,096–8,191 (envelope of 4,096 epochs),
    train loss 0.12–0.35"."""
    if r.exact:
        parts = [f"epoch {r.first}"]
        if with_penalty:
            parts += readout_parts(*(r.lo[f] for f in (*fields, "penalty")))
        else:
            parts += [f"{f.replace('_', ' ')} {format_number(r.lo[f], zeros=True)}" for f in fields if np.isfinite(r.lo[f])]
    else:
        names = (*fields, "penalty") if with_penalty else fields
        parts = [f"epochs {r.first:,}–{r.last:,} (envelope of {count(r.last - r.first + 1, 'epoch')})"]
        parts += [f"{f.replace('_', ' ')} {format_number(r.lo[f], zeros=True)}–{format_number(r.hi[f], zeros=True)}"
                  for f in names
                  if np.isfinite(r.lo[f]) and not (f == "penalty" and r.hi[f] == 0)]
    return ",  ".join(parts)


def no_new_epoch(snap, held: int) -> bool:
    """True when ``snap`` brings no epoch to a History of ``held`` epochs: no whole record, and an empty
    increment starting at its end (at ~8 epochs a second, six frames of seven in a 100,000-row epoch)."""
    return snap.history_base is None and snap.history_start == held and \
        not any(len(v) for v in (snap.history or {}).values())

