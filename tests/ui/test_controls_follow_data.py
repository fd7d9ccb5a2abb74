"""Every control that shows something of the data follows a new data set or session (tester 16,
s49_reopen.png: the greyed-out draw-class picker still said "class ä" of the file before)."""

from __future__ import annotations

import numpy as np


def _load(window, qtbot, path, names):
    c = window.controller
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.input_names == names
                    and c.last_frame is not None, timeout=10000)


def test_the_draw_class_picker_lists_the_new_datas_classes(window, qtbot, tmp_path):
    rng = np.random.default_rng(3)
    two = tmp_path / "two.csv"
    two.write_text("a,b,kind\n" + "".join(f"{x:.3f},{y:.3f},{'äb'[int(x > y)]}\n" for x, y in rng.normal(size=(60, 2))),
                   encoding="utf-8")
    three = tmp_path / "three.csv"
    three.write_text("x1,x2,x3,label\n" + "".join(f"{x:.3f},{y:.3f},{z:.3f},{int(x > y)}\n"
                                                    for x, y, z in rng.normal(size=(60, 3))))
    values = tmp_path / "values.csv"
    values.write_text("a,b,y\n" + "".join(f"{x:.3f},{y:.3f},{x * 1.7 + y:.3f}\n" for x, y in rng.normal(size=(60, 2))))
    picker = window.boundary.draw_class
    items = lambda: [picker.itemText(i) for i in range(picker.count())]  # noqa: E731
    _load(window, qtbot, two, ["a", "b"])
    assert set(items()) == {"class ä", "class b"} and picker.isEnabled()
    _load(window, qtbot, three, ["x1", "x2", "x3"])  # (three inputs: no drawing, the picker greyed out)
    assert items() == ["class 0", "class 1"] and not picker.isEnabled()
    _load(window, qtbot, values, ["a", "b"])  # values: no classes to pick
    assert items() == [] and not picker.isEnabled()


def test_a_built_in_set_after_a_csvs_other_plane_trains_on(window, qtbot, tmp_path):
    """Tester 17: a 3-input CSV shown on x2, x3, then spiral: "training stopped: IndexError: index 2 is
    out of bounds" (the training process drew the new set on the CSV's plane before the view asked anew)."""
    rng = np.random.default_rng(4)
    three = tmp_path / "three.csv"
    three.write_text("x1,x2,x3,label\n" + "".join(f"{x:.3f},{y:.3f},{z:.3f},{int(x > y)}\n"
                                                    for x, y, z in rng.normal(size=(60, 3))))
    _load(window, qtbot, three, ["x1", "x2", "x3"])
    view, c = window.boundary, window.controller
    extent = c.last_frame.snapshot.grid_extent
    view.axis_x.setCurrentIndex(1)
    view.axis_y.setCurrentIndex(2)
    view.axis_y.activated.emit(2)  # (as a user's pick)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.grid_extent != extent, timeout=10000)  # drawn on x2, x3
    assert view._axes == (1, 2)
    c.change(dataset="spiral")
    qtbot.waitUntil(lambda: c.run_info.data.n_inputs == 2 and c.last_frame is not None
                    and c.last_frame.generation == c.generation and c.last_frame.snapshot.grid is not None,
                    timeout=10000)
    c.step(3)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 3, timeout=10000)
    assert not window._last_error and view._axes == (0, 1)
