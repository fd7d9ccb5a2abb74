"""Tick labels in one format per axis.

pyqtgraph formats each tick label on its own: on a log axis ``"%0.1g"``, so
10⁻⁴ reads "0.0001" while 10⁻⁶ reads "10⁻⁶" beside it; on a linear axis a
fixed number of decimals, except below 0.001 and from 10000 up, where
``"%g"`` gives "2e-05" beside "0.00100". Here every label of an axis is in
the same style: on a log axis powers of ten (10⁻⁴, 2·10⁻⁴, 10⁻³; the usual
scientific notation of log plots, as matplotlib's ``LogFormatterSciNotation``),
on a linear axis decimals with the places the tick spacing needs, or, when
the axis reaches 10⁵ or stays below 10⁻³ (where decimals are too long to
read), every label as a mantissa times a power of ten (2·10⁻⁵, 1.5·10⁻⁴).
``ui.plot_layout.TidyAxis`` formats its labels with these functions.
"""

from __future__ import annotations

import math

SCIENTIFIC_FROM = 1e5  # a linear axis reaching this far (in absolute value) is labelled in powers of ten
SCIENTIFIC_BELOW = 1e-3  # and one whose values all stay below this
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
MOST_DECIMALS = 12


def power_of_ten(exponent: int) -> str:
    """10 to the integer ``exponent`` as text: ``-6 -> "10⁻⁶"``, ``0 -> "10⁰"``."""
    return "10" + str(int(exponent)).translate(_SUPERSCRIPT)


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


def log_tick_strings(values, scale: float = 1.0) -> list[str]:
    """Labels of a log axis's ticks at ``values`` (log10 of the numbers, pyqtgraph's
    view coordinates; ``scale`` multiplies the numbers): a decade is 10ⁿ, a tick
    between decades k·10ⁿ (k = 2..9), any other number m·10ⁿ with 2 decimals."""
    out = []
    shift = math.log10(scale) if scale > 0 else 0.0
    for v in values:
        v = float(v) + shift
        if not math.isfinite(v):
            out.append("")
            continue
        exponent = math.floor(v + 1e-9)
        mantissa = 10.0 ** (v - exponent)
        if math.isclose(mantissa, 1.0, abs_tol=1e-6) or math.isclose(mantissa, 10.0, abs_tol=1e-5):
            out.append(power_of_ten(exponent + (mantissa > 5)))
        elif math.isclose(mantissa, round(mantissa), abs_tol=1e-6):
            out.append(f"{round(mantissa)}·{power_of_ten(exponent)}")
        else:
            out.append(f"{mantissa:.2f}·{power_of_ten(exponent)}")
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
        return [f"{v:g}" for v in scaled]
    if top >= SCIENTIFIC_FROM or 0 < top < SCIENTIFIC_BELOW:
        out = []
        for v in scaled:
            if abs(v) < step * ZERO_SHARE:
                out.append("0")
                continue
            exponent, step_exponent = math.floor(math.log10(abs(v))), math.floor(math.log10(step) + 1e-9)
            decimals = exponent - step_exponent + decimals_of(step / 10.0 ** step_exponent)  # the step's digits
            out.append(scientific(v, min(MOST_DECIMALS, max(0, decimals))))
        return out
    places = decimals_of(step)
    return [f"{0.0 if abs(v) < step * ZERO_SHARE else v:.{places}f}" for v in scaled]
