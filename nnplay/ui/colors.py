"""Colours: class colours, diverging lookup tables, multi-class shading.

Two palettes: the default (TensorFlow Playground's orange and blue, further
classes in Okabe-Ito hues) and "colour-blind safe", whose two main colours
also differ strongly in lightness (light orange against dark blue), so they
stay apart for every kind of colour blindness and in greyscale. Views ask for
colours when they draw (``negative()``, ``positive()``, ``class_rgb``,
``diverging_lut``), so switching with ``set_palette`` takes effect at the next
redraw.
"""

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


PALETTES = {
    "default": {"negative": ORANGE, "positive": BLUE, "classes": CLASS_COLORS, "layers": LAYER_COLORS},
    "colorblind": {"negative": (230, 159, 0), "positive": (0, 80, 150),
                   "classes": [(230, 159, 0), (0, 80, 150), (0, 158, 115), (213, 94, 0), (86, 180, 233),
                               (204, 121, 167), (240, 228, 66), (60, 60, 60)],
                   # Okabe-Ito's eight colours, told apart with every common colour blindness
                   "layers": [(0, 114, 178), (230, 159, 0), (0, 158, 115), (213, 94, 0), (204, 121, 167),
                              (86, 180, 233), (240, 228, 66), (0, 0, 0)]},
}
_current = {"name": "default"}


def set_palette(name: str) -> None:
    if name not in PALETTES:
        raise ValueError(f"unknown palette {name!r}")
    _current["name"] = name


def palette_name() -> str:
    return _current["name"]


def negative():
    """The colour of class 0 and of negative values."""
    return PALETTES[_current["name"]]["negative"]


def positive():
    """The colour of class 1 and of positive values."""
    return PALETTES[_current["name"]]["positive"]


def layer_rgb(l: int):
    """The colour of layer ``l``'s curve (0-based), e.g. in the gradient norms."""
    colours = PALETTES[_current["name"]]["layers"]
    return colours[l % len(colours)]


def hex_color(rgb) -> str:
    return "#%02x%02x%02x" % tuple(int(c) for c in rgb[:3])


def diverging_lut(low=None, mid=WHITE, high=None, n: int = 256) -> np.ndarray:
    """(n, 3) uint8: low -> mid -> high (by default the palette's negative and positive)."""
    low = negative() if low is None else low
    high = positive() if high is None else high
    t = np.linspace(0.0, 1.0, n)[:, None]
    low, mid, high = (np.array(c, float) for c in (low, mid, high))
    lut = np.where(t < 0.5, low + (mid - low) * (t / 0.5), mid + (high - mid) * ((t - 0.5) / 0.5))
    return np.clip(np.round(lut), 0, 255).astype(np.uint8)


def class_rgb(k: int) -> np.ndarray:
    colours = PALETTES[_current["name"]]["classes"]
    return np.array([colours[i % len(colours)] for i in range(k)], dtype=np.float32)


def pale(rgb, amount=0.35):
    """``rgb`` moved ``amount`` of the way to white."""
    return tuple(int(round(c + (255 - c) * amount)) for c in rgb)


CLASS_STRENGTH = (0.12, 0.65)  # how far from white a cell of its class is drawn: at a tie, and when certain


def class_image(classes: np.ndarray, confidence: np.ndarray, k: int, discrete: bool = False) -> np.ndarray:
    """(res, res) predicted classes (-1: undefined) and confidence in [0, 1] ->
    (res, res, 4) uint8 RGBA: each cell its class colour moved from white by
    CLASS_STRENGTH[0] at a tie up to CLASS_STRENGTH[1] when certain (always the
    latter when ``discrete``), so even a tie shows which class won; undefined
    cells are transparent (the view shows what lies behind: a hatch)."""
    colours = class_rgb(max(2, k))
    white = np.array(WHITE, np.float32)
    lo, hi = CLASS_STRENGTH
    strength = np.full(classes.shape, hi, np.float32) if discrete else lo + (hi - lo) * confidence.astype(np.float32)
    rgb = white + (colours[np.maximum(classes, 0)] - white) * strength[..., None]
    img = np.empty(classes.shape + (4,), np.uint8)
    img[..., :3] = np.clip(np.round(rgb), 0, 255)
    img[..., 3] = np.where(classes >= 0, 255, 0)
    return img
