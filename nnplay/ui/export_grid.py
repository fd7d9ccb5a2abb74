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

from PySide6.QtCore import QEventLoop, QTimer

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


WAIT_MS = 20_000  # the longest an export waits for the training process's fine picture


@contextmanager
def fine_output(win, scale: float):
    """While the body exports the window ``win``'s output view at ``scale``:
    the view coloured from a grid of ``export_resolution`` cells a side. The
    training process evaluates it (the network is there: the window never
    trains nor keeps the weights' model) as it does the screen's grid
    (``set_view(grid_resolution=...)``), and the frame is drawn before the
    body runs; afterwards the screen's grid again. Should the frame not come
    within WAIT_MS, the export goes on with the screen's picture."""
    c = win.controller
    res = export_resolution(win.boundary, scale)
    if c.run_info is None or res <= SCREEN_GRID:
        yield
        return
    loop = QEventLoop()

    def drawn(frame) -> None:
        grid = frame.snapshot.grid
        if grid is not None and grid.shape[0] == res:
            loop.quit()

    c.frame_drawn.connect(drawn)
    QTimer.singleShot(WAIT_MS, loop.quit)
    c.set_view(grid_resolution=res)
    try:
        loop.exec()
        win.gates.flush()  # (drawn even where the gate kept it back)
        yield
    finally:
        c.frame_drawn.disconnect(drawn)
        c.set_view(grid_resolution=SCREEN_GRID if win.gates.boundary.seen else None)
