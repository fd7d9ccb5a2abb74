"""Frames to a GIF or MP4 file, encoded off the GUI thread (imageio: GIF by its
Pillow plugin, MP4 as H.264 by imageio-ffmpeg's own ffmpeg).

The GUI thread grabs a frame (``widget_frame``: ``QWidget.grab``, a few
milliseconds) and hands it to ``FrameWriter.put``; a worker thread converts and
encodes it. The queue is bounded: when the encoder falls behind, a frame is
dropped (counted in ``dropped``) rather than the window slowed.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import numpy as np

from ..failures import naming_option
from ..file_write import written_in_place
from ..training.setting_ranges import RANGES
from ..user_text import shown
from ..write_errors import cannot_write, unwritable

FORMATS = {".gif": "GIF", ".mp4": "MP4 (H.264)"}
MAX_QUEUED = 32


class RecordingError(ValueError):
    """A recording that cannot be written; the message is one line naming the file."""


def check_recording_path(path) -> Path:
    """``path`` as a Path when it can be recorded to (a .gif or .mp4 name in a
    folder that takes new files: ``write_errors.unwritable``); RecordingError naming the problem otherwise."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        what = "a recording's name must end in .gif or .mp4"
        raise naming_option(RecordingError(f"{path}: {what}"), "--out", f"{what}, got {shown(str(path))}")
    if problem := unwritable(path):
        raise naming_option(RecordingError(problem), "--out", problem)
    return path


def even_size(size: tuple[int, int]) -> tuple[int, int]:
    """(width, height) rounded down to even numbers, at least 2 (H.264's 4:2:0 needs them)."""
    return tuple(max(2, int(v) // 2 * 2) for v in size)


class FrameWriter:
    """Writes RGB frames (height, width, 3) uint8, all of one size, to ``path``
    (.gif or .mp4) at ``fps`` frames a second, on its own thread. ``put`` never
    blocks; ``close`` finishes the file and returns how many frames it holds.
    The frames go to a temporary file beside ``path``, renamed to it once
    finished (``file_write.written_in_place``): a recording is seen whole or
    not at all. RecordingError (one line) for a path that cannot be written,
    from the constructor, or from ``close`` when writing failed part-way."""

    def __init__(self, path, fps: float):
        self.path = check_recording_path(path)
        if not RANGES["fps"].allows(fps):  # (nnplay render --fps: the same range)
            what = RANGES["fps"].refusal(f"{fps:g}")
            raise naming_option(RecordingError(f"{self.path}: {what}"), "--fps", what)
        self.fps = float(fps)
        self.written = self.dropped = self.queued = 0
        self.error: str | None = None
        self._discarded = self._closed = False
        self._queue: queue.Queue = queue.Queue(MAX_QUEUED)
        self._place = written_in_place(self.path)
        try:
            self._part = self._place.__enter__()  # the file written until close renames it
        except OSError as exc:
            raise RecordingError(cannot_write(self.path, exc)) from None
        try:
            self._writer = self._open()
        except RecordingError as exc:
            self._place.__exit__(type(exc), exc, None)  # (removes the temporary file)
            raise
        self._thread = threading.Thread(target=self._run, name="nnplay-recording", daemon=True)
        self._thread.start()

    def _open(self):
        try:
            if self.path.suffix.lower() == ".gif":
                import imageio.v3 as iio

                return iio.imopen(self._part, "w", plugin="pillow")
            import imageio.v2 as iio2

            return iio2.get_writer(self._part, format="FFMPEG", fps=self.fps, codec="libx264", quality=8,
                                   pixelformat="yuv420p", macro_block_size=2, ffmpeg_log_level="error")
        except OSError as exc:
            raise RecordingError(cannot_write(self.path, exc)) from None

    def put(self, frame: np.ndarray, block: bool = False) -> bool:
        """Queue one frame; False when writing failed, or (counted as dropped)
        when the encoder is behind and ``block`` is False (the window's case:
        never wait); with ``block`` wait for room (a headless render's case)."""
        if self.error is not None:
            return False
        try:
            self._queue.put(np.ascontiguousarray(frame, np.uint8), block=block)
        except queue.Full:
            self.dropped += 1
            return False
        self.queued += 1
        return True

    def _run(self) -> None:
        gif = self.path.suffix.lower() == ".gif"
        duration = 10 * max(1, round(100.0 / self.fps))  # ms per frame; GIF stores hundredths of a second
        while (frame := self._queue.get()) is not None:
            if self.error is not None or self._discarded:
                continue
            try:
                if gif:
                    self._writer.write(frame, duration=duration, loop=0, is_batch=False)
                else:
                    self._writer.append_data(frame)
                self.written += 1
            except (OSError, ValueError, RuntimeError) as exc:
                self.error = f"{self.path}: writing frame {self.written + 1} failed: {exc}".replace("\n", " ")
        self._finish()

    def _finish(self) -> None:
        """Close the encoder, on the thread (imageio's Pillow plugin encodes a GIF's frames only now)."""
        if self._discarded:
            return
        self._closed = True
        try:
            self._writer.close()
        except (OSError, ValueError, RuntimeError) as exc:
            self.error = self.error or f"{self.path}: finishing the file failed: {exc}".replace("\n", " ")

    def discard(self) -> None:
        """Stop, and leave no file: the frames written so far are removed (the file under ``path``, if any,
        is as it was). At once (Ctrl+C): the frames queued are dropped, a GIF's frames are not encoded, and
        an encoder still finishing the file after a second is left to the process's end (its file removed)."""
        self._discarded = True
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        buffered = getattr(self._writer, "images_to_write", None)  # (imageio's Pillow plugin: a GIF's frames)
        if isinstance(buffered, list):
            buffered.clear()
        self._queue.put(None)
        self._thread.join(1.0)
        if not self._thread.is_alive() and not self._closed:
            try:
                self._writer.close()
            except (OSError, ValueError, RuntimeError):
                pass
        self._place.__exit__(RecordingError, RecordingError("discarded"), None)

    def close(self, waiting=None) -> int:
        """Finish the file (waits for the frames queued to be encoded); the number of frames written.
        ``waiting()`` is called meanwhile, a few times a second: it may raise (Ctrl+C: the file is left
        unfinished, for ``discard``)."""
        self._queue.put(None)
        while self._thread.is_alive():
            self._thread.join(0.1)
            if waiting is not None:
                waiting()
        if self.error is not None:
            error = RecordingError(self.error)
            self._place.__exit__(RecordingError, error, None)  # no partial file left
            raise error
        try:
            self._place.__exit__(None, None, None)  # renamed into place
        except OSError as exc:
            raise RecordingError(cannot_write(self.path, exc)) from None
        return self.written


def image_to_rgb(image, size: tuple[int, int] | None = None) -> np.ndarray:
    """A QImage (or QPixmap) as an RGB array (height, width, 3) uint8, scaled
    smoothly to ``size`` (width, height) first when given."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPixmap

    if isinstance(image, QPixmap):
        image = image.toImage()
    if size is not None and (image.width(), image.height()) != tuple(size):
        image = image.scaled(size[0], size[1], Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return rows[:, : 3 * w].reshape(h, w, 3).copy()


def widget_frame(parts, size: tuple[int, int] | None = None) -> np.ndarray:
    """The widgets ``parts`` (one, or several stacked top to bottom: a panel and
    its caption) as they are on screen, by ``QWidget.grab``, as one RGB frame
    scaled to ``size``."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QWidget

    parts = [parts] if isinstance(parts, QWidget) else list(parts)
    if len(parts) == 1:
        return image_to_rgb(parts[0].grab(), size)
    grabs = [p.grab().toImage() for p in parts]
    image = QImage(max(g.width() for g in grabs), sum(g.height() for g in grabs), QImage.Format.Format_RGB32)
    image.fill(parts[0].palette().window().color())
    painter = QPainter(image)
    y = 0
    for g in grabs:
        g.setDevicePixelRatio(1.0)
        painter.drawImage(0, y, g)
        y += g.height()
    painter.end()
    return image_to_rgb(image, size)
