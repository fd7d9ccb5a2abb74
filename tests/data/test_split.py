"""The train/test split keeps giving the same parts for the same seed (saved
runs and --seed reproduce) however it is computed."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from nnplay.data import train_test_indices


def _by_sorting(m, ratio, seed, strata=None):
    """The split as first written: each shuffled part sorted."""
    rng = np.random.default_rng(seed)
    groups = [np.arange(m)] if strata is None else [np.flatnonzero(strata == k) for k in np.unique(strata)]
    train, test = [], []
    for members in groups:
        members = rng.permutation(m) if strata is None else rng.permutation(members)
        n = min(len(members), max(1, int(round(len(members) * ratio))))
        train.append(members[:n])
        test.append(members[n:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(test))


@settings(max_examples=30, deadline=None)
@given(m=st.integers(1, 300), ratio=st.floats(0.05, 1.0), seed=st.integers(0, 2**32 - 1),
       k=st.one_of(st.none(), st.integers(1, 5)))
def test_split_is_the_sorted_shuffle_halves(m, ratio, seed, k):
    strata = None if k is None else np.arange(m) % k
    train, test = train_test_indices(m, ratio, seed, strata)
    want_train, want_test = _by_sorting(m, ratio, seed, strata)
    np.testing.assert_array_equal(train, want_train)
    np.testing.assert_array_equal(test, want_test)
    assert train.dtype == np.intp and test.dtype == np.intp
