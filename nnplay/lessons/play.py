"""A lesson played headless with the Trainer, as a learner would play it in the
window: set up (and, asked for, the solution applied), then trained epoch by
epoch while the goal is checked on the same records the window checks."""

from __future__ import annotations

from dataclasses import dataclass

from ..training import Trainer
from ..training.probes import ViewRequest
from .goals import PENDING, GoalTracker
from .hand_weights import apply_weights
from .progress import records
from .schema import Lesson

UNSCOPED_EPOCHS = 1000  # how long a goal without "within"/"after" is played for
_NO_PICTURES = ViewRequest(grid_resolution=None, neuron_resolution=None)


@dataclass(frozen=True)
class Outcome:
    status: str  # goals.MET, MISSED or PENDING (not decided in the epochs played)
    epoch: int  # the epoch it was decided at, or the last one played
    final: dict  # the last record


def play(lesson: Lesson, solved: bool = True, max_epochs: int | None = None) -> Outcome:
    """Train ``lesson``'s settings (with its solution and its hand-set ``weights``
    when ``solved``; ValueError when those do not fit the network) until its
    goal is met or missed, or ``max_epochs`` (default: the goal's horizon, one
    epoch past it for "within", else UNSCOPED_EPOCHS) have run."""
    goal = lesson.goal
    limit = max_epochs if max_epochs is not None else (
        goal.epochs + (1 if goal.scope == "within" else 0) if goal.scope else UNSCOPED_EPOCHS)
    trainer = Trainer(lesson.solved_config if solved else lesson.config)
    if solved:
        apply_weights(trainer, lesson.weights)  # as the learner types them into the diagram
    tracker = GoalTracker(goal)
    record = {}
    while True:
        for record in records(trainer.snapshot(_NO_PICTURES, history_from=trainer.epoch)):
            tracker.observe(record)
        if tracker.status != PENDING or trainer.epoch >= limit or trainer.diverged:
            break
        trainer.run(1)
    return Outcome(tracker.status, tracker.at if tracker.at is not None else trainer.epoch, record)
