"""Hidden-layer activations g(z) and their derivatives g'(z).

Each activation writes in place into caller-owned buffers so the training loop
allocates nothing per step. ``out`` is passed positionally and the ufuncs are
bound to module names: on the tiny arrays a playground trains, that alone
saves a quarter of each call's cost. ``derivative`` receives both Z and A = g(Z)
because the cheap form of the derivative differs (tanh'(z) = 1 - a^2 uses A,
relu'(z) uses Z).
"""

from __future__ import annotations

import numpy as np

from ..user_text import shown

LEAKY_SLOPE = 0.01
_tanh, _mul, _sub, _add, _max, _gt, _square = (np.tanh, np.multiply, np.subtract, np.add, np.maximum, np.greater,
                                               np.square)


def constant(value: float, dtype) -> np.ndarray:
    """``value`` as a 0-d array of ``dtype``: a ufunc takes it in half the time
    it takes to convert a Python float, and it keeps float32 arithmetic float32."""
    return np.array(value, dtype)


def _relu_into(z, zero, out):
    _max(z, zero, out=out)  # (np.maximum wants out by keyword)


class Activation:
    name = "base"

    def __call__(self, z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        raise NotImplementedError

    def derivative_mul(self, z: np.ndarray, a: np.ndarray, da: np.ndarray, scratch: np.ndarray) -> None:
        """da *= g'(z), in place; ``scratch`` is a buffer shaped like ``da``."""
        for f, args in self.backward_ops(z, a, da, scratch):
            f(*args)

    def forward_ops(self, z: np.ndarray, a: np.ndarray) -> list:
        """The calls that compute a = g(z), as (function, args) pairs for a
        training tape (see ``MLP.train_epoch``)."""
        return [(self.__call__, (z, a))]

    def backward_ops(self, z: np.ndarray, a: np.ndarray, da: np.ndarray, scratch: np.ndarray) -> list:
        """The calls that compute da *= g'(z), as (function, args) pairs: the one
        definition of each derivative, run by ``derivative_mul`` and the tapes."""
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
        return _tanh(z, out)

    def forward_ops(self, z, a):
        return [(_tanh, (z, a))]

    def backward_ops(self, z, a, da, scratch):
        # da * (1 - a^2) computed as da - (da * a^2): three calls, none with a scalar
        return [(_square, (a, scratch)), (_mul, (scratch, da, scratch)), (_sub, (da, scratch, da))]


class Sigmoid(Activation):
    name = "sigmoid"

    def __call__(self, z, out=None):
        return sigmoid(z, out=out)

    def forward_ops(self, z, a):
        return sigmoid_ops(z, a)

    def backward_ops(self, z, a, da, scratch):
        return [(_sub, (constant(1.0, a.dtype), a, scratch)), (_mul, (scratch, a, scratch)), (_mul, (da, scratch, da))]


class ReLU(Activation):
    name = "relu"

    def __call__(self, z, out=None):
        return _max(z, 0.0, out=out)  # (np.maximum wants out by keyword)

    def forward_ops(self, z, a):
        return [(_relu_into, (z, constant(0.0, z.dtype), a))]

    def backward_ops(self, z, a, da, scratch):
        # relu'(0) is taken as 0, as most frameworks do
        return [(_gt, (z, constant(0.0, z.dtype), scratch)), (_mul, (da, scratch, da))]


class LeakyReLU(Activation):
    name = "leaky_relu"

    def __call__(self, z, out=None):
        if out is None:
            out = np.empty_like(z)
        np.multiply(z, LEAKY_SLOPE, out=out)
        np.maximum(z, out, out=out)
        return out

    def backward_ops(self, z, a, da, scratch):
        dt = z.dtype
        return [(_gt, (z, constant(0.0, dt), scratch)), (_mul, (scratch, constant(1.0 - LEAKY_SLOPE, dt), scratch)),
                (_add, (scratch, constant(LEAKY_SLOPE, dt), scratch)), (_mul, (da, scratch, da))]


class Linear(Activation):
    name = "linear"

    def __call__(self, z, out=None):
        if out is None:
            return z.copy()
        if out is not z:
            np.copyto(out, z)
        return out

    def forward_ops(self, z, a):
        return [] if a is z else [(np.copyto, (a, z))]

    def backward_ops(self, z, a, da, scratch):
        return []


def sigmoid_ops(z: np.ndarray, out: np.ndarray) -> list:
    """The logistic function s(z) = 1 / (1 + e^-z) into ``out`` as (function, args)
    pairs, computed as (1 + tanh(z/2)) / 2: no overflow for any z, and exactly 0
    or 1 only where float rounding makes it so."""
    half, one = constant(0.5, z.dtype), constant(1.0, z.dtype)
    return [(_mul, (z, half, out)), (_tanh, (out, out)), (_add, (out, one, out)), (_mul, (out, half, out))]


def sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Logistic function without overflow (see ``sigmoid_ops``); a new array
    unless ``out`` is given."""
    z = np.asarray(z)
    if out is None:
        out = np.empty(z.shape, np.result_type(z.dtype, np.float32))
    for f, args in sigmoid_ops(z, out):
        f(*args)
    return out


ACTIVATIONS: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Tanh, Sigmoid, ReLU, LeakyReLU, Linear)
}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]()
    except KeyError:
        raise ValueError(
            f"unknown activation {shown(name)}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
