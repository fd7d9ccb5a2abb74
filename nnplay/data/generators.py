"""Toy data sets. The first six reproduce TensorFlow Playground's generators
(geometry, counts and noise model, read from its dataset.ts); labels are 0/1
here where the Playground uses -1/+1 (class 1 is its +1).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..user_text import shown
from .dataset import CLASSIFICATION, REGRESSION, Dataset

N_CLASSIFY = 500
N_REGRESS = 1200
DOMAIN = ((-6.0, 6.0), (-6.0, 6.0))


def circle(noise=0.0, seed=None, n=N_CLASSIFY) -> Dataset:
    """Class 1 inside radius 2.5, class 0 in the ring 3.5..5; the label is taken
    from the point shifted by U(-5, 5) * noise, so noise flips labels near the gap."""
    rng = np.random.default_rng(seed)
    radius = 5.0
    half = n // 2
    r = np.concatenate([rng.uniform(0, radius * 0.5, half), rng.uniform(radius * 0.7, radius, n - half)])
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    shifted = X + rng.uniform(-radius, radius, (n, 2)) * noise
    y = (np.hypot(shifted[:, 0], shifted[:, 1]) < radius * 0.5).astype(int)
    return Dataset(X, y, CLASSIFICATION, "circle", domain=DOMAIN)


def xor(noise=0.0, seed=None, n=N_CLASSIFY) -> Dataset:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-5, 5, (n, 2))
    X += np.where(X > 0, 0.3, -0.3)  # keep points off the axes
    shifted = X + rng.uniform(-5, 5, (n, 2)) * noise
    y = (shifted[:, 0] * shifted[:, 1] >= 0).astype(int)
    return Dataset(X, y, CLASSIFICATION, "xor", domain=DOMAIN)


def gauss(noise=0.0, seed=None, n=N_CLASSIFY) -> Dataset:
    """Two blobs at (2, 2) (class 1) and (-2, -2); variance 0.5 -> 4 as noise 0 -> 0.5."""
    rng = np.random.default_rng(seed)
    variance = 0.5 + (4.0 - 0.5) * (noise / 0.5)
    half = n // 2
    centres = np.repeat([[2.0, 2.0], [-2.0, -2.0]], [half, n - half], axis=0)
    X = centres + rng.normal(0, np.sqrt(variance), (n, 2))
    y = np.repeat([1, 0], [half, n - half])
    return Dataset(X, y, CLASSIFICATION, "gauss", domain=DOMAIN)


def spiral(noise=0.0, seed=None, n=N_CLASSIFY) -> Dataset:
    return _spiral_arms(2, noise, seed, n, "spiral", labels=(1, 0))


def spiral_k(classes=3, noise=0.0, seed=None, n=N_CLASSIFY) -> Dataset:
    return _spiral_arms(classes, noise, seed, n, f"spiral-{classes}")


def _spiral_arms(k, noise, seed, n, name, labels=None) -> Dataset:
    """k arms: r = 5 i / n_arm, theta = 1.75 * 2 pi * i / n_arm + arm * 2 pi / k,
    points moved by U(-1, 1) * noise (for k = 2 exactly the Playground's spiral)."""
    rng = np.random.default_rng(seed)
    per = n // k
    parts, ys = [], []
    for arm in range(k):
        count = per if arm < k - 1 else n - per * (k - 1)
        i = np.arange(count)
        r = i / count * 5
        t = 1.75 * i / count * 2 * np.pi + arm * 2 * np.pi / k
        pts = np.column_stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-1, 1, (count, 2)) * noise
        parts.append(pts)
        ys.append(np.full(count, arm if labels is None else labels[arm]))
    return Dataset(np.concatenate(parts), np.concatenate(ys), CLASSIFICATION, name, domain=DOMAIN)


def moons(noise=0.0, seed=None, n=N_CLASSIFY) -> Dataset:
    """Two interleaving half circles of radius 3, Gaussian jitter of sd 2 * noise."""
    rng = np.random.default_rng(seed)
    half = n // 2
    t0 = rng.uniform(0, np.pi, half)
    t1 = rng.uniform(0, np.pi, n - half)
    upper = np.column_stack([3 * np.cos(t0) - 1.5, 3 * np.sin(t0) - 0.75])
    lower = np.column_stack([1.5 - 3 * np.cos(t1), 0.75 - 3 * np.sin(t1)])
    X = np.concatenate([upper, lower]) + rng.normal(0, 2 * noise, (n, 2))
    y = np.repeat([1, 0], [half, n - half])
    return Dataset(X, y, CLASSIFICATION, "moons", domain=DOMAIN)


def blobs_k(classes=3, noise=0.0, seed=None, n=N_CLASSIFY) -> Dataset:
    """k Gaussian blobs on a circle of radius 3.5; sd 0.5 -> 2 as noise 0 -> 0.5."""
    rng = np.random.default_rng(seed)
    sd = 0.5 + 1.5 * (noise / 0.5)
    y = np.arange(n) % classes
    angles = 2 * np.pi * y / classes + np.pi / 2
    X = 3.5 * np.column_stack([np.cos(angles), np.sin(angles)]) + rng.normal(0, sd, (n, 2))
    return Dataset(X, y, CLASSIFICATION, f"blobs-{classes}", domain=DOMAIN)


def plane(noise=0.0, seed=None, n=N_REGRESS) -> Dataset:
    """Target (x1 + x2) mapped from [-10, 10] to [-1, 1], from the noise-shifted point."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-6, 6, (n, 2))
    shifted = X + rng.uniform(-6, 6, (n, 2)) * noise
    y = (shifted[:, 0] + shifted[:, 1]) / 10.0
    return Dataset(X, y, REGRESSION, "plane", domain=DOMAIN)


_GAUSSIANS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])


def multigauss(noise=0.0, seed=None, n=N_REGRESS) -> Dataset:
    """Six signed bumps; the target is the bump largest in absolute value,
    sign * clamp(1 - d / 2, 0, 1), at the noise-shifted point."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-6, 6, (n, 2))
    shifted = X + rng.uniform(-6, 6, (n, 2)) * noise
    d = np.hypot(shifted[:, None, 0] - _GAUSSIANS[:, 0], shifted[:, None, 1] - _GAUSSIANS[:, 1])
    values = _GAUSSIANS[:, 2] * np.clip(1 - d / 2, 0, 1)
    pick = np.abs(values).argmax(axis=1)
    y = values[np.arange(n), pick]
    return Dataset(X, y, REGRESSION, "multigauss", domain=DOMAIN)


# name -> (generator, takes a class count, description)
DATASETS: dict[str, tuple[Callable[..., Dataset], bool, str]] = {
    "circle": (circle, False, "two classes: a disc inside a ring (500 points)"),
    "xor": (xor, False, "two classes by quadrant, the sign of x1*x2 (500 points)"),
    "gauss": (gauss, False, "two Gaussian blobs (500 points)"),
    "spiral": (spiral, False, "two interleaved spiral arms (500 points)"),
    "moons": (moons, False, "two interleaving half moons (500 points)"),
    "spiral-k": (spiral_k, True, "K spiral arms, one class each (500 points; --classes 2..8)"),
    "blobs-k": (blobs_k, True, "K Gaussian blobs on a circle (500 points; --classes 2..8)"),
    "plane": (plane, False, "regression: a tilted plane, (x1 + x2) / 10 (1200 points)"),
    "multigauss": (multigauss, False, "regression: six signed Gaussian bumps (1200 points)"),
}


CLASSES_MIN, CLASSES_MAX = 2, 8  # for the ×k sets (spiral-k, blobs-k)


def generate(name: str, noise: float = 0.0, seed: int | None = 0, classes: int = 3) -> Dataset:
    """Make the named data set. ``noise`` is 0..0.5; ``classes``
    (CLASSES_MIN..CLASSES_MAX) for the -k sets. ValueError names a bad argument.
    Every point lies in the data set's domain, the region the views colour:
    noise that would carry a point beyond it is reflected back at its edge
    (``reflect_into``)."""
    if name not in DATASETS:
        raise ValueError(f"unknown data set {shown(name)}; choose one of {', '.join(DATASETS)}")
    if not 0.0 <= noise <= 0.5:
        raise ValueError(f"noise must be between 0 and 0.5, got {noise:g}")
    fn, takes_k, _ = DATASETS[name]
    if takes_k:
        if not CLASSES_MIN <= classes <= CLASSES_MAX:
            raise ValueError(f"classes must be between {CLASSES_MIN} and {CLASSES_MAX}, got {classes}")
        data = fn(classes=classes, noise=noise, seed=seed)
    else:
        data = fn(noise=noise, seed=seed)
    if data.task == CLASSIFICATION:  # (a regression target is a function of the point: left as drawn)
        data.X = reflect_into(data.X, data.domain)
    return data


def reflect_into(X: np.ndarray, domain) -> np.ndarray:
    """(m, 2) points folded into ``domain`` ((x_lo, x_hi), (y_lo, y_hi)) by
    reflection at its edges, as many times as needed (a triangle wave of
    period twice the width); points inside are unchanged."""
    X = np.array(X, dtype=np.float64)
    for axis, (lo, hi) in enumerate(domain):
        width = hi - lo
        x = X[:, axis]
        t = np.mod(x - lo, 2 * width)
        X[:, axis] = np.where((x >= lo) & (x <= hi), x, lo + np.where(t <= width, t, 2 * width - t))
    return X
