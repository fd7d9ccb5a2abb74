"""Gradient-norm clipping over the whole parameter vector, as PyTorch's
``torch.nn.utils.clip_grad_norm_`` (global 2-norm, ``error_if_nonfinite=False``):

    n = ||g||_2 over every dW and db;   if n > c:  g := g c / (n + 1e-6)

applied to the gradient the optimizer steps on (data loss plus the L2 term;
the L1 step comes after the optimizer's step and is not clipped). ``clipped``
counts the steps that were clipped (the trainer reads it per epoch).
"""

from __future__ import annotations

import math

import numpy as np


class GradientClip:
    """Clip at global norm ``max_norm`` (0: off)."""

    def __init__(self, max_norm: float = 0.0):
        self.max_norm = check_clip(max_norm)
        self.clipped = 0

    def clip(self, grads: np.ndarray) -> None:
        """Scale ``grads`` in place when their norm exceeds ``max_norm``."""
        norm = math.sqrt(float(np.vdot(grads, grads)))
        if norm > self.max_norm:
            grads *= self.max_norm / (norm + 1e-6)
            self.clipped += 1


def check_clip(value, where: str = "clip") -> float:
    """``value`` as a clip norm: a finite number >= 0 (0 = off); ValueError otherwise."""
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{where}: the gradient-norm limit must be a finite number >= 0 (0 = off), got {value!r}")
    return value
