"""A NaN reads as every missing number reads (numbers.MISSING, "–"), never "nan": in format_number, in the
speed read-out, on an axis, and anywhere in the window's text after a run has diverged."""

import math
import re
from types import SimpleNamespace

from PySide6.QtWidgets import QAbstractButton, QLabel

from nnplay.numbers import MISSING, format_number, read_number
from nnplay.ui.epoch_readout import rate_text
from nnplay.ui.tick_labels import linear_tick_strings

RAW = re.compile(r"\b(nan|NaN)\b")


def test_format_number_shows_nan_as_missing_and_keeps_it_readable_in_plain_text():
    assert format_number(math.nan) == MISSING and format_number(float("nan"), 2, zeros=True) == MISSING
    assert format_number(math.inf) == "inf" and format_number(-math.inf) == "−inf"  # (a value: the run diverged)
    assert math.isnan(read_number(format_number(math.nan, plain=True)))  # (typed back or read by a program)


def test_the_speed_never_reads_nan_or_inf_epochs_a_second():
    for eps in (math.nan, math.inf):
        assert rate_text(SimpleNamespace(playing=True, epochs_per_second=eps)) == f"{MISSING} epochs/s"


def test_an_axis_without_a_finite_extent_labels_no_tick_nan():
    texts = linear_tick_strings([math.nan, 0.0, 1.0, math.inf], 1.0, math.nan, (math.nan, 1.0))
    assert texts == [MISSING, "0", "1", "inf"]


def test_a_diverged_window_shows_no_nan(window, qtbot):
    from tests.ui.test_diverged_tools import diverge

    diverge(window, qtbot)
    qtbot.wait(300)
    texts = [(type(w).__name__, w.objectName(), t) for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton)
             if w.isVisibleTo(window) for t in (w.text(), w.toolTip())]
    texts.append(("status", "", window.statusBar().currentMessage()))
    raw = [t for t in texts if RAW.search(t[2])]
    assert not raw, raw
