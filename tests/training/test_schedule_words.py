"""What the health advice and `nnplay train` say a schedule did agrees with the
rate the run actually used, for every schedule, before and after its end: the
cosine schedule rose again past its period while Health said the rate was
"lowered" (it now holds its lowest rate, docs/equations.md)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.training.health import diagnose
from nnplay.training.schedules import SCHEDULES, learning_rate, rate_epoch, rate_now, schedule_words
from tests.cli_run import nnplay

EPOCHS = 24  # enough for the plateau check's 20-epoch window; every schedule below ends (T, S, N) by epoch 8
CASES = ["constant", "step:8:0.5", "step:8:2", "cosine:8", "cosine:8:0.01", "cosine:40", "warmup:8:0.2",
         "warmup:40:0.5"]


def test_every_schedule_is_covered():
    assert {c.split(":")[0] for c in CASES} == set(SCHEDULES)


@pytest.fixture(scope="module")
def runs():
    """Each schedule's run of EPOCHS epochs on a small set (under 0.2 s each)."""
    out = {}
    for schedule in CASES:
        t = Trainer(TrainConfig.from_text(f"dataset=xor&hidden=3&lr=0.1&batch_size=50&schedule={schedule}"))
        t.run(EPOCHS)
        out[schedule] = t
    return out


@pytest.mark.parametrize("schedule", CASES)
def test_the_words_agree_with_the_rate_used(runs, schedule):
    t = runs[schedule]
    used = t.history.column("lr", 1)  # row e + 1: the rate epoch e trained with
    planned = [learning_rate(schedule, 0.1, e) for e in range(EPOCHS)]
    np.testing.assert_allclose(used, planned, rtol=1e-12)
    now = used[-1]
    assert rate_now(t) == pytest.approx(now) and rate_epoch(t) == EPOCHS - 1
    words = schedule_words(schedule, 0.1, rate_epoch(t))
    assert "(" not in words and ")" not in words, words  # a clause the advice and the summary put in sentences
    if schedule == "constant":
        assert words == ""
        return
    steps = np.diff(used)
    if "lowered" in words:  # then the rate used has never gone up, and is now below the base rate
        assert np.all(steps <= 1e-15) and now < 0.1 and f"to {now:.3g} from its base rate 0.1" in words
    if "held from epoch" in words:  # held: the same rate since then
        assert np.ptp(used[8:]) == 0
    if "raised" in words:
        assert now > 0.1 and f"to {now:.3g}" in words
    if "still raising" in words:
        assert np.all(steps >= -1e-15) and now < 0.1 and f"{now:.3g} now" in words
    if "at its base rate" in words:
        assert now == pytest.approx(0.1)
    assert sum(w in words for w in ("lowered", "raised", "still raising", "at its base rate")) == 1, words


@pytest.mark.parametrize("schedule", [c for c in CASES if c != "constant"])
def test_health_and_train_say_the_rate_used(runs, schedule, tmp_path):
    t = runs[schedule]
    used = t.history.column("lr", 0)
    flat = np.full(len(used), 0.9)  # a plateau (the advice names the rate there), the rates kept as used
    t.history.clear()
    t.history.extend({"train_loss": flat, "test_loss": flat, "train_accuracy": flat * 0, "test_accuracy": flat * 0,
                      "penalty": flat * 0, "lr": used, "clipped": flat * 0})
    plateau = [f.message for f in diagnose(t) if f.kind == "plateau"]
    assert len(plateau) == 1
    words = schedule_words(schedule, 0.1, EPOCHS - 1)
    if used[-1] < 0.1:  # the advice says what the schedule did, with the rate used
        assert words in plateau[0] and f"{used[-1]:.3g}" in plateau[0]
    else:
        assert "try a higher learning rate than 0.1" in plateau[0]
    r = nnplay("train", "--dataset", "xor", "--layers", "3", "--lr", "0.1", "--batch-size", "50",
               "--epochs", EPOCHS, "--settings", f"schedule={schedule}", "--seed", 0)
    assert r.returncode == 0 and f"rate      {words}\n" in r.stdout, r.stdout
    for text in [words, plateau[0], *r.stdout.splitlines()]:  # one plain sentence: no "(... (...))"
        assert not NESTED.search(text), text


# a bracket opened inside another; a name's call bracket (g'(Z), SGD(lr=0)) is notation, not a bracket of words
NESTED = re.compile(r"(?<![\w'])\([^()]*(?<![\w'])\(")
