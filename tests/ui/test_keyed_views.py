"""Every colour that carries meaning has a key, class hues stay apart when the
network is unsure, and no view hides part of what it shows."""

import colorsys
from itertools import pairwise
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from nnplay.training import TrainConfig, Trainer
from tests.image_colours import colours

pytestmark = pytest.mark.timeout(120)


def _hls(rgb):
    return colorsys.rgb_to_hls(*(float(c) / 255 for c in rgb[:3]))


@pytest.mark.parametrize("palette", ["default", "colorblind"])
def test_class_colours_differ_in_hue_at_every_confidence_and_confidence_keeps_lightness(palette):
    from nnplay.ui import colors

    colors.set_palette(palette)
    try:
        k = 4 if palette == "colorblind" else 8  # (beyond 4, Okabe-Ito tells its colours apart by lightness too)
        classes = np.repeat(np.arange(k)[:, None], 5, axis=1)
        confidence = np.tile(np.linspace(0.0, 1.0, 5), (k, 1))
        img = colors.class_image(classes, confidence, k).astype(float)
        luma = img[..., :3] @ np.array([0.299, 0.587, 0.114])
        assert np.ptp(luma, axis=1).max() < 1.5  # confidence moves saturation, not lightness
        for c in range(5):  # at every confidence, from a tie to certain
            hues = sorted(_hls(img[a, c])[0] * 360 for a in range(k))
            gaps = np.diff(hues + [hues[0] + 360])
            assert gaps.min() >= 20, (palette, c, hues)
        sat = [_hls(img[0, c])[2] for c in range(5)]
        assert sat == sorted(sat) and sat[-1] - sat[0] > 0.3  # surer is more saturated
    finally:
        colors.set_palette("default")


def _deep(qtbot, view_class, size):
    """A view of an 8-hidden-layer network of one neuron each, shown at ``size``; (view, trainer)."""
    from nnplay.ui.app import configure_pyqtgraph

    configure_pyqtgraph()
    t = Trainer(TrainConfig(dataset="spiral", hidden=(1,) * 8))
    view = view_class()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.set_run(t.run_info())
    return view, t


def test_every_layer_of_a_deep_network_has_its_heatmap_in_sight(qtbot):
    from nnplay.ui.gradients import GradientView

    view, t = _deep(qtbot, GradientView, (300, 700))
    t.run(1)
    view.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=None)))
    QApplication.processEvents()
    shown = view.maps_widget.viewport().rect()
    assert len(view._maps) == 9
    for item in view._maps:
        box = view.maps_widget.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert box.width() > 20 and shown.contains(box), (box, shown)
    key = view.maps_widget.mapFromScene(view.key.sceneBoundingRect()).boundingRect()
    assert shown.contains(key)
    assert view.key.levels() == pytest.approx((-view._maps[0].key_levels[1], view._maps[0].key_levels[1]))
    view.per_layer.setChecked(True)  # each layer on its own scale: the key says −max .. +max in words
    assert tuple(view.key.levels()) == (-1.0, 1.0) and "its largest |dW|" in view.scale_label.text()
    assert [t for _, t in view.key.axis._tickLevels[0]] == ["−max", "0", "+max"]


def _boundary(qtbot):
    from nnplay.ui.decision_boundary import DecisionBoundaryView

    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    return view


def _show(view, t):
    view.set_run(t.run_info())
    view.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=9)))


def test_regression_output_has_a_value_key_and_discretize_is_off_only_while_it_means_nothing(qtbot):
    view = _boundary(qtbot)
    classes = Trainer(TrainConfig(dataset="spiral-k", classes=5))
    _show(view, classes)
    view.discretize.setChecked(True)
    assert view.value_bar.scene() is None  # classes: the caption's swatches are the key
    names = [str(n) for n in classes.data.class_names]
    assert all(f"&nbsp;{n}" in view.caption.text() for n in names) and len(names) == 5
    regression = Trainer(TrainConfig(dataset="plane"))
    _show(view, regression)
    assert not view.discretize.isEnabled() and not view.discretize.isChecked()
    assert view.value_bar.scene() is view.plot.scene()  # beside the plot
    y = regression.data.y
    assert view.value_bar.levels() == pytest.approx((float(y.min()), float(y.max())))
    _show(view, classes)
    assert view.discretize.isEnabled() and view.discretize.isChecked()  # the choice comes back
    assert view.value_bar.scene() is None


def test_activation_is_off_without_hidden_layers(qtbot):
    from nnplay.data import generate
    from nnplay.ui.network_panel import NetworkPanel

    panel = NetworkPanel()
    qtbot.addWidget(panel)
    data = generate("xor")
    panel.show_settings(TrainConfig(hidden=()), data)
    assert not panel.activation.isEnabled()
    panel.show_settings(TrainConfig(hidden=(3,)), data)
    assert panel.activation.isEnabled()


def test_the_hidden_space_renders_slide_sized_with_its_key(qapp, tmp_path):
    from PySide6.QtGui import QImage

    from nnplay.training.session import Session, save_session
    from nnplay.ui.render import render_session

    t = Trainer(TrainConfig(dataset="spiral-k", classes=5, hidden=(6, 2)))
    t.run(5)
    session = tmp_path / "run.nnplay"
    save_session(session, Session(t.config, t.data, t.state_dict()))
    out = tmp_path / "hidden.png"
    render_session(session, "hidden", out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1200)
    from nnplay.ui import colors

    wanted = {tuple(int(v) for v in c) for c in colors.class_rgb(5)}
    found = colours(image, step=2)
    assert len(wanted & found) == 5  # the points of every class, and their swatches in the key


@pytest.mark.parametrize("noise", [0.3, 0.5])
def test_every_generated_point_lies_in_the_coloured_region(noise):
    from nnplay.data import DATASETS, generate

    for name in DATASETS:
        for k in (2, 3, 8) if name.endswith("-k") else (3,):
            data = generate(name, noise, 0, k)
            (x0, x1), (y0, y1) = data.domain
            X = data.X
            assert ((X[:, 0] >= x0) & (X[:, 0] <= x1) & (X[:, 1] >= y0) & (X[:, 1] <= y1)).all(), (name, k)


def test_reflection_keeps_points_inside_and_moves_no_other():
    from hypothesis import given
    from hypothesis import strategies as st

    from nnplay.data.generators import DOMAIN, reflect_into

    @given(st.lists(st.tuples(st.floats(-60, 60), st.floats(-60, 60)), min_size=1, max_size=30))
    def check(points):
        X = np.array(points, dtype=np.float64)
        out = reflect_into(X, DOMAIN)
        assert np.all(np.abs(out) <= 6.0)
        inside = np.all(np.abs(X) <= 6.0, axis=1)
        np.testing.assert_array_equal(out[inside], X[inside])
        # a point just beyond an edge comes back just inside it, as far in as it was out
        near = np.abs(X) <= 12.0  # (one reflection)
        np.testing.assert_allclose(np.abs(out[near & (np.abs(X) > 6)]), (12.0 - np.abs(X))[near & (np.abs(X) > 6)],
                                   atol=1e-9)

    check()


def test_the_diagram_of_a_deep_narrow_network_shortens_its_titles_rather_than_overlap_them(qtbot):
    from nnplay.ui.network_diagram import NetworkDiagram

    diagram, _ = _deep(qtbot, NetworkDiagram, (300, 300))
    QApplication.processEvents()

    def boxes():
        return [t.mapRectToScene(t.boundingRect()) for t, _, _ in diagram._titles]

    assert [t.textItem.toPlainText() for t, _, _ in diagram._titles] == ["in", *map(str, range(1, 9)), "out"]
    rects = boxes()
    assert not any(a.intersects(b) for a, b in pairwise(rects))
    diagram.resize(1400, 300)  # room enough: the whole names
    QApplication.processEvents()
    assert diagram._titles[1][0].textItem.toPlainText() == "layer 1"
    rects = boxes()
    assert not any(a.intersects(b) for a, b in pairwise(rects))


def test_the_output_plot_leaves_room_for_its_top_and_right_tick_labels(qtbot):
    """A tick label sits centred on its tick: at the plot's top edge, half of it lies
    above the axis (it was cut off in the exported PNG)."""
    view = _boundary(qtbot)
    half = view.plot.fontMetrics().height() / 2
    _, top, right, _ = view.plot.getPlotItem().getContentsMargins()
    assert top >= half and right >= half


def test_a_wide_layer_spreads_the_diagram_instead_of_squeezing_it_into_a_sliver(qtbot):
    """hidden=32,3 drew the network as a narrow lozenge with its layer titles on
    top of each other (the drawing keeps squares square, so a tall layer shrank
    everything)."""
    from nnplay.ui.app import configure_pyqtgraph
    from nnplay.ui.network_diagram import NetworkDiagram

    configure_pyqtgraph()
    t = Trainer(TrainConfig(dataset="spiral", hidden=(32, 3)))
    diagram = NetworkDiagram()
    qtbot.addWidget(diagram)
    diagram.resize(300, 320)
    diagram.show()
    diagram.set_run(t.run_info())
    QApplication.processEvents()
    view = diagram.canvas
    xs = [view.mapFromScene(diagram.view.mapViewToScene(rect.center())).x()
          for col in diagram.nodes for _, rect in col]
    assert max(xs) - min(xs) > 0.4 * diagram.width(), (min(xs), max(xs))
    boxes = [item.mapRectToScene(item.boundingRect()) for item, _, _ in diagram._titles]
    assert not any(a.intersects(b) for a, b in pairwise(boxes)), [(i.textItem.toPlainText(), b.getRect()) for (i, _, _), b in zip(diagram._titles, boxes)]


def test_the_caption_speaks_of_certainty_only_while_the_picture_shows_it(qtbot):
    # (a tester's report: with Discretize on, flat class colours, the caption still said "greyer is less sure")
    view = _boundary(qtbot)
    _show(view, Trainer(TrainConfig(dataset="spiral")))
    assert "greyer is less sure" in view.caption.text()
    view.discretize.setChecked(True)
    assert "greyer" not in view.caption.text() and "Discretize shows the class alone" in view.caption.text()
    view.discretize.setChecked(False)
    assert "greyer is less sure" in view.caption.text()
