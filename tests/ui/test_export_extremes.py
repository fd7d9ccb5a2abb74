"""Exports of the Distributions tab at weights ~1e150 (fault 8 of round 16): the SVG drew no bands
nor medians in librsvg for the plots of those weights (their group's matrix scaled by 1e-149, and a
cosmetic stroke's inverse by 1e148), the PNG cut the value axes' labels ("−1.0·10¹⁵⁰" to ".0·10¹⁵⁰"
in the axis's fixed 48 px), and the captions' text touched the file's left edge."""

import numpy as np
import pytest

from tests.ui.test_export import MAX_BLOCK_DIFFERENCE, MIN_DARK_AGREEMENT, agreement, pixels, rasterise

pytestmark = pytest.mark.timeout(120)
SIZE = (800, 600)


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    """A session whose weights of layers 1 and 2 reach ±1e150 (typed in, then trained on), rendered."""
    from nnplay.training import TrainConfig, Trainer
    from nnplay.training.session import Session, save_session
    from nnplay.ui.render import render_session

    t = Trainer(TrainConfig(hidden=(4, 4)))
    t.run(5)
    t.set_parameter(0, "W", 0, 0, 1e150)
    t.set_parameter(1, "W", 1, 1, -1e150)
    t.run(5)
    folder = tmp_path_factory.mktemp("huge")
    save_session(folder / "huge.nnplay", Session(t.config, t.data, t.state_dict()))
    for suffix in ("png", "svg"):
        render_session(folder / "huge.nnplay", "distributions", folder / f"d.{suffix}", SIZE)
    return folder


def test_the_svg_at_weights_of_1e150_draws_its_bands_in_librsvg(qapp, huge):
    rasterise(huge / "d.svg", huge / "librsvg.png")
    png, svg = pixels(huge / "d.png"), pixels(huge / "librsvg.png")
    colour, dark = agreement(png, svg)
    assert colour < MAX_BLOCK_DIFFERENCE and dark > MIN_DARK_AGREEMENT, (colour, dark)
    # the bands themselves: pale blue of layer 1's W and Z (left half of the first row) in both
    blue = lambda a: ((a[..., 2] > a[..., 0] + 40) & (a[..., 2] > 150)).sum()  # noqa: E731
    rows = slice(png.shape[0] // 8, png.shape[0] * 3 // 8)
    left = slice(0, png.shape[1] // 2)
    assert blue(svg[rows, left]) > 0.8 * blue(png[rows, left]) > 0


def test_the_value_axes_at_weights_of_1e150_show_their_labels_whole(qapp):
    from PySide6.QtGui import QFontMetricsF

    from nnplay.training import TrainConfig, Trainer
    from nnplay.ui.render import PanelViews, panel_frame

    t = Trainer(TrainConfig(hidden=(4, 4)))
    t.run(3)
    t.set_parameter(0, "W", 0, 0, -1e150)
    t.run(3)
    views = PanelViews("distributions")
    try:
        views.show_run(t.run_info(), panel_frame(t, "distributions"))
        views.lay_out(SIZE)
        cut = []
        for (l, q), (plot, _, _) in views.distributions._items.items():
            axis = plot.getAxis("left")
            lo, hi = axis.range
            fm = QFontMetricsF(axis.style.get("tickFont") or axis.font())
            room = axis.width() - axis.style["tickTextOffset"][0] - max(0, axis.style["tickLength"])
            for spacing, values in axis.tickValues(lo, hi, axis.height()):
                cut += [f"{q}[{l}] {s!r} in {axis.width()} px" for s in axis.tickStrings(values, axis.scale, spacing)
                        if len(values) and fm.horizontalAdvance(s) > room]
        assert cut == []
    finally:
        views.close()


def test_the_exported_captions_stand_off_the_left_edge(qapp, huge):
    png = pixels(huge / "d.png")
    ink = png.max(axis=2) < 100
    top, foot = ink[:png.shape[0] // 12], ink[-png.shape[0] // 30:]  # the health findings, the caption
    for rows in (top, foot):
        assert rows.any() and np.argmax(rows.any(axis=0)) >= 4  # (it was 1: the text at the edge)

