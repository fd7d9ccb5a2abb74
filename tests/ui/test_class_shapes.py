"""Fault 9 of round 15: in colour-blind mode, past its eight colours the further classes' colours were
not all told apart with every colour blindness. Past eight classes each class is marked by a shape as
well as a colour (as matplotlib's and seaborn's markers), in the output view, the hidden space and the key."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.ui.colors import SHAPE_GLYPHS, class_symbols, set_palette


@pytest.fixture
def colour_blind():
    set_palette("colorblind")
    yield
    set_palette("default")


def test_past_eight_classes_each_has_a_shape_of_its_own(colour_blind):
    assert class_symbols(8) is None  # the palette's own eight colours are safe
    for k in (9, 12):
        shapes = class_symbols(k)
        assert len(set(shapes)) == k and all(s in SHAPE_GLYPHS for s in shapes)
    set_palette("default")
    assert class_symbols(12) is None


def test_the_window_marks_twelve_classes_by_shape_and_says_so(window, qtbot, tmp_path):
    c, view = window.controller, window.boundary
    rng = np.random.default_rng(0)
    X = rng.normal(size=(240, 2))
    path = tmp_path / "twelve.csv"
    path.write_text("a,b,kind\n" + "".join(f"{x:.3f},{y:.3f},c{i % 12}\n" for i, (x, y) in enumerate(X)))
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_classes == 12, timeout=20000)
    window.set_colorblind(True)
    try:
        qtbot.waitUntil(lambda: "shape" in view.caption.text(), timeout=10000)
        points = view.train_points.data
        shapes = {str(s) for s in points["symbol"]}
        assert len(shapes) == 12, shapes
        assert all(g in view.caption.text() for g in SHAPE_GLYPHS.values())
    finally:
        window.set_colorblind(False)
    qtbot.waitUntil(lambda: "shape" not in view.caption.text(), timeout=10000)
    assert {str(s) for s in view.train_points.data["symbol"]} <= {"o", "None"}  # (one symbol for all: circles)
