"""The backprop inspector window fed traces directly (no training process):
which weight a click picks, the one cell outlined, the check that can fail,
tanh's slope in the table, the step ΔW, and the layout at 1,100 pixels."""

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from nnplay.numbers import format_number, read_number
from nnplay.training import TrainConfig, Trainer
from nnplay.ui.inspector import InspectorWindow
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(120)


def _trace(**config):
    t = Trainer(TrainConfig(**{"dataset": "xor", "hidden": (8, 8, 8), "batch_size": 10, "seed": 1, **config}))
    t.run(2)
    return t.trace_next_batch()


def _window(qtbot, trace, width=1100, height=680):
    win = InspectorWindow()
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    win.set_trace(trace)
    QApplication.processEvents()
    return win


def _view(win, title, eq=None):
    views = [(e, v) for e, q in enumerate(win.equations) for v in q.visible_views() if v.title == title]
    return next(v for e, v in views if eq is None or e == eq)


def _cell(view, i, j) -> QPoint:
    return view.cell_point(i, j)


def _click(qtbot, view, i, j) -> None:
    """A real click on cell (i, j) of a matrix's heatmap, scrolled into sight and
    the pointer moved onto it first, as a user would."""
    _hover(view, i, j)
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=view.cell_point(i, j))


def _into_sight(view) -> None:
    scroll = view.window().scroll
    scroll.ensureWidgetVisible(view)
    QApplication.processEvents()


def _hover(view, i, j) -> None:
    _into_sight(view)
    pos = QPointF(view.cell_point(i, j))
    port = view.plot.viewport()
    QApplication.sendEvent(port, QMouseEvent(QEvent.Type.MouseMove, pos, port.mapToGlobal(pos),
                                             Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                             Qt.KeyboardModifier.NoModifier))


def _outlined(win):
    return [(v.title, v.selected) for q in win.equations for v in q.visible_views() if v.selected is not None]


def test_a_click_outlines_only_that_cell_and_a_transposed_matrix_picks_the_right_weight(qtbot):
    tr = _trace()
    win = _window(qtbot, tr)
    win.show_layer(2)  # W[2] (8x8) in the forward pass and W[3]ᵀ (8x8) in the chain rule
    w2, w3t = _view(win, "W[2]", eq=0), _view(win, "W[3]ᵀ")
    _click(qtbot, w2, 2, 1)
    assert win.chain.chosen() == (2, 2, 1)
    assert _outlined(win) == [("W[2]", (2, 1))]  # not W[3]ᵀ's (3, 2), not dW[2]'s
    assert "W[2]ᵀ (2, 3) in layer 1" in win.chain.weight.text() and "dW[2] (3, 2)" in win.chain.weight.text()

    _click(qtbot, w3t, 2, 1)  # W[3]ᵀ (3, 2) is W[3] (2, 3)
    assert win.chain.chosen() == (3, 1, 2)
    assert _outlined(win) == [("W[3]ᵀ", (2, 1))]
    c = tr.chain(3, 1, 2)
    assert c["engine"] == pytest.approx(tr.layer(3).dW[1, 2], rel=1e-9)
    assert format_number(c["engine"], 6) in win.chain.result.text() and "✓ the same" in win.chain.result.text()
    _hover(w3t, 2, 1)
    assert "the weight W[3][2, 3]" in win.readout.text()
    assert float(win.readout.text().split("=")[1].split()[0]) == pytest.approx(tr.layer(3).W[1, 2], rel=1e-5)

    win.pick_weight(2, 4, 0)  # picked by the boxes: outlined in W[2] of the forward pass
    assert _outlined(win) == [("W[2]", (4, 0))]
    _click(qtbot, _view(win, "dZ[2]"), 0, 0)
    assert win.chain.chosen() == (2, 4, 0) and "holds no weights" in win.readout.text()


def test_the_check_shows_a_cross_and_the_difference_when_the_engine_disagrees(qtbot):
    tr = _trace()
    win = _window(qtbot, tr)
    win.pick_weight(2, 1, 0)
    assert "✓ the same" in win.chain.result.text() and "✗" not in win.chain.result.text()
    lt = tr.layer(2)
    wrong = lt.dW_engine.copy()
    wrong[1, 0] += 0.0123
    layers = list(tr.layers)
    layers[1] = dataclasses.replace(lt, dW_engine=wrong)
    win.set_trace(dataclasses.replace(tr, layers=tuple(layers)))
    text = win.chain.result.text()
    assert "✗ different" in text and "✓" not in text and "0.0123" in text
    win.pick_weight(2, 0, 0)  # the other weights still agree
    assert "✓ the same" in win.chain.result.text()


def test_tanh_with_squared_error_shows_the_slope_so_dZ_can_be_checked_from_the_columns(qtbot):
    tr = _trace(dataset="plane", hidden=(4, 3), loss="tanh_mse")
    win = _window(qtbot, tr)
    t = win.chain.table
    headers = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert headers[:4] == ["A[3]₁", "Y₁", "1 − A[3]₁²", "dZ[3]₁ = (A − Y)(1 − A²)"]
    col = np.array([[read_number(t.item(k, c).text()) for c in range(4)] for k in range(t.rowCount())])  # (−: U+2212)
    np.testing.assert_allclose((col[:, 0] - col[:, 1]) * col[:, 2], col[:, 3], rtol=2e-5, atol=1e-8)
    np.testing.assert_allclose(col[:, 2], 1 - col[:, 0] ** 2, rtol=2e-5)
    assert [v.title for v in win.equations[1].visible_views()] == ["dZ[3]", "A[3]", "Y", "1 − A[3]²"]


def test_the_update_shows_the_step_delta_W(qtbot):
    tr = _trace(optimizer="adam", lr=0.01)
    win = _window(qtbot, tr)
    win.show_layer(1)
    step = _view(win, "ΔW[1]")
    np.testing.assert_allclose(step.values, tr.layer(1).W_new - tr.layer(1).W)
    assert np.abs(step.values).max() > 0
    assert "Adam" in win.equations[4].formula.text() and "new W[1]" in [v.title for v in win.equations[4].views]


@sweep("size", [(1100, 680), (1600, 1000)], default=0)
def test_every_matrix_fits_the_window_with_numbers_on(qtbot, size):
    win = _window(qtbot, _trace(), *size)
    win.numbers.setChecked(True)
    for layer in (4, 3, 1):
        win.show_layer(layer)
        QApplication.processEvents()
        viewport = win.scroll.viewport()
        shown = [v for q in win.equations for v in q.visible_views()]
        assert any(v.numbered for v in shown)
        for v in shown:
            right = v.mapTo(viewport, QPoint(v.width(), 0)).x()
            assert 0 < v.width() and right <= viewport.width(), (layer, v.title, right, viewport.width())


def test_the_verdict_names_non_finite_numbers():
    from nnplay.ui.chain_rule import verdict

    c = {"m": 4, "data_term": float("nan"), "reg_term": 0.0, "total": float("nan"), "engine": 0.5,
         "difference": float("nan"), "agrees": False}
    assert "✗ different</b> — not finite numbers" in verdict(c, 1, 0, 0)


def test_a_matrix_cell_that_is_not_a_number_is_never_painted_as_a_value(qapp):
    from nnplay.ui.matrix_view import MatrixView
    from nnplay.ui.undefined import HATCH_COLOUR

    view = MatrixView("dW[1]")
    view.set_values(np.array([[1.0, np.nan], [np.inf, 0.0]]))
    view.resize(view.sizeHint())
    view.show()
    QApplication.processEvents()
    picture = view.plot.grab().toImage()

    def colours(i, j):  # the colours inside cell (i, j), its edges left out
        c, a, b = view.cell_point(i, j), int(view._cw / 2) - 2, int(view._ch / 2) - 2
        return {picture.pixelColor(x, y).getRgb()[:3] for x in range(c.x() - a, c.x() + a)
                for y in range(c.y() - b, c.y() + b)}

    background = view.plot.backgroundBrush().color().getRgb()[:3]
    assert view.hatch.isVisible()
    for cell in ((0, 1), (1, 0)):  # a hatch on the background, no colour of the scale
        assert colours(*cell) == {HATCH_COLOUR, background}, cell
    assert HATCH_COLOUR not in colours(1, 1) and HATCH_COLOUR not in colours(0, 0)
    assert tuple(view.heat.colours()[1, 1]) != (-1, -1, -1)  # 0 is white, a value


def test_the_chain_rule_follows_step_layer(qtbot):
    """Tester's item 19: Step layer (and back, and a new mini-batch) takes the chain rule to W[l] of the layer shown."""
    tr = _trace()
    win = _window(qtbot, tr)
    assert win.layer == 4 and win.chain.chosen()[0] == 4
    win.pick_weight(4, 0, 5)
    win.layer_button.click()  # Step layer: layer 3
    assert win.layer == 3 and win.chain.chosen() == (3, 0, 5)
    assert "∂J/∂W[3]" in win.chain.formula.text() and _outlined(win) == [("W[3]", (0, 5))]
    qtbot.keyClick(win, Qt.Key.Key_Right)  # its shortcut: layer 2
    assert win.layer == 2 and win.chain.chosen() == (2, 0, 5)
    win.back_button.click()
    assert win.chain.chosen() == (3, 0, 5)
    win.show_layer(1)  # W[1] is 8×2: j is kept within it
    assert win.chain.chosen() == (1, 0, 1)


def test_a_clicked_weight_stays_through_later_traces_until_the_network_changes(qtbot):
    """A late second trace of the same mini-batch (or the next mini-batch) reset the clicked
    weight to the output layer's; the user's choice stays unless the network's shape changes."""
    t = Trainer(TrainConfig(dataset="xor", hidden=(8, 8, 8), batch_size=10, seed=1))
    t.run(2)
    win = _window(qtbot, t.trace_next_batch())
    win.show_layer(2)
    _click(qtbot, _view(win, "W[2]", eq=0), 2, 1)
    chosen = (win.layer, win.chain.chosen(), _outlined(win))
    assert chosen == (2, (2, 2, 1), [("W[2]", (2, 1))])
    win.set_trace(t.trace_next_batch())  # the same mini-batch, traced again
    assert (win.layer, win.chain.chosen(), _outlined(win)) == chosen
    t.step_batch()
    win.set_trace(t.trace_next_batch())  # the next mini-batch
    assert (win.layer, win.chain.chosen(), _outlined(win)) == chosen and "mini-batch 2 of" in win.header.text()
    win.set_trace(_trace(hidden=(4,)))  # another network: from its output layer again
    assert win.layer == win.chain.chosen()[0] == 2 and _outlined(win) == [] and not win.chosen_by_user


def test_without_a_choice_a_new_mini_batch_starts_at_the_output_layer(qtbot):
    t = Trainer(TrainConfig(dataset="xor", hidden=(8, 8, 8), batch_size=10, seed=1))
    t.run(2)
    win = _window(qtbot, t.trace_next_batch())
    win.show_layer(1)
    t.step_batch()
    win.set_trace(t.trace_next_batch())
    assert win.layer == 4 and win.chain.chosen()[0] == 4
