"""No property test fails for the time it takes (tests/conftest.py's Hypothesis profile):
a test machine shared with others runs an example slowly now and then, and a deadline made
that a failure ("Unreliable test timings", test_keyed_views's reflection check)."""

import time

from hypothesis import given
from hypothesis import strategies as st


def test_an_example_slower_than_hypothesis_default_deadline_does_not_fail_the_test():
    calls = []

    @given(st.integers(0, 3))
    def check(n):
        calls.append(n)
        if len(calls) == 1:
            time.sleep(0.25)  # the first example, as a loaded machine runs it: over the default 200 ms
        assert 0 <= n <= 3

    check()
    assert len(calls) > 1
