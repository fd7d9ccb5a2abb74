"""Every read-out of a cell shows the number its picture shows now (round 17's open fault 2: a weight
typed into a Gradients heatmap stayed in the read-out, "set to -2.5", after training had moved it on; a
hovered cell's value, once the pointer left it, stayed too, in the Gradients panel and the inspector)."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnplay.numbers import format_number
from tests.settle import settle

pytestmark = pytest.mark.timeout(120)


def test_a_weight_typed_in_a_heatmap_is_read_out_as_training_moves_it_on(window, qtbot):
    c, g = window.controller, window.gradients
    g.quantity.setCurrentIndex(1)  # Weights W
    item = g._maps[1]  # W[2]: its cell (row 2, column 4) clicked as a user does
    vb = item.getViewBox()
    pos = g.maps_widget.mapFromScene(vb.mapViewToScene(item.mapToView(QPointF(3.5, 1.5))))
    qtbot.mouseClick(g.maps_widget.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    g._report(None)  # the editor opened over the cell: the pointer is off the heatmap (a hover's exit)
    g.editing.editor.setText("-2.5")
    qtbot.keyClick(g.editing.editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.weights[1][1, 3] == -2.5, timeout=10000)
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.weights[1][1, 3] != -2.5 and c.last_frame.snapshot.epoch >= 5,
                    timeout=10000)
    settle(qtbot)
    now = float(g.last_snapshot.weights[1][1, 3])
    assert f"W[2][2, 4]\u00a0=\u00a0{format_number(now, 6)}" in g.readout.text(), (now, g.readout.text())


def test_a_heatmap_cell_the_pointer_left_is_read_out_at_each_frame(window, qtbot):
    c, g = window.controller, window.gradients
    g._report((1, 0, 1, 0.0))  # dW[1][1, 2] hovered...
    g._report(None)  # ...and left
    c.step(3)
    qtbot.waitUntil(lambda: g.last_snapshot is not None and g.last_snapshot.epoch >= 3, timeout=10000)
    settle(qtbot)
    now = float(g.last_snapshot.dW[0][0, 1])
    assert g.readout.text().startswith(f"dW[1][1, 2]\u00a0=\u00a0{format_number(now, 6)}"), (now, g.readout.text())


def test_an_inspector_matrix_read_out_follows_the_next_trace_and_only_the_last_matrix_hovered(qtbot):
    from nnplay.ui.inspector_equations import Equation

    said = []
    eq = Equation(said.append, lambda *_: None)
    qtbot.addWidget(eq)
    W, dW = np.array([[0.5, -1.0], [2.0, 3.0]]), np.array([[0.1, 0.2], [0.3, 0.4]])
    eq.set_terms("", "", [("W[1]", W), "·", ("dW[1]", dW)])
    w, dw = eq.views
    w.heat._report((0, 1, -1.0))  # the pointer on W[1][1, 2]...
    w.heat._report(None)  # ...then off it
    assert said[-1].startswith(f"W[1][1, 2]\u00a0=\u00a0{format_number(-1.0, 6)}")
    W = W.copy()
    W[0, 1] = -1.25
    eq.set_terms("", "", [("W[1]", W), "·", ("dW[1]", dW)])  # the next trace
    assert said[-1].startswith(f"W[1][1, 2]\u00a0=\u00a0{format_number(-1.25, 6)}"), said
    count = len(said)
    W[1, 1] = 3.5
    eq.set_terms("", "", [("W[1]", W), "·", ("dW[1]", dW)])  # its cell unchanged: the read-out (a click's message) stays
    assert len(said) == count
    dw.heat._report((1, 0, 0.3))  # another matrix hovered: W's next values are not read out
    W[0, 1] = -2.0
    eq.set_terms("", "", [("W[1]", W), "·", ("dW[1]", dW * 2)])
    assert said[-1].startswith(f"dW[1][2, 1]\u00a0=\u00a0{format_number(0.6, 6)}"), said
