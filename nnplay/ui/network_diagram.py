"""The network drawn as TensorFlow Playground draws it: a thumbnail of each
neuron's output over the domain, edges coloured and sized by their weight; a
weight of exactly 0 (switched off by L1) has no edge, and a line counts them.
Click a link (a weight) or a neuron (its bias) to type its value, Shift+drag
to scrub it (``diagram_edit``); hovering a link shows its value live."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLineF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPalette
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
from .diagram_keep import can_keep, drawing_shape, reset_drawing
from .diagram_links import DiagramLinks, edge_keys, edge_pen
from .diagram_marks import DiagramMarks
from .diagram_menu import DiagramMenu
from .diagram_readout import IDLE, describe_edge, describe_node, show_zero_count
from .diagram_room import fit_room, reused_text, short_title, watch_room
from .diagram_fit import lay_out_drawing
from .diagram_thumbnails import draw_thumbnails
from .epoch_stamp import stamp_above
from .layer_activation import LayerActivationLabels
from .tip import set_tip
from .undefined import hatch_item
from .widgets import NoHeightForWidth, layer_name, named, on_event

NODE = 1.0  # node side, in view units
LAYER_GAP = 3.0
NEURON_GAP = 1.45
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
        self.canvas.ci.setContentsMargins(9, 9, 9, 0)  # (pyqtgraph's 9 px but below: the view's padding is there
        self.stamp = stamp_above(self.canvas.ci)  # ... and the stamp's strip takes that room above, over no neuron)
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
        self.drawn_shape = None  # what the items drawn were made from (diagram_keep.drawing_shape)
        self.drawings_built = 0  # drawings made (set_run): a new run of the same shape keeps the last one's
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
        names = input_labels(info.input_names, info.data.input_names)
        shape = drawing_shape(self, info.sizes, names, cap_for(self.canvas.height()))
        keep = can_keep(self, shape)  # the same drawing: its items kept, set back (diagram_keep)
        if keep:
            reset_drawing(self)
        else:
            self.view.clear()
        self.sizes, self._names, self.drawn_shape = info.sizes, names, shape
        self._weights = self._biases = None
        self.editing.editor.close_editor()
        self.marks.clear()
        if self._hover and self._hover[0] == "node":
            self.neuron_hovered.emit(None)  # the big view lets go of a neuron the new network may not have
        self._hover = None
        self.readout.setText(IDLE)  # nothing of the previous network stays
        self.stamp.clear()
        acts = list(info.activations)
        out_levels = {"bce": (0.0, 1.0), "ce": (0.0, 1.0), "tanh_mse": (-1.0, 1.0)}.get(info.loss)
        self._levels = [None] + [_levels_for(a) for a in acts] + [out_levels]
        if keep:
            relabelled = self.activation_labels.keep_run(info)
            self.canvas.setToolTip(self._canvas_tip)  # (the hover's text went with the hover)
            fit_room(self)
            self.layout().activate()
            self._fit(force=relabelled)  # laid out again only where its size, font or labels changed
            return
        self.drawings_built += 1
        self.nodes, self.edges = [], []
        spare_titles, spare_names, self._titles = [t[0] for t in self._titles], self._labels, []  # (reused_text)
        self._title_px, self._fitted = {}, None  # measured afresh for the new titles (_fit)
        self._title_texts = []  # (full, short) title per layer: the short one where even two lines are too narrow
        self._hatches = []  # one per node, in the order of self.nodes flattened
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
            self._title_texts.append((title, short_title(l, len(self.sizes) - 1)))
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
        self.links = DiagramLinks(grids, edge_pen, margin=NODE / 2)  # one item, one drawLines per pen
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
        lay_out_drawing(self)

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
        self.stamp.show(snap)
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


def _levels_for(activation: str):
    return {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}.get(activation)
