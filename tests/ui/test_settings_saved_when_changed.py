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
    # (each wait ends once the file read as a new process would read it after a kill, the
    # window still open, holds what was changed; it fails if that is never written)
    qtbot.waitUntil(lambda: _read(ini).value("show_test_data", False, type=bool)
                    and _read(ini).value("loss_log_scale", False, type=bool), timeout=SAVE_AFTER_MS + 5000)
    win.resize(1111, 777)
    qtbot.waitUntil(lambda: bytes(_read(ini).value("geometry", b"")) == bytes(win.saveGeometry()),
                    timeout=SAVE_AFTER_MS + 5000)  # the size it has now, 1111×777
    win.boundary.show_test.setChecked(False)
    qtbot.waitUntil(lambda: not _read(ini).value("show_test_data", True, type=bool), timeout=SAVE_AFTER_MS + 5000)
