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


def _at(c, qtbot, epoch):
    qtbot.waitUntil(lambda: c.last_frame is not None and c.last_frame.generation == c.generation
                    and c.last_frame.snapshot.epoch == epoch, timeout=30000)


def _picture(window):
    g = window.gradients
    return {"key": g.key_scale.shown, "loss": _x(window.curves.loss_plot), "accuracy": _x(window.curves.acc_plot),
            "norms": _x(g.norm_plot), "loss y": window.curves.loss_range.shown, "norms y": g.norm_range.shown}


@pytest.mark.timeout(180)
def test_a_reopened_session_shows_the_saved_windows_picture(window, qtbot, tmp_path):
    """Saved at epoch 946, reopened: the dW key read ±4·10⁻⁴ for the window's ±5·10⁻⁴ (the shared scale
    keeps its bound while the largest |dW| stays within 70% of it, and a fresh window had no bound kept)
    and the loss and norm plots ran to 2000 for 1000. Here the run is stepped until the kept bound is not
    the one a fresh scale would take, saved, another run trained, and the file opened again."""
    from nnplay.ui.stepped_range import fine_ceil

    c = window.controller
    assert c.apply_settings_text("dataset=spiral&hidden=8,8&activation=tanh&lr=0.03")
    _at(c, qtbot, 0)
    epoch = 0
    while True:  # (a frame an epoch, as a window stepped by hand)
        epoch += 1
        c.step(1)
        _at(c, qtbot, epoch)
        largest = max(float(np.abs(m).max()) for m in window.gradients.last_snapshot.dW)
        if window.gradients.key_scale.shown != fine_ceil(largest) or epoch == 300:
            break
    assert window.gradients.key_scale.shown != fine_ceil(largest)  # (the case the fault needs)
    saved_picture = _picture(window)
    saved = []
    c.session_saved.connect(saved.append)
    c.save_session(str(tmp_path / "s.nnplay"))
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    assert c.apply_settings_text("dataset=xor&hidden=3&activation=relu&lr=0.3")  # another run, its own scale
    _at(c, qtbot, 0)
    c.step(5)
    _at(c, qtbot, 5)
    assert c.open_session(str(tmp_path / "s.nnplay"))
    _at(c, qtbot, epoch)
    qtbot.wait(50)
    assert _picture(window) == saved_picture
