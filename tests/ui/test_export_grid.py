"""An exported output picture is coloured at the export's resolution: its class
border follows the network's own border to the pixel, where the screen's
100 × 100 grid (upsampled, smoothly scaled) stepped every few pixels in a
1,600-pixel export."""

import pickle

import numpy as np
import pytest

from nnplay.training import TrainConfig, Trainer
from nnplay.ui.export import MARGIN, panel_image
from nnplay.ui.export_grid import EXPORT_GRID_MAX, export_resolution, fine_output_frame, grid_cells
from nnplay.ui.render import PanelViews, panel_frame

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def trainer():
    t = Trainer(TrainConfig(dataset="spiral", hidden=(8, 8), optimizer="adam", lr=0.03, seed=0))
    t.run(120)  # a curved, thin-in-places class border
    return t


def _pixels(image) -> np.ndarray:
    """A copy of a QImage (ARGB32) as an (h, w, 4) int array (B, G, R, A)."""
    ptr = image.constBits()
    return np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :image.width()].astype(int)


def _wrong_pixels(views, trainer, parts, scale) -> tuple[int, int]:
    """(pixels of the picture, the data points hidden, whose class colour differs
    from the network's class at every pixel within 2 pixels of them: wrong by more
    than the anti-aliasing of a border, pixels compared)."""
    boundary = views.boundary
    area = boundary.plot.viewportTransform().mapRect(boundary.image.sceneBoundingRect())  # (floats)
    left, top, width, height = (v * scale for v in (area.left() + MARGIN, area.top() + MARGIN, area.width(), area.height()))
    image = panel_image(parts, scale)
    px = _pixels(image)
    rows, cols = np.arange(int(top) + 3, int(top + height) - 3), np.arange(int(left) + 3, int(left + width) - 3)
    shown = (px[np.ix_(rows, cols)][..., 0] > px[np.ix_(rows, cols)][..., 2]).astype(int)  # blue over red: class 1
    (x0, x1), (y0, y1) = boundary._extent
    H, V = np.meshgrid(x0 + (cols + 0.5 - left) / width * (x1 - x0), y1 - (rows + 0.5 - top) / height * (y1 - y0))
    truth = trainer.predict_classes(np.column_stack([H.ravel(), V.ravel()])).reshape(H.shape)
    wrong = np.ones_like(shown[2:-2, 2:-2], dtype=bool)
    for dy in range(-2, 3):
        for dx in range(-2, 3):
            wrong &= shown[2:-2, 2:-2] != truth[2 + dy:truth.shape[0] - 2 + dy, 2 + dx:truth.shape[1] - 2 + dx]
    return int(wrong.sum()), wrong.size


def test_an_exported_output_is_coloured_at_its_own_resolution(trainer, qapp):
    views = PanelViews("output")
    try:
        views.show_run(trainer.run_info(), panel_frame(trainer, "output"))
        parts, scale = views.lay_out((1600, 1200))
        for points in (views.boundary.train_points, views.boundary.test_points):
            points.setVisible(False)
        screen_wrong, n = _wrong_pixels(views, trainer, parts, scale)  # the screen's grid, as exports were
        frame = fine_output_frame(trainer, views.boundary, scale)
        res = frame.snapshot.grid_classes.shape[0]
        area = views.boundary.plot.mapFromScene(views.boundary.image.sceneBoundingRect()).boundingRect()
        assert res == export_resolution(views.boundary, scale) <= EXPORT_GRID_MAX
        assert res >= max(area.width(), area.height()) * scale - 1  # a cell per output pixel, at most
        views.boundary.set_frame(frame)
        assert views.boundary.image.image.shape[:2] == (res, res)  # coloured as evaluated, not upsampled again
        export_wrong, _ = _wrong_pixels(views, trainer, parts, scale)
    finally:
        views.close()
    assert screen_wrong > 100  # (the check sees the blocky border of the screen's grid)
    assert export_wrong * 10 < screen_wrong and export_wrong < 1e-4 * n, (export_wrong, screen_wrong, n)


def test_the_windows_export_of_the_output_is_coloured_at_its_resolution(window, qtbot, tmp_path):
    c = window.controller
    c.step(30)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 30, timeout=20000)
    res = export_resolution(window.boundary, 3.0)
    assert res > 200
    assert window.export_panel("output", str(tmp_path / "out.png"), scale=3.0)
    assert window.boundary.image.image.shape[:2] == (res, res)  # what was exported: the training process's fine grid
    assert (tmp_path / "out.png").stat().st_size > 0
    qtbot.waitUntil(lambda: grid_cells(c.last_frame.snapshot) == 100, timeout=20000)  # then the screen's grid again


def _voronoi_csv(path, k: int = 50, rows: int = 2000) -> None:
    """A CSV of ``rows`` points in the unit square, each labelled by the nearest of ``k`` centres
    (class borders of every direction: the tester's 50-class file)."""
    rng = np.random.default_rng(0)
    X, centres = rng.random((rows, 2)), rng.random((k, 2))
    labels = np.argmin(((X[:, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
    path.write_text("x1,x2,label\n" + "".join(f"{a},{b},c{c}\n" for (a, b), c in zip(X, labels)), encoding="utf-8")


def test_a_fine_class_grid_is_sent_without_its_outputs(tmp_path):
    """An export's grid of a many-class run: each cell's class and confidence, not its k outputs
    (50 classes at 1,194 cells a side were 570 MB down the frame pipe: the window's export gave up
    waiting and wrote the screen's stepped picture). Its classes are the network's, every cell."""
    from nnplay.data import load_csv
    from nnplay.training.frame_pipe import message_bytes
    from nnplay.training.loop import ViewRequest
    from nnplay.training.pictures import class_confidence, predicted_classes

    path = tmp_path / "classes50.csv"
    _voronoi_csv(path)
    t = Trainer(TrainConfig(dataset="csv", hidden=(8,), optimizer="adam", lr=0.03, seed=0), data=load_csv(str(path)))
    t.run(5)
    res = 400
    sent = message_bytes(t.snapshot(ViewRequest(grid_resolution=res), for_pipe=True))  # (the frame pipe's message)
    assert len(sent) < 16 * res * res  # (k outputs a cell: 400 bytes a cell)
    snap = pickle.loads(sent)
    assert snap.grid is None and snap.grid_classes.shape == snap.grid_confidence.shape == (res, res)
    outputs = t.grid_output(res).reshape(res * res, -1)
    assert outputs.shape[1] == 50
    assert np.array_equal(snap.grid_classes.ravel(), predicted_classes(outputs, "ce"))
    assert np.allclose(snap.grid_confidence.ravel(), class_confidence(outputs, "ce"), atol=1e-6)
    screen = t.snapshot(ViewRequest(), t.epoch)  # the screen's grid: the outputs, to interpolate
    assert screen.grid.shape == (100, 100, 50) and screen.grid_confidence is None


def test_a_50_class_window_export_is_coloured_a_cell_a_pixel(window, qtbot, tmp_path):
    c = window.controller
    path = tmp_path / "classes50.csv"
    _voronoi_csv(path)
    assert c.load_csv(str(path))
    qtbot.waitUntil(lambda: c.run_info is not None and c.run_info.data.n_classes == 50, timeout=30000)
    c.step(20)
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.snapshot.epoch == 20, timeout=30000)
    res = export_resolution(window.boundary, 3.0)
    assert res > 200
    assert window.export_panel("output", str(tmp_path / "out.svg"), scale=3.0), window.errors
    assert window.boundary.image.image.shape[:2] == (res, res)  # the training process's fine grid, not upsampled
    assert (tmp_path / "out.svg").stat().st_size > 0
    qtbot.waitUntil(lambda: grid_cells(c.last_frame.snapshot) == 100, timeout=20000)


def test_an_export_whose_picture_does_not_come_is_refused_not_stepped(window, qtbot, tmp_path, monkeypatch):
    """The fine picture not coming (a training process that never answers) writes nothing and says
    why: before, the export went on with the screen's grid, its class borders stepped."""
    from nnplay.ui import export_grid

    c = window.controller
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 5, timeout=20000)
    monkeypatch.setattr(export_grid, "WAIT_MS", 300)
    asked = c.set_view
    monkeypatch.setattr(c, "set_view", lambda **kw: None if kw.get("grid_resolution", 0) > 100 else asked(**kw))
    out = tmp_path / "out.png"
    assert not window.export_panel("output", str(out), scale=3.0)
    assert not out.exists()
    assert window.errors and "did not come from the training process" in window.errors[-1][1], window.errors
    assert "\n" not in window.errors[-1][1]


def test_the_exports_progress_dialog_shows_soon_and_cancel_leaves_nothing(window, qtbot, tmp_path, monkeypatch):
    """Tester 20's brief, seen under Xvfb: a 50-class export's 4.7 s wait showed only the status line and the
    wait cursor, no dialog and no Cancel: a busy bar is never given a value, and QProgressDialog starts its
    minimum-duration clock at the first value, so it fell back to Qt's default 4 s. The dialog shows
    SHOW_AFTER_MS into the wait, its text whole; Cancel ends the wait at once and writes nothing."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QPushButton

    from nnplay.ui import export_grid

    c = window.controller
    c.step(5)
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch == 5, timeout=20000)
    asked = c.set_view  # the fine picture never comes: the wait lasts till Cancel
    monkeypatch.setattr(c, "set_view", lambda **kw: None if kw.get("grid_resolution", 0) > 100 else asked(**kw))
    seen = {}

    def look() -> None:
        dialog = window.findChild(QProgressDialog, "export_progress")
        seen["shown"] = dialog is not None and dialog.isVisible()
        seen["cursor"] = QApplication.overrideCursor() is not None
        seen["status"] = window.statusBar().currentMessage()
        if dialog is not None:
            label = dialog.findChild(QLabel)
            seen["fits"] = label.width() >= label.sizeHint().width() or label.wordWrap()
            seen["cancelled_at"] = time.perf_counter()
            next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel").click()  # as the user does

    QTimer.singleShot(export_grid.SHOW_AFTER_MS + 1200, look)  # (well before Qt's own 4 s)
    out = tmp_path / "out.png"
    assert not window.export_panel("output", str(out), scale=3.0)
    ended = time.perf_counter()
    assert seen["shown"] and seen["cursor"] and seen["fits"], seen
    assert seen["status"].startswith("Colouring the output for the export")
    assert ended - seen["cancelled_at"] < 1.0  # at once (a bound no load reaches: the loop quits on the signal)
    assert not out.exists() and QApplication.overrideCursor() is None
    assert "Export cancelled: out.png was not written" in window.statusBar().currentMessage()
