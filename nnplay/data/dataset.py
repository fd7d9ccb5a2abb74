"""The Dataset record shared by generators, the CSV loader and the trainer."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..numbers import count

CLASSIFICATION = "classification"
REGRESSION = "regression"


class DataError(ValueError):
    """Bad input data; the message is one line saying what is wrong and where."""


@dataclass
class Dataset:
    """Examples as rows: X (m, d) float64; y (m,) int labels 0..k-1 or float targets."""

    X: np.ndarray
    y: np.ndarray
    task: str = CLASSIFICATION
    name: str = "data"
    input_names: list[str] = field(default_factory=list)
    class_names: list[str] = field(default_factory=list)
    # the region shown by views: ((x1_min, x1_max), (x2_min, x2_max)) for the first two inputs
    domain: tuple[tuple[float, float], tuple[float, float]] | None = None
    # a fixed train/test split (True: test), kept by data edited by hand; None: split by ratio and seed
    test_mask: np.ndarray | None = None
    edited: bool = False  # points were added or erased by hand
    # what loading assumed or dropped, one line each (an ID column ignored, rows with missing values dropped)
    notes: list[str] = field(default_factory=list)
    stratify: bool = False  # split train/test keeping each class's share (split.train_test_indices)
    # a standardised regression target: y_file = y * scale[1] + scale[0]; None when y is as in the file
    target_scale: tuple[float, float] | None = None
    target_name: str | None = None  # the target column's name in the user's file (None: generated, "label")
    import_options: dict | None = None  # how a CSV was read (columns.ImportOptions.to_dict), for sessions

    def __post_init__(self):
        self.X = np.ascontiguousarray(self.X, dtype=np.float64)
        if self.X.ndim != 2:
            raise ValueError("X must be 2-D, one row per example")
        self.y = np.asarray(self.y)
        if self.task == CLASSIFICATION:
            self.y = self.y.astype(np.int64)
            if not self.class_names:
                k = int(self.y.max()) + 1 if self.y.size else 0
                self.class_names = [str(i) for i in range(k)]
        else:
            self.y = self.y.astype(np.float64)
        if self.test_mask is not None:
            self.test_mask = np.asarray(self.test_mask, dtype=bool)
            if self.test_mask.shape != (self.X.shape[0],):
                raise ValueError("test_mask must hold one flag per example")
        if not self.input_names:
            self.input_names = [f"x{i + 1}" for i in range(self.X.shape[1])]
        if self.domain is None and self.X.size:
            if self.X.shape[1] == 1 and self.task != CLASSIFICATION and self.y.ndim == 1:
                # one input: the view plots the target against it
                self.domain = (padded_bounds(self.X)[0], padded_bounds(self.y.reshape(-1, 1))[0])
            else:
                self.domain = padded_bounds(self.X)

    @property
    def n_examples(self) -> int:
        return self.X.shape[0]

    @property
    def n_inputs(self) -> int:
        return self.X.shape[1]

    @property
    def n_classes(self) -> int:
        return len(self.class_names) if self.task == CLASSIFICATION else 0

    @property
    def n_targets(self) -> int:
        return 1 if self.y.ndim == 1 else self.y.shape[1]

    def __repr__(self) -> str:
        what = count(self.n_classes, "class", "classes") if self.task == CLASSIFICATION else "regression"
        return f"Dataset({self.name!r}, {count(self.n_examples, 'example')}, {count(self.n_inputs, 'input')}, {what})"


def padded_bounds(X: np.ndarray, pad: float = 0.1) -> tuple[tuple[float, float], tuple[float, float]]:
    """Bounds of the first two columns, widened by ``pad`` of their span."""
    out = []
    for j in range(min(2, X.shape[1])):
        lo, hi = float(X[:, j].min()), float(X[:, j].max())
        span = hi - lo if hi > lo else 1.0
        out.append((lo - pad * span, hi + pad * span))
    if len(out) == 1:
        out.append((-1.0, 1.0))
    return tuple(out)
