"""An exported output view keys every class (round 21): for more than MANY_CLASSES classes the window counts
them in the caption and lists their swatches and names in a list that scrolls, and File › Export and ``nnplay
render`` wrote the caption alone, "20 classes, each with its colour in the list below", with no list below. A
picture cannot scroll: the list is written whole under the caption, as wide as the panel."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.data import load_csv
from nnplay.training import TrainConfig, Trainer
from nnplay.training.session import Session, save_session
from nnplay.ui.class_list import MANY_CLASSES
from nnplay.ui.export import MARGIN, TEXT_SCALE
from tests.sweep import sweep
from tests.ui.test_export import pixels, rasterise

pytestmark = pytest.mark.timeout(300)


def _classes_csv(path, k: int):
    rng = np.random.default_rng(k)
    y = np.arange(max(200, 8 * k)) % k
    angle = 2 * np.pi * y / k
    x = np.column_stack([3 * np.cos(angle), 3 * np.sin(angle)]) + rng.normal(0, 0.3, (y.size, 2))
    path.write_text("x1,x2,label\n" + "".join(f"{a:.3f},{b:.3f},kind_{c:02d}\n" for (a, b), c in zip(x, y)))
    return path


def _session(folder, k: int):
    data = load_csv(_classes_csv(folder / f"k{k}.csv", k))
    trainer = Trainer(TrainConfig(dataset="csv", hidden=(6,)), data)
    trainer.run(3)
    path = folder / f"k{k}.nnplay"
    save_session(path, Session(trainer.config, trainer.data, trainer.state_dict()))
    return path


def _swatches_missing(image: np.ndarray, k: int, top: int) -> list[int]:
    """The classes of ``k`` whose colour is nowhere in ``image`` from row ``top`` down (under the plot)."""
    from nnplay.ui.colors import class_rgb

    below = image[top:].reshape(-1, 3)
    colours = np.unique(below.round().astype(int), axis=0)
    return [c for c, rgb in enumerate(class_rgb(k)) if np.abs(colours - rgb).max(axis=1).min() > 3]


def _key_text(parts) -> str:
    return " ".join(w.text() for w in parts if hasattr(w, "text"))


@sweep("k", [3, 12, 20, 50], default=3)  # (50: the most columns)
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_render_keys_every_class_under_the_plot(qapp, tmp_path, k, suffix):
    from nnplay.ui.export import export_view
    from nnplay.ui.render import PanelViews, panel_frame, session_trainer

    trainer = session_trainer(_session(tmp_path, k), "output")
    views = PanelViews("output")
    try:
        views.show_run(trainer.run_info(), panel_frame(trainer, "output"))
        parts, scale = views.lay_out((1600, 1200))
        assert all(f"kind_{c:02d}" in _key_text(parts) for c in range(k))
        assert (views.boundary.class_list.label in parts) == (k > MANY_CLASSES)
        out = tmp_path / f"out{suffix}"
        export_view(views, "output", out, scale)
        top = round((MARGIN + views.boundary.plot.height()) * scale)
    finally:
        views.close()
    if suffix == ".svg":
        rasterise(out, tmp_path / "svg.png")
        out = tmp_path / "svg.png"
    image = pixels(out)
    assert _swatches_missing(image, k, top) == []
    assert image.shape[:2] == (1200, 1600)  # (the list's room taken from the plot, not added to the file)


def test_the_windows_export_keys_fifty_classes(window, qtbot, tmp_path):
    from nnplay.ui.export import export_view, panel_parts, panel_size, slide_scale

    c, view = window.controller, window.boundary
    assert c.load_csv(str(_classes_csv(tmp_path / "fifty.csv", 50)))
    qtbot.waitUntil(lambda: view.info is not None and view.info.data.n_classes == 50, timeout=15000)
    qtbot.waitUntil(lambda: "50 classes" in view.caption.text(), timeout=15000)
    parts = panel_parts(window, "output")
    assert view.class_list.verticalScrollBar().maximum() > 0  # the window's list scrolls...
    assert view.class_list.label in parts and "kind_49" in _key_text(parts)  # ...the file's holds every class
    scale, size = slide_scale(parts), panel_size(parts)
    export_view(window, "output", tmp_path / "out.png", laid_out=True)
    image = pixels(tmp_path / "out.png")
    assert image.shape[:2] == (round(size.height() * scale), round(size.width() * scale))
    # laid out for the file (export_layout): its text at TEXT_SCALE, the caption and the list at the width it gives
    width = round(size.width() * scale / TEXT_SCALE) - 2 * MARGIN
    key = MARGIN + view.caption.heightForWidth(width) + view.class_list.label.heightForWidth(width)
    assert _swatches_missing(image, 50, image.shape[0] - round(key * TEXT_SCALE)) == []


def test_the_list_of_many_classes_is_in_aligned_columns_as_many_as_its_width_holds(qtbot):
    """50 classes in columns each as wide as the widest entry, in class order along each line, and as tall as
    those columns at any width asked (an export measures it wider than on screen)."""
    from nnplay.ui.class_list import ClassList

    listed = ClassList()
    qtbot.addWidget(listed)
    names = [f"kind_{c:02d}" for c in range(50)]
    listed.resize(700, 100)
    listed.show()
    listed.set_classes(names)
    label = listed.label
    for width in (300, 700, 1400):
        text = label.table(width)
        rows = text.count("<tr>")
        columns = max(r.count("<td") for r in text.split("<tr>")[1:])
        assert all(f"kind_{c:02d}" in text for c in range(50)) and rows == -(-50 // columns)
        entry = label.fontMetrics().horizontalAdvance("■\u00a0kind_00")
        assert columns * entry <= width and (columns + 1) * (entry + 12) > width - 8  # as many as fit
        assert text.index("kind_00") < text.index("kind_01") < text.index("</tr>")  # along the first line
    assert label.heightForWidth(300) > label.heightForWidth(700) > label.heightForWidth(1400) > 0
    wide = label.heightForWidth(1400)  # (measured before it is that wide: an export's measure)
    label.resize(1400, wide)
    assert label.text() == label.table(1400) and label.heightForWidth(1400) == wide  # (its text now that table)
