"""A colour bar's range labelled readably.

pyqtgraph labels a ColorBarItem's axis like any axis, and drops the labels that
do not fit its narrow axis: a regression key over −36,620 … 358,400 read only
"0" and "50000". ``bar_ticks`` gives a bar three to six labels at a 1-2-5 step
across its levels, written compactly (100k, 2.5M, −0.02), in the values' own
units (the target's for the output's key).
"""

from __future__ import annotations

import math

from ..numbers import with_minus
from .tick_labels import SCIENTIFIC_BELOW, SCIENTIFIC_FROM, decimals_of, scientific_strings

MOST, LEAST = 6, 3  # labels on a bar
SUFFIXES = ((1e9, "G"), (1e6, "M"), (1e3, "k"))  # SI prefixes for compact numbers
SCIENTIFIC_ABOVE = SCIENTIFIC_FROM * SUFFIXES[0][0]  # past 100000G a label is m·10ⁿ (a weight typed as 1e300)


def compact(values: list[float], step: float) -> list[str]:
    """``values`` (``step`` apart) written shortly and in one format, with the decimals
    ``step`` needs and the SI suffix that suits them all: 350000 -> "350k", 1500000 at a step
    of 500000 -> "1.5M", -0.025 -> "−0.025", 800 beside 1000 -> "800", "1000"; 0 is "0";
    a step under 10⁻³ or values past 10¹⁴ as m·10ⁿ (tick_labels.scientific_strings)."""
    top = max((abs(v) for v in values), default=0.0)
    if (step < SCIENTIFIC_BELOW or top >= SCIENTIFIC_ABOVE) and top > 0:  # too long to read: 5·10⁻⁶, 1·10³⁰⁰
        return [with_minus(t) for t in scientific_strings(values, step, top)]
    least = min((abs(v) for v in values if v != 0), default=0.0)
    size, suffix = next(((size, suffix) for size, suffix in SUFFIXES if least >= size and step >= size / 10), (1.0, ""))
    places = decimals_of(step / size)
    return ["0" if v == 0 else with_minus(f"{v / size:.{places}f}{suffix}") for v in values]


def compact_counts(values: list[float], step: float) -> list[str]:
    """Whole numbers ``values`` (``step`` apart: epochs) written shortly, in one format: the largest SI
    suffix the values reach whose tenth ``step`` still is, with the decimals ``step`` needs of it (at
    most one): 0, 200000, 400000 -> "0", "200k", "400k"; 0 … 1500000 at 500000 -> "0.5M", "1.0M", "1.5M";
    2·10⁶ apart -> "2M"; values under 1000 as they are."""
    top = max((abs(v) for v in values), default=0.0)
    size, suffix = next(((size, suffix) for size, suffix in SUFFIXES if top >= size and step >= size / 10),
                        (1.0, ""))
    places = decimals_of(step / size) if suffix else 0
    return ["0" if v == 0 else with_minus(f"{v / size:.{places}f}{suffix}") for v in values]


def bar_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """(value, label) of LEAST to MOST ticks at a 1-2-5 step between ``lo`` and ``hi``
    (a bar's levels), the ends included when they fall on the step; [] for an empty range."""
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo):
        return []
    span = hi - lo  # (inf for ±1.7·10³⁰⁸: a float holds each end but not their distance)
    magnitude = math.log10(span) if math.isfinite(span) else math.log10(hi / 2 - lo / 2) + math.log10(2)
    decade = 10.0 ** math.floor(magnitude)
    steps = [m * decade / 10 ** k for k in range(3) for m in (5.0, 2.0, 1.0)]
    step = next((s for s in steps if (hi - lo) / s >= LEAST - 1 and _count(lo, hi, s) >= LEAST), steps[-1])
    first = math.ceil(lo / step - 1e-9)
    values = [(first + i) * step for i in range(_count(lo, hi, step))][:MOST * 2]
    if len(values) > MOST:
        values = values[::2]
        step *= 2
    return list(zip(values, compact(values, step)))


def _count(lo: float, hi: float, step: float) -> int:
    """How many multiples of ``step`` lie in [lo, hi]."""
    return max(0, math.floor(hi / step + 1e-9) - math.ceil(lo / step - 1e-9) + 1)
