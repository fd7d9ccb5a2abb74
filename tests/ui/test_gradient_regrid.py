"""The gradient heatmaps follow their column's width (as many a row as fit) by moving the heatmaps
they have, not by making them again: a column shown or hidden, a window resized or zoomed made
every layer's heatmap, view and title anew (the resize path's costliest Python)."""

from __future__ import annotations

from tests.settle import settle


def test_heatmaps_moved_to_a_new_row_width_are_the_same_and_draw_as_laid_out_anew(window, qtbot):
    g, c = window.gradients, window.controller
    c.change(hidden=(4, 4, 4, 4))
    qtbot.waitUntil(lambda: len(g._maps) == 5, timeout=10000)
    window.resize(1920, 1000)
    settle(qtbot, most_ms=5000)
    wide, maps = g.maps.columns, list(g._maps)
    window.resize(1280, 800)
    settle(qtbot, most_ms=5000)
    assert g.maps.columns < wide  # fewer a row: moved
    assert g._maps == maps  # the same heatmaps
    moved = g.maps_widget.grab().toImage()
    g.maps.lay_out()  # the same row width laid out anew
    g._redraw()
    assert g._maps != maps
    settle(qtbot, most_ms=5000)
    assert g.maps_widget.grab().toImage() == moved
