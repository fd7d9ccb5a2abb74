"""The output view's per-frame arithmetic (issue 20) gives the numbers of its rule:
bilinear interpolation between samples, NaN only between a NaN and its neighbours,
confidence in the picture's own float type."""

import numpy as np
import pytest

from nnplay.training.pictures import class_confidence, upsample


def _bilinear(a, f):
    """upsample's rule, point by point: sample (i, j) of the fine grid at (i / f, j / f) of ``a``."""
    n0, n1 = a.shape[:2]
    out = np.empty((f * (n0 - 1) + 1, f * (n1 - 1) + 1, *a.shape[2:]))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            y, x = i / f, j / f
            i0, j0 = min(int(y), n0 - 2), min(int(x), n1 - 2)
            wy, wx = y - i0, x - j0
            corners = [(i0, j0, (1 - wy) * (1 - wx)), (i0 + 1, j0, wy * (1 - wx)),
                       (i0, j0 + 1, (1 - wy) * wx), (i0 + 1, j0 + 1, wy * wx)]
            out[i, j] = sum(a[r, c] * w for r, c, w in corners if w != 0)
    return out


@pytest.mark.parametrize("factor", [2, 3])
def test_upsample_is_bilinear_and_spreads_nan_only_between_its_neighbours(factor):
    rng = np.random.default_rng(factor)
    a = rng.random((5, 4, 2)).astype(np.float32)
    a[2, 1, 0] = np.nan
    fine = upsample(a, factor)
    expected = _bilinear(a.astype(np.float64), factor)
    assert fine.dtype == np.float32 and fine.shape == expected.shape
    np.testing.assert_allclose(fine, expected, rtol=1e-5, atol=1e-6)  # NaN where expected is NaN, nowhere else
    np.testing.assert_array_equal(fine[::factor, ::factor], a)  # every sample is itself


def test_confidence_of_a_float32_picture_is_computed_in_float32():
    p = np.array([0.5, 0.75, 0.0, np.nan, 0.999], np.float32)
    c = class_confidence(p, "bce")
    assert c.dtype == np.float32
    np.testing.assert_allclose(c, [0, 0.5, 1, 0, 0.998], rtol=1e-6)
