"""Issue 12 item 2 and issue 14 item 8: at 1024×768 (less a taskbar), at
1100×680 and at 1920×1080, in the states a user meets, no text of the window
is cut, elided or overlapping, no widget lies outside the window, no toolbar
overflows, and no plot's tick labels collide (tests/layout_check.py says how
each is measured)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from tests.layout_check import text_problems, tick_label_overlaps, tick_labels
from tests.settle import settle
from tests.sweep import sweep

SIZES = [(1024, 740), (1100, 680), (1920, 1080)]


def epoch(win):
    frame = win.controller.last_frame
    return -1 if frame is None else frame.snapshot.epoch


def problems_at_every_size(qtbot, top, sizes=SIZES) -> list[str]:
    found = []
    for w, h in sizes:
        top.resize(w, h)
        settle(qtbot)  # the layout settles, plots redraw their axes
        found += [f"at {w}×{h}: {p}" for p in text_problems(top)]
    return found


def test_the_window_fits_a_1024x768_screen_less_a_taskbar(window, qtbot):
    least = window.minimumSizeHint()
    assert least.width() <= 1000 and least.height() <= 700, least  # room for a window frame
    window.resize(1024, 740)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1024, 740), timeout=3000)


def test_nothing_is_cut_at_the_start(window, qtbot):
    assert problems_at_every_size(qtbot, window) == []


@pytest.mark.slow  # trains a 5-class spiral at three sizes
def test_nothing_is_cut_in_a_five_class_spiral_run(window, qtbot):
    c = window.controller
    c.change(dataset="spiral-k", classes=5, hidden=(12, 12, 12), activation="relu", optimizer="adam")
    qtbot.waitUntil(lambda: c.run_info.data.n_classes == 5, timeout=10000)
    c.step(1500)  # the epoch axis reaches 4 digits
    qtbot.waitUntil(lambda: epoch(window) >= 1500, timeout=120000)
    window.lower_tabs.setCurrentWidget(window.metrics)  # precision and recall of five classes
    qtbot.wait(300)
    found = problems_at_every_size(qtbot, window)
    window.lower_tabs.setCurrentWidget(window.curves)
    window.curves.log_scale.setChecked(True)
    found += problems_at_every_size(qtbot, window)
    assert found == []


def test_nothing_is_cut_with_a_csv_of_long_column_names(window, qtbot, tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(150, 4))
    y = (X[:, 0] + X[:, 2] > 0).astype(int)
    path = tmp_path / "iris_like.csv"
    header = "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species_label"
    np.savetxt(path, np.column_stack([X, y]), delimiter=",", header=header, comments="", fmt="%.3f")
    c = window.controller
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_inputs == 4, timeout=10000)
    c.step(20)
    qtbot.waitUntil(lambda: epoch(window) >= 20, timeout=15000)
    assert window.boundary.axis_x.isVisible()
    assert problems_at_every_size(qtbot, window) == []


def test_nothing_is_cut_after_a_divergence(window, qtbot):
    """The red banner (two lines at 1024 pixels) takes its room from the columns, which still fit."""
    c = window.controller
    c.change(dataset="plane", activation="linear", batch_size=1, hidden=(8, 8))
    c.set_learning_rate(5.0)
    qtbot.waitUntil(lambda: c.config.lr == 5.0 and c.run_info.data.name == "plane", timeout=10000)
    c.step(40)  # a linear network at a learning rate of 5 diverges within a few epochs
    qtbot.waitUntil(window.banner.isVisible, timeout=20000)
    assert "diverged" in window.banner.text()
    assert problems_at_every_size(qtbot, window) == []


@pytest.mark.slow  # three sizes, the inspector open
def test_nothing_is_cut_in_a_stepped_mini_batch_read_out(window, qtbot):
    c = window.controller
    c.set_speed(1)
    c.step(3000)
    qtbot.waitUntil(lambda: epoch(window) >= 3000, timeout=60000)
    window.step_batch_action.trigger()
    qtbot.waitUntil(lambda: c.last_frame.snapshot.batch_position[0] == 1, timeout=10000)
    assert "batches" in window.stats["epoch"].text()
    assert problems_at_every_size(qtbot, window) == []


def test_nothing_is_cut_in_the_inspector_and_the_comparison(window, qtbot):
    c = window.controller
    window.show_inspector()
    qtbot.waitUntil(lambda: window.inspector.trace is not None, timeout=20000)
    found = [f"inspector {p}" for p in problems_at_every_size(qtbot, window.inspector, [(1024, 740), (1600, 1000)])]
    window.inspector.close()
    assert c.fork(True, lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(), timeout=10000)
    c.play()
    cw = window.compare_window  # both runs' curves drawn over ten epochs (was: two seconds' play)
    qtbot.waitUntil(lambda: epoch(window) >= 10 and len(cw.curves["B"].history) > 10, timeout=30000)
    c.pause()
    found += [f"comparison {p}" for p in problems_at_every_size(qtbot, cw, [(1024, 740), (1600, 1000)])]
    cw.log_scale.setChecked(True)
    found += [f"comparison {p}" for p in problems_at_every_size(qtbot, cw, [(1024, 740)])]
    c.stop_comparing()
    assert found == []


@pytest.mark.parametrize("log", [False, True])
def test_pyqtgraph_alone_piles_tick_labels_where_the_tidy_axis_does_not(qtbot, log):
    """The check can fail: on a plot 110 pixels wide, pyqtgraph's own axis overlaps its labels."""
    from nnplay.ui.plot_layout import tidy_axes

    def plot(axes):
        p = pg.PlotWidget(axisItems=axes)
        qtbot.addWidget(p)
        p.setLogMode(y=log)
        p.plot(np.arange(1, 1601), np.linspace(0.05, 0.9, 1600) if log else np.linspace(0, 1, 1600))
        p.resize(110, 160)
        p.show()
        assert settle(qtbot)  # laid out, its axes drawn
        return p

    bottom = "left" if log else "bottom"
    assert tick_label_overlaps(plot(None).getAxis(bottom))
    assert tick_label_overlaps(plot(tidy_axes()).getAxis(bottom)) == []


@pytest.mark.parametrize("log", [False, True])
def test_the_tidy_axis_labels_a_diverging_loss_without_overlaps_or_errors(qtbot, log):
    """Losses near 1e300 (a divergence): the spacing stays a float numpy can use, the labels stay apart."""
    from nnplay.ui.plot_layout import tidy_axes

    p = pg.PlotWidget(axisItems=tidy_axes())
    qtbot.addWidget(p)
    p.setLogMode(y=log)
    p.plot(np.arange(1, 50), np.geomspace(1e-3, 1e300, 49))
    p.resize(200, 160)
    p.show()
    qtbot.wait(100)  # (settle() measured slower: the axis widens over several paints)
    left = p.getAxis("left")
    # (a label wider than the axis is left out of one paint while the axis widens for it: wait for that)
    qtbot.waitUntil(lambda: len([text for _, _, text in tick_labels(left) if text]) >= 2, timeout=3000)
    assert tick_label_overlaps(left) == []


@pytest.mark.parametrize("right", [18.0, 75.0, 1500.0])
def test_every_tick_label_reads_its_own_value(qtbot, right):
    """A minor spacing of 2.5 printed 2.5 as "2" and 7.5 as "8"; every label must be its tick's value."""
    from nnplay.ui.plot_layout import TidyAxis

    axis = TidyAxis("bottom")
    for size in (80, 200, 600):
        for spacing, values in axis.tickValues(0.0, right, size):
            for value, text in zip(values, axis.tickStrings(values, 1.0, spacing)):
                assert float(text.replace(",", "")) == pytest.approx(value, abs=1e-9), (size, spacing, text)


@pytest.mark.parametrize("tidy", [False, True])
def test_a_short_colour_bar_drops_the_labels_that_would_run_together(qtbot, tidy):
    """The gradient heatmaps' key and the output's colour bar, short (a lesson open at
    1280×800): pyqtgraph's own bar overlaps "-0.04-0.02"; colour_bar's shows fewer labels."""
    from nnplay.ui.heatmap import colour_bar

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    bar = colour_bar(levels=(-0.04, 0.04))
    if not tidy:
        del bar.axis.generateDrawSpecs  # pyqtgraph's own
    font = bar.axis.font()
    font.setPointSizeF(12.0)  # zoomed
    bar.axis.setStyle(tickFont=font)
    view.addItem(bar)
    view.show()
    overlaps = []
    for width in (100, 130, 160, 190, 220):
        view.resize(width, 60)
        qtbot.wait(30)
        overlaps += tick_label_overlaps(bar.axis)
        assert not tidy or len([t for _, _, t in tick_labels(bar.axis) if t]) >= (1 if width < 200 else 2), width
    assert bool(overlaps) is not tidy, overlaps


def test_a_plot_squeezed_to_a_strip_is_caught(qtbot):
    """The check can fail: a plot whose data area is squeezed under MIN_PLOT_PX is a strip."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    top = QWidget()
    qtbot.addWidget(top)
    p = pg.PlotWidget()
    QVBoxLayout(top).addWidget(p)
    p.plot([0, 1], [0, 1])
    p.setTitle("loss")
    p.setLabel("bottom", "epoch")  # (a title and axes take their room first)
    top.resize(300, 90)
    top.show()
    qtbot.wait(50)
    assert any("squeezed" in m for m in text_problems(top))
    top.resize(300, 240)
    qtbot.wait(50)
    assert not any("squeezed" in m for m in text_problems(top))


@sweep("size, zoom", [((1100, 680), 1.6), ((1280, 800), 1.6), ((1280, 800), 1.8)], default=0)
def test_every_gradient_heatmap_stays_readable_when_zoomed(window, qtbot, size, zoom):
    """The heatmaps were 15-20 px strips at ×1.6 (the column squeezed by the norms): each keeps
    MIN_HEATMAP_PX, its column scrolls, and nothing in the window is cut or a strip."""
    from nnplay.ui.plot_room import MIN_HEATMAP_PX
    from tests.ui.test_zoom_fits import zoomed

    c = window.controller
    c.change(hidden=(4, 4, 4))
    qtbot.waitUntil(lambda: c.run_info.sizes == (2, 4, 4, 4, 1), timeout=10000)
    assert zoomed(window, qtbot, size, zoom) == []
    g = window.gradients
    if g.maps_widget.isVisible():
        heights = [m.getViewBox().sceneBoundingRect().height() for m in g._maps]
        assert len(heights) == 4 and min(heights) >= MIN_HEATMAP_PX - 1, heights
    else:  # hidden to fit, and said so
        assert "Gradients" in window.statusBar().currentMessage()
