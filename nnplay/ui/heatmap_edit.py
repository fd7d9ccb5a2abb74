"""Typing a weight into the Gradients panel's heatmaps: with *Weights W*
shown, clicking cell (i, j) of layer l's heatmap opens the same inline editor
as the network diagram (``ParameterEditor``) for W[l][i+1, j+1]; Enter sends it
to the training process as ``SetParameter``. With *Gradients dW* shown a click
says how to edit instead (a gradient is computed, not set)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor

from ..numbers import format_number
from ..training.commands import SetParameter
from .diagram_edit import ParameterEditing, parameter_label


class HeatmapEditing(ParameterEditing):
    """Click-to-type on a ``GradientView``'s weight heatmaps."""

    def __init__(self, view):
        super().__init__(view, view.maps_widget)
        self.view = view
        view.cell_clicked.connect(self.cell_clicked)

    def cell_clicked(self, layer: int, i: int, j: int, pos: QPoint | None = None) -> bool:
        """Cell (i, j) of heatmap ``layer`` (0-based weight layer) was clicked at
        ``pos`` (maps-widget pixels; the pointer's by default). Returns whether the
        editor opened."""
        snap = self.view.last_snapshot
        if snap is None:
            return False
        if self.view.quantity.currentIndex() != 1:
            self.view.readout.setText("A gradient is computed, not set: choose Weights W above to type a weight.")
            return False
        self.param = (layer, i, j)
        widget = self.view.maps_widget
        pos = widget.mapFromGlobal(QCursor.pos()) if pos is None else pos
        self.editor.open_at(pos + QPoint(8, 8), parameter_label(layer, "W", i, j), float(snap.weights[layer][i, j]))
        self.view.readout.setText(f"Set {parameter_label(layer, 'W', i, j)}: type a value, Enter applies, "
                                  "Esc cancels.")
        return True

    def _typed(self, value: float) -> None:
        if self.param is not None:
            layer, i, j = self.param
            self.edited.emit(SetParameter(layer, "W", i, j, float(value)))
            self.view.readout.setText(f"{parameter_label(layer, 'W', i, j)} set to {format_number(value, 6)}.")
            self.view.follow(layer + 1, i, j)  # the next frames' value, not the one typed, once training moves it
