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
