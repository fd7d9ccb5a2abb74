"""Tester's item 4: the Output view keeps one unit the same length on both axes
only when they share one (a built-in set); a CSV's columns in different units
(temperature 0-40 against size 10-200) are each fitted to their own range, not
squeezed into a strip beside an axis stretched far past the data."""

from __future__ import annotations

import numpy as np

from nnplay.data import generate
from nnplay.ui.decision_boundary import MOST_ROOM
from nnplay.ui.plane_aspect import same_units
from tests.settle import settle


def _ranges(window):
    vb = window.boundary.plot.getPlotItem().getViewBox()
    return vb.state["aspectLocked"], vb.viewRange()


def test_a_built_in_set_is_in_one_unit_and_a_csv_or_one_input_is_not(tmp_path):
    from nnplay.data.csv_loader import load_csv

    assert same_units(generate("circle"))
    path = tmp_path / "two.csv"
    path.write_text("temp,size,price\n" + "".join(f"{i % 40},{10 + 4 * i},{i}\n" for i in range(48)), encoding="utf-8")
    assert not same_units(load_csv(str(path)))


def test_the_output_view_fits_each_axis_of_a_csv_and_locks_a_built_in_set(window, qtbot, tmp_path):
    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None, timeout=20000)
    locked, _ = _ranges(window)
    assert locked  # the circle stays round
    rng = np.random.default_rng(0)
    rows = [f"{t:.2f},{s:.1f},{t * 2 + s / 10:.2f}\n" for t, s in zip(rng.uniform(0, 40, 80), rng.uniform(10, 200, 80))]
    path = tmp_path / "units.csv"
    path.write_text("temp,size,price\n" + "".join(rows), encoding="utf-8")
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info.data.input_names[0] == "temp" and c.last_frame is not None, timeout=20000)
    qtbot.wait(50)
    locked, ((x0, x1), (y0, y1)) = _ranges(window)
    (dx0, dx1), (dy0, dy1) = c.run_info.extent
    assert not locked
    for (lo, hi), (d0, d1) in (((x0, x1), (dx0, dx1)), ((y0, y1), (dy0, dy1))):  # each axis its data's own range,
        room = MOST_ROOM * (d1 - d0) * 1.001  # ... with a point's room round it (decision_boundary.POINT_ROOM)
        assert d0 - room <= lo < d0 and d1 < hi <= d1 + room
    assert x0 > -20 and x1 < 60  # not -150..200 beside a 0-40 column


def test_a_wide_locked_output_shows_the_domain_not_range_past_it(window, qtbot):
    """Tester 17: at small sizes the Output and the comparison's plots spanned X₁ −10..10 for
    data within ±6 (the aspect lock filled the wide plot's width with range past the data).
    The data area is as wide as the domain at its height, the width left either side of it."""
    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None and c.last_frame is not None, timeout=20000)
    plot = window.boundary.plot
    plot.setMinimumSize(600, 220)  # a wide, low plot: its width the aspect lock would fill
    try:
        qtbot.waitUntil(lambda: plot.width() >= 600 and plot.height() < 400, timeout=5000)
        (dx0, dx1), _ = c.run_info.extent
        qtbot.waitUntil(lambda: _ranges(window)[1][0][1] - _ranges(window)[1][0][0] < (dx1 - dx0) * 1.1, timeout=5000)
        locked, ((x0, x1), (y0, y1)) = _ranges(window)
        view = plot.getPlotItem().getViewBox()
        assert locked and view.width() < plot.width() - 200  # the rest is margin, not range
        assert abs((x1 - x0) / (y1 - y0) - view.width() / view.height()) < 0.05  # one unit the same length
    finally:
        plot.setMinimumSize(0, 0)


def test_a_tall_locked_output_shows_the_domain_at_every_zoom_step(window, qtbot):
    """Tester 22: at ×1.6 on 1280×800 (the curves folded away to make room, the output given its column's
    whole height) the Output view spanned X₂ −8.5..8.5 for data within ±6: blank bands above and below the
    picture. The data area is as tall as the domain at its width, the height left above and below it."""
    from nnplay.ui.presentation import ZOOMS

    c = window.controller
    qtbot.waitUntil(lambda: c.run_info is not None and c.last_frame is not None, timeout=20000)
    window.resize(1280, 800)
    window.presentation.set_panel("curves", False)  # (what the zoom's fold did at ×1.6 on the tester's screen)
    (dx0, dx1), (dy0, dy1) = c.run_info.extent
    view = window.boundary.plot.getPlotItem().getViewBox()
    found = []
    for zoom in [z for z in ZOOMS if z >= 1.0]:
        window.presentation.set_zoom(zoom)
        settle(qtbot)
        locked, ((x0, x1), (y0, y1)) = _ranges(window)
        assert locked
        for axis, (lo, hi), (d0, d1) in (("X₁", (x0, x1), (dx0, dx1)), ("X₂", (y0, y1), (dy0, dy1))):
            room = MOST_ROOM * (d1 - d0) * 1.001 + 2 * (d1 - d0) / min(view.width(), view.height())  # (+2 px)
            if not (d0 - room <= lo and hi <= d1 + room):
                found.append(f"×{zoom}: {axis} {lo:.2f}..{hi:.2f} for data {d0:.2f}..{d1:.2f}")
    assert found == []
