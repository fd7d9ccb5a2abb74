"""Fault 1 of round 15: Undo after drawing on a built-in set called it "loaded from CSV"
and greyed Regenerate. Every undo/redo step brings back the data's true origin: the
built-in set with its generator settings, the drawn points, or the CSV with its file;
and the controls that follow it."""

from __future__ import annotations

import numpy as np


def _origin(c):
    return c.state.config.dataset, c.state.source, c.data.edited


def _settled(qtbot, c, edited):
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.edited == edited, timeout=20000)


def test_undo_and_redo_bring_back_a_built_in_set(window, qtbot):
    c, panel = window.controller, window.data_panel
    c.change(dataset="xor", noise=0.2)
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.name == "xor", timeout=20000)
    assert c.edit_data("add", (1.0, -2.0), 1)
    _settled(qtbot, c, True)
    assert _origin(c) == ("csv", None, True)
    assert not panel.regenerate.isEnabled()

    assert c.edit_data("undo")
    _settled(qtbot, c, False)
    assert _origin(c) == ("xor", None, False)
    assert c.state.config.noise == 0.2  # its generator's settings with it
    assert panel.regenerate.isEnabled() and panel.noise.isEnabled()
    assert panel.dataset_buttons["xor"].isChecked()
    assert "CSV" not in panel.info.text() and "drawn" not in panel.info.text()

    assert c.edit_data("redo")
    _settled(qtbot, c, True)
    assert _origin(c) == ("csv", None, True)
    assert "drawn by hand" in panel.info.text() and not panel.regenerate.isEnabled()

    assert c.edit_data("undo")  # undone again, Regenerate works: a new sample of the set
    _settled(qtbot, c, False)
    before = c.data.X.copy()
    panel.regenerate.click()
    qtbot.waitUntil(lambda: c.data.X.shape != before.shape or not np.array_equal(c.data.X, before), timeout=20000)
    assert not c.data.edited and c.state.config.dataset == "xor"
    assert not window.boundary.draw_undo.isEnabled()  # new data: nothing of the old drawing to undo


def test_undo_brings_back_the_file(window, qtbot, tmp_path):
    c, panel = window.controller, window.data_panel
    rng = np.random.default_rng(1)
    path = tmp_path / "two.csv"
    path.write_text("a,b,kind\n" + "".join(f"{x:.3f},{y:.3f},k{i % 2}\n"
                                           for i, (x, y) in enumerate(rng.normal(size=(60, 2)))))
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_examples == 60, timeout=20000)
    assert c.edit_data("add", (0.5, 0.5), 0)
    _settled(qtbot, c, True)
    assert c.state.source is None  # drawn points come from no file
    assert c.edit_data("undo")
    _settled(qtbot, c, False)
    assert _origin(c) == ("csv", str(path.resolve()), False)
    assert "file's own" in panel.info.text()
