"""Setting one weight or bias by hand: Trainer.set_parameter and the SetParameter command."""

import math

import numpy as np
import pytest

from nnplay.training import TrainConfig
from nnplay.training.commands import Ack, Build, Pause, Play, SetParameter
from nnplay.training.trainer import Trainer

from .test_training_loop import Harness

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def trainer():
    return Trainer(TrainConfig(dataset="xor", hidden=(3, 2), optimizer="adam"))


def test_a_weight_and_a_bias_are_set_exactly_where_the_equations_say(trainer):
    net = trainer.net
    before = net.params.copy()
    trainer.set_parameter(1, "W", 1, 2, 0.625)  # W[2][2, 3]: from neuron 3 of layer 1 to neuron 2 of layer 2
    trainer.set_parameter(0, "b", 2, value=-1.5)  # b[1][3]
    assert net.weights[1][1, 2] == 0.625
    assert net.biases[0][2, 0] == -1.5
    changed = np.flatnonzero(net.params != before)
    assert len(changed) == 2  # nothing else moved


def test_the_optimizer_state_is_left_and_the_next_step_starts_from_the_value(trainer):
    trainer.run(3)
    state = {k: np.copy(v) for k, v in trainer.optimizer.state().items() if isinstance(v, np.ndarray)}
    trainer.set_parameter(0, "W", 0, 0, 2.0)
    after = trainer.optimizer.state()
    for k, v in state.items():
        np.testing.assert_array_equal(after[k], v)
    probe = trainer.copy()
    probe.net.weights[0][0, 0] = 2.0  # the step from 2.0, taken independently
    trainer.run(1)
    probe.run(1)
    np.testing.assert_array_equal(trainer.net.params, probe.net.params)
    assert trainer.net.weights[0][0, 0] != 2.0  # it trained on from there


def test_the_gradient_shown_is_the_one_at_the_edited_weights(trainer):
    trainer.set_parameter(0, "W", 0, 1, 3.0)
    dW = [d.copy() for d in trainer.net.dW]
    trainer._full_batch_gradients()
    for a, b in zip(dW, trainer.net.dW):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("args, words", [
    ((0, "W", 0, 0, math.nan), "finite number"),
    ((0, "W", 0, 0, math.inf), "finite number"),
    ((0, "b", 0, 0, "abc"), "finite number"),
    ((0, "W", 0, 0, 1e300), "within ±10¹⁵⁴"),  # its square overflows: NumPy warned on the terminal
    ((0, "b", 0, 0, "-2e154"), "within ±10¹⁵⁴"),
    ((3, "W", 0, 0, 1.0), "no layer 3"),
    ((-1, "W", 0, 0, 1.0), "no layer -1"),
    ((0, "W", 3, 0, 1.0), "rows 0..2"),
    ((0, "W", 0, 2, 1.0), "columns 0..1"),
    ((1, "b", 2, 0, 1.0), "b[2] has rows 0..1"),
    ((0, "Z", 0, 0, 1.0), "'W' or 'b'"),
    ((0.5, "W", 0, 0, 1.0), "no layer"),
])
def test_bad_edits_are_refused_in_one_line_and_change_nothing(trainer, args, words):
    before = trainer.net.params.copy()
    with pytest.raises(ValueError, match=words.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")) as e:
        trainer.set_parameter(*args)
    assert "\n" not in str(e.value)
    np.testing.assert_array_equal(trainer.net.params, before)


def test_set_parameter_reaches_the_trainer_paused_and_while_playing():
    h = Harness()
    try:
        h.send(Build(1, TrainConfig(dataset="xor", hidden=(2,)), None))
        h.next("run_started")
        h.frame()
        h.send(SetParameter(0, "W", 1, 0, 1.25))
        h.send(SetParameter(1, "b", 0, 0, -0.5))
        f = h.frame()  # paused: the edit alone makes a frame
        assert f.snapshot.weights[0][1, 0] == 1.25 and f.snapshot.biases[1][0, 0] == -0.5
        assert not f.playing
        h.send(Play())
        f = h.frame()
        while f.snapshot.epoch == 0:
            f = h.frame()
        h.send(SetParameter(0, "W", 0, 1, 4.0))
        # a frame taken before the command arrived may still come; the edit shows within a few
        for _ in range(50):
            f = h.frame()
            w = f.snapshot.weights[0][0, 1]
            if abs(w - 4.0) < 0.5:
                break
        assert abs(w - 4.0) < 0.5, w  # one or a few steps from 4.0, not the trained value
        assert f.playing
        h.send(Pause())
    finally:
        h.send(Ack())
        h.stop()
