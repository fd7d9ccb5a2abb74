"""Each hidden layer's activation, chosen under that layer in the network
diagram: a label ("Tanh ▾") below each hidden layer opens a menu of the
activations. The choice is written to the run's settings as
``TrainConfig.activation``: one name when every hidden layer has the same
activation, else a comma list with one name per hidden layer
(``activation=tanh,relu`` in the settings text)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu

from ..engine import ACTIVATIONS
from ..training.settings_text import CHOICE_LABELS

LABELS = CHOICE_LABELS["activation"]


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


def activation_text(activation: str) -> str:
    """How the window names the setting: "Tanh", or "Tanh, ReLU" per layer."""
    return ", ".join(LABELS.get(a, a) for a in hidden_activations(activation, 1))


class LayerActivationLabels(QObject):
    """The clickable activation names under a ``NetworkDiagram``'s hidden layers."""

    chosen = Signal(str)  # the new TrainConfig.activation

    def __init__(self, diagram):
        super().__init__(diagram)
        self.diagram = diagram
        self.items: list[tuple[pg.TextItem, int]] = []  # (label, hidden layer 1..L-1)
        self.menu: QMenu | None = None
        self._activation = "tanh"
        diagram.canvas.scene().sigMouseClicked.connect(self._clicked)

    def set_run(self, info) -> None:
        """New labels, one under each hidden layer of ``info``'s network (the view was cleared)."""
        self.items = []
        self._activation = info.config.activation
        for l, name in enumerate(info.activations, start=1):
            item = pg.TextItem(f"{LABELS.get(name, name)} ▾", anchor=(0.5, 0.0), color=self.diagram.text_colour(0.85))
            item.setToolTip(f"The activation of layer {l}'s neurons: click to choose another for this layer.")
            self.diagram.view.addItem(item)
            self.items.append((item, l))

    def place(self, x_of, bottom: float) -> None:
        """Put each label at ``bottom`` (view units) under its layer, ``x_of(l)`` its centre."""
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
        """The menu of activations for hidden ``layer`` (1-based), the current one checked."""
        n = len(self.items)
        current = hidden_activations(self._activation, n)[layer - 1]
        menu = self.menu = QMenu(self.diagram)
        menu.setObjectName(f"activation_menu_layer_{layer}")
        menu.setToolTipsVisible(True)
        for a in ACTIVATIONS:
            action = menu.addAction(LABELS[a])
            action.setCheckable(True)
            action.setChecked(a == current)
            action.triggered.connect(
                lambda _=False, a=a: self.chosen.emit(with_layer_activation(self._activation, n, layer, a)))
        menu.popup(global_pos)
        return menu


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
