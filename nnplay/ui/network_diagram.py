"""The network drawn as TensorFlow Playground draws it: a thumbnail of each
neuron's output over the domain, edges coloured and sized by their weight; a
weight of exactly 0 (switched off by L1) has no edge, and a line counts them.
Click a link (a weight) or a neuron (its bias) to type its value, Shift+drag
to scrub it (``diagram_edit``); hovering a link shows its value live."""

from __future__ import annotations

import functools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLineF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..numbers import agree, count
from ..data import input_labels
from . import diagram_hit
from .coalesced import Batched
from .colors import hex_color, negative, positive
from .diagram_atlas import AtlasThumbnail, ThumbnailAtlas
from .diagram_bounds import LayerBounds, cap_for
from .diagram_edit import DiagramEditing
from .diagram_links import DiagramLinks
from .diagram_marks import DiagramMarks
from .diagram_menu import DiagramMenu
from .diagram_readout import IDLE, describe_edge, describe_node, show_zero_count
from .diagram_room import (fit_room, follow_font, reused_text, room_below, size_names, title_sizes, titles_fit,
                          view_pixel_size, watch_room)
from .diagram_thumbnails import draw_thumbnails
from .layer_activation import LayerActivationLabels
from .tip import set_tip
from .undefined import hatch_item
from .widgets import NoHeightForWidth, layer_name, named, on_event

NODE = 1.0  # node side, in view units
LAYER_GAP = 3.0
NEURON_GAP = 1.45
MAX_EDGE_PX = 5.0
FIT_PADDING = 0.04  # the drawing's margin, a share of its range (ViewBox.setRange's padding)


CANVAS_TIP = ("Each square is a neuron's output over the plane; hover one to see it large, hover a line for its "
              "weight. Click a line (or a neuron) to type its weight (or bias); Shift+drag to scrub it.")


class NetworkDiagram(NoHeightForWidth, QWidget):
    neuron_hovered = Signal(object)  # (layer, index) or None
    run_command = Signal(object)  # SetParameter, Freeze or Prune: for the training process
    setting_chosen = Signal(dict)  # settings to change, chosen under a hidden layer (activation, dropout)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.canvas = pg.GraphicsLayoutWidget()
        named(self.canvas, "network_diagram", CANVAS_TIP)
        self._canvas_tip = self.canvas.toolTip()
        self.view = self.canvas.addViewBox(enableMenu=False)  # (no context menu is built: plot_disposal)
        self.view.setMouseEnabled(False, False)
        self.view.setAspectLocked(True)
        self.fit_once = Batched(self._fit)  # laid out once at the end of a zoom step (coalesced.py)
        self.view.sigResized.connect(self.fit_once.request)
        # a deep network in a narrow column scrolls sideways, never drawn unreadably small (keep_readable_width)
        self.canvas_scroll = QScrollArea()
        self.canvas_scroll.setObjectName("network_diagram_scroll")
        self.canvas_scroll.setWidget(self.canvas)
        self.canvas_scroll.setWidgetResizable(True)
        self.canvas_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.canvas_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # (the column scrolls)
        layout.addWidget(self.canvas_scroll, 1)
        self.key = QLabel("")  # what the colours of the squares and the lines stand for
        self.key.setObjectName("network_key")
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setWordWrap(True)
        layout.addWidget(self.key)
        self.zero_count = named(QLabel(""), "zero_weights", "Weights that are exactly 0 have no link in the diagram: "
                                "L1 regularisation sets a weight to 0 when its step would carry it across 0.")
        self.zero_count.setWordWrap(True)
        self.zero_count.hide()
        layout.addWidget(self.zero_count)
        self.readout = QLabel(IDLE)
        self.readout.setObjectName("network_readout")
        self.readout.setWordWrap(True)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.readout)
        self.undefined_label = QLabel("")
        self.undefined_label.setObjectName("network_undefined")
        self.undefined_label.setWordWrap(True)
        self.undefined_label.setVisible(False)
        layout.addWidget(self.undefined_label)
        self.sizes: tuple = ()
        self.nodes: list[list[tuple[AtlasThumbnail, QRectF]]] = []  # per layer: (thumbnail, its rectangle)
        self.atlas = None  # every thumbnail (diagram_atlas), from set_run
        self._hatches: list = []
        self.hatched = np.zeros(0, bool)  # per node (self.nodes flattened): its hatch is shown
        self.edges: list[np.ndarray] = []  # per layer l>=1: (n[l], n[l-1]) array of LinkHandles
        self.links = None  # every link drawn as one item (diagram_links), from set_run
        self._weights = None
        self._biases = None
        self._names = ()
        self._labels = []
        self._titles = []  # (TextItem, x of its column's centre, y of its baseline) per layer
        self._title_texts = []
        self._gap = LAYER_GAP  # the distance between two layers, in view units
        self._levels = []
        self._hover = None
        self._title_px: dict = {}  # font key -> the titles' sizes in pixels (diagram_room.title_sizes)
        self._fitted = None  # (view size, canvas width, font) of the last layout (_fit)
        self.pitch_units = NEURON_GAP  # two neighbouring neurons' distance, in view units (diagram_room)
        self.fits = 0  # layouts done (_fit): one per zoom step, not one per resize to the same size
        self.bounds = LayerBounds(self)  # which neurons of a wide layer are drawn
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse)
        # the hover follows the pointer out of the diagram too: a quick jump out sends no move over empty room
        on_event(self.canvas.viewport(), (QEvent.Type.Leave, QEvent.Type.Hide), lambda: self._set_hover(None))
        self.editing = DiagramEditing(self)
        self.editing.edited.connect(self.run_command)
        self.marks = DiagramMarks(self)
        self.context_menu = DiagramMenu(self, self.marks)
        self.context_menu.command.connect(self.run_command)
        self.activation_labels = LayerActivationLabels(self)
        self.activation_labels.chosen.connect(self.setting_chosen)
        watch_room(self)  # the read-out's room (two lines) kept from the start; less texts where room is short

    weights = property(lambda self: self._weights, doc="W[1..L] of the last frame drawn, or None")
    biases = property(lambda self: self._biases, doc="b[1..L] of the last frame drawn, or None")
    titles = property(lambda self: self._titles, doc="(TextItem, x, y) of each layer's title")
    names = property(lambda self: self._names, doc="the inputs' names")

    # ------------------------------------------------------------- structure
    def set_run(self, info) -> None:
        self.view.clear()
        self.sizes = info.sizes
        self._names = input_labels(info.input_names, info.data.input_names)
        self._weights = self._biases = None
        self.editing.editor.close_editor()
        self.marks.clear()
        if self._hover and self._hover[0] == "node":
            self.neuron_hovered.emit(None)  # the big view lets go of a neuron the new network may not have
        self._hover = None
        self.readout.setText(IDLE)  # nothing of the previous network stays
        self.nodes, self.edges = [], []
        spare_titles, spare_names, self._titles = [t[0] for t in self._titles], self._labels, []  # (reused_text)
        self._title_px, self._fitted = {}, None  # measured afresh for the new titles (_fit)
        self._title_texts = []  # (full, short) title per layer: the short one where even two lines are too narrow
        self._hatches = []  # one per node, in the order of self.nodes flattened
        acts = list(info.activations)
        out_levels = {"bce": (0.0, 1.0), "ce": (0.0, 1.0), "tanh_mse": (-1.0, 1.0)}.get(info.loss)
        self._levels = [None] + [_levels_for(a) for a in acts] + [out_levels]
        self.bounds.set_sizes(self.sizes, cap_for(self.canvas.height()))
        rows = [self.bounds.rows(l) for l in range(len(self.sizes))]
        tallest = max(rows)
        # layers spread wider as the tallest grows, so a wide layer does not squeeze the drawing into a sliver
        self._gap = max(LAYER_GAP, 0.7 * tallest * NEURON_GAP / max(1, len(self.sizes) - 1))

        def rect_of(l: int, k: int) -> QRectF:  # row k of layer l
            y = -((tallest - rows[l]) * NEURON_GAP / 2 + k * NEURON_GAP)
            return QRectF(l * self._gap, y - NODE, NODE, NODE)

        rects = [[rect_of(l, k) for k in range(len(self.bounds.shown[l]))] for l in range(len(self.sizes))]
        self.atlas = ThumbnailAtlas([r for col in rects for r in col])  # every thumbnail, framed: one item
        self.atlas.setZValue(2)
        self.view.addItem(self.atlas)
        thumbs = iter(range(len(self.atlas.rects)))
        self.hatched = np.zeros(len(self.atlas.rects), bool)  # (every hatch made hidden below)
        for l, n in enumerate(self.sizes):
            x = l * self._gap
            col = []
            for rect in rects[l]:
                hatch = hatch_item(rect, z=1.5)  # seen where the neuron's output is undefined
                hatch.setVisible(False)
                self.view.addItem(hatch)
                col.append((AtlasThumbnail(self.atlas, next(thumbs)), rect))
                self._hatches.append(hatch)
            self.nodes.append(col)
            if self.bounds.hidden(l):
                self.bounds.add_more_node(l, rect_of(l, len(col)), self.text_colour(0.85))
            title = layer_name(l, len(self.sizes) - 1)
            label = reused_text(spare_titles, title, (0.5, 1.0), self.text_colour(0.75))
            label.setPos(x + NODE / 2, 0.15)  # one row of titles, above the tallest layer
            self.view.addItem(label)
            self._titles.append((label, x + NODE / 2, 0.15))
            self._title_texts.append((title, _short_title(l, len(self.sizes) - 1)))
        self.activation_labels.set_run(info)
        self._labels = []
        for i in self.bounds.shown[0]:
            rect = self.nodes[0][i][1]
            t = reused_text(spare_names, self._names[i], (1.0, 0.5), self.text_colour(0.85))
            t.setPos(rect.left() - 0.1, rect.center().y())
            self.view.addItem(t)
            self._labels.append(t)
        grids = []
        for l in range(1, len(self.sizes)):
            lines = np.empty((len(self.nodes[l]), len(self.nodes[l - 1])), dtype=object)
            for i, (_, r_to) in enumerate(self.nodes[l]):
                for j, (_, r_from) in enumerate(self.nodes[l - 1]):
                    lines[i, j] = QLineF(r_from.right(), r_from.center().y(), r_to.left(), r_to.center().y())
            grids.append(lines)
            self.bounds.add_summary_links(l, rect_of)
        self.links = DiagramLinks(grids, _edge_pen_of, margin=NODE / 2)  # one item, one drawLines per pen
        self.links.setZValue(1)
        self.view.addItem(self.links)
        self.edges = [self.links.handles(k) for k in range(len(grids))]  # per link: hit-testing and the marks
        fit_room(self)  # the read-out's room: the tallest this network's hover can show...
        self.layout().activate()  # ...taken now: the drawing is laid out in the room it is left
        self._fit(force=True)

    def refit(self) -> None:
        """Lay the drawing out again (a label under a layer changed its width)."""
        self._fit(force=True)

    def _fit(self, *_, force: bool = False) -> None:
        """Show every neuron and the whole of every input's name: the names are
        drawn in pixels, so the room they need in view units depends on the scale.
        Laid out once per change of the view's size or font (``fits`` counts them), and once
        per zoom step (``fit_once``): its layout passes resize the view through several sizes."""
        if not self.nodes:
            return
        key = (self.view.size().toTuple(), self.canvas.width(), self.font().key())
        if key == self._fitted and not force:
            return
        self._fitted = key
        self.fits += 1
        follow_font(self)  # the titles zoom with the window (View > Zoom)
        rects = [rect for col in self.nodes for _, rect in col] + [m[0] for m in self.bounds.more if m]
        x0, x1 = min(r.left() for r in rects), max(r.right() for r in rects)
        y0, y1 = min(r.top() for r in rects), max(r.bottom() for r in rects) + 0.6  # room for the layer titles
        widths, title_h = title_sizes(self)
        left, right, top, bottom, short = x0, x1, y1, y0, True
        below = self.activation_labels.height_px()  # a row of the hidden layers' activation labels, in pixels
        for _ in range(4):  # the scale shrinks as the range grows: a few rounds settle it (in arithmetic)
            px, py = view_pixel_size(self.view, (left, right), (bottom, top), FIT_PADDING)
            # one row of titles on one baseline (they took turns on two, "in" and "out" a row apart from
            # their neighbours: fault 6 of round 15): the short ones where the full ones are wider than a layer
            short = len(self._titles) > 1 and self._gap / px < widths[0]
            title_px = widths[1] if short else widths[0]
            size_names(self, NEURON_GAP / py)
            label_px = max((t.boundingRect().width() for t in self._left_texts() if t.isVisible()), default=0.0) + 8.0
            left = min(x0, self.nodes[0][0][1].left() - 0.1 - label_px * px)
            right = max(x1, self._titles[-1][1] + title_px / 2 * px)  # the last title ("output") whole
            top = max(y1, 0.2 + title_h * py)  # the titles' tops (0.15 above the nodes)
        bottom = room_below(self.view, (left, right), (bottom, top), y0 - 0.05, below, FIT_PADDING)  # (labels)
        self.view.setRange(xRange=(left, right), yRange=(bottom, top), padding=FIT_PADDING)
        # the hidden layers' activations go in the room left under the lowest neuron (they never shrink
        # the drawing, which room_below lifts into spare room above it): short names; hidden where none is left
        px, py = self.view.viewPixelSize()
        self.bounds.fit_captions(self._gap, NODE, px)  # a "more" caption in the room left of its node
        room = (y0 - 0.05 - self.view.viewRange()[1][0]) / py
        self.activation_labels.fit(self._gap / px, max_rows=min(2, int(room // below)) if below else 0)
        self.activation_labels.place(lambda l: self._titles[l][1], y0 - 0.05, below * py)
        self._canvas_tip = CANVAS_TIP + self.activation_labels.menu_hint()  # labels hidden: where their menu is
        if self._hover is None:
            self.canvas.setToolTip(self._canvas_tip)
        roomy = titles_fit(self.view.height(), title_h, 1)
        shown = spaced_titles([x for _, x, _ in self._titles], title_px * px)
        for l, ((item, x, y), texts) in enumerate(zip(self._titles, self._title_texts)):
            text = texts[1] if short else texts[0]
            if item.toPlainText() != text:
                item.setText(text)
            item.setPos(x, y)
            item.setVisible(roomy and l in shown)

    def text_colour(self, strength: float) -> QColor:
        """The palette's text colour (light on a dark desktop, dark on a light one),
        blended ``strength`` of the way from the background: titles and names stay
        readable in both."""
        pal = self.palette()
        fg, bg = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)
        mix = [round(b + strength * (f - b)) for f, b in zip(fg.getRgb()[:3], bg.getRgb()[:3])]
        return QColor(*mix)

    # ---------------------------------------------------------------- frames
    def set_frame(self, frame) -> None:
        snap = frame.snapshot
        self._show_key()  # (in the palette's colours)
        if snap.neurons is not None and len(snap.neurons) == len(self.nodes):
            undefined = draw_thumbnails(self, snap.neurons)  # (diagram_thumbnails: one pass for every layer)
            self.undefined_label.setText(f"Hatched: {count(undefined, 'neuron')} {agree(undefined, 'overflows', 'overflow')}, {agree(undefined, 'its', 'their')} output is undefined "
                                         "on part of the plane." if undefined else "")
            self.undefined_label.setVisible(bool(undefined))
        if len(snap.weights) == len(self.edges):
            self._weights, self._biases = snap.weights, snap.biases
            palette = (positive(), negative())
            # the drawn neurons come first (diagram_bounds); every layer's keys at once, no pen set per link
            drawn = [W[:r, :c].ravel() for (r, c), W in zip(self.links.shapes, snap.weights)]
            self.links.set_keys([edge_keys(np.concatenate(drawn))] if drawn else [], palette)
            self.bounds.show_weights(snap.weights)
            show_zero_count(self, snap.zero_weights, snap.weights[0])
            self.marks.show(snap)  # frozen links violet with locks, pruned ones dashed, pruned neurons grey
        if self._hover:
            self._describe(self._hover)

    def _show_key(self) -> None:
        neg, pos = hex_color(negative()), hex_color(positive())
        text = (f"<span style='color:{neg}'>■</span> negative, <span style='color:{pos}'>■</span> positive: "
                "neuron outputs and weights; thicker lines, "
                "larger\u00a0|\u2060w\u2060|.")  # (no-break: Qt would break inside |w|)
        set_tip(self.key, "Squares: each neuron's output over the plane (tanh and sigmoid on their own range, "
                          "other activations on ± their largest value). Lines: the weights.")
        if self.key.text() != text:
            self.key.setText(text)
            fit_room(self)  # (the key's text is the read-out's tooltip where the key gives way)
            self.layout().activate()  # the drawing in the room the key leaves it, before a pointer is over it

    # ----------------------------------------------------------------- hover
    def _on_mouse(self, scene_pos) -> None:
        if self.nodes:
            self._set_hover(self.hit(scene_pos))

    def hit(self, scene_pos):
        """What is at ``scene_pos``: ("node", l, i), ("edge", l, i, j) for the link
        into neuron i of layer l from neuron j of layer l-1, ("more", l) or
        ("summary", l, k) (diagram_bounds), or None."""
        return diagram_hit.hit(self, scene_pos)

    def _set_hover(self, hover) -> None:
        if hover == self._hover:
            return
        self._hover = hover
        if hover is None:
            self.readout.setText(IDLE)
            self.canvas.setToolTip(self._canvas_tip)
            self.neuron_hovered.emit(None)
        else:
            self.neuron_hovered.emit(hover[1:] if hover[0] == "node" else None)
            self._describe(hover)

    def _describe(self, hover) -> None:
        if hover[0] == "node":
            describe_node(self, *hover[1:])
        elif hover[0] == "edge":
            describe_edge(self, *hover[1:])
        else:  # a "more" node or a summary link
            text = self.bounds.describe(hover)
            self.readout.setText(text)
            self.canvas.setToolTip(text)

    def _left_texts(self) -> list:
        """The texts left of the inputs: their names and the inputs' "more" caption."""
        more = self.bounds.more[0] if self.bounds.more else None
        return self._labels + ([more[2]] if more else [])


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


def _short_title(l: int, n_layers: int) -> str:
    """A layer's title in a few characters: "in", its number, "out"."""
    return "in" if l == 0 else ("out" if l == n_layers else str(l))


def _levels_for(activation: str):
    return {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}.get(activation)


EDGE_LEVELS = 64  # steps of |w| from 0 to 5 (and over) in a link's pen: width and opacity


def edge_keys(W: np.ndarray) -> np.ndarray:
    """(rows, cols) int: a key per weight of its link's pen: -1 for a weight of 0
    (no link), else 2 * level + (w >= 0) with level the step of min(|w|, 5) in
    ``EDGE_LEVELS``. The links are drawn grouped by key (``diagram_links``)."""
    W = np.asarray(W, dtype=np.float64)
    level = np.rint(np.minimum(np.abs(np.nan_to_num(W, nan=0.0)), 5.0) / 5.0 * (EDGE_LEVELS - 1)).astype(np.int64)
    return np.where(W == 0.0, -1, 2 * level + (W >= 0))


@functools.lru_cache(maxsize=4 * EDGE_LEVELS)
def _edge_pen_of(key: int, palette) -> QPen:
    """The pen of edge key ``key`` (``edge_keys``) in ``palette`` = (positive, negative)
    colours: opacity and width grow with |w| (up to 5)."""
    level, positive_w = divmod(key, 2)
    mag = level / (EDGE_LEVELS - 1)
    color = QColor(*(palette[0] if positive_w else palette[1]))
    color.setAlphaF(0.2 + 0.7 * math.sqrt(mag))
    pen = QPen(color)
    pen.setCosmetic(True)
    pen.setWidthF(0.6 + (MAX_EDGE_PX - 0.6) * mag)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen
