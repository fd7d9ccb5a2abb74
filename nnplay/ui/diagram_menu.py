"""The network diagram's context menu: right-click a link, a neuron or a layer's
title to freeze, unfreeze, prune or restore it. Each choice leaves as one
``Freeze`` or ``Prune`` command for the training process (``commands.py``,
addressed by the weight layer's 0-based index: neuron i of the diagram's layer
l is row i of W[l], the command's layer l - 1)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu

from ..training.commands import Freeze, Prune
from .diagram_edit import parameter_label


class DiagramMenu(QObject):
    """Right-click menus on a ``NetworkDiagram``; ``command`` carries each choice."""

    command = Signal(object)  # Freeze or Prune

    def __init__(self, diagram, marks):
        super().__init__(diagram)
        self.diagram, self.marks = diagram, marks
        self.menu: QMenu | None = None
        diagram.canvas.scene().sigMouseClicked.connect(self._clicked)

    def _clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.RightButton:
            return
        target = self.diagram.hit(ev.scenePos()) or self._title_at(ev.scenePos())
        if target is not None:
            ev.accept()
            self.open_menu(target, self.diagram.canvas.mapToGlobal(self.diagram.canvas.mapFromScene(ev.scenePos())))

    def _title_at(self, scene_pos):
        for l, (item, _, _) in enumerate(self.diagram.titles):
            if l > 0 and item.sceneBoundingRect().contains(scene_pos):
                return ("layer", l)
        return None

    def open_menu(self, target, global_pos: QPoint) -> QMenu | None:
        """The menu for ("edge", l, i, j), ("node", l, i) or ("layer", l) (diagram
        layers: 0 the inputs, which have nothing to freeze or prune)."""
        if target[1] == 0 or self.diagram.weights is None:
            return None
        menu = self.menu = QMenu(self.diagram)
        menu.setObjectName("diagram_menu")
        n_layers = len(self.diagram.sizes) - 1
        if target[0] == "edge":
            _, l, i, j = target
            name = parameter_label(l - 1, "W", i, j)
            self._freeze_item(menu, f"weight {name}", Freeze(l - 1, i, j, True), self.marks.is_frozen(l - 1, i, j))
            self._prune_item(menu, f"link {name}", Prune(l - 1, i, j, True), self.marks.is_pruned(l - 1, i, j))
        elif target[0] == "node":
            _, l, i = target
            what = "output" if l == n_layers else "neuron"
            self._freeze_item(menu, f"{what} {i + 1} of layer {l} (its weights in and bias)", Freeze(l - 1, i, None, True),
                              self.marks.is_frozen(l - 1, i))
            if l < n_layers:  # an output neuron cannot be pruned
                self._prune_item(menu, f"neuron {i + 1} of layer {l}", Prune(l - 1, i, None, True),
                                 self.marks.is_pruned(l - 1, i))
            menu.addSeparator()
        l = target[1]
        what = f"layer {l} (W[{l}] and b[{l}])" if l < n_layers else "the output layer"
        if not self.marks.is_frozen(l - 1, whole=True):
            self._freeze_item(menu, what, Freeze(l - 1), False)
        if self.marks.is_frozen(l - 1, whole=False):  # (a layer partly frozen offers both)
            self._freeze_item(menu, what, Freeze(l - 1), True)
        if l < n_layers:  # a hidden layer: its activation and dropout, as its label under the drawing offers
            menu.addSection(f"Layer {l}'s activation")
            self.diagram.activation_labels.fill_menu(menu, l)
        menu.popup(global_pos)
        return menu

    def _freeze_item(self, menu: QMenu, what: str, cmd: Freeze, frozen: bool) -> None:
        word = "Unfreeze" if frozen else "Freeze"
        action = menu.addAction(f"{word} {what}")
        action.triggered.connect(lambda _=False: self.command.emit(
            Freeze(cmd.layer, cmd.row, cmd.col, not frozen)))

    def _prune_item(self, menu: QMenu, what: str, cmd: Prune, pruned: bool) -> None:
        word = "Restore" if pruned else "Prune"
        action = menu.addAction(f"{word} {what}")
        action.triggered.connect(lambda _=False: self.command.emit(Prune(cmd.layer, cmd.row, cmd.col, not pruned)))


def network_edit(controller, command) -> None:
    """A command from the diagram or the heatmaps (a weight typed, a freeze, a prune) for
    ``controller``'s run. Freezing a whole layer is a setting (``TrainConfig.freeze``), written to the
    run state, so the settings text and a session name it (a layer frozen only by hand gave another
    run: tester 21); the rest is tied to the weights and goes to the training process as it is."""
    if isinstance(command, Freeze) and command.row is None:
        layer, frozen = command.layer + 1, set(controller.config.freeze)
        if command.frozen and layer not in frozen:
            controller.state.apply(freeze=tuple(sorted(frozen | {layer})))
            return
        if not command.frozen and layer in frozen:
            controller.state.apply(freeze=tuple(sorted(frozen - {layer})))
    controller.run.send(command)  # (an unfreeze also of a layer frozen in parts)
