"""`nnplay render --animate`: a panel of a saved session recorded while the run
trains on from it, headless, as a GIF or MP4 (one frame per ``every`` epochs).

The run is restored in this process as ``render`` restores it (no window, no
training process: nothing is drawn on a screen, so training here is the
renderer's only work); after each ``every`` epochs the panels get a frame as
the window's would, the panel is painted (``export.panel_image``) and the
image goes to a ``FrameWriter``.
"""

from __future__ import annotations

import math
import re
import sys

from ..failures import naming_option
from ..interrupts import check as check_interrupt
from ..interrupts import finished, interruptible
from ..numbers import count
from .export import panel_image
from .export_grid import export_resolution
from .frame_writer import FrameWriter, check_recording_path, even_size, image_to_rgb
from .render import PanelViews, _application, check_room, panel_frame, session_trainer

DEFAULT_ANIMATION_SIZE = (640, 480)
MAX_FRAMES = 2000


def stamped(image, text: str):
    """``image`` with ``text`` (the epoch) written small in its top right corner, in place."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QPainter

    ratio = image.devicePixelRatio()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(QColor(70, 70, 70))
    painter.drawText(QRectF(0, 2, image.width() / ratio - 6, image.height() / ratio),
                     Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight, text)
    painter.end()
    return image


EPOCH_SAID = re.compile(r"\b[Ee]poch \d")  # a text that names an epoch ("Of the weights after epoch 12")


def says_its_epoch(parts) -> bool:
    """Whether the panel painted from ``parts`` (export.panel_image's) names its epoch itself: an epoch stamp
    shown in one of its plots (the output, hidden space, diagram, heatmaps: ``epoch_stamp``) or a text of
    its own (the metrics' "Of the weights after epoch 12", the inspector's heading). Such a frame gets no
    second stamp (two on every frame of the output: fault 5 of round 19)."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QLabel, QWidget

    for part in [parts] if isinstance(parts, QWidget) else parts:
        for w in [part, *part.findChildren(QWidget)]:
            if isinstance(w, pg.GraphicsView) and w.scene() is not None and any(
                    (stamp := getattr(item, "_epoch_stamp", None)) is not None and stamp.text and stamp.box.isVisible()
                    for item in w.scene().items()):
                return True
            if isinstance(w, QLabel) and w.isVisibleTo(part) and EPOCH_SAID.search(w.text()):
                return True
    return False


def default_every(epochs: int) -> int:
    """Epochs per frame when none is given: about 60 frames, however long the run."""
    return max(1, math.ceil(epochs / 60))


def _refused(option: str, what: str) -> ValueError:
    """"OPTION: what", a ValueError marked as ``option``'s fault (the CLI blames it: failures.naming_option)."""
    return naming_option(ValueError(f"{option}: {what}"), option, what)


def animate_session(session_path, panel: str, out, epochs: int, every: int | None = None, fps: float = 10.0,
                    size: tuple[int, int] = DEFAULT_ANIMATION_SIZE, progress=None, least: bool = False,
                    typed: str | None = None) -> int:
    """Train the session's run ``epochs`` more epochs, writing panel ``panel``
    to ``out`` (.gif or .mp4) after every ``every`` epochs (and once before the
    first), at ``size`` pixels (width, height; rounded down to even) and
    ``fps`` frames a second. ``progress(frames, epoch)`` is called after each
    frame. Returns the number of frames; ValueError (one line) on bad input (with ``least``, a
    ``size`` smaller than the panel's least: ``render.check_room``, ``typed`` the text given).
    A run that diverges ends the recording at its last finite epoch."""
    check_recording_path(out)
    if epochs < 1:
        raise _refused("--epochs", f"must be at least 1 to animate, got {epochs}")
    every = default_every(epochs) if every is None else int(every)
    if every < 1:
        raise _refused("--every", f"must be at least 1 epoch, got {every}")
    if epochs // every + 1 > MAX_FRAMES:
        what = (f"{epochs // every + 1:,} frames is more than {MAX_FRAMES}: raise --every (one frame per "
                f"{count(math.ceil(epochs / (MAX_FRAMES - 1)), 'epoch')} or more), got '{every}'")
        raise _refused("--every", what)
    with interruptible():  # reading the session: no Qt (interrupts)
        trainer = session_trainer(session_path, panel)
    app = _application()
    views = PanelViews(panel)
    writer = None
    try:
        views.show_run(trainer.run_info(), panel_frame(trainer, panel))
        if least:  # (this run's least: render.check_room)
            check_room(panel, trainer.data.task, size, typed, views)
        size = even_size(size)
        parts, scale = views.lay_out(size)
        # the output coloured at the export's resolution, a cell per output pixel, as nnplay render and File ›
        # Export colour it (export_grid), not the screen's 100 x 100 grid scaled up
        grid = export_resolution(views.boundary, scale) if panel == "output" else None
        if grid:
            views.show_frame(panel_frame(trainer, panel, grid=grid))
        writer = FrameWriter(out, fps)
        trained = 0
        while True:
            check_interrupt()  # a Ctrl+C while the last frame was painted (interrupts.held)
            image = panel_image(parts, scale)
            if not says_its_epoch(parts):  # one stamp a frame: the panel's own where it has one
                image = stamped(image, f"epoch {trainer.epoch}")
            writer.put(image_to_rgb(image, size), block=True)
            if progress is not None:
                progress(writer.queued, trainer.epoch)
            if trained >= epochs or trainer.diverged:
                break
            sent = len(trainer.history)
            with interruptible():  # training: NumPy, no Qt; Ctrl+C stops it at once
                trained += max(1, trainer.run(min(every, epochs - trained)))
            views.show_frame(panel_frame(trainer, panel, sent, grid))
            app.processEvents()
        check_interrupt()
        written = writer.close(check_interrupt)
        writer = None
        finished()  # the recording is in place: a Ctrl+C now is too late to stop anything
        if trainer.diverged:
            print(f"the run diverged at epoch {trainer.diverged_at}: the recording ends there", file=sys.stderr)
        return written
    finally:
        if writer is not None:  # stopped part-way (an error, Ctrl+C): no partial recording is left
            writer.discard()
        views.close()
        app.processEvents()
