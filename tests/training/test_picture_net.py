"""The pictures' float32 twin (training.picture_net): used where it cannot
change a class, the run's own network elsewhere."""

import numpy as np

from nnplay.training import TrainConfig, Trainer
from nnplay.training.picture_net import FLOAT32_SAFE, PictureNetwork, decision_margin


def test_a_tame_network_is_pictured_in_float32_and_its_classes_are_the_models():
    t = Trainer(TrainConfig(dataset="circle", hidden=(8, 8), activation="tanh"))
    t.run(30)
    pts = t.probes.grid_points(60)
    shown = PictureNetwork().forward(t.net, pts, t.loss_name)
    own = t.net.forward(pts)
    assert shown.dtype == np.float32  # no cell near a tie here: the cheap path throughout
    np.testing.assert_allclose(shown, own, rtol=1e-5, atol=1e-7)
    np.testing.assert_array_equal(t.classes_from_outputs(shown), t.classes_from_outputs(own))


def test_a_cell_at_a_tie_takes_the_models_own_numbers():
    t = Trainer(TrainConfig(dataset="circle", hidden=(3,), activation="tanh"))
    t.net.params[...] = 0.0  # every output exactly 1/2: a tie everywhere
    t.net.biases[-1][...] = -1e-12  # float64 says class 0 by 1e-12; float32 rounds to 1/2, class 1
    pts = t.probes.grid_points(5)
    shown = PictureNetwork().forward(t.net, pts, t.loss_name)
    assert shown.dtype == np.float64 and np.all(shown < 0.5)
    np.testing.assert_array_equal(t.classes_from_outputs(shown), 0)


def test_huge_weights_are_pictured_by_the_run_itself():
    t = Trainer(TrainConfig(dataset="circle", hidden=(3,), activation="relu"))
    t.net.weights[0][...] = 10 * FLOAT32_SAFE
    pts = t.probes.grid_points(5)
    np.testing.assert_array_equal(PictureNetwork().forward(t.net, pts, t.loss_name), t.net.forward(pts))


def test_decision_margin_per_loss():
    np.testing.assert_allclose(decision_margin(np.array([[0.5], [0.9], [np.nan]]), "bce"), [0, 0.4, np.nan])
    np.testing.assert_allclose(decision_margin(np.array([[0.2, 0.5, 0.3], [0.4, 0.4, 0.2]]), "ce"), [0.2, 0.0])
    np.testing.assert_allclose(decision_margin(np.array([[-0.25], [np.inf]]), "tanh_mse"), [0.25, np.nan])


def test_the_tolerance_from_one_pass_is_each_layers_largest_weight():
    """_twin_of's tolerance (one |params| pass, a max per layer's range) is the bound the
    module's docstring gives, from each W[l] on its own; and no twin for weights float32
    cannot hold or that are not finite."""
    from nnplay.training.picture_net import tolerance

    t = Trainer(TrainConfig(dataset="spiral-k", classes=3, hidden=(7, 4, 5), activation="tanh"))
    t.run(3)
    t.net.weights[1][2, 3] = -40.0  # a layer's largest |weight| negative, and not its first entry
    t.net.biases[0][...] = 900.0  # biases are not weights: not in the bound
    twin, tol = PictureNetwork()._twin_of(t.net)
    largest = [float(np.abs(W).max()) for W in t.net.weights]
    assert largest[1] == 40.0 and twin is not None
    assert tol == tolerance(largest) == 100.0 * float(np.finfo(np.float32).eps) * float(np.prod([1 + m for m in largest]))
    np.testing.assert_array_equal(twin.params, t.net.params.astype(np.float32))
    for bad in (np.nan, np.inf, 2 * FLOAT32_SAFE):
        t.net.biases[0][0, 0] = bad
        assert PictureNetwork()._twin_of(t.net) == (None, None)


def test_other_points_after_a_grid_are_pictured_as_themselves():
    """The float32 copy of the last points asked for is kept: other points are not given its numbers."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(5,), activation="tanh"))
    t.run(5)
    pictures = PictureNetwork()
    for res in (7, 9, 7):
        pts = t.probes.grid_points(res)
        shown = pictures.forward(t.net, pts, t.loss_name)
        np.testing.assert_array_equal(shown, PictureNetwork().forward(t.net, pts, t.loss_name))
    fresh = t.probes.grid_points(7).copy()  # the same numbers in another array
    np.testing.assert_array_equal(pictures.hidden_outputs(t.net, fresh)[0], PictureNetwork().hidden_outputs(t.net, fresh)[0])


def test_pictures_follow_the_networks_pruned_neurons_and_weights_after_the_twin_is_made():
    """Pruning changes the function (a pruned neuron outputs 0) without changing a parameter:
    the float32 twin made before the edit must not picture the network as it was (it did:
    the output view showed the unpruned network, its classes not the model's)."""
    t = Trainer(TrainConfig(dataset="circle", hidden=(6, 6), activation="tanh"))
    t.run(30)
    pictures, pts = PictureNetwork(), t.probes.grid_points(20)
    before = pictures.forward(t.net, pts, t.loss_name)  # (the twin is made)
    for edit in (lambda: t.set_pruned(0, 2, None, True), lambda: t.set_pruned(1, 0, 3, True),
                 lambda: t.set_pruned(0, 2, None, False), lambda: t.net.masks.clear()):
        edit()
        own = t.net.forward(pts)
        shown = pictures.forward(t.net, pts, t.loss_name)
        np.testing.assert_allclose(shown, own, rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(t.classes_from_outputs(shown), t.classes_from_outputs(own))
        for a, b in zip(pictures.hidden_outputs(t.net, pts), t.net.hidden_outputs(pts)):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert np.abs(before - pictures.forward(t.net, pts, t.loss_name)).max() < 1e-6  # all restored
    t.set_pruned(0, 1, None, True)
    snap = t.snapshot()  # the live path too (the probes' own twin)
    np.testing.assert_allclose(snap.grid, t.net.forward(pts := t.probes.grid_points(100)).reshape(100, 100),
                               rtol=1e-5, atol=1e-6)
    assert not snap.neurons[1][:, :, 1].any()  # the pruned neuron's thumbnail: 0 everywhere


def test_the_grids_float32_points_are_checked_once_and_refused_as_the_engine_refuses_them(monkeypatch):
    import pytest

    import nnplay.training.picture_net as picture_net

    t = Trainer(TrainConfig(dataset="circle", hidden=(4,), activation="tanh"))
    pictures, pts = PictureNetwork(), t.probes.grid_points(7)
    calls = []
    real = picture_net.check_X
    monkeypatch.setattr(picture_net, "check_X", lambda *a: calls.append(1) or real(*a))
    first = pictures.forward_and_subgrid(t.net, pts, t.loss_name, 7, 2)
    t.run(2)
    second = pictures.forward_and_subgrid(t.net, pts, t.loss_name, 7, 2)
    assert len(calls) == 1 and not np.array_equal(first[0], second[0])  # checked once, pictured twice
    np.testing.assert_array_equal(second[0], PictureNetwork().forward(t.net, pts, t.loss_name))
    huge = pts.copy()
    huge[3, 0] = 1e39  # finite in float64, infinity in float32: pictured in the run's own numbers
    np.testing.assert_array_equal(pictures.forward_and_subgrid(t.net, huge, t.loss_name, 7, 2)[0], t.net.forward(huge))
    with pytest.raises(ValueError, match="shaped"):
        pictures.forward_and_subgrid(t.net, np.zeros((49, 3)), t.loss_name, 7, 2)


def test_inputs_beyond_float32_are_pictured_by_the_run_itself_without_a_warning():
    """Tester 16's kind (landscape.py's cast): an input past float32's range (a CSV's raw 1e39, or its
    square as a feature) overflowed the twin's cast, with NumPy's warning in the terminal."""
    import warnings

    t = Trainer(TrainConfig(dataset="circle", hidden=(3,), activation="tanh"))
    pts = t.probes.grid_points(5) * 1e39
    pictures = PictureNetwork()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shown = pictures.forward(t.net, pts, t.loss_name)
        hidden = pictures.hidden_outputs(t.net, pts)
        both = pictures.forward_and_subgrid(t.net, pts, t.loss_name, 5, 2)
    np.testing.assert_array_equal(shown, t.net.forward(pts))
    assert all(h.dtype == np.float64 for h in hidden) and both[0].dtype == np.float64
