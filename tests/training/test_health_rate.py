"""`nnplay train` and `nnplay diagnose` give one diagnosis of a scheduled run:
the step sizes were judged at the optimizer's rate, which the run ends with
lowered by its schedule but a run read back from its session had at the base
rate (a cosine run's tiny steps said by one and not the other). The rate now
comes from the settings and the epoch alone (``schedules.rate_now``)."""

from __future__ import annotations

import json

import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.health import diagnose
from nnplay.training.schedules import learning_rate, rate_now
from nnplay.training.session import open_trainer
from tests.cli_run import nnplay


@pytest.mark.parametrize("settings", [
    "schedule=cosine:30:0&lr=0.003",  # at its end the rate is near 0: tiny steps
    "schedule=cosine&lr=0.0003",
    "schedule=step:10:0.1&lr=0.03",
    "schedule=warmup:50:0.1&lr=0.03",
])
def test_train_and_diagnose_say_the_same(settings, tmp_path):
    run = tmp_path / "run.nnplay"
    r = nnplay("train", "--dataset", "xor", "--epochs", "30", "--batch-size", "20", "--settings", settings,
               "--json", "--save", run)
    assert r.returncode == 0, r.stderr
    trained = json.loads(r.stdout)["health"]
    d = nnplay("diagnose", run, "--json")
    assert d.returncode == 0, d.stderr
    assert json.loads(d.stdout)["health"] == trained
    if settings.startswith("schedule=cosine:30:0"):
        assert any(f["kind"] == "update_ratio" for f in trained)  # the case: both say the steps are tiny


def test_the_rate_now_is_the_schedule_s_for_the_epoch_trained_and_survives_a_session(tmp_path):
    from nnplay.training.session import Session, save_session

    config = TrainConfig.from_text("dataset=xor&schedule=cosine:20:0&lr=0.1&batch_size=10")
    t = Trainer(config)
    assert rate_now(t) == 0.1  # before any epoch: the base rate
    t.run(8)
    assert rate_now(t) == pytest.approx(learning_rate(config.schedule, 0.1, 7)) == t.optimizer.lr
    t.step_batch()  # part-way through epoch 8: its own rate
    assert t.batch_position[0] == 1 and rate_now(t) == pytest.approx(learning_rate(config.schedule, 0.1, 8))
    save_session(tmp_path / "r.nnplay", Session(t.config, t.data, t.state_dict()))
    back = open_trainer(tmp_path / "r.nnplay")
    assert back.optimizer.lr == rate_now(back) == rate_now(t)
    assert [f.to_dict() for f in diagnose(back)] == [f.to_dict() for f in diagnose(t)]
