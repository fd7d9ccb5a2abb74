"""Learning-rate schedules (training.schedules) and gradient-norm clipping
(engine.clipping): the formulas, and the lr / clipped series a run records."""

import math

import numpy as np
import pytest

from nnplay.engine import MLP, make_optimizer
from nnplay.engine.clipping import GradientClip
from nnplay.training import TrainConfig, Trainer
from nnplay.training.schedules import learning_rate, parse_schedule


@pytest.mark.parametrize("schedule, epochs, expected", [
    ("constant", [0, 10, 1000], [0.1, 0.1, 0.1]),
    ("step:3:0.5", [0, 2, 3, 5, 6, 9], [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]),
    ("step", [99, 100, 200], [0.1, 0.01, 0.001]),  # PyTorch's default factor 0.1; 100 epochs a step
    ("cosine:10", [0, 5, 10, 15, 20], [0.1, 0.05, 0.0, 0.0, 0.0]),  # held at its lowest past T (PyTorch's rises)
    ("cosine:4:0.02", [0, 2, 4], [0.1, 0.06, 0.02]),
    ("warmup:4:0.2", [0, 1, 2, 4, 50], [0.02, 0.04, 0.06, 0.1, 0.1]),
    ("warmup", [0, 5], [0.1 / 3, 0.1]),  # LinearLR's defaults: start factor 1/3 over 5 epochs
])
def test_the_schedules_follow_pytorchs_formulas(schedule, epochs, expected):
    got = [learning_rate(schedule, 0.1, e) for e in epochs]
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("text, words", [
    ("linear", "unknown schedule 'linear'"),
    ("step:0", "epochs per step must be a finite whole number >= 1"),
    ("step:2.5", "epochs per step must be a finite whole number"),
    ("step:10:0", "the factor must be > 0"),
    ("cosine:10:-1", "the lowest rate must be >= 0"),
    ("warmup:5:2", "the starting factor must be in (0, 1]"),
    ("warmup:5:nan", "must be a finite number"),
    ("cosine:x", "annealing epochs 'x' is not a number"),
    ("constant:3", "takes at most 0 parameters"),
])
def test_a_bad_schedule_is_one_line_naming_it(text, words):
    with pytest.raises(ValueError) as e:
        parse_schedule(text)
    assert words in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("by_batch", [False, True])
def test_a_run_records_the_rate_each_epoch_trained_with(by_batch):
    t = Trainer(TrainConfig(dataset="xor", hidden=(3,), schedule="step:2:0.5", lr=0.2, batch_size=100))
    if by_batch:
        while t.epoch < 5:
            t.step_batch()
    else:
        t.run(5)
    np.testing.assert_allclose(t.history.column("lr"), [0.2, 0.2, 0.2, 0.1, 0.1, 0.05])
    assert t.snapshot(grid_resolution=None).history["lr"][-1] == pytest.approx(0.05)


def test_a_changed_schedule_and_learning_rate_act_from_the_next_epoch():
    t = Trainer(TrainConfig(dataset="xor", hidden=(3,), lr=0.1))
    t.run(2)
    t.set_schedule("cosine:4")
    t.set_learning_rate(0.4)
    t.run(1)
    assert t.history.last("lr") == pytest.approx(learning_rate("cosine:4", 0.4, 2))  # 0.2


def test_clipping_scales_the_gradient_to_the_limit_as_torch_does():
    clip = GradientClip(1.0)
    g = np.array([3.0, 4.0])  # norm 5
    clip.clip(g)
    np.testing.assert_allclose(g, np.array([3.0, 4.0]) / (5 + 1e-6), rtol=1e-15)
    assert clip.clipped == 1
    small = np.array([0.3, 0.4])
    clip.clip(small)
    assert clip.clipped == 1 and (small == [0.3, 0.4]).all()


def test_a_clipped_step_moves_the_weights_by_at_most_the_rate_times_the_limit():
    net = MLP([2, 6, 1], seed=1)
    rng = np.random.default_rng(2)
    X, Y = rng.normal(size=(30, 2)) * 5, net.encode_targets(rng.integers(0, 2, 30))
    net.clip.max_norm = 1e-3
    before = net.params.copy()
    net.train_step(X, Y, make_optimizer("sgd", 0.5))
    step = np.linalg.norm(net.params - before)
    assert step == pytest.approx(0.5 * 1e-3, rel=1e-5)
    assert math.isclose(np.linalg.norm(net.grads), 1e-3, rel_tol=1e-5) and net.clip.clipped == 1


def test_a_run_counts_its_clipped_steps_per_epoch():
    config = TrainConfig(dataset="xor", hidden=(4,), batch_size=50)  # 250 training examples: 5 steps an epoch
    t = Trainer(config.with_changes(clip=1e-6))
    t.run(3)
    assert t.history.column("clipped").tolist() == [0, 5, 5, 5]
    loose = Trainer(config.with_changes(clip=1e6))
    loose.run(2)
    assert loose.history.column("clipped").tolist() == [0, 0, 0]
    plain = Trainer(config)
    plain.run(2)
    np.testing.assert_array_equal(plain.net.params, loose.net.params)  # a limit never reached changes nothing
