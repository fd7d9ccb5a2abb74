"""How the window words a run's losses: the data loss (what the curves show),
the penalty apart, and their sum, the objective training minimises."""

from __future__ import annotations

import math

from ..numbers import format_alike

NOTHING_TO_TRAIN = "No training points: draw some, or load data, to train."


def _nums(*values) -> list[str]:
    """The numbers of one read-out, in one form (``format_alike``: alike side by side); the missing form
    (``numbers.MISSING``) for none and for a value not finite."""
    return format_alike([v if v is not None and math.isfinite(v) else None for v in values])


def _regularised(penalty) -> bool:
    return penalty is not None and math.isfinite(penalty) and penalty > 0


def loss_text(train: float, test: float, penalty: float) -> str:
    """The toolbar's rich text: data losses, and the penalty beside them when there is one."""
    tr, te, pe = _nums(train, test, penalty if _regularised(penalty) else None)
    text = f"Loss: train <b>{tr}</b>  test <b>{te}</b>"
    if not _regularised(penalty):
        return text
    return text + f"  + penalty <b>{pe}</b> <small>(total on hover)</small>"


def loss_tooltip(train: float, test: float, penalty: float) -> str:
    """Plain text: what each number is, with the totals when regularised."""
    on = _regularised(penalty)
    tr, te, pe, ttr, tte = _nums(train, test, *((penalty, train + penalty, test + penalty) if on else (None,) * 3))
    text = (f"Data loss J_data (the error of the predictions alone): train {tr}, test {te}. "
            "Train and test losses compare like with like.")
    if not on:
        return text + " No regularisation: the data loss is the whole objective."
    return (text + f"\nPenalty l1·Σ|W| + (l2/2)·ΣW² = {pe} (the same for both sets)."
            f"\nTotal J = J_data + penalty, what training minimises: train {ttr}, test {tte}.")


def readout_parts(train: float, test: float, penalty: float) -> list[str]:
    """The loss curves' read-out at one epoch: data losses, penalty and totals."""
    on = _regularised(penalty)
    tr, te, pe, ttr, tte = _nums(train, test, *((penalty, train + penalty, test + penalty) if on else (None,) * 3))
    parts = [f"{name} loss {text}" for name, v, text in (("train", train, tr), ("test", test, te)) if math.isfinite(v)]
    if on:
        parts.append(f"penalty {pe}")
        totals = [f"{name} {text}" for name, v, text in (("train", train, ttr), ("test", test, tte)) if math.isfinite(v)]
        if totals:
            parts.append("total " + " / ".join(totals))
    return parts
