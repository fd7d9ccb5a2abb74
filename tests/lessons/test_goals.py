"""The goal vocabulary: parsed, never evaluated as code; checked over a run's records."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnplay.lessons import MET, MISSED, PENDING, GoalTracker, parse_goal
from nnplay.lessons.goals import MEASURES, OPS, SHARES
from nnplay.lessons.progress import records
from nnplay.training import TrainConfig, Trainer


def rec(epoch, run=1, **values):
    return {"run_id": run, "epoch": epoch, "diverged": False, **values}


def test_within_is_met_at_the_first_epoch_it_holds_and_missed_past_its_horizon():
    t = GoalTracker(parse_goal("test_accuracy >= 0.95 within 3 epochs"))
    assert t.observe(rec(0, test_accuracy=0.5)) == PENDING
    assert t.observe(rec(2, test_accuracy=0.96)) == MET and t.at == 2
    assert t.observe(rec(3, test_accuracy=0.1)) == MET  # once met it stays so for the run
    late = GoalTracker(parse_goal("test_accuracy >= 0.95 within 3 epochs"))
    late.observe(rec(3, test_accuracy=0.9))
    assert late.observe(rec(4, test_accuracy=0.99)) == MISSED and late.at == 3  # the last epoch checked


def test_after_is_judged_once_at_its_epoch_and_a_new_run_starts_over():
    t = GoalTracker(parse_goal("test_accuracy < 0.7 after 5 epochs"))
    assert t.observe(rec(4, test_accuracy=0.5)) == PENDING  # too early to judge
    assert t.observe(rec(5, test_accuracy=0.8)) == MISSED
    assert t.observe(rec(6, test_accuracy=0.5)) == MISSED
    assert t.observe(rec(0, run=2, test_accuracy=0.5)) == PENDING  # Reset: a new run
    assert t.observe(rec(5, run=2, test_accuracy=0.6)) == MET
    assert t.observe(rec(2, run=2, test_accuracy=0.6)) == PENDING  # the epoch went back: started again


def test_conditions_join_with_and_and_a_measure_not_in_a_record_waits():
    t = GoalTracker(parse_goal("weight_max < 1.5 and inputs_off == 0"))
    assert t.observe(rec(1, train_loss=0.1)) == PENDING  # a history-only record: the weights are not in it
    assert t.observe(rec(2, weight_max=2.0, inputs_off=0)) == PENDING
    assert t.observe(rec(3, weight_max=1.0, inputs_off=0)) == MET
    nan = GoalTracker(parse_goal("test_accuracy > 0.5"))
    assert nan.observe(rec(1, test_accuracy=math.nan)) == PENDING  # regression: no accuracy, never met


def test_diverged_is_met_by_a_run_whose_loss_overflowed():
    trainer = Trainer(TrainConfig.from_text("dataset=plane&hidden=8,8&activation=relu&lr=3"))
    trainer.run(30)
    t = GoalTracker(parse_goal("diverged within 30 epochs"))
    statuses = [t.observe(r) for r in records(trainer.snapshot(grid_resolution=None, neuron_resolution=None))]
    assert trainer.diverged and statuses[-1] == MET


def test_a_snapshot_gives_one_record_per_epoch_of_its_increment_and_a_full_last_one():
    trainer = Trainer(TrainConfig.from_text("dataset=circle&hidden=3&features=x1,x2,x1x2"))
    trainer.run(4)
    rs = records(trainer.snapshot(grid_resolution=None, neuron_resolution=None, history_from=1))
    assert [r["epoch"] for r in rs] == [1, 2, 3, 4]
    assert set(MEASURES) <= set(rs[-1]) and "inputs_off" not in rs[0]
    assert rs[-1]["batches"] == 4 * 25 and rs[-1]["zero_weights"] == 0 and rs[-1]["inputs_off"] == 0
    assert rs[-1]["train_loss"] == trainer.metrics()["train_loss"]


def _in_range(measure):  # what the measure can be: a share 0..1, only the loss gap below 0
    return st.floats(0, 1) if measure in SHARES else st.floats(-1e6 if measure == "loss_gap" else 0, 1e6)


@given(st.lists(st.tuples(st.sampled_from(sorted(MEASURES)), st.sampled_from(sorted(OPS))).flatmap(
           lambda mo: st.tuples(st.just(mo[0]), st.just(mo[1]), _in_range(mo[0]))), min_size=1, max_size=3),
       st.sampled_from(["", "within", "after"]), st.integers(1, 10_000))
def test_a_goal_reads_back_as_it_is_written(conditions, scope, epochs):
    text = " and ".join(f"{m} {op} {v!r}" for m, op, v in conditions) + (f" {scope} {epochs} epochs" if scope else "")
    goal = parse_goal(text)
    assert [(c.measure, c.op, c.value) for c in goal.conditions] == conditions
    assert (goal.scope, goal.epochs) == ((scope, epochs) if scope else ("", 0))
    assert parse_goal(str(goal)).scope == goal.scope


@pytest.mark.parametrize("text", ["", "and", "train_loss <", "train_loss < 1 within 5", "diverged within x epochs",
                                  "lambda: 1", "train_loss < 1 or diverged"])
def test_what_is_not_in_the_vocabulary_is_refused(text):
    with pytest.raises(ValueError):
        parse_goal(text)


def test_a_goal_judged_after_n_epochs_on_a_measure_that_cannot_be_read_is_missed():
    """Lesson 7 with ReLU at rate 10: every dW is 0, the gradient ratio is 0/0; the
    goal judged after 20 epochs is missed then, not pending for ever."""
    from nnplay.lessons.goals import MISSED, GoalTracker, parse_goal

    t = GoalTracker(parse_goal("gradient_ratio > 0.1 after 20 epochs"))
    for epoch in range(0, 30):
        t.observe({"run_id": 1, "epoch": epoch, "gradient_ratio": float("nan")})
    assert t.status == MISSED and t.at == 20


def test_a_tracker_from_a_run_on_ignores_the_runs_before_it():
    """Tester's item 2: a lesson is judged only on the run its Set up started (and later ones)."""
    t = GoalTracker(parse_goal("test_accuracy < 0.7 after 5 epochs"), from_run=3)
    assert t.observe(rec(9, run=2, test_accuracy=0.5)) == PENDING and t.at is None
    assert t.observe(rec(2, run=3, test_accuracy=0.5)) == PENDING
    assert t.observe(rec(5, run=3, test_accuracy=0.5)) == MET and t.at == 5
    assert t.observe(rec(7, run=2, test_accuracy=0.9)) == MET  # a late frame of the old run changes nothing
    assert t.observe(rec(5, run=4, test_accuracy=0.9)) == MISSED  # the learner's Reset: a run of the lesson's


def test_a_goal_within_n_epochs_is_missed_at_epoch_n_the_last_one_checked():
    """The tester: "within 100 epochs" said "missed at epoch 101"."""
    tracker = GoalTracker(parse_goal("train_loss < 0.1 within 100 epochs"))
    for epoch in range(102):
        tracker.observe({"run_id": 0, "epoch": epoch, "train_loss": 0.5})
    assert tracker.status == MISSED and tracker.at == 100


def test_lessons_check_on_a_missed_goal_exits_1_saying_the_last_epoch_checked(tmp_path):
    from tests.cli_run import nnplay

    mine = tmp_path / "mine.toml"
    mine.write_text('title = "Mine"\ntext = "t"\nsetup = "dataset=xor&noise=0&hidden=&features=x1,x2&lr=0.001"\n'
                    'question = "q"\ngoal = "train_loss < 0.01 within 3 epochs"\nhints = ["h"]\nexplanation = "e"\n',
                    encoding="utf-8")
    r = nnplay("lessons", str(mine), "--check")
    assert r.returncode == 1, r.stderr  # a goal not met; 2 is for a lesson that cannot be read
    assert "missed at epoch 3," in r.stdout and r.stderr == ""
