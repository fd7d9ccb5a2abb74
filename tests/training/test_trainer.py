import numpy as np
import pytest

from nnplay.data import generate
from nnplay.training import TrainConfig, Trainer


def test_playground_default_reaches_95_percent_test_accuracy():
    """TensorFlow Playground's default: circle, hidden 4,2, tanh, lr 0.03, batch 10."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(4, 2), activation="tanh", lr=0.03, batch_size=10))
    t.run(300)
    assert t.metrics()["test_accuracy"] >= 0.95


@pytest.mark.parametrize("config,floor", [
    (TrainConfig(dataset="xor", hidden=(8, 8), lr=0.03), 0.95),
    (TrainConfig(dataset="spiral", hidden=(16, 16, 16), activation="relu", optimizer="adam", lr=0.01,
                 noise=0.0), 0.9),
    (TrainConfig(dataset="spiral-k", classes=3, hidden=(16, 16, 16), activation="relu", optimizer="adam",
                 lr=0.01), 0.9),
    (TrainConfig(dataset="blobs-k", classes=5, hidden=(8,), optimizer="adam", lr=0.01), 0.9),
    (TrainConfig(dataset="gauss", hidden=(), loss="tanh_mse", init="uniform"), 0.95),
])
def test_suitable_networks_learn(config, floor):
    """Each reaches the floor within 500 epochs (checked every 25: the run stops once there)."""
    t = Trainer(config)
    while t.epoch < 500 and t.metrics()["test_accuracy"] < floor:
        assert t.run(25) == 25
    assert t.metrics()["test_accuracy"] >= floor and t.epoch <= 500


def test_regression_learns_the_plane():
    t = Trainer(TrainConfig(dataset="plane", hidden=(4,), lr=0.01))
    start = t.metrics()["test_loss"]
    t.run(100)
    m = t.metrics()
    assert m["test_accuracy"] is None and m["test_loss"] < start / 50


def test_history_has_one_record_per_epoch_including_epoch_zero():
    t = Trainer(TrainConfig())
    assert t.run(7) == 7 and t.epoch == 7 and len(t.history) == 8
    losses = t.history.column("train_loss")
    assert losses[-1] < losses[0]
    losses[0] = -1.0  # a copy: the history keeps its own value
    assert t.history.column("train_loss")[0] > 0


def test_divergence_stops_keeps_last_finite_weights_and_reports_the_epoch():
    t = Trainer(TrainConfig(dataset="plane", activation="linear", lr=5.0, batch_size=1))
    ran = t.run(50)
    assert t.diverged and t.diverged_at == ran and t.epoch == ran - 1
    assert np.all(np.isfinite(t.net.params))
    assert len(t.history) == t.epoch + 1
    assert np.all(np.isfinite(t.history.column("train_loss")))
    assert t.run(10) == 0  # stays stopped until reset
    t.reset()
    assert not t.diverged and t.epoch == 0


def test_learning_rate_and_regularisation_change_live_without_reset():
    t = Trainer(TrainConfig())
    t.run(5)
    params = t.net.params.copy()
    t.set_learning_rate(0.1)
    t.set_regularization(l2=0.01)
    assert t.epoch == 5 and np.array_equal(t.net.params, params)
    assert t.optimizer.lr == 0.1 and t.net.l2 == 0.01 and t.config.lr == 0.1
    t.run(1)
    assert t.epoch == 6
    with pytest.raises(ValueError):
        t.set_learning_rate(-1)


def test_snapshot_is_a_read_only_copy():
    t = Trainer(TrainConfig(hidden=(3,)))
    t.run(3)
    s = t.snapshot(grid_resolution=50)
    assert s.epoch == 3 and s.grid.shape == (50, 50) and np.all((s.grid >= 0) & (s.grid <= 1))
    assert [d.shape for d in s.dW] == [(3, 2), (1, 3)] and len(s.grad_norms) == 2
    assert len(s.history["train_loss"]) == 4
    with pytest.raises(ValueError):
        s.weights[0][0, 0] = 5.0
    before = s.weights[0].copy()
    t.run(3)
    np.testing.assert_array_equal(s.weights[0], before)
    later = t.snapshot(grid_resolution=None, history_from=4)
    assert later.grid is None and later.history_start == 4 and len(later.history["test_loss"]) == 3


def test_grid_output_matches_the_network_at_grid_points():
    t = Trainer(TrainConfig(hidden=(5,), features=("x1", "x2", "x1^2")))
    t.run(2)
    g = t.grid_output(11)
    (x0, x1), (y0, y1) = t.grid_extent()
    i, j = 3, 8  # row i is x2, column j is x1
    point = np.array([[np.linspace(x0, x1, 11)[j], np.linspace(y0, y1, 11)[i]]])
    assert g[i, j] == pytest.approx(t.net.predict(t.prepare_inputs(point))[0, 0])


def test_multiclass_grid_and_neuron_grids():
    t = Trainer(TrainConfig(dataset="spiral-k", classes=4, hidden=(6, 3)))
    assert t.loss_name == "ce"
    g = t.grid_output(20)
    assert g.shape == (20, 20, 4)
    np.testing.assert_allclose(g.sum(axis=2), 1, rtol=1e-5)  # pictures are computed in float32
    assert [a.shape for a in t.neuron_grids(10)] == [(10, 10, 6), (10, 10, 3), (10, 10, 4)]


def test_same_seed_gives_bit_identical_history():
    for dtype in ("float64", "float32"):
        for bs in (1, 10, 1000):
            cfg = TrainConfig(dataset="xor", noise=0.2, batch_size=bs, dtype=dtype, optimizer="adam", lr=0.01)
            a, b = Trainer(cfg), Trainer(cfg)
            a.run(5)
            b.run(5)
            assert np.array_equal(a.history.column("train_loss"), b.history.column("train_loss"))


def test_reset_restores_the_initial_state():
    t = Trainer(TrainConfig())
    p0 = t.net.params.copy()
    run0 = t.run_id
    t.run(5)
    t.reset()
    assert np.array_equal(t.net.params, p0) and t.epoch == 0 and t.run_id == run0 + 1


@pytest.mark.parametrize("changes,message", [
    (dict(dataset="spiral-k", loss="bce"), "two classes"),
    (dict(dataset="plane", loss="bce"), "for classification"),
    (dict(loss="mse"), "for regression"),
])
def test_loss_must_suit_the_task(changes, message):
    with pytest.raises(ValueError, match=message):
        Trainer(TrainConfig(**changes))


@pytest.mark.parametrize("changes", [dict(noise=0.7), dict(lr=0), dict(train_ratio=0), dict(hidden=(0,)),
                                     dict(batch_size=0), dict(activation="swish"), dict(features="x9")])
def test_config_refuses_out_of_range_settings(changes):
    with pytest.raises(ValueError):
        TrainConfig(**changes)


def test_csv_data_with_many_inputs_and_standardisation():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 5)) * [1, 100, 1, 1, 1] + [0, 500, 0, 0, 0]
    y = (X[:, 0] + (X[:, 1] - 500) / 100 > 0).astype(int)
    from nnplay.data import Dataset
    t = Trainer(TrainConfig(dataset="csv", hidden=(4,), standardize=True), Dataset(X, y, name="mine"))
    assert t.X_train.shape[1] == 5 and abs(t.X_train[:, 1].mean()) < 1e-9
    t.run(100)
    assert t.metrics()["test_accuracy"] > 0.9
    assert t.grid_output(8, axes=(1, 3)).shape == (8, 8)


def test_train_ratio_one_has_no_test_set():
    t = Trainer(TrainConfig(train_ratio=1.0))
    t.run(2)
    m = t.metrics()
    assert m["test_loss"] is None and m["test_accuracy"] is None and m["train_loss"] is not None


def test_generated_data_uses_the_config():
    t = Trainer(TrainConfig(dataset="gauss", noise=0.3, data_seed=4))
    assert np.array_equal(t.data.X, generate("gauss", 0.3, 4).X)


def test_gradients_stay_finite_after_divergence_and_norms_are_recorded_per_epoch():
    t = Trainer(TrainConfig(dataset="plane", activation="linear", lr=5.0, batch_size=1))
    t.run(50)
    assert t.diverged and np.all(np.isfinite(t.net.grads))
    assert len(t.grad_norm_history) == len(t.history) == t.epoch + 1
    assert np.all(np.isfinite(t.snapshot(grid_resolution=20).grad_norm_history))


def test_snapshot_neurons_and_focus():
    t = Trainer(TrainConfig(hidden=(3, 2), features=("x1", "x2", "x1x2")))
    s = t.snapshot(grid_resolution=30, neuron_resolution=8, focus=(1, 2))
    assert [a.shape for a in s.neurons] == [(8, 8, 3), (8, 8, 3), (8, 8, 2), (8, 8, 1)]
    assert s.focus == (1, 2) and s.grid.shape == (30, 30)
    np.testing.assert_allclose(s.grid, t.neuron_output(1, 2, 30))
    assert np.all(np.abs(s.grid) <= 1)  # a tanh unit
    inputs = t.snapshot(grid_resolution=5, focus=(0, 2)).grid  # the x1*x2 feature itself
    (x0, x1), (y0, y1) = t.grid_extent()
    assert inputs[0, 0] == pytest.approx(x0 * y0)
    assert t.snapshot(grid_resolution=5, focus=(9, 0)).focus is None  # out of range: the output


def test_settings_text_round_trips_and_refuses_bad_input():
    cfg = TrainConfig(dataset="spiral-k", classes=4, noise=0.15, hidden=(8, 3), activation="relu", optimizer="adam",
                      lr=0.003, l2=0.01, features=("x1", "x2", "x1^2"), batch_size=7, seed=3, standardize=True)
    text = cfg.to_text()
    assert "\n" not in text and "hidden=8,3" in text
    assert TrainConfig.from_text(text) == cfg
    assert TrainConfig.from_text("#" + text) == cfg
    assert TrainConfig.from_text("dataset=xor&hidden=") == TrainConfig(dataset="xor", hidden=())
    for bad, fragment in [("", "empty"), ("dataset=xor&colour=red", "unknown setting 'colour'"),
                          ("lr=fast", "setting 'lr': learning rate must be"), ("noise=0.9", "noise must be"), ("just words", "look like")]:
        with pytest.raises(ValueError, match=fragment):
            TrainConfig.from_text(bad)


def test_quality_reports_match_hand_counts():
    from nnplay.training.metrics import classification_report, regression_report

    r = classification_report(np.array([0, 0, 1, 1, 2]), np.array([0, 1, 1, 1, 0]), 3)
    assert r["confusion"] == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    assert r["accuracy"] == pytest.approx(0.6)
    assert r["precision"][:2] == [0.5, pytest.approx(2 / 3)] and np.isnan(r["precision"][2])
    assert r["recall"] == [0.5, 1.0, 0.0]
    # scikit-learn's precision_score(average="macro", zero_division=0): class 2, never predicted, counts 0
    assert r["macro_precision"] == pytest.approx((0.5 + 2 / 3 + 0) / 3) and r["never_predicted"] == [2]
    g = regression_report(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]))
    assert g["rmse"] == pytest.approx(np.sqrt(4 / 3)) and g["r2"] == pytest.approx(1 - 4 / 2)


@pytest.mark.parametrize("y_true,y_pred,k,precision,recall", [
    # hand-computed as scikit-learn's precision_score/recall_score(average="macro", zero_division=0) count:
    # the mean over the classes true or predicted at least once, a class with nothing to divide by counting 0
    ([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 1, 0], 3, (2 / 3 + 2 / 3 + 0) / 3, (2 / 3 + 1 + 0) / 3),
    ([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 1, 0], 4, (2 / 3 + 2 / 3 + 0) / 3, (2 / 3 + 1 + 0) / 3),  # class 3 absent
    ([0, 0, 1], [0, 2, 1], 3, (1 + 1 + 0) / 3, (1 / 2 + 1 + 0) / 3),  # class 2 predicted, never true
    ([0] * 199 + [1], [0] * 200, 2, (199 / 200 + 0) / 2, (1 + 0) / 2),  # a rare class never predicted
    ([1, 1], [1, 1], 3, 1.0, 1.0),  # only one class seen
])
def test_macro_precision_and_recall_count_a_class_never_predicted_as_0(y_true, y_pred, k, precision, recall):
    """tester21: "macro precision 99.5%" while the rare class axolotl was never predicted (its "–" left out)."""
    from nnplay.training.metrics import classification_report

    r = classification_report(np.array(y_true), np.array(y_pred), k)
    assert r["macro_precision"] == pytest.approx(precision) and r["macro_recall"] == pytest.approx(recall)


def test_snapshot_carries_quality_for_both_tasks():
    t = Trainer(TrainConfig(dataset="blobs-k", classes=4, hidden=(6,), optimizer="adam", lr=0.02))
    t.run(50)
    assert t.snapshot(grid_resolution=None).quality is None  # only when asked for
    q = t.snapshot(grid_resolution=None, quality=True).quality
    assert np.array(q["test"]["confusion"]).sum() == len(t.test_index)
    assert q["test"]["accuracy"] == pytest.approx(t.metrics()["test_accuracy"])
    r = Trainer(TrainConfig(dataset="plane", hidden=(4,), lr=0.01))
    r.run(100)
    q = r.snapshot(grid_resolution=None, quality=True).quality
    assert q["test"]["r2"] > 0.95 and q["test"]["rmse"] == pytest.approx(np.sqrt(2 * r.metrics()["test_loss"]), rel=1e-6)


@pytest.mark.parametrize("changes", [dict(loss="tanh_mse", dtype="float32"), dict(dataset="spiral-k", l1=0.01),
                                     dict(dataset="plane", l2=0.1)])
def test_trainer_gradient_check_agrees(changes):
    t = Trainer(TrainConfig(hidden=(5, 3), **changes))
    t.run(3)
    result = t.gradient_check(max_examples=50)
    assert result["examples"] == 50
    assert all(r["dW_error"] < 1e-5 and r["db_error"] < 1e-5 for r in result["layers"])


def test_hidden_space_maps_points_and_grid_lines_through_the_network():
    t = Trainer(TrainConfig(hidden=(6, 2), activation="tanh"))
    t.run(20)
    space = t.hidden_space(2, lines=5, samples=7)
    assert space["points"].shape == (len(t.train_index), 2) and space["lines"].shape == (10, 7, 2)
    np.testing.assert_allclose(space["points"], t.net.hidden_outputs(t.X_train)[1])
    (x0, _), (y0, _) = t.grid_extent()
    corner = t.net.hidden_outputs(t.prepare_inputs(np.array([[x0, y0]])))[1][0]
    np.testing.assert_allclose(space["lines"][0, 0], corner)  # first line starts at the domain's corner
    assert t.snapshot(grid_resolution=None, hidden_layer=2).hidden_space["layer"] == 2
    assert t.snapshot(grid_resolution=None).hidden_space is None
    with pytest.raises(ValueError):
        t.hidden_space(3)


def test_a_wide_layer_sends_thumbnails_of_the_neurons_the_diagram_draws_only():
    from nnplay.data import Dataset
    from nnplay.training.snapshot import THUMBNAILS_PER_LAYER
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 300))  # a 300-column CSV
    t = Trainer(TrainConfig(dataset="csv", hidden=(40, 3)), Dataset(X, (X[:, 0] > 0).astype(int), name="wide"))
    s = t.snapshot(grid_resolution=0, neuron_resolution=6)
    assert [a.shape[2] for a in s.neurons] == [THUMBNAILS_PER_LAYER, THUMBNAILS_PER_LAYER, 3, 1]
    full = t.probes.neuron_grids(6)  # every neuron, as the Python API gives them
    assert full[0].shape[2] == 40
    np.testing.assert_allclose(s.neurons[1], full[0][:, :, :THUMBNAILS_PER_LAYER])


def test_a_plane_of_another_data_sets_inputs_falls_back_to_the_first_two():
    """Tester 17: a 3-input CSV's plane (x2, x3: axes (1, 2)) still asked for when a built-in set of two
    inputs was chosen stopped the run ("IndexError: index 2 is out of bounds for axis 1 with size 2"):
    the window tells the training process the new plane only after it sees the new run."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(3,)))
    t.run(2)
    asked = t.snapshot(grid_resolution=9, neuron_resolution=4, axes=(1, 2), hidden_layer=1)
    plain = t.snapshot(grid_resolution=9, neuron_resolution=4, axes=(0, 1), hidden_layer=1)
    np.testing.assert_array_equal(asked.grid, plain.grid)
    assert asked.grid_extent == plain.grid_extent
    np.testing.assert_array_equal(asked.neurons[1], plain.neurons[1])
