"""Hidden-layer activations g(z) and their derivatives g'(z).

Each activation writes in place into caller-owned buffers so the training loop
allocates nothing per step. ``derivative`` receives both Z and A = g(Z)
because the cheap form of the derivative differs (tanh'(z) = 1 - a^2 uses A,
relu'(z) uses Z).
"""

from __future__ import annotations

import numpy as np

LEAKY_SLOPE = 0.01


class Activation:
    name = "base"

    def __call__(self, z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        raise NotImplementedError

    def derivative_mul(self, z: np.ndarray, a: np.ndarray, da: np.ndarray, scratch: np.ndarray) -> None:
        """da *= g'(z), in place; ``scratch`` is a buffer shaped like ``da``."""
        raise NotImplementedError

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """g'(z) as a new array (for inspection and tests, not the hot loop)."""
        a = self(z)
        d = np.ones_like(z)
        self.derivative_mul(z, a, d, np.empty_like(z))
        return d

    def __repr__(self) -> str:
        return self.name


class Tanh(Activation):
    name = "tanh"

    def __call__(self, z, out=None):
        return np.tanh(z, out=out)

    def derivative_mul(self, z, a, da, scratch):
        np.multiply(a, a, out=scratch)
        np.subtract(1.0, scratch, out=scratch)
        da *= scratch


class Sigmoid(Activation):
    name = "sigmoid"

    def __call__(self, z, out=None):
        return sigmoid(z, out=out)

    def derivative_mul(self, z, a, da, scratch):
        np.subtract(1.0, a, out=scratch)
        scratch *= a
        da *= scratch


class ReLU(Activation):
    name = "relu"

    def __call__(self, z, out=None):
        return np.maximum(z, 0.0, out=out)

    def derivative_mul(self, z, a, da, scratch):
        # relu'(0) is taken as 0, as most frameworks do
        np.greater(z, 0.0, out=scratch)
        da *= scratch


class LeakyReLU(Activation):
    name = "leaky_relu"

    def __call__(self, z, out=None):
        if out is None:
            out = np.empty_like(z)
        np.multiply(z, LEAKY_SLOPE, out=out)
        np.maximum(z, out, out=out)
        return out

    def derivative_mul(self, z, a, da, scratch):
        np.greater(z, 0.0, out=scratch)
        scratch *= 1.0 - LEAKY_SLOPE
        scratch += LEAKY_SLOPE
        da *= scratch


class Linear(Activation):
    name = "linear"

    def __call__(self, z, out=None):
        if out is None:
            return z.copy()
        if out is not z:
            np.copyto(out, z)
        return out

    def derivative_mul(self, z, a, da, scratch):
        return None


def sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Logistic function without overflow: s(z) = (1 + tanh(z/2)) / 2."""
    out = np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out += 1.0
    out *= 0.5
    return out


ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Tanh, Sigmoid, ReLU, LeakyReLU, Linear)
}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]()
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
