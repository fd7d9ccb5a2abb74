"""Issue 15: a Standardize control in the Data panel, for built-in data sets
too; it round-trips through the settings text and sessions."""


def _panel(window):
    return window.findChild(object, "standardize")


def test_standardize_box_sets_the_run_and_follows_text_and_sessions(window, qtbot, tmp_path):
    c = window.controller
    box = _panel(window)
    assert box is not None and not box.isChecked() and box.toolTip()
    generation = c.generation
    box.setChecked(True)  # on a built-in data set (circle)
    qtbot.waitUntil(lambda: c.config.standardize and c.generation != generation, timeout=10000)
    assert "standardize=1" in c.config.to_text()
    c.change(dataset="xor")  # another data set keeps the choice
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.name == "xor", timeout=10000)
    assert box.isChecked() and c.config.standardize

    path = tmp_path / "std.nnplay"
    with qtbot.waitSignal(c.session_saved, timeout=10000):
        c.save_session(str(path))
    assert c.apply_settings_text("standardize=0")
    qtbot.waitUntil(lambda: not box.isChecked(), timeout=10000)
    assert not c.config.standardize
    assert c.open_session(str(path))
    qtbot.waitUntil(lambda: box.isChecked(), timeout=10000)
    assert c.config.standardize and c.run_info.data.name == "xor"
