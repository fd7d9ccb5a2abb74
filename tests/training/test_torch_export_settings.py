"""The PyTorch script carries every training setting of issue 17 (dropout per
layer, frozen and pruned parameters, learning-rate schedules, gradient
clipping, per-layer activations) so that, run with torch, its predictions equal
nnplay's and its epochs give nnplay's losses; a run it cannot reproduce is
refused in one line naming the setting; and the script is as ``ruff format``
leaves it. (torch and ruff: see test_torch_export's fixture and .ci/run.)"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from nnplay.training import TrainConfig
from nnplay.training import torch_export_parts as parts
from nnplay.training.schedules import learning_rate
from nnplay.training.torch_export import torch_script
from nnplay.training.trainer import Trainer

from .test_torch_export import load_script, torch  # noqa: F401 (the torch fixture)

BASE = {"dataset": "spiral", "hidden": (6, 4), "noise": 0.1, "batch_size": 25}

pytestmark = pytest.mark.torch  # (run first: tests/conftest.py)


def _prune(t):
    t.set_pruned(0, 3)  # hidden neuron 3 of layer 1 outputs 0
    t.set_pruned(1, 1, 2)  # the weight W[2][1, 2] acts as 0
    t.set_pruned(0, 1, 0)


def _freeze(t):
    t.set_frozen(1, row=2)  # neuron 2 of layer 2: its incoming weights and bias
    t.set_frozen(0, 0, 1)  # the one weight W[1][0, 1]


SETTINGS = {  # name: (config changes, edits made on the trainer before training)
    "dropout per layer": ({"dropout": (0.3, 0.1), "optimizer": "adam", "lr": 0.01}, None),
    "frozen layer and parts": ({"freeze": (3,), "optimizer": "momentum", "l1": 0.001, "l2": 0.01}, _freeze),
    "pruned, with L2 and Adam's L1": ({"optimizer": "adam", "lr": 0.01, "l1": 0.002, "l2": 0.01}, _prune),
    "step schedule": ({"schedule": "step:2:0.5", "l1": 0.003}, None),
    "cosine schedule": ({"schedule": "cosine:3:0.001", "optimizer": "adam", "lr": 0.02, "l1": 0.001}, None),
    "warm-up schedule": ({"schedule": "warmup:3:0.2", "optimizer": "momentum"}, None),
    "clipping": ({"clip": 0.05, "optimizer": "momentum", "l2": 0.01}, None),
    "activation per layer": ({"activation": "relu,tanh", "standardize": True}, None),
    "everything at once": ({"activation": "leaky_relu,sigmoid", "dropout": (0.2,), "freeze": (1,), "clip": 0.1,
                            "schedule": "warmup:6", "optimizer": "adam", "lr": 0.01, "l1": 0.001, "l2": 0.001,
                            "features": ("x1", "x2", "x1^2", "sin_x2")}, _prune),
}


def trained(name: str, epochs: int = 2) -> Trainer:
    changes, edit = SETTINGS[name]
    t = Trainer(TrainConfig(**{**BASE, **changes}))
    if edit is not None:
        edit(t)
    t.run(epochs)
    return t


@pytest.mark.parametrize("name", SETTINGS)
def test_each_setting_gives_nnplays_predictions_and_losses(torch, tmp_path, name):  # noqa: F811
    t = trained(name)
    script, _ = load_script(t, tmp_path)
    X_raw = torch.from_numpy(t.data.X)
    np.testing.assert_allclose(script.predict(X_raw).numpy(), t.net.forward(t.prepare_inputs(t.data.X)),
                               rtol=0, atol=1e-6)
    ours, theirs, clipped = [], [], 0
    for _ in range(3):
        t.run(1)
        ours.append((t.history.last("train_loss"), t.history.last("test_loss")))
        clipped += int(t.history.last("clipped"))
        script.train_epoch()
        theirs.append(script.losses())
    np.testing.assert_allclose(theirs, ours, rtol=1e-9)
    for layer, W, b in zip(script.LINEAR, t.net.weights, t.net.biases):
        np.testing.assert_allclose(layer.weight.detach().numpy(), W, atol=1e-9)
        np.testing.assert_allclose(layer.bias.detach().numpy(), b[:, 0], atol=1e-9)
    if t.config.clip:
        assert clipped > 0  # the limit was reached: the case is tested, not skipped over
    if t.config.schedule != "constant":
        following = learning_rate(t.config.schedule, t.config.lr, t.epoch)  # the next epoch's rate
        assert script.optimizer.param_groups[0]["lr"] == pytest.approx(following, rel=1e-12)
        assert following != t.config.lr


def test_frozen_and_pruned_parameters_stay_as_they_were(torch, tmp_path):  # noqa: F811
    t = trained("everything at once")
    script, _ = load_script(t, tmp_path)
    before = [layer.weight.detach().clone().numpy() for layer in script.LINEAR]
    for _ in range(2):
        script.train_epoch()
    after = [layer.weight.detach().numpy() for layer in script.LINEAR]
    m = t.net.masks
    held = [b[:, :-1] for b in m.frozen_blocks]  # layer 1 frozen whole; the pruned weights held too
    assert held[0].all()
    for l, (W0, W1) in enumerate(zip(before, after)):
        keep = held[l] | m.pruned_blocks[l][:, :-1]
        np.testing.assert_array_equal(W1[keep], W0[keep])
        assert (W1 != W0).any() or keep.all()


def test_dropout_is_inverted_and_off_in_eval_mode(torch, tmp_path):  # noqa: F811
    t = trained("dropout per layer", epochs=1)
    script, _ = load_script(t, tmp_path)
    X = torch.from_numpy(t.data.X)
    with torch.no_grad():
        script.model.eval()
        eval_a, eval_b = script.model(X), script.model(X)
        script.model.train()
        train_a, train_b = script.model(X), script.model(X)
    assert torch.equal(eval_a, eval_b) and not torch.equal(train_a, train_b)  # masks only in train()
    drop = script.Dropout(0.25).train()
    A = drop(torch.ones(20000, 5))
    values = set(np.unique(A.numpy()).tolist())
    assert values == {0.0, 1 / 0.75}  # kept units scaled by 1 / (1 - p)
    assert float((A == 0).double().mean()) == pytest.approx(0.25, abs=0.01)
    assert float(A.mean()) == pytest.approx(1.0, abs=0.02)  # the mean is kept
    assert torch.equal(drop.eval()(torch.ones(3, 5)), torch.ones(3, 5))


def test_every_setting_is_carried_or_refused():
    assert set(parts.CARRIED) == {f.name for f in dataclasses.fields(TrainConfig)}


def test_a_run_it_cannot_reproduce_is_refused_in_one_line(monkeypatch):
    with pytest.raises(ValueError, match=r"^dtype float32: .*float64") as e:
        torch_script(Trainer(TrainConfig(dtype="float32", hidden=(2,))))
    assert "\n" not in str(e.value)
    t = Trainer(TrainConfig(optimizer="momentum", hidden=(2,)))
    t.optimizer.momentum = 0.5
    with pytest.raises(ValueError, match="optimizer momentum with momentum 0.5"):
        torch_script(t)
    monkeypatch.delitem(parts.CARRIED, "clip")  # as if the export did not know a setting
    torch_script(Trainer(TrainConfig(hidden=(2,))))  # at its default: nothing to carry
    with pytest.raises(ValueError, match="^setting 'clip': the PyTorch export does not carry it$"):
        torch_script(Trainer(TrainConfig(hidden=(2,), clip=1.0)))


def test_the_command_refuses_a_float32_session_in_one_line(tmp_path, capsys):
    from nnplay.cli import main
    from nnplay.training.session import Session, save_session

    t = Trainer(TrainConfig(dtype="float32", hidden=(2,)))
    save_session(tmp_path / "run.nnplay", Session(t.config, t.data, t.state_dict()))
    assert main(["export-torch", str(tmp_path / "run.nnplay"), "--out", str(tmp_path / "m.py")]) == 2
    err = capsys.readouterr().err
    assert "dtype float32" in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "m.py").exists()


def test_a_saved_session_keeps_its_settings_in_the_script(torch, tmp_path, capsys):  # noqa: F811
    from nnplay.cli import main
    from nnplay.training.session import Session, save_session

    t = trained("everything at once", epochs=1)
    save_session(tmp_path / "run.nnplay", Session(t.config, t.data, t.state_dict()))
    assert main(["export-torch", str(tmp_path / "run.nnplay"), "--out", str(tmp_path / "model.py")]) == 0
    capsys.readouterr()
    script, _ = load_script(t, tmp_path)  # the window's path: the run itself
    spec = importlib.util.spec_from_file_location("model_from_session", tmp_path / "model.py")
    saved = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(saved)
    assert [type(m).__name__ for m in saved.model] == [type(m).__name__ for m in script.model]
    assert "Dropout" in [type(m).__name__ for m in saved.model] and len(saved.HELD) == len(script.HELD)
    t.run(1)
    saved.train_epoch()
    assert saved.losses()[0] == pytest.approx(t.history.last("train_loss"), rel=1e-9)


def _ruff():
    ruff = shutil.which("ruff") or os.path.join(os.path.dirname(sys.executable), "ruff")
    if not os.path.exists(ruff):
        if os.environ.get("CI") == "true":
            pytest.fail("ruff is missing (.ci/run installs it)")
        pytest.skip("ruff is not installed")
    return ruff


@pytest.mark.parametrize("name", ["plain", "everything at once", "cosine schedule"])
def test_the_script_is_as_ruff_format_leaves_it(tmp_path, name):
    t = Trainer(TrainConfig(**BASE)) if name == "plain" else trained(name, epochs=1)
    path = tmp_path / "model.py"
    path.write_text(torch_script(t), encoding="utf-8")
    done = subprocess.run([_ruff(), "format", "--isolated", "--diff", str(path)], check=False,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
