"""Per-epoch records in arrays that grow by doubling."""

from __future__ import annotations

import numpy as np

FIELDS = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")


class History:
    """train/test loss and accuracy per epoch; NaN where a value does not apply."""

    def __init__(self, capacity: int = 1024):
        self._data = np.full((len(FIELDS), capacity), np.nan)
        self.size = 0

    def append(self, *values: float) -> None:
        if self.size == self._data.shape[1]:
            grown = np.full((len(FIELDS), 2 * self.size), np.nan)
            grown[:, : self.size] = self._data
            self._data = grown
        self._data[:, self.size] = values
        self.size += 1

    def clear(self) -> None:
        self.size = 0

    def __len__(self) -> int:
        return self.size

    def column(self, name: str, start: int = 0) -> np.ndarray:
        """A read-only view of one field from epoch index ``start`` on."""
        view = self._data[FIELDS.index(name), start : self.size]
        view.flags.writeable = False
        return view

    def copy_since(self, start: int = 0) -> dict[str, np.ndarray]:
        return {name: self._data[i, start : self.size].copy() for i, name in enumerate(FIELDS)}

    def last(self, name: str) -> float:
        return float(self._data[FIELDS.index(name), self.size - 1]) if self.size else float("nan")

    def truncate(self, size: int) -> None:
        self.size = min(self.size, size)

    def load(self, columns: dict[str, np.ndarray]) -> None:
        n = len(columns[FIELDS[0]])
        self._data = np.full((len(FIELDS), max(1024, 2 * n)), np.nan)
        for i, name in enumerate(FIELDS):
            self._data[i, :n] = columns[name]
        self.size = n
