"""Writing a run's history and weights for other tools (no Qt)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from ..file_write import write_text, written_in_place
from .history import History


def write_history_csv(path, history: History) -> None:
    """One row per epoch kept exactly: epoch, then each series (empty where n/a).
    Epochs kept only as an envelope (long runs, see training.history) come first,
    two rows per bucket, its min then its max; ``epochs`` says how many epochs a
    row sums up and ``extreme`` is min or max (both empty for exact rows)."""
    names = history.names
    with written_in_place(path) as part, open(part, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["epoch", *names, "epochs", "extreme"])
        for s in history.segments():
            for j in range(len(s)):
                first = s.start + j * s.size
                if s.size == 1:
                    w.writerow([first, *_cells(s.lo[j]), 1, ""])
                    continue
                size = min(s.size, s.end - first)
                w.writerow([first, *_cells(s.lo[j]), size, "min"])
                w.writerow([first, *_cells(s.hi[j]), size, "max"])


def _cells(row) -> list[str]:
    return ["" if np.isnan(v) else repr(float(v)) for v in row]


def write_weights(path, sizes, activations, loss: str, weights, biases) -> None:
    """The network's weights as .npz (W1, b1, W2, b2, ... and the layer sizes)
    or .json (a list of layers, each with W and b as nested lists), by suffix."""
    path = Path(path)
    if path.suffix.lower() == ".npz":
        arrays = {"sizes": np.asarray(sizes, dtype=np.int64)}
        for l, (W, b) in enumerate(zip(weights, biases), start=1):
            arrays[f"W{l}"] = np.asarray(W, dtype=np.float64)
            arrays[f"b{l}"] = np.asarray(b, dtype=np.float64)
        with written_in_place(path) as part:
            np.savez(part, **arrays)
        return
    doc = {
        "format": "nnplay-weights", "sizes": list(map(int, sizes)), "activations": list(activations), "loss": loss,
        "convention": "Z[l] = W[l] A[l-1] + b[l]; W[l] is (n[l], n[l-1]), b[l] is (n[l], 1)",
        "layers": [{"W": np.asarray(W, float).tolist(), "b": np.asarray(b, float).tolist()}
                   for W, b in zip(weights, biases)],
    }
    write_text(path, json.dumps(doc, indent=1))
