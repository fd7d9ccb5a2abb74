"""The health advice reads the run's own settings: no "standardised inputs" for
inputs already standardised, and a schedule's lowered rate is named with its
base rate, not answered with "try a higher learning rate"."""

from __future__ import annotations

import numpy as np

from nnplay.training import TrainConfig, Trainer
from nnplay.training.health import diagnose


def _saturated(standardize: bool):
    t = Trainer(TrainConfig(hidden=(4,), activation="tanh", standardize=standardize))
    t.net.weights[0][...] *= 200  # every unit's |Z| is huge: tanh saturates
    t._full_batch_gradients()
    return next(f for f in diagnose(t) if f.kind == "saturated").message


def test_saturation_advice_suggests_standardising_only_inputs_that_are_not():
    assert "standardised inputs" in _saturated(False)
    assert "standardised inputs" not in _saturated(True) and "lower learning rate" in _saturated(True)


def _plateau_trainer(**settings):
    t = Trainer(TrainConfig(hidden=(2,), **settings))
    epochs = np.arange(301, dtype=float)
    t.history.clear()
    t.history.extend({"train_loss": 0.9 - 1e-6 * epochs, "test_loss": 0.9 - 1e-6 * epochs,
                      "train_accuracy": epochs * 0, "test_accuracy": epochs * 0, "penalty": epochs * 0,
                      "lr": epochs * 0 + 0.03, "clipped": epochs * 0})
    return t


def test_a_plateau_under_a_decayed_schedule_names_the_schedule_and_its_base_rate():
    t = _plateau_trainer(schedule="cosine:300:3e-7", optimizer="adam")
    t.epoch = 301  # where the cosine schedule ends (the rate is read from the settings and the epoch)
    plateau = next(f for f in diagnose(t) if f.kind == "plateau").message
    assert "cosine schedule has lowered the learning rate to 3·10⁻⁷ from its base rate 0.03" in plateau
    assert "Adam" not in plateau  # the run already uses Adam
    plain = next(f for f in diagnose(_plateau_trainer()) if f.kind == "plateau").message
    assert "try a higher learning rate than 0.03" in plain and "Adam" in plain


def test_small_steps_under_a_decayed_schedule_are_put_down_to_the_schedule():
    t = _plateau_trainer(schedule="cosine:1:1e-9")
    t.run(2)  # the rate of epoch 1, the last trained: 1e-9
    t.history.clear()
    t.history.extend({"train_loss": np.array([2.0, 1.9]), "test_loss": np.array([2.0, 1.9]),
                      "train_accuracy": np.zeros(2), "test_accuracy": np.zeros(2), "penalty": np.zeros(2),
                      "lr": np.zeros(2) + 0.03, "clipped": np.zeros(2)})
    small = [f.message for f in diagnose(t) if f.kind == "update_ratio"]
    assert small and "from its base rate 0.03" in small[0] and "try a higher learning rate" not in small[0]


def test_a_plateau_advice_reads_as_one_sentence_under_every_schedule():
    """The warm-up's advice read "…wait for the warm-up to end, or shorten it, Adam, or a wider
    or deeper network": each alternative is now offered with its own verb."""
    for schedule, epoch in (("constant", 301), ("warmup:1000", 301), ("cosine:300:3e-7", 301)):
        t = _plateau_trainer(schedule=schedule)
        t.epoch = epoch
        message = next(f for f in diagnose(t) if f.kind == "plateau").message
        assert message.endswith("; or try Adam, or a wider or deeper network"), message
        assert ", or shorten it, Adam" not in message and "try a higher base rate or a longer schedule, Adam" not in message


def test_dead_relus_at_a_large_rate_are_answered_with_a_lower_rate_not_a_higher_one():
    """Tester, round 20: ReLU 8,8 at rate 1 on the spiral kills 6 units of layer 2 and the loss plateaus; the
    plateau and the small steps (no gradient reaches a dead unit) advised "try a higher learning rate than 1",
    against the dead-unit finding's own "lower learning rate". A higher rate cannot revive a dead unit, and
    steps too large killed it: both now advise a rate lower than 1."""
    t = Trainer(TrainConfig(dataset="spiral", hidden=(8, 8), activation="relu", lr=1.0))
    t.run(200)
    found = {f.kind: f.message for f in diagnose(t)}
    assert {"dead_relu", "plateau", "update_ratio"} <= set(found), found
    for kind in ("plateau", "update_ratio"):
        assert "higher learning rate" not in found[kind], found[kind]
        assert "learning rate lower than 1 and Reset" in found[kind] and "dead ReLUs of layer 2" in found[kind]


def test_dead_relus_at_a_small_rate_keep_the_advice_for_small_steps():
    from nnplay.training.health import LARGE_RATE, _lower_rate

    for optimizer, large in LARGE_RATE.items():
        config = TrainConfig(optimizer=optimizer, lr=large / 3)
        assert _lower_rate(config, config.lr, [2]) == ""  # a small rate: "higher" may well be right
        config = TrainConfig(optimizer=optimizer, lr=large)
        assert "lower than" in _lower_rate(config, config.lr, [2]) and _lower_rate(config, config.lr, []) == ""
