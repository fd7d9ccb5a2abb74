"""Pictures agree with the model: every cell of the output grid has the class
the run's own float64 network gives it (the colours come from a float32 twin,
to float32's precision: training.picture_net), the neuron thumbnails and the
hidden-space view show its numbers, and a number that is not finite is marked
undefined, never given a class."""

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.pictures import (
    UNDEFINED, class_confidence, constant_pictures, focus_levels, half_widths, predicted_classes, symmetric_levels,
    undefined_as_nan, unit_scale, unit_scale_each, upsample,
)
from tests.random_networks import grid_rows, model_classes, random_trainer

pytestmark = pytest.mark.timeout(300)


def test_the_issue_case_huge_weights_draw_the_models_classes():
    """gauss, 16x4 leaky ReLU, lr 10: weights reach ~1e12 in ten epochs; the grid
    used to come from a float32 copy that overflowed to NaN, painted as class 0."""
    t = Trainer(TrainConfig.from_text("dataset=gauss&hidden=16,16,16,16&activation=leaky_relu&lr=10"))
    t.run(10)
    assert not t.diverged and np.abs(t.net.params).max() > 1e9
    s = t.snapshot(grid_resolution=60)
    expected = model_classes(t, 60)
    np.testing.assert_array_equal(s.grid_classes, expected)
    assert 0.2 < np.mean(expected == 1) < 0.8  # both classes are on the plane, as the accuracy of 100% says


def test_momentum_case_has_no_wrong_pixel():
    t = Trainer(TrainConfig.from_text("dataset=gauss&hidden=4,4&activation=leaky_relu&lr=10&optimizer=momentum"))
    t.run(10)
    np.testing.assert_array_equal(t.snapshot(grid_resolution=100).grid_classes, model_classes(t, 100))


def test_hundreds_of_random_networks_grid_neurons_and_hidden_space_agree_with_float64():
    """Classes and "undefined" exactly the float64 model's; values to float32's precision."""
    rng = np.random.default_rng(11)
    undefined_seen = huge_seen = 0
    for _ in range(200):  # 300 took 15 s on a loaded machine; 200 draw each case >= 20 times
        t = random_trainer(rng)
        r = 7
        s = t.snapshot(grid_resolution=r, neuron_resolution=5, hidden_layer=1 if t.net.n_layers > 1 else None)
        with np.errstate(all="ignore"):
            A = t.net.forward(t.prepare_inputs(grid_rows(t, r)))
            acts = t.net.hidden_outputs(t.prepare_inputs(grid_rows(t, 5)))
        bad = ~np.isfinite(A)
        if t.loss_name in ("bce", "ce", "tanh_mse") and t.data.task == "classification":
            np.testing.assert_array_equal(s.grid_classes, model_classes(t, r))
        else:
            assert s.grid_classes is None
        grid = s.grid.reshape(r * r, -1)
        np.testing.assert_array_equal(np.isnan(grid), bad)  # undefined exactly where the model is
        np.testing.assert_allclose(grid[~bad], A[~bad], rtol=1e-4, atol=1e-6)  # the model's numbers elsewhere
        for shown, a in zip(s.neurons[1:], acts):
            a = a.reshape(shown.shape)
            np.testing.assert_array_equal(np.isnan(shown), ~np.isfinite(a))
            np.testing.assert_allclose(shown[np.isfinite(a)], a[np.isfinite(a)], rtol=1e-4, atol=1e-6)
        if s.hidden_space is not None:
            pts = s.hidden_space["points"]
            with np.errstate(all="ignore"):
                want = t.net.hidden_outputs(t.X_train)[0]
            np.testing.assert_array_equal(np.isnan(pts), ~np.isfinite(want))
        undefined_seen += bool(bad.any())
        huge_seen += bool(np.abs(t.net.params).max() > 1e30 and not bad.any())
    assert undefined_seen >= 10 and huge_seen >= 10  # the cases that matter were really drawn


def test_predicted_classes_marks_non_finite_rows_undefined():
    A = np.array([[0.2, 0.7, 0.1], [np.nan, 0.0, 0.0], [0.5, 0.5, np.inf]])
    np.testing.assert_array_equal(predicted_classes(A, "ce"), [1, UNDEFINED, UNDEFINED])
    P = np.array([[0.5], [0.4999999999], [np.nan], [1.0]])
    np.testing.assert_array_equal(predicted_classes(P, "bce"), [1, 0, UNDEFINED, 1])
    np.testing.assert_array_equal(predicted_classes(np.array([[-0.0], [-1e-300], [np.inf]]), "tanh_mse"),
                                  [1, 0, UNDEFINED])


def test_an_undefined_prediction_matches_no_class():
    t = Trainer(TrainConfig(hidden=(3,), activation="relu"))
    t.net.weights[0][...] = 1e300
    t.net.weights[1][...] = np.array([[1e300, -1e300, 1e300]])  # inf - inf: NaN outputs
    X = np.array([[1.0, 1.0], [2.0, 0.5], [-1.0, -1.0]])
    assert t.predict_classes(X).tolist() == [UNDEFINED, UNDEFINED, 1]  # (the last: relu 0, output sigmoid(0))
    assert not np.any(t.predict_classes(X[:2]) == 0) and not np.any(t.predict_classes(X[:2]) == 1)


def test_confidence_is_zero_at_a_tie_and_where_undefined():
    np.testing.assert_allclose(class_confidence(np.array([0.5, 0.75, 0.0, np.nan]), "bce"), [0, 0.5, 1, 0])
    np.testing.assert_allclose(class_confidence(np.array([[1 / 3] * 3, [1.0, 0, 0], [np.nan, 0, 1]]), "ce"),
                               [0, 1, 0], atol=1e-7)
    np.testing.assert_allclose(class_confidence(np.array([-3.0, 0.25, -np.inf]), "tanh_mse"), [1, 0.25, 0])


def test_colour_scale_positions_are_computed_without_overflow():
    a = np.array([-1e300, -2.0, 0.0, 2.0, 1e300, np.nan, np.inf])
    with np.errstate(all="raise"):
        t = unit_scale(a, (-2.0, 2.0))
        assert symmetric_levels(a) == (-1e300, 1e300)
        t_huge = unit_scale(a, symmetric_levels(a))
    np.testing.assert_array_equal(t[:5], [0, 0, 0.5, 1, 1])
    assert np.isnan(t[5:]).all() and t.dtype == np.float32
    assert t_huge[2] == 0.5 and np.isnan(t_huge[5:]).all()
    assert symmetric_levels(np.zeros(3)) == (-1.0, 1.0) and symmetric_levels(np.full(2, np.nan)) == (-1.0, 1.0)
    u = undefined_as_nan(np.array([1.0, np.inf, -np.inf, np.nan]))
    assert u[0] == 1.0 and np.isnan(u[1:]).all() and not u.flags.writeable


def test_a_spread_wider_than_a_float_is_not_constant_and_warns_of_nothing():
    """1e293 beside -1.8e308: max - min overflows to inf (CI's hypothesis case); the picture is
    not constant, and neither the constant test, the big view's levels nor the thumbnails warn."""
    wide = np.array([[[4.9e293, -1.79e308]], [[0.5, 0.5]], [[np.nan, np.inf]]])
    with np.errstate(all="raise"):
        assert constant_pictures(wide, np.isfinite(wide)).tolist() == [False, True, False]
        assert focus_levels(wide[0], wide) == (-1.79e308, 1.79e308)
        assert focus_levels(wide[1], wide) == (-1.79e308, 1.79e308)  # constant: on its layer's scale
        np.testing.assert_array_equal(half_widths(wide, np.isfinite(wide)), [1.79e308, 1.79e308, 1.0])
        t = unit_scale_each(wide)
    assert t[0, 0].tolist() == [0.5, 0.0] and t[1, 0].tolist() == [0.5, 0.5] and np.isnan(t[2]).all()


def test_upsample_keeps_every_sample_and_interpolates_between():
    a = np.array([[0.0, 1.0, np.nan], [2.0, 3.0, 4.0]])
    fine = upsample(a, 2)
    assert fine.shape == (3, 5)
    np.testing.assert_array_equal(fine[::2, ::2], a)  # the samples themselves, even beside a NaN
    assert fine[0, 1] == 0.5 and fine[1, 0] == 1.0 and fine[1, 1] == 1.5  # bilinear between them
    assert np.isnan(fine[0, 3]) and np.isnan(fine[1, 3]) and fine[1, 2] == 2.0
    probs = np.random.default_rng(0).dirichlet(np.ones(3), size=(4, 4))
    np.testing.assert_allclose(upsample(probs, 3).sum(axis=2), 1.0)  # probabilities stay probabilities


def test_the_cubic_upsample_keeps_the_samples_and_stays_between_each_two():
    """``upsample(cubic=True)`` (the class border's logits): every sample kept, a linear field kept
    exactly, and every point between two samples between their values (clamped: unclamped, the
    spline's overshoot drew islands of a class between two samples of the other)."""
    rng = np.random.default_rng(1)
    a = np.where(rng.random((9, 11)) < 0.5, rng.normal(0, 0.01, (9, 11)), rng.normal(0, 5, (9, 11)))
    fine = upsample(a, 4, cubic=True)
    assert fine.shape == (33, 41)
    np.testing.assert_array_equal(fine[::4, ::4], a)
    rows = upsample(a, 4, cubic=True)[::4]  # along the rows only: each point between its two samples
    lo, hi = np.minimum(a[:, :-1], a[:, 1:]), np.maximum(a[:, :-1], a[:, 1:])
    for k in range(1, 4):
        assert (rows[:, k::4] >= lo).all() and (rows[:, k::4] <= hi).all()
    plane = np.add.outer(np.arange(6.0), 2.5 * np.arange(7.0))
    np.testing.assert_allclose(upsample(plane, 3, cubic=True), upsample(plane, 3), atol=1e-12)
    same_sign = upsample(np.abs(a) + 1e-3, 4, cubic=True)
    assert (same_sign > 0).all()  # no sign change (no other class) between samples of one sign
