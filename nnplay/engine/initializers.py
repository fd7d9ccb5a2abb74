"""Weight initialisers. Each returns W shaped (n_out, n_in) and b shaped (n_out,)."""

from __future__ import annotations

import numpy as np

from ..user_text import shown

INITIALIZERS = ("xavier", "he", "small", "uniform")

# relu-like units lose half their variance, so they get He; the rest Glorot.
DEFAULT_FOR_ACTIVATION = {
    "relu": "he",
    "leaky_relu": "he",
    "tanh": "xavier",
    "sigmoid": "xavier",
    "linear": "xavier",
}


def initialize(name: str, n_out: int, n_in: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    if name == "xavier":  # Glorot & Bengio 2010, uniform form
        limit = np.sqrt(6.0 / (n_in + n_out))
        return rng.uniform(-limit, limit, (n_out, n_in)), np.zeros(n_out)
    if name == "he":  # He et al. 2015, normal form
        return rng.normal(0.0, np.sqrt(2.0 / n_in), (n_out, n_in)), np.zeros(n_out)
    if name == "small":
        return 0.01 * rng.standard_normal((n_out, n_in)), np.zeros(n_out)
    if name == "uniform":  # TensorFlow Playground: U(-0.5, 0.5), bias 0.1
        return rng.uniform(-0.5, 0.5, (n_out, n_in)), np.full(n_out, 0.1)
    raise ValueError(f"unknown initialiser {shown(name)}; choose one of {', '.join(INITIALIZERS)}")
