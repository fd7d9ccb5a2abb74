"""What the views really paint agrees with the model: the RGBA array the output
view hands to its ImageItem, read back into classes, equals the float64
network's predictions at every grid point (between them the picture is
coloured from interpolated probabilities: decision_boundary.fine_factor); undefined cells are transparent over a
hatch and the caption says so. Thumbnails and the hidden-space view likewise."""

from types import SimpleNamespace

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.ui import colors
from nnplay.ui.decision_boundary import fine_factor
from tests.random_networks import model_classes, random_trainer

pytestmark = pytest.mark.timeout(300)


def painted_classes(rgba: np.ndarray, k: int) -> np.ndarray:
    """Read classes back from a painted image: transparent is undefined (-1);
    otherwise the class on whose segment the pixel lies: from its region colour
    desaturated to CLASS_SATURATION[0] (a tie) to the region colour (certain)."""
    rgb = rgba[..., :3].astype(float)
    dists = []
    lo = colors.CLASS_SATURATION[0]
    for c in colors.region_rgb(k).astype(float):
        grey = np.full(3, c @ colors.LUMA)
        start, d = grey + lo * (c - grey), (1 - lo) * (c - grey)
        s = np.clip(((rgb - start) @ d) / (d @ d), 0, 1)
        dists.append(np.linalg.norm(rgb - (start + s[..., None] * d), axis=-1))
    dists = np.stack(dists, axis=-1)
    out = dists.argmin(axis=-1)
    assert np.all(dists.min(axis=-1) < 1.5), "a pixel is on no class's colour"
    ordered = np.sort(dists, axis=-1)
    assert np.all(ordered[..., 1] > 3.0), "a pixel could be read as two classes"
    return np.where(rgba[..., 3] == 0, -1, out)


@pytest.fixture
def boundary(qtbot):
    from nnplay.ui.decision_boundary import DecisionBoundaryView

    view = DecisionBoundaryView()
    qtbot.addWidget(view)
    return view


def _show(view, t, resolution, discretize=None):
    """The run and a frame of ``t`` at ``resolution`` shown in ``view``: the grid's cells of the picture.
    ``discretize``: ticked or unticked between the two, as a user may, with no frame yet to draw again."""
    view.set_run(t.run_info())
    if discretize is not None:
        view.discretize.setChecked(discretize)
    view.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=resolution)))
    img = view.image.image
    step = (img.shape[0] - 1) // (resolution - 1)  # classes (Discretize too): upsampled; values: the grid's own
    classes = view.info.data.task == "classification"
    assert img.shape[0] == step * (resolution - 1) + 1
    assert step == (fine_factor(resolution, view._pixels_across()) if classes else 1)
    # Discretize keeps hard edges; so does a picture of more than two classes a cell a screen pixel (a blend of two
    # classes' colours could read as a third's)
    k = view.info.data.n_classes
    assert view.image.smooth == (not view.discretize.isChecked() and classes and
                                 (k <= 2 or view._pixels_across() > img.shape[0])) or not classes
    return img[::step, ::step]


@pytest.mark.parametrize("palette", ["default", "colorblind"])
def test_output_view_paints_the_float64_models_class_in_every_cell(boundary, qtbot, palette):
    rng = np.random.default_rng(5 if palette == "default" else 6)
    # the check reads the grid's cells only: a data area under FINE_GRID pixels gives the least picture that still
    # interpolates between them (201 x 201 for 9 x 9 cells; 449 x 449 in the unshown view's default 640 x 480)
    boundary.resize(240, 200)
    boundary.show()
    qtbot.waitExposed(boundary)
    colors.set_palette(palette)
    try:
        shown = undefined = 0
        for i in range(120):
            t = random_trainer(rng)
            if t.data.task != "classification":
                continue
            img = _show(boundary, t, 9, discretize=bool(i % 2))
            expected = model_classes(t, 9)
            np.testing.assert_array_equal(painted_classes(img, t.data.n_classes), expected)
            if (expected == -1).any():
                undefined += 1
                assert "undefined" in boundary.caption.text()
            else:
                assert "undefined" not in boundary.caption.text()
            shown += 1
        assert shown >= 60 and undefined >= 3
    finally:
        colors.set_palette("default")


def test_the_issue_case_is_painted_in_both_classes(boundary):
    t = Trainer(TrainConfig.from_text("dataset=gauss&hidden=16,16,16,16&activation=leaky_relu&lr=10"))
    t.run(10)
    img = _show(boundary, t, 100)
    painted = painted_classes(img, 2)
    np.testing.assert_array_equal(painted, model_classes(t, 100))
    assert 0.2 < np.mean(painted == 1) < 0.8


def test_a_tie_still_shows_which_class_won(boundary):
    t = Trainer(TrainConfig(hidden=()))
    t.net.params[...] = 0.0  # P(class 1) = 0.5 everywhere: class 1 by the >= 0.5 rule
    assert (painted_classes(_show(boundary, t, 5), 2) == 1).all()


def test_an_overflowing_output_is_hatched_and_said(boundary, qtbot):
    t = Trainer(TrainConfig(hidden=(3,), activation="relu"))
    t.net.weights[0][...] = 1e300
    t.net.weights[1][...] = np.array([[1e300, -1e300, 1e300]])
    img = _show(boundary, t, 20)
    assert (img[..., 3] == 0).mean() > 0.2 and "undefined" in boundary.caption.text()
    # the transparent cells really show the hatch: grab the widget and find its grey lines
    boundary.resize(400, 400)
    boundary.show()
    qtbot.waitExposed(boundary)
    grab = boundary.plot.grab().toImage()
    grey = sum(grab.pixelColor(x, y).name() == "#6e6e6e" for x in range(0, grab.width(), 3)
               for y in range(0, grab.height(), 3))
    assert grey > 20


def test_values_views_mark_undefined_and_never_warn(boundary, qtbot):
    """Regression output, a focused neuron and the thumbnails: non-finite values
    are transparent, huge ones sit at the end of the scale, with no warning."""
    from nnplay.ui.network_diagram import NetworkDiagram

    t = Trainer(TrainConfig(dataset="plane", hidden=(3, 2), activation="relu"))
    t.net.weights[0][...] = 1e300
    t.net.weights[1][...] = np.array([[1e300, -1e300, 1e300], [1e-3, 1e-3, 1e-3]])
    img = _show(boundary, t, 12)
    assert img.dtype == np.float32 and np.isnan(img).any() and np.nanmax(img) <= 1 and np.nanmin(img) >= 0
    assert "undefined" in boundary.caption.text()
    diagram = NetworkDiagram()
    qtbot.addWidget(diagram)
    diagram.set_run(t.run_info())
    diagram.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=None, neuron_resolution=6)))
    thumbs = [img.image for col in diagram.nodes for img, _ in col]  # RGBA: undefined transparent
    assert all(a.dtype == np.uint8 and a.shape == (6, 6, 4) for a in thumbs)
    assert any((a[..., 3] == 0).any() for a in thumbs)
    assert "undefined" in diagram.undefined_label.text() and not diagram.undefined_label.isHidden()
    diagram.grab()  # renders every thumbnail: pyqtgraph must not warn about the huge values


def test_hidden_space_leaves_out_overflowed_points_and_says_so(qtbot):
    from nnplay.ui.hidden_space import HiddenSpaceView

    t = Trainer(TrainConfig(hidden=(2,), activation="relu"))
    t.net.weights[0][...] = np.array([[1e308, 1e308], [1.0, -1.0]])  # overflows where x1 + x2 > 0 (enough)
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.set_run(t.run_info())
    view.set_frame(SimpleNamespace(snapshot=t.snapshot(grid_resolution=None, hidden_layer=1)))
    x, y = view.points.getData()
    pts = t.snapshot(grid_resolution=None, hidden_layer=1).hidden_space["points"]
    missing = int(np.isnan(pts).any(axis=1).sum())
    assert 0 < missing < len(pts) and len(x) == len(pts) - missing and np.isfinite(x).all()
    assert f"{missing} of {len(pts)}" in view.message.text() and not view.message.isHidden()
    view.grab()


def test_rgba_pictures_go_to_qt_as_they_are(boundary, qtbot, monkeypatch):
    """The class picture and a heatmap are RGBA already: handed to Qt as such (RGBA8888), never through
    pyqtgraph's general makeARGB (given levels, pyqtgraph took that path for every RGBA image; issue 20)."""
    import pyqtgraph as pg
    from PySide6.QtGui import QImage

    from nnplay.ui.heatmap import HeatmapItem

    calls = []
    plain = pg.functions.makeARGB
    monkeypatch.setattr(pg.functions, "makeARGB", lambda *a, **k: calls.append(1) or plain(*a, **k))
    t = Trainer(TrainConfig(hidden=(3,)))
    _show(boundary, t, 9)
    heat = HeatmapItem()
    heat.set_matrix(np.array([[0.5, np.nan], [-1.0, 0.25]]))
    for item in (boundary.image, heat):
        item.render()
        assert item.qimage.format() == QImage.Format.Format_RGBA8888
    assert calls == []
    assert heat.qimage.pixelColor(1, 0).alpha() == 0  # the NaN cell stays transparent


def test_a_frame_of_the_same_palette_makes_no_colour_map_and_keeps_the_value_key(boundary, monkeypatch):
    """The output view's colour maps are made once per palette, and the value key (regression) is set again
    only when its colours or levels change (two ColorMaps a frame and a redrawn key were a share of its update)."""
    import pyqtgraph as pg

    made, keyed = [], []
    plain_map, plain_key = pg.ColorMap.__init__, boundary.value_bar.setColorMap
    monkeypatch.setattr(pg.ColorMap, "__init__", lambda self, *a, **k: made.append(1) or plain_map(self, *a, **k))
    monkeypatch.setattr(boundary.value_bar, "setColorMap", lambda cmap: keyed.append(cmap) or plain_key(cmap))
    for config in (TrainConfig(hidden=(3,)), TrainConfig(dataset="plane", hidden=(3,))):
        t = Trainer(config)
        _show(boundary, t, 9)
        t.run(1)
        before_maps, before_keys = len(made), len(keyed)
        _show(boundary, t, 9)
        assert len(made) == before_maps and len(keyed) == before_keys
    assert len(keyed) >= 1  # the regression run's key was set once
    colors.set_palette("colorblind")
    try:
        _show(boundary, t, 9)
        assert len(keyed) == 2 and keyed[-1] is not keyed[0]  # a new palette: its own colour map on the key
    finally:
        colors.set_palette("default")


def test_no_point_of_a_many_class_picture_is_a_class_its_grid_points_lack(boundary, qtbot, tmp_path, monkeypatch):
    """A 50-class run's picture showed single pixels of a third class on the border of two (tester 20:
    class 12 between classes 3 and 7): the argmax of every class's interpolated probability. Each point is
    now one of the classes the network predicts at the grid points around it, the live grid (47) and the
    paused one (100) alike."""
    from nnplay.data import load_csv

    rng = np.random.default_rng(3)
    centres, X = rng.uniform(0, 1, (50, 2)), rng.uniform(0, 1, (2000, 2))
    labels = np.argmin(((X[:, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
    (tmp_path / "c50.csv").write_text("x1,x2,label\n" + "".join(f"{a},{b},c{c}\n" for (a, b), c in zip(X, labels)))
    t = Trainer(TrainConfig(dataset="csv", hidden=(8, 8), optimizer="adam", lr=0.01), load_csv(tmp_path / "c50.csv"))
    t.run(300)
    boundary.resize(520, 440)
    boundary.show()
    qtbot.waitExposed(boundary)
    painted_as = colors.class_image  # (50 classes' colours are too close to be read back: the classes painted)
    monkeypatch.setattr(colors, "class_image", lambda c, *a: (seen.__setitem__(0, c), painted_as(c, *a))[1])
    seen = {}
    for resolution in (47, 100):
        _show(boundary, t, resolution)
        img, painted = boundary.image.image, seen[0]
        assert painted.shape == img.shape[:2]
        grid = model_classes(t, resolution)
        step = (img.shape[0] - 1) // (resolution - 1)
        cell = np.minimum(np.arange(img.shape[0]) // step, resolution - 2)
        around = [grid[(cell + a)[:, None], (cell + b)[None, :]] for a in (0, 1) for b in (0, 1)]
        stray = ~np.any([painted == c for c in around], axis=0)
        assert len(np.unique(painted)) > 10 and not stray.any(), (resolution, int(stray.sum()))
