"""The network diagram in little room: a zoomed window on a small screen
(presentation mode at ×1.8 on 1024×768) leaves the diagram a few lines of its
own, larger, font. The texts under the drawing then give way to it: the colour
key moves into the read-out's tooltip and the read-out keeps one line of room
instead of two; the layer titles are hidden before they would cover the
neurons (hovering still names each neuron). Where even that leaves the drawing
too little room, the Network panel's settings fold away under a toggle
(``settings_fold.SettingsFold``): the hidden layers stay, the drawing gets the column."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel

from .column_room import bar_room, room, scroll_view
from .diagram_readout import captions
from .elide import elided_list
from .widgets import after_font_change, on_event

DRAWING_LINES = 12  # the least room, in lines of the font, the diagram is left under the Network panel
TIGHT_LINES = DRAWING_LINES + 2  # a diagram shorter than this many lines of its font is tight
LABEL_SHARE = 0.3  # an input's name takes at most this share of the diagram's width (elided with "…")
LABEL_MIN_PX = 60.0
ROW_LINES = 1.5  # the drawing keeps this many lines of the font per neuron of its tallest layer...
ROW_CAP = 10  # ...counting at most this many (a wider layer is drawn smaller, as on an unzoomed screen)
NETWORK_LEAST = 230  # the least width a neuron's room is reckoned at, in pixels (its column may be narrower)
LEAST_ROW_LINES, LEAST_TITLE_LINES = 1.25, 4  # the least the drawing is left, whatever the column's room
TITLE_SHARE = 0.35  # the layer titles are hidden where they would take more of the drawing's height
READABLE_NODE_LINES = 0.8  # the least a neuron is drawn, in lines of the font: a narrower column scrolls sideways
NAME_ROOM_PX = 120.0  # the most room the input names are reckoned to take left of the drawing, in pixels


def is_tight(d) -> bool:
    """Whether diagram ``d`` is short for its font (a zoomed window on a small screen): the room its
    column offers it (``offered_height``) is under TIGHT_LINES lines of its font, or under its least
    with the key shown and a read-out of two lines (``least_height``) and its drawing's comfort: the
    key then gives way rather than make the column scroll or squeeze the drawing. Neither changes as
    the key shows or hides (reckoned from the diagram's height, which in a scrolling column is its
    least, the key once shown kept itself shown and the column scrolled by it: 1024×768, a network of
    8,8,8). In no scrolled column (``nnplay render``'s panel, laid out at a size): its height is under
    TIGHT_LINES lines."""
    line, offered = d.fontMetrics().lineSpacing(), offered_height(d)
    if offered is None:
        return d.height() < TIGHT_LINES * line
    width = d.contentsRect().width() + bar_room(d.parentWidget())
    return offered < max(TIGHT_LINES * line, least_height(d, width, loose=True) + comfort(d, line))


def offered_height(d) -> int | None:
    """The height, in pixels, diagram ``d``'s column offers it without scrolling: the column's room
    (``room``) less the least of all else in it; None where it is in no scrolled column."""
    column = d.parentWidget()
    if scroll_view(column) is None:
        return None
    return room(column) - column.minimumSizeHint().height() + d.minimumHeight()


def comfort(d, line: float) -> float:
    """The room, in pixels, diagram ``d``'s drawing is given above its least (``keep_drawing_room``) before
    the key under it shows and before the settings above it stay shown: ``drawing_lines`` lines of
    ``line`` pixels for its tallest layer."""
    return max(0.0, drawing_lines(max(map(len, d.nodes), default=0)) * line - d.canvas.minimumHeight())


def fit_room(d) -> None:
    """Give the drawing of diagram ``d`` the room the texts under it can spare, and keep
    the room its tallest layer needs (``keep_drawing_room``)."""
    line = d.readout.fontMetrics().lineSpacing()
    tight = is_tight(d)
    d.key.setVisible(not tight)
    d.readout.setToolTip(f"<p>{d.key.text()}</p><p>{d.key.toolTip()}</p>" if tight else "")
    # the room of the tallest read-out the network can show, kept from the start (in the font of the zoom,
    # at the diagram's width): were the label to grow under the pointer (a neuron's read-out takes three
    # lines), the drawing above would shrink and move, and a click would miss its link
    d.readout.setFixedHeight(max((1 if tight else 2) * line, caption_height(d)))
    keep_drawing_room(d)  # (with the texts as they now are)


def keep_drawing_room(d) -> None:
    """The drawing of diagram ``d`` (its canvas) at least LEAST_ROW_LINES lines of its font per
    neuron of its tallest layer tall, and the titles' (the fold gives it ``drawing_lines``): at ×1.25 on 1280×800 a network of 8,8 was drawn ~50 px wide (the
    settings left the canvas 147 px, the aspect-locked drawing shrank with it). Where the
    column has not that room even with the settings folded, it scrolls (window_columns)."""
    rows = max(map(len, d.nodes), default=0)
    line = d.fontMetrics().lineSpacing()
    keep_readable_width(d)
    pitch = LEAST_ROW_LINES * line  # a neuron's room, in pixels: no more than the drawing's width allows (the
    rects = [r for col in d.nodes for _, r in col]  # drawing keeps its aspect: a deep network is as wide as its
    if rects:  # column, and more height would only scroll it)
        pitches = (max(r.right() for r in rects) - min(r.left() for r in rects)) / (d.pitch_units or 1.0) + 1.0
        least = max(NETWORK_LEAST, d.parentWidget().minimumWidth() if d.parentWidget() is not None else 0,
                    d.canvas.minimumWidth())
        pitch = min(pitch, (1.0 - LABEL_SHARE) * least / pitches)  # (at the column's least width, which follows
        # the zoom: the canvas's own width follows the scroll bar this minimum brings, and they went back and forth)
    need = round(pitch * min(rows, ROW_CAP) + LEAST_TITLE_LINES * line)
    if d.canvas.minimumHeight() != need:
        d.canvas.setMinimumHeight(need)
    scroll = d.canvas_scroll  # its own least height: the drawing's, and the sideways scroll bar's where it shows
    bar = sideways_bar(d, d.contentsRect().width())
    if scroll.minimumHeight() != need + bar:
        scroll.setMinimumHeight(need + bar)
    # the diagram's own minimum: the drawing's and that of each text under it, wrapped at the diagram's
    # width (the diagram has no height-for-width, so a wrapped key is counted here, or it was drawn over)
    texts = {w: None for w in (d.key, d.zero_count, d.readout, d.undefined_label) if w.isVisibleTo(d)}
    total = scroll.minimumHeight() + texts_height(d, texts, d.contentsRect().width())
    if d.minimumHeight() != total:
        d.setMinimumHeight(total)


def texts_height(d, texts: dict, width: int) -> int:
    """The room, in pixels, the labels ``texts`` take under diagram ``d``'s drawing, the layout's spacing
    included: each its height given in ``texts`` (or None: its fixed height, else its height wrapped at
    ``width``, the diagram's width in pixels)."""
    fixed = [h if h is not None else w.minimumHeight() if w.minimumHeight() == w.maximumHeight() else
             max(w.heightForWidth(width), w.minimumSizeHint().height()) for w, h in texts.items()]
    return sum(fixed) + d.layout().spacing() * len(texts)


def least_height(d, width: int, loose: bool = False) -> int:
    """Diagram ``d``'s least height, in pixels, as ``keep_drawing_room`` reckons it were it ``width``
    pixels wide, with its texts as a tight diagram shows them (the key in the read-out's tooltip, the
    read-out the least its captions need) or, ``loose``, as a diagram with room does (the key shown,
    the read-out two lines at least): a function of the network, the font and the width, never of
    the room the diagram has now. The fold (``SettingsFold.need``) decides on the tight one:
    reckoned with the key, which shows only once the settings fold, the diagram's least grew by the
    key when they folded and kept them folded after a zoom step and back at 1016×740 (the column
    needed 665 px of its 632, and 615 before the step)."""
    bar = sideways_bar(d, width)
    readout = max((2 if loose else 1) * d.readout.fontMetrics().lineSpacing(), caption_height(d, width))
    texts = {w: None for w in (d.zero_count, d.undefined_label) if w.isVisibleTo(d)}
    key = {d.key: max(d.key.heightForWidth(width), d.key.minimumSizeHint().height())} if loose else {}
    return d.canvas.minimumHeight() + bar + texts_height(d, {**key, d.readout: readout, **texts}, width)


def sideways_bar(d, width: int) -> int:
    """The height, in pixels, of the sideways scroll bar under diagram ``d``'s drawing were the diagram
    ``width`` pixels wide: its hint where the drawing's least width is more than its view then has, else 0."""
    scroll = d.canvas_scroll
    wider = d.canvas.minimumWidth() > scroll.width() + width - d.contentsRect().width()
    return scroll.horizontalScrollBar().sizeHint().height() if wider else 0


def readable_width(d) -> int:
    """The least width, in pixels, at which diagram ``d`` draws its neurons READABLE_NODE_LINES lines
    of its font across: its layers' span, its input names (at most NAME_ROOM_PX) and the fit's margins."""
    from .network_diagram import FIT_PADDING, NODE

    if not d.sizes:
        return 0
    fm = d.fontMetrics()
    node_px = READABLE_NODE_LINES * fm.lineSpacing()
    # (a TextItem's box is a few pixels wider than its text; the names sit 0.1 of a neuron left of it)
    names = min(NAME_ROOM_PX, max((fm.horizontalAdvance(n) for n in d.names), default=0) + 16.0) + 0.1 * node_px
    last_title = fm.horizontalAdvance("out") / 2 + 6.0  # half the last (short) title, right of its layer's middle
    span = ((len(d.sizes) - 1) * d._gap + NODE) * node_px + names + max(0.0, last_title - node_px / 2)
    left, _, right, _ = d.canvas.ci.layout.getContentsMargins()  # the canvas's own margins round the view
    return math.ceil(span * (1.0 + 2.0 * FIT_PADDING) + left + right + 2)


def keep_readable_width(d) -> None:
    """Diagram ``d``'s canvas at least ``readable_width`` wide: in a narrower column the drawing
    scrolls sideways (``d.canvas_scroll``) rather than shrink its neurons and names below a readable
    size. The room its height needs is kept by ``keep_drawing_room``."""
    need = readable_width(d)
    if d.canvas.minimumWidth() != need:
        d.canvas.setMinimumWidth(need)


def caption_height(d, width: int | None = None) -> int:
    """The height of the tallest read-out diagram ``d``'s network can show (``captions``), word-wrapped
    at ``width`` (by default its width), in pixels: measured on a hidden label in the read-out's font,
    once per texts, font and width (the fold and the key ask at each of the column's resizes: 1.3 of
    the fold's 1.6 ms for six layers of 16)."""
    ruler = getattr(d, "caption_ruler", None)
    if ruler is None:  # (never shown, and no child of the diagram: a widget made under the pointer re-enters it)
        ruler = d.caption_ruler = QLabel()
        ruler.setWordWrap(True)
        d.caption_px = {}
    width = d.contentsRect().width() if width is None else width
    texts = tuple(captions(d))
    key = (texts, d.readout.font().key(), width)
    if key not in d.caption_px:
        ruler.setFont(d.readout.font())
        heights = []
        for text in texts:
            ruler.setText(text)
            heights.append(ruler.heightForWidth(width))
        d.caption_px = {k: v for k, v in list(d.caption_px.items())[-7:]} | {key: max(heights, default=0)}
    return d.caption_px[key]


def titles_fit(view_height_px: float, title_px: float, rows: int) -> bool:
    """Whether ``rows`` rows of layer titles ``title_px`` high leave the drawing
    (``view_height_px`` high) room for its neurons."""
    return rows * title_px <= TITLE_SHARE * view_height_px


def watch_room(d) -> None:
    """Fit diagram ``d``'s texts now and on each resize and zoom (a font change,
    after which the drawing is laid out again in the new font)."""
    fit_room(d)
    on_event(d, (QEvent.Type.Resize,), lambda: fit_room(d))
    for label in (d.zero_count, d.undefined_label):  # a line under the drawing shown or hidden: its room
        on_event(label, (QEvent.Type.Show, QEvent.Type.Hide), lambda: keep_drawing_room(d))
    after_font_change(d, lambda: fit_room(d))  # (measured in the read-out's new font)
    on_event(d, (QEvent.Type.FontChange,), d.fit_once.request)


def follow_font(d) -> None:
    """The layer titles, activation labels and the "more" captions under the drawing of diagram ``d`` in its
    font (the window's, zoomed with View > Zoom): a TextItem is drawn in the application's font otherwise,
    the same at every zoom."""
    font = d.font()
    for item in [t[0] for t in d.titles] + [a[0] for a in d.activation_labels.items] + \
            [c for _, _, c in d.bounds.under_captions()]:
        if item.textItem.font() != font:
            item.setFont(font)



def drawing_lines(rows: int) -> float:
    """The lines of the font the diagram's drawing needs for a tallest layer of ``rows`` neurons:
    DRAWING_LINES at least, ROW_LINES per neuron (up to ROW_CAP) and two for the titles. Measured
    from the network, not the drawing's room, so the fold it decides never makes itself wrong."""
    return max(DRAWING_LINES, ROW_LINES * min(rows, ROW_CAP) + 2)


def size_names(d, pitch: float) -> None:
    """Diagram ``d``'s input names in a font small enough (down to 6 pt) that two names
    ``pitch`` pixels apart do not overlap; hidden where even 6 pt would (hovering
    an input still names it). A name wider than LABEL_SHARE of the diagram is
    elided in its middle with "…" (hovering it shows it whole)."""
    if not d._labels:
        return
    font = QFont(d.font())
    base = font.pointSizeF()
    line = QFontMetricsF(font).lineSpacing() + 2.0  # as a TextItem draws it
    size = base * (pitch - 1.0) / line
    font.setPointSizeF(max(6.0, min(base, size)))
    room = max(LABEL_MIN_PX, LABEL_SHARE * d.canvas.width())  # a long name elided, whole in its tooltip
    for t, text in zip(d._labels, elided_list(d._names, font, room)):  # (cut where they stay apart: tester 22's
        t.setFont(font)  # sepal_length_… and sepal_width_… both read "sepal_…er_one" cut in the middle)
        if t.toPlainText() != text:
            t.setText(text)
        t.setVisible(size >= 6.0 or len(d._labels) == 1)
    if d.bounds.more and d.bounds.more[0]:  # the inputs' "more" caption, among their names (the others: a row
        d.bounds.more[0][2].setFont(font)  # of their own in the diagram's font, caption_row_px)


def reused_text(spares: list, text: str, anchor: tuple[float, float], colour: QColor) -> pg.TextItem:
    """A TextItem (a layer's title, an input's name) showing ``text`` in ``colour`` at ``anchor``: the
    first of ``spares`` (the last network's, taken from the list) set to it, else a new one. A new
    TextItem lays its text out twice (its colour, its text), a fifth of drawing a new network's
    diagram; its font, place and visibility are set afresh by the diagram's fit either way."""
    if not spares:
        return pg.TextItem(text, anchor=anchor, color=colour)
    item = spares.pop(0)
    if item.toPlainText() != text:
        item.setText(text)
    if item.color != colour:
        item.setColor(colour)
    item.setAnchor(anchor)
    item.setVisible(True)
    return item


def view_pixel_size(view, x_range: tuple, y_range: tuple, padding: float) -> tuple[float, float]:
    """The (x, y) size of a pixel, in view units, that ``view`` (an aspect-locked
    pyqtgraph ViewBox) would have after ``setRange(xRange=x_range, yRange=y_range,
    padding=padding)``: the ranges grown by ``padding`` of their span each side,
    then the narrower one widened to the view's aspect (ViewBox.updateViewRange),
    reckoned without setting it (each range set moves every text item of the scene).
    A view with no area yet, or not aspect-locked: set, then read (viewPixelSize)."""
    w, h = view.width(), view.height()
    aspect = view.state["aspectLocked"]
    spans = [(r[1] - r[0]) * (1 + 2 * padding) for r in (x_range, y_range)]
    if w <= 0 or h <= 0 or not aspect or min(spans) <= 0:
        view.setRange(xRange=x_range, yRange=y_range, padding=padding)
        return view.viewPixelSize()
    px = max(spans[0] / w, spans[1] / (aspect * h))  # aspect = (w / h) / (x span / y span): y pixel = aspect x px
    return px, aspect * px


def room_below(view, x_range: tuple, y_range: tuple, under: float, label_px: float, padding: float) -> float:
    """The bottom of ``y_range`` (view units) that leaves a row ``label_px`` pixels high under
    ``under`` (the hidden layers' activation labels under the lowest neuron) where the aspect-locked
    ``view`` has that room to spare above the drawing: the drawing then rises, never shrinks (it
    was centred, and a label that fitted in the view was hidden: half its room lay above).
    ``y_range[0]`` where the room is already there, or the drawing would have to shrink for it."""
    px, py = view_pixel_size(view, x_range, y_range, padding)
    bottom = under - label_px * py
    if label_px <= 0 or bottom >= y_range[0]:
        return y_range[0]
    lowered = view_pixel_size(view, x_range, (bottom, y_range[1]), padding)
    return bottom if lowered[0] <= px * (1.0 + 1e-9) else y_range[0]


def title_sizes(d) -> tuple[list[float], float]:
    """([widest full title, widest short title] + 6 px, the titles' height) of diagram ``d``'s
    layer titles, in pixels in its font; measured once per font (a zoom step fits the view
    several times), kept in ``d._title_px`` until the next network."""
    font = d.font().key()
    if font not in d._title_px:
        widths = []
        for k in (0, 1):  # the widest full title, then the widest short one
            for (item, _, _), texts in zip(d.titles, d._title_texts):
                item.setText(texts[k])
            widths.append(max(item.boundingRect().width() for item, _, _ in d.titles) + 6.0)
        d._title_px[font] = (widths, max(item.boundingRect().height() for item, _, _ in d.titles))
    return d._title_px[font]


def spaced_titles(xs: list, width: float) -> set:
    """The layers whose titles, ``width`` wide and centred at ``xs`` (in view units), are shown on
    one baseline without overlapping: from the left, each that clears the last one shown; the
    last layer's ("out") always, in place of the one before it where they would touch. Where a
    layer's pitch holds its title (the drawing is kept readable: ``diagram_room``), every one."""
    shown: list[int] = []
    for l, x in enumerate(xs):
        if not shown or x - xs[shown[-1]] >= width:
            shown.append(l)
    if xs and shown[-1] != len(xs) - 1:
        if len(shown) > 1 and xs[-1] - xs[shown[-1]] < width:
            shown.pop()
        shown.append(len(xs) - 1)
    return set(shown)


def short_title(l: int, n_layers: int) -> str:
    """A layer's title in a few characters: "in", its number, "out"."""
    return "in" if l == 0 else ("out" if l == n_layers else str(l))
