"""Gradient clipping and the step-size health check count only the parameters
that train, as PyTorch's clip_grad_norm_ counts only parameters with a
gradient: with layer 1 frozen and clip 1 every step was marked clipped because
of the frozen layer's |dW[1]|, and `train`'s health named the frozen layer among
those whose step is tiny."""

from __future__ import annotations

import math

import numpy as np

from nnplay.engine.clipping import GradientClip, trained_norm
from nnplay.training import TrainConfig, Trainer
from nnplay.training.health import step_sizes

BASE = dict(dataset="xor", hidden=(4,), optimizer="sgd", lr=0.1, l2=0.0)


def test_the_held_entries_are_left_out_of_the_norm():
    g = np.array([3.0, 4.0, 0.3, 0.4])
    assert math.isclose(trained_norm(g), math.sqrt(25.25)) and math.isclose(trained_norm(g, np.array([0, 1])), 0.5)
    clip = GradientClip(1.0)
    clip.clip(g, np.array([0, 1]))
    assert clip.clipped == 0 and g.tolist() == [3.0, 4.0, 0.3, 0.4]  # the trained part (norm 0.5) is within 1
    clip.clip(g)
    assert clip.clipped == 1


def _norms(t):
    """(the norm of the layers that train, of all) of the first step's gradient (full batch)."""
    X, y = t.X_train, t.y_train
    _, dW, db = t.net.copy().loss_and_grads(X, y)
    trained = math.sqrt(sum(float(np.sum(a * a)) for a in (dW[1], db[1])))
    every = math.sqrt(sum(float(np.sum(a * a)) for a in (*dW, *db)))
    return trained, every


def test_a_frozen_layer_does_not_clip_the_layers_that_learn():
    probe = Trainer(TrainConfig(**BASE, freeze=(1,), batch_size=10_000))
    probe.net.weights[1][...] *= 8.0  # large output weights: the error reaching the frozen layer 1, its dW, is large
    trained, every = _norms(probe)
    assert trained < every / 2
    limit = (trained + every) / 2  # above the norm that trains, below the norm of every parameter
    runs = {}
    for clip in (0.0, limit, trained / 2):
        t = Trainer(TrainConfig(**BASE, freeze=(1,), clip=clip, batch_size=10_000))
        t.net.weights[1][...] *= 8.0
        t.run(1)
        runs[clip] = t
    assert runs[limit].history.column("clipped").tolist()[-1] == 0  # was 1: the frozen dW counted
    assert np.array_equal(runs[limit].net.weights[1], runs[0.0].net.weights[1])  # the step is not shrunk
    assert runs[trained / 2].history.column("clipped").tolist()[-1] == 1  # the norm that trains still clips
    assert np.array_equal(runs[limit].net.weights[0], probe.net.weights[0])  # frozen: held as it was


def test_a_frozen_layer_takes_no_step_in_the_health_check():
    t = Trainer(TrainConfig(**BASE, freeze=(1,)))
    t.run(2)
    ratios = step_sizes(t.net, t.optimizer)
    assert math.isnan(ratios[0]) and np.isfinite(ratios[1])
    t.set_frozen(0, frozen=False)
    t.set_frozen(0, 0, 1)  # one weight frozen: the layer still steps, measured on the others
    assert np.all(np.isfinite(step_sizes(t.net, t.optimizer)))
