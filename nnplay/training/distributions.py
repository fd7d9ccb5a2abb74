"""Distributions over time, per layer: the weights W, pre-activations Z,
activations A and gradients dW of every layer as percentile bands, recorded
during training in bounded memory and cost.

The percentiles are TensorBoard's distributions dashboard's (its histogram
compressor, ``tensorboard/plugins/distribution/compressor.py``, basis points
0, 668, 1587, 5000, 8413, 9332, 10000 of its NORMAL_HISTOGRAM_BPS): minimum,
-1.5σ, -1σ, median, +1σ, +1.5σ and maximum of a normal distribution. Drawn as
nested bands, 0–100, 7–93 and 16–84, around the median.

Cost: W and dW are the layer's whole matrices (dW the full-batch gradient the
trainer has just computed); Z and A come from one forward pass over at most
``MAX_ROWS`` training examples (evenly spaced: ``layer_values``). An epoch is
recorded when ``due(epoch)``: every epoch up to 31, then every 2nd up to 63,
every 4th up to 127..., so 16 records per doubling of the epochs (112 in
1,000 epochs) and an ever smaller share of the training time (``nnplay bench``
measures it). Memory: the records are a
``History`` (a min/max envelope, ``training.envelope``) with small levels:
the newest 64 or more exactly, older ones as min/max buckets.

Per layer a ``saturation`` share is kept too: for tanh the share of A with
|A| > 0.99, for sigmoid A < 0.01 or A > 0.99 (g' near 0), for ReLU the share
of A exactly 0; NaN for other activations.
"""

from __future__ import annotations

import csv
import math

import numpy as np

from .history import History
from .layer_values import layer_values

PERCENTILES = (0.0, 6.68, 15.87, 50.0, 84.13, 93.32, 100.0)
PERCENTILE_LABELS = ("0", "7", "16", "50", "84", "93", "100")
QUANTITIES = ("W", "Z", "A", "dW")
QUANTITY_NAMES = {"W": "weights W", "Z": "pre-activations Z", "A": "activations A", "dW": "gradients dW"}
MAX_ROWS = 500
SIZES = {"recent": 64, "level_size": 32, "levels": 2, "top": 32}  # see training.envelope
SATURATION_EDGE = 0.01  # |A| within this of tanh's ±1, or sigmoid's 0 and 1


def column_names(n_layers: int) -> tuple[str, ...]:
    """``epoch``, then per layer l = 1..L: ``<q><l>_p<pct>`` for q in QUANTITIES and
    each percentile label, and ``sat<l>``."""
    names = ["epoch"]
    for l in range(1, n_layers + 1):
        names += [f"{q}{l}_p{p}" for q in QUANTITIES for p in PERCENTILE_LABELS]
        names.append(f"sat{l}")
    return tuple(names)


def due(epoch: int) -> bool:
    """Whether epoch ``epoch`` is recorded (see the module)."""
    stride = 1 << max(0, int(epoch).bit_length() - 5)
    return epoch % stride == 0


def saturation(activation: str, A: np.ndarray) -> float:
    """The share of A at the flat ends of tanh or sigmoid, of zeros for ReLU; NaN otherwise or empty."""
    if A.size == 0:
        return math.nan
    if activation == "tanh":
        return float(np.mean(np.abs(A) > 1 - SATURATION_EDGE))
    if activation == "sigmoid":
        return float(np.mean((A < SATURATION_EDGE) | (A > 1 - SATURATION_EDGE)))
    if activation == "relu":
        return float(np.mean(A == 0))
    return math.nan


_Q = np.array(PERCENTILES) / 100


def percentiles(values: np.ndarray) -> np.ndarray:
    """PERCENTILES of the finite values of an array, (7,), interpolated linearly
    between order statistics as ``np.percentile``'s default (one sort, without
    its per-call overhead); NaN when none is finite."""
    v = np.sort(values, axis=None)
    if v.size and not (np.isfinite(v[0]) and np.isfinite(v[-1])):
        v = v[np.isfinite(v)]
    if v.size == 0:
        return np.full(len(PERCENTILES), np.nan)
    pos = _Q * (v.size - 1)
    i = pos.astype(np.intp)
    j = np.minimum(i + 1, v.size - 1)
    return v[i] + (v[j] - v[i]) * (pos - i)


def percentiles_of_each(arrays: list) -> np.ndarray:
    """``percentiles`` of each array, (len(arrays), 7): arrays of one size are sorted
    together, in one call (the cost of a record is mostly NumPy's per-call overhead)."""
    out = np.empty((len(arrays), len(PERCENTILES)))
    groups: dict = {}
    for k, a in enumerate(arrays):
        groups.setdefault(a.size, []).append(k)
    for size, ks in groups.items():
        if size == 0:
            out[ks] = np.nan
            continue
        v = np.sort(np.stack([arrays[k].ravel() for k in ks]), axis=1)
        if not np.isfinite(v[:, [0, -1]]).all():  # NaN or infinity somewhere: one at a time
            out[ks] = [percentiles(arrays[k]) for k in ks]
            continue
        pos = _Q * (size - 1)
        i = pos.astype(np.intp)
        j = np.minimum(i + 1, size - 1)
        out[ks] = v[:, i] + (v[:, j] - v[:, i]) * (pos - i)
    return out


def epoch_row(epoch: int, net, X: np.ndarray, limit: int = MAX_ROWS) -> np.ndarray:
    """One record: the ``column_names`` values of engine MLP ``net`` now, with Z
    and A on up to ``limit`` rows of X (m, n[0]) and dW the network's current gradient."""
    lv = layer_values(net, X, limit, slopes=False)
    names = net.activation_names
    L = net.n_layers
    with np.errstate(all="ignore"):
        arrays = [a for l in range(L) for a in (net.weights[l], lv.Z[l], lv.A[l], net.dW[l])]
        bands = percentiles_of_each(arrays).reshape(L, -1)
        sat = [saturation(names[l], lv.A[l]) if l < len(names) else math.nan for l in range(L)]
    return np.concatenate([[float(epoch)], np.column_stack([bands, sat]).ravel()])


class Distributions:
    """The recorded distributions of one run's ``n_layers`` layers (see the module)."""

    def __init__(self, n_layers: int):
        self.n_layers = n_layers
        self.records = History(column_names(n_layers), **SIZES)
        self._sent: tuple | None = None  # what the last view frame carried (see for_view)
        self.recorded = 0  # records taken by ``record`` (a live diagnosis is made once per record)

    def clear(self) -> None:
        self.records.clear()
        self.recorded = 0
        self._sent = None  # (a view's copy is sent whole again)

    def __len__(self) -> int:
        return len(self.records)

    def record(self, epoch: int, net, X: np.ndarray) -> bool:
        """Record ``epoch`` if it is ``due``; returns whether it did."""
        if not due(epoch):
            return False
        self.records.append(*epoch_row(epoch, net, X))
        self.recorded += 1
        return True

    # ------------------------------------------------------------ reading
    def bands(self, layer: int, quantity: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(epochs, percentiles, saturation) of one layer (1-based) and quantity:
        epochs (k,), percentiles (k, 7) in PERCENTILES' order, saturation (k,).
        A record summarising several epochs (older ones) is drawn at its middle
        epoch, with the lowest of its low percentiles, the highest of its high
        ones and the middle of its medians: the band holds every recorded value."""
        cols = [self.records.names.index(f"{quantity}{layer}_p{p}") for p in PERCENTILE_LABELS]
        sat_col = self.records.names.index(f"sat{layer}")
        xs, ps, sats = [], [], []
        for s in self.records.segments():
            xs.append((s.lo[:, 0] + s.hi[:, 0]) / 2)
            lo, hi = s.lo[:, cols], s.hi[:, cols]
            ps.append(np.column_stack([lo[:, :3], (lo[:, 3] + hi[:, 3]) / 2, hi[:, 4:]]))
            sats.append(s.hi[:, sat_col])
        if not xs:
            return np.empty(0), np.empty((0, len(PERCENTILES))), np.empty(0)
        return np.concatenate(xs), np.concatenate(ps), np.concatenate(sats)

    def table(self) -> tuple[list[str], np.ndarray]:
        """(header, rows) for a CSV: one row per record (layer, quantity, epoch range,
        percentiles), the envelope's buckets as their lowest and highest epoch."""
        header = ["layer", "quantity", "first_epoch", "last_epoch",
                  *[f"p{p}" for p in PERCENTILE_LABELS], "saturation"]
        first, last = self._epoch_spans()
        blocks = []  # one (records, columns) block per layer and quantity, in that order
        for l in range(1, self.n_layers + 1):
            for k, q in enumerate(QUANTITIES):
                _, p, sat = self.bands(l, q)
                n = len(sat)
                blocks.append(np.column_stack([np.full(n, l), np.full(n, k), first[:n], last[:n], p, sat]))
        rows = np.concatenate(blocks).astype(float) if blocks else np.empty(0)
        return header, rows.reshape(-1, len(header))

    def epoch_range(self) -> tuple[int, int] | None:
        """(first, last) epoch recorded, None before the first record."""
        first, last = self._epoch_spans()
        return (int(first.min()), int(last.max())) if first.size else None

    def _epoch_spans(self) -> tuple[np.ndarray, np.ndarray]:
        segs = self.records.segments()
        if not segs:
            return np.empty(0), np.empty(0)
        return np.concatenate([s.lo[:, 0] for s in segs]), np.concatenate([s.hi[:, 0] for s in segs])

    # ------------------------------------------------------ views and files
    def state(self) -> dict:
        """JSON-able scalars and arrays (a ``History.state()``)."""
        return self.records.state()

    def load_state(self, state: dict) -> None:
        """Replace the records with a saved ``state()``; ValueError (nothing changed) when damaged."""
        records = History(column_names(self.n_layers), **SIZES)
        records.load_state(state)
        self.records = records
        self._sent = None

    @classmethod
    def from_state(cls, state: dict, n_layers: int) -> Distributions:
        d = cls(n_layers)
        d.load_state(state)
        return d

    def for_view(self, run_id: int) -> dict | None:
        """What a live view needs to follow the records, when they changed since the last call,
        else None (a frame carries them only when there is something new to draw): a dict of
        ``base`` (the whole ``state()``, or None), ``start`` and ``rows`` (the records from
        ``start`` on, (k, columns)), for ``History.receive`` on the view's copy. The new records
        alone after the last call's (of the same run, still held exactly), else the whole state
        (the first call, a new run, records cleared or summarised since, ``resend``)."""
        records, sent = self.records, self._sent
        n = len(records)
        if sent is not None and sent[0] == run_id and sent[1] == n:
            return None
        self._sent = (run_id, n)
        if sent is not None and sent[0] == run_id and records.exact_start <= sent[1] < n:
            return {"base": None, "start": sent[1], "rows": records.rows_since(sent[1])}
        return {"base": self.state(), "start": n, "rows": np.empty((0, len(records.names)))}

    def follow(self, sent: dict) -> bool:
        """Take ``for_view``'s ``sent`` from a run's Distributions, so that these records are
        its records again (the window's copy); False when ``sent`` does not follow on from them."""
        return self.records.receive(sent["base"], sent["start"], sent["rows"])

    def resend(self) -> None:
        """Make the next ``for_view`` send the records (no view asked for them in
        this frame; the next one that does is a view just opened). Returns None."""
        self._sent = None


def write_csv(path, distributions: Distributions) -> None:
    """The records as CSV, one row per layer, quantity (W, Z, A, dW) and record:
    layer, quantity, first_epoch, last_epoch (equal unless the record sums up
    several epochs), p0 .. p100, saturation (empty where n/a)."""
    from ..file_write import written_in_place

    header, rows = distributions.table()
    with written_in_place(path) as part, open(part, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow([int(r[0]), QUANTITIES[int(r[1])], int(r[2]), int(r[3]),
                        *("" if np.isnan(v) else repr(float(v)) for v in r[4:])])
