"""Each hidden layer's activation and dropout rate, chosen under that layer in
the network diagram: a label ("Tanh ▾", "ReLU, drop 0.2 ▾") below each hidden
layer opens a menu of the activations and of dropout rates. The labels stand on
one row, in the longest of three forms that fits between the layers ("Tanh ▾",
"Tanh▾", "T▾"; two staggered rows read as a misalignment in narrow windows), the
whole text in each label's tooltip. The choice is
written to the run's settings: ``TrainConfig.activation``, one name when every
hidden layer has the same activation, else a comma list with one name per
hidden layer (``activation=tanh,relu`` in the settings text), and
``TrainConfig.dropout`` (``()`` none, one rate for all, or one per layer)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu

from ..engine import ACTIVATIONS
from ..numbers import format_number
from ..training.settings_text import CHOICE_LABELS
from .tip import set_tip

LABELS = CHOICE_LABELS["activation"]
# the short forms in the case of the activation menu's names (LABELS): "Tanh", as the menu and the full label say
SHORT = {"tanh": "Tanh", "sigmoid": "Sig", "relu": "ReLU", "leaky_relu": "LReLU", "linear": "Lin"}
TINY = {"tanh": "T", "sigmoid": "S", "relu": "R", "leaky_relu": "LR", "linear": "L"}  # the narrowest form
FULL, SHORT_FORM, TINY_FORM = 0, 1, 2  # the labels' forms, longest first
DROPOUT_RATES = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9)


LABEL_GAP = 4.0  # px at least between two neighbouring labels' texts (about a space)


def _glyphs_width(item: pg.TextItem) -> float:
    """The width of ``item``'s text, less its document's margins (a TextItem's box is
    wider by them: measured with them, labels that fitted on one row were staggered
    onto two, every second one sitting lower than its row)."""
    return item.boundingRect().width() - 2 * item.textItem.document().documentMargin()


def hidden_activations(activation: str, n_hidden: int) -> list[str]:
    """The activation of each of ``n_hidden`` hidden layers from the setting's text:
    one name stands for every layer; a comma list names each."""
    names = [a.strip() for a in str(activation).split(",")]
    return names * n_hidden if len(names) == 1 else names


def with_layer_activation(activation: str, n_hidden: int, layer: int, name: str) -> str:
    """The setting with hidden layer ``layer`` (1-based, as the diagram names it)
    given activation ``name``; one name when all layers then agree."""
    names = hidden_activations(activation, n_hidden)
    if not 1 <= layer <= len(names):
        raise ValueError(f"no hidden layer {layer}: the network has {len(names)}")
    names[layer - 1] = name
    return names[0] if len(set(names)) == 1 else ",".join(names)


def layer_dropout(dropout, n_hidden: int) -> list[float]:
    """Each hidden layer's dropout rate from the setting: () none, one rate for all, or one per layer."""
    rates = [float(r) for r in dropout]
    return [0.0] * n_hidden if not rates else (rates * n_hidden if len(rates) == 1 else rates)


def with_layer_dropout(dropout, n_hidden: int, layer: int, rate: float) -> tuple:
    """The setting with hidden layer ``layer`` (1-based) dropping ``rate``: () when no
    layer drops, one rate when all agree, else one per layer."""
    rates = layer_dropout(dropout, n_hidden)
    if not 1 <= layer <= len(rates):
        raise ValueError(f"no hidden layer {layer}: the network has {len(rates)}")
    rates[layer - 1] = float(rate)
    if not any(rates):
        return ()
    return (rates[0],) if len(set(rates)) == 1 else tuple(rates)


def activation_text(activation: str) -> str:
    """How the window names the setting: "Tanh", or "Tanh, ReLU" per layer."""
    return ", ".join(LABELS.get(a, a) for a in hidden_activations(activation, 1))


class LayerActivationLabels(QObject):
    """The clickable activation names under a ``NetworkDiagram``'s hidden layers."""

    chosen = Signal(dict)  # settings to change: {"activation": ...} or {"dropout": ...}

    def __init__(self, diagram):
        super().__init__(diagram)
        self.diagram = diagram
        self.items: list[tuple[pg.TextItem, int]] = []  # (label, hidden layer 1..L-1)
        self.menu: QMenu | None = None
        self._activation = "tanh"
        self._dropout: tuple = ()
        self._form = FULL  # the labels' form: FULL, SHORT_FORM ("Sig ·0.5▾") or TINY_FORM ("S·▾"), see fit
        diagram.canvas.scene().sigMouseClicked.connect(self._clicked)

    def set_run(self, info) -> None:
        """New labels, one under each hidden layer of ``info``'s network (the view was cleared)."""
        self.items = []
        self._activation = info.config.activation
        for l in range(1, len(info.activations) + 1):
            item = pg.TextItem("", anchor=(0.5, 0.0), color=self.diagram.text_colour(0.85))
            self.diagram.view.addItem(item)
            self.items.append((item, l))
        self._dropout = tuple(info.config.dropout)  # (the diagram lays the labels out: fit, place)

    def keep_run(self, info) -> bool:
        """A new run on the same hidden layers (their labels kept: ``diagram_keep``): its activation and
        dropout; whether the labels' texts change (the diagram is then laid out again)."""
        before = self._texts(self._form)
        self._activation, self._dropout = info.config.activation, tuple(info.config.dropout)
        return self._texts(self._form) != before

    def show_dropout(self, dropout) -> None:
        """The dropout rates changed live (the network is the same): relabel (and
        lay the diagram out again when the widths changed)."""
        self._dropout = tuple(dropout)
        texts = self._texts(self._form)
        if [item.toPlainText() for item, _ in self.items] != texts:
            self._set_texts(self._form)
            self.diagram.refit()

    def _texts(self, form: int) -> list[str]:
        names = hidden_activations(self._activation, len(self.items))
        rates = layer_dropout(self._dropout, len(self.items))
        if form == TINY_FORM:  # the rate only marked: it is in the tooltip
            return [f"{TINY.get(a, a)}{'·' if r else ''}▾" for a, r in zip(names, rates)]
        if form == SHORT_FORM:
            return [f"{SHORT.get(a, a)}{f' ·{format_number(r)}' if r else ''}▾" for a, r in zip(names, rates)]
        return [f"{LABELS.get(a, a)}{f', drop {format_number(r)}' if r else ''} ▾" for a, r in zip(names, rates)]

    def _set_texts(self, form: int) -> None:
        """Each label in ``form``, its whole text (the full form's) in its tooltip."""
        for (item, l), text, whole in zip(self.items, self._texts(form), self._texts(FULL)):
            item.setText(text)
            set_tip(item, f"Layer {l}: {whole.rstrip(' ▾')}. Click to choose this layer's activation and "
                          "dropout rate.")

    def fit(self, gap_px: float, max_rows: int = 1) -> int:
        """Choose the labels' form for layers ``gap_px`` pixels apart: the longest of
        full, short and tiny in which no two overlap, all on one row; hidden where even
        the tiny ones would overlap (a tiny drawing: the Network panel's list still sets
        every layer) or ``max_rows`` is 0 (no room below the drawing). Returns the rows used."""
        if not self.items:
            return 0
        widths = []
        for form in (FULL, SHORT_FORM, TINY_FORM):
            self._set_texts(form)
            widths.append(max(_glyphs_width(item) for item, _ in self.items) + LABEL_GAP)
        fits = [form for form, width in enumerate(widths) if len(self.items) == 1 or width <= gap_px]
        self._form = fits[0] if fits else TINY_FORM
        shown = bool(fits) and max_rows >= 1
        self._set_texts(self._form)
        for item, _ in self.items:
            item.setVisible(shown)
        return 1 if shown else 0

    @property
    def hidden(self) -> bool:
        """Whether there are hidden layers whose labels are hidden (no room under the drawing)."""
        return bool(self.items) and not any(item.isVisible() for item, _ in self.items)

    def menu_hint(self, layer: int | None = None) -> str:
        """Where the labels are hidden, the way to their choices, for a tooltip: of hidden
        ``layer``'s neurons, or (None) of the whole drawing; "" while the labels show."""
        if not self.hidden:
            return ""
        if layer is None:
            return (" Right-click a hidden layer's neuron for its activation and dropout (no room for their labels "
                    "under the drawing).")
        whole = self._texts(FULL)[layer - 1].rstrip(" ▾")
        return f"\nRight-click for layer {layer}'s activation and dropout, now {whole} (no room for its label below)."

    def place(self, x_of, bottom: float, row_height: float = 0.0) -> None:
        """Put each label at ``bottom`` (view units) under its layer, ``x_of(l)`` its
        centre: one row, one baseline (``row_height``: unused, the labels never stagger)."""
        for item, l in self.items:
            item.setPos(x_of(l), bottom)

    def height_px(self) -> float:
        return max((item.boundingRect().height() for item, _ in self.items), default=0.0)

    def label_at(self, scene_pos) -> int | None:
        """The hidden layer whose label is at ``scene_pos``, or None."""
        for item, l in self.items:
            if item.sceneBoundingRect().contains(scene_pos):
                return l
        return None

    def _clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        layer = self.label_at(ev.scenePos())
        if layer is not None:
            ev.accept()
            self.open_menu(layer, self.diagram.canvas.mapToGlobal(self.diagram.canvas.mapFromScene(ev.scenePos())))

    def open_menu(self, layer: int, global_pos: QPoint) -> QMenu:
        """The menu of activations and dropout rates for hidden ``layer`` (1-based),
        the current ones checked."""
        menu = self.menu = QMenu(self.diagram)
        menu.setObjectName(f"activation_menu_layer_{layer}")
        self.fill_menu(menu, layer)
        menu.popup(global_pos)
        return menu

    def fill_menu(self, menu: QMenu, layer: int) -> None:
        """Add hidden ``layer``'s activations (checkable, the current one checked) and
        its "Dropout (while training)" submenu to ``menu``: the label's own menu, and the
        diagram's right-click menu of that layer (the way in where the labels are hidden)."""
        n = len(self.items)
        current = hidden_activations(self._activation, n)[layer - 1]
        menu.setToolTipsVisible(True)
        for a in ACTIVATIONS:
            action = menu.addAction(LABELS[a])
            action.setCheckable(True)
            action.setChecked(a == current)
            action.triggered.connect(lambda _=False, a=a: self.chosen.emit(
                {"activation": with_layer_activation(self._activation, n, layer, a)}))
        drop = menu.addMenu("Dropout (while training)")
        drop.setObjectName(f"dropout_menu_layer_{layer}")
        rate_now = layer_dropout(self._dropout, n)[layer - 1]
        for r in DROPOUT_RATES:
            action = drop.addAction("None" if r == 0 else format_number(r))
            action.setCheckable(True)
            action.setChecked(r == rate_now)
            action.triggered.connect(lambda _=False, r=r: self.chosen.emit(
                {"dropout": with_layer_dropout(self._dropout, n, layer, r)}))


PER_LAYER = "per layer"


def show_in_combo(combo, activation: str) -> None:
    """Show the setting in the Network panel's one activation list: a name as it is;
    a per-layer list as an extra item "Per layer: Tanh, ReLU" (choosing a name from
    the list then gives every hidden layer that one)."""
    i = combo.findData(PER_LAYER)
    if i >= 0:
        combo.removeItem(i)
    if "," in str(activation):
        combo.addItem(f"Per layer: {activation_text(activation)}", PER_LAYER)
        combo.setCurrentIndex(combo.count() - 1)
    else:
        combo.setCurrentIndex(max(0, combo.findData(activation)))
