"""A lesson's goal: a small declarative sentence checked live on the run, never
code. The vocabulary (see ``GOAL_HELP``)::

    goal      := condition ("and" condition)* [scope]
    condition := MEASURE OP NUMBER | "diverged"
    scope     := "within" N "epochs" | "after" N "epochs"
    OP        := <  <=  >  >=  ==

e.g. ``test_accuracy >= 0.95 within 300 epochs``, ``train_loss < 0.1``,
``diverged within 50 epochs``, ``test_accuracy < 0.7 after 500 epochs``.

``within N``: met if every condition holds at once at some epoch up to N; missed
once the run is past epoch N without that. ``after N``: judged once, at epoch N.
No scope: met as soon as every condition holds. Once met or missed, a goal stays
so until the run starts again (a reset or a new network).
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass, field

from ..numbers import agree, format_number
from ..training.setting_ranges import EPOCHS_MAX

# what a condition can measure, with what it means (shown by `nnplay lessons --goals`)
MEASURES = {
    "epoch": "epochs trained",
    "batches": "mini-batch steps taken",
    "train_loss": "data loss on the training set",
    "test_loss": "data loss on the test set",
    "train_accuracy": "share of training examples classified right, 0..1",
    "test_accuracy": "share of test examples classified right, 0..1",
    "loss_gap": "test_loss - train_loss (large when the network overfits)",
    "zero_weights": "how many weights are exactly 0",
    "inputs_off": "inputs all of whose weights W[1] are exactly 0 (switched off)",
    "weight_norm": "sqrt of the sum of every squared weight, over all layers",
    "weight_max": "the largest |weight| over all layers",
    "gradient_ratio": "|dW[1]| / |dW[L]|: the first layer's gradient norm over the last's",
}
# each measure as a learner reads it (a goal shown in the window or by `nnplay lessons NAME`; MEASURES's keys are
# the vocabulary a lesson file writes); the accuracies, shares 0..1, are shown as percentages
MEASURE_WORDS = {
    "epoch": "epochs trained", "batches": "mini-batch steps", "train_loss": "training loss",
    "test_loss": "test loss", "train_accuracy": "training accuracy", "test_accuracy": "test accuracy",
    "loss_gap": "test loss − training loss", "zero_weights": "weights at exactly 0",
    "inputs_off": "inputs switched off", "weight_norm": "weight norm", "weight_max": "largest |weight|",
    "gradient_ratio": "|dW[1]| / |dW[L]|",
}
SHARES = {"train_accuracy", "test_accuracy"}
# what a measure can be, for the number a goal compares it with (every one finite; a share 0..1; only the
# loss gap below 0; an epoch count no more than `nnplay train --epochs` allows): a goal outside can never be
# decided as its sentence reads ("train_loss < nan" never met, "train_loss < 1e999" always)
SIGNED = {"loss_gap"}
COUNTED = {"epoch": EPOCHS_MAX, "batches": None}
OP_WORDS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "="}
OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq}
GOAL_HELP = ("a goal reads like 'test_accuracy >= 0.95 within 300 epochs', 'train_loss < 0.1', "
             "'diverged within 50 epochs' or 'test_accuracy < 0.7 after 500 epochs'")

PENDING, MET, MISSED = "pending", "met", "missed"


@dataclass(frozen=True)
class Condition:
    measure: str  # a key of MEASURES, or "diverged"
    op: str = ""
    value: float = 0.0

    def holds(self, record: dict) -> bool | None:
        """True or False on ``record`` ({measure: value}); None when it does not hold the measure."""
        if self.measure == "diverged":
            return record.get("diverged")
        v = record.get(self.measure)
        if v is None or math.isnan(v):  # missing, or NaN (no test set, no accuracy for regression)
            return None
        return OPS[self.op](v, self.value)

    def __str__(self) -> str:
        return "diverged" if self.measure == "diverged" else f"{self.measure} {self.op} {self.value:g}"

    def words(self) -> str:
        """As a learner reads it: "test accuracy ≥ 95%", "training loss < 0.05", "the run diverges"."""
        if self.measure == "diverged":
            return "the run diverges"
        value = f"{100 * self.value:.4g}%" if self.measure in SHARES else format_number(self.value, 6)  # (1·10⁻⁵)
        return f"{MEASURE_WORDS[self.measure]} {OP_WORDS[self.op]} {value}"


@dataclass(frozen=True)
class Goal:
    """A parsed goal: every condition at once, within or after ``epochs`` (``scope``) or at any time."""

    conditions: tuple[Condition, ...]
    scope: str = ""  # "", "within" or "after"
    epochs: int = 0

    def __str__(self) -> str:
        text = " and ".join(map(str, self.conditions))
        return f"{text} {self.scope} {self.epochs} {agree(self.epochs, 'epoch')}" if self.scope else text  # (read back)

    def words(self) -> str:
        """The goal as a learner reads it (``Condition.words``): "test accuracy < 70% after 200 epochs";
        ``str`` is the vocabulary a lesson file writes, read back by ``parse_goal``."""
        text = " and ".join(c.words() for c in self.conditions)
        return f"{text} {self.scope} {self.epochs} {agree(self.epochs, 'epoch')}" if self.scope else text

    def holds(self, record: dict) -> bool | None:
        results = [c.holds(record) for c in self.conditions]
        if any(r is None for r in results):
            return None
        return all(results)


_TOKEN = re.compile(r"\s*(<=|>=|==|<|>|[A-Za-z_]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")


def parse_goal(text: str) -> Goal:
    """The Goal a sentence states; ValueError naming what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"the goal is empty; {GOAL_HELP}")
    tokens, pos, text = [], 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"cannot read {text[pos:].strip()[:20]!r} in the goal; {GOAL_HELP}")
        tokens.append(m.group(1))
        pos = m.end()
    scope, epochs = "", 0
    if len(tokens) >= 3 and tokens[-3].lower() in ("within", "after"):
        if tokens[-1].lower() not in ("epoch", "epochs"):
            raise ValueError(f"the goal must end '{tokens[-3]} N epochs', not with {tokens[-1]!r}")
        scope, count = tokens[-3].lower(), tokens[-2]
        if not count.isdigit() or not 1 <= int(count) <= EPOCHS_MAX:
            raise ValueError(f"'{scope}' takes a whole number of epochs from 1 to {EPOCHS_MAX}, got {count}")
        epochs, tokens = int(count), tokens[:-3]
    conditions, clause = [], []
    for token in [*tokens, "and"]:
        if token.lower() != "and":
            clause.append(token)
            continue
        conditions.append(_condition(clause))
        clause = []
    return Goal(tuple(conditions), scope, epochs)


def _condition(clause: list[str]) -> Condition:
    said = " ".join(clause)
    if [t.lower() for t in clause] == ["diverged"]:
        return Condition("diverged")
    if len(clause) != 3:
        raise ValueError(f"cannot read the condition {said!r}; {GOAL_HELP}")
    measure, op, number = clause[0].lower(), clause[1], clause[2]
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {clause[0]!r} in the goal; the measures are "
                         f"{', '.join(MEASURES)} and diverged")
    if op not in OPS:
        raise ValueError(f"{said!r} needs a comparison (<, <=, >, >=, ==) after {measure}")
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"{said!r} compares {measure} with {number!r}, which is not a number") from None
    return Condition(measure, op, _in_range(said, measure, number, value))


def _in_range(said: str, measure: str, number: str, value: float) -> float:
    """``value`` (written ``number``), or ValueError naming the condition, the value and the range."""
    if not math.isfinite(value):
        shown = number if number.lower().lstrip("+-") in ("nan", "inf", "infinity") else f"{number} (= {value})"
        raise ValueError(f"{said!r} compares {measure} with {shown}, which is not a finite number")
    if measure in SHARES:
        low, high, what = 0.0, 1.0, "a share from 0 to 1"
    elif measure in SIGNED:
        return value
    else:
        high = COUNTED.get(measure)
        low, what = 0.0, "a number of at least 0" if high is None else f"a number from 0 to {high}"
    if value < low or (high is not None and value > high):
        raise ValueError(f"{said!r} compares {measure} with {number}, but {measure} is {what}")
    return value


@dataclass
class GoalTracker:
    """A goal followed over one run: ``observe`` each epoch's record (as
    ``progress.records`` makes them) and read ``status`` (PENDING, MET, MISSED)
    and ``at`` (the epoch it was decided at). A record of an earlier epoch or
    another run starts over. With ``from_run``, only runs from that run id on
    count (the run a lesson's Set up started and the learner's later runs): a
    record of an earlier run is ignored, so that a lesson is never judged on a
    run it did not set up."""

    goal: Goal
    from_run: int | None = None
    status: str = PENDING
    at: int | None = None
    _run: object = field(default=None, repr=False)
    _epoch: int = field(default=-1, repr=False)

    def reset(self) -> None:
        self.status, self.at, self._epoch = PENDING, None, -1

    def observe(self, record: dict) -> str:
        run, epoch = record.get("run_id"), record["epoch"]
        if self.from_run is not None and (run is None or run < self.from_run):
            return self.status
        if run != self._run or epoch < self._epoch:
            self.reset()
            self._run = run
        self._epoch = epoch
        if self.status != PENDING:
            return self.status
        g = self.goal
        if g.scope == "after" and epoch < g.epochs:
            return self.status
        if g.scope == "within" and epoch > g.epochs:  # missed at the last epoch it was checked at
            return self._decide(MISSED, g.epochs)
        holds = g.holds(record)
        if holds is None:  # a measure that cannot be read (e.g. the gradient ratio 0/0 of a dead network)
            return self._decide(MISSED, epoch) if g.scope == "after" else self.status
        if holds:
            return self._decide(MET, epoch)
        if g.scope == "after":
            return self._decide(MISSED, epoch)
        return self.status

    def _decide(self, status: str, epoch: int) -> str:
        self.status, self.at = status, epoch
        return status
