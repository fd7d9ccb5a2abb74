"""What a goal is checked on: one record ({measure: value}, see goals.MEASURES)
per epoch, read from the Snapshot the run hands its views, so the window and a
headless play check a goal on the same numbers."""

from __future__ import annotations

import math

import numpy as np


def records(snapshot) -> list[dict]:
    """The records a snapshot carries, oldest first: one per epoch of its history
    increment (losses and accuracies only: a frame may span several epochs) and,
    last, the full record of the epoch it shows (weights and gradients too)."""
    s = snapshot
    h = s.history
    n = len(h.get("train_loss", ())) if h else 0
    out = []
    for i in range(n - 1):  # the last row is the snapshot's own epoch, given in full below
        row = {k: float(h[k][i]) for k in ("train_loss", "test_loss", "train_accuracy", "test_accuracy") if k in h}
        row.update(run_id=s.run_id, epoch=s.history_start + i, diverged=False)
        row["loss_gap"] = row.get("test_loss", math.nan) - row.get("train_loss", math.nan)
        out.append(row)
    out.append(full_record(s))
    return out


def full_record(s) -> dict:
    """Every measure of goals.MEASURES at the snapshot's epoch (NaN where one does not apply)."""
    done, per_epoch = s.batch_position
    weights = [np.asarray(W) for W in s.weights]
    norms = np.asarray(s.grad_norms, dtype=float)
    with np.errstate(all="ignore"):
        ratio = float(norms[0] / norms[-1]) if len(norms) and norms[-1] > 0 else math.nan
    nan = math.nan
    return {
        "run_id": s.run_id, "epoch": s.epoch, "batches": s.epoch * per_epoch + done,
        "diverged": s.diverged_at is not None,
        "train_loss": s.train_loss, "test_loss": s.test_loss,
        "train_accuracy": nan if s.train_accuracy is None else s.train_accuracy,
        "test_accuracy": nan if s.test_accuracy is None else s.test_accuracy,
        "loss_gap": s.test_loss - s.train_loss,
        "zero_weights": float(s.zero_weights[0]),
        "inputs_off": float(np.sum(np.all(weights[0] == 0, axis=0))) if weights else 0.0,
        "weight_norm": float(math.sqrt(sum(float(np.vdot(W, W)) for W in weights))),
        "weight_max": max((float(np.max(np.abs(W))) for W in weights if W.size), default=0.0),
        "gradient_ratio": ratio,
    }
