"""Fault 6 of round 19 (see tests/training/test_many_class_upsample.py): the output view's class picture of
a 50-class run upsampled all 50 probabilities to a cell a pixel on the GUI thread at each frame."""

from __future__ import annotations

import numpy as np

from nnplay.training.pictures import predicted_classes
from tests.training.test_many_class_upsample import _softmax_field


def test_the_output_view_never_upsamples_fifty_classes(qtbot, monkeypatch):
    """The view's class picture of a 50-class run upsamples no (res, res, 50) grid (the old cost)."""
    from types import SimpleNamespace

    from nnplay.training import pictures
    from nnplay.ui import decision_boundary
    from nnplay.ui.decision_boundary import DecisionBoundaryView

    shapes = []
    real = pictures.upsample
    monkeypatch.setattr(pictures, "upsample", lambda a, f: (shapes.append(np.shape(a)), real(a, f))[1])
    view = DecisionBoundaryView(drawing=False)
    qtbot.addWidget(view)
    view.resize(900, 900)
    view.show()
    qtbot.waitExposed(view)
    A = _softmax_field(50, 100, 30.0)
    grid = view._pixels_across()
    assert decision_boundary.fine_factor(100, grid) > 1  # (the case: a picture finer than the grid)
    view.info = SimpleNamespace(loss="ce", data=SimpleNamespace(task="classification", n_classes=50))
    view.discretize.setChecked(True)
    snap = SimpleNamespace(grid=A, grid_classes=predicted_classes(A.reshape(-1, 50), "ce").reshape(100, 100),
                           grid_confidence=None, grid_extent=None, focus=None, epoch=1, batch_position=(0, 1))
    from PySide6.QtCore import QRectF

    view._rect = QRectF(-1, -1, 2, 2)  # (where the extent puts the picture)
    monkeypatch.setattr(view, "_describe", lambda: "")
    view._sample_note = ""
    view._frame = SimpleNamespace(snapshot=snap)
    view._redraw()
    assert view.image.image is not None and view.image.image.shape[0] > 100  # drawn finer than the grid
    assert not [s for s in shapes if len(s) == 3 and s[2] == 50], shapes
