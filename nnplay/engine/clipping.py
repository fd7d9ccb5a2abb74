"""Gradient-norm clipping over the whole parameter vector, as PyTorch's
``torch.nn.utils.clip_grad_norm_`` (global 2-norm, ``error_if_nonfinite=False``):

    n = ||g||_2 over every dW and db that trains;   if n > c:  g := g c / (n + 1e-6)

"That trains": frozen parameters and those pruning holds at 0 (``engine.masks``'
held entries) are left out of the norm, as PyTorch leaves out a parameter that
gets no gradient (``requires_grad=False``): a frozen layer's large dW no longer
clips, or shrinks, the steps of the layers that learn.

applied to the gradient the optimizer steps on (data loss plus the L2 term;
the L1 step comes after the optimizer's step and is not clipped). ``clipped``
counts the steps that were clipped (the trainer reads it per epoch).
"""

from __future__ import annotations

import math

import numpy as np

from .norms import norm2


class GradientClip:
    """Clip at global norm ``max_norm`` (0: off)."""

    def __init__(self, max_norm: float = 0.0):
        self.max_norm = check_clip(max_norm)
        self.clipped = 0

    def clip(self, grads: np.ndarray, held: np.ndarray | None = None) -> None:
        """Scale ``grads`` in place when their norm exceeds ``max_norm``; the
        entries at indices ``held`` (frozen, pruned: they do not train) are left
        out of the norm."""
        norm = trained_norm(grads, held)
        if norm > self.max_norm:
            grads *= self.max_norm / (norm + 1e-6)
            self.clipped += 1


def trained_norm(grads: np.ndarray, held: np.ndarray | None = None) -> float:
    """The 2-norm of ``grads`` (flat) without the entries at indices ``held``."""
    total = float(np.vdot(grads, grads))
    if not total < math.inf:  # its square overflowed (a weight typed as 1e300): scaled, no warning (engine.norms)
        return norm2(np.delete(grads, held) if held is not None else grads)
    if held is not None and held.size:
        left_out = grads[held]
        total = max(0.0, total - float(np.vdot(left_out, left_out)))
    return math.sqrt(total)


def check_clip(value, where: str = "clip") -> float:
    """``value`` as a clip norm: a finite number >= 0 (0 = off); ValueError otherwise."""
    number = float(value)
    if not (math.isfinite(number) and number >= 0):  # (named as given: a file's 1e400, not the inf it reads as)
        raise ValueError(f"{where}: the gradient-norm limit must be a finite number >= 0 (0 = off), got {value!r}")
    return number
