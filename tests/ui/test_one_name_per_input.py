"""One name per input everywhere: hovering the input X₁ in the diagram said "Showing x1".
The diagram's labels, the output view's caption while an input is hovered, its axis
titles, the gradient panel's read-out and the Data panel's feature boxes name each
input alike: X₁ for the built-in sets, a CSV's own column names (and their features)."""

from __future__ import annotations

import numpy as np
import pytest


def hovered_caption(window, qtbot, index: int) -> str:
    window.diagram.neuron_hovered.emit((0, index))
    caption = window.boundary.caption
    qtbot.waitUntil(lambda: caption.text().startswith("Showing "), timeout=10000)
    text = caption.text()
    window.diagram.neuron_hovered.emit(None)  # off the network: the output again
    qtbot.waitUntil(lambda: not caption.text().startswith("Showing "), timeout=10000)
    return text.removeprefix("Showing ").split(";")[0]


@pytest.mark.parametrize("source", ["built-in", "csv"])
def test_every_view_names_an_input_as_the_diagram_does(window, qtbot, tmp_path, source):
    c = window.controller
    if source == "csv":
        rng = np.random.default_rng(1)
        rows = ["height,weight,kind"] + [f"{x:.3f},{y:.3f},{'ab'[int(x > y)]}" for x, y in rng.normal(size=(80, 2))]
        path = tmp_path / "people.csv"
        path.write_text("\n".join(rows) + "\n")
        assert c.load_csv(str(path))
        qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.input_names == ["height", "weight"],
                        timeout=10000)
    c.change(features=("x1", "x2", "x1^2", "x1x2"))
    qtbot.waitUntil(lambda: c.run_info.input_names == ("x1", "x2", "x1^2", "x1x2") and c.last_frame is not None,
                    timeout=10000)
    names = window.diagram._names
    expected = (["X₁", "X₂", "X₁²", "X₁X₂"] if source == "built-in" else
                ["height", "weight", "height²", "height·weight"])
    assert names == expected
    boxes = window.data_panel.features
    assert [boxes[k].text() for k in ("x1", "x2", "x1^2", "x1x2")] == expected
    for i, name in enumerate(expected):
        assert hovered_caption(window, qtbot, i) == name
    axis = window.boundary.plot.getPlotItem().getAxis
    assert (axis("bottom").labelText, axis("left").labelText) == tuple(expected[:2])
    window.gradients._report((1, 0, 2, 0.5))  # a column of the first layer: the input it comes from
    assert f"column: {expected[2]})" in window.gradients.readout.text()


def _load_x1_x2_x3(window, qtbot, tmp_path) -> None:
    """A CSV of inputs x1, x2, x3 and a 0/1 label, loaded and its first frame drawn."""
    c = window.controller
    rng = np.random.default_rng(2)
    rows = ["x1,x2,x3,label"] + [f"{a:.3f},{b:.3f},{d:.3f},{int(a > b)}" for a, b, d in rng.normal(size=(80, 3))]
    path = tmp_path / "three.csv"
    path.write_text("\n".join(rows) + "\n")
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.input_names == ["x1", "x2", "x3"]
                    and c.last_frame is not None, timeout=10000)


def test_a_csv_whose_columns_are_called_x1_x2_x3_keeps_their_names_everywhere(window, qtbot, tmp_path):
    """Tester 16 (s41_big_loaded.png): for a CSV with columns x1, x2, x3 the output view's horizontal
    axis read "X₂" (the built-in sets' feature symbol), its vertical "x3", the diagram "x2"."""
    _load_x1_x2_x3(window, qtbot, tmp_path)
    assert window.diagram._names == ["x1", "x2", "x3"]
    b = window.boundary
    axis = b.plot.getPlotItem().getAxis
    for pick in [(0, 1), (1, 2), (0, 2)]:
        b.axis_x.setCurrentIndex(pick[0]), b.axis_y.setCurrentIndex(pick[1])
        b.axes_picked()
        shown = (axis("bottom").labelText, axis("left").labelText)
        assert shown == (f"x{pick[0] + 1}", f"x{pick[1] + 1}") == (b.axis_x.currentText(), b.axis_y.currentText())


def test_the_output_caption_says_which_input_is_held_at_its_mean(window, qtbot, tmp_path):
    """Tester 16 (export/boundary.png): for a CSV of three inputs the picture (and its export) did not
    say that the input off the plane is held at its training mean."""
    _load_x1_x2_x3(window, qtbot, tmp_path)
    b = window.boundary
    qtbot.waitUntil(lambda: "held at its training mean" in b.caption.text(), timeout=10000)
    held = [f"x{k + 1}" for k in range(3) if k not in b.shown_axes]
    assert f"{held[0]} held at its training mean." in b.caption.text()
