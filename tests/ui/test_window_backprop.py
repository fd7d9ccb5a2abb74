"""The window's backprop inspector (pytest-qt, offscreen)."""

import time

import numpy as np
import pytest

from nnplay.numbers import read_number
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from nnplay.training import TrainConfig
from nnplay.ui.main_window import PlaygroundWindow

pytestmark = pytest.mark.timeout(120)


def _trace(win):
    f = win.controller.last_frame
    return None if f is None else f.snapshot.trace


def test_traces_are_computed_only_while_the_inspector_is_open(window, qtbot):
    assert _trace(window) is None
    window.inspect_action.trigger()
    qtbot.waitUntil(lambda: window.inspector.trace is not None, timeout=10000)
    window.inspector.close()
    window.controller.step(1)
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.epoch == 1 and _trace(window) is None,
                    timeout=10000)


def _settled(qtbot, view) -> None:
    """Wait until ``view``'s cells stay in place between two turns of the event loop, the view
    painted first (pyqtgraph brings a ViewBox's range up to date as it prepares to paint)."""
    qtbot.waitExposed(view.window())
    view.plot.repaint()
    previous = [None]

    def same_as_before():
        now = view.cell_point(0, 1)
        same, previous[0] = now == previous[0], now
        return same

    qtbot.waitUntil(same_as_before, timeout=5000)


def _trace_settled(qtbot, insp, quiet_s: float = 0.5) -> None:
    """Wait until no new trace has arrived for ``quiet_s``: on a loaded machine the trace of the frame
    before the inspector's request can come first, and the requested one after it rebuilds the views
    (it reset a hovered read-out and a clicked weight in CI)."""
    last = [insp.trace, time.monotonic()]

    def quiet():
        if insp.trace is not last[0]:
            last[:] = [insp.trace, time.monotonic()]
        return insp.trace is not None and time.monotonic() - last[1] >= quiet_s

    qtbot.waitUntil(quiet, timeout=15000)


def test_inspector_walks_the_layers_and_steps_one_mini_batch(window, qtbot):
    insp = window.inspector
    window.inspect_action.trigger()
    _trace_settled(qtbot, insp)
    tr = insp.trace
    L = len(tr.sizes) - 1
    assert insp.layer == L and "mini-batch 1 of" in insp.header.text()
    assert "A[3] − Y" in insp.equations[1].formula.text()  # output layer first
    qtbot.mouseClick(insp.layer_button, Qt.MouseButton.LeftButton)
    assert insp.layer == L - 1 and "Chain rule" in insp.equations[1].formula.text()
    shapes = [v.values.shape for v in insp.equations[1].visible_views()]
    assert shapes[0] == (tr.sizes[L - 1], tr.m)  # dZ[l] is n[l] x m
    qtbot.keyClick(insp, Qt.Key.Key_Right)  # the keyboard walks the layers too
    assert insp.layer == 1 and not insp.layer_button.isEnabled()

    # hover a cell: its exact value (once the just-opened inspector's layout has settled: under load its
    # views are still being resized, and a cell's place computed before that lands on its neighbour)
    dw = insp.equations[2].views[0]
    _settled(qtbot, dw)
    pos, port = QPointF(dw.cell_point(0, 0)), dw.plot.viewport()
    QApplication.sendEvent(port, QMouseEvent(QEvent.Type.MouseMove, pos, port.mapToGlobal(pos),
                                           Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                           Qt.KeyboardModifier.NoModifier))
    assert "dW[1][1, 1]\u00a0=\u00a0" in insp.readout.text() and "(neuron 1, input 1)" in insp.readout.text()
    assert read_number(insp.readout.text().split("=")[1].split()[0]) == pytest.approx(tr.layer(1).dW[0, 0], rel=1e-5)

    # click a weight: the chain rule multiplies out to backprop's gradient
    _settled(qtbot, dw)
    qtbot.mouseClick(dw.plot.viewport(), Qt.MouseButton.LeftButton, pos=dw.cell_point(0, 1))
    assert insp.chain.chosen() == (1, 0, 1)
    assert "✓ the same" in insp.chain.result.text()
    assert insp.chain.table.rowCount() == tr.m

    # step one mini-batch: the run moves on by one batch, the inspector shows the next, the clicked weight kept
    qtbot.mouseClick(insp.batch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: insp.trace is not None and insp.trace.batch == 1, timeout=10000)
    assert insp.layer == 1 and insp.chain.chosen() == (1, 0, 1) and "mini-batch 2 of" in insp.header.text()
    assert "· 1 / " in window.stats["epoch"].text()
    np.testing.assert_allclose(insp.trace.layer(1).W, tr.layer(1).W_new, rtol=1e-6)


def test_inspector_on_a_regression_and_an_adam_run(qtbot, no_leaks):
    from nnplay.ui.app import configure_pyqtgraph

    configure_pyqtgraph()
    win = PlaygroundWindow(TrainConfig(dataset="plane", optimizer="adam", lr=0.01, l2=0.01, hidden=(3,)))
    qtbot.addWidget(win)
    win.show()
    win.show_inspector()
    qtbot.waitUntil(lambda: win.inspector.trace is not None, timeout=10000)
    insp = win.inspector
    assert "Adam" in insp.equations[4].formula.text()
    assert "regularisation" in [v.title for v in insp.equations[2].visible_views()]
    assert "✓ the same" in insp.chain.result.text()
    win.close()


def test_numbers_are_written_into_small_matrices(window, qtbot):
    insp = window.inspector
    window.show_inspector()
    qtbot.waitUntil(lambda: insp.trace is not None, timeout=10000)
    view = insp.equations[2].views[0]  # dW of the output layer, 1x2
    colour_only = view.sizeHint()
    insp.numbers.setChecked(True)
    assert view.numbered and view.sizeHint().width() > colour_only.width()
    big = type(view)("big")
    big.set_numbers(True)
    big.set_values(np.zeros((30, 30)))
    assert not big.numbered  # too large to write out: colours (and hover) only
