"""The training-health diagnosis (training.health) and its command line."""

import json
import math

import numpy as np
import pytest

from nnplay.cli import main
from nnplay.training import TrainConfig, Trainer
from nnplay.training.health import Finding, alarms, diagnose


@pytest.fixture(scope="module")
def sigmoid6():
    t = Trainer(TrainConfig(hidden=(8,) * 6, activation="sigmoid"))
    t.run(40)
    return t


@pytest.fixture(scope="module")
def relu_huge_rate():
    t = Trainer(TrainConfig(hidden=(8, 8), activation="relu", lr=10.0))
    t.run(30)
    return t


@pytest.fixture(scope="module")
def healthy():
    t = Trainer(TrainConfig())  # the default problem: circle, 4-2 tanh, lr 0.03
    t.run(300)
    return t


def test_six_sigmoid_layers_are_diagnosed_as_vanishing(sigmoid6):
    found = {f.kind: f for f in diagnose(sigmoid6)}
    assert "vanishing" in found and found["vanishing"].severity == "alarm"
    norms = sigmoid6.net.grad_norms()
    assert math.isclose(found["vanishing"].value, norms[0] / norms[-1])  # the number behind it
    assert found["vanishing"].value < 1e-2 and "dW[1]" in found["vanishing"].message


def test_relu_at_a_huge_rate_is_diagnosed_dead_naming_the_units(relu_huge_rate):
    t = relu_huge_rate
    dead = [f for f in diagnose(t) if f.kind == "dead_relu"]
    assert dead
    A = t.net.hidden_outputs(t.X_train)
    for f in dead:  # exactly the units whose output is 0 for every training example (1-based)
        expected = (np.flatnonzero(~np.any(A[f.layer - 1] != 0, axis=0)) + 1).tolist()
        assert f.units == expected and f.units
        assert f"layer {f.layer}" in f.message and str(f.units[0]) in f.message


def test_a_healthy_run_has_no_alarm(healthy):
    assert healthy.metrics()["test_accuracy"] > 0.9
    assert alarms(diagnose(healthy)) == []


def test_saturated_tanh_units_are_named():
    t = Trainer(TrainConfig(hidden=(4,), activation="tanh"))
    t.net.weights[0][...] *= 200  # every unit's |Z| is huge: tanh saturates, g' ~ 0
    t.net.weights[0][0] = 0.0  # ... except unit 1's
    t._full_batch_gradients()
    sat = [f for f in diagnose(t) if f.kind == "saturated"]
    assert len(sat) == 1 and sat[0].layer == 1 and 1 not in sat[0].units and sat[0].units


def overfitted(t, n: int = 200) -> np.ndarray:
    """Trainer ``t``'s history replaced by ``n`` + 1 epochs of a falling training loss and a test
    loss lowest (0.5) at epoch 60, rising after; the epochs."""
    epochs = np.arange(n + 1, dtype=float)
    t.history.clear()
    t.history.extend({"train_loss": 1 / (1 + epochs), "test_loss": 0.5 + ((epochs - 60) / 100) ** 2,
                      "train_accuracy": epochs * 0, "test_accuracy": epochs * 0, "penalty": epochs * 0,
                      "lr": epochs * 0 + 0.03, "clipped": epochs * 0})
    return epochs


def test_overfitting_and_oscillation_are_read_from_the_history():
    t = Trainer(TrainConfig())
    epochs = overfitted(t)
    kinds = {f.kind for f in diagnose(t)}
    assert "overfitting" in kinds and "oscillating" not in kinds
    t.history.clear()
    t.history.extend({"train_loss": 0.5 + 0.2 * (epochs % 2), "test_loss": 0.5 + 0.2 * (epochs % 2),
                      "train_accuracy": epochs * 0, "test_accuracy": epochs * 0, "penalty": epochs * 0,
                      "lr": epochs * 0 + 0.03, "clipped": epochs * 0})
    kinds = {f.kind for f in diagnose(t)}
    assert "oscillating" in kinds and "overfitting" not in kinds and "plateau" not in kinds


def test_findings_round_trip_as_json():
    f = Finding("dead_relu", 2, [1, 3], 0.25, "layer 2: ...")
    assert Finding.from_dict(json.loads(json.dumps(f.to_dict()))) == f
    assert set(f.to_dict()) == {"kind", "layer", "units", "value", "message", "severity"}


def test_train_json_carries_health_and_diagnose_reads_a_session(tmp_path, capsys):
    path = tmp_path / "run.nnplay"
    args = ["train", "--layers", "8,8", "--activation", "relu", "--lr", "10", "--epochs", "30"]
    assert main([*args, "--json", "--save", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    kinds = [f["kind"] for f in out["health"]]
    assert "dead_relu" in kinds
    assert main(["diagnose", str(path), "--json"]) == 0
    saved = json.loads(capsys.readouterr().out)
    assert saved["epoch"] == 30 and saved["health"] == out["health"]  # the same run, the same findings
    assert main(["diagnose", str(path)]) == 0
    text = capsys.readouterr().out
    assert "ReLUs are dead" in text and text.count("\n") >= 2


def test_diagnose_refuses_a_missing_file_in_one_line(tmp_path, capsys):
    assert main(["diagnose", str(tmp_path / "nothing.nnplay")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing.nnplay" in err


def test_live_frames_are_diagnosed_once_per_recorded_epoch_and_after_an_edit_while_paused():
    from nnplay.training.distributions import due

    t = Trainer(TrainConfig(hidden=(3,), activation="relu"))
    live = t.live_health
    t.run(40)
    first = live.findings(t)
    assert live.diagnosed == 1 and first == tuple(diagnose(t))
    for _ in range(23):  # epochs 41..63: recorded every 2nd from 32 on
        t.run(1)
        live.findings(t)
    assert live.diagnosed == 1 + sum(due(e) for e in range(41, 64))  # 12, not 23
    assert live.findings(t) is live.findings(t)  # paused, unchanged: the same findings, not diagnosed again
    before = live.diagnosed
    t.set_parameter(1, "W", 0, 0, -50.0)  # an edit while paused: diagnosed at once
    live.findings(t)
    assert live.diagnosed == before + 1
    snap = t.snapshot(distributions=True)
    assert snap.health == live.findings(t) and live.diagnosed == before + 1


def test_while_playing_the_diagnosis_is_made_at_most_twice_a_second_and_at_once_when_paused():
    """Issue 20: a diagnosis per record cost the training process up to 60 a second early in a run; while
    the run plays (the loop sets ``playing``) it waits PLAYING_SECONDS after the last one (the
    Distributions tab draws once a second); a pause, an edit, a new run or a divergence is diagnosed at once."""
    from nnplay.training.health import PLAYING_SECONDS, LiveDiagnosis

    now = [100.0]
    t = Trainer(TrainConfig(hidden=(3,), activation="relu"))
    live = t.live_health = LiveDiagnosis(clock=lambda: now[0])
    live.playing = True
    t.run(5)
    live.findings(t)
    assert live.diagnosed == 1
    for _ in range(10):  # ten records (every epoch up to 31) within the half second: not diagnosed again
        t.run(1)
        now[0] += PLAYING_SECONDS / 20
        live.findings(t)
    assert live.diagnosed == 1
    now[0] += PLAYING_SECONDS / 2  # half a second since the last diagnosis: the records since are diagnosed
    t.run(1)
    assert live.findings(t) == tuple(diagnose(t)) and live.diagnosed == 2
    t.run(1)
    live.findings(t)
    assert live.diagnosed == 2
    live.playing = False  # the frame of a pause: the weights shown, diagnosed at once
    assert live.findings(t) == tuple(diagnose(t)) and live.diagnosed == 3
    live.playing = True
    t.run(1)
    t.diverged_at = t.epoch  # a divergence while playing: at once
    live.findings(t)
    assert live.diagnosed == 4
    t.run_id += 1  # a new run: at once
    live.findings(t)
    assert live.diagnosed == 5


def test_the_training_loop_tells_the_diagnosis_whether_the_run_plays():
    import queue

    from nnplay.training.commands import Build, Pause, Play, SetView
    from nnplay.training.loop import TrainingLoop

    commands, frames = queue.Queue(), []
    loop = TrainingLoop(commands, lambda kind, *p: frames.append(p[0]) if kind == "frame" else None)
    for cmd in (Build(1, TrainConfig(hidden=(3,)), None, None, False), SetView({"distributions": True}), Play()):
        loop._apply(cmd)
    loop._step()
    loop._emit_frame()
    assert loop._trainer.live_health.playing is True
    loop._apply(Pause())
    loop._awaiting_ack = False
    loop._emit_frame()
    assert loop._trainer.live_health.playing is False


def test_diagnose_says_first_that_the_run_diverged_in_the_windows_words(tmp_path, capsys):
    """Tester, round 20: a session whose training diverged (the window shows a red banner) got only its
    findings from nnplay diagnose. Its first line after the heading is now the banner's words."""
    path = tmp_path / "run.nnplay"
    args = ["train", "--dataset", "plane", "--activation", "linear", "--lr", "5", "--epochs", "50"]
    assert main([*args, "--save", str(path)]) == 3  # (EXIT_DIVERGED)
    capsys.readouterr()
    assert main(["diagnose", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    banner = "Training diverged at epoch 1: the loss stopped being a finite number. Try a lower learning rate (now 5)"
    assert lines[1].startswith("diverged  ! " + banner), lines
    assert "from epoch 0" in lines[1] and lines[2].startswith("health")
    assert main(["diagnose", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["diverged"]["epoch"] == 1 and out["diverged"]["message"].startswith(banner)
