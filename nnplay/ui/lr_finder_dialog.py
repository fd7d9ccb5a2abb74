"""Run > Find learning rate…: the learning-rate range test (training.lr_finder)
on a copy of the current run, its loss against the rate on a log axis, the
suggestion marked, and *Apply* to make it the run's learning rate.

The copy is made from the training process's state (``Request("state")``, as
saving a session does) and the test runs in a worker thread: never on the GUI
thread, and never in the real run, which is not touched."""

from __future__ import annotations

import itertools
import math
import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ..numbers import count, format_number
from .diverged import diverged_epoch, reset_first
from .result_age import ResultAge
from .empty_note import note_when_empty
from .plots import plot_widget
from .side_window import PlacedBeside
from .widgets import named

_TOKENS = itertools.count(1 << 30)  # apart from the controller's (from 1) and the autosave's (negative)


class LrFinderDialog(PlacedBeside, QDialog):
    finished_test = Signal(object)  # LrFinderResult, or a one-line message (str) when it could not run

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Find learning rate")
        self.controller = controller
        self.result = None
        self._found = ""  # what the test found, in words (without the epoch: _say_found)
        self._token = None
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        layout = QVBoxLayout(self)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        named(self.status, "lr_finder_status", "What the range test found.")
        self.status.setMinimumWidth(420)  # (the plot's width: a line without the plot is not wrapped narrow)
        layout.addWidget(self.status)
        self.plot = plot_widget()
        named(self.plot, "lr_finder_plot", "The smoothed loss after each mini-batch against its learning rate.")
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("bottom", "learning rate")
        self.plot.setLabel("left", "training loss (smoothed)")
        self.curve = self.plot.plot(pen=pg.mkPen(31, 119, 180, width=2))
        note_when_empty(self.plot.getPlotItem(), hold_range=True)  # "No data yet" until the range test's curve
        self.mark = pg.InfiniteLine(angle=90, pen=pg.mkPen(214, 39, 40, width=1.5, style=Qt.PenStyle.DashLine))
        self.mark.hide()
        self.plot.addItem(self.mark)
        self.plot.setMinimumSize(420, 260)
        layout.addWidget(self.plot, 1)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setToolTip("Make the suggested rate the run's learning rate.")
        self.apply_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.reset_button = self.buttons.addButton("Reset and find", QDialogButtonBox.ButtonRole.ActionRole)
        self.reset_button.setToolTip("Reset the run to fresh weights (as Reset, R) and find the learning rate from them.")
        self.reset_button.clicked.connect(self.reset_and_start)
        self.reset_button.hide()  # only for a diverged run
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.finished_test.connect(self._show, Qt.ConnectionType.QueuedConnection)
        controller.run.state_ready.connect(self._on_state)
        self.age = ResultAge()  # the epoch the test started from, and whether the run's weights changed since
        controller.run.frame.connect(self._follow)

    def start(self) -> None:
        """Ask the training process for the run's state; the test starts when it comes."""
        if self._thread is not None and self._thread.is_alive():
            return
        self.result = None
        self.apply_button.setEnabled(False)
        self.mark.hide()
        self.curve.setData([], [])  # (the empty state's range, not the last test's: note_when_empty)
        diverged = diverged_epoch(self.controller)
        self.reset_button.setVisible(diverged is not None)
        if diverged is not None:  # its weights are the last finite ones: no rate to find from there
            self._say(reset_first(diverged, "find the learning rate"))  # (no plot: no curve will come)
            return
        self._say("Growing the learning rate over a copy of the run…")  # (the plot with the curve: _show)
        self._token = next(_TOKENS)
        self.controller.run.request_state(self._token)

    def reset_and_start(self) -> None:
        """Reset the run (as the Reset button does) and start the test on its fresh weights."""
        self.controller.reset()
        self.start()

    def _say(self, text: str) -> None:
        """``text`` alone, without the plot: no curve will come (a diverged run, a test that could not run)."""
        self.status.setText(text)
        self._plot_shown(False)

    def _plot_shown(self, on: bool) -> None:
        if on == self.plot.isHidden():
            self.plot.setVisible(on)
            self.adjustSize()  # (no blank room where the plot was)

    def _on_state(self, token: int, state) -> None:
        if token != self._token:
            return
        self._token = None
        if state is None:
            self._say("There is no run to test yet.")
            return
        config, data = self.controller.config, self.controller.data
        frame = self.controller.last_frame
        if frame is not None and frame.snapshot.epoch == state["epoch"]:  # (the weights the copy was made of)
            self.age.stamp(state["epoch"], *frame.snapshot.batch_position, frame=frame)
        else:
            self.age.stamp(state["epoch"], 0, 1)
        self._cancel.clear()
        self._thread = threading.Thread(target=self._work, args=(config, data, state), name="nnplay-lr-finder",
                                        daemon=True)
        self._thread.start()

    def _work(self, config, data, state) -> None:
        from ..training import Trainer
        from ..training.lr_finder import find_learning_rate

        try:
            trainer = Trainer(config, data)
            trainer.load_state_dict(state)
            self.finished_test.emit(find_learning_rate(trainer, cancelled=self._cancel.is_set))
        except ValueError as exc:
            self.finished_test.emit(f"The range test could not run: {exc}")

    def _show(self, result) -> None:
        if isinstance(result, str):
            self._say(result)
            return
        self.result = result
        self._plot_shown(True)
        ok = np.isfinite(result.loss)
        self.curve.setData(result.lr[ok], result.loss[ok])
        lr = self.suggested()
        if lr is None:
            self._found = (f"No suggestion: {result.no_suggestion}. "
                           f"{count(len(result.lr), 'mini-batch', 'mini-batches')}, {result.stopped}.")
            self._say_found()
            return
        self.mark.setValue(math.log10(lr))
        self.mark.show()
        self.apply_button.setEnabled(True)
        self._found = (
            f"Suggested learning rate: <b>{format_number(lr)}</b> — where the smoothed loss falls fastest "
            f"({format_number(result.steepest_lr)}), but at most a tenth of the rate at its lowest "
            f"({format_number(result.min_loss_lr)}). {count(len(result.lr), 'mini-batch', 'mini-batches')}, {result.stopped}; "
            "the run itself is untouched.")
        self._say_found()

    def _say_found(self) -> None:
        """What the test found, and the epoch it started from (in bold once the run's weights changed)."""
        age = self.age.text()
        self.status.setText(f"{self._found} " + (f"<b>{age}</b>" if self.age.stale else age))

    def _follow(self, frame) -> None:
        """Say so once the run's weights are no longer those the test started from."""
        if self.result is not None and self.age.follow(frame):
            self._say_found()

    def suggested(self) -> float | None:
        """The suggestion to two significant digits (a rate one can read and type)."""
        if self.result is None or self.result.suggested_lr is None:
            return None
        return float(f"{self.result.suggested_lr:.2g}")

    def apply(self) -> None:
        lr = self.suggested()
        if lr is not None and self.controller.state.apply(lr=lr):
            self.accept()

    def done(self, r: int) -> None:
        self._cancel.set()
        super().done(r)


def show_lr_finder(win) -> LrFinderDialog:
    """Run > Find learning rate…: one dialog per window, started afresh each time."""
    dialog = getattr(win, "lr_finder", None)
    if dialog is None:
        dialog = win.lr_finder = LrFinderDialog(win.controller, win)
    dialog.show()
    dialog.raise_()
    dialog.start()
    return dialog
