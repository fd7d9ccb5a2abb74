"""Whether a picture over two inputs keeps one unit the same length on both axes.

A built-in data set's (or hand-drawn points') X₁ and X₂ are in the same units,
so the Output view locks the aspect ratio (a circle stays round). A CSV's
columns are not (temperature 0–40 against size 10–200): locked, one axis would
be squeezed into a strip and the other stretched far past the data, so each
axis is fitted to its own range instead. With one input the vertical axis is
the target, another quantity again."""

from __future__ import annotations


def same_units(data) -> bool:
    """True when the first two inputs of ``data`` (a ``data.Dataset``) share one
    unit: a generated or hand-drawn set of two or more inputs, not a CSV import."""
    return data.import_options is None and data.n_inputs > 1
