"""Which item of a list control (a combo box, a menu of exclusive choices) shows
a setting's value, by the setting's own sense of "the same value".

A settings text, a session or a lesson gives a value as text: ``schedule=cosine``
is the item "Cosine annealing over 500 epochs" (``cosine:500``: the same
schedule, its default filled in), and a rate read back as 0.030000000000000002
is the item 0.03. Compared as stored (``QComboBox.findData``, ``==`` on the
setting's text) neither matched, and the control added a second item for the
value it already had. Every control that shows a setting finds its item here,
and adds one only for a value no item has (a rate off the list), once."""

from __future__ import annotations

import math
from collections.abc import Callable

REL_TOL = 1e-9  # numbers closer than this are one value (far below the 6 digits an item shows)


def same_value(a, b) -> bool:
    """Numbers equal to within REL_TOL (either may be an int, a float or a NumPy
    number); anything else by ``==``."""
    if _number(a) and _number(b):
        return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=0.0)
    return a == b


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) or hasattr(x, "dtype")


def index_of(values, value, same: Callable = same_value) -> int:
    """The index of the first of ``values`` that is the same as ``value``, else -1."""
    return next((i for i, v in enumerate(values) if same(v, value)), -1)


def combo_values(combo) -> list:
    """The data of every item of a QComboBox, in order."""
    return [combo.itemData(k) for k in range(combo.count())]
