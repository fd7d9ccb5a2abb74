"""Output layers paired with their losses.

Each pairing owns the output activation, the loss value J and the error at the
output dZ[L] = dJ/dZ[L] (per example, before the 1/m of the mean). Losses are
computed from the logits Z[L] where that is the stable form, so a logit of 1e4
gives a finite loss and no overflow warning.

    bce       sigmoid + binary cross-entropy   J = mean((1-y) softplus(z) + y softplus(-z))   dZ = A - Y
    ce        softmax + categorical CE         J = mean(lse(z - max z) - (z_y - max z))       dZ = A - Y
    mse       linear + squared error           J = mean(|a - y|^2) / 2                         dZ = A - Y
    tanh_mse  tanh + squared error             J = mean(|a - y|^2) / 2                         dZ = (A - Y)(1 - A^2)

Both cross-entropies are written so that no two large terms cancel: in float32
the loss at logits of 1e4 is as exact as at logits of 1.

The 1/2 in the squared errors makes dZ = A - Y exactly, as in the equations
(and as scikit-learn's MLP does).
"""

from __future__ import annotations

import numpy as np

from ..numbers import count
from ..user_text import shown
from .activations import Linear, constant, sigmoid

_IDENTITY = Linear()
_sub, _mul, _tanh = np.subtract, np.multiply, np.tanh


class Loss:
    name = "base"
    classification = True

    def output(self, z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        raise NotImplementedError

    def value(self, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> float:
        raise NotImplementedError

    def delta(self, z: np.ndarray, a: np.ndarray, y: np.ndarray, out: np.ndarray) -> np.ndarray:
        """dJ/dZ[L] per example (A - Y for the matched pairs), into ``out``."""
        return _sub(a, y, out)

    def training_targets(self, Y: np.ndarray) -> None:
        """Rewrite encoded targets, in place, into the form ``training_ops`` uses."""

    def training_ops(self, z: np.ndarray, a: np.ndarray, yt: np.ndarray, dz: np.ndarray) -> list:
        """(function, args) pairs that compute the batch-mean output error
        dZ[L] / m = (A[L] - Y) / m into ``dz`` from the logits ``z`` and targets
        rewritten by ``training_targets``; ``a`` may be left unwritten."""
        inv_m = constant(1.0 / z.shape[0], z.dtype)
        ops = [] if a is z else [(self.output, (z, a))]
        return ops + [(self.delta, (z, a, yt, dz)), (_mul, (dz, inv_m, dz))]

    def encode(self, y: np.ndarray, n_out: int, dtype) -> np.ndarray:
        """Targets as an (m, n_out) matrix in ``dtype``."""
        y = np.asarray(y)
        if y.ndim == 1:
            y = y.reshape(-1, 1)
        if y.shape[1] != n_out:
            raise ValueError(f"targets have {count(y.shape[1], 'column')} but the network has {count(n_out, 'output')}")
        return np.ascontiguousarray(y, dtype=dtype)

    def __repr__(self) -> str:
        return self.name


class BinaryCrossEntropy(Loss):
    name = "bce"

    def output(self, z, out=None):
        return sigmoid(z, out=out)

    def value(self, z, a, y):
        # softplus(z) - y z = (1 - y) softplus(z) + y softplus(-z), with softplus(z) = max(z, 0) +
        # log1p(exp(-|z|)): no large terms cancel, so a confident right answer's tiny loss stays exact
        tail = np.log1p(np.exp(-np.abs(z)))
        return float(np.sum(tail + (1.0 - y) * np.maximum(z, 0.0) + y * np.maximum(-z, 0.0)) / z.shape[0])

    def training_targets(self, Y):
        Y *= 2.0
        Y -= 1.0

    def training_ops(self, z, a, yt, dz):
        # sigmoid(z) - y = (tanh(z/2) - (2y - 1)) / 2: four calls with the 1/m,
        # against six for the sigmoid, the subtraction and the scaling apart
        half = constant(0.5, z.dtype)
        return [(_mul, (z, half, dz)), (_tanh, (dz, dz)), (_sub, (dz, yt, dz)),
                (_mul, (dz, constant(0.5 / z.shape[0], z.dtype), dz))]

    def encode(self, y, n_out, dtype):
        y = np.asarray(y)
        if n_out != 1:
            raise ValueError("loss 'bce' needs exactly one output neuron; use 'ce' for more classes")
        if y.ndim == 1 and y.size and not np.isin(y, (0, 1)).all():
            raise ValueError("loss 'bce' needs labels 0 and 1")
        if y.size and np.issubdtype(y.dtype, np.number) and ((y < 0) | (y > 1)).any():
            raise ValueError("loss 'bce' needs targets between 0 and 1 (probabilities of class 1)")
        return super().encode(y, n_out, dtype)


class SoftmaxCrossEntropy(Loss):
    name = "ce"

    def output(self, z, out=None):
        out = np.subtract(z, z.max(axis=1, keepdims=True), out=out)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def value(self, z, a, y):
        # -sum_k y_k log softmax(z)_k, with log softmax(z) = (z - max) - logsumexp(z - max): every term
        # stays small, so the float32 loss at logits of 1e4 is as exact as at logits of 1
        shifted = z - z.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return float(-np.sum(y * log_p) / z.shape[0])

    def encode(self, y, n_out, dtype):
        y = np.asarray(y)
        if y.ndim == 2:
            return super().encode(y, n_out, dtype)
        if y.size and (y.min() < 0 or y.max() >= n_out or not np.all(y == np.round(y))):
            raise ValueError(f"loss 'ce' needs integer labels 0..{n_out - 1}")
        onehot = np.zeros((y.shape[0], n_out), dtype=dtype)
        onehot[np.arange(y.shape[0]), y.astype(np.intp)] = 1.0
        return onehot


class MeanSquaredError(Loss):
    name = "mse"
    classification = False

    def output(self, z, out=None):
        return _IDENTITY(z, out=out)

    def value(self, z, a, y):
        d = a - y
        return float(0.5 * np.sum(d * d) / z.shape[0])


class TanhSquaredError(MeanSquaredError):
    """TensorFlow Playground's pairing: tanh output, squared error, targets in [-1, 1]."""

    name = "tanh_mse"

    def output(self, z, out=None):
        return np.tanh(z, out=out)

    def delta(self, z, a, y, out):
        np.subtract(a, y, out=out)
        out *= 1.0 - a * a
        return out


LOSSES: dict[str, type[Loss]] = {
    cls.name: cls for cls in (BinaryCrossEntropy, SoftmaxCrossEntropy, MeanSquaredError, TanhSquaredError)
}


def get_loss(name: str) -> Loss:
    try:
        return LOSSES[name]()
    except KeyError:
        raise ValueError(f"unknown loss {shown(name)}; choose one of {', '.join(LOSSES)}") from None
