"""How the window words a run's losses: the data loss (what the curves show),
the penalty apart, and their sum, the objective training minimises."""

from __future__ import annotations

import math

from ..numbers import format_number

NOTHING_TO_TRAIN = "No training points: draw some, or load data, to train."


def _num(v) -> str:
    return "–" if v is None or not math.isfinite(v) else format_number(v, zeros=True)  # (alike side by side)


def _regularised(penalty) -> bool:
    return penalty is not None and math.isfinite(penalty) and penalty > 0


def loss_text(train: float, test: float, penalty: float) -> str:
    """The toolbar's rich text: data losses, and the penalty beside them when there is one."""
    text = f"Loss: train <b>{_num(train)}</b>  test <b>{_num(test)}</b>"
    if not _regularised(penalty):
        return text
    return text + f"  + penalty <b>{_num(penalty)}</b> <small>(total on hover)</small>"


def loss_tooltip(train: float, test: float, penalty: float) -> str:
    """Plain text: what each number is, with the totals when regularised."""
    text = (f"Data loss J_data (the error of the predictions alone): train {_num(train)}, test {_num(test)}. "
            "Train and test losses compare like with like.")
    if not _regularised(penalty):
        return text + " No regularisation: the data loss is the whole objective."
    return (text + f"\nPenalty l1·Σ|W| + (l2/2)·ΣW² = {_num(penalty)} (the same for both sets)."
            f"\nTotal J = J_data + penalty, what training minimises: train {_num(train + penalty)}, "
            f"test {_num(test + penalty)}.")


def readout_parts(train: float, test: float, penalty: float) -> list[str]:
    """The loss curves' read-out at one epoch: data losses, penalty and totals."""
    parts = [f"{name} loss {_num(v)}" for name, v in (("train", train), ("test", test)) if math.isfinite(v)]
    if _regularised(penalty):
        parts.append(f"penalty {_num(penalty)}")
        totals = [f"{name} {_num(v + penalty)}" for name, v in (("train", train), ("test", test)) if math.isfinite(v)]
        if totals:
            parts.append("total " + " / ".join(totals))
    return parts
