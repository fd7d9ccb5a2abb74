"""An exported Output view shows the plane the window shows (tester 21): laid out larger for its file
(``export_layout``), the plot's data area kept the file's wider shape, because the margins that fit it to
the domain (``plane_aspect.fit_shape``) waited for a layout event that came only after the painting, and
the locked aspect filled the width with range past the data: the axis ran from -6.9 to 6.9, the picture,
computed for the domain, stopped at +-6, and the PNG and the SVG had blank bands either side of it that
the window has not."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from tests.image_colours import rgb
from tests.settle import settle
from tests.ui.test_export import rasterise
from nnplay.ui.export import TEXT_SCALE

DARK = 100  # a channel below this everywhere: an axis's line, a tick, text
LINE = 180  # an axis's line drawn between two pixels (antialiased grey): below this in every channel
COLOURED = 30  # channels further apart than this: the picture (its greys are tinted), not the white page


def _longest_run(mask: np.ndarray) -> tuple[int, int]:
    """(first, last) index of the longest run of True in a 1-D mask."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
    starts, ends = edges[::2], edges[1::2]
    i = int(np.argmax(ends - starts))
    return int(starts[i]), int(ends[i]) - 1


def side_bands(image: QImage) -> tuple[int, int]:
    """Pixels, left and right, between the plot's data area (as wide as its bottom axis's line, the
    image's longest dark row) and the coloured picture, along the row across the picture's middle."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # (held here: rgb's array is a view of its pixels)
    px = rgb(image).astype(int)
    dark = px.max(axis=2) < DARK
    left, right = _longest_run(dark[int(np.argmax(dark.sum(axis=1)))])
    line = px.max(axis=2) < LINE  # (an SVG rasterised at a fraction of a pixel: its line grey across two)
    column = left + int(np.argmax(line[:, left:left + 4].sum(axis=0)))  # the left axis's line
    top, bottom = _longest_run(line[:, column])
    row = px[(top + bottom) // 2, left:right + 1]
    coloured = np.flatnonzero(row.max(axis=1) - row.min(axis=1) > COLOURED)
    assert coloured.size > 0, "no picture in the plot's middle row"
    return int(coloured[0]), int(right - left - coloured[-1])


def test_an_exported_output_is_coloured_to_the_plots_edges_as_on_screen(window, qtbot, tmp_path):
    c = window.controller
    plot = window.boundary.plot
    view = plot.getPlotItem().getViewBox()
    assert c.state.apply(dataset="spiral")
    plot.setMinimumSize(620, 300)  # wide and low: laid out larger for a file, still wider than the domain needs
    try:
        qtbot.waitUntil(lambda: plot.width() >= 620 and c.run_info is not None
                        and c.run_info.data.name == "spiral", timeout=20000)
        c.step(20)
        qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 20, timeout=20000)
        (d0, d1), _ = c.run_info.extent
        qtbot.waitUntil(lambda: np.ptp(view.viewRange()[0]) < (d1 - d0) * 1.1, timeout=5000)  # fitted (fit_shape)
        screen = max(side_bands(plot.grab().toImage()))  # a point's room round the domain (POINT_ROOM)
        assert window.export_panel("output", str(tmp_path / "out.png"), scale=4.0), window.errors
        assert window.export_panel("output", str(tmp_path / "out.svg")), window.errors
        rasterise(tmp_path / "out.svg", tmp_path / "svg.png")  # (librsvg, as a browser draws it)
        for name in ("out.png", "svg.png"):
            image = QImage(str(tmp_path / name))
            bands = side_bands(image)
            assert max(bands) <= (screen + 2) * TEXT_SCALE, (name, bands, screen)  # drawn at TEXT_SCALE: as on screen
            assert min(bands) > 0  # (the check finds the data area's edges, outside the picture)
        assert np.ptp(view.viewRange()[0]) < (d1 - d0) * 1.1  # the window's plane as before the export
    finally:
        plot.setMinimumSize(0, 0)


def _ranges_painted(monkeypatch, view) -> list:
    """The ranges of ``view`` (a ViewBox) as each export paints its file, appended to the list returned."""
    from nnplay.ui import export

    painted = []
    for name in ("png_bytes", "svg_bytes"):
        def spy(*args, _paint=getattr(export, name), **kwargs):
            painted.append(view.viewRange())
            return _paint(*args, **kwargs)
        monkeypatch.setattr(export, name, spy)
    return painted


def test_an_exported_hidden_space_shows_the_windows_ranges(window, qtbot, tmp_path, monkeypatch):
    """pyqtgraph pads an auto-range by a share that shrinks as the plot grows (1/sqrt(pixels), 2% to
    10%): the hidden space laid out larger for an SVG spanned +-1.03 for the window's +-1.07 (tester 21).
    Now one share at every size. (The points hidden here: pyqtgraph adds their radius in pixels, a
    point's room, to the range too.)"""
    c = window.controller
    assert c.state.apply(hidden=(4, 2))
    window.lower_tabs.setCurrentWidget(window.hidden_space)
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.config.hidden == (4, 2), timeout=20000)
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 5 and window.hidden_space.has_picture, timeout=20000)
    view = window.hidden_space.plot.getPlotItem().getViewBox()
    window.hidden_space.points.setVisible(False)
    try:
        qtbot.waitUntil(lambda: view.viewRange() != [[0, 1], [0, 1]], timeout=5000)
        view.updateAutoRange()  # (the points' room out of the range now, not at a paint 50 ms may not bring)
        settle(qtbot)
        screen = view.viewRange()
        painted = _ranges_painted(monkeypatch, view)
        assert window.export_panel("hidden", str(tmp_path / "h.png"), scale=4.0), window.errors
        assert window.export_panel("hidden", str(tmp_path / "h.svg")), window.errors
    finally:
        window.hidden_space.points.setVisible(True)
    assert len(painted) == 2
    for ranges in painted:
        for (lo, hi), (s0, s1) in zip(ranges, screen):
            assert abs((hi - lo) / (s1 - s0) - 1) < 0.01, (ranges, screen)
            assert abs((hi + lo) - (s1 + s0)) < 0.01 * (s1 - s0), (ranges, screen)
