"""The output grid while a run plays: computed at LIVE_GRID cells a side and
interpolated smoothly by the window, not at the screen's 100.

The output view's grid is the training process's largest cost per frame: a
forward pass of 10,000 points (case B, six tanh layers of 8: 3.9 ms on a slow
core, a fifth of the process's time at 55 frames a second). A frame while the
run plays is one of up to 60 a second of a picture that moves; the window
upsamples every grid bilinearly to about 200 cells a side and draws it
smoothly scaled (``pictures.upsample``, ``ui.decision_boundary``), so a grid
of 47 (a fifth of the points) gives the same smooth picture. 47 = 2 x 24 - 1:
the neuron thumbnails' 24 x 24 points are every other point of it, so one
forward pass gives the output and every neuron's thumbnail
(``probes.output_and_neurons``: case B's pictures 0.86 -> 0.5 ms a frame).
The class border then follows the interpolated probabilities between samples
(as it already did between the 100-grid's samples); Discretize colours the
same interpolated classes with hard edges. Paused, stepped, and for an export
(a finer grid asked for), the grid is the one asked for, every cell the
network's own answer.
"""

from __future__ import annotations

import dataclasses

LIVE_GRID = 47  # cells a side of the output grid of a frame while playing: 2 x 24 - 1, so the 24 x 24 thumbnails
# are every other of its points and one forward pass gives both (probes.output_and_neurons)
SCREEN_GRID = 100  # the screen's grid (probes.ViewRequest's default); a finer one is an export's, kept


def frame_request(view, playing: bool):
    """The ``probes.ViewRequest`` a frame is built from: ``view`` itself, or
    while ``playing`` a copy asking the screen's output grid at LIVE_GRID."""
    res = view.grid_resolution
    if playing and res and LIVE_GRID < res <= SCREEN_GRID:
        return dataclasses.replace(view, grid_resolution=LIVE_GRID)
    return view
