"""The learning-rate range test (Smith, "Cyclical Learning Rates for Training
Neural Networks", 2017; fastai's ``lr_find``): from a copy of a run, train
mini-batch by mini-batch while the learning rate grows exponentially from
``start_lr`` to ``end_lr``, record the loss at each rate, and suggest the rate
where the smoothed loss falls fastest.

As fastai does, the loss is smoothed by an exponential moving average with
bias correction, the test stops early once the smoothed loss exceeds 4 times
the best so far (or stops being a number), and the suggestion is the rate at
the steepest descent of the smoothed loss against log(lr), ignoring the first
10 and last 5 points (fastai v1's ``Recorder.plot(suggestion=True)``). Unlike
fastai, the loss recorded at step i is not the mini-batch's own but the loss
after the step on a fixed sample of up to ``EVAL_ROWS`` training examples: on
the small mini-batches of a playground (10 examples) the mini-batch loss is so
noisy that its steepest descent is chance. So the smoothing is lighter (beta
0.8 rather than 0.98, whose lag would move the suggestion to higher rates).

fastai (v2) reports two suggestions: the steepest descent (``lr_steep``) and a
tenth of the rate at the lowest loss (``lr_min``). The steepest descent lies
near the edge of stability (a rate applied for one step gains most just before
it overshoots), so the suggestion here is the more cautious of the two: the
steepest descent, but never above a tenth of the rate at the lowest loss. On
the default problem the steepest descent is near 1 (training at 1 is erratic)
and the suggestion about 0.2, which reaches a loss of 0.1 in a fraction of the
epochs a rate ten times smaller needs (tests/training/test_lr_finder.py).

The run itself is never touched: the test trains ``Trainer.copy()`` (its
network, optimizer state and generator).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..failures import naming_option
from ..numbers import count, format_number
from .layer_values import sample_rows

STEPS = 200  # mini-batches (fastai's default is 100)
START_LR, END_LR = 1e-6, 10.0
BETA = 0.8
EVAL_ROWS = 512
DIVERGE = 4.0
SKIP_START, SKIP_END = 10, 5
MIN_FALL = 0.02  # the smoothed loss must fall this share below its start somewhere, or nothing is suggested: a flat
# loss (a dead ReLU layer, only the output's bias learning) had its steepest "descent" in the noise suggested


@dataclass(frozen=True)
class LrFinderResult:
    """lr (k,): the rate of each step; loss (k,): the smoothed loss there; raw_loss (k,):
    the loss after each step (on the fixed sample); suggested_lr: the suggestion (see
    the module; None when the loss never fell); stopped: why the test ended, in words."""

    lr: np.ndarray
    loss: np.ndarray
    raw_loss: np.ndarray
    suggested_lr: float | None
    stopped: str
    steepest_lr: float | None = None  # fastai's lr_steep
    min_loss_lr: float | None = None  # the rate at the lowest smoothed loss (fastai's lr_min is a tenth of it)
    no_suggestion: str = ""  # why suggested_lr is None, in words ("": it is not)

    def to_dict(self) -> dict:
        """JSON-able: {"suggested_lr", "lr", "loss", "raw_loss", "steepest_lr", "min_loss_lr", "stopped",
        "no_suggestion"}."""
        return {"suggested_lr": self.suggested_lr, "lr": self.lr.tolist(), "loss": _finite_list(self.loss),
                "raw_loss": _finite_list(self.raw_loss), "steepest_lr": self.steepest_lr,
                "min_loss_lr": self.min_loss_lr, "stopped": self.stopped, "no_suggestion": self.no_suggestion}


def _finite_list(a: np.ndarray) -> list:
    return [float(v) if math.isfinite(v) else None for v in a]


def rates(start_lr: float, end_lr: float, steps: int) -> np.ndarray:
    """``steps`` rates growing exponentially from start_lr to end_lr (both included)."""
    return start_lr * (end_lr / start_lr) ** (np.arange(steps) / max(1, steps - 1))


def check_range(start_lr: float, end_lr: float, steps: int) -> None:
    """ValueError (one line) unless 0 < start_lr < end_lr, both finite, and steps >= 20."""
    if not (0 < start_lr < end_lr and math.isfinite(end_lr)):
        what = f"the rates must grow from a positive start to a larger end; got {format_number(start_lr)} to {format_number(end_lr)}"
        raise naming_option(ValueError(what), "--end-lr", what)  # (nnplay lr-find blames the option: failures)
    if steps < SKIP_START + SKIP_END + 5:
        what = f"the range test needs at least {SKIP_START + SKIP_END + 5} steps; got {steps}"
        raise naming_option(ValueError(what), "--steps", what)


def find_learning_rate(trainer, start_lr: float = START_LR, end_lr: float = END_LR, steps: int = STEPS,
                       cancelled=lambda: False) -> LrFinderResult:
    """The range test on a copy of Trainer ``trainer`` (see the module); ``cancelled()``
    is asked between steps. ValueError for a bad range or a run without training data."""
    check_range(start_lr, end_lr, steps)
    if trainer.X_train.shape[0] == 0:
        raise ValueError("the learning-rate finder needs training data; this run has none")
    twin = trainer.copy()
    net, opt = twin.net, twin.optimizer
    X, Y = twin.X_train, twin.Y_train
    m, bs = X.shape[0], twin._batch_size()
    sample = sample_rows(m, EVAL_ROWS)
    X_eval, Y_eval = X[sample], Y[sample]
    rng = np.random.default_rng(twin.config.seed)
    lrs = rates(start_lr, end_lr, steps)
    raw, smooth = [], []
    avg, best, order, at = 0.0, math.inf, rng.permutation(m), 0
    stopped = f"reached {format_number(end_lr)} after {count(steps, 'mini-batch', 'mini-batches')}"
    with np.errstate(all="ignore"):
        for i, lr in enumerate(lrs):
            if cancelled():
                stopped = "cancelled"
                break
            if at + bs > m:
                order, at = rng.permutation(m), 0
            rows = order[at : at + bs]
            at += bs
            opt.lr = float(lr)
            net.train_step(X[rows], Y[rows], opt, check_input=False)
            loss, _ = net.evaluate(X_eval, Y_eval, check_input=False)
            avg = BETA * avg + (1 - BETA) * loss
            s = avg / (1 - BETA ** (i + 1))
            raw.append(loss)
            smooth.append(s)
            if not math.isfinite(s) or s > DIVERGE * best:
                stopped = f"the loss passed {format_number(DIVERGE)} times its lowest at {format_number(lr, 3)}" if math.isfinite(s) \
                    else f"the loss stopped being a number at {format_number(lr, 3)}"
                break
            best = min(best, s)
    k = len(smooth)
    loss = np.array(smooth, dtype=float)
    steep = suggestion(loss)
    lowest = int(np.nanargmin(loss)) if np.isfinite(loss).any() else None
    suggested = None
    if steep is not None:
        suggested = float(lrs[steep]) if lowest is None else min(float(lrs[steep]), float(lrs[lowest]) / 10)
    return LrFinderResult(lrs[:k], loss, np.array(raw, dtype=float), suggested, stopped,
                          None if steep is None else float(lrs[steep]), None if lowest is None else float(lrs[lowest]),
                          "" if suggested is not None else why_none(loss))


def falls(loss: np.ndarray) -> bool:
    """Whether the smoothed ``loss`` falls somewhere at least MIN_FALL of its start below it."""
    finite = loss[np.isfinite(loss)]
    return bool(finite.size) and finite.min() <= finite[0] - MIN_FALL * abs(finite[0])


def why_none(loss: np.ndarray) -> str:
    """Why ``suggestion(loss)`` is None, in words: a loss too short to find a slope in, or one that does not fall."""
    finite = loss[np.isfinite(loss)]
    if finite.size < SKIP_START + SKIP_END + 3:
        return f"the test stopped after {count(finite.size, 'mini-batch', 'mini-batches')}, too few to find a slope in"
    if falls(loss):
        return f"the smoothed loss falls only in the first {SKIP_START} mini-batches or the last {SKIP_END}"
    return (f"the smoothed loss does not fall at any rate tried (it never goes {MIN_FALL:.0%} below its start, "
            f"{format_number(finite[0], 4)}): no rate trains this network from these weights (a layer of dead "
            "ReLUs, or weights already at a minimum?)")


def suggestion(loss: np.ndarray) -> int | None:
    """The index of the steepest descent of ``loss`` (smoothed, at log-spaced rates)
    before its lowest point (as Smith's range test and fastai read the curve: past the
    minimum the loss climbs, and a dip in that climb is no rate to train at, tester 17),
    skipping SKIP_START points at the start and SKIP_END at the end; None when too
    short, or the loss nowhere falls MIN_FALL of its start below it (``falls``)."""
    finite = np.isfinite(loss)
    end = len(loss) - SKIP_END
    if end - SKIP_START < 3 or not finite[SKIP_START:end].all():
        return None
    if not falls(loss):  # flat: its steepest "descent" is noise
        return None
    end = min(end, int(np.nanargmin(loss)) + 1)  # up to the lowest point, included
    if end - SKIP_START < 3:
        return None
    slope = np.gradient(loss[SKIP_START:end])
    i = int(np.argmin(slope))
    return SKIP_START + i if slope[i] < 0 else None
