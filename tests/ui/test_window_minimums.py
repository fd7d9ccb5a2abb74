"""Every side window has a least size below which nothing of it is cut, and shares its height sensibly
(tester 21, 21_main_playing.png: the Compare window made 1100×500 squeezed its two output pictures to about
30 px while its loss plot kept 240)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.layout_check import axis_label_cuts, text_problems
from tests.settle import settle


def _compare(qtbot):
    from nnplay.ui.compare import CompareWindow

    cw = CompareWindow()
    qtbot.addWidget(cw)
    cw.begin("learning rate 0.01", "learning rate 0.03", None)
    return cw


def _landscape(qtbot):
    from nnplay.ui.landscape_view import LandscapeWindow

    w = LandscapeWindow()
    qtbot.addWidget(w)
    w.view.caption.setText(  # a computed grid's caption, as long as they come (four lines at 300 px)
        "Shown: log₁₀ J over a 21×21 plane through the weights after epoch 120 along the path's principal "
        "directions. Line: the weights after each recorded epoch; square: the first; star: the weights now.")
    return w


@pytest.mark.parametrize("make", [_compare, _landscape])
def test_a_side_window_made_small_cuts_nothing(qtbot, make):
    w = make(qtbot)
    w.show()
    try:
        for size in ((1100, 500), (300, 200)):  # the tester's; far under any sensible size (Qt keeps the least)
            w.resize(*size)
            settle(qtbot)
            assert text_problems(w) == [], (size, w.size())
    finally:
        w.close()


def test_the_compare_window_s_pictures_keep_more_height_than_its_loss_plot(qtbot):
    from nnplay.ui.compare import MIN_VIEW_HEIGHT

    cw = _compare(qtbot)
    cw.show()
    for size in ((1100, 500), (1100, 760)):
        cw.resize(*size)
        settle(qtbot)
        views = [cw.views[n].height() for n in "AB"]
        assert min(views) >= MIN_VIEW_HEIGHT and min(views) >= cw.plot.height(), (size, views, cw.plot.height())
    cw.close_quietly()


def test_the_landscape_window_at_its_least_size_shows_its_side_axis_title_whole(qtbot):
    """Tester 22: at its least size (600x323) the landscape's side title read "random direction 2 (× filter norm"."""
    from nnplay.training.landscape_live import LandscapeFrame, LandscapeGrid

    w = _landscape(qtbot)
    w.show()
    a = np.linspace(-1, 1, 5)
    grid = LandscapeGrid(np.add.outer(a, a) ** 2 + 1, a, a, "random", None, 3, 1.0)
    w.view.show_landscape(LandscapeFrame(grid, None, None, None, None))
    try:
        w.resize(10, 10)  # Qt keeps the least size
        settle(qtbot)
        assert axis_label_cuts(w.view.plot) == [], w.size()
    finally:
        w.close()
