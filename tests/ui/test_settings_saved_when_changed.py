"""The window's remembered settings are written when they change, not only on a
clean close (the tester: after ``kill -9`` and the restore prompt, "Show test
data" came back unticked and the window at an older size)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from nnplay.ui.settings_watch import SAVE_AFTER_MS


def _read(path):
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_a_toggle_the_pace_and_the_size_are_on_disk_before_any_close(qtbot, no_leaks, tmp_path):
    from nnplay.training import TrainConfig
    from nnplay.ui.main_window import PlaygroundWindow

    ini = tmp_path / "nnplay.ini"
    win = PlaygroundWindow(TrainConfig(), settings=_read(ini), start=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.boundary.show_test.setChecked(True)
    win.curves.log_scale.setChecked(True)
    qtbot.wait(SAVE_AFTER_MS + 300)
    win.resize(1111, 777)
    qtbot.wait(SAVE_AFTER_MS + 300)
    saved = _read(ini)  # as a new process would read it after a kill: the window is still open
    assert saved.value("show_test_data", False, type=bool) and saved.value("loss_log_scale", False, type=bool)
    assert bytes(saved.value("geometry")) == bytes(win.saveGeometry())  # the size it has now, 1111×777
    win.boundary.show_test.setChecked(False)
    qtbot.wait(SAVE_AFTER_MS + 300)
    assert not _read(ini).value("show_test_data", True, type=bool)
