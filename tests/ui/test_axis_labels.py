"""Every plot axis shows numbers: at least two labelled ticks on each axis of the window
at every supported size, log scale on and off, and epoch axes in whole numbers only.
The labels are read from what the axis draws (``AxisItem.generateDrawSpecs``: pyqtgraph
drops a label that would stick out of the axis, and TidyAxis one that would overlap)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QImage, QPainter

from tests.settle import settle
from tests.sweep import sweep

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


COMPACT = {"k": 1e3, "M": 1e6, "G": 1e9}


def epoch_value(text: str) -> float | None:
    """The epoch an epoch axis's label reads ("120000", "200k", "1.5M"), or None when it reads none."""
    text = text.replace(",", "")
    scale = COMPACT.get(text[-1:], 1.0)
    number = text[:-1] if scale != 1.0 else text
    try:
        return float(number) * scale if number.replace(".", "", 1).isdigit() else None
    except ValueError:
        return None


def epoch_axes(win):
    """(where, axis) of every horizontal epoch axis shown on the plots of ``win`` and its side windows:
    ``where`` names the plot (its own object name, or its nearest named parent's)."""
    from nnplay.ui.plot_layout import TidyAxis

    for view in win.findChildren(pg.GraphicsView):
        if not view.isVisible():
            continue
        owner = view
        while owner is not None and not owner.objectName():
            owner = owner.parentWidget()
        for item in view.scene().items():
            if isinstance(item, TidyAxis) and item.whole and item.orientation == "bottom" and item.isVisible() \
                    and item.linkedView() is not None and item.geometry().width() >= 1:
                yield f"{owner.objectName() if owner else type(view).__name__} {item.labelText!r}", item


LONG_RUNS = (100_000, 1_000_000, 10_000_000)


@sweep("size", [(1024, 768), (1280, 800), (1920, 1080)], default=0)
def test_every_epoch_axis_keeps_two_readable_labels_on_long_runs(window, qtbot, size):
    """At 1280×800 after 240,000 epochs the accuracy plot's epoch axis read "0" alone while the
    loss plot beside it read 0 / 200000 / 400000 (tester 20, s15_long10min.png): its whole
    numbers did not fit its width, and pyqtgraph dropped them. Every epoch axis of the window
    and of the comparison (loss, accuracy, gradient norms, distributions, compare), at each size (a sweep:
    tests/sweep.py), at the presentation's zoom too, keeps two labels or more, read as increasing epochs, none
    longer than six characters where the axis is narrow (200k, 4M)."""
    from nnplay.ui.plot_layout import EPOCH_PAD

    c = window.controller
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 3, timeout=20000)
    assert c.fork(lr=0.3)
    qtbot.waitUntil(lambda: window.compare_window is not None and window.compare_window.isVisible(), timeout=20000)
    windows = (window, window.compare_window)  # (the comparison's plots are found from the window too)
    tabs, found, seen = window.lower_tabs, [], set()
    for zoom in (1.0, 1.25):
        window.presentation.set_zoom(zoom)
        for win in windows:
            win.resize(*size)
        for tab in range(tabs.count()):
            tabs.setCurrentIndex(tab)
            settle(qtbot)
            for epochs in LONG_RUNS:
                axes = list(epoch_axes(window))
                for _, axis in axes:  # as show_epochs sets them (padded each side)
                    axis.linkedView().setLimits(xMin=-EPOCH_PAD * epochs)
                    axis.linkedView().setXRange(0, epochs, padding=EPOCH_PAD)
                settle(qtbot)
                for where, axis in axes:
                    seen.add(where)
                    labels = drawn_labels(axis)
                    values = [epoch_value(t) for t in labels]
                    if len(labels) < 2 or None in values or values != sorted(values) or \
                            (axis.width() < 150 and max(map(len, labels)) > 6):
                        found.append(f"{size} zoom {zoom} {tabs.tabText(tab)} {epochs}: {where} "
                                     f"{axis.width():.0f} px: {labels}")
    window.presentation.set_zoom(1.0)
    window.compare_window.stop_button.click()
    names = " ".join(seen)
    assert all(n in names for n in ("loss_plot", "accuracy_plot", "gradient_norms", "distributions", "compare")), seen
    assert found == []


def test_epoch_counts_are_written_compactly_in_one_format():
    from nnplay.ui.bar_labels import compact_counts

    assert compact_counts([0, 200_000, 400_000], 200_000) == ["0", "200k", "400k"]
    assert compact_counts([0, 500_000, 1_000_000, 1_500_000], 500_000) == ["0", "0.5M", "1.0M", "1.5M"]
    assert compact_counts([0, 2e6, 4e6], 2e6) == ["0", "2M", "4M"]
    assert compact_counts([20e6, 40e6], 20e6) == ["20M", "40M"]
    assert compact_counts([200, 400], 200) == ["200", "400"]  # (under 1000: as they are)
    assert compact_counts([10_000, 12_500], 2_500) == ["10.0k", "12.5k"]
