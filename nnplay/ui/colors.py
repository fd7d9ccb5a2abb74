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

import functools

import numpy as np
import pyqtgraph as pg

# TensorFlow Playground's orange (class 0, its -1) and blue (class 1, its +1)
ORANGE = (245, 147, 34)
BLUE = (8, 119, 189)
# 0 of a signed scale, drawn white as every key says ("white 0"): it was TensorFlow Playground's grey
# (232, 234, 237), and a vanished gradient showed as grey blocks (fault 3 of round 19)
WHITE = (255, 255, 255)
LUT_SIZE = 255  # the diverging lookup tables' entries: odd, so the middle one is 0 exactly (white), not a step off
# further classes, up to 10: after Playground's orange and blue, each as far as it can be from
# those before it in CIEDE2000 (the CIE's colour difference of 2000), at a lightness L* of 40..80
# that shows on a white and on a dark background. The first 8 (the most spiral-k and blobs-k make)
# have hues at least 25 degrees apart and differ by dE00 >= 20 (the teal and lime of classes 2 and 7
# were 20 apart at one lightness, and looked alike); classes 9 and 10 share a hue with another only
# at a lightness 25 L* away, which the shading of confidence keeps (class_image: it changes
# saturation, never hue or lightness).
CLASS_COLORS = [ORANGE, BLUE, (17, 115, 17), (191, 29, 94), (57, 191, 178), (175, 191, 29), (128, 86, 191),
                (191, 45, 29), (115, 95, 17), (29, 191, 77)]
LAYER_COLORS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
                (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]


PALETTES = {
    "default": {"negative": ORANGE, "positive": BLUE, "classes": CLASS_COLORS, "layers": LAYER_COLORS},
    "colorblind": {"negative": (230, 159, 0), "positive": (0, 80, 150),
                   # Okabe-Ito; the first four of distinct hues, the others apart from those
                   # in lightness too (vermillion and sky blue, near the orange and blue in hue, come last)
                   "classes": [(230, 159, 0), (0, 80, 150), (0, 158, 115), (204, 121, 167), (240, 228, 66),
                               (213, 94, 0), (86, 180, 233), (60, 60, 60)],
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


def diverging_colormap(low=None, mid=WHITE, high=None) -> pg.ColorMap:
    """pyqtgraph's ColorMap from ``low`` at 0 through ``mid`` at 0.5 to ``high``
    at 1 (by default the palette's negative and positive colours): the colours
    of signed values, interpolated linearly in RGB."""
    low = negative() if low is None else low
    high = positive() if high is None else high
    return pg.ColorMap([0.0, 0.5, 1.0], [tuple(low), tuple(mid), tuple(high)])


def diverging_lut(low=None, mid=WHITE, high=None, n: int = LUT_SIZE) -> np.ndarray:
    """(n, 3) uint8: the lookup table of ``diverging_colormap(low, mid, high)``."""
    return diverging_colormap(low, mid, high).getLookupTable(0.0, 1.0, n, alpha=False)


def lut_index(t) -> np.ndarray:
    """Indices into a LUT_SIZE lookup table of ``t`` (array, 0..1, clipped): the nearest entry, so 0.5
    (a signed scale's 0) is the middle one, white (truncating ``t * 255`` into 256 entries gave 0 a
    colour a step towards the negative one)."""
    return np.rint(np.clip(t, 0.0, 1.0) * (LUT_SIZE - 1)).astype(np.intp)


def class_rgb(k: int) -> np.ndarray:
    """(k, 3) float32 RGB of classes 0..k-1 in the current palette: its own colours, then (a CSV may have
    up to 50 classes) colours each as far in CIELAB as can be from every one before (``_more_colours``),
    never a repeat (with 12 classes the colour-blind palette repeated its first four exactly: tester 16)."""
    colours = PALETTES[_current["name"]]["classes"]
    if k > len(colours):
        colours = _more_colours(_current["name"], k)
    return np.array(colours[:k], dtype=np.float32)


def _lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB (n, 3) in 0..255 -> CIELAB (n, 3) under D65 (the CIE's formulas)."""
    c = np.asarray(rgb, float) / 255
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    xyz = c @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]).T
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > 216 / 24389, np.cbrt(f), (24389 / 27 * f + 16) / 116)
    return np.column_stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])])


@functools.lru_cache(maxsize=8)
def _more_colours(palette: str, k: int) -> list:
    """The palette's class colours and further ones up to ``k``: each the sRGB colour (on a grid of 16
    levels a channel, at a lightness L* of 35..80, which shows on a white and on a dark background) whose
    least CIELAB distance to the colours before it is greatest."""
    own = [tuple(c) for c in PALETTES[palette]["classes"]]
    levels = np.arange(0, 256, 17)
    grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1).reshape(-1, 3)
    lab = _lab(grid)
    grid, lab = grid[(lab[:, 0] >= 35) & (lab[:, 0] <= 80)], lab[(lab[:, 0] >= 35) & (lab[:, 0] <= 80)]
    nearest = np.min(np.linalg.norm(lab[:, None, :] - _lab(np.array(own))[None, :, :], axis=2), axis=1)
    colours = list(own)
    while len(colours) < k:
        best = int(np.argmax(nearest))
        colours.append(tuple(int(v) for v in grid[best]))
        nearest = np.minimum(nearest, np.linalg.norm(lab - lab[best], axis=1))
    return colours


# past its own colours, the colour-blind palette marks each class by a shape too (as matplotlib's and seaborn's
# `markers` do): the further colours are far apart in CIELAB, but not all told apart with every colour blindness
CLASS_SHAPES = ("o", "s", "t1", "d", "+", "x", "star", "t", "p", "h", "t2", "t3")  # pyqtgraph's symbols
SHAPE_GLYPHS = {"o": "●", "s": "■", "t1": "▲", "d": "◆", "+": "✚", "x": "✖", "star": "★", "t": "▼",
                "p": "⬟", "h": "⬢", "t2": "▶", "t3": "◀"}  # the same shapes in the keys' text


def class_symbols(k: int) -> list | None:
    """The pyqtgraph symbol of each of ``k`` classes where colour alone does not tell them apart in the
    current palette (the colour-blind one, past its own eight colours: a shape per class, CLASS_SHAPES,
    repeating only past 12), else None (every point a circle)."""
    if _current["name"] != "colorblind" or k <= len(PALETTES["colorblind"]["classes"]):
        return None
    return [CLASS_SHAPES[i % len(CLASS_SHAPES)] for i in range(k)]


def point_symbols(k: int, labels) -> object:
    """The ``symbol`` argument of a ScatterPlotItem for points of ``labels`` (of ``k`` classes): "o",
    or a shape per point (``class_symbols``)."""
    shapes = class_symbols(k)
    return "o" if shapes is None else [shapes[int(c)] for c in labels]


def class_marks(k: int) -> list[str]:
    """The swatch glyph of each of ``k`` classes in a text key: "■", or the class's shape where the
    classes are marked by shape too (``class_symbols``), as the points are drawn."""
    shapes = class_symbols(max(2, k))
    return ["■"] * k if shapes is None else [SHAPE_GLYPHS[shapes[c]] for c in range(k)]


def class_icon(k: int, c: int, size: int = 14):
    """A QIcon of class ``c`` of ``k`` as its points are drawn: its colour, in its shape (``class_symbols``:
    the colour-blind palette's shapes past its eight colours), else a circle, with the points' outline."""
    import pyqtgraph as pg
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

    shapes = class_symbols(max(2, k))
    path = pg.graphicsItems.ScatterPlotItem.Symbols["o" if shapes is None else shapes[c]]
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(QPointF(size / 2, size / 2))
    painter.scale(size - 2, size - 2)  # (pyqtgraph's symbols span -0.5 … 0.5)
    painter.setPen(pg.mkPen(40, 40, 40, 200, width=1.0, cosmetic=True))
    painter.setBrush(QColor(*[int(v) for v in class_rgb(max(2, k))[c][:3]]))
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)


CLASS_NAME_CHARS = 24  # the most characters of a class's name a key shows (the tooltip has it whole)


def class_key(names) -> str:
    """Rich text: a swatch of each class's colour before its name (``names`` in class order); where
    the classes are marked by shape too (``class_symbols``), the swatch is the class's shape, and the
    key says so."""
    entries, note = class_key_entries(names)
    return " ".join(entries) + note


def class_key_entries(names) -> tuple[list[str], str]:
    """Each class's swatch and name in rich text (``class_key``'s, one a class), and what the key says after
    them: " (each class a shape as well as a colour)" where the classes are marked by shape too, else ""."""
    import html

    from .elide import elided_names

    rgb = class_rgb(max(2, len(names)))
    shapes = class_symbols(max(2, len(names)))
    marks = class_marks(len(names))
    names, _ = elided_names(names, CLASS_NAME_CHARS)  # a CSV's class may have a name of any length
    entries = [f"<span style='color:{hex_color(rgb[k])}'>{marks[k]}</span>&nbsp;{html.escape(str(name))}"
               for k, name in enumerate(names)]
    return entries, "" if shapes is None else " (each class a shape as well as a colour)"


def class_names_tip(names) -> str:
    """A tooltip with the whole names of the classes ``class_key`` shortens ('' when none is)."""
    from .elide import elided_names

    return elided_names(names, CLASS_NAME_CHARS)[1]


def pale(rgb, amount=0.35):
    """``rgb`` moved ``amount`` of the way to white."""
    return tuple(int(round(c + (255 - c) * amount)) for c in rgb)


REGION_PALE = 0.3  # a region's colour is its class colour moved this far to white: its points stand out on it
CLASS_SATURATION = (0.3, 1.0)  # how much of that colour's saturation a cell keeps: at a tie, and when certain


def class_image(classes: np.ndarray, confidence: np.ndarray, k: int, discrete: bool = False) -> np.ndarray:
    """(res, res) predicted classes (-1: undefined) and confidence in [0, 1] ->
    (res, res, 4) uint8 RGBA. Each cell has its class's region colour (the class
    colour paled by REGION_PALE), desaturated towards the grey of the same
    luminance (0.299 R + 0.587 G + 0.114 B, ITU-R BT.601) to CLASS_SATURATION[0]
    at a tie, fully saturated when certain (always when ``discrete``). So
    confidence changes saturation only: a cell's lightness and hue say its
    class, and even a tie shows which class won. Undefined cells are
    transparent (the view shows what lies behind: a hatch).

    Drawn through a lookup table of every class at CONFIDENCE_STEPS levels
    of confidence (a live frame's picture is one indexing, not arithmetic on
    every cell); a level step moves a colour by less than 0.1 of a unit."""
    words, n = _class_words(k)
    c = np.where(classes >= 0, classes, n)  # the last row of the table: class 0's, transparent
    if discrete:
        q = CONFIDENCE_STEPS - 1
    else:
        q = np.clip(np.asarray(confidence, np.float32) * (CONFIDENCE_STEPS - 1) + 0.5, 0, CONFIDENCE_STEPS - 1)
        q = q.astype(np.intp)
    cells = c * CONFIDENCE_STEPS + q  # one gather of 4-byte RGBA words (a frame's cost: 199 x 199 cells)
    return words.take(cells).view(np.uint8).reshape(*np.shape(cells), 4)


def output_class_image(A: np.ndarray, loss: str, k: int, discrete: bool = False, factor: int = 1) -> np.ndarray:
    """The class picture straight from the network's outputs over the plane: A is (h, w) or
    (h, w, n) (A[L] of every cell), upsampled ``factor`` times (``training.pictures.upsample``) ->
    (H, W, 4) uint8 RGBA, the same pixels as ``class_image(predicted_classes(A), class_confidence(A,
    loss), k, discrete)`` of the upsampled A, except that the logits are interpolated, not the outputs
    (``pictures.output_logits``: a border that follows the network's, not the grid's cells), and that
    with many outputs each point is given one of the classes of the grid points around it
    (``upsampled_classes``: no stray point of a third class on a border). With one output ('bce',
    'tanh_mse') a cell's class and its confidence both follow from its one number, so the picture
    takes a few passes over the cells instead of about twenty (the live frame's 197 x 197 upsampled
    grid: 0.9 -> 0.3 ms)."""
    from ..training.pictures import logit_bound, output_from_logits, output_logits, upsample, upsampled_classes

    A = np.asarray(A)
    if loss == "ce" or (A.ndim == 3 and A.shape[2] != 1):
        classes, confidence = upsampled_classes(A if A.ndim == 3 else A[..., None], factor)
        return class_image(classes, confidence, k, discrete)
    A = A.reshape(A.shape[:2])
    if A.dtype.kind != "f":
        A = A.astype(np.float64)
    if factor > 1:  # the logits interpolated, not the saturated outputs (a staircase on the grid's cells)
        z = output_logits(A, loss)  # (cubic: a border with no corner at each cell edge)
        z = upsample(z, factor, cubic=True, bound=logit_bound(z.dtype, loss))
        upper, p = z >= 0.0, output_from_logits(z, loss)  # (class 1 where the logit >= 0: p >= 0.5, a >= 0)
    else:
        p = A
    words, n = _class_words(k)
    steps = CONFIDENCE_STEPS
    with np.errstate(invalid="ignore", over="ignore"):
        if factor <= 1:
            upper = p >= (0.0 if loss == "tanh_mse" else 0.5)  # class 1 (predicted_classes' rule)
        if discrete:
            cells = np.full(p.shape, steps - 1, np.int32)
        else:  # class_confidence's arithmetic, then class_image's: the same roundings in the same order
            conf = np.multiply(p, 2.0) if loss == "bce" else np.array(p)
            if loss == "bce":
                conf -= 1.0
            np.abs(conf, out=conf)
            np.clip(conf, 0.0, 1.0, out=conf)
            q = conf.astype(np.float32, copy=False)  # (float32 already from the picture's network: no copy)
            q *= np.float32(steps - 1)
            q += np.float32(0.5)
            cells = q.astype(np.int32)  # (in 0.5 .. steps - 0.5: no clip needed; 32 bits: half the memory)
        cells += np.multiply(upper, steps, dtype=np.int32)  # (np.add's where= took 4 times as long)
        if not np.isfinite(np.add.reduce(p, axis=None)):  # some cell undefined (or a sum too large: looked at)
            cells[~np.isfinite(p)] = n * steps + (steps - 1 if discrete else 0)  # transparent, as class_image
    return words.take(cells).view(np.uint8).reshape(*p.shape, 4)


def _class_words(k: int) -> tuple[np.ndarray, int]:
    """``_class_table`` of k classes as one flat array of RGBA words, and its number of classes."""
    base = region_rgb(k)
    n = base.shape[0]
    return _class_table(base.tobytes(), n).view(np.uint32).reshape(-1), n


CONFIDENCE_STEPS = 1024  # confidence levels of class_image's lookup table


@functools.lru_cache(maxsize=16)
def _class_table(base_bytes: bytes, n: int) -> np.ndarray:
    """(n + 1, CONFIDENCE_STEPS, 4) uint8: class a's region colour at each confidence level, as
    class_image describes; row n is row 0 made transparent (undefined: the colour under a zero alpha
    stays a class's, as exporters and readers of the picture expect)."""
    base = np.frombuffer(base_bytes, np.float32).reshape(n, 3)
    grey = (base @ LUMA)[:, None] * np.ones(3, np.float32)
    lo, hi = CLASS_SATURATION
    sat = lo + (hi - lo) * np.linspace(0.0, 1.0, CONFIDENCE_STEPS, dtype=np.float32)
    rgb = grey[:, None, :] + (base - grey)[:, None, :] * sat[None, :, None]
    table = np.zeros((n + 1, CONFIDENCE_STEPS, 4), np.uint8)
    table[:n, :, :3] = np.clip(np.round(rgb), 0, 255)
    table[:n, :, 3] = 255
    table[n, :, :3] = table[0, :, :3]
    table.flags.writeable = False
    return table


LUMA = np.array([0.299, 0.587, 0.114], np.float32)


def region_rgb(k: int) -> np.ndarray:
    """(max(2, k), 3) float32: the colour of each class's region when the network is certain."""
    colours = class_rgb(max(2, k))
    return colours + (255.0 - colours) * REGION_PALE


def value_maps():
    """The output view's colour maps of values (a regression, a neuron's output): the points', and the
    background's, paler than the points so a point of the value its region predicts still stands out.
    Made once per palette (two ColorMaps made at every frame were a fifth of the output view's update)."""
    return _value_maps_of(tuple(negative()), tuple(positive()))


@functools.lru_cache(maxsize=8)
def _value_maps_of(neg: tuple, pos: tuple):
    return diverging_colormap(neg, WHITE, pos), diverging_colormap(pale(neg), WHITE, pale(pos))


def lookup_table(cmap) -> np.ndarray:
    """(LUT_SIZE, 3) uint8: ``cmap``'s lookup table, computed once per colour map (given to an ImageItem
    with levels (0, 1), pyqtgraph puts 0.5 in entry int(0.5 * LUT_SIZE), the middle one)."""
    lut = getattr(cmap, "_nnplay_lut", None)
    if lut is None:
        lut = cmap._nnplay_lut = cmap.getLookupTable(0.0, 1.0, LUT_SIZE, alpha=False)
        lut.flags.writeable = False
    return lut
