"""Data drawn by hand: add a point of a class, erase the points near a spot,
clear them all, with undo and redo. No Qt.

Every edit gives a new Dataset (the old ones are kept for undo) with a fixed
train/test split, so the points already there keep their side when one is added
or erased: a point drawn by hand joins the training set.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from .dataset import CLASSIFICATION, Dataset
from .split import train_test_indices

UNDO_LIMIT = 500


class DataEditor:
    def __init__(self, data: Dataset, train_ratio: float = 0.5, data_seed: int | None = 0):
        """``train_ratio`` and ``data_seed``: how ``data`` is split now (when it has
        no fixed split yet), so that its points stay where they are."""
        if data.n_inputs != 2:
            raise ValueError(f"points can be drawn on data with two inputs; this data has {data.n_inputs}")
        if data.task != CLASSIFICATION:
            raise ValueError("points can be drawn for classification data (a class per point)")
        if data.test_mask is None:
            _, te = train_test_indices(data.n_examples, train_ratio, data_seed, data.y if data.stratify else None)
            mask = np.zeros(data.n_examples, bool)
            mask[te] = True
            data = dataclasses.replace(data, test_mask=mask)
        self.data = data
        self._undo: list[Dataset] = []
        self._redo: list[Dataset] = []
        self._in_stroke = False  # edits between begin_stroke and end_stroke undo as one
        self._stroke_saved = False  # the data before the stroke is on the undo stack

    def begin_stroke(self) -> None:
        """The edits from now until ``end_stroke`` (a drag drawing or erasing a
        line of points) are one step for undo and redo."""
        self._in_stroke, self._stroke_saved = True, False

    def end_stroke(self) -> None:
        self._in_stroke = False

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def _push(self, X: np.ndarray, y: np.ndarray, mask: np.ndarray) -> Dataset:
        if not (self._in_stroke and self._stroke_saved):
            self._undo.append(self.data)
            del self._undo[:-UNDO_LIMIT]
            self._stroke_saved = self._in_stroke
        self._redo.clear()
        name = self.data.name if self.data.edited else f"{self.data.name} (drawn)"
        self.data = dataclasses.replace(self.data, X=X, y=y, test_mask=mask, edited=True, name=name)
        return self.data

    def add(self, point, label: int) -> Dataset:
        """A training point at ``point`` = (x1, x2) of class ``label``."""
        x1, x2 = (float(v) for v in point)
        if not (math.isfinite(x1) and math.isfinite(x2)):
            raise ValueError(f"a point needs finite coordinates, got ({x1}, {x2})")
        k = self.data.n_classes
        if not 0 <= int(label) < k:
            raise ValueError(f"class {label} does not exist; this data has classes 0..{k - 1}")
        d = self.data
        return self._push(np.vstack([d.X, [[x1, x2]]]), np.append(d.y, int(label)), np.append(d.test_mask, False))

    def erase(self, point, radius: float) -> Dataset | None:
        """Remove every point within ``radius`` of ``point``; None if there was none."""
        d = self.data
        if d.n_examples == 0:
            return None
        dist2 = np.sum((d.X - np.asarray(point, float)) ** 2, axis=1)
        keep = dist2 > radius * radius
        if keep.all():
            return None
        return self._push(d.X[keep], d.y[keep], d.test_mask[keep])

    def clear(self) -> Dataset | None:
        """Remove every point (to draw a data set from nothing); None if already empty."""
        d = self.data
        if d.n_examples == 0:
            return None
        return self._push(d.X[:0], d.y[:0], d.test_mask[:0])

    def undo(self) -> Dataset | None:
        return self._step_back(self._undo, self._redo)

    def redo(self) -> Dataset | None:
        return self._step_back(self._redo, self._undo)

    def _step_back(self, source: list, keep: list) -> Dataset | None:
        """Go to the last data set of ``source``, keeping the current one in ``keep``."""
        if not source:
            return None
        keep.append(self.data)
        self.data = source.pop()
        return self.data
