"""Per-epoch records in arrays that grow by doubling."""

from __future__ import annotations

import numpy as np

FIELDS = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")


class GrowingArray:
    """Rows appended one at a time into a buffer that doubles when full."""

    def __init__(self, n_cols: int, capacity: int = 1024):
        self._data = np.full((capacity, n_cols), np.nan)
        self.size = 0

    def append(self, row) -> None:
        if self.size == self._data.shape[0]:
            grown = np.full((2 * self.size, self._data.shape[1]), np.nan)
            grown[: self.size] = self._data
            self._data = grown
        self._data[self.size] = row
        self.size += 1

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=float).reshape(-1, self._data.shape[1])
        need = self.size + len(rows)
        if need > self._data.shape[0]:
            cap = self._data.shape[0]
            while cap < need:
                cap *= 2
            grown = np.full((cap, self._data.shape[1]), np.nan)
            grown[: self.size] = self._data[: self.size]
            self._data = grown
        self._data[self.size : need] = rows
        self.size = need

    def view(self, start: int = 0) -> np.ndarray:
        """Rows from ``start`` on, read-only (no copy)."""
        v = self._data[start : self.size]
        v.flags.writeable = False
        return v

    def truncate(self, size: int) -> None:
        self.size = max(0, min(self.size, size))

    def clear(self) -> None:
        self.size = 0

    def __len__(self) -> int:
        return self.size


class History:
    """train/test loss and accuracy per epoch (index 0 is epoch 0, before any
    training); NaN where a value does not apply."""

    def __init__(self, capacity: int = 1024):
        self._rows = GrowingArray(len(FIELDS), capacity)

    def append(self, *values: float) -> None:
        self._rows.append(values)

    def clear(self) -> None:
        self._rows.clear()

    def __len__(self) -> int:
        return len(self._rows)

    def column(self, name: str, start: int = 0) -> np.ndarray:
        """A read-only view of one field from epoch index ``start`` on."""
        return self._rows.view(start)[:, FIELDS.index(name)]

    def copy_since(self, start: int = 0) -> dict[str, np.ndarray]:
        rows = self._rows.view(start)
        return {name: rows[:, i].copy() for i, name in enumerate(FIELDS)}

    def last(self, name: str) -> float:
        return float(self._rows.view(len(self) - 1)[0, FIELDS.index(name)]) if len(self) else float("nan")

    def extend(self, columns: dict[str, np.ndarray]) -> None:
        self._rows.extend(np.column_stack([np.asarray(columns[name], float) for name in FIELDS]))

    def truncate(self, size: int) -> None:
        self._rows.truncate(size)
