"""Optimizers that update a network's flat parameter vector in place.

All parameters of an MLP live in one contiguous vector (weights and biases are
views into it), so an update is a handful of vector operations whatever the
depth. ``lr`` may be changed between steps; nothing else is reset by it.

An L1 penalty is not part of the gradient an optimizer steps on: after the
step, the network soft-thresholds the weights by ``l1_thresholds`` (see
``nnplay.engine.regularization``), which sets to exactly 0 every weight the
L1 step would carry across 0.
"""

from __future__ import annotations

import copy

import numpy as np

from ..numbers import format_number
from ..user_text import shown

OPTIMIZERS = ("sgd", "momentum", "adam")
_mul, _sub = np.multiply, np.subtract


class Optimizer:
    name = "base"

    def __init__(self, lr: float = 0.03):
        self._scratch: np.ndarray | None = None
        self._lr0: np.ndarray | None = None  # lr as a 0-d array in the parameters' dtype (a faster ufunc operand)
        self.lr = float(lr)
        self.t = 0

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = float(value)
        if self._lr0 is not None:
            self._lr0[...] = self._lr

    def step(self, params: np.ndarray, grads: np.ndarray) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        self.t = 0
        self._scratch = self._lr0 = None

    def l1_thresholds(self, weight_mask: np.ndarray, l1: float, out: np.ndarray) -> np.ndarray:
        """The L1 step t per parameter that follows this optimizer's step, into
        ``out`` (shaped like the parameters; ``weight_mask`` is 1 on weights and
        0 on biases): t = alpha l1 on the weights, 0 on the biases. This is the
        proximal step of alpha l1 |W| (TensorFlow Playground's ``updateWeights``
        moves a weight by learningRate * regularizationRate the same way)."""
        return np.multiply(weight_mask, self._lr * l1, out=out)

    def _buf(self, like: np.ndarray) -> np.ndarray:
        s = self._scratch
        if s is not None and s.shape == like.shape and s.dtype == like.dtype:
            return s
        self._scratch = np.empty_like(like)
        self._lr0 = np.array(self._lr, like.dtype)
        return self._scratch

    def state(self) -> dict[str, np.ndarray]:
        """Arrays that make up the optimizer's state (for saving sessions)."""
        return {}

    def restore(self, t: int, arrays: dict[str, np.ndarray]) -> None:
        """Load what ``state()`` and ``t`` gave; ValueError on unknown names."""
        self.t = int(t)
        for name, value in arrays.items():
            if name not in self.STATE:
                raise ValueError(f"optimizer {self.name!r} has no state {name!r}")
            setattr(self, name, np.array(value))

    STATE: tuple = ()

    def copy(self) -> Optimizer:
        """An independent twin with its own state arrays (``copy.copy`` gives the
        same: a shallow copy would share the moments and step both)."""
        return copy.deepcopy(self)

    __copy__ = copy

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={format_number(self.lr)})"


class SGD(Optimizer):
    """Plain gradient descent, W := W - alpha dW."""

    name = "sgd"

    def step(self, params, grads):
        self.t += 1
        tmp = self._buf(params)
        _mul(grads, self._lr0, tmp)
        _sub(params, tmp, params)


class Momentum(Optimizer):
    """Heavy-ball momentum: v := mu v + dW; W := W - alpha v."""

    name = "momentum"
    STATE = ("velocity",)

    def __init__(self, lr: float = 0.03, momentum: float = 0.9):
        super().__init__(lr)
        self.momentum = float(momentum)
        self.velocity: np.ndarray | None = None

    def reset(self):
        super().reset()
        self.velocity = None

    def step(self, params, grads):
        self.t += 1
        if self.velocity is None or self.velocity.shape != params.shape:
            self.velocity = np.zeros_like(params)
        v = self.velocity
        v *= self.momentum
        v += grads
        tmp = self._buf(params)
        np.multiply(v, self.lr, out=tmp)
        params -= tmp

    def state(self):
        return {} if self.velocity is None else {"velocity": self.velocity}

    def __repr__(self):
        return f"Momentum(lr={format_number(self.lr)}, momentum={format_number(self.momentum)})"


class Adam(Optimizer):
    """Kingma & Ba 2015, with bias correction.

    Its L1 step is scaled per weight like its data step, t = alpha l1 /
    (sqrt(v_hat) + eps): the proximal step in Adam's own metric (Yun, Lozano &
    Yang, "Adaptive proximal gradient methods for structured neural networks",
    NeurIPS 2021). A weight at 0 then leaves 0 only when |m_hat| > l1, the
    condition for 0 not to be optimal, whatever the gradient's scale.
    """

    name = "adam"
    STATE = ("m", "v")

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)
        self.m: np.ndarray | None = None
        self.v: np.ndarray | None = None

    def reset(self):
        super().reset()
        self.m = self.v = None

    def step(self, params, grads):
        if self.m is None or self.m.shape != params.shape:
            self.m = np.zeros_like(params)
            self.v = np.zeros_like(params)
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        m, v, tmp = self.m, self.v, self._buf(params)
        m *= b1
        np.multiply(grads, 1.0 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(grads, grads, out=tmp)
        tmp *= 1.0 - b2
        v += tmp
        # fold both bias corrections into the step size and epsilon
        c1 = 1.0 - b1**self.t
        c2 = 1.0 - b2**self.t
        step = self.lr * np.sqrt(c2) / c1
        np.sqrt(v, out=tmp)
        tmp += self.eps * np.sqrt(c2)
        np.divide(m, tmp, out=tmp)
        tmp *= step
        params -= tmp

    def l1_thresholds(self, weight_mask, l1, out):
        super().l1_thresholds(weight_mask, l1, out)
        if self.v is None or self.v.shape != out.shape:
            return out
        root_c2 = np.sqrt(1.0 - self.beta2**self.t)  # sqrt(v_hat) + eps = (sqrt(v) + eps sqrt(c2)) / sqrt(c2)
        tmp = self._buf(out)
        np.sqrt(self.v, out=tmp)
        tmp += self.eps * root_c2
        out *= root_c2
        np.divide(out, tmp, out=out)
        return out

    def state(self):
        return {} if self.m is None else {"m": self.m, "v": self.v}

    def __repr__(self):
        return f"Adam(lr={format_number(self.lr)}, beta1={format_number(self.beta1)}, beta2={format_number(self.beta2)})"


def make_optimizer(name: str, lr: float, **kwargs) -> Optimizer:
    classes = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
    try:
        cls = classes[name]
    except KeyError:
        raise ValueError(f"unknown optimizer {shown(name)}; choose one of {', '.join(OPTIMIZERS)}") from None
    return cls(lr=lr, **kwargs)
