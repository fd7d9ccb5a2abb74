"""Fault 6 of round 19: a 50-class CSV took ~20 s to load at zoom 125% with Discretize on, the window
half-updated meanwhile. The output view upsampled the screen's 100 x 100 grid of all 50 class
probabilities to a cell a pixel (400-odd a side, ~64 MB of float64) on the GUI thread, three times
on a load. It now interpolates, in each cell, only the classes likeliest at the cell's corners
(``pictures.upsampled_classes``): the same picture, a small share of the work."""

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


@pytest.mark.parametrize("k,sharp", [(50, 30.0), (50, 3.0), (12, 30.0)])
@pytest.mark.parametrize("factor", [2, 4, 5])
def test_the_classes_and_confidence_are_those_of_the_whole_upsampled_grid(k, sharp, factor):
    A = _softmax_field(k, 30, sharp)
    classes, conf = upsampled_classes(A, factor)
    fine = upsample(A, factor)
    want_classes = predicted_classes(fine.reshape(-1, k), "ce").reshape(fine.shape[:2])
    want_conf = class_confidence(fine, "ce")
    assert classes.shape == want_classes.shape == conf.shape
    assert (classes == want_classes).all()
    assert np.abs(conf - want_conf).max() < 1e-5


def test_few_classes_or_undefined_outputs_are_left_to_upsample():
    A = _softmax_field(pictures.CANDIDATES, 10, 3.0)
    assert upsampled_classes(A, 4) is None
    B = _softmax_field(20, 10, 3.0)
    B[3, 3, 0] = np.nan
    assert upsampled_classes(B, 4) is None
