"""Every plot axis shows numbers: at least two labelled ticks on each axis of the window
at every supported size, log scale on and off, and epoch axes in whole numbers only.
The labels are read from what the axis draws (``AxisItem.generateDrawSpecs``: pyqtgraph
drops a label that would stick out of the axis, and TidyAxis one that would overlap)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QImage, QPainter

from tests.settle import settle

SIZES = [(1024, 768), (1280, 800)]


def draw_specs(axis: pg.AxisItem):
    """What ``axis`` draws now: pyqtgraph's (axis line, tick marks, labels), or None."""
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        return axis.generateDrawSpecs(painter)
    finally:
        painter.end()


def drawn_labels(axis: pg.AxisItem) -> list[str]:
    """The tick labels ``axis`` draws now."""
    specs = draw_specs(axis)
    return [] if specs is None else [text for _, _, text in specs[2] if text.strip()]


def shown_axes(win):
    """(where, axis) of every axis with values shown on a plot the user sees."""
    for view in win.findChildren(pg.GraphicsView):
        if not view.isVisible() or view.width() < 30 or view.height() < 30:
            continue
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem) and item.isVisible() and item.style.get("showValues", True):
                if item.linkedView() is None or item.geometry().width() < 1 or item.geometry().height() < 1:
                    continue
                owner = view.parentWidget()
                yield f"{owner.objectName() or type(owner).__name__} {item.orientation} {item.labelText!r}", item


def problems(win) -> list[str]:
    found = []
    for where, axis in shown_axes(win):
        labels = drawn_labels(axis)
        if len(labels) < 2:
            found.append(f"{where}: labels {labels} over {axis.range} {axis.width():.0f}x{axis.height():.0f}")
        if "epoch" in (axis.labelText or "") and not all(t.replace(",", "").lstrip("-").isdigit() for t in labels):
            found.append(f"{where}: epoch labels {labels} are not whole numbers")
    return found


def test_every_axis_of_the_window_shows_two_labelled_ticks_at_every_size_log_on_and_off(window, qtbot):
    """The log loss axis within one decade showed one bare tick; the accuracy plot's epoch
    axis had no numbers at 1024×768; epoch axes were labelled 0.05 apart at epoch 0."""
    found = []
    window.resize(*SIZES[0])
    assert settle(qtbot)
    found += [f"epoch 0: {p}" for p in problems(window)]
    window.controller.step(30)
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.epoch == 30, timeout=20000)
    tabs = window.lower_tabs
    for size in SIZES:
        window.resize(*size)
        for log in (False, True):
            window.curves.log_scale.setChecked(log)
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)
                settle(qtbot)
                found += [f"{size}, log {log}, tab {tabs.tabText(tab)}: {p}" for p in problems(window)]
    assert found == []


def test_every_colour_bar_is_labelled_at_three_compact_values_or_more(window, qtbot):
    """The regression key over −36,620 … 358,400 read only "0" and "50000" (its axis too narrow
    for the others); every colour bar is now labelled at 3–6 compact values (100k, 200k …)."""
    c = window.controller
    window.resize(1024, 768)
    c.change(dataset="plane")
    qtbot.waitUntil(lambda: c.run_info.data.name.startswith("plane") and c.last_frame is not None, timeout=10000)
    bar = window.boundary.value_bar
    qtbot.waitUntil(lambda: bar.scene() is not None, timeout=10000)
    assert settle(qtbot)  # laid out
    # a house-price target's range, read at once: the run's next frame sets its own range (−1…1)
    bar.setLevels((-36620.0, 358400.0))
    found = {}
    for view in window.findChildren(pg.GraphicsView):
        for item in view.scene().items() if view.isVisible() else ():
            if isinstance(item, pg.ColorBarItem) and item.isVisible():
                found[f"{view.parentWidget().objectName()} {item.levels()}"] = drawn_labels(item.axis)
    assert len(found) >= 2  # the output's key and the gradients' key
    assert all(len(labels) >= 3 for labels in found.values()), found
    assert drawn_labels(bar.axis) == ["0", "100k", "200k", "300k"]


def test_bar_ticks_are_compact_and_span_the_range():
    from nnplay.ui.bar_labels import bar_ticks

    assert [t for _, t in bar_ticks(-36620, 358400)] == ["0", "100k", "200k", "300k"]
    assert [t for _, t in bar_ticks(-0.025, 0.025)] == ["−0.02", "0", "0.02"]
    assert [t for _, t in bar_ticks(-1.3e6, 2.9e6)] == ["−1M", "0", "1M", "2M"]
    assert [t for _, t in bar_ticks(0, 1e-5)] == ["0", "0.5·10⁻⁵", "1.0·10⁻⁵"]
    assert [t for _, t in bar_ticks(600, 1100)] == ["600", "800", "1000"]  # (was "600", "800", "1.0k")
    assert bar_ticks(1.0, 1.0) == []


def test_a_huge_range_keeps_its_bounds_on_the_bar():
    """A weight of 1e300 gave dW about ±10³⁰⁰: the bar's labels were 300-digit numbers with a G,
    too long for the axis, which then showed only "0" (tester 13, live/g3b.png); ±1.7·10³⁰⁸
    (a span past the largest float) raised OverflowError."""
    from nnplay.ui.bar_labels import bar_ticks

    assert [t for _, t in bar_ticks(-1e300, 1e300)] == ["−1·10³⁰⁰", "0", "1·10³⁰⁰"]
    assert [t for _, t in bar_ticks(-1.7e308, 1.7e308)] == ["−1·10³⁰⁸", "0", "1·10³⁰⁸"]
    assert [t for _, t in bar_ticks(-3e14, 3e14)] == ["−2·10¹⁴", "0", "2·10¹⁴"]
    assert [t for _, t in bar_ticks(-3e12, 3e12)] == ["−2000G", "0", "2000G"]  # (below 10¹⁴: as before)
