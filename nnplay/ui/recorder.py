"""File > Record…: the window, or one panel, recorded while it trains, as a GIF
or an MP4, at a chosen frame rate and size.

A QTimer on the GUI thread grabs a frame at the frame rate (``QWidget.grab``:
what is on screen, a few milliseconds); a ``FrameWriter`` encodes the frames on
its own thread, and finishing the file at Stop happens on another, so the
window never waits for the encoder. Frames the encoder cannot keep up with are
dropped, and counted.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..numbers import count as plural
from .frame_writer import FrameWriter, RecordingError, even_size, widget_frame
from .side_window import PlacedBeside
from .widgets import keep_lines, nest

TARGETS = {  # what can be recorded: the window, or a panel of nnplay.ui.export.PANELS
    "window": "The whole window",
    "output": "Decision boundary",
    "network": "Network diagram",
    "loss": "Loss curves",
    "accuracy": "Accuracy curves",
    "gradients": "Gradient heatmaps",
    "norms": "Gradient norms",
}
SCALES = (1.0, 0.75, 0.5, 0.33)
STATUS_LINES = 3  # the status line's room, in lines, whatever it says: the dialog's height stays


class RecordDialog(PlacedBeside, QDialog):
    """The recorder of window ``win`` (a PlaygroundWindow): choose what, the
    frame rate, the size and the file; Record starts, Stop finishes the file."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.setWindowTitle("Record the window or a panel")
        self.writer: FrameWriter | None = None
        self._parts = None
        self._size: tuple[int, int] | None = None
        self._started = 0.0
        self._finishing: threading.Thread | None = None
        self._result: tuple[int, str | None] | None = None
        self.finished_file: tuple[str, int, str | None] | None = None  # (path, frames, error) of the last
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.grab_frame)
        self._poll = QTimer(self)
        self._poll.setInterval(100)
        self._poll.timeout.connect(self._check_finished)
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        self.target = QComboBox()
        for key, text in TARGETS.items():
            self.target.addItem(text, key)
        form.addRow("Record", self.target)
        self.fps = QSpinBox()
        self.fps.setRange(1, 30)
        self.fps.setValue(10)
        self.fps.setSuffix(" frames a second")
        form.addRow("Frame rate", self.fps)
        self.scale = QComboBox()
        for s in SCALES:
            self.scale.addItem(f"{round(s * 100)} % of its size on screen", s)
        self.scale.setCurrentIndex(SCALES.index(0.5))
        form.addRow("Size", self.scale)
        self.path = QLineEdit(str(Path(self.win._folder("recording") or Path.home()) / "nnplay-run.gif"))
        self.path.setToolTip("A .gif (for slides and web pages) or an .mp4 (H.264 video).")
        self.choose = QPushButton("Choose…")
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        form.addRow("File", row)
        self.play = QCheckBox("Press Play when recording starts")
        self.play.setChecked(True)
        form.addRow("", self.play)
        self.busy = QProgressBar()
        self.busy.setTextVisible(False)
        self.busy.setRange(0, 1)
        self.busy.setVisible(False)
        kept = self.busy.sizePolicy()
        kept.setRetainSizeWhenHidden(True)  # its room kept while not recording: the dialog does not jump
        self.busy.setSizePolicy(kept)
        self.status = QLabel("Not recording.")
        self.status.setObjectName("record_status")
        self.status.setWordWrap(True)
        keep_lines(self.status, STATUS_LINES)  # as tall for "Not recording." as for a message on three lines
        self.record_button = QPushButton("Record")
        self.record_button.clicked.connect(self.start)
        self.stop_button = QPushButton("Stop")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Close this dialog (Esc); a recording is stopped and its file kept.")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.close_button)
        box = QVBoxLayout(self)
        nest(box, form)
        box.addWidget(self.busy)
        box.addWidget(self.status)
        nest(box, buttons)

    def _named(self, message: str) -> str:
        """``message`` naming the file by its name: its folder is in the File field above, and a long
        path took the status line past its STATUS_LINES lines."""
        path = Path(self.path.text().strip())
        return message.replace(str(path), path.name) if path.name else message

    def _choose(self) -> None:
        path = self.win._ask_save("Record to a GIF or MP4 file", self.path.text(), "GIF (*.gif);;MP4 video (*.mp4)", kind="recording")
        if path:
            self.path.setText(path if Path(path).suffix.lower() in (".gif", ".mp4") else path + ".gif")

    # ------------------------------------------------------------- recording
    @property
    def recording(self) -> bool:
        return self.writer is not None and self.timer.isActive()

    def start(self) -> bool:
        """Start recording; an unusable file or panel is shown in one line and nothing starts."""
        from .export import ExportError, panel_parts

        if self.writer is not None or self._finishing is not None:
            return False
        key = self.target.currentData()
        try:
            parts = [self.win] if key == "window" else panel_parts(self.win, key)
            grabbed = widget_frame(parts)
            scale = float(self.scale.currentData())
            self._size = even_size((grabbed.shape[1] * scale, grabbed.shape[0] * scale))
            self.writer = FrameWriter(self.path.text().strip(), self.fps.value())
        except (ExportError, RecordingError) as exc:
            self.status.setText(self._named(str(exc)))
            return False
        self._parts = parts
        self._started = time.monotonic()
        self.timer.start(round(1000 / self.fps.value()))
        self._set_running(True)
        self.grab_frame()  # frame 0: the window as it is, before Play changes its button
        if self.play.isChecked() and not self.win.controller.state.playing:
            self.win.play_action.trigger()
        return True

    def grab_frame(self) -> None:
        """One frame of what is recorded, now (on the GUI thread; encoded on the writer's)."""
        if self.writer is None:
            return
        self.writer.put(widget_frame(self._parts, self._size))
        w = self.writer
        if w.error is not None:
            self.stop()
            return
        seconds = time.monotonic() - self._started
        dropped = f", {w.dropped} dropped (the encoder fell behind)" if w.dropped else ""
        self.status.setText(f"Recording {self._size[0]}×{self._size[1]}: {plural(w.queued, 'frame')} in {seconds:.1f} s"
                            f"{dropped}. Stop finishes the file.")

    def stop(self) -> None:
        """Stop grabbing; the file is finished on another thread, then reported."""
        if self.writer is None or self._finishing is not None:
            return
        self.timer.stop()
        writer, self.writer = self.writer, None
        self.status.setText(f"Finishing {writer.path.name}…")
        self.stop_button.setEnabled(False)

        def finish():
            try:
                count = writer.close()
                self._result = (count, None, frames_in_file(writer.path, count))
            except RecordingError as exc:
                self._result = (writer.written, str(exc), None)

        self._finishing = threading.Thread(target=finish, name="nnplay-recording-close", daemon=True)
        self._finishing.start()
        self._poll.start()

    def _check_finished(self) -> None:
        if self._finishing is None or self._finishing.is_alive():
            return
        self._poll.stop()
        self._finishing = None
        count, error, held = self._result
        path = Path(self.path.text().strip())
        if error is not None:
            self.status.setText(self._named(error))
        else:
            size = path.stat().st_size if path.exists() else 0
            amount = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"
            self.status.setText(f"Wrote {path.name}: {frames_written(count, held)}, {amount}.")
            self.status.setToolTip(str(path))  # (the whole path: the line keeps to the dialog's lines)
            self.win._remember_folder("recording", str(path))
            self.win.statusBar().showMessage(f"Recorded {path} ({plural(count, 'frame')})", 8000)
        self._set_running(False)
        self.finished_file = (str(path), count, error)

    @property
    def busy_finishing(self) -> bool:
        return self._finishing is not None

    def _set_running(self, running: bool) -> None:
        self.busy.setRange(0, 0 if running else 1)  # a moving bar while recording
        self.busy.setVisible(running)
        if running:
            self.status.setToolTip("")  # (the last file's path)
        self.record_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        for w in (self.target, self.fps, self.scale, self.path, self.choose):
            w.setEnabled(not running)

    def done(self, result: int) -> None:  # closing the dialog stops a recording and keeps the file
        self.stop()
        super().done(result)

    def window_closing(self) -> None:
        """The window is closing: stop, wait for the file to be finished, close."""
        self.stop()
        if self._finishing is not None:
            self._finishing.join()
            self._check_finished()
        self.close()


def show_recorder(win) -> RecordDialog:
    """File > Record…: the window's recorder (one per window), shown."""
    dialog = getattr(win, "recorder", None)
    if dialog is None:
        from PySide6.QtCore import QEvent

        from .widgets import on_event

        dialog = win.recorder = RecordDialog(win)
        on_event(win, (QEvent.Type.Close,), dialog.window_closing)  # a recording ends whole with the window
    elif not dialog.isVisible() and not dialog.recording and not dialog.busy_finishing:
        dialog.status.setText("Not recording.")  # "Wrote …" was of the dialog's last showing (the file may be gone)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()  # Esc closes it at once, without a click on it first
    return dialog


def frames_in_file(path: Path, written: int) -> int:
    """How many frames the finished file holds: a GIF merges a frame that repeats
    the one before into one longer frame (Pillow's writer), so it may hold fewer
    than were ``written``; an MP4 holds them all."""
    if path.suffix.lower() != ".gif":
        return written
    from PIL import Image

    try:
        with Image.open(path) as image:
            return int(image.n_frames)
    except (OSError, ValueError):
        return written


def frames_written(grabbed: int, held: int) -> str:
    """'169 frames' or '169 frames (repeated ones merged: the GIF holds 127)'."""
    if held >= grabbed:
        return plural(grabbed, "frame")
    return f"{plural(grabbed, 'frame')} (repeated frames merged into longer ones: the GIF holds {held})"
