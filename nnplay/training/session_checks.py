"""What is wrong with a damaged session file's parts, in words that name the part:
a JSON value of the wrong kind ("config in session.json (the run's settings): the text
'hello', not a table of names and values"; a text was read as its letters: "unknown
settings: e, h, l, o") and each saved data array's own fault, never one "the saved data set is damaged"
for all of them. ValueErrors, which training.session prefixes with the file's name."""

from __future__ import annotations

import numpy as np

from ..data import CLASSIFICATION, REGRESSION
from ..numbers import count
from ..user_text import shown

TASKS = (CLASSIFICATION, REGRESSION)


def kind_of(value) -> str:
    """A JSON value's kind in words: "the text 'hello'", "the number 3", "a list", "null"..."""
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value:g}"
    if value is None:
        return "null"
    if isinstance(value, list):
        return f"a list of {count(len(value), 'item')}"
    return "a table" if isinstance(value, dict) else type(value).__name__


def table(value, what: str) -> dict:
    """``value`` when it is a JSON object; else ValueError naming ``what`` it should be."""
    if not isinstance(value, dict):
        raise ValueError(f"{what}: {kind_of(value)}, not a table of names and values")
    return value


def names(value, what: str) -> list[str]:
    """``value`` when it is a list of texts; else ValueError naming ``what`` it should be."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad = kind_of(value) if not isinstance(value, list) else \
            f"a list holding {kind_of(next(v for v in value if not isinstance(v, str)))}"
        raise ValueError(f"{what}: {bad}, not a list of names")
    return value


def choice(value, what: str, allowed) -> str:
    """``value`` when it is one of the texts ``allowed``; else ValueError naming ``what``."""
    if value not in allowed:
        raise ValueError(f"{what}: {kind_of(value)}, not one of {', '.join(map(repr, allowed))}")
    return value


def ranges(value, what: str) -> tuple:
    """((low, high), ...) of numbers from a JSON list of pairs; else ValueError naming ``what``."""
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in p) for p in value):
        raise ValueError(f"{what}: {kind_of(value)}, not a list of (low, high) number pairs")
    return tuple((float(lo), float(hi)) for lo, hi in value)


def _values(dtype: np.dtype) -> str:
    return {"U": "text", "S": "byte strings", "O": "Python objects"}.get(dtype.kind, f"numbers of type {dtype.name}")


def data_problem(X: np.ndarray, y: np.ndarray, mask) -> str:
    """What is wrong with the saved data arrays, naming the array ("" if nothing)."""
    if X.ndim != 2:
        return f"X.npy (the inputs) has {count(X.ndim, 'dimension')}; it needs 2, a row per example"
    if X.dtype.kind not in "biuf":
        return f"X.npy (the inputs) holds {_values(X.dtype)}, not numbers"
    if (bad := int(np.size(X) - np.count_nonzero(np.isfinite(X)))) > 0:
        return f"X.npy (the inputs) holds {count(bad, 'value')} that {'is' if bad == 1 else 'are'} not a finite number"
    if y.shape[:1] != X.shape[:1] or y.ndim != 1:
        return (f"y.npy (the targets) holds {count(y.shape[0] if y.ndim else 1, 'value')} in "
                f"{count(y.ndim, 'dimension')} for the {count(X.shape[0], 'row')} of X.npy; it needs one per row")
    if mask is not None and (mask.dtype != bool or mask.shape != X.shape[:1]):
        return (f"test_mask.npy holds {_values(mask.dtype)} ({mask.size:,}); it needs one "
                f"true/false per row of X.npy ({X.shape[0]:,})")
    return ""
