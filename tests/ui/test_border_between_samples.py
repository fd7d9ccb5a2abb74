"""The class border between the grid's samples follows the network's, not the grid's cells
(tester, round 21: while playing, the output view's border stepped in blocks of about 6 pixels,
the live grid's 47 cells, and paused in blocks of 3). A trained network's outputs are saturated,
0 or 1 over most of the plane: interpolated, their 0.5 falls midway between any two samples of
different classes, a staircase. The picture interpolates the logits (pictures.output_logits)."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.training.pictures import output_from_logits, output_logits
from nnplay.ui.colors import output_class_image


def _field(res: int, slope: float, angle: float, loss: str, dtype, curve: float = 0.0) -> np.ndarray:
    """A[L] of a network whose logit is ``slope`` per grid cell across a border at ``angle`` (bent by
    ``curve``), sampled at res x res points of the unit square; (res, res) of ``dtype``."""
    t = np.linspace(0.0, 1.0, res)
    x, y = np.meshgrid(t, t, indexing="ij")
    u = (x - 0.5) * np.cos(angle) + (y - 0.45) * np.sin(angle) + curve * (x - 0.5) ** 2
    z = slope * (res - 1) * u
    return (1 / (1 + np.exp(-z)) if loss == "bce" else np.tanh(z)).astype(dtype)


@pytest.mark.parametrize("loss", ["bce", "tanh_mse"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("angle, curve", [(0.5, 0.0), (1.1, 0.0), (0.7, 0.8)])
def test_a_saturated_networks_border_is_drawn_where_it_is_not_on_the_cells(loss, dtype, angle, curve):
    res, factor = 47, 4  # the live grid, upsampled as a 200-pixel view is (decision_boundary.fine_factor)
    slope = 12.0 if loss == "bce" else 6.0  # logits a cell (tanh(z) is the sigmoid of 2z): saturated a cell off
    coarse = _field(res, slope, angle, loss, dtype, curve)  # the border
    fine = _field(factor * (res - 1) + 1, slope / factor, angle, loss, dtype, curve)  # the network at every point
    drawn = output_class_image(coarse, loss, 2, discrete=True, factor=factor)
    truth = output_class_image(fine, loss, 2, discrete=True)
    z = output_logits(_field(factor * (res - 1) + 1, slope / factor, angle, loss, np.float64, curve), loss)
    wrong = (drawn != truth).any(axis=2) & (np.abs(z) > 0.05 * slope / factor)  # (off by over 1/20 pixel)
    border = int((truth[1:] != truth[:-1]).any(axis=2).sum())
    # a straight border is exact between the samples (the cubic through points of a plane is the plane; a
    # float32 logit near saturation is a little off: a pixel 0.004 px from the border drawn across it);
    # a bent one is a few pixels off at most. Interpolated outputs were off on about a third of the border.
    assert wrong.sum() <= (0 if curve == 0 else border // 20), (int(wrong.sum()), border)


@pytest.mark.parametrize("loss", ["bce", "tanh_mse"])
def test_a_strongly_bent_border_has_no_corner_at_each_cell_edge(loss):
    """Tester 21: while playing, the border still stepped by 2-3 pixels: the logits interpolated
    bilinearly bend the level line at every cell edge (11 wrong pixels of 239 here). The picture
    interpolates them bicubically (pictures.upsample's ``cubic``: 3 wrong, 0 in float64)."""
    res, factor = 47, 4
    slope = 12.0 if loss == "bce" else 6.0
    coarse = _field(res, slope, 0.3, loss, np.float32, 2.0)
    fine = _field(factor * (res - 1) + 1, slope / factor, 0.3, loss, np.float32, 2.0)
    drawn = output_class_image(coarse, loss, 2, discrete=True, factor=factor)
    truth = output_class_image(fine, loss, 2, discrete=True)
    border = int((truth[1:] != truth[:-1]).any(axis=2).sum())
    assert int((drawn != truth).any(axis=2).sum()) <= border // 50, border


@pytest.mark.parametrize("loss", ["bce", "tanh_mse"])
def test_the_logits_keep_the_class_rule_and_come_back(loss):
    a = np.array([0.0, 1e-30, 0.25, 0.5, 0.5000001, 0.75, 1.0, np.nan], np.float64)
    if loss == "tanh_mse":
        a = 2 * a - 1
    for dtype in (np.float32, np.float64):
        A = a.astype(dtype)
        z = output_logits(A, loss)
        assert z.dtype == dtype and np.isfinite(z[:-1]).all() and np.isnan(z[-1])
        np.testing.assert_array_equal(z[:-1] >= 0, A[:-1] >= (0.5 if loss == "bce" else 0.0))
        assert (np.diff(z[:-1]) >= 0).all()  # the order of the outputs kept
        back = output_from_logits(z, loss)
        inner = slice(2, 6)
        np.testing.assert_allclose(back[inner], A[inner], rtol=1e-5)
        assert z[0] == -z[-2]  # a saturated 0 and 1 are given logits of one size
