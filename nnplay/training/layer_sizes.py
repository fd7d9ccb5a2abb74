"""The hidden layers' sizes ("4,2", [4, 2], one size) read in one place, with one set of refusals.

``nnplay train --layers``, the settings text (Edit > Paste settings, ``--settings``, a lesson's setup) and
the config itself (a session file's, a script's ``TrainConfig(hidden=...)``) all read the sizes here. A bad
size is refused in one line naming it and, among several, which layer it is:
"layer 2 of '4,x': hidden layer size must be a whole number from 1 to 256, got 'x'".
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping

from ..numbers import is_whole
from ..user_text import shortened, shown
from .setting_ranges import RANGES

NO_LAYERS = ("", "none", "-")  # a text meaning "no hidden layer" (``--layers ''``, ``hidden=none``)
# sizes separated by something else than commas ("4 2", "4;2"): the refusal says how to write them
_OTHER_SEPARATOR = re.compile(r"\s*\d+(?:(?:\s*[;:|/]\s*|\s+)\d+)+\s*")


def layer_sizes(hidden) -> tuple[int, ...]:
    """The sizes of ``hidden``: a comma text ("4, 2"; "", "none" or "-" for none), one size (4 or 4.0) or a
    sequence of sizes; ValueError in one line naming the bad size, and which layer it is among several."""
    if isinstance(hidden, str):
        parts = [] if hidden.strip().lower() in NO_LAYERS else hidden.split(",")
    elif isinstance(hidden, numbers.Real) and not isinstance(hidden, bool):
        parts = [hidden]  # one layer
    elif isinstance(hidden, Mapping) or not isinstance(hidden, Iterable):  # (a table's keys are no sizes)
        raise ValueError(RANGES["hidden"].refusal(hidden))
    else:
        parts = list(hidden)
    return tuple(_size(item, k, hidden) for k, item in enumerate(parts, start=1))


def _size(item, k: int, whole) -> int:
    size = _whole(item)
    if size is not None and RANGES["hidden"].allows(size):
        return size
    said = item.strip() if isinstance(item, str) else item if size is None else size
    hint = " (separate the sizes with commas: 4,2)" if isinstance(item, str) and _OTHER_SEPARATOR.fullmatch(item) \
        else ""
    raise ValueError(f"{item_place('hidden', k, whole)}{RANGES['hidden'].refusal(said)}{hint}")


def _whole(item) -> int | None:
    """``item`` as an int ("4", 4, 4.0), or None where it is no whole number ("4.0", "x", 2.5, nan, True)."""
    if isinstance(item, str):
        try:
            return int(item)  # (a text's size is written whole: "4.0" and "1e1" are refused; "" too)
        except ValueError:
            return None
    if isinstance(item, bool) or not isinstance(item, numbers.Real):
        return None
    if isinstance(item, numbers.Integral):
        return int(item)
    return int(item) if math.isfinite(item) and is_whole(item) else None  # (a file's 1e-400, read as 0.0, is no size 0)


def item_place(key: str, k: int, whole) -> str:
    """Where the bad item ``k`` (from 1) is among several of ``whole`` (a comma text, or a list), said
    before the fault: "layer 2 of '4,zz': " (a refusal ends "got 'zz'", the item, as every refusal
    ends); "" where ``whole`` is one item, which the refusal's "got" names already."""
    several = len(whole.split(",")) if isinstance(whole, str) else len(list(whole))
    if several < 2:
        return ""
    what = "layer" if key in ("hidden", "dropout") else "item"
    return f"{what} {k} of {shown(whole) if isinstance(whole, str) else shortened(list(whole))}: "
