"""A paused window's class picture follows the plot's size (a tester: paused, the
window enlarged, the picture stayed at the small plot's density, blocky with
Discretize on, until the next step). The output view colours the class picture at
a cell per pixel of its data area (``decision_boundary.fine_cells``); a resize, a
column folded or a zoom step now recolours it from the frame it has, with no new
frame and no training."""

import pytest

from nnplay.ui.decision_boundary import fine_factor
from tests.settle import settle


def density(view) -> tuple[int, int]:
    """(the upsampling the picture was drawn at, the one its data area needs now)."""
    res = view._frame.snapshot.grid.shape[0]
    return (view.image.image.shape[0] - 1) // (res - 1), fine_factor(res, view._pixels_across())


@pytest.mark.parametrize("discretize", [False, True])
def test_a_paused_picture_follows_the_window_size(window, qtbot, discretize):
    window.boundary.discretize.setChecked(discretize)
    window.resize(1024, 740)
    settle(qtbot)
    window.controller.step(1)
    qtbot.waitUntil(lambda: window.controller.last_frame is not None
                    and window.controller.last_frame.snapshot.epoch == 1, timeout=20000)
    settle(qtbot)
    drawn, needed = density(window.boundary)
    assert drawn == needed
    small = window.boundary._pixels_across()
    frame = window.controller.last_frame  # no new frame may come
    for size in ((1920, 1080), (1024, 740)):
        window.resize(*size)
        settle(qtbot)
        drawn, needed = density(window.boundary)
        assert drawn == needed, f"at {size}: drawn at x{drawn}, the data area needs x{needed}"
    assert window.controller.last_frame is frame  # recoloured from the frame it had: no training, no new frame
    window.resize(1920, 1080)
    settle(qtbot)
    assert window.boundary._pixels_across() > small * 1.3  # (the test made the plot larger)
    assert window.controller.last_frame.snapshot.epoch == 1
