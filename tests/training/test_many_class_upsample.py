"""Round 19's many-class picture (tester 20's stray pixels, tester 21's 20-second 50-class load): the
output view's class picture of a many-class grid, a cell a pixel, comes from
``pictures.upsampled_classes``, which interpolates at each point only the classes predicted at the
four grid points around it, never all k classes upsampled whole (~64 MB of float64 and seconds of the
GUI thread for 50 classes at the view's density)."""

from __future__ import annotations

import numpy as np
import pytest

from nnplay.training import pictures
from nnplay.training.pictures import class_confidence, predicted_classes, upsample, upsampled_classes


def _softmax_field(k: int, res: int, sharp: float, seed: int = 0) -> np.ndarray:
    """(res, res, k) probabilities of k classes over the plane, smooth as a network's are: each class
    a bump around a centre of its own."""
    rng = np.random.default_rng(seed)
    xs = np.linspace(-1, 1, res)
    x, y = np.meshgrid(xs, xs, indexing="ij")
    centres = rng.uniform(-1, 1, size=(k, 2))
    z = -sharp * ((x[..., None] - centres[:, 0]) ** 2 + (y[..., None] - centres[:, 1]) ** 2)
    e = np.exp(z - z.max(axis=2, keepdims=True))
    return e / e.sum(axis=2, keepdims=True)


@pytest.mark.parametrize("k,sharp", [(50, 30.0), (50, 3.0), (12, 30.0), (3, 10.0)])
@pytest.mark.parametrize("factor", [2, 4, 5])
def test_each_point_is_the_whole_upsample_where_that_is_a_class_of_its_corners(k, sharp, factor):
    """Where the argmax of all k interpolated log-probabilities is one of the classes predicted at the
    point's four grid points, the class and confidence are the whole upsample's; elsewhere (a third
    class winning between two: the stray pixel) the point is one of its corners' classes."""
    A = _softmax_field(k, 30, sharp)
    classes, conf = upsampled_classes(A, factor)
    fine = np.exp(upsample(np.log(A), factor))  # the log-probabilities interpolated (output_logits' reason)
    want = predicted_classes(fine.reshape(-1, k), "ce").reshape(fine.shape[:2])
    grid = predicted_classes(A.reshape(-1, k), "ce").reshape(A.shape[:2])
    cell = np.minimum(np.arange(fine.shape[0]) // factor, A.shape[0] - 2)
    around = np.array([grid[(cell + a)[:, None], (cell + b)[None, :]] for a in (0, 1) for b in (0, 1)])
    of_corners = (around == want).any(axis=0)
    assert classes.shape == want.shape == conf.shape
    assert (classes[of_corners] == want[of_corners]).all()
    assert np.abs(conf - class_confidence(fine, "ce"))[of_corners].max() < 1e-5
    assert (around == classes).any(axis=0).all()  # no point of a class its corners lack


def test_fifty_classes_are_never_upsampled_whole(monkeypatch):
    shapes = []
    real = pictures.upsample
    monkeypatch.setattr(pictures, "upsample", lambda a, f: (shapes.append(np.shape(a)), real(a, f))[1])
    classes, _ = upsampled_classes(_softmax_field(50, 40, 30.0), 6)
    assert classes.shape == (6 * 39 + 1,) * 2
    assert not [s for s in shapes if len(s) == 3], shapes
