"""File › Export at more than twice a panel's on-screen size lays the panel out larger
(``ui/export_layout.py``): its text drawn at twice its pixel height, no more, the plot given the
rest of the room. Fault: at the slide width a panel was the screen's layout magnified, its tick
labels and titles four to seven times as tall, the axis exactly that many times as long."""

import numpy as np
import pytest

from tests.ui.test_export import pixels


def _dark(path) -> np.ndarray:
    return pixels(path).max(axis=2) < 110  # text, axes and ticks (the light palette's)


def _longest_run(row: np.ndarray) -> int:
    edges = np.diff(np.concatenate([[0], row.astype(int), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return int((ends - starts).max()) if len(starts) else 0


def bottom_axis(path) -> tuple[int, int, list[int]]:
    """The bottom axis of the lowest plot in an exported picture: (its line's length and thickness in
    pixels, the heights of the rows of text below it: tick labels, then the axis's title)."""
    dark = _dark(path)
    runs = np.array([_longest_run(r) for r in dark])
    y = int(np.flatnonzero(runs == runs.max())[-1])  # (the lowest of the longest: the bottom axis)
    top = y
    while top > 0 and runs[top - 1] > runs[y] * 0.9:
        top -= 1
    return int(runs[y]), y - top + 1, text_rows(dark[y + 1:])


def text_rows(dark: np.ndarray) -> list[int]:
    """The heights of the bands of rows holding something dark, top to bottom."""
    edges = np.diff(np.concatenate([[False], dark.any(axis=1), [False]]).astype(int))
    return list(np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1))


@pytest.mark.parametrize("which", ["norms", "output"])
def test_an_export_at_four_times_the_size_draws_its_text_twice_and_gives_the_plot_the_room(window, qtbot, tmp_path,
                                                                                         which):
    from nnplay.ui.export import panel_parts, panel_size

    window.controller.step(3)
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.epoch == 3, timeout=10000)
    parts = panel_parts(window, which)
    sizes = [w.size() for w in parts]
    for scale in (1, 2, 4):
        assert window.export_panel(which, str(tmp_path / f"x{scale}.png"), scale=float(scale)), window.errors
    assert [w.size() for w in panel_parts(window, which)] == sizes  # (put back)
    size = panel_size(parts)
    assert pixels(tmp_path / "x4.png").shape[:2] == (4 * size.height(), 4 * size.width())  # (the size promised)
    (length1, thick1, text1), (length2, thick2, text2), (length4, thick4, text4) = (
        bottom_axis(tmp_path / f"x{scale}.png") for scale in (1, 2, 4))
    # at x2 the screen's layout drawn sharp at twice its size; at x4 the text (the axis title, the last row
    # of text, and the tick labels, the row before) twice as tall as on screen, as at x2, not four times
    assert abs(text4[-1] - text2[-1]) <= 1 and abs(text4[-2] - text2[-2]) <= 1, (text1, text2, text4)
    assert 1.7 * text1[-1] <= text4[-1] <= 2.3 * text1[-1] + 1, (text1, text4)
    # laid out, not magnified: the axis longer than four times (its labels beside it did not double again),
    # its line as thick as at x2
    assert length4 > 4.1 * length1 and thick4 == thick2, (length1, length4, thick2, thick4)


def test_the_network_diagram_is_laid_out_at_the_export_size_and_its_scroll_area_put_back(window, qtbot, tmp_path):
    from nnplay.ui.export import panel_parts, panel_size

    canvas, scroll = window.diagram.canvas, window.diagram.canvas_scroll
    size = panel_size(panel_parts(window, "network"))
    before = canvas.size()
    assert window.export_panel("network", str(tmp_path / "n2.png"), scale=2.0), window.errors
    assert window.export_panel("network", str(tmp_path / "n.png"), scale=4.0), window.errors
    assert pixels(tmp_path / "n.png").shape[:2] == (4 * size.height(), 4 * size.width())
    assert canvas.size() == before and scroll.widgetResizable()  # (the canvas sized by its scroll area again)
    dark = _dark(tmp_path / "n.png")
    ink = np.flatnonzero(dark.any(axis=0))  # the drawing spans the file, not its left half at twice the screen's size
    assert ink[-1] - ink[0] > 3 * before.width(), (ink[0], ink[-1], before.width())
    # the key under the diagram (its last text) no taller than at x2: its lines at twice their size, wrapped
    # at the file's width (magnified, they were four times as tall)
    key2, key4 = text_rows(_dark(tmp_path / "n2.png"))[-1], text_rows(dark)[-1]
    assert key4 <= key2 + 1, (key2, key4)


def test_the_room_goes_to_the_plots_and_a_text_alone_is_drawn_enlarged(qapp):
    import pyqtgraph as pg
    from PySide6.QtWidgets import QLabel, QWidget

    from nnplay.ui.export_layout import can_lay_out, laid_out_sizes

    panel = QWidget()  # (parts inside a window, as the window's are)
    top, plot = pg.PlotWidget(panel), pg.PlotWidget(panel)
    bottom = QLabel("a caption long enough to wrap onto two lines at 200 px", panel)
    bottom.setWordWrap(True)
    for w, h in ((top, 100), (plot, 300), (bottom, bottom.heightForWidth(200))):
        w.resize(200, h)
    sizes = laid_out_sizes([top, plot, bottom], 400, 2 * (400 + bottom.height()))
    assert sizes[2] == (400, bottom.heightForWidth(400)) and bottom.heightForWidth(400) < bottom.height()  # one line
    assert sizes[0][1] + sizes[1][1] + sizes[2][1] == 2 * (400 + bottom.height())  # (the size promised, exactly)
    assert abs(sizes[1][1] - 3 * sizes[0][1]) <= 2  # the plots in their shares on screen
    assert can_lay_out([top, bottom], 2.0) and not can_lay_out([top, bottom], 1.0)
    assert not can_lay_out([bottom], 2.0)  # (a table of text alone: drawn enlarged, not lost in an empty image)
    assert not can_lay_out([panel], 2.0)  # (a window of its own, the inspector: resized, it would move on screen)
    panel.deleteLater()
