"""The PyTorch script nnplay writes (training.torch_export) is run with torch:
its predictions equal nnplay's to 1e-6 for every activation and loss, and its
training loop follows nnplay's losses epoch by epoch, for every optimizer with
L1 and L2. torch is installed in CI by .ci/run only (never by the test extra);
without it these tests fail under CI=true and skip elsewhere, as the SVG tests
do without rsvg-convert."""

from __future__ import annotations

import base64
import importlib.util
import itertools
import os
import subprocess
import sys
import zlib

import numpy as np
import pytest

from nnplay.data import Dataset
from nnplay.engine import ACTIVATIONS
from nnplay.training import TrainConfig
from nnplay.training.torch_export import LITERAL_MAX, UNPACK, tensor_text, torch_script
from nnplay.training.trainer import Trainer

pytestmark = pytest.mark.torch  # (run first: tests/conftest.py)


@pytest.fixture(scope="module")
def torch():
    try:
        import torch
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("torch is missing (.ci/run installs torch==2.13.0, the CPU build)")
        pytest.skip("torch is not installed (pip install torch==2.13.0)")
    return torch


_count = itertools.count()


def load_script(trainer, tmp_path, epochs: int = 5):
    """The exported script of ``trainer``, written to a file and imported as a module."""
    path = tmp_path / f"exported_{next(_count)}.py"
    path.write_text(torch_script(trainer, epochs), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, path


LOSS_DATA = {  # each loss on data it suits
    "bce": {"dataset": "circle", "features": ("x1", "x2", "x1^2", "x1x2", "sin_x2")},
    "ce": {"dataset": "spiral-k", "classes": 3, "standardize": True},
    "mse": {"dataset": "multigauss", "features": ("x1", "x2", "x2^2", "sin_x1")},
    "tanh_mse": {"dataset": "xor", "loss": "tanh_mse"},
}


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("loss", LOSS_DATA)
def test_predictions_equal_nnplays(torch, tmp_path, activation, loss):
    t = Trainer(TrainConfig(activation=activation, hidden=(5, 3), lr=0.01, **LOSS_DATA[loss]))
    t.run(2)
    script, _ = load_script(t, tmp_path)
    X_raw = t.data.X
    ours = t.net.forward(t.prepare_inputs(X_raw))
    theirs = script.predict(torch.from_numpy(X_raw)).numpy()
    assert theirs.shape == ours.shape
    np.testing.assert_allclose(theirs, ours, rtol=0, atol=1e-6)
    assert isinstance(script.model, torch.nn.Sequential)
    # X, y are the training set as nnplay trains on it
    np.testing.assert_array_equal(script.X.numpy(), X_raw[t.train_index])
    assert len(script.y) == len(script.X) == t.X_train.shape[0]
    assert len(script.X_test) == t.X_test.shape[0]


@pytest.mark.parametrize("optimizer, lr, batch_size", [("sgd", 0.1, 10), ("momentum", 0.03, 32),
                                                       ("adam", 0.01, 7), ("adam", 0.01, 1000)])
def test_its_training_follows_nnplays_losses(torch, tmp_path, optimizer, lr, batch_size):
    t = Trainer(TrainConfig(dataset="spiral", hidden=(6, 4), activation="relu", optimizer=optimizer, lr=lr,
                            l1=0.003, l2=0.002, batch_size=batch_size, noise=0.1))
    t.run(3)  # the optimizer has state (velocity, Adam's moments) to carry over
    script, _ = load_script(t, tmp_path)
    ours, theirs = [], []
    for _ in range(4):
        t.run(1)
        ours.append((t.history.last("train_loss"), t.history.last("test_loss")))
        script.train_epoch()
        theirs.append(script.losses())
    np.testing.assert_allclose(theirs, ours, rtol=1e-9)
    # the L1 step set some weights to exactly 0 in both, the same ones
    weights = [layer.weight.detach().numpy() for layer in script.LINEAR]
    assert [np.flatnonzero(W == 0).tolist() for W in weights] == [np.flatnonzero(W == 0).tolist() for W in t.net.weights]
    for W, ours_W in zip(weights, t.net.weights):
        np.testing.assert_allclose(W, ours_W, atol=1e-9)


def test_more_than_two_inputs_and_a_regression_target(torch, tmp_path):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 3)) * [1.0, 10.0, 0.1]
    y = np.column_stack([X @ [1.0, 0.1, 5.0], X[:, 0] ** 2])
    data = Dataset(X, y, "regression", "three", input_names=["a", "b", "c"])
    t = Trainer(TrainConfig(standardize=True, hidden=(4,), optimizer="momentum", lr=0.01), data)
    t.run(2)
    script, _ = load_script(t, tmp_path)
    np.testing.assert_allclose(script.predict(torch.from_numpy(X)).numpy(), t.net.forward(t.prepare_inputs(X)),
                               atol=1e-6)
    script.train_epoch()
    t.run(1)
    assert script.losses()[0] == pytest.approx(t.history.last("train_loss"), rel=1e-9)


@pytest.mark.slow  # a fresh interpreter imports torch: ~5 s alone
def test_running_it_trains_and_prints_the_losses(torch, tmp_path):
    t = Trainer(TrainConfig(dataset="xor", optimizer="adam", lr=0.01))
    t.run(1)
    _, path = load_script(t, tmp_path, epochs=3)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=True).stdout
    ours = []
    for _ in range(3):
        t.run(1)
        ours.append(t.history.last("train_loss"))
    lines = out.strip().splitlines()
    assert [line.split()[1] for line in lines] == ["2", "3", "4"]
    printed = [float(line.split()[4]) for line in lines]
    np.testing.assert_allclose(printed, ours, atol=1e-6)  # printed to 6 decimals


def test_arrays_round_trip_exactly_whether_literal_or_packed(torch):
    namespace = {"torch": torch, "np": np}
    exec(UNPACK, {"np": np, "base64": base64, "zlib": zlib}, namespace)  # noqa: S102 (our own helper's source)
    for a in (np.array([0.1, -1e-300, 1 / 3, 5e-324]), np.random.default_rng(0).normal(size=(LITERAL_MAX + 5, 2)),
              np.arange(LITERAL_MAX * 2, dtype=np.int64), np.array([[1, 2]], dtype=np.int64)):
        text = tensor_text(a)
        assert text.startswith("torch.tensor(") == (a.size <= LITERAL_MAX)
        back = eval(text, {**namespace, "_unpack": namespace["_unpack"]}).numpy()
        assert back.dtype == a.dtype and back.shape == a.shape
        np.testing.assert_array_equal(back, a)


def test_the_command_exports_a_saved_session(torch, tmp_path, capsys):
    from nnplay.cli import main
    from nnplay.training.session import Session, save_session

    t = Trainer(TrainConfig(dataset="moons", optimizer="momentum", hidden=(3,)))
    t.run(2)
    save_session(tmp_path / "run.nnplay", Session(t.config, t.data, t.state_dict()))
    assert main(["export-torch", str(tmp_path / "run.nnplay"), "--out", str(tmp_path / "model.py")]) == 0
    assert "at epoch 2" in capsys.readouterr().err
    spec = importlib.util.spec_from_file_location("model_from_cli", tmp_path / "model.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    np.testing.assert_allclose(script.predict(torch.from_numpy(t.data.X)).numpy(),
                               t.net.forward(t.prepare_inputs(t.data.X)), atol=1e-6)


@pytest.mark.parametrize("args, says", [(["missing.nnplay", "--out", "m.py"], "missing.nnplay: cannot read: no such file"),
                                        (["run.nnplay", "--out", "m.txt"], "argument --out: the file must be a .py file, got 'm.txt'"),
                                        (["run.nnplay", "--out", "nofolder/m.py"], "does not exist")])
def test_the_command_refuses_bad_input_in_one_line(tmp_path, monkeypatch, capsys, args, says):
    from nnplay.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "run.nnplay").write_bytes(b"")
    assert main(["export-torch", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
