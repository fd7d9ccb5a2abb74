"""The heatmaps' shared colour scale moves in steps (issue 20: a colour key
whose bounds changed every frame regenerated its axis every frame), and the
key still tells the truth: the strongest cell is at least 70% of full colour."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nnplay.ui.stepped_range import FILL_AT_LEAST, SteppedScale, fine_ceil

positive = st.floats(1e-12, 1e12, allow_nan=False, allow_infinity=False)


@given(positive)
def test_a_fine_step_holds_the_value_and_is_at_most_a_third_above_it(x):
    b = fine_ceil(x)
    assert x <= b <= x * 4 / 3 * (1 + 1e-9)
    assert fine_ceil(b) == pytest.approx(b)  # a step is its own step


@given(st.lists(positive, min_size=1, max_size=50))
def test_the_bound_always_holds_the_largest_value_and_is_not_far_above_it(values):
    scale = SteppedScale()
    for v in values:
        b = scale.fit(v)
        assert FILL_AT_LEAST * b <= v * (1 + 1e-9) and v <= b


def test_a_slowly_changing_gradient_moves_the_key_rarely():
    """300 frames of a gradient shrinking 0.2% a frame (to 55%): a handful of bounds, not 300."""
    scale = SteppedScale()
    bounds = [scale.fit(0.0123 * 0.998**i) for i in range(300)]
    changes = sum(a != b for a, b in itertools.pairwise(bounds))
    assert 1 <= changes <= 3
    assert bounds[0] == pytest.approx(0.015) and bounds[-1] == pytest.approx(0.008)


@pytest.mark.parametrize("bad", [0.0, -1.0, math.inf, math.nan, 5e-324])
def test_no_bound_for_no_finite_positive_value(bad):
    """Nothing to step (a denormal's step would underflow to 0): the value is shown as it is."""
    scale = SteppedScale()
    scale.fit(0.5)
    out = scale.fit(bad)
    assert out == bad or (math.isnan(out) and math.isnan(bad))
    assert scale.shown is None
