"""Read-outs of words and bold numbers drawn without a text document (``ui/bold_spans.py``,
issue 20): the same pixels as Qt's rich-text label, which parses and lays out a document at
every new text (the loss, epoch and accuracy read-outs change on every frame)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel

from nnplay.ui.bold_spans import spans
from nnplay.ui.steady_label import SteadyLabel

TEXTS = ["Loss: train <b>0.1234</b>  test <b>0.1300</b>", "Epoch <b>1,234</b> · 4,200 / 10,000 mini-batches",
         "Accuracy: train <b>97.3%</b>  test <b>96.1%</b>", "Epoch <b>7</b>", "<b>12</b> epochs", "no markup at all"]


def _pixels(label) -> np.ndarray:
    return pg.imageToArray(label.grab().toImage(), copy=True)


def _pair(qtbot, text, height=24, font=None, palette=None, enabled=True):
    """A SteadyLabel as the window's read-outs are made, and a plain rich-text QLabel (the uncut path)."""
    made = []
    for label in (SteadyLabel(min_width=150), QLabel()):
        label.setContentsMargins(0, 0, 12, 0)
        label.setTextFormat(Qt.TextFormat.RichText)
        if font is not None:
            label.setFont(font)
        if palette is not None:
            label.setPalette(palette)
        label.setText(text)
        label.setFixedSize(360, height)
        label.setEnabled(enabled)
        qtbot.addWidget(label)
        made.append(label)
    return made


@pytest.mark.parametrize("text", TEXTS)
def test_a_read_out_of_bold_numbers_is_drawn_as_qts_rich_text_is(qtbot, text):
    steady, rich = _pair(qtbot, text)
    assert steady._runs is not None  # drawn from runs: no document
    assert steady.text() == text and steady.textFormat() == Qt.TextFormat.RichText  # as set
    assert np.array_equal(_pixels(steady), _pixels(rich))


@pytest.mark.parametrize("height", [17, 18, 25, 31])
def test_the_same_pixels_at_other_heights_fonts_palettes(qtbot, height):
    big = QFont()
    big.setPointSizeF(big.pointSizeF() * 1.7)  # (presentation zoom)
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.WindowText, QColor(230, 230, 230))
    dark.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    for kwargs in ({}, {"font": big}, {"palette": dark}, {"enabled": False}):
        steady, rich = _pair(qtbot, TEXTS[0], height if not kwargs.get("font") else 2 * height, **kwargs)
        assert steady._runs is not None
        assert np.array_equal(_pixels(steady), _pixels(rich)), kwargs


def test_a_new_text_repaints_and_other_markup_is_left_to_qt(qtbot):
    steady, rich = _pair(qtbot, TEXTS[0])
    for text in ("Loss: train <b>0.2</b>  test <b>0.3</b>", "Loss: train 0.2  test <b>0.3</b>",
                 "Loss: train <b>0.2</b>  + penalty <b>0.01</b> <small>(total on hover)</small>", TEXTS[1]):
        steady.setText(text)
        rich.setText(text)
        assert steady.text() == text
        assert (steady._runs is None) == ("<small>" in text)  # <small>: Qt's own document, as before
        assert np.array_equal(_pixels(steady), _pixels(rich)), text
    steady.setTextFormat(Qt.TextFormat.PlainText)  # plain: the tags shown as they are, by Qt
    rich.setTextFormat(Qt.TextFormat.PlainText)
    assert steady._runs is None and np.array_equal(_pixels(steady), _pixels(rich))


def test_spans_read_bold_words_only():
    assert spans("Loss: train <b>0.1</b>  test <b>0.2</b>") == [
        ("Loss: train ", False), ("0.1", True), (" test ", False), ("0.2", True)]
    for other in ("a &amp; b", "a <i>b</i>", "<b>a <b>b</b></b>", "<b>open", " lead", "end ", "a <br> b",
                  "a </b>", "", "x <b> </b> y"):
        assert spans(other) is None, other
