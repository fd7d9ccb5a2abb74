"""The class colours stay apart for up to 10 classes (with 8 blobs, class 2's
teal and class 7's lime looked alike: CIEDE2000 20 at one lightness), on a
white and on a dark background."""

from __future__ import annotations

import colorsys
import itertools
import math

import numpy as np

from nnplay.ui.colors import CLASS_COLORS


def _lab(rgb) -> np.ndarray:
    """sRGB (0..255) -> CIELAB under D65 (the CIE formulas)."""
    c = np.asarray(rgb[:3], float) / 255
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ c
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > 216 / 24389, np.cbrt(f), (24389 / 27 * f + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _de2000(lab1, lab2) -> float:
    """CIEDE2000 (Sharma, Wu and Dalal 2005, with kL = kC = kH = 1)."""
    (L1, a1, b1), (L2, a2, b2) = lab1, lab2
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar**7 / (cbar**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    dH = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    lbar, cbar = (L1 + L2) / 2, (c1 + c2) / 2
    hbar = h1 + h2 if c1 * c2 == 0 else ((h1 + h2) / 2 if abs(h1 - h2) <= 180 else (h1 + h2 + 360 * (h1 + h2 < 360) - 360 * (h1 + h2 >= 360)) / 2)
    t = (1 - 0.17 * math.cos(math.radians(hbar - 30)) + 0.24 * math.cos(math.radians(2 * hbar))
         + 0.32 * math.cos(math.radians(3 * hbar + 6)) - 0.20 * math.cos(math.radians(4 * hbar - 63)))
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbar, 1 + 0.015 * cbar * t
    rt = -math.sin(math.radians(60 * math.exp(-(((hbar - 275) / 25) ** 2)))) * 2 * math.sqrt(cbar**7 / (cbar**7 + 25**7))
    return math.sqrt(((L2 - L1) / sl) ** 2 + ((c2 - c1) / sc) ** 2 + (dH / sh) ** 2 + rt * (c2 - c1) / sc * dH / sh)


def _hue(rgb) -> float:
    return colorsys.rgb_to_hsv(*(v / 255 for v in rgb[:3]))[0] * 360


def test_the_formula_against_sharmas_published_pairs():
    assert math.isclose(_de2000((50, 2.6772, -79.7751), (50, 0, -82.7485)), 2.0425, abs_tol=1e-4)
    assert math.isclose(_de2000((50, 2.5, 0), (73, 25, -18)), 27.1492, abs_tol=1e-4)


def test_ten_class_colours_that_stay_apart():
    assert len(CLASS_COLORS) >= 10
    labs = [_lab(c) for c in CLASS_COLORS[:10]]
    first8 = min(_de2000(labs[i], labs[j]) for i, j in itertools.combinations(range(8), 2))
    every = min(_de2000(labs[i], labs[j]) for i, j in itertools.combinations(range(10), 2))
    assert first8 >= 20 and every >= 19, (first8, every)
    for i, j in itertools.combinations(range(10), 2):
        gap = abs(_hue(CLASS_COLORS[i]) - _hue(CLASS_COLORS[j])) % 360
        if min(gap, 360 - gap) < 25:  # a near hue: only for classes 9 and 10, told apart by lightness
            assert j >= 8 and abs(labs[i][0] - labs[j][0]) >= 25, (i, j)
    assert all(40 <= lab[0] <= 80 for lab in labs)  # seen on a white and on a dark background


def test_no_two_of_many_classes_share_a_colour_in_either_palette():
    """Tester 16 (u3_manycls.png, mc.png): with 12 classes the colour-blind palette gave classes 9-12
    the first four colours exactly, the default classes 11-12 Playground's orange and blue. A CSV may
    have up to 50 classes: each further colour is as far as can be from every one before."""
    from nnplay.data.csv_loader import MAX_CLASSES
    from nnplay.ui import colors

    try:
        for palette in ("default", "colorblind"):
            colors.set_palette(palette)
            for k, least in ((12, 15), (MAX_CLASSES, 5)):
                rgb = colors.class_rgb(k)
                labs = [_lab(c) for c in rgb]
                apart = min(_de2000(labs[i], labs[j]) for i, j in itertools.combinations(range(k), 2))
                assert apart >= least, (palette, k, apart)
                assert np.array_equal(colors.class_rgb(8), rgb[:8])  # (more classes keep the first ones' colours)
    finally:
        colors.set_palette("default")
