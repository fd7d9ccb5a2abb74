"""Per-epoch records in arrays that grow by doubling."""

from __future__ import annotations

import numpy as np

# train_loss and test_loss are data losses (J_data, without the penalty); penalty is
# the regularisation term l1 sum|W| + (l2/2) sum W^2, the same for both sets
FIELDS = ("train_loss", "test_loss", "train_accuracy", "test_accuracy", "penalty")


class GrowingArray:
    """Rows appended one at a time into a buffer that doubles when full."""

    def __init__(self, n_cols: int, capacity: int = 1024):
        self._data = np.full((capacity, n_cols), np.nan)
        self.size = 0

    def _reserve(self, need: int) -> None:
        """Room for ``need`` rows, doubling the buffer as often as it takes."""
        cap = self._data.shape[0]
        if need <= cap:
            return
        while cap < need:
            cap *= 2
        grown = np.full((cap, self._data.shape[1]), np.nan)
        grown[: self.size] = self._data[: self.size]
        self._data = grown

    def append(self, row) -> None:
        self._reserve(self.size + 1)
        self._data[self.size] = row
        self.size += 1

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=float).reshape(-1, self._data.shape[1])
        need = self.size + len(rows)
        self._reserve(need)
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
    """train/test data loss, accuracy and the penalty per epoch (index 0 is
    epoch 0, before any training); NaN where a value does not apply."""

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


class PeakEnvelope:
    """The min and max of consecutive buckets of a growing series.

    Drawing millions of epochs point by point costs time on every frame; an
    envelope of at most ``2 * max_buckets`` points looks the same (every spike
    stays visible) and is updated in time proportional to the new points.
    Buckets double in size whenever their number passes ``max_buckets``.
    NaN values are ignored (a bucket of only NaN stays NaN).
    """

    def __init__(self, max_buckets: int = 4096):
        self.max_buckets = max_buckets
        self.clear()

    def clear(self) -> None:
        self.bucket = 1
        self.n = 0
        self._rows = GrowingArray(2)

    def __len__(self) -> int:
        return self.n

    def extend(self, values) -> None:
        v = np.asarray(values, dtype=float).ravel()
        if not v.size:
            return
        b, start = self.bucket, 0
        fill = self.n % b
        if fill:  # top up the last, partial bucket
            k = min(b - fill, v.size)
            last = self._rows.view(len(self._rows) - 1)[0]
            row = (np.fmin(last[0], np.fmin.reduce(v[:k])), np.fmax(last[1], np.fmax.reduce(v[:k])))
            self._rows.truncate(len(self._rows) - 1)
            self._rows.append(row)
            start = k
        rest = v[start:]
        whole = rest.size // b * b
        if whole:
            blocks = rest[:whole].reshape(-1, b)
            self._rows.extend(np.column_stack([np.fmin.reduce(blocks, axis=1), np.fmax.reduce(blocks, axis=1)]))
        if whole < rest.size:
            tail = rest[whole:]
            self._rows.append((np.fmin.reduce(tail), np.fmax.reduce(tail)))
        self.n += v.size
        while len(self._rows) > self.max_buckets:
            self._merge()

    def _merge(self) -> None:
        rows = self._rows.view()
        m = len(rows)
        pairs = m // 2 * 2
        merged = np.column_stack([np.fmin(rows[0:pairs:2, 0], rows[1:pairs:2, 0]),
                                  np.fmax(rows[0:pairs:2, 1], rows[1:pairs:2, 1])])
        if m % 2:
            merged = np.vstack([merged, rows[-1:]])
        self._rows = GrowingArray(2, capacity=max(1024, 2 * len(merged)))
        self._rows.extend(merged)
        self.bucket *= 2

    def xy(self) -> tuple[np.ndarray, np.ndarray]:
        """Points to draw: the series itself while buckets hold one value, else
        each bucket's min and max at the bucket's middle epoch."""
        rows = self._rows.view()
        if self.bucket == 1:
            return np.arange(len(rows), dtype=float), rows[:, 0].copy()
        starts = np.arange(len(rows), dtype=float) * self.bucket
        mid = starts + (np.minimum(self.bucket, self.n - starts) - 1) / 2  # the last bucket may be partial
        return np.repeat(mid, 2), rows.ravel().copy()
