"""The output picture at an export's own resolution.

On screen the output view colours a 100 × 100 grid of the network's outputs
(upsampled to 199 × 199 and drawn smoothly scaled): a cell is a few screen
pixels. An export is larger: a 1,600-pixel PNG or SVG of that grid shows the
class border stepping every ~6.6 pixels. So an export evaluates the network
again on a grid with a cell per output pixel of the plot's data area
(``export_resolution``, bounded by EXPORT_GRID_MAX a side), and colours that
(``nnplay render``: ``fine_output_frame``; the window's File › Export:
``fine_output``, from the training process). Pictures are evaluated as the
training process does (``Trainer.snapshot`` with a ``ViewRequest``): the same
classes, the same axes.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from ..numbers import count

EXPORT_GRID_MAX = 1600  # the most cells a side: 2.6 M network evaluations at most
SCREEN_GRID = 100  # the grid the window draws (ViewRequest's default)


def export_resolution(boundary, scale: float) -> int:
    """Grid cells a side so that a cell is at most one output pixel of
    ``boundary``'s data area (a DecisionBoundaryView laid out as exported) at
    ``scale`` output pixels per screen pixel: its larger side in output pixels,
    from SCREEN_GRID to EXPORT_GRID_MAX."""
    rect = boundary.plot.getPlotItem().getViewBox().sceneBoundingRect()
    pixels = max(rect.width(), rect.height()) * scale
    return int(min(EXPORT_GRID_MAX, max(SCREEN_GRID, math.ceil(pixels))))


def fine_output_frame(trainer, boundary, scale: float, axes=None):
    """A frame of ``trainer``'s run whose output grid has ``export_resolution``
    cells a side, over ``axes`` (default: the pair ``boundary`` shows), for
    ``boundary.set_frame`` before an export. No history, no neuron pictures."""
    from ..training.loop import Frame, ViewRequest

    view = ViewRequest(grid_resolution=export_resolution(boundary, scale), neuron_resolution=None,
                       axes=tuple(axes if axes is not None else boundary.shown_axes))
    return Frame(trainer.run_id, trainer.snapshot(view, trainer.epoch), False, 0.0, None)


WAIT_MS = 180_000  # the longest an export waits for the training process's fine picture (then it refuses)
SHOW_AFTER_MS = 400  # a wait longer than this shows its progress dialog (a 50-class run's 1,194-cell grid: seconds)


class ExportCancelled(Exception):
    """The user cancelled an export while its picture was being computed: nothing was written."""


def grid_cells(snapshot) -> int:
    """Cells a side of ``snapshot``'s output grid (its classes when it carries no outputs: an
    export's class grid, ``Snapshot.grid_confidence``); 0 when it has none."""
    grid = snapshot.grid if snapshot.grid is not None else snapshot.grid_classes
    return 0 if grid is None else grid.shape[0]


@contextmanager
def fine_output(win, scale: float):
    """While the body exports the window ``win``'s output view at ``scale``:
    the view coloured from a grid of ``export_resolution`` cells a side. The
    training process evaluates it (the network is there: the window never
    trains nor keeps the weights' model) as it does the screen's grid
    (``set_view(grid_resolution=...)``), and the frame is drawn before the
    body runs; afterwards the screen's grid again. Meanwhile the window is
    responsive, its cursor a wait cursor, the status bar says what is computed and,
    past SHOW_AFTER_MS, a progress dialog offers Cancel (ExportCancelled). A
    picture that has not come within WAIT_MS is an ExportError: an export is never
    written from the screen's coarser grid instead (its class borders stepped)."""
    from .export import ExportError

    c = win.controller
    res = export_resolution(win.boundary, scale)
    if c.run_info is None or res <= SCREEN_GRID:
        yield
        return
    loop, got = QEventLoop(), []

    def drawn(frame) -> None:
        if grid_cells(frame.snapshot) == res:
            got.append(frame)
            loop.quit()

    message = f"Colouring the output for the export: a grid of {count(res, 'cell')} a side…"
    progress = QProgressDialog(message, "Cancel", 0, 0, win)  # (a busy bar: the grid is one computation)
    progress.setObjectName("export_progress")
    progress.setWindowTitle("Exporting the output view")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(SHOW_AFTER_MS)
    progress.setValue(0)  # starts the SHOW_AFTER_MS clock: a busy bar is never given a value, and without one
    progress.canceled.connect(loop.quit)  # Qt showed the dialog only after its default 4 s (tester 20)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    win.statusBar().showMessage(message)
    c.frame_drawn.connect(drawn)
    QTimer.singleShot(WAIT_MS, progress, loop.quit)
    c.set_view(grid_resolution=res)
    try:
        loop.exec()
        cancelled = progress.wasCanceled()
        progress.reset()  # its show timer stopped: hidden, it is not shown again before it is deleted
        progress.hide()
        if cancelled:
            raise ExportCancelled()
        if not got:
            raise ExportError(f"the output's picture ({count(res, 'cell')} a side) did not come from the training "
                              f"process within {WAIT_MS // 1000} s; nothing was written")
        win.gates.flush()  # (drawn even where the gate kept it back)
        win.statusBar().showMessage("Writing the export…")
        yield
    finally:
        QApplication.restoreOverrideCursor()
        progress.deleteLater()
        c.frame_drawn.disconnect(drawn)
        c.set_view(grid_resolution=SCREEN_GRID if win.gates.boundary.seen else None)
