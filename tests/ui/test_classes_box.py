"""The Classes box shows the data's own class count wherever the data fixes it: with a
CSV of 5 classes the disabled box still read 3 (the ×k sets' setting)."""

from __future__ import annotations

import numpy as np


def test_the_classes_box_shows_the_count_the_data_has(window, qtbot, tmp_path):
    box = window.data_panel.classes
    c = window.controller
    rng = np.random.default_rng(0)
    rows = ["a,b,kind"] + [f"{x:.3f},{y:.3f},k{i % 5}" for i, (x, y) in enumerate(rng.normal(size=(100, 2)))]
    path = tmp_path / "five.csv"
    path.write_text("\n".join(rows) + "\n")
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_classes == 5, timeout=10000)
    assert box.text() == "5" and not box.isEnabled() and "5 classes" in box.toolTip()
    assert c.state.config.classes == 3  # the ×k sets' setting is left as it was

    c.change(dataset="xor")
    qtbot.waitUntil(lambda: c.run_info.data.name == "xor", timeout=10000)
    assert box.text() == "2" and not box.isEnabled()
    c.change(dataset="plane")  # regression: no classes
    qtbot.waitUntil(lambda: c.run_info.data.name == "plane", timeout=10000)
    assert box.text() == "–" and "regression" in box.toolTip()
    c.change(dataset="spiral-k", classes=4)  # the setting again, editable
    qtbot.waitUntil(lambda: c.run_info.data.name.startswith("spiral"), timeout=10000)
    assert box.text() == "4" and box.isEnabled() and box.minimum() == 2
    box.setValue(6)
    assert c.state.config.classes == 6
