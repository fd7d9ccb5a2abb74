"""A CSV of 50 classes at 1024 pixels wide: the caption under the output picture wrote every class's swatch
and name, 13 lines of the Output column, and the picture and the curves lost their room (the curves were
hidden to make it, the picture squeezed). Now the caption counts the classes and a list of at most three
lines, which scrolls, holds them: the picture keeps its least size with the curves shown under it."""

from __future__ import annotations

import numpy as np

from nnplay.ui.class_list import LIST_LINES, MANY_CLASSES, ClassList, caption_key
from nnplay.ui.column_fit import PLOT_LINES, PLOT_SHARE
from tests.layout_check import text_problems
from tests.settle import settle
from tests.sweep import sweep


def _fifty_classes(path) -> str:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 50, 2000)
    angle = 2 * np.pi * y / 50
    x = np.column_stack([3 * np.cos(angle), 3 * np.sin(angle)]) + rng.normal(0, 0.25, (2000, 2))
    lines = ["x1,x2,label"] + [f"{a:.4f},{b:.4f},class_{k:02d}" for (a, b), k in zip(x, y)]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@sweep("size", [(1024, 768), (1280, 800)], default=0)
def test_fifty_classes_leave_the_output_picture_its_room(window, qtbot, tmp_path, size):
    c, view = window.controller, window.boundary
    window.resize(*size)
    assert c.load_csv(_fifty_classes(tmp_path / "fifty.csv"))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_classes == 50, timeout=15000)
    c.step(1)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch >= 1, timeout=15000)
    settle(qtbot, until=lambda: "class" in view.caption.text())
    plot = view.plot
    least = min(PLOT_SHARE * plot.width(), PLOT_LINES * plot.fontMetrics().lineSpacing())
    assert plot.height() >= least, (plot.height(), least)  # the picture's least size (column_fit's)
    assert window.lower_tabs.isVisible()  # the curves under it too: not hidden to make room for a key
    line = view.caption.fontMetrics().lineSpacing()
    assert "50 classes" in view.caption.text() and "class_07" not in view.caption.text()
    assert view.caption.height() <= 3 * line  # counted, not written out (13 lines at 1024 px before)
    listed = view.class_list
    assert listed.isVisible() and "class_00" in listed.label.text() and "class_49" in listed.label.text()
    assert listed.height() <= LIST_LINES * line + 2 * listed.frameWidth()
    assert listed.verticalScrollBar().maximum() > 0  # the rest scrolls into sight
    assert text_problems(window) == []


def test_a_few_classes_stay_in_the_caption_and_many_go_to_the_list(qtbot):
    few, many = [f"c{k}" for k in range(MANY_CLASSES)], [f"c{k}" for k in range(MANY_CLASSES + 1)]
    assert "c11" in caption_key(few) and caption_key(many).startswith(f"{MANY_CLASSES + 1} classes")
    listed = ClassList()
    qtbot.addWidget(listed)
    listed.resize(300, 100)
    listed.show()
    listed.set_classes(many)
    assert listed.isVisible() and "c12" in listed.label.text()
    for hidden in (few, None):  # a few classes, a regression
        listed.set_classes(hidden)
        assert not listed.isVisible()
