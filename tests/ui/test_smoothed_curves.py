"""The smoothing slider: the loss, accuracy and gradient-norm curves drawn with
TensorBoard's debiased EMA, the raw curves faint behind, kept with QSettings,
and the panel exports draw what the window shows."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.training.smoothing import debiased_ema
from nnplay.ui.smoothed_curves import RAW_ALPHA


@pytest.fixture
def trained(window, qtbot):
    window.controller.step(40)
    qtbot.waitUntil(lambda: window.controller.last_frame.snapshot.epoch == 40, timeout=20000)
    return window


def drawn(curve):
    """The data a curve was given (getData would give log10 of it on a log axis; a
    LiveCurve's xData, yData are the points it draws)."""
    x, y = curve.given if hasattr(curve, "given") else (curve.xData, curve.yData)
    return (np.array([]), np.array([])) if x is None else (x, y)


def test_every_curve_is_smoothed_with_its_raw_curve_behind(trained):
    win = trained
    curves, norms = win.curves, win.gradients
    assert drawn(curves.curves["train_loss"])[1].size == 41
    raw_twin = curves.smoother._raw[id(curves.curves["train_loss"])]
    assert not raw_twin.isVisible()  # off by default: the curve is the raw one
    np.testing.assert_array_equal(drawn(curves.curves["train_loss"])[1], curves.history.curve("train_loss")[1])
    curves.smoothing.slider.setValue(90)
    assert curves.smoothing.value_label.text() == "0.90"
    for name in ("train_loss", "test_loss", "train_accuracy", "test_accuracy"):
        raw = curves.history.curve(name)[1]
        _, y = drawn(curves.curves[name])
        np.testing.assert_allclose(y, debiased_ema(raw, 0.9), rtol=1e-12)
        assert y[0] == raw[0] and not np.allclose(y, raw)  # debiased: it starts where the curve starts
        twin = curves.smoother._raw[id(curves.curves[name])]
        assert twin.isVisible() and twin.zValue() < curves.curves[name].zValue()
        np.testing.assert_array_equal(drawn(twin)[1], raw)
        assert twin.opts["pen"].color().alpha() == RAW_ALPHA
    for name, curve in zip(norms.norms.names, norms._norm_curves):  # the gradient norms follow the same slider
        raw = norms.norms.curve(name)[1]
        np.testing.assert_allclose(drawn(curve)[1], debiased_ema(raw, 0.9), rtol=1e-12)
        np.testing.assert_array_equal(drawn(norms.smoother._raw[id(curve)])[1], raw)
    curves.smoothing.slider.setValue(0)
    np.testing.assert_array_equal(drawn(curves.curves["test_loss"])[1], curves.history.curve("test_loss")[1])
    assert not curves.smoother._raw[id(curves.curves["test_loss"])].isVisible()


def test_the_colour_blind_palette_recolours_the_raw_curves(trained):
    curves = trained.curves
    curves.smoothing.slider.setValue(50)
    trained.colorblind_action.setChecked(True)
    curve = curves.curves["train_loss"]
    twin = curves.smoother._raw[id(curve)]
    assert twin.opts["pen"].color().rgb() == curve.opts["pen"].color().rgb()
    trained.colorblind_action.setChecked(False)


def test_the_smoothing_is_remembered(window, tmp_path):
    from PySide6.QtCore import QSettings

    from nnplay.ui.window_settings import restore_settings, save_settings

    window.settings = QSettings(str(tmp_path / "nnplay.ini"), QSettings.Format.IniFormat)
    window.curves.smoothing.slider.setValue(75)
    save_settings(window)
    window.curves.smoothing.slider.setValue(0)
    restore_settings(window)
    assert window.curves.smoothing.weight == 0.75 and window.gradients.smoother.weight == 0.75


def test_the_export_draws_the_smoothed_curves(trained, tmp_path):
    import imageio.v3 as iio

    trained.export_panel("loss", str(tmp_path / "raw.png"), scale=1.0)
    trained.curves.smoothing.slider.setValue(95)
    trained.export_panel("loss", str(tmp_path / "smooth.png"), scale=1.0)
    raw, smooth = (iio.imread(tmp_path / f"{n}.png").astype(int) for n in ("raw", "smooth"))
    assert raw.shape == smooth.shape and np.abs(raw - smooth).sum() > 0
