"""Tester, round 21: 50 classes named "class_3_with_a_rather_long_name"... Every entry of the draw-class
picker read "class class_…_name" (cut in the middle, where the names differ), and the import preview
cut them with "…" beside 350 px of empty table. A list's names are cut on the side that keeps them
apart, a popup list is as wide as its longest item, and a table with room gives it to the names."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from nnplay.ui.elide import ElidingComboBox, elided_list, elided_names
from nnplay.user_text import cut, distinct_cuts
from tests.long_names import long_named_csv

NAMES = [f"class_{k}_with_a_rather_long_name" for k in range(50)]


@pytest.mark.parametrize("names", [NAMES, ["sepal_length_cm", "sepal_width_cm", "petal_length_cm"],
                                   [f"run_{'x' * 30}_{k}" for k in range(12)],
                                   [f"same_long_start_{k}_and_the_same_long_end" for k in range(12)]])
@pytest.mark.parametrize("limit", [8, 12, 24])
def test_different_names_cut_to_a_limit_stay_different(names, limit):
    short = distinct_cuts(names, lambda t, side: cut(t, limit, side))
    assert len(set(short)) == len(set(names)) and all(len(s) <= limit for s in short)
    assert len(set(elided_names(names, limit)[0])) == len(names)


def test_names_elided_in_pixels_stay_apart(qapp):
    names = [f"{k}{'w' * 40}{k}" for k in range(5)] + NAMES
    font = QApplication.font()
    shown = elided_list(names, font, 80)
    assert len(set(shown)) == len(names) and all("…" in s for s in shown)


def _box(qtbot, names, width):
    box = ElidingComboBox()
    qtbot.addWidget(box)
    box.addItems([f"class {n}" for n in names])
    box.setFixedWidth(width)
    box.show()
    qtbot.waitExposed(box)
    return box


def test_the_closed_box_paints_every_class_apart(qtbot):
    box = _box(qtbot, NAMES, 160)
    painted = []
    for k in range(box.count()):
        box.setCurrentIndex(k)
        painted.append(box.shown_text(box._text_room()))
        assert box.fontMetrics().horizontalAdvance(painted[-1]) <= box._text_room()
    assert len(set(painted)) == 50 and all("…" in p for p in painted)  # elided, and every one its own


def test_the_popup_is_as_wide_as_its_longest_item(qtbot):
    box = _box(qtbot, NAMES, 160)
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible, timeout=5000)
    assert view.viewport().width() >= view.sizeHintForColumn(0)  # no item elided in the list
    box.hidePopup()


def test_the_preview_gives_its_room_to_long_names(qtbot, tmp_path):
    from nnplay.ui.import_dialog import ImportDialog

    rng = np.random.default_rng(0)
    path = tmp_path / "classes50.csv"
    path.write_text("x1,x2,label\n" + "".join(f"{a:.4f},{b:.4f},{NAMES[k % 50]}\n"
                                                for k, (a, b) in enumerate(rng.normal(size=(200, 2)))))
    dialog = ImportDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(object, "import_preview")
    # (fitted again once shown, in its room: the cells are elided to their column's width till then)
    qtbot.waitUntil(lambda: "…" not in preview.item(0, 2).text(), timeout=5000)
    assert sum(preview.columnWidth(j) for j in range(3)) <= preview.viewport().width()  # (within its room)
    assert all("…" not in preview.item(i, 2).text() for i in range(preview.rowCount()))


def test_the_windows_draw_class_picker_reads_every_class_apart(window, qtbot, tmp_path):
    """The tester's case in the window: the picker listed "class class_…_name" fifty times."""
    rng = np.random.default_rng(0)
    path = tmp_path / "classes50.csv"
    path.write_text("x1,x2,label\n" + "".join(f"{a:.4f},{b:.4f},{NAMES[k % 50]}\n"
                                                for k, (a, b) in enumerate(rng.normal(size=(200, 2)))))
    c = window.controller
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_classes == 50, timeout=15000)
    box = window.boundary.draw_class
    qtbot.waitUntil(lambda: box.count() == 50, timeout=5000)
    items = [box.itemText(k) for k in range(50)]
    assert items == [f"class {n}" for n in c.run_info.data.class_names]  # the list: every name whole
    painted = []
    for k in range(50):
        box.setCurrentIndex(k)
        painted.append(box.shown_text(box._text_room()))
    assert len(set(painted)) == 50  # the closed box: each class its own text, elided or not


def test_the_confusion_matrix_of_fifty_long_names_is_headed_by_what_tells_them_apart(qtbot):
    """Its headings were read from the names already cut ("class_10_wit…r_long_name"): nothing short was
    left to tell them apart, and the columns read 1..50, class_0 headed "1"."""
    from tests.ui.test_confusion_headings import metrics_view_of

    view = metrics_view_of(qtbot, NAMES, per_class=2)
    view.resize(2400, 800)
    view._render()
    text = view.label.text()
    assert "<th>49</th>" in text and "<th>50</th>" not in text


def test_the_import_dialogs_column_list_elides_names_on_the_side_that_tells_them_apart(qtbot):
    """Its Column list elided every row in the middle: 50 columns named sensor_3_reading_with_a_long_suffix...
    read the same in a narrow dialog."""
    from PySide6.QtCore import Qt

    from nnplay.ui.import_columns import ColumnTable

    names = [f"sensor_{k}_reading_with_a_rather_long_suffix" for k in range(50)]
    table = ColumnTable([(n, "input", "number") for n in names], ("input", "ignore"), ("number",))
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    for width in (280, 330):
        table.resize(width, 400)
        qtbot.wait(10)
        assert table.columnWidth(0) < table.fontMetrics().horizontalAdvance(names[0])  # (the names do not fit)
        mode, room = table.textElideMode(), table.columnWidth(0) - 8
        assert len({table.fontMetrics().elidedText(n, mode, room) for n in names}) == 50, width
    assert mode == Qt.TextElideMode.ElideRight  # (cut in the middle, "sensor_…_suffix" every one)


def test_the_diagram_and_the_feature_boxes_keep_two_long_input_names_apart(window, qtbot, tmp_path):
    """Tester 22: a CSV of sepal_length_measured_…_number_one and sepal_width_measured_…_number_one: both
    inputs of the network diagram read "sepal_…er_one" (each name cut in its middle, alone); the axis boxes
    and the import preview kept them apart. The diagram's names and the Data panel's feature boxes are cut as
    a list, on the side that keeps them apart (``elide.elided_list``)."""
    middle = "_measured_in_centimetres_from_the_lower_edge_of_the_flower_number_one"
    names = [f"sepal_length{middle}", f"sepal_width{middle}"]
    rng = np.random.default_rng(0)
    path = tmp_path / "long.csv"
    with open(path, "w") as f:
        f.write(f"{names[0]},{names[1]},species\n")
        f.writelines(f"{a:.3f},{b:.3f},{'a' if a > 0 else 'b'}\n" for a, b in rng.normal(size=(80, 2)))
    c = window.controller
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.last_frame is not None and c.run_info.data.input_names[0] == names[0], timeout=15000)
    d = window.diagram
    qtbot.waitUntil(lambda: len(d._labels) == 2, timeout=5000)
    shown = [t.toPlainText() for t in d._labels]
    assert all("…" in s for s in shown) and len(set(shown)) == 2, shown  # (elided: the names are long)
    boxes = [cb.text() for cb in window.data_panel.features.values()]
    assert len(set(boxes)) == len(boxes), boxes


def test_the_output_views_axis_titles_stay_apart_and_fit_their_axes(window, qtbot, tmp_path):
    """Tester 23: columns measurement_0_with_a_rather_long_name_ü, measurement_1_…: both axis titles of the
    output view read "measurement_…long_name_ü" (each cut in its middle, alone), and at 1016×740 the left one
    ran off the plot's top. They are cut as a list, and each elided to its axis's length (``axis_titles``)."""
    from PySide6.QtGui import QFontMetricsF

    path = tmp_path / "twelve.csv"
    names = long_named_csv(path)
    c, plot = window.controller, window.boundary.plot.getPlotItem()
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.last_frame is not None and c.run_info.data.input_names[0] == names[0], timeout=15000)
    for size in ((1016, 740), (1600, 1000)):
        window.resize(*size)
        qtbot.wait(200)
        titles = {side: plot.getAxis(side).labelText for side in ("bottom", "left")}
        assert titles["bottom"] != titles["left"] and all(titles.values()), titles
        box = plot.getViewBox()
        for side, room in (("bottom", box.width()), ("left", box.height())):
            axis = plot.getAxis(side)
            assert QFontMetricsF(axis.label.font()).horizontalAdvance(titles[side]) <= room + 1, (size, side)
