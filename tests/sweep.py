"""A test's sweep over window sizes or zooms: one point in the default run, every other in the slow run.

A test that walks one code path over several window sizes or zooms runs, in the default
``pytest``, at the point named ``default`` (the size a fault was first seen at, or the hardest);
its other points are marked ``slow`` and run with ``pytest -m slow``, which CI runs too. The
default run stays a developer's quick check (issue 13: under two minutes on a 2-core machine);
nothing is skipped: every point still runs in CI.

    @sweep("size, zoom", [((1100, 680), 1.0), ((1024, 740), 2.0)], default=0)
    def test_...(window, size, zoom): ...
"""

from __future__ import annotations

import pytest


def sweep(argnames: str, points: list, *, ids=None, default: int = 0):
    """``pytest.mark.parametrize(argnames, points, ids=ids)``, with every point but
    ``points[default]`` marked ``slow``. ``ids``: a list (one per point), a callable, or None."""
    if not 0 <= default < len(points):
        raise ValueError(f"default={default}: the sweep has {len(points)} points")
    several = "," in argnames
    params = [pytest.param(*(point if several else (point,)),
                           id=ids[i] if isinstance(ids, (list, tuple)) else None,
                           marks=() if i == default else pytest.mark.slow)
              for i, point in enumerate(points)]
    return pytest.mark.parametrize(argnames, params, ids=ids if callable(ids) else None)
