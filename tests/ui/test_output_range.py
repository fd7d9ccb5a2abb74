"""The output view shows every data point as soon as the data changes (issue: a
CSV's outermost points were cut until the window was resized). The view keeps
its aspect locked; setting the horizontal and then the vertical range in two
calls let pyqtgraph keep the vertical one and narrow the horizontal one to the
plot's shape, cutting a wide data set's sides."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF

from tests.settle import settle


def _outside(window) -> list[str]:
    """The data's points (drawn ones included) outside the output view's range."""
    view = window.boundary
    (x0, x1), (y0, y1) = view.plot.getPlotItem().getViewBox().viewRange()
    X = view.info.data.X
    out = (X[:, 0] < x0) | (X[:, 0] > x1) | (X[:, 1] < y0) | (X[:, 1] > y1)
    return [f"({x:.3g}, {y:.3g}) outside x {x0:.3g}..{x1:.3g}, y {y0:.3g}..{y1:.3g}" for x, y in X[out][:3]]


def _write(path, X, y) -> str:
    rows = "\n".join(f"{a},{b},{int(c)}" for (a, b), c in zip(X, y))
    path.write_text("x1,x2,label\n" + rows + "\n")
    return str(path)


def _settled(window, qtbot, check) -> None:
    c = window.controller
    qtbot.waitUntil(lambda: check(c) and c.last_frame is not None, timeout=20000)
    qtbot.wait(50)  # no resize: the range must be right without one


def test_every_point_is_in_view_right_after_a_csv_loads(window, qtbot, tmp_path):
    rng = np.random.default_rng(0)
    for name, scale in (("wide", (20.0, 1.0)), ("tall", (1.0, 20.0))):
        X = rng.normal(size=(60, 2)) * scale
        X[0], X[1] = (-3 * scale[0], 0), (0, 3 * scale[1])  # the outermost points
        path = _write(tmp_path / f"{name}.csv", X, X[:, 0] > 0)
        assert window.controller.load_csv(path)
        _settled(window, qtbot, lambda c, first=X[0]: c.run_info.data.X.shape == (60, 2)
                 and np.allclose(c.run_info.data.X[0], first))
        assert _outside(window) == [], name


def test_every_point_is_in_view_after_a_built_in_set_or_noise_change(window, qtbot):
    c = window.controller
    for changes in ({"dataset": "spiral"}, {"noise": 0.5}, {"dataset": "gauss", "noise": 0.0}):
        assert c.change(**changes)
        _settled(window, qtbot, lambda c, changes=changes: all(
            getattr(c.run_info.config, k) == v for k, v in changes.items()))
        assert _outside(window) == [], changes


def test_the_view_fits_a_wide_or_tall_extent_whatever_its_shape(qtbot):
    """The range is set in one call: for any extent and any plot shape the whole
    extent is in view, the axis with room to spare widened (aspect locked)."""
    from nnplay.ui.decision_boundary import DecisionBoundaryView

    view = DecisionBoundaryView(drawing=False)
    qtbot.addWidget(view)
    for size in ((500, 300), (300, 500)):
        view.resize(*size)
        view.show()
        qtbot.wait(20)
        for extent in (((-60.0, 60.0), (-3.0, 3.0)), ((-3.0, 3.0), (-60.0, 60.0)), ((0.0, 1.0), (0.0, 1.0))):
            view._set_extent(extent)
            (x0, x1), (y0, y1) = view.plot.getPlotItem().getViewBox().viewRange()
            (a0, a1), (b0, b1) = extent
            eps = 1e-9 * max(a1 - a0, b1 - b0)
            assert x0 <= a0 + eps and x1 >= a1 - eps and y0 <= b0 + eps and y1 >= b1 - eps, (size, extent)


def test_the_colour_bar_never_covers_a_point_and_every_point_is_drawn_whole(window, qtbot):
    """Fault 7: regression data's colour bar, beside the output view, covered the points near
    X1 ≈ 6 (the view's right edge at 1024x768); a point on the domain's edge was cut in half."""
    from nnplay.ui.decision_boundary import BAR_GAP

    c = window.controller
    c.change(dataset="multigauss")
    _settled(window, qtbot, lambda c: c.run_info.data.name.startswith("multigauss"))
    view = window.boundary
    vb = view.plot.getPlotItem().getViewBox()
    found = []
    for size in ((1024, 768), (1280, 800), (1920, 1080)):
        window.resize(*size)
        qtbot.waitUntil(lambda: view.value_bar.scene() is not None, timeout=10000)
        assert settle(qtbot)  # laid out
        area, bar = vb.sceneBoundingRect(), view.value_bar.sceneBoundingRect()
        if bar.left() < area.right() + BAR_GAP - 0.5:
            found.append(f"{size}: bar from x={bar.left():.1f}, data area to {area.right():.1f}")
        radius = view.test_points.opts["size"] / 2 + 1  # the larger of the two kinds of point
        X = view.info.data.X
        for x, y in X[np.argsort(-np.abs(X).max(axis=1))[:40]]:  # the outermost points
            p = vb.mapViewToScene(QPointF(float(x), float(y)))
            if not area.adjusted(radius, radius, -radius, -radius).contains(p):
                found.append(f"{size}: point ({x:.2f}, {y:.2f}) at {p.x():.1f}, {p.y():.1f} cut by {area}")
                break
    assert found == []
