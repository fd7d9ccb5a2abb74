"""Per-epoch records of named series (losses, accuracies, gradient norms...) in
bounded memory: the recent epochs exactly, older ones as a min/max envelope
(see training.envelope). One structure serves the trainer, the curves, the
session files and the command line's summaries."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ..numbers import count
from .envelope import MinMaxPyramid, Segment

# train_loss and test_loss are data losses (J_data, without the penalty); penalty is
# the regularisation term l1 sum|W| + (l2/2) sum W^2, the same for both sets
FIELDS = ("train_loss", "test_loss", "train_accuracy", "test_accuracy", "penalty")
# a Trainer's history also has lr, the learning rate each epoch trained with (the schedule's;
# epoch 0: the first epoch's), and clipped, how many of its steps had their gradient clipped
RUN_FIELDS = (*FIELDS, "lr", "clipped")


@dataclass(frozen=True)
class Reading:
    """The record of one epoch: exact when ``first == last``, else the min and
    max over epochs ``first .. last`` (an envelope of ``last - first + 1`` epochs)."""

    first: int
    last: int
    lo: dict
    hi: dict

    @property
    def exact(self) -> bool:
        return self.first == self.last


class History:
    """Values of the series ``names`` after each epoch (index 0 is epoch 0,
    before any training); NaN where a value does not apply. Memory is bounded
    (a few hundred kB for a handful of series) however many epochs are added;
    the last 1,024 or more are kept exactly."""

    def __init__(self, names=FIELDS, **sizes):
        self.names = tuple(names)
        self._sizes = sizes
        self._p = MinMaxPyramid(len(self.names), **sizes)

    # ----------------------------------------------------------------- input
    def append(self, *values: float) -> None:
        """One epoch: one value per name, in order."""
        self._p.append(values)

    def replace_last(self, values) -> None:
        """The last epoch's values of the names in ``values`` ({name: value}) replaced, the rest
        kept; ValueError when nothing is recorded."""
        row = np.array(self._p.exact(len(self) - 1)[0]) if len(self) else None
        if row is None:
            raise ValueError("no epoch recorded")
        for name, value in values.items():
            row[self.names.index(name)] = value
        self._p.replace_last(row)

    def extend(self, rows) -> None:
        """Epochs, oldest first: {name: values} or an (epochs, len(names)) array."""
        self._p.extend(self._as_rows(rows))

    def _as_rows(self, rows) -> np.ndarray:
        if isinstance(rows, dict):
            return np.column_stack([np.asarray(rows[name], dtype=float) for name in self.names])
        return rows

    def clear(self) -> None:
        self._p.clear()

    def receive(self, base: dict | None, start: int, rows) -> bool:
        """Follow another History from its increments (as snapshots carry them):
        ``base`` (a ``state()``) replaces this copy first, then ``rows`` for
        epochs ``start`` on are added. Rows for epochs held already, as they are
        held, are not added again (the same frame shown twice, e.g. to redraw it
        in other colours). Out of step (a new run) it starts over; False when the
        rows cannot be placed (they do not start at epoch 0)."""
        if base is not None:
            self.load_state(base)
        elif start != len(self):
            rows, held = self._as_rows(rows), len(self)
            if self.exact_start <= start < held <= start + len(rows) and \
                    np.array_equal(self.rows_since(start), rows[: held - start], equal_nan=True):
                rows = rows[held - start :]
            else:
                self.clear()
                if start != 0:
                    return False
        self.extend(rows)
        return True

    # ---------------------------------------------------------------- output
    def __len__(self) -> int:
        return len(self._p)

    @property
    def nbytes(self) -> int:
        return self._p.nbytes

    @property
    def exact_start(self) -> int:
        """The first epoch whose values are kept exactly."""
        return self._p.exact_start

    def column(self, name: str, start: int = 0) -> np.ndarray:
        """Exact values of one series from epoch ``start`` on, a copy;
        ValueError when ``start`` is before ``exact_start``."""
        return self._p.exact(start)[:, self.names.index(name)].copy()

    def copy_since(self, start: int) -> dict[str, np.ndarray]:
        rows = self._p.exact(start)
        return {name: rows[:, i].copy() for i, name in enumerate(self.names)}

    def rows_since(self, start: int) -> np.ndarray:
        """Exact rows (epochs, len(names)) from epoch ``start`` on, a copy."""
        return self._p.exact(start).copy()

    def last(self, name: str) -> float:
        return float(self._p.exact(len(self) - 1)[0, self.names.index(name)]) if len(self) else float("nan")

    def last_row(self) -> dict[str, float]:
        """``last(name)`` of every name at once (one look-up, as a frame's read-outs need)."""
        if not len(self):
            return dict.fromkeys(self.names, float("nan"))
        return dict(zip(self.names, self._p.exact(len(self) - 1)[0].tolist()))

    def segments(self) -> list[Segment]:
        """The records as runs of equal buckets (see training.envelope), copies."""
        return [dataclasses.replace(s, lo=s.lo.copy(), hi=s.hi.copy()) for s in self._p.segments()]

    def extremes(self, name: str) -> tuple[float, float]:
        """The lowest and highest value of a series over every epoch (NaN if none)."""
        i = self.names.index(name)
        lo = [np.fmin.reduce(s.lo[:, i]) for s in self._p.segments()]
        hi = [np.fmax.reduce(s.hi[:, i]) for s in self._p.segments()]
        return (float(np.fmin.reduce(lo)), float(np.fmax.reduce(hi))) if lo else (np.nan, np.nan)

    def curve(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Points to draw one series: exact epochs one point each; each bucket of
        the envelope its min and max at the bucket's middle epoch (a vertical
        stroke), so every spike stays visible. At most a few thousand points."""
        x, (y,) = self.curves((name,))
        return x, y

    def curves(self, names) -> tuple[np.ndarray, list[np.ndarray]]:
        """``curve`` of each of ``names`` at once: their points share one x (float64,
        (points,)), made once; one y array of the same length per name."""
        cols = [self.names.index(name) for name in names]
        xs, ys = [], []
        for s in self._p.segments():
            if s.size == 1:
                xs.append(np.arange(s.start, s.end, dtype=float))
                ys.append(s.lo[:, cols])
                continue
            starts = s.start + s.size * np.arange(len(s), dtype=float)
            mid = starts + (np.minimum(s.size, s.end - starts) - 1) / 2  # the last bucket may be partial
            xs.append(np.repeat(mid, 2))
            ys.append(np.stack([s.lo[:, cols], s.hi[:, cols]], axis=1).reshape(-1, len(cols)))  # lo, hi, lo, hi...
        if not xs:
            return np.empty(0), [np.empty(0) for _ in cols]
        y = np.concatenate(ys)
        return np.concatenate(xs), [np.ascontiguousarray(y[:, k]) for k in range(len(cols))]

    def at(self, epoch: int) -> Reading | None:
        """The record holding ``epoch`` (the finest kept), or None outside 0 .. len - 1."""
        for s in self._p.segments():
            if s.start <= epoch < s.end:
                j = (epoch - s.start) // s.size
                first = s.start + j * s.size
                return Reading(first, min(first + s.size, s.end) - 1, dict(zip(self.names, s.lo[j].tolist())),
                               dict(zip(self.names, s.hi[j].tolist())))
        return None

    # ------------------------------------------------------------ save / load
    def state(self) -> dict:
        """JSON-able scalars and arrays that ``load_state`` or ``from_state`` rebuild from."""
        return {"names": list(self.names), **self._p.state()}

    def load_state(self, state: dict) -> None:
        """Replace the records with a saved ``state()``; series missing from it
        are NaN, series it has beyond ``names`` are dropped. ValueError (and
        nothing changed) when it is damaged."""
        saved = [str(n) for n in state["names"]]
        self._p = MinMaxPyramid.from_state(state, [saved.index(n) if n in saved else None for n in self.names])

    @classmethod
    def from_state(cls, state: dict, names=None) -> "History":
        h = cls([str(n) for n in state["names"]] if names is None else names)
        h.load_state(state)
        return h

    def copy(self) -> History:
        """An independent twin (``copy.copy`` gives the same)."""
        return History.from_state(self.state(), self.names)

    __copy__ = copy


def layer_names(n_layers: int) -> tuple[str, ...]:
    """The gradient-norm series' names: layer_1 .. layer_L."""
    return tuple(f"layer_{l}" for l in range(1, n_layers + 1))


def saved_history(saved, names, epoch: int) -> History:
    """A state_dict's history: a History.state() or, from sessions of format 1,
    the whole (epochs, series) table; ValueError unless it holds epochs 0 .. epoch."""
    h = History(names)
    if isinstance(saved, dict):
        h.load_state(saved)
    else:
        table = np.asarray(saved, dtype=float)
        if table.ndim != 2 or table.shape[1] > len(names):
            raise ValueError(f"the saved history does not match its {count(epoch, 'epoch')}")
        h.extend(np.pad(table, ((0, 0), (0, len(names) - table.shape[1])), constant_values=np.nan))  # series added since: NaN
    if len(h) != epoch + 1:
        raise ValueError(f"the saved history does not match its {count(epoch, 'epoch')}")
    return h
