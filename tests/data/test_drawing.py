"""Drawing data by hand: the editor (no Qt) and the window's Draw tools."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from nnplay.data import Dataset, generate
from nnplay.data.drawing import DataEditor
from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, load_session, save_session



def test_editor_adds_erases_clears_and_undoes():
    d = generate("xor", noise=0.0, seed=0)
    e = DataEditor(d, train_ratio=0.5, data_seed=0)
    before_mask = e.data.test_mask.copy()
    a = e.add((0.5, -0.25), 1)
    assert a.n_examples == d.n_examples + 1 and a.edited and "(drawn)" in a.name
    np.testing.assert_array_equal(a.X[-1], [0.5, -0.25])
    assert a.y[-1] == 1 and not a.test_mask[-1]  # a drawn point trains
    np.testing.assert_array_equal(a.test_mask[:-1], before_mask)  # the others keep their side
    b = e.erase((0.5, -0.25), 0.01)
    assert b.n_examples == d.n_examples
    assert e.erase((100.0, 100.0), 0.5) is None  # nothing there: no edit
    c = e.clear()
    assert c.n_examples == 0 and c.class_names == d.class_names and c.domain == d.domain
    assert e.undo() is b and e.undo() is a and e.can_redo
    assert e.redo() is b and e.redo() is c and not e.can_redo
    e.undo()
    e.add((1, 1), 0)
    assert not e.can_redo  # a new edit forgets what was undone


def test_a_stroke_undoes_and_redoes_as_one_step():
    ed = DataEditor(generate("xor", seed=0))
    n0 = ed.data.n_examples
    ed.add((0.0, 0.0), 1)
    ed.begin_stroke()
    for k in range(7):
        ed.add((k * 0.5, 1.0), 0)
    ed.erase((0.0, 1.0), 0.1)  # erasing along the same stroke belongs to it too
    ed.end_stroke()
    ed.add((2.0, 2.0), 1)
    assert ed.data.n_examples == n0 + 1 + 6 + 1
    assert ed.undo().n_examples == n0 + 7
    assert ed.undo().n_examples == n0 + 1  # the stroke, at once
    assert ed.undo().n_examples == n0
    assert ed.undo() is None
    assert ed.redo().n_examples == n0 + 1 and ed.redo().n_examples == n0 + 7
    ed.begin_stroke()
    ed.end_stroke()  # a stroke that changed nothing leaves no step behind
    assert ed.undo().n_examples == n0 + 1


def test_editor_refuses_what_cannot_be_drawn():
    e = DataEditor(generate("spiral-k", noise=0.0, seed=0, classes=4))
    with pytest.raises(ValueError, match="class 4 does not exist"):
        e.add((0, 0), 4)
    with pytest.raises(ValueError, match="finite"):
        e.add((float("nan"), 0), 0)
    with pytest.raises(ValueError, match="two inputs"):
        DataEditor(Dataset(np.zeros((3, 3)), np.array([0, 1, 0])))
    with pytest.raises(ValueError, match="classification"):
        DataEditor(generate("plane", noise=0.0, seed=0))


def test_a_drawn_data_set_trains_from_nothing_and_is_saved(tmp_path):
    e = DataEditor(generate("circle", noise=0.0, seed=0))
    e.clear()
    cfg = TrainConfig(dataset="csv", hidden=(4,), batch_size=4)
    empty = Trainer(cfg, e.data)
    assert empty.run(5) == 0 and empty.snapshot().grid is not None  # nothing to train, nothing breaks
    rng = np.random.default_rng(0)
    for k, centre in ((0, (-2, -2)), (1, (2, 2))):
        for p in rng.normal(centre, 0.5, size=(10, 2)):
            e.add(p, k)
    t = Trainer(cfg, e.data)
    assert t.X_train.shape[0] == 20 and t.X_test.shape[0] == 0
    t.run(200)
    assert t.metrics()["train_accuracy"] == 1.0
    path = tmp_path / "drawn.nnplay"
    save_session(path, Session(cfg, e.data, t.state_dict(), "drawn"))
    s = load_session(path)
    assert s.data.edited and s.source == "drawn"
    np.testing.assert_array_equal(s.data.X, e.data.X)
    np.testing.assert_array_equal(s.data.test_mask, e.data.test_mask)


def test_continue_from_keeps_the_weights_on_new_data():
    cfg = TrainConfig(dataset="xor", hidden=(4,))
    a = Trainer(cfg)
    a.run(10)
    e = DataEditor(a.data, cfg.train_ratio, cfg.data_seed)
    b = Trainer(cfg.with_changes(dataset="csv"), e.add((0.1, 0.1), 1))
    b.continue_from(a)
    np.testing.assert_array_equal(a.net.params, b.net.params)
    assert b.epoch == 10 and len(b.history) == 11
    np.testing.assert_array_equal(b.train_index[:-1], a.train_index)  # same split, one more training point
    assert b.train_index[-1] == a.data.n_examples


def _click(view, x, y, button=Qt.MouseButton.LeftButton, modifiers=Qt.KeyboardModifier.NoModifier):
    """A real mouse click at data coordinates (x, y) on the boundary plot."""
    from pytestqt.qtbot import QtBot

    vb = view.plot.getPlotItem().getViewBox()
    pos = view.plot.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
    QtBot.mouseClick(view.plot.viewport(), button, modifiers, pos)


def test_drawing_in_the_window(window, qtbot, tmp_path):
    c, view = window.controller, window.boundary
    n0 = c.data.n_examples
    _click(view, 1.0, 1.0)
    assert c.data.n_examples == n0  # not in drawing mode: a click does nothing
    view.draw_add.click()
    view.draw_class.setCurrentIndex(1)
    _click(view, 1.0, 1.5)
    assert c.data.n_examples == n0 + 1 and c.data.y[-1] == 1
    np.testing.assert_allclose(c.data.X[-1], [1.0, 1.5], atol=0.05)
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_examples == n0 + 1, timeout=10000)
    assert "drawn by hand" in window.data_panel.info.text() and view.draw_undo.isEnabled()
    _click(view, 1.0, 1.5, modifiers=Qt.KeyboardModifier.ShiftModifier)  # Shift+click erases
    assert c.data.n_examples <= n0
    view.draw_undo.click()
    assert c.data.n_examples == n0 + 1 and view.draw_redo.isEnabled()
    view.draw_clear.click()
    assert c.data.n_examples == 0
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_examples == 0, timeout=10000)
    c.play()  # nothing to train on: stops by itself, no error
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.run_id == c.generation
                    and not c.last_frame.playing, timeout=10000)
    for p in ((-2, -2), (-2.5, -1.5), (2, 2), (2.5, 1.5)):
        view.draw_class.setCurrentIndex(int(p[0] > 0))
        _click(view, *p)
    assert c.data.n_examples == 4 and sorted(c.data.y.tolist()) == [0, 0, 1, 1]
    path = tmp_path / "drawn.nnplay"
    with qtbot.waitSignal(c.session_saved, timeout=10000):
        c.save_session(str(path))
    assert load_session(path).data.n_examples == 4
    assert not window.errors


def test_dragging_draws_a_stroke_of_points(window, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    c, view = window.controller, window.boundary
    view.draw_add.click()
    n0 = c.data.n_examples
    vb = view.plot.getPlotItem().getViewBox()
    to_widget = lambda x, y: view.plot.mapFromScene(vb.mapViewToScene(QPointF(x, y)))  # noqa: E731
    port = view.plot.viewport()
    def move(x, y, buttons):
        pos = QPointF(to_widget(x, y))
        QApplication.sendEvent(port, QMouseEvent(QEvent.Type.MouseMove, pos, port.mapToGlobal(pos),
                                                 Qt.MouseButton.NoButton, buttons, Qt.KeyboardModifier.NoModifier))

    QtBot.mousePress(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_widget(-4, 0))
    for k in range(1, 21):
        qtbot.wait(15)  # pyqtgraph passes on at most one move event every 10 ms
        move(-4 + 0.4 * k, 0, Qt.MouseButton.LeftButton)
    QtBot.mouseRelease(port, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_widget(4, 0))
    added = c.data.n_examples - n0
    assert 3 <= added <= 21  # a point every few pixels along the 8-unit stroke, not one per event
    xs = c.data.X[n0:, 0]
    assert np.all(np.diff(xs) > 0) and xs[0] >= -4.5 and xs[-1] <= 4.5
    qtbot.wait(15)
    move(0, 3, Qt.MouseButton.NoButton)  # moving without a button draws nothing
    assert c.data.n_examples == n0 + added
    c.edit_data("undo")  # the whole stroke is one step back ...
    assert c.data.n_examples == n0
    c.edit_data("redo")  # ... and one step forward
    assert c.data.n_examples == n0 + added
