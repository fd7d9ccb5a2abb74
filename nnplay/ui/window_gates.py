"""The playground window's panel gates (``visibility.PanelGate``): the output
view, the network diagram, the loss curves and the gradients draw only while
they can be seen; while the output view or the diagram is hidden the training
process does not even compute their pictures (the ``ViewRequest`` drops the
grid or the neuron thumbnails until they are seen again)."""

from __future__ import annotations

from ..training.probes import ViewRequest
from .visibility import PanelGate


class WindowGates:
    """``offer(frame)`` hands a frame to every gated panel of ``win``; ``flush()``
    draws what hidden panels kept back (before an export)."""

    def __init__(self, win):
        default = ViewRequest()
        c = win.controller
        self.boundary = PanelGate(win.boundary, win.boundary.set_frame)
        self.boundary.seen_changed.connect(
            lambda seen: c.set_view(grid_resolution=default.grid_resolution if seen else None))
        self.diagram = PanelGate(win.diagram, win.diagram.set_frame)
        self.diagram.seen_changed.connect(
            lambda seen: c.set_view(neuron_resolution=default.neuron_resolution if seen else None))
        self.gradients = PanelGate(win.gradients, win.gradients.draw)
        self.curves = PanelGate(win.curves, win.curves.draw)
        win.gradients.gate, win.curves.gate = self.gradients, self.curves  # they receive every frame's history
        self.all = (self.boundary, self.diagram, self.gradients, self.curves)

    def offer(self, frame) -> None:
        self.boundary.offer(frame)
        self.diagram.offer(frame)

    def flush(self) -> None:
        for gate in self.all:
            gate.flush()
