"""A min/max pyramid: rows of numbers, one per epoch, kept in bounded memory.

The newest epochs are kept exactly; older ones as the minimum and maximum of
buckets whose size doubles from level to level (a min-max mipmap), and the
oldest in one top level whose buckets double in size whenever it fills. Every
spike of every column therefore stays visible at any zoom, while memory and the
number of points to draw stay bounded whatever the number of epochs: about
``columns * 8 * (2 * recent + 4 * levels * level_size + 2 * top)`` bytes.

Levels, newest first (each covers the epochs just before the one above it):

    exact    ``recent`` .. 2 * ``recent`` epochs, one row each
    level k  ``level_size`` .. 2 * ``level_size`` buckets of 2**k epochs (k = 1 .. levels)
    top      up to ``top`` buckets of 2**j epochs, from epoch 0 (j grows as needed)

A level that reaches twice its size hands its oldest half, merged in pairs, to
the next one, so appending an epoch costs O(1) amortised. Buckets are aligned
to multiples of their size, so bucket i of a level spans epochs
[i * size, (i + 1) * size). NaN is ignored by min and max (np.fmin / np.fmax):
a bucket of NaN only stays NaN.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from ..numbers import count, is_whole

RECENT, LEVEL_SIZE, LEVELS, TOP = 1024, 256, 6, 1024


@dataclass(frozen=True)
class Segment:
    """A run of equal-sized buckets: bucket i spans epochs ``start + i * size``
    up to (not including) ``start + (i + 1) * size`` (the last one may stop at
    ``end``); ``lo`` and ``hi`` are (buckets, columns). ``size`` 1 is exact."""

    start: int
    size: int
    end: int
    lo: np.ndarray
    hi: np.ndarray

    def __len__(self) -> int:
        return len(self.lo)


class PartError(ValueError):
    """A saved state's part (``part``: a key of ``MinMaxPyramid.state()``) that does not fit the others;
    ``str()`` is ``"part: what is wrong"``, which a session names by its member or field."""

    def __init__(self, part: str, what: str):
        super().__init__(f"{part}: {what}")
        self.part, self.what = part, what


def _whole(saved: dict, key: str, part: str | None = None) -> int:
    """``saved[key]`` as an int; PartError naming it as written (a file's 1e400, not inf; 2.5 is no count)."""
    value = saved[key]
    if not (is_whole(value) or (isinstance(value, numbers.Integral) and not isinstance(value, bool))):  # (NumPy's)
        raise PartError(part or key, f"{key + ': ' if part else ''}{value!r} is not a whole number")
    if isinstance(value, float) and not math.isfinite(value):  # (a file's 1e400: whole, and read as inf)
        raise PartError(part or key, f"{key + ': ' if part else ''}{value!r} is too large")
    return int(value)


class MinMaxPyramid:
    """Epoch rows of ``columns`` floats in bounded memory (see the module)."""

    def __init__(self, columns: int, recent: int = RECENT, level_size: int = LEVEL_SIZE, levels: int = LEVELS,
                 top: int = TOP):
        for name, v in (("recent", recent), ("level_size", level_size), ("top", top)):
            if v < 2 or v & (v - 1):
                raise ValueError(f"{name} must be a power of two of at least 2, got {v}")
        if levels < 0:
            raise ValueError(f"levels must be 0 or more, got {levels}")
        self.columns, self.recent, self.level_size, self.levels, self.top = columns, recent, level_size, levels, top
        self._exact = np.full((2 * recent, columns), np.nan)
        room = 2 * level_size + max(recent, level_size) // 2  # a full level plus one hand-over
        self._lo = np.full((levels, room, columns), np.nan)
        self._hi = np.full((levels, room, columns), np.nan)
        self._top_lo = np.full((top + recent + level_size, columns), np.nan)
        self._top_hi = np.full((top + recent + level_size, columns), np.nan)
        self.clear()

    @property
    def config(self) -> dict:
        return {"recent": self.recent, "level_size": self.level_size, "levels": self.levels, "top": self.top}

    def clear(self) -> None:
        self.n = 0  # epochs recorded
        self._n_exact = 0
        self._counts = [0] * self.levels
        self._top_n = 0  # buckets in the top level
        self.top_bucket = 2 ** (self.levels + 1)  # epochs per top bucket
        self._top_end = 0  # epochs covered by the top level

    def __len__(self) -> int:
        return self.n

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self._exact, self._lo, self._hi, self._top_lo, self._top_hi))

    @property
    def exact_start(self) -> int:
        """The first epoch kept exactly."""
        return self.n - self._n_exact

    def exact(self, start: int | None = None) -> np.ndarray:
        """The exact rows from epoch ``start`` (default: the first kept exactly), a read-only view."""
        start = self.exact_start if start is None else start
        if start < self.exact_start:
            raise ValueError(f"epochs before {self.exact_start} are kept only as a min/max envelope")
        v = self._exact[start - self.exact_start : self._n_exact]
        v.flags.writeable = False
        return v

    # ----------------------------------------------------------------- input
    def append(self, row) -> None:
        """One epoch's row (``columns`` values)."""
        self._exact[self._n_exact] = row
        self._n_exact += 1
        self.n += 1
        if self._n_exact == len(self._exact):
            self._spill_exact()

    def replace_last(self, row) -> None:
        """The last epoch's row replaced (always kept exactly); ValueError when there is none."""
        if not self._n_exact:
            raise ValueError("no epoch recorded")
        self._exact[self._n_exact - 1] = row

    def extend(self, rows) -> None:
        """Epoch rows, (m, columns), oldest first."""
        rows = np.asarray(rows, dtype=float).reshape(-1, self.columns)
        at = 0
        while at < len(rows):
            k = min(len(rows) - at, len(self._exact) - self._n_exact)
            self._exact[self._n_exact : self._n_exact + k] = rows[at : at + k]
            self._n_exact += k
            self.n += k
            at += k
            if self._n_exact == len(self._exact):
                self._spill_exact()

    def _spill_exact(self) -> None:
        half = self.recent
        old = self._exact[:half]
        lo, hi = np.fmin(old[0::2], old[1::2]), np.fmax(old[0::2], old[1::2])
        self._exact[: self._n_exact - half] = self._exact[half : self._n_exact]
        self._n_exact -= half
        self._push(0, lo, hi)

    def _push(self, k: int, lo: np.ndarray, hi: np.ndarray) -> None:
        """Buckets of 2**(k+1) epochs into level k (0-based; the top after the last)."""
        if k == self.levels:
            self._push_top(lo, hi)
            return
        c = self._counts[k]
        self._lo[k, c : c + len(lo)] = lo
        self._hi[k, c : c + len(lo)] = hi
        c += len(lo)
        half = self.level_size
        while c >= 2 * half:
            Lo, Hi = self._lo[k], self._hi[k]
            out_lo = np.fmin(Lo[0:half:2], Lo[1:half:2])
            out_hi = np.fmax(Hi[0:half:2], Hi[1:half:2])
            Lo[: c - half] = Lo[half:c].copy()
            Hi[: c - half] = Hi[half:c].copy()
            c -= half
            self._counts[k] = c
            self._push(k + 1, out_lo, out_hi)
        self._counts[k] = c

    def _push_top(self, lo: np.ndarray, hi: np.ndarray) -> None:
        size = 2 ** (self.levels + 1)  # epochs per incoming bucket
        starts = self._top_end + size * np.arange(len(lo))
        index = starts // self.top_bucket
        first = np.flatnonzero(np.r_[True, index[1:] != index[:-1]])
        g_lo, g_hi, g_index = np.fmin.reduceat(lo, first), np.fmax.reduceat(hi, first), index[first]
        n = self._top_n
        if n and g_index[0] == n - 1:  # the last top bucket was partial
            g_lo[0] = np.fmin(g_lo[0], self._top_lo[n - 1])
            g_hi[0] = np.fmax(g_hi[0], self._top_hi[n - 1])
            n -= 1
        self._top_lo[n : n + len(g_lo)] = g_lo
        self._top_hi[n : n + len(g_lo)] = g_hi
        self._top_n = n + len(g_lo)
        self._top_end += size * len(lo)
        while self._top_n > self.top:
            self._halve_top()

    def _halve_top(self) -> None:
        n, pairs = self._top_n, self._top_n // 2
        lo, hi = self._top_lo, self._top_hi
        merged_lo = np.fmin(lo[0 : 2 * pairs : 2], lo[1 : 2 * pairs : 2])
        merged_hi = np.fmax(hi[0 : 2 * pairs : 2], hi[1 : 2 * pairs : 2])
        if n % 2:
            merged_lo = np.vstack([merged_lo, lo[n - 1 : n]])
            merged_hi = np.vstack([merged_hi, hi[n - 1 : n]])
        lo[: len(merged_lo)], hi[: len(merged_hi)] = merged_lo, merged_hi
        self._top_n = len(merged_lo)
        self.top_bucket *= 2

    # ---------------------------------------------------------------- output
    def segments(self) -> list[Segment]:
        """The whole record, oldest first: the top level, levels from coarse to
        fine, then the exact rows. Together they tile epochs 0 .. n - 1 once.
        Arrays are read-only views; empty levels are left out."""
        out = []
        at = 0
        if self._top_n:
            out.append(Segment(0, self.top_bucket, self._top_end, self._top_lo[: self._top_n],
                               self._top_hi[: self._top_n]))
            at = self._top_end
        for k in reversed(range(self.levels)):
            c = self._counts[k]
            if c:
                size = 2 ** (k + 1)
                out.append(Segment(at, size, at + c * size, self._lo[k, :c], self._hi[k, :c]))
                at += c * size
        if self._n_exact:
            rows = self._exact[: self._n_exact]
            out.append(Segment(at, 1, self.n, rows, rows))
        for s in out:
            s.lo.flags.writeable = s.hi.flags.writeable = False
        return out

    # ------------------------------------------------------------ save / load
    def state(self) -> dict:
        """Everything needed to rebuild this pyramid: JSON-able scalars and arrays."""
        counts = np.asarray(self._counts, dtype=np.int64)
        return {
            "config": self.config, "n": self.n, "top_bucket": self.top_bucket, "top_end": self._top_end,
            "level_counts": counts,
            "exact": self._exact[: self._n_exact].copy(),
            "level_lo": np.concatenate([self._lo[k, :c] for k, c in enumerate(self._counts)] or
                                       [np.empty((0, self.columns))]),
            "level_hi": np.concatenate([self._hi[k, :c] for k, c in enumerate(self._counts)] or
                                       [np.empty((0, self.columns))]),
            "top_lo": self._top_lo[: self._top_n].copy(), "top_hi": self._top_hi[: self._top_n].copy(),
        }

    @classmethod
    def from_state(cls, state: dict, column_map=None) -> "MinMaxPyramid":
        """Rebuild from ``state()``; ValueError when its parts do not fit together.
        ``column_map[i]`` is the saved column to put in column i (None: NaN)."""
        cfg = state["config"]
        exact = _rows(state["exact"])
        saved_cols = exact.shape[1]
        column_map = list(range(saved_cols)) if column_map is None else list(column_map)
        p = cls(len(column_map), *(_whole(cfg, key, "config") for key in ("recent", "level_size", "levels", "top")))
        counts = [int(c) for c in np.asarray(state["level_counts"]).ravel()]
        level_lo, level_hi = _rows(state["level_lo"]), _rows(state["level_hi"])
        top_lo, top_hi = _rows(state["top_lo"]), _rows(state["top_hi"])
        n, top_bucket, top_end = (_whole(state, key) for key in ("n", "top_bucket", "top_end"))
        covered = top_end + sum(c * 2 ** (k + 1) for k, c in enumerate(counts)) + len(exact)
        checks = (  # (holds, the part at fault, what is wrong): the first that fails is named
            (len(counts) == p.levels and all(0 <= c < 2 * p.level_size for c in counts), "level_counts",
             f"{len(counts)} counts, not {p.levels} from 0 to {2 * p.level_size - 1}"),
            (len(exact) < 2 * p.recent, "exact", f"{count(len(exact), 'row')}, more than {2 * p.recent - 1:,}"),
            (len(top_lo) <= p.top, "top_lo", f"{count(len(top_lo), 'row')}, more than {p.top:,}"),
            (covered == n, "n", f"{n}, but its parts hold {count(covered, 'point')}"),
            (level_lo.shape == level_hi.shape == (sum(counts), saved_cols), "level_lo",
             f"shapes {level_lo.shape} and {level_hi.shape}, not ({sum(counts)}, {saved_cols})"),
            (top_lo.shape == top_hi.shape and top_lo.shape[1:] == (saved_cols,), "top_lo",
             f"shapes {top_lo.shape} and {top_hi.shape}, not (rows, {saved_cols})"),
            (top_bucket >= 2 ** (p.levels + 1) and top_bucket & (top_bucket - 1) == 0, "top_bucket",
             f"{top_bucket}, not a power of 2 of at least {2 ** (p.levels + 1)}"),
            (top_bucket > 0 and -(-top_end // top_bucket) == len(top_lo), "top_end", f"{top_end}, but top_lo holds {count(len(top_lo), 'row')}"),
            (all(c is None or 0 <= c < saved_cols for c in column_map), "names", f"more names than {count(saved_cols, 'column')}"),
        )
        for holds, part, what in checks:
            if not holds:
                raise PartError(part, what)

        def pick(a):
            out = np.full((len(a), p.columns), np.nan)
            for i, c in enumerate(column_map):
                if c is not None:
                    out[:, i] = a[:, c]
            return out

        p.n, p._n_exact, p._counts = n, len(exact), counts
        p._exact[: len(exact)] = pick(exact)
        at = 0
        lo, hi = pick(level_lo), pick(level_hi)
        for k, c in enumerate(counts):
            p._lo[k, :c], p._hi[k, :c] = lo[at : at + c], hi[at : at + c]
            at += c
        p._top_n, p.top_bucket, p._top_end = len(top_lo), top_bucket, top_end
        p._top_lo[: len(top_lo)], p._top_hi[: len(top_hi)] = pick(top_lo), pick(top_hi)
        return p


def _rows(a) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    if a.ndim != 2:
        raise ValueError("the saved history's arrays are not tables")
    return a
