"""Widths of 4096,4096,4096 froze the window: its thread coloured three 16-million-cell heatmaps a frame,
and again inside the close's last save (minutes). Now such a network is refused where it is asked for, a
wide matrix is drawn as a bounded picture whose cells still read out exactly, and the close draws no frame."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QMessageBox

from nnplay.training.setting_ranges import HIDDEN_MAX
from nnplay.ui.app import configure_pyqtgraph
from nnplay.ui.heatmap import HeatmapItem, colour_matrices
from nnplay.ui.main_window import PlaygroundWindow
from nnplay.ui.worker import MAX_SPEED


def test_pasting_widths_too_wide_is_refused_and_the_run_stays(window, qapp):
    c = window.controller
    generation, hidden = c.generation, c.config.hidden
    qapp.clipboard().setText("hidden=4096,4096,4096")
    window.paste_settings()
    said = window.errors[-1][1] if window.errors else window.statusBar().currentMessage()
    assert f"from 1 to {HIDDEN_MAX}, got" in said and "\n" not in said
    assert c.generation == generation and c.config.hidden == hidden


def test_a_wide_matrix_is_drawn_bounded_and_its_cells_read_out_exactly(qtbot):
    heat = HeatmapItem()
    m = np.arange(600 * 3, dtype=float).reshape(600, 3)
    heat.set_matrix(m)
    assert heat.image.shape[:2] == (120, 3) and heat.downsampled  # 600 rows in blocks of 5 (at most 128 a side)
    assert heat.cell_at(QPointF(2.5, 100.9)) == (504, 2)  # the picture's row 100 of 120 is the matrix's 500-504
    assert heat.mapRectToParent(heat.boundingRect()).height() == pytest.approx(600)  # one unit a matrix cell
    heat.select((504, 2))
    assert heat.mapRectToParent(heat.outline.rect()).top() == pytest.approx(504)
    (unit, rgba), = colour_matrices([m], [1.0])
    assert rgba.shape == (120, 3, 4)
    small = HeatmapItem()
    small.set_matrix(np.ones((4, 4)))
    assert small.image.shape[:2] == (4, 4) and not small.downsampled and small.cell_at(QPointF(1.5, 2.5)) == (2, 1)


@pytest.mark.fresh_window  # it makes and closes windows of its own
def test_the_close_draws_no_frame_while_it_saves(qtbot, no_leaks, tmp_path, monkeypatch):
    configure_pyqtgraph()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    win = PlaygroundWindow(autosave_path=str(tmp_path / "last.nnplay"))
    qtbot.addWidget(win)
    win.show()
    c = win.controller
    qtbot.waitUntil(lambda: c.last_frame is not None, timeout=15000)
    c.set_speed(MAX_SPEED)
    c.play()
    qtbot.waitUntil(lambda: c.last_frame.snapshot.epoch > 5, timeout=15000)
    drawn = []
    c.frame_drawn.connect(lambda frame: drawn.append(frame.snapshot.epoch))
    win.close()
    assert (tmp_path / "last.nnplay").exists() and drawn == []
