"""The colours of a picture, read in one NumPy pass: a test asking which colours
a slide-sized picture holds looped over 480,000 ``QImage.pixelColor`` calls in
Python, seconds of the suite for one set."""

from __future__ import annotations

import numpy as np


def rgb(image) -> np.ndarray:
    """(height, width, 3) uint8 RGB of a QImage, as ``pixelColor`` reads it
    (alpha left out). Exact for what a PNG file loads as (RGB32, ARGB32); a
    premultiplied picture (a widget's grab) may differ by a unit of rounding."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return raw[:, :image.width(), 2::-1]  # BGRA in memory (little-endian) -> RGB


def colours(image, step: int = 1) -> set[tuple[int, int, int]]:
    """The (r, g, b) of every ``step``-th pixel across and down, from (0, 0)."""
    px = rgb(image)[::step, ::step].reshape(-1, 3).astype(np.uint32)
    packed = np.unique(px[:, 0] << 16 | px[:, 1] << 8 | px[:, 2])  # (np.unique(axis=0) sorts rows: seconds)
    return {(int(v >> 16), int(v >> 8 & 255), int(v & 255)) for v in packed}


def hex_colours(image, step: int = 1) -> set[str]:
    """``colours`` as ``QColor.name()`` writes them: '#rrggbb'."""
    return {f"#{r:02x}{g:02x}{b:02x}" for r, g, b in colours(image, step)}
