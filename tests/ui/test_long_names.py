"""Issue 15 (a tester's fault): a CSV whose column names and class names are
thousands of characters long. Every widget that shows a user's name draws it
elided with "…" at a bounded width and has the whole name in its tooltip, so
the window still fits a 1024×768 screen and the Network column keeps its room."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QFontMetricsF

from nnplay.ui.elide import LABEL_EM

LONG_INPUT = "W" * 5000  # "W" is the widest letter: a name cut by characters alone is still wide
LONG_CLASS = "Q" * 4000


def write_long_csv(path) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 2))
    y = np.where(X[:, 0] > 0, "Adelie", LONG_CLASS)
    with open(path, "w") as f:
        f.write(f"{LONG_INPUT},height,species\n")
        f.writelines(f"{a:.3f},{b:.3f},{c}\n" for (a, b), c in zip(X, y))


def test_long_column_and_class_names_are_elided_with_the_whole_name_in_the_tooltip(window, qtbot, tmp_path):
    path = tmp_path / ("file_" + "n" * 200 + ".csv")
    write_long_csv(path)
    c = window.controller
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_inputs == 2
                    and c.run_info.data.input_names[0] == LONG_INPUT, timeout=15000)
    c.step(2)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch >= 2, timeout=15000)
    window.resize(1024, 740)
    qtbot.wait(150)

    # the window still fits the screen, and the Network column is not squeezed below its own minimum
    assert window.minimumSizeHint().width() <= 1000
    assert window.width() == 1024
    network = window.splitter.widget(1)
    assert network.width() >= network.minimumSizeHint().width()

    panel = window.data_panel
    cap = LABEL_EM * QFontMetricsF(panel.font()).horizontalAdvance("M") + 1
    named = [cb for cb in panel.features.values() if LONG_INPUT[:50] in cb.toolTip()]
    assert len(named) == 4  # W, W², W·height, sin W: each names the long column
    for cb in panel.features.values():
        assert QFontMetricsF(cb.font()).horizontalAdvance(cb.text()) <= cap, cb.text()[:40]
    assert all("…" in cb.text() for cb in named)
    whole = "".join(named[0].toolTip().split("\n"))  # wrapped for the tooltip, whole
    assert LONG_INPUT in whole

    assert len(panel.info.text()) < 250 and "…" in panel.info.text()  # (the name elided; the rest ~170)
    assert "n" * 200 in "".join(panel.info.toolTip().split("\n"))

    # the class names: the drawing tools' class box, the output's caption, the metrics
    boundary = window.boundary
    assert boundary.draw_class.sizeHint().width() < 250
    box = boundary.draw_class  # its list holds the whole names; the box, elided, has the one shown in its tooltip
    long = next(k for k in range(box.count()) if LONG_CLASS in box.itemText(k))
    box.setCurrentIndex(long)
    assert box.sizeHint().width() < 250 and box.is_elided()
    assert LONG_CLASS in "".join(box.toolTip().split("\n"))
    assert LONG_CLASS not in boundary.caption.text()
    assert LONG_CLASS in "".join(boundary.caption.toolTip().split("\n"))
