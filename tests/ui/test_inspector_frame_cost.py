"""The backprop inspector while the run plays (issue 20): the next mini-batch's
trace of the same layer fills the matrices it shows in place; no widget is
hidden and shown again (that re-laid out the window: 100 ms a frame)."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from nnplay.numbers import format_number
from nnplay.training import TrainConfig, Trainer

from .test_inspector_window import _window

pytestmark = pytest.mark.timeout(120)


class ShowHideCounter(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.count += 1
        return False


def test_the_next_mini_batch_of_the_same_layer_is_drawn_in_place(qtbot):
    t = Trainer(TrainConfig(dataset="xor", hidden=(4,), batch_size=10, seed=1))
    first = t.trace_next_batch()
    t.step_batch()
    second = t.trace_next_batch()
    win = _window(qtbot, first)
    views = [v for eq in win.equations for v in eq.visible_views()]
    counter = ShowHideCounter()
    for v in views:
        v.installEventFilter(counter)
    win.set_trace(second)
    QApplication.processEvents()
    assert counter.count == 0
    assert [v for eq in win.equations for v in eq.visible_views()] == views
    L = len(second.layers)
    z = next(v for v in views if v.title == f"Z[{L}]")
    assert not np.array_equal(first.layer(L).Z, second.layer(L).Z)
    assert np.array_equal(z.values, np.atleast_2d(second.layer(L).Z))


class EventCounter(QObject):
    def __init__(self, kinds):
        super().__init__()
        self.kinds, self.count = kinds, 0

    def eventFilter(self, obj, event):
        self.count += event.type() in self.kinds
        return False


def test_new_values_of_the_same_shape_neither_lay_out_nor_retitle_a_matrix(qtbot):
    from nnplay.ui.matrix_view import MatrixView

    view = MatrixView("dW[1]")
    qtbot.addWidget(view)
    view.set_values(np.array([[0.5, -0.25], [0.125, 0.9]]), "dW[1]")  # "±0.9"
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    counter = EventCounter((QEvent.Type.LayoutRequest, QEvent.Type.ToolTipChange))
    view.installEventFilter(counter)
    view.set_values(np.array([[0.05, -0.0025], [0.3, 0.7]]), "dW[1]")  # another scale: another "±" read-out
    QApplication.processEvents()
    assert counter.count == 0
    assert "±0.7" in view.shape_label.text()


def test_a_new_trace_paints_the_inspector_once_not_once_per_matrix(qtbot):
    """Each matrix is a scene of its own; Qt painted (and flushed) the inspector window once per
    changed scene: about 90 passes a frame in case B. The inspector paints a trace in one pass."""
    t = Trainer(TrainConfig(dataset="xor", hidden=(4, 4), batch_size=10, seed=1))
    traces = []
    for _ in range(4):
        traces.append(t.trace_next_batch())
        t.step_batch()
    win = _window(qtbot, traces[0])
    qtbot.wait(50)
    passes = EventCounter((QEvent.Type.UpdateRequest,))
    win.installEventFilter(passes)
    gate = getattr(win, "one_paint", None)
    if gate is not None:  # the gate's filter first: the counter sees only the passes it lets through
        win.removeEventFilter(gate)
        win.installEventFilter(gate)
    painted = [EventCounter((QEvent.Type.Paint,)) for _ in range(2)]
    views = [v for eq in win.equations for v in eq.visible_views()]
    assert len(views) >= 8
    for counter, v in zip(painted, views[:2]):
        v.plot.viewport().installEventFilter(counter)
    for trace in traces[1:]:
        before = passes.count
        win.set_trace(trace)
        qtbot.waitUntil(lambda before=before: passes.count > before)
        qtbot.wait(40)
        assert passes.count - before == 1
    assert all(c.count >= 3 for c in painted)  # every trace's matrices were painted


def test_new_values_of_the_same_shape_keep_the_views_range_and_size(qtbot, monkeypatch):
    """A trace's next mini-batch: only the picture changes (the range and size are set for a new shape)."""
    from nnplay.ui.matrix_view import MatrixView

    view = MatrixView("Z[1]")
    qtbot.addWidget(view)
    view.set_values(np.ones((3, 4)))
    calls = []
    monkeypatch.setattr(view.box, "setRange", lambda *a, **k: calls.append(a))
    view.set_values(np.full((3, 4), -2.0))
    assert calls == []
    assert view.heat.values[0, 0] == -2.0
    view.set_values(np.ones((5, 2)))
    assert len(calls) == 1
    assert view.plot.width() - 2 == round(2 * view._cw) and view.plot.height() - 2 == round(5 * view._ch)


@pytest.mark.parametrize("dataset", ["xor", "spiral"])
def test_a_trace_colours_its_matrices_in_one_pass_with_the_colours_each_alone_gets(qtbot, monkeypatch, dataset):
    """A trace's 20-odd matrices are coloured in one pass (``coloured_terms``), each picture the one
    ``HeatmapItem.set_matrix`` draws of it alone (its own symmetric scale; a NaN transparent), for a
    new layer's equations and for the next mini-batch's of the same layer."""
    from nnplay.ui import heatmap

    t = Trainer(TrainConfig(dataset=dataset, hidden=(5, 3), batch_size=10, seed=2))
    first = t.trace_next_batch()
    t.step_batch()
    second = t.trace_next_batch()
    second.layer(len(second.layers)).Z[0, 0] = np.nan  # an undefined value keeps its hatch
    win = _window(qtbot, first)
    win.show_layer(1)  # (every matrix view made once: a new view is made with a 1x1 matrix of its own)
    win.show_layer(len(first.layers))
    passes = []
    colour = heatmap.unit_rgba
    monkeypatch.setattr(heatmap, "unit_rgba", lambda unit: passes.append(unit.size) or colour(unit))
    for trace, layer in ((second, None), (second, 1)):
        passes.clear()
        win.set_trace(trace) if layer is None else win.show_layer(layer)
        views = [v for eq in win.equations for v in eq.visible_views()]
        assert len(views) > 10 and len(passes) == 1 and passes[0] == sum(v.heat._unit.size for v in views)
        for v in views:
            alone = heatmap.HeatmapItem()
            alone.set_matrix(v.values)
            assert np.array_equal(v.heat.image, alone.image), v.title
            assert v.heat.key_levels == alone.key_levels and np.array_equal(v.heat.colours(), alone.colours())


def test_a_new_trace_whose_texts_keep_their_size_lays_nothing_out(qtbot):
    """The header's numbers (epoch, mini-batch, J) and the chain rule's change at every trace; set as they
    were, each laid the inspector, the chain rule's panel and their splitter out again (and so did the
    chain rule's spin boxes given the same maximum): about 3 ms a trace. A trace whose texts need the
    room they had lays nothing out; the header says the new numbers."""
    import dataclasses

    t = Trainer(TrainConfig(dataset="spiral", hidden=(8, 8), batch_size=10, seed=2))
    trace = t.trace_next_batch()
    win = _window(qtbot, trace)
    win.set_trace(dataclasses.replace(trace, J=trace.J * 1.001))  # (the header's J: one more digit shape)
    QApplication.processEvents()
    counter = EventCounter((QEvent.Type.LayoutRequest,))
    for w in (win, win.chain, win.split):
        w.installEventFilter(counter)
    for k in (2, 3):
        later = dataclasses.replace(trace, J=trace.J * (1 + k / 1000))
        win.set_trace(later)
        QApplication.processEvents()
        assert counter.count == 0, k
        assert format_number(later.J, 5) in win.header.text()


def test_a_steady_wrap_tells_the_layout_when_its_text_needs_more_room(qtbot):
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from nnplay.ui.steady_wrap import SteadyWrap

    outer = QWidget()
    qtbot.addWidget(outer)
    label = QLabel("J = 0.1234")
    label.setWordWrap(True)
    wrap = SteadyWrap(label)
    lay = QVBoxLayout(outer)
    lay.addWidget(wrap)
    lay.addStretch(1)
    outer.resize(160, 400)
    outer.show()
    qtbot.waitExposed(outer)
    QApplication.processEvents()
    one = label.height()
    counter = EventCounter((QEvent.Type.LayoutRequest,))
    outer.installEventFilter(counter)
    wrap.set_text("J = 0.5678")  # the same room: nothing laid out
    QApplication.processEvents()
    assert counter.count == 0 and label.text() == "J = 0.5678"
    wrap.set_text("a text long enough to wrap to several lines at this width, and more")
    QApplication.processEvents()
    assert counter.count >= 1 and label.height() >= label.heightForWidth(label.width()) > one
    assert label.geometry() == wrap.rect()
