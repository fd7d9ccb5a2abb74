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


def test_every_view_option_comes_back_after_a_restart(qtbot, no_leaks, tmp_path):
    """Tester 17: "Discretize output" came back unticked after a restart, though the README says the
    view options are remembered; so did the Gradients panel's "Scale each layer"."""
    from nnplay.training import TrainConfig
    from nnplay.ui.main_window import PlaygroundWindow

    ini = tmp_path / "nnplay.ini"
    win = PlaygroundWindow(TrainConfig(), settings=_read(ini), start=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    options = (win.boundary.discretize, win.gradients.per_layer, win.boundary.show_test, win.curves.log_scale)
    assert not any(box.isChecked() for box in options)
    for box in options:
        box.setChecked(True)
    qtbot.waitUntil(lambda: _read(ini).value("discretize_output", False, type=bool)
                    and _read(ini).value("gradient_per_layer_scale", False, type=bool), timeout=SAVE_AFTER_MS + 5000)
    win.close()
    again = PlaygroundWindow(TrainConfig(), settings=_read(ini), start=False)  # the next start
    qtbot.addWidget(again)
    assert again.boundary.discretize.isChecked() and again.boundary.discretize_wanted
    assert again.gradients.per_layer.isChecked() and again.boundary.show_test.isChecked()
    again.close()


def test_the_comparisons_log_scale_is_remembered(qtbot, tmp_path):
    from PySide6.QtWidgets import QCheckBox

    from nnplay.ui.window_settings import remember_toggle

    ini = tmp_path / "nnplay.ini"
    box = QCheckBox()
    qtbot.addWidget(box)
    remember_toggle(_read(ini), "compare_log_scale", box)
    assert not box.isChecked()
    box.setChecked(True)
    again = QCheckBox()
    qtbot.addWidget(again)
    settings = _read(ini)
    settings.sync()
    remember_toggle(settings, "compare_log_scale", again)
    assert again.isChecked()
