"""Numbers too large to train on, however a CSV cell writes them.

A cell such as ``1e308``, ``1e400``, 400 nines or a five-million-digit number is
one fault: a number larger in size than MAX_MAGNITUDE. pandas reads the first as
a float, the second as inf, the third as a missing value (NaN) and the last as
text; ``too_large`` reads the cell's own text (digits, a decimal point or comma,
an exponent of any length) without converting it, so every one of them is named
by ``too_large_text``, with the limit."""

from __future__ import annotations

import re

from ..numbers import format_number
from ..user_text import shown

MAX_MAGNITUDE = 1e100  # larger inputs or targets overflow as soon as they are squared or subtracted
LONG_DIGITS = re.compile(r"\d{300}")  # pandas reads an integer of this many digits as a missing value
_NUMBER = re.compile(r"[+-]?(?:(\d+)(?:[.,](\d*))?|[.,](\d+))(?:[eE]([+-]?\d+))?")


def too_large(cell: str, decimal_comma: bool = False) -> bool:
    """True when ``cell`` writes a number larger in size than MAX_MAGNITUDE
    (``decimal_comma``: a comma may stand for the point, as in a ';' file)."""
    text = cell.strip()
    match = _NUMBER.fullmatch(text)
    if match is None or ("," in text and not decimal_comma):
        return False
    whole, fraction, only_fraction, exponent = match.groups()
    digits = (whole or "") + (fraction or only_fraction or "")
    significant = digits.lstrip("0")
    if not significant:
        return False  # zero
    order = len(whole or "") - (len(digits) - len(significant))  # the number is 0.<significant> x 10^order
    if exponent:
        if len(exponent.lstrip("+-").lstrip("0")) > 9:  # beyond any float either way
            return not exponent.startswith("-")
        order += int(exponent)
    if abs(order) > 400:
        return order > 0
    return float(f"0.{significant[:30]}e{order}") > MAX_MAGNITUDE


def too_large_text(cell: str) -> str:
    """The refusal of a cell ``too_large`` finds (its place is added by ``fail``)."""
    return (f"{shown(cell)} is too large to train on (nnplay takes numbers up to {format_number(MAX_MAGNITUDE)} "
            "in size; rescale the column)")
