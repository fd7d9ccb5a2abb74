"""What one View › Zoom step costs, as mechanism (never a timing; ``tests/tools/zoom_cost.py``
times it): the network diagram is laid out once per step, not once per intermediate size the
step's layout passes gave its view (five times before, 0.1 s of a 0.3 s step), and the window
is painted once (it was painted three times: once per changed plot, then again when the
read-outs' height, refitted by a timer after the paint, moved every column by two pixels)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject

from nnplay.ui.coalesced import Batched, Coalesced, batch, run_pending
from tests.layout_check import text_problems
from tests.settle import settle


class PaintCount(QObject):
    """Counts the paint events of ``widget``."""

    def __init__(self, widget):
        super().__init__(widget)
        self.n = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.n += 1
        return False


def steps(window, qtbot, zooms) -> list[tuple[int, int | None]]:
    """(diagram layouts, diagram paints) of each zoom step to each of ``zooms``; paints None where
    a frame of the training process came during the step (it is painted too)."""
    d, c = window.diagram, window.controller
    paints = PaintCount(d.canvas.viewport())
    settle(qtbot, most_ms=5000)  # the window settled, painted (a loaded machine paints the last change late)
    counts = []
    for zoom in zooms:
        fits, paints.n, frame = d.fits, 0, c.last_frame
        window.presentation.set_zoom(zoom)
        settle(qtbot, quiet_ms=120, most_ms=5000)  # the step laid out and painted, however late
        counts.append((d.fits - fits, paints.n if c.last_frame is frame else None))
    return counts


@pytest.mark.parametrize("hidden", [(4, 2), (8,) * 8], ids=["default", "8x8"])
def test_a_zoom_step_lays_the_diagram_out_and_paints_it_once(window, qtbot, hidden):
    c = window.controller
    if hidden != c.config.hidden:
        c.change(hidden=hidden)
        qtbot.waitUntil(lambda: len(window.diagram.nodes) == len(hidden) + 2, timeout=10000)
    # one step first, not counted: it takes whatever the shared window still had pending from the test
    # before it or from the network change (seen once in CI, under load: a second paint of the first step)
    steps(window, qtbot, (1.05,))
    counts = steps(window, qtbot, (1.1, 1.25, 1.1, 1.0))
    assert [fits for fits, _ in counts] == [1] * 4
    painted = [n for _, n in counts if n is not None]
    assert len(painted) >= 2 and set(painted) == {1}, counts
    assert text_problems(window) == []  # laid out once, and right: no name cut at the new size


def test_a_resize_still_lays_the_diagram_out_at_once(window, qtbot):
    """Outside a zoom step the diagram follows its view's size synchronously (as a test reads it)."""
    d = window.diagram
    window.resize(1100, 680)
    qtbot.wait(100)
    fits, size = d.fits, d.view.size()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: d.view.size() != size, timeout=3000)
    assert d.fits > fits and d._fitted[0] == d.view.size().toTuple()


def test_batched_runs_once_at_the_end_of_the_outermost_batch():
    calls = []
    b = Batched(lambda: calls.append(1))
    b.request()
    assert calls == [1]  # outside a batch: at once
    with batch():
        b.request()
        with batch():
            b.request()
        assert calls == [1]  # the inner batch's end is not the end
        b.request()
    assert calls == [1, 1]


def test_coalesced_runs_once_per_burst_and_run_pending_runs_it_now(qtbot):
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    calls = []
    c = Coalesced(lambda: calls.append(1), w)
    for _ in range(3):
        c.request()
    assert calls == []  # posted
    run_pending()
    assert calls == [1]
    qtbot.wait(20)
    assert calls == [1]  # the three requests made one call


def test_a_new_run_goes_over_the_window_s_fonts_only_when_zoomed(window, qtbot, monkeypatch):
    """A new network, data set or Reset scaled every font, sheet and plot of the window to the
    zoom, also unzoomed, where there is nothing to scale (0.1 s a new run)."""
    p, c, d = window.presentation, window.controller, window.diagram
    calls = []
    monkeypatch.setattr(p, "apply", lambda: calls.append(p.zoom))
    for hidden, zoom in (((3,), 1.0), ((4, 2), 1.25)):
        p.zoom = zoom  # (set_zoom would apply it now)
        c.change(hidden=hidden)
        qtbot.waitUntil(lambda h=hidden: d.sizes[1:-1] == h, timeout=10000)
        qtbot.wait(50)  # (applied once the run's plots are made)
    assert calls == [1.25]
    p.zoom = 1.0


def test_a_zoom_sets_only_the_fonts_sheets_and_pens_that_change(window, qtbot):
    """A zoomed new run went over the whole window again (``Presentation.apply``, 45-55 ms of CPU),
    setting every sheet, widget font, axis font (each axis then drew its tick labels again), text
    font and pen to what it already was. Only what changes is set now: nothing when the zoom is the
    one applied, everything zoomed at a step, and every axis at its base size times the zoom."""
    import pyqtgraph as pg

    p = window.presentation
    axes = [item for view in window.findChildren(pg.GraphicsView) for item in view.scene().items()
            if isinstance(item, pg.AxisItem)]
    p.set_zoom(1.25)
    settle(qtbot)
    base = {a: a._nnplay_base.pointSizeF() for a in axes}  # (kept by the zoom: each axis's font as made)
    before = p.restyled
    p.apply()  # the same zoom again, as a zoomed new run's plots are given it
    assert p.restyled == before
    p.set_zoom(1.4)
    assert p.restyled >= before + len(axes)
    assert all(a.style["tickFont"].pointSizeF() == pytest.approx(base[a] * 1.4) for a in axes)
    assert all(a.label.font().pointSizeF() == pytest.approx(base[a] * 1.4) for a in axes)
    after = p.restyled
    p.apply()
    assert p.restyled == after
    p.set_zoom(1.0)
    assert all(a.style["tickFont"].pointSizeF() == pytest.approx(base[a]) for a in axes)
