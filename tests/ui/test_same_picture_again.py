"""A picture is a function of what it shows, not of the frames that brought it (tester, round 21): a
session saved at epoch 946 and reopened showed its loss and gradient-norm plots on 0 … 2000 where the
window saved showed 0 … 1000; and plots of the same epochs side by side share one epoch range (the
loss plot on 0 … 500 beside the accuracy plot on 0 … 600)."""

import numpy as np
from types import SimpleNamespace

import pytest

from nnplay.ui.loss_curves import LossCurvesView
from tests.ui.test_loss_scale_bulk import _frame


def _x(plot):
    return tuple(round(v, 6) for v in plot.getViewBox().viewRange()[0])


def _view(qtbot):
    v = LossCurvesView()
    qtbot.addWidget(v)
    v.resize(600, 300)
    v.show()
    qtbot.waitExposed(v)
    v.set_run(SimpleNamespace(data=SimpleNamespace(task="classification")))
    return v


def _epochs(n, start=0):
    f = _frame(np.linspace(1.0, 0.5, 1000)[start:n])
    f.snapshot.history_start = start
    f.snapshot.history["train_accuracy"] = np.full(n - start, 0.5)
    return f


def test_the_epoch_axis_of_946_epochs_is_the_same_live_and_reopened(qtbot):
    live, reopened = _view(qtbot), _view(qtbot)
    start = 0
    for end in (*range(50, 946, 50), 946):  # a live run, fifty epochs a frame
        live.add_frame(_epochs(end, start))
        start = end
    reopened.add_frame(_epochs(946))  # a reopened session: its whole history in its first frame
    assert len(live.history) == len(reopened.history) == 946
    assert _x(live.loss_plot) == _x(reopened.loss_plot)
    assert live.loss_plot.getViewBox().viewRange()[0][1] < 1100  # 0 … 1000, not 0 … 2000


@pytest.mark.parametrize("n, right", [(1, 10), (11, 10), (12, 20), (946, 1000), (1001, 1000), (1002, 2000)])
def test_epoch_span_is_the_next_1_2_5_step_of_the_last_epoch(n, right):
    from nnplay.ui.plot_layout import epoch_span

    assert epoch_span(n) == right


def test_loss_and_accuracy_keep_one_epoch_range(qtbot):
    v = _view(qtbot)
    v.add_frame(_epochs(397))
    assert _x(v.loss_plot) == _x(v.acc_plot)
    v.loss_plot.getViewBox().scaleBy(x=1.2)  # a wheel over the loss plot
    assert _x(v.loss_plot) == _x(v.acc_plot)
    v.acc_plot.getViewBox().translateBy(x=30)  # a drag over the accuracy plot
    assert _x(v.loss_plot) == _x(v.acc_plot)
    v.resize(900, 300)  # the plots at other widths (the loss plot 3 parts, accuracy 2)
    qtbot.wait(10)
    assert _x(v.loss_plot) == _x(v.acc_plot)
