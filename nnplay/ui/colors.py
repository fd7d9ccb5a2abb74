"""Colours: class colours, diverging lookup tables, multi-class shading."""

from __future__ import annotations

import numpy as np

# TensorFlow Playground's orange (class 0, its -1) and blue (class 1, its +1)
ORANGE = (245, 147, 34)
BLUE = (8, 119, 189)
WHITE = (232, 234, 237)
# further classes: Okabe-Ito hues, distinguishable with common colour blindness
CLASS_COLORS = [ORANGE, BLUE, (0, 158, 115), (204, 121, 167), (86, 180, 233), (213, 94, 0), (240, 228, 66),
                (120, 120, 120)]
LAYER_COLORS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
                (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]


def hex_color(rgb) -> str:
    return "#%02x%02x%02x" % tuple(int(c) for c in rgb[:3])


def diverging_lut(low=ORANGE, mid=WHITE, high=BLUE, n: int = 256) -> np.ndarray:
    """(n, 3) uint8: low -> mid -> high."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    low, mid, high = (np.array(c, float) for c in (low, mid, high))
    lut = np.where(t < 0.5, low + (mid - low) * (t / 0.5), mid + (high - mid) * ((t - 0.5) / 0.5))
    return np.clip(np.round(lut), 0, 255).astype(np.uint8)


def two_colour_lut(low=ORANGE, high=BLUE) -> np.ndarray:
    """A 256-entry table that is ``low`` below the middle and ``high`` above: the
    discretised output with the same levels as the smooth one."""
    lut = np.empty((256, 3), np.uint8)
    lut[:128] = low
    lut[128:] = high
    return lut


def class_rgb(k: int) -> np.ndarray:
    return np.array([CLASS_COLORS[i % len(CLASS_COLORS)] for i in range(k)], dtype=np.float32)


def multiclass_image(probs: np.ndarray, discrete: bool = False) -> np.ndarray:
    """(res, res, k) class probabilities -> (res, res, 3) uint8: the argmax class
    colour, faded towards white where the network is unsure (max p near 1/k)."""
    k = probs.shape[2]
    colours = class_rgb(k)
    top = probs.argmax(axis=2)
    if discrete:
        strength = np.full(top.shape, 0.65, np.float32)
    else:
        conf = probs.max(axis=2).astype(np.float32)
        strength = np.clip((conf - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)[..., None] * 0.65
    white = np.array(WHITE, np.float32)
    img = white + (colours[top] - white) * (strength if strength.ndim == 3 else strength[..., None])
    return np.ascontiguousarray(np.clip(img, 0, 255).astype(np.uint8))
