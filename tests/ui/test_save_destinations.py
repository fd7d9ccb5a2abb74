"""Every save and export of the window checks its destination first, by the
same helper as the CLI (``write_errors.unwritable``), and names the real cause
before it asks anything else or does any work (PNG export asked for the scale,
then said the folder was not writable)."""

from __future__ import annotations

import pytest

from nnplay.ui.frame_writer import RecordingError, check_recording_path
from nnplay.ui.predictions_action import export_predictions
from nnplay.ui.torch_export_action import export_torch_script

# each save/export of the window: (how it is started, the suffix of its file)
ACTIONS = {
    "panel PNG": (lambda w: w.export_panel("loss"), ".png"),
    "loss history": (lambda w: w.export_history(), ".csv"),
    "weights": (lambda w: w.export_weights(), ".npz"),
    "data set": (lambda w: w.export_data(), ".csv"),
    "predictions": (lambda w: export_predictions(w), ".csv"),
    "PyTorch script": (lambda w: export_torch_script(w), ".py"),
    "session": (lambda w: w.ask_to_save_session(), ".nnplay"),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_a_save_names_the_cause_before_anything_else(window, tmp_path, monkeypatch, action):
    from nnplay.ui import export_scale, file_dialog

    start, suffix = ACTIONS[action]
    (tmp_path / "afile").write_text("a plain file\n")
    chosen = [str(tmp_path / "afile" / f"x{suffix}"), f"/proc/x{suffix}", str(tmp_path / "gone" / f"x{suffix}")]
    said = [f"{tmp_path / 'afile'} is a file, not a folder", "the folder /proc does not take new files",
            f"the folder {tmp_path / 'gone'} does not exist"]
    asked = []
    monkeypatch.setattr(export_scale, "ask_scale", lambda *a: asked.append(a) or 2.0)
    requests = []
    monkeypatch.setattr(window.controller, "with_run_state", requests.append)  # the work of predictions/script/session
    monkeypatch.setattr(window.controller.run, "request_state", requests.append)
    for path, words in zip(chosen, said):
        monkeypatch.setattr(file_dialog, "get_save_file_name", lambda *a, p=path: (p, ""))
        window.errors.clear()
        assert not start(window)
        assert len(window.errors) == 1 and window.errors[0][1].endswith(f"cannot write: {words}"), window.errors
    assert not asked and not requests  # neither the scale asked for, nor the run's state
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]


def test_a_recording_is_checked_by_the_same_helper(tmp_path):
    (tmp_path / "afile").write_text("x\n")
    with pytest.raises(RecordingError, match="afile is a file, not a folder"):
        check_recording_path(tmp_path / "afile" / "r.gif")
    with pytest.raises(RecordingError, match="does not take new files"):
        check_recording_path("/proc/r.gif")
