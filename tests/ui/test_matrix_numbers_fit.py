"""Every number the inspector writes in a matrix cell fits its cell (the minus sign "−" is wider than
"-": with it "−0.0003" and "−5·10⁻⁸" ran into the next cell at the fixed 46 px)."""

import numpy as np
from PySide6.QtGui import QFontMetrics

from nnplay.ui.heatmap import short_number
from nnplay.ui.matrix_view import MatrixView


def test_the_widest_numbers_a_cell_can_hold_fit_with_room_to_spare(qtbot):
    view = MatrixView("dZ[1]")
    qtbot.addWidget(view)
    view.numbers = True
    values = np.array([[-0.0003, -5e-8, -2e-5, -0.083], [-99.99, -0.999, -1e-10, 88.88]])
    view.set_values(values)
    width, height = view.number_cell()
    assert view.plot.width() == 4 * width + 2 and view.plot.height() == 2 * height + 2
    metrics = QFontMetrics(view.font())
    sweep = [sign * m * 10.0 ** e for sign in (-1, 1) for m in (1, 5, 8, 9.99) for e in range(-12, 3)]
    for v in [*values.ravel(), *sweep]:
        text = short_number(v)
        assert metrics.horizontalAdvance(text) + 4 <= width, (v, text, width)


def test_the_header_gives_the_largest_value_an_all_zero_matrix_zero(qtbot):
    # (a tester's report: b[5] of a new run, all zeros, was headed "±1", the colour scale's guard)
    view = MatrixView("b[5]")
    qtbot.addWidget(view)
    view.set_values(np.zeros((8, 1)))
    assert view.shape_label.text().endswith("±0")
    view.set_values(np.array([[0.0, -0.25], [np.nan, 0.125]]))
    assert view.shape_label.text().endswith("±0.25")
