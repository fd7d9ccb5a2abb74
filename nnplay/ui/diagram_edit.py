"""Hands on the network diagram's parameters: click a link to type its weight,
click a neuron for its bias (``ParameterEditor``), Shift+drag across a link
or neuron to scrub its value while the pictures follow. Each change leaves as
one ``SetParameter`` command (``edited``); the training process applies it
before its next step and the frame after shows it, paused or playing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal

from ..numbers import format_number
from ..training.commands import SetParameter
from .parameter_editor import ParameterEditor

SCRUB_PER_PIXEL = 0.01  # a value moves 1 for 100 pixels of Shift+drag


def parameter_label(layer: int, kind: str, row: int, col: int = 0) -> str:
    """The parameter's name as docs/equations.md writes it (1-based): W[1][2, 1], b[2][1]."""
    return f"W[{layer + 1}][{row + 1}, {col + 1}]" if kind == "W" else f"b[{layer + 1}][{row + 1}]"


def parameter_at(diagram, hit) -> tuple | None:
    """(layer, kind, row, col) of the parameter under a diagram hit ("edge", l, i, j)
    or ("node", l, i): the weight W[l][i, j] or the bias b[l][i]; None for an input
    neuron (it has no bias) or nothing."""
    if hit is None or hit[0] not in ("edge", "node"):
        return None  # (a "more" node or a summary link stands for many)
    if hit[0] == "edge":
        _, l, i, j = hit
        return l - 1, "W", i, j
    _, l, i = hit
    return None if l == 0 else (l - 1, "b", i, 0)


def parameter_value(diagram, param) -> float | None:
    """The value of ``param`` in the last frame the diagram drew, or None before one."""
    layer, kind, row, col = param
    arrays = diagram.weights if kind == "W" else diagram.biases
    if arrays is None or layer >= len(arrays):
        return None
    return float(arrays[layer][row, col])


class ParameterEditing(QObject):
    """Typing a parameter in over a view: ``editor``, the inline ``ParameterEditor`` on
    ``canvas`` (a widget of ``owner``), whose Enter calls ``_typed(value)``; ``param``,
    the parameter being edited; each change leaves as ``edited`` (a SetParameter)."""

    edited = Signal(object)  # SetParameter

    def __init__(self, owner, canvas):
        super().__init__(owner)
        self.editor = ParameterEditor(canvas)
        self.editor.applied.connect(self._typed)
        self.param = None  # the parameter being typed (or scrubbed)

    def _typed(self, value: float) -> None:
        raise NotImplementedError


class DiagramEditing(ParameterEditing):
    """Click-to-type and Shift+drag scrubbing on a ``NetworkDiagram``."""

    def __init__(self, diagram):
        super().__init__(diagram, diagram.canvas)
        self.diagram = diagram
        self.editor.closed.connect(lambda applied: applied or self.diagram.readout.setText(self._hint()))
        self._scrub = None  # (start x in pixels, start value) during a Shift+drag
        diagram.canvas.scene().sigMouseClicked.connect(self._clicked)
        diagram.canvas.viewport().installEventFilter(self)

    @staticmethod
    def _hint() -> str:
        return "Hover a neuron or a connection."

    def open_editor(self, param, pos: QPoint) -> bool:
        """Open the editor for ``param`` ((layer, kind, row, col)) at ``pos`` in the
        canvas; False when there is no value to edit yet."""
        value = parameter_value(self.diagram, param)
        if value is None:
            return False
        self.param = param
        self.editor.open_at(pos, parameter_label(*param), value)
        self.diagram.readout.setText(f"Set {parameter_label(*param)}: type a value, Enter applies, Esc cancels; "
                                     "the wheel scrubs it.")
        return True

    def send(self, param, value: float) -> None:
        layer, kind, row, col = param
        self.edited.emit(SetParameter(layer, kind, row, col, float(value)))

    def _typed(self, value: float) -> None:
        if self.param is not None:
            self.send(self.param, value)
            self.diagram.readout.setText(f"{parameter_label(*self.param)} set to {format_number(value, 6)}; "
                                         "the next step starts from it (the loss and accuracy are read at the end of the next epoch).")

    def _clicked(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return
        param = parameter_at(self.diagram, self.diagram.hit(ev.scenePos()))
        if param is None:
            self.editor.close_editor()
            return
        view_pos = self.diagram.canvas.mapFromScene(ev.scenePos())
        self.open_editor(param, view_pos + QPoint(8, 8))

    # ------------------------------------------------------------ scrubbing
    def eventFilter(self, obj, ev) -> bool:
        t = ev.type()
        if t == QEvent.Type.MouseButtonPress and ev.button() == Qt.MouseButton.LeftButton and \
                ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return self._start_scrub(ev.position())
        if t == QEvent.Type.MouseMove and self._scrub is not None:
            self._scrub_to(ev.position().x())
            return True
        if t == QEvent.Type.MouseButtonRelease and self._scrub is not None:
            self._scrub = None
            return True
        return False

    def _start_scrub(self, pos) -> bool:
        scene_pos = self.diagram.canvas.mapToScene(pos.toPoint())
        param = parameter_at(self.diagram, self.diagram.hit(scene_pos))
        value = None if param is None else parameter_value(self.diagram, param)
        if value is None:
            return False
        self.editor.close_editor()
        self.param = param
        self._scrub = (pos.x(), value)
        self.diagram.readout.setText(f"Scrubbing {parameter_label(*param)}: drag left or right.")
        return True

    def _scrub_to(self, x: float) -> None:
        x0, v0 = self._scrub
        value = round(v0 + (x - x0) * SCRUB_PER_PIXEL, 4)
        self.send(self.param, value)
        self.diagram.readout.setText(f"Scrubbing {parameter_label(*self.param)}: {format_number(value, 4)}")
