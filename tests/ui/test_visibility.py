"""A panel that is not visible costs nothing (ui.visibility, ui.window_gates):
a hidden tab is not drawn, a minimised window's pictures are not even
computed by the training process, and both catch up when seen again."""

import numpy as np


def epoch(window):
    f = window.controller.last_frame
    return -1 if f is None else f.snapshot.epoch


def test_a_hidden_tab_is_not_drawn_and_catches_up_when_shown(window, qtbot):
    curve = window.curves.curves["train_loss"]
    window.lower_tabs.setCurrentWidget(window.metrics)
    qtbot.waitUntil(lambda: not window.gates.curves.seen, timeout=5000)
    drawn = len(curve.xData)
    skipped = window.gates.curves.skipped
    window.controller.step(5)
    qtbot.waitUntil(lambda: epoch(window) == 5, timeout=10000)
    assert window.gates.curves.skipped > skipped and len(curve.xData) == drawn  # received, not drawn
    assert len(window.curves.history) == 6  # the history itself is kept up to date
    window.lower_tabs.setCurrentWidget(window.curves)
    qtbot.waitUntil(lambda: len(curve.xData) == 6, timeout=5000)  # drawn as soon as it is seen


def test_a_minimised_window_asks_for_no_pictures_and_draws_them_when_restored(window, qtbot):
    gate = window.gates.boundary
    window.showMinimized()
    qtbot.waitUntil(lambda: not gate.seen and not window.gates.diagram.seen, timeout=5000)
    before = window.boundary.image.image.copy()
    window.controller.step(20)
    qtbot.waitUntil(lambda: epoch(window) == 20, timeout=10000)
    snap = window.controller.last_frame.snapshot
    assert snap.grid is None and snap.neurons is None  # not computed while nobody can see them
    assert np.array_equal(window.boundary.image.image, before)
    window.showNormal()
    qtbot.waitUntil(lambda: gate.seen, timeout=5000)
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.grid is not None, timeout=10000)
    qtbot.waitUntil(lambda: not np.array_equal(window.boundary.image.image, before), timeout=5000)
    assert window.controller.last_frame.snapshot.neurons is not None


def test_export_of_a_hidden_panel_draws_its_last_frame_first(window, qtbot, tmp_path):
    curve = window.curves.curves["train_loss"]
    window.lower_tabs.setCurrentWidget(window.metrics)
    qtbot.waitUntil(lambda: not window.gates.curves.seen, timeout=5000)
    window.controller.step(3)
    qtbot.waitUntil(lambda: epoch(window) == 3, timeout=10000)
    assert len(curve.xData) < 4
    assert window.export_panel("loss", str(tmp_path / "loss.png"))
    assert len(curve.xData) == 4 and (tmp_path / "loss.png").stat().st_size > 0
