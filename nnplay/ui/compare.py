"""Comparing two runs: the window's run (A) and a fork of it with one setting
changed (B), trained together; their loss curves overlaid and their decision
boundaries side by side.

Run B is a ``RunHandle`` of its own training process, driven by
``comparison.Comparison`` (which forwards Play, Pause, Step, Reset and the
speed to it); ``CompareWindow`` draws both runs.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSplitter,
    QVBoxLayout, QWidget,
)

from ..numbers import format_alike, format_number, format_percent, rate_text
from ..training.history import History
from ..training.settings_text import CHOICE_LABELS, SETTING_NAMES
from .decision_boundary import DecisionBoundaryView
from .empty_note import note_when_empty
from .epoch_readout import epoch_text
from .live_curve import LiveCurve
from .plot_layout import epoch_axis, legend_above
from .plots import plot_widget
from .shared_plane import show_axes
from .steady_label import SteadyLabel
from .widgets import named, nest
from .side_window import SideWindow
from .screen_fit import resize_within_screen

MIN_PLOT_HEIGHT = 200  # pixels: the loss plot's title, legend, axes and a usable plotting area
MIN_VIEW_HEIGHT = 220  # pixels: each run's output picture, the point of the window, and its axes (tester 21: a
# window made 500 px high squeezed them to 30 px under a loss plot kept at its 240): the window's least height
MIN_WIDTH = 640  # pixels: narrower, the read-outs under the pictures wrap taller than the least height has room for
FORK_Z = 50  # the fork marker and its label: above every curve
RUN_COLORS = {"A": (31, 119, 180), "B": (214, 39, 40)}


def describe(config, changed: dict) -> str:
    """'learning rate 0.3, optimizer Adam' for the settings in ``changed``: a choice by its label in
    the window (Leaky ReLU, Gradient descent), not its key (leaky_relu, sgd)."""
    parts = []
    for key in changed:
        value = getattr(config, key)
        if isinstance(value, str):
            value = CHOICE_LABELS.get(key, {}).get(value, value)
        elif isinstance(value, (tuple, list)):  # layers, features, rates per layer: "8, 8", not "(8, 8)"
            value = ", ".join(format_number(v) if isinstance(v, float) else str(v) for v in value) or "none"
        parts.append(f"{SETTING_NAMES.get(key, key)} {format_number(value)}" if isinstance(value, float)
                     else f"{SETTING_NAMES.get(key, key)} {value}")
    return ", ".join(parts)


# A wide, pale line under B's narrow one: where the two runs' curves coincide (B
# forked from A a moment ago, or a setting that hardly matters) both stay visible.
RUN_PENS = {"A": {"width": 4, "alpha": 150}, "B": {"width": 1.5, "alpha": 255}}


class _RunCurves:
    """Train and test loss of one run, from its bounded history; ``since``: the
    first epoch drawn (run B's history before the fork is a copy of A's)."""

    def __init__(self, plot: pg.PlotWidget, name: str):
        look = RUN_PENS[name]
        rgb = (*RUN_COLORS[name], look["alpha"])
        self.history = History()
        self.since = 0
        # live curves, as the main window's: decimated to the view's columns, a lone point (epoch 0) a dot
        self.train_curve = LiveCurve(pg.mkPen(rgb, width=look["width"]), f"{name} train")
        self.test_curve = LiveCurve(pg.mkPen(rgb, width=look["width"], style=Qt.PenStyle.DashLine), f"{name} test")
        for c in (self.train_curve, self.test_curve):
            plot.addItem(c)
            c.setZValue(1 if name == "A" else 2)  # B's narrow line on A's wide one

    def clear(self) -> None:
        self.history.clear()
        self.redraw()

    def load(self, history: History) -> None:
        """Start from a whole history (run A's, as the main window holds it)."""
        self.history = history.copy()
        self.redraw()

    def add(self, snap) -> None:
        if self.history.receive(snap.history_base, snap.history_start, snap.history):  # else out of step: wait
            self.redraw()

    def redraw(self) -> None:
        for name, curve in (("train_loss", self.train_curve), ("test_loss", self.test_curve)):
            x, y = self.history.curve(name)
            keep = x >= self.since
            curve.setData(x[keep], y[keep], connect="finite")


class CompareWindow(SideWindow):
    """Two runs side by side: boundaries above, overlaid loss curves below."""

    stop_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Compare runs — nnplay")
        self.setObjectName("compare_window")
        resize_within_screen(self, 1100, 760)
        self.setMinimumWidth(MIN_WIDTH)
        outer = QVBoxLayout(self)
        self.title = QLabel("")
        self.title.setObjectName("compare_title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        top = QWidget()
        sides = QHBoxLayout(top)
        sides.setContentsMargins(0, 0, 0, 0)
        # under each boundary two read-out lines (its epoch; its losses and accuracy): on one line, the two
        # sides' read-outs made the window 1,088 px wide at least, wider than a 1024x768 screen (tester 19)
        self.views, self.stats, self.losses, self.headers = {}, {}, {}, {}
        for name in ("A", "B"):
            col = QVBoxLayout()
            header = QLabel("")
            header.setTextFormat(Qt.TextFormat.RichText)
            self.headers[name] = header
            col.addWidget(header)
            view = DecisionBoundaryView(drawing=False)
            view.setObjectName(f"compare_boundary_{name}")
            view.setMinimumHeight(MIN_VIEW_HEIGHT)
            self.views[name] = view
            col.addWidget(view, 1)
            for lines, kind in ((self.stats, "stats"), (self.losses, "losses")):
                line = SteadyLabel()  # its size does not follow the digits: no layout of the window per frame
                line.setObjectName(f"compare_{kind}_{name}")
                line.setTextFormat(Qt.TextFormat.RichText)
                lines[name] = line
                col.addWidget(line)
            nest(sides, col, 1)
        self.plot = named(plot_widget(), "compare_loss", "Both runs' loss after each epoch: solid train, dashed test.")
        self.plot.setTitle("Loss: A and B (solid train, dashed test)", size="10pt")
        epoch_axis(self.plot.getPlotItem())  # from 0: no negative epochs after a Reset's auto-range
        note_when_empty(self.plot.getPlotItem(), hold_range=True)  # emptied: the empty range, not a squeezed one
        self.plot.setLabel("left", "loss")
        legend_above(self.plot.getPlotItem(), columns=4)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.curves = {name: _RunCurves(self.plot, name) for name in ("A", "B")}
        self.fork_epoch: int | None = None
        self.plane = (0, 1)  # the pair of inputs both panes span: the window's (shared_plane)
        self._built: set[str] = set()  # the runs built since this comparison began (a second build: a Reset)
        self.fork_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(150, 150, 150, width=1,
                                                                               style=Qt.PenStyle.DotLine),
                                         label="fork", labelOpts={"position": 0.85, "color": (110, 110, 110),
                                                                  "anchors": [(0, 0.5), (0, 0.5)]})
        self.fork_line.setZValue(FORK_Z)  # its label above the curves, on the plot's background, readable
        self.plot.addItem(self.fork_line)
        self.fork_line.setVisible(False)
        self.plot.setMinimumHeight(MIN_PLOT_HEIGHT)  # its title, legend and axes, and room for the curves
        # boundaries above, the loss below, in a splitter the user can drag; the plot gets a fair share
        # (in a box layout the boundary views' size hints took all but a 30-pixel strip of it)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("compare_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.plot)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])
        outer.addWidget(self.splitter, 1)
        row = QHBoxLayout()
        self.log_scale = named(QCheckBox("Log scale"), "compare_log_scale",
                               "Show the loss on a logarithmic axis, to tell small losses apart.")
        self.log_scale.toggled.connect(lambda on: self.plot.setLogMode(y=on))
        row.addWidget(self.log_scale)
        hint = QLabel("Play (Space), Step (Right) and Reset (R), here or in the main window, drive both runs.")
        hint.setWordWrap(True)  # (two lines on a narrow screen, not a window wider than it)
        row.addWidget(hint, 1)
        self.stop_button = named(QPushButton("Stop comparing"), "compare_stop",
                                 "Close this comparison and stop run B.")
        self.stop_button.clicked.connect(self.close)
        row.addWidget(self.stop_button)
        nest(outer, row)
        self._closing_by_program = False

    def begin(self, describe_a: str, describe_b: str, fork_epoch: int | None = None) -> None:
        """A new comparison; ``fork_epoch``: where B split off A (None: both start afresh)."""
        self.fork_epoch = fork_epoch or None
        self._built = set()
        self.fork_line.setVisible(self.fork_epoch is not None)
        fill = QColor(self.plot.backgroundBrush().color())  # (the palette of now: light or dark)
        fill.setAlpha(220)
        self.fork_line.label.fill = pg.mkBrush(fill)
        if self.fork_epoch is not None:
            self.fork_line.setValue(self.fork_epoch)
        self.curves["A"].since = 0
        self.curves["B"].since = self.fork_epoch or 0  # before the fork, B's history is A's
        self.set_labels(describe_a, describe_b)
        for c in self.curves.values():
            c.clear()
        for line in (*self.stats.values(), *self.losses.values()):
            line.setText("")

    def set_labels(self, describe_a: str, describe_b: str) -> None:
        """The title and the runs' headers: what each run uses of the settings compared (and of any
        other they differ in), e.g. "learning rate 0.03" and "learning rate 0.3"."""
        colour = {k: "#%02x%02x%02x" % v for k, v in RUN_COLORS.items()}
        self.headers["A"].setText(f"<b style='color:{colour['A']}'>A</b> — this run: {describe_a}")
        self.headers["B"].setText(f"<b style='color:{colour['B']}'>B</b> — the fork: {describe_b}")
        self.title.setText(f"Comparing <b>{describe_a}</b> (A) with <b>{describe_b}</b> (B), "
                           f"everything else the same.")

    def set_run(self, name: str, info) -> None:
        """Run ``name`` (re)built. A second build of a run within one comparison is a
        Reset: both runs start afresh, so the fork no longer applies."""
        self.views[name].set_run(info)
        show_axes(self.views[name], self.plane)  # (its own default pair at a first run: the window's instead)
        self.curves[name].clear()
        if name in self._built:
            self.forget_fork()
        self._built.add(name)

    def forget_fork(self) -> None:
        """Both runs start again from epoch 0: no fork marker, B drawn from its start,
        the x range from the new curves."""
        self.fork_epoch = None
        self.fork_line.setVisible(False)
        self.curves["B"].since = 0
        self.curves["B"].redraw()
        self.plot.getPlotItem().enableAutoRange()

    def set_frame(self, name: str, frame) -> None:
        self.views[name].set_frame(frame)
        self.curves[name].add(frame.snapshot)
        self.show_stats(name, frame.snapshot)

    def show_stats(self, name: str, snap) -> None:
        """The lines under run ``name``'s boundary: its epoch; its losses and accuracy."""
        train, test = format_alike([snap.train_loss, snap.test_loss])  # (side by side: alike, one form)
        acc = "" if snap.test_accuracy is None else f" · test accuracy {format_percent(snap.test_accuracy)}"
        div = "" if snap.diverged_at is None else f" · <b style='color:#b3261e'>diverged at {snap.diverged_at}</b>"
        self.stats[name].setText(f"{epoch_text(snap)}{div}")
        self.losses[name].setText(f"train loss {train} · test loss {test}{acc}")

    def close_quietly(self) -> None:
        """Close without asking the controller to stop (it already has)."""
        self._closing_by_program = True
        self.close()
        self._closing_by_program = False

    def closeEvent(self, event) -> None:
        if not self._closing_by_program:
            self.stop_requested.emit()
        super().closeEvent(event)


class ForkDialog(QDialog):
    """Pick the one setting run B changes, and whether both start afresh."""

    def __init__(self, config, parent=None):
        super().__init__(parent)
        from ..engine import ACTIVATIONS, OPTIMIZERS
        from .network_panel import LEARNING_RATES, REG_RATES

        self.setWindowTitle("Compare runs: what run B changes")
        self.config = config
        self.choices = {
            "lr": [(rate_text(v), v) for v in LEARNING_RATES],
            "optimizer": [(o, o) for o in OPTIMIZERS],
            "activation": [(a, a) for a in ACTIVATIONS],
            "batch_size": [(str(v), v) for v in (1, 2, 5, 10, 20, 30, 50, 100, 1000)],
            "l2": [(rate_text(v), v) for v in REG_RATES],
            "l1": [(rate_text(v), v) for v in REG_RATES],
            "seed": [(str(v), v) for v in range(10)],
        }
        form = QFormLayout(self)
        form.addRow(QLabel("Train a copy of this run (B) with one setting changed beside it (A)."))
        self.setting = named(QComboBox(), "fork_setting", "The setting run B changes.")
        for key in self.choices:
            self.setting.addItem(SETTING_NAMES[key], key)
        self.value = named(QComboBox(), "fork_value", "Run B's value of that setting.")
        self.restart = named(QCheckBox("Start both afresh from the same initial weights"), "fork_restart",
                             "Reset this run too, so both begin at epoch 0 from identical weights; otherwise B "
                             "goes on from this run's current weights.")
        form.addRow("Setting", self.setting)
        form.addRow("B's value", self.value)
        form.addRow(self.restart)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Compare")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setting.currentIndexChanged.connect(self._fill_values)
        self._fill_values()

    def _fill_values(self, _=None) -> None:
        key = self.setting.currentData()
        current = getattr(self.config, key)
        choices = list(self.choices[key])
        if current not in [v for _, v in choices]:  # a value of one's own (a rate of 0.0123): listed in its place
            text = rate_text(current) if isinstance(current, float) else str(current)  # (as the list's items)
            ordered = all(isinstance(v, (int, float)) for _, v in choices) and isinstance(current, (int, float))
            where = sum(v < current for _, v in choices) if ordered else len(choices)
            choices.insert(where, (text, current))
        self.value.clear()
        for text, v in choices:
            self.value.addItem(text + ("  (this run)" if v == current else ""), v)
        # preselect a neighbour of the current value: the natural "what if"
        values = [v for _, v in choices]
        at = values.index(current)
        self.value.setCurrentIndex(at + 1 if 0 <= at < len(values) - 1 else max(0, at - 1))
        self.restart.setEnabled(key != "seed")
        if key == "seed":
            self.restart.setChecked(True)

    def result_changes(self) -> tuple[dict, bool]:
        key = self.setting.currentData()
        return {key: self.value.currentData()}, self.restart.isChecked()
