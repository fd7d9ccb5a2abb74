"""The network diagram with real-world data: a layer wider than it can show is
bounded (a "+N more" node, summarised links), and the hover follows the pointer."""

import functools
import re

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF

from nnplay.data import load_csv
from nnplay.training import TrainConfig, Trainer
from nnplay.training.loop import Frame
from nnplay.ui.diagram_bounds import MAX_SHOWN, cap_for, shown_units
from nnplay.ui.network_diagram import NetworkDiagram
from tests.settle import settle
from tests.sweep import sweep

pytestmark = pytest.mark.timeout(120)

COLUMNS = 300


def _csv(path, columns: int, name=lambda i: f"feature_{i}") -> str:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, columns))
    y = (X[:, 0] > 0).astype(int)
    np.savetxt(path, np.column_stack([X, y]), delimiter=",", comments="", fmt="%.3f",
               header=",".join([name(i) for i in range(columns)] + ["label"]))
    return str(path)


def _drawn(qtbot, trainer, size=(320, 420)) -> NetworkDiagram:
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(*size)
    d.show()
    d.set_run(trainer.run_info())
    d.set_frame(Frame(0, trainer.snapshot(), False, 0.0))
    return d


@pytest.fixture(scope="module")
def wide_trainer(tmp_path_factory):
    path = _csv(tmp_path_factory.mktemp("wide") / "wide.csv", COLUMNS)
    data = load_csv(path)
    return Trainer(TrainConfig(dataset="csv", hidden=(4, 2)), data)


def test_the_cap_follows_the_height_within_its_bounds():
    assert cap_for(100) == 16 and cap_for(10_000) == MAX_SHOWN and cap_for(20 * 18) == 20
    assert list(shown_units(5, 16)) == [0, 1, 2, 3, 4]  # a layer that fits is drawn whole
    assert len(shown_units(3000, 20)) == 19  # the 20th row is the "more" node


def test_a_wide_csv_draws_a_bounded_diagram_with_a_more_node(qtbot, wide_trainer):
    d = _drawn(qtbot, wide_trainer)
    drawn = len(d.nodes[0])
    assert 8 <= drawn < MAX_SHOWN and d.sizes[0] == COLUMNS
    more = d.bounds.more[0]
    assert more is not None and more[2].toPlainText() == f"+{COLUMNS - drawn:,} more inputs"
    # a few hundred items, not one per link: 300 inputs x 4 neurons would be 1,200 lines alone
    assert len(d.canvas.scene().items()) < 400
    assert d.edges[0].shape == (4, drawn)
    # the hidden inputs' links into each neuron of layer 1 are one dashed summary link each
    links = d.bounds.links[0]
    assert len(links) == 4 and all(len(cols) == COLUMNS - drawn for _, _, cols in links)
    W = wide_trainer.snapshot().weights[0]
    line, rows, cols = links[0]
    assert line.pen().widthF() > 0 and rows.tolist() == [0]
    text = d.bounds.describe(("summary", 1, 0))
    assert f"{COLUMNS - drawn} weights of W[1]" in text and "mean" in text
    assert np.isclose(W[0, drawn:].mean(), W[np.ix_(rows, cols)].mean())


def test_hovering_the_more_node_says_which_inputs_it_stands_for(qtbot, wide_trainer):
    d = _drawn(qtbot, wide_trainer)
    rect = d.bounds.more[0][0]
    d._on_mouse(d.view.mapViewToScene(rect.center()))
    drawn = len(d.nodes[0])
    assert f"Inputs {drawn + 1} to {COLUMNS}" in d.readout.text() and f"feature_{drawn}" in d.readout.text()
    assert d.canvas.toolTip() == d.readout.text()


def test_a_256_neuron_layer_is_bounded_too(qtbot):
    t = Trainer(TrainConfig(hidden=(256,)))
    d = _drawn(qtbot, t)
    # "+237 more neurons", or "+237" where that does not fit left of the node (the whole in its hover)
    assert len(d.nodes[1]) < MAX_SHOWN and re.fullmatch(r"\+\d+( more neurons)?", d.bounds.more[1][2].toPlainText())
    assert "more neurons" in d.bounds.describe(("more", 1))
    assert d.edges[1].shape == (1, len(d.nodes[1]))  # output from the drawn neurons
    assert len(d.bounds.links[1]) == 1  # and one summary link from the rest
    assert len(d.canvas.scene().items()) < 300


def _move(d, view_point) -> None:
    """The pointer moved to ``view_point`` (in the diagram's view units), through Qt's window system,
    after pyqtgraph's mouse rate limit (it drops a move that comes sooner after the last one: with a
    hover that no longer lays the diagram out again, two moves came within its 10 ms)."""
    import pyqtgraph as pg
    from PySide6.QtTest import QTest

    rate = pg.getConfigOption("mouseRateLimit")
    QTest.qWait(int(1000 / rate) + 5 if rate > 0 else 0)
    QTest.mouseMove(d.canvas.viewport(), d.canvas.mapFromScene(d.view.mapViewToScene(view_point)))


def test_the_hover_follows_the_pointer_out_of_the_diagram_and_across_a_jump(qtbot):
    from PySide6.QtCore import QEvent as E
    from PySide6.QtWidgets import QApplication

    d = _drawn(qtbot, Trainer(TrainConfig(hidden=(4, 2))))
    focus = []
    d.neuron_hovered.connect(focus.append)
    _move(d, d.nodes[1][0][1].center())
    assert focus[-1] == (1, 0) and "neuron 1 of layer 1" in d.readout.text()
    # one jump from a neuron over the others to empty room (no move in between): nothing stays hovered
    _move(d, d.nodes[2][1][1].bottomRight() + QPointF(0.3, -3 * d.nodes[2][1][1].height()))
    assert focus[-1] is None
    _move(d, d.nodes[2][1][1].center())
    assert focus[-1] == (2, 1)
    QApplication.sendEvent(d.canvas.viewport(), QEvent(E.Type.Leave))  # a quick jump out of the window
    assert focus[-1] is None and d.readout.text() == "Hover a neuron or a connection."
    d._on_mouse(d.view.mapViewToScene(d.nodes[1][2][1].center()))
    assert focus[-1] == (1, 2)
    d.set_run(Trainer(TrainConfig(hidden=(3,))).run_info())  # a new network: the focus is let go
    assert focus[-1] is None


def test_a_long_name_is_elided_in_the_diagram_and_whole_in_its_tooltip(qtbot, tmp_path):
    long = "coefficient_of_" + "variation_" * 500  # 5,015 characters
    path = _csv(tmp_path / "long.csv", 3, name=lambda i: long + str(i) if i < 2 else "am")
    t = Trainer(TrainConfig(dataset="csv", hidden=(3,)), load_csv(path))
    d = _drawn(qtbot, t)
    texts = [label.toPlainText() for label in d._labels]
    assert texts[2] == "am" and all("…" in s and s.startswith("coeff") and s.endswith(f"_{i}")
                                    for i, s in enumerate(texts[:2]))
    view_rect = d.view.mapRectToScene(d.view.boundingRect())
    for label in d._labels:  # each drawn whole (never clipped mid-glyph), within its share of the width
        rect = label.mapRectToScene(label.boundingRect())
        assert view_rect.contains(rect) and rect.width() <= 0.3 * d.canvas.width() + 10
    assert d.minimumSizeHint().width() < 200  # the name does not widen the diagram
    d._on_mouse(d._labels[0].sceneBoundingRect().center())  # hovering the name: its input, whole in the tooltip
    assert d.canvas.toolTip().replace("\n", "") == long + "0"
    assert len(d.readout.text()) < 200 and "…" in d.readout.text()


def test_a_combo_box_showing_a_long_name_stays_narrow_and_tips_it_whole(qtbot):
    from nnplay.ui.elide import short_name
    from nnplay.ui.widgets import FittedComboBox

    combo = FittedComboBox()
    qtbot.addWidget(combo)
    combo.setToolTip("The input shown along the horizontal axis.")
    combo.blockSignals(True)  # as a panel fills it
    combo.addItems(["x" * 5000, "height"])
    combo.blockSignals(False)
    combo.show()
    qtbot.waitUntil(lambda: combo.toolTip().startswith("x" * 5000))
    assert combo.minimumSizeHint().width() <= combo.cap_px() + 60 and combo.is_elided()
    combo.setCurrentIndex(1)
    assert combo.toolTip() == "The input shown along the horizontal axis." and not combo.is_elided()
    assert short_name("abcdefghij", 5) == "ab…ij" and short_name("abc", 5) == "abc"


def test_the_window_is_no_wider_for_a_csv_with_a_5000_character_column_name(window, qtbot, tmp_path):
    c = window.controller
    widths = []
    for name in ("short", "l" * 5000):
        path = _csv(tmp_path / f"{name[:5]}.csv", 3, name=lambda i, name=name: f"{name}{i}")
        assert c.load_csv(path)
        qtbot.waitUntil(lambda name=name: c.run_info.data.input_names[0] == f"{name}0" and c.last_frame is not None,
                        timeout=20000)
        assert settle(qtbot)  # laid out
        widths.append(window.minimumSizeHint().width())
    assert widths[1] <= widths[0]
    optimizer = window.network_panel.optimizer
    assert optimizer.width() >= optimizer.sizeHint().width()  # not squeezed
    for combo in (window.boundary.axis_x, window.boundary.axis_y):
        assert combo.width() <= combo.cap_px() + 60 and "l" * 5000 in combo.toolTip()
    axis = window.boundary.plot.getPlotItem().getAxis("bottom").labelText
    assert "…" in axis and len(axis) <= 24


@functools.cache
def _six_wide_layers():
    """The run info and first frame of six hidden layers of 200 (as wide as six may be; built once: 0.3-0.6 s of CPU, read only by
    the diagrams of the eight sizes and zooms below)."""
    t = Trainer(TrainConfig(hidden=(200,) * 6))
    return t.run_info(), Frame(0, t.snapshot(), False, 0.0)


def _scene_rect(item):
    text = item.textItem
    return text.mapRectToScene(text.boundingRect())


@sweep("size", [(220, 390), (320, 420), (420, 520), (700, 800)], default=0)
@pytest.mark.parametrize("zoom", [1.0, 1.6])
def test_the_more_captions_of_six_wide_layers_never_overlap_a_label_or_another_layers_nodes(qtbot, size, zoom):
    # `nnplay --settings 'dataset=spiral&hidden=256,256,256,256,256,256'` (six of 200 since widths are bounded):
    # six "+241 more neurons" ran into one strip over the dashed nodes; now each says "+241 more neurons",
    # "+241", or nothing, where there is room
    d = NetworkDiagram()
    qtbot.addWidget(d)
    font = d.font()
    font.setPointSizeF(font.pointSizeF() * zoom)
    d.setFont(font)
    d.resize(*size)
    d.show()
    run_info, frame = _six_wide_layers()
    d.set_run(run_info)
    d.set_frame(frame)
    qtbot.wait(50)
    d.refit()
    captions = [(l, more[2]) for l, more in enumerate(d.bounds.more) if more and l > 0]
    assert len(captions) == 6
    texts = [(f"caption {l}", _scene_rect(c)) for l, c in captions if c.isVisible()]
    texts += [(f"title {k}", _scene_rect(t[0])) for k, t in enumerate(d.titles) if t[0].isVisible()]
    texts += [(f"activation {k}", _scene_rect(a[0])) for k, a in enumerate(d.activation_labels.items)
              if a[0].isVisible()]
    for i, (name, rect) in enumerate(texts):
        for other, rect2 in texts[i + 1:]:
            assert not rect.adjusted(1, 1, -1, -1).intersects(rect2), f"{name} overlaps {other} at {size}, x{zoom}"
    for l, caption in captions:
        if not caption.isVisible():
            continue
        assert re.fullmatch(r"\+\d+( more neurons)?", caption.toPlainText())
        rect = _scene_rect(caption)
        for layer in range(len(d.nodes)):
            for _, node in d.nodes[layer]:
                node_rect = d.view.mapViewToScene(node).boundingRect()
                assert not rect.adjusted(1, 1, -1, -1).intersects(node_rect), f"caption {l} over layer {layer}'s nodes"
    if size[0] >= 700 and zoom == 1.0:
        assert all(c.isVisible() for _, c in captions), [(c.toPlainText(), c.isVisible()) for _, c in captions]
