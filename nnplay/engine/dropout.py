"""Inverted dropout per hidden layer (Srivastava, Hinton, Krizhevsky, Sutskever
& Salakhutdinov, "Dropout: a simple way to prevent neural networks from
overfitting", JMLR 15, 2014), in its "inverted" form: during training each
hidden activation is kept with probability 1 - p and scaled by 1 / (1 - p),

    A~[l] = D[l] * A[l],    D[l]_jk = 1{u_jk >= p} / (1 - p),  u_jk ~ U[0, 1)

so E[A~[l]] = A[l] and evaluation uses the full network unchanged. The
backward pass multiplies dZ[l] by the same D[l]. The masks are drawn from the
run's own generator (``rng``, set by the training step), so a seeded run is
reproducible bit for bit.
"""

from __future__ import annotations

import math

import numpy as np

from ..numbers import count

MAX_RATE = 0.9


def check_rates(rates, n_hidden: int, where: str = "dropout") -> tuple[float, ...]:
    """The rates per hidden layer: one number for every layer, or one per
    hidden layer, each in [0, 0.9]; () means none. ValueError naming the problem."""
    given_rates = tuple(rates)
    rates = tuple(float(r) for r in given_rates)
    if not rates:
        return (0.0,) * n_hidden
    if len(rates) == 1:
        rates = rates * n_hidden
    if len(rates) != n_hidden:
        raise ValueError(f"{where} must be one rate, or one per hidden layer ({count(n_hidden, 'hidden layer')}), "
                         f"got {','.join(format(r, 'g') for r in rates)!r}")
    for r, given in zip(rates, list(given_rates) * len(rates) if len(given_rates) == 1 else given_rates):
        if not (math.isfinite(r) and 0.0 <= r <= MAX_RATE):  # (named as given: a file's 1e400, not inf)
            raise ValueError(f"{where} rate must be between 0 and {MAX_RATE}, got {given!r}")  # (as setting_ranges says it)
    return rates


class Dropout:
    """The dropout rate p of each hidden layer and the generator the masks are
    drawn from (``rng``; the training step sets it to the run's generator)."""

    def __init__(self, n_hidden: int, on_change=None):
        self.rates = (0.0,) * n_hidden
        self.rng: np.random.Generator | None = None
        self._on_change = on_change

    def set_rates(self, rates) -> None:
        """See ``check_rates``; the network's tapes are rebuilt."""
        self.rates = check_rates(rates, len(self.rates))
        if self._on_change is not None:
            self._on_change()

    @property
    def any(self) -> bool:
        return any(self.rates)

    def draw(self, l: int, mask: np.ndarray, keep: np.ndarray | None = None) -> None:
        """Fill ``mask`` (m, n[l]) with a fresh D[l] (times the pruned-neuron mask ``keep``)."""
        p = self.rates[l]
        u = self.rng.random(mask.shape)
        np.greater_equal(u, p, out=mask)
        mask *= 1.0 / (1.0 - p)
        if keep is not None:
            mask *= keep
