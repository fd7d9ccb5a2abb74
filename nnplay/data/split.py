"""Train/test split and standardisation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def train_test_indices(m: int, train_ratio: float, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled indices split at ``train_ratio`` (0 < ratio <= 1); at least one
    training example if there is any; the test part may be empty when ratio is 1."""
    if not 0.0 < train_ratio <= 1.0:
        raise ValueError(f"train ratio must be in (0, 1], got {train_ratio:g}")
    if m < 1:
        return np.zeros(0, np.intp), np.zeros(0, np.intp)
    perm = np.random.default_rng(seed).permutation(m)
    n_train = min(m, max(1, int(round(m * train_ratio))))
    return np.sort(perm[:n_train]), np.sort(perm[n_train:])


@dataclass
class Standardizer:
    """x -> (x - mean) / std per column, fitted on training data only."""

    mean: np.ndarray
    std: np.ndarray

    @classmethod
    def fit(cls, X: np.ndarray) -> "Standardizer":
        if X.shape[0] == 0:
            return cls.identity(X.shape[1])
        std = X.std(axis=0)
        return cls(X.mean(axis=0), np.where(std > 0, std, 1.0))

    @classmethod
    def identity(cls, d: int) -> "Standardizer":
        return cls(np.zeros(d), np.ones(d))

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return (X - self.mean) / self.std
