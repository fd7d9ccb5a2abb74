"""Tester 21: while playing, the loss plot's epoch axis looked shorter than the accuracy plot's beside it.
Both showed 0 … 2000, but the loss axis (230 px) dropped its "2000": the end label, moved inside the axis
by half its width (``TidyAxis._inside``), landed on "1500" and was dropped as an overlap. The tick spacing
of a horizontal epoch axis leaves the end label that room: where the axis's end is a labelled tick, its
label is drawn, at every width."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPainter

from nnplay.ui.loss_curves import _curve_plot
from nnplay.ui.plot_layout import epoch_span, show_epochs


def _labels(axis) -> list[float]:
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [float(t.replace(",", "").replace("k", "e3").replace("M", "e6")) for _, _, t in specs[2]]


def test_an_epoch_axis_labels_its_end_where_the_end_is_a_tick(qtbot):
    plot = _curve_plot("loss")
    qtbot.addWidget(plot)
    plot.show()
    plot.plot(np.arange(10), np.zeros(10))
    axis, missing = plot.getAxis("bottom"), []
    for epochs in (11, 47, 1760, 4999, 250_000, 3_000_000):
        right = epoch_span(epochs)
        show_epochs([plot], right)
        for width in range(120, 640, 13):
            plot.resize(width, 180)
            qtbot.wait(1)
            labels = _labels(axis)
            ticks = [v for v in axis._tick_values if 0 <= v <= right * 1.0001]
            step = ticks[1] - ticks[0] if len(ticks) > 1 else None
            if len(labels) < 2:
                missing.append(f"{width} px, 0 … {right:g}: {labels}")
            elif step and abs(right / step - round(right / step)) < 1e-6 and labels[-1] < right * 0.999:
                missing.append(f"{width} px, 0 … {right:g}: {labels}")
    assert missing == []
