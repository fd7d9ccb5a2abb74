"""The Record dialog keeps its height whatever it shows (it jumped: the busy bar
came and went with a recording, and the status line took one line or two)."""

from __future__ import annotations

from nnplay.ui.recorder import TARGETS, show_recorder


def test_the_record_dialog_keeps_its_height_through_a_recording(window, qtbot, tmp_path):
    rec = show_recorder(window)
    rec.target.setCurrentIndex(list(TARGETS).index("network"))
    rec.play.setChecked(False)
    heights = {}

    def note(state: str) -> None:
        qtbot.wait(30)  # the layout has settled
        heights[state] = (rec.height(), rec.sizeHint().height())

    note("new")
    rec.path.setText(str(tmp_path / ("a-rather-long-folder-name-" * 4) / "run.avi"))
    assert not rec.start()  # an error on a line or two
    note("refused")
    rec.path.setText(str(tmp_path / "run.mp4"))  # the other format
    note("mp4")
    rec.path.setText(str(tmp_path / "run.gif"))
    assert rec.start()
    rec.grab_frame()
    note("recording")
    rec.stop()
    qtbot.waitUntil(lambda: rec.finished_file is not None, timeout=30000)
    assert rec.finished_file[2] is None and "run.gif" in rec.status.text()
    note("written")
    assert len(set(heights.values())) == 1, heights
    rec.close()
