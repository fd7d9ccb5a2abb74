"""File > Record…: the window or a panel recorded while it trains; the file's
frames are read back with imageio (count, size, and that they change)."""

from __future__ import annotations

from pathlib import Path

import imageio.v3 as iio
import numpy as np
import pytest

from nnplay.ui.recorder import TARGETS, show_recorder


def test_recording_a_panel_while_it_trains(window, qtbot, tmp_path):
    assert any(a.text() == "Record…" for a in window.menuBar().actions()[0].menu().actions())
    rec = show_recorder(window)
    rec.target.setCurrentIndex(list(TARGETS).index("output"))
    rec.fps.setValue(20)
    rec.path.setText(str(tmp_path / "run.gif"))
    assert rec.start() and rec.recording
    assert not rec.record_button.isEnabled() and rec.stop_button.isEnabled()
    assert rec.busy.maximum() == 0  # the busy bar moves
    qtbot.waitUntil(lambda: window.controller.state.playing, timeout=5000)  # it pressed Play
    qtbot.waitUntil(lambda: rec.writer.queued >= 6 and window.controller.last_frame.snapshot.epoch > 20,
                    timeout=30000)
    assert "Recording" in rec.status.text()
    size = rec._size
    rec.stop()
    window.play_action.trigger()  # pause
    qtbot.waitUntil(lambda: rec.finished_file is not None, timeout=30000)
    path, count, error = rec.finished_file
    assert error is None and rec.record_button.isEnabled()
    assert f"{count} frames" in rec.status.text()
    frames = iio.imread(path, index=None)
    assert frames.shape[1:] == (size[1], size[0], 3) and count >= 6
    # a GIF keeps a frame that repeats the one before (the run paused) as a longer frame
    durations = [iio.immeta(path, index=i)["duration"] for i in range(len(frames))]
    assert len(frames) <= count and sum(durations) == count * 50  # 20 frames a second
    assert np.abs(frames[-1].astype(int) - frames[0].astype(int)).mean() > 0.5  # the boundary moved


def test_a_bad_file_is_one_line_and_nothing_starts(window, tmp_path):
    rec = show_recorder(window)
    rec.path.setText(str(tmp_path / "run.avi"))
    assert not rec.start()
    assert not rec.recording and "must end in .gif or .mp4" in rec.status.text()
    assert "\n" not in rec.status.text()
    rec.close()


@pytest.mark.fresh_window  # it closes the window
def test_closing_the_window_finishes_the_file(window, tmp_path):
    rec = show_recorder(window)
    rec.target.setCurrentIndex(list(TARGETS).index("window"))
    rec.play.setChecked(False)
    rec.path.setText(str(tmp_path / "win.mp4"))
    assert rec.start()
    rec.grab_frame()
    window.close()
    path, count, error = rec.finished_file
    assert error is None and count >= 2
    import imageio.v2 as iio2

    with iio2.get_reader(path, format="FFMPEG") as reader:
        assert reader.get_meta_data()["size"] == rec._size


def test_the_dialog_locks_choose_says_frames_were_merged_and_closes_by_esc_or_close(window, qtbot, tmp_path):
    """Tester's item 18."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    rec = show_recorder(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is rec, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or rec, Qt.Key.Key_Escape)  # no click on it first
    assert not rec.isVisible()
    rec = show_recorder(window)
    rec.target.setCurrentIndex(list(TARGETS).index("output"))
    rec.play.setChecked(False)  # paused: every frame grabbed is the same picture
    rec.fps.setValue(20)
    rec.path.setText(str(tmp_path / "still.gif"))
    assert rec.start() and not rec.choose.isEnabled() and not rec.path.isEnabled()
    qtbot.waitUntil(lambda: rec.writer.queued >= 5, timeout=10000)
    rec.stop()
    qtbot.waitUntil(lambda: rec.finished_file is not None, timeout=30000)
    path, count, error = rec.finished_file
    held = len(iio.imread(path, index=None))
    assert error is None and held < count
    assert f"{count} frames (repeated frames merged into longer ones: the GIF holds {held})" in rec.status.text()
    assert rec.choose.isEnabled()
    rec.close_button.click()
    assert not rec.isVisible()
    rec = show_recorder(window)  # reopened: what it wrote before is not said again (the file may be gone)
    Path(path).unlink()
    assert rec.status.text() == "Not recording." and "Wrote" not in rec.status.text()
    rec.close_button.click()
