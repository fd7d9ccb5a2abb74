"""Read-outs whose size does not follow their digits: a live frame lays nothing
out again (issue 20: every frame re-ran the whole window's layout, and the
main window started an animation per toolbar, because the read-outs' texts
changed their size hints)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from nnplay.ui.steady_label import SteadyLabel
from tests.settle import settle


class LayoutRequests(QObject):
    """Counts the LayoutRequest events a widget receives."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        self.count += event.type() == QEvent.Type.LayoutRequest
        return False


@pytest.fixture
def row(qtbot):
    holder = QWidget()
    layout = QHBoxLayout(holder)
    label = SteadyLabel(min_width=40)
    label.setTextFormat(Qt.TextFormat.RichText)
    layout.addWidget(label)
    layout.addStretch(1)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    return holder, label


def needed_width(label: QLabel, text: str) -> int:
    ruler = QLabel()
    ruler.setFont(label.font())
    ruler.setTextFormat(label.textFormat())
    ruler.setText(text)
    return ruler.sizeHint().width()


def test_new_digits_of_the_same_shape_lay_nothing_out(row, qtbot):
    holder, label = row
    label.setText("Epoch <b>1,000</b>")
    qtbot.wait(20)
    requests, size = LayoutRequests(holder), label.size()
    for epoch in range(1_001, 1_200, 7):
        label.setText(f"Epoch <b>{epoch:,}</b>")
        qtbot.wait(1)
        assert label.size() == size
        assert label.width() >= needed_width(label, label.text())  # never cut
    assert requests.count == 0


def test_a_longer_text_grows_the_label_and_it_does_not_shrink_back(row, qtbot):
    _, label = row
    label.setText("Loss <b>0.5</b>")
    short = label.width()
    label.setText("Loss <b>0.5</b> (test 0.61, penalty 0.002)")
    assert label.width() > short
    assert label.width() >= needed_width(label, label.text())
    wide = label.width()
    label.setText("Loss <b>0.4</b>")
    assert label.width() == wide  # a steady read-out: no jumping back and forth


def test_the_minimum_width_holds_for_an_empty_text(row):
    _, label = row
    label.setText("")
    assert label.width() == 40


def test_a_font_change_measures_afresh(row, qtbot):
    _, label = row
    label.setText("Accuracy <b>98.5%</b>")
    normal = label.width()
    big = QFont(label.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    label.setFont(big)
    qtbot.waitUntil(lambda: label.width() > normal * 1.5, timeout=2000)
    assert label.width() >= needed_width(label, label.text())
    label.setFont(QFont(big.family(), int(big.pointSizeF() / 2)))
    qtbot.waitUntil(lambda: label.width() < normal * 1.3, timeout=2000)  # and it may shrink again
    assert label.width() >= needed_width(label, label.text())


def test_a_live_frame_lays_out_neither_the_window_nor_the_gradients(window, qtbot):
    """Numbers that change every frame (epoch, rate, loss, accuracy, the heatmaps'
    scale) post no LayoutRequest to the window or the gradients panel."""
    frame = window.controller.last_frame
    snap = frame.snapshot
    for k in range(6):
        changed = dataclasses.replace(
            snap, epoch=snap.epoch + 37 * k, train_loss=snap.train_loss * (1 + 0.013 * k),
            dW=[m * (1 + 0.1 * k) for m in snap.dW])
        window.show_frame(dataclasses.replace(frame, snapshot=changed, epochs_per_second=100.0 + 13 * k))
        qtbot.wait(5)
        if k == 0:  # the first frame's shapes of text are new; the window's own start settles (and the columns'
            assert settle(qtbot, until=lambda: not window.presentation.columns.pending())  # fit a new run asks for)
            at_window, at_gradients = LayoutRequests(window), LayoutRequests(window.gradients)
    assert f"{snap.epoch + 37 * 5:,}" in window.stats["epoch"].text()
    assert (at_window.count, at_gradients.count) == (0, 0)
