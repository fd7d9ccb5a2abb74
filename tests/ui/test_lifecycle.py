"""Random sequences of user actions against the real window and its training
worker: no exception, no deadlock, nothing left running, and the frames drawn
always belong to the current run with an epoch that never goes backwards."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QMessageBox

from nnplay.training import TrainConfig
from nnplay.ui.app import configure_pyqtgraph
from nnplay.ui.main_window import PlaygroundWindow
from nnplay.ui.worker import ALL_THREADS

pytestmark = pytest.mark.timeout(300)

ACTIONS = st.lists(st.one_of(
    st.just(("play",)), st.just(("pause",)), st.just(("reset",)),
    st.tuples(st.just("step"), st.integers(1, 20)),
    st.tuples(st.just("lr"), st.sampled_from([0.001, 0.03, 0.3, 3.0, 10.0])),
    st.tuples(st.just("speed"), st.sampled_from([0, 1, 5, 100])),
    st.tuples(st.just("layers"), st.lists(st.integers(1, 6), max_size=4).map(tuple)),
    st.tuples(st.just("data"), st.sampled_from(["circle", "xor", "spiral", "spiral-k", "plane", "moons"])),
    st.tuples(st.just("activation"), st.sampled_from(["tanh", "relu", "sigmoid", "linear"])),
    st.tuples(st.just("wait"), st.integers(0, 150)),
    st.tuples(st.just("draw"), st.floats(-5, 5), st.floats(-5, 5), st.integers(0, 1)),
    st.tuples(st.just("erase"), st.floats(-5, 5), st.floats(-5, 5)),
    st.sampled_from([("undo",), ("redo",), ("clear",), ("batch_step",), ("inspect",), ("close_inspector",),
                     ("stop_compare",)]),
    st.tuples(st.just("fork"), st.booleans(), st.sampled_from([{"lr": 0.3}, {"optimizer": "adam"},
                                                               {"batch_size": 1}, {"activation": "relu"}])),
), min_size=1, max_size=12)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS, close_while_playing=st.booleans())
@pytest.mark.slow  # a minute of random action sequences
def test_random_action_sequences(qtbot, monkeypatch, shared_window, actions, close_while_playing):
    configure_pyqtgraph()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    win = PlaygroundWindow(TrainConfig())
    qtbot.addWidget(win)
    win.show()
    c = win.controller
    drawn = []
    c.frame_drawn.connect(lambda f: drawn.append((f.generation, f.snapshot.epoch, len(win.curves.history))))
    qtbot.waitUntil(lambda: c.last_frame is not None, timeout=15000)
    for action in actions:
        kind = action[0]
        if kind == "play":
            c.play()
        elif kind == "pause":
            c.pause()
        elif kind == "reset":
            c.reset()
        elif kind == "step":
            c.step(action[1])
        elif kind == "lr":
            c.set_learning_rate(action[1])
        elif kind == "speed":
            c.set_speed(action[1])
        elif kind == "layers":
            c.change(hidden=action[1])
        elif kind == "data":
            c.change(dataset=action[1])
        elif kind == "activation":
            c.change(activation=action[1])
        elif kind == "wait":
            qtbot.wait(action[1])
        elif kind == "draw":
            c.edit_data("add", action[1:3], action[3])
        elif kind == "erase":
            c.edit_data("erase", action[1:3], 1.0)
        elif kind in ("undo", "redo", "clear"):
            c.edit_data(kind)
        elif kind == "batch_step":
            c.step_batch()
        elif kind == "inspect":
            win.show_inspector()
        elif kind == "close_inspector":
            win.inspector.close()
        elif kind == "stop_compare":
            c.stop_comparing()
        elif kind == "fork":
            c.fork(action[1], **action[2])
    if not close_while_playing:
        c.pause()
        generation = c.generation
        qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.generation == generation, timeout=15000)
        qtbot.wait(100)
        frame = c.last_frame
        assert len(win.curves.history) == frame.snapshot.epoch + 1
        assert win.gradients.epochs_recorded == frame.snapshot.epoch + 1
    win.close()
    # (the test worker's shared window, which an earlier test may have left parked, is not this window's)
    assert not any(t.is_alive() and not shared_window.owns(t) for t in ALL_THREADS)
    for (g0, e0, _), (g1, e1, _) in zip(drawn, drawn[1:]):
        assert g1 >= g0  # never a frame from an older run
        assert g1 > g0 or e1 >= e0  # within a run the epoch never goes back
    for g, e, n in drawn:
        assert n == e + 1  # the curves hold exactly the run's epochs
