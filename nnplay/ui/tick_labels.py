"""Tick labels in one format per axis.

pyqtgraph formats each tick label on its own: on a log axis ``"%0.1g"``, so
10⁻⁴ reads "0.0001" while 10⁻⁶ reads "10⁻⁶" beside it; on a linear axis a
fixed number of decimals, except below 0.001 and from 10000 up, where
``"%g"`` gives "2e-05" beside "0.00100". Here every label of an axis is in
the same style: on a log axis powers of ten (10⁻⁴, 2·10⁻⁴, 10⁻³; the usual
scientific notation of log plots, as matplotlib's ``LogFormatterSciNotation``),
or, where a tick falls between whole mantissas, every label m·10ⁿ with the same
decimals (1.0·10⁻¹, 1.5·10⁻¹); on a linear axis decimals with the places the tick
spacing needs, or, when the axis reaches 10⁵ or stays below 10⁻³ (where decimals
are too long to read), every label as a mantissa times one power of ten with the
same decimals (0.95·10⁻⁹, 1.00·10⁻⁹). No two labels of an axis read the same.
``ui.plot_layout.TidyAxis`` formats its labels with these functions.
"""

from __future__ import annotations

import math

from ..numbers import format_number, power_of_ten, with_minus

SCIENTIFIC_FROM = 1e5  # a linear axis reaching this far (in absolute value) is labelled in powers of ten
SCIENTIFIC_BELOW = 1e-3  # and one whose values all stay below this
MOST_DECIMALS = 12


def scientific(value: float, decimals: int = 0) -> str:
    """``value`` as mantissa·10^exponent, the mantissa rounded to ``decimals``
    decimals and without trailing zeros (``2e-5 -> "2·10⁻⁵"``, ``1.5e-4, 1 ->
    "1.5·10⁻⁴"``, ``1e-4, 1 -> "1·10⁻⁴"``); 0 is "0"."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    mantissa = round(value / 10.0 ** exponent, decimals)
    if abs(mantissa) >= 10:  # rounding carried 9.99 up to 10
        exponent, mantissa = exponent + 1, mantissa / 10
    text = f"{mantissa:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}·{power_of_ten(exponent)}"


def decimals_of(step: float) -> int:
    """The fewest decimals that write ``step`` exactly (0.25 -> 2, 0.2 -> 1, 5 -> 0), at most one more than
    its first significant digit needs (1/3 -> 2)."""
    most = min(MOST_DECIMALS, max(0, math.ceil(-math.log10(step) - 1e-9) + 1))
    for places in range(most + 1):
        if math.isclose(round(step, places), step, rel_tol=1e-6):
            return places
    return most


MOST_LOG_DECIMALS = 3  # a log axis's mantissas are written exactly with at most this many decimals


def _log_parts(v: float) -> tuple[float, int]:
    """(mantissa in [1, 10), exponent) of the number 10**v."""
    exponent = math.floor(v + 1e-9)
    mantissa = 10.0 ** (v - exponent)
    if math.isclose(mantissa, 10.0, abs_tol=1e-5):
        return 1.0, exponent + 1
    return mantissa, exponent


def log_decimals(values) -> int:
    """The one number of mantissa decimals for every label of a log axis whose ticks are at
    ``values`` (log10 of the numbers): the fewest, up to MOST_LOG_DECIMALS, that write every
    mantissa exactly (0 for the decades and 2..9 of pyqtgraph's ticks, 2 for 1.55·10¹⁰,
    1.56·10¹⁰), else the fewest that keep the labels apart (never "1.56·10¹⁰" twice)."""
    found = (_log_parts(float(v)) for v in values if math.isfinite(float(v)))
    parts = list({(round(m, 9), e): (m, e) for m, e in found}.values())  # each tick once, as it is written
    for places in range(MOST_DECIMALS + 1):
        exact = places <= MOST_LOG_DECIMALS and all(math.isclose(round(m, places), m, rel_tol=1e-9) for m, _ in parts)
        if (exact or places > MOST_LOG_DECIMALS) and len({_log_text(m, e, places) for m, e in parts}) == len(parts):
            return places
    return MOST_DECIMALS


def _log_text(mantissa: float, exponent: int, places: int) -> str:
    """m·10ⁿ with ``places`` decimals; with none, a mantissa of 1 is left out (10ⁿ)."""
    if round(mantissa, places) >= 10:  # rounding carried 9.996 up to 10
        mantissa, exponent = mantissa / 10, exponent + 1
    if places == 0 and round(mantissa) == 1:
        return power_of_ten(exponent)
    return f"{mantissa:.{places}f}·{power_of_ten(exponent)}"


def log_tick_strings(values, scale: float = 1.0, together=None) -> list[str]:
    """Labels of a log axis's ticks at ``values`` (log10 of the numbers, pyqtgraph's
    view coordinates; ``scale`` multiplies the numbers), in one format with the other
    ticks of the axis, ``together`` (all its tick values; default ``values``): with
    whole mantissas a decade is 10ⁿ and a tick between decades k·10ⁿ (k = 2..9, as
    matplotlib's ``LogFormatterSciNotation``); otherwise every label m·10ⁿ with the
    same decimals (1.0·10⁻¹, 1.5·10⁻¹: never "10⁻¹" beside "1.50·10⁻¹"), see ``log_decimals``."""
    shift = math.log10(scale) if scale > 0 else 0.0
    every = [float(v) + shift for v in (values if together is None else [*together, *values])]
    places = log_decimals(every)
    out = []
    for v in values:
        v = float(v) + shift
        out.append(_log_text(*_log_parts(v), places) if math.isfinite(v) else "")
    return out


ZERO_SHARE = 1e-6  # a value this small beside its step is a rounding residue of 0 (not a tick ends' pair 200, 800)


def linear_tick_strings(values, scale: float, spacing: float, extent: tuple[float, float]) -> list[str]:
    """Labels of a linear axis's ticks at ``values`` (times ``scale``), ``spacing``
    apart, on an axis showing ``extent`` (view coordinates): see the module's
    docstring. Every label reads its tick's value exactly at the places shown."""
    scaled = [float(v) * scale for v in values]
    step = abs(spacing * scale)
    top = max(abs(float(extent[0])), abs(float(extent[1]))) * abs(scale)
    if not (math.isfinite(top) and math.isfinite(step) and step > 0):
        texts = [format_number(v, 6) for v in scaled]  # (a NaN as every missing number reads, never "nan")
    elif top >= SCIENTIFIC_FROM or 0 < top < SCIENTIFIC_BELOW:
        texts = scientific_strings(scaled, step, top)
    else:
        places = decimals_of(step)
        texts = [f"{0.0 if abs(v) < step * ZERO_SHARE else v:.{places}f}" for v in scaled]
    return [with_minus(text) for text in texts]  # the minus sign of every number a user reads


def scientific_strings(values, step: float, top: float) -> list[str]:
    """``values`` (``step`` apart, on an axis reaching ``top`` in absolute value) written
    in one format: mantissa·10ⁿ with one exponent n (that of ``top``) and the decimals
    ``step`` needs, the same for every label ("0.95·10⁻⁹", "1.00·10⁻⁹", "1.05·10⁻⁹");
    0 is "0"."""
    exponent = math.floor(math.log10(top) + 1e-9)
    step_exponent = math.floor(math.log10(step) + 1e-9)
    places = min(MOST_DECIMALS, max(0, exponent - step_exponent + decimals_of(step / 10.0 ** step_exponent)))
    out = []
    for v in values:
        if abs(v) < step * ZERO_SHARE:
            out.append("0")
        else:
            out.append(f"{v / 10.0 ** exponent:.{places}f}·{power_of_ten(exponent)}")
    return out
